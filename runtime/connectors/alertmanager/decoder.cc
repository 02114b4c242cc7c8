// Decoding Alertmanager webhook notifications into events.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/connectors/alertmanager/alertmanager.h"
#include "runtime/connectors/digest.h"
#include "runtime/connectors/payload.h"
#include "runtime/connectors/timestamp.h"

namespace syncrule::runtime::alertmanager {
namespace {

using Element = simdjson::dom::element;

bool LooksLikeNotification(Element body) {
  return ArrayAt(body, "/alerts").has_value() &&
         StringAt(body, "/status").has_value() &&
         (StringAt(body, "/groupKey").has_value() ||
          StringAt(body, "/receiver").has_value());
}

// The latest change in the group: the newest start of a firing alert or end
// of a resolved one. Alertmanager does not say when it sent the
// notification.
int64_t LatestChangeMs(simdjson::dom::array alerts) {
  int64_t latest = 0;
  for (Element alert : alerts) {
    const bool resolved = StringAt(alert, "/status") == "resolved";
    const std::optional<std::string_view> time =
        StringAt(alert, resolved ? "/endsAt" : "/startsAt");
    if (time) latest = std::max(latest, ParseTimestampMs(*time).value_or(0));
  }
  return latest;
}

}  // namespace

DecodeResult Decode(const RawDelivery& delivery, Element body) {
  if (!LooksLikeNotification(body)) return DecodeResult::NotMine();
  const std::string_view status = *StringAt(body, "/status");
  if (status != "firing" && status != "resolved") {
    return DecodeResult::Rejected("Alertmanager notification has status " +
                                  QuoteForMessage(status) +
                                  "; expected \"firing\" or \"resolved\"");
  }
  const std::optional<std::string> group_key = IdAt(body, "/groupKey");
  if (!group_key) {
    return DecodeResult::Rejected("Alertmanager notification has no groupKey");
  }
  EventInfo event;
  event.source = "alertmanager";
  event.type = "alertmanager.alert." + std::string(status);
  event.format = kFormat;
  // Notifications carry no id; a repeat (repeat_interval) with nothing new
  // has the same body, and so the same id.
  event.id = StableId("alertmanager", {delivery.body});
  event.entity = "alert";
  event.entity_id = *group_key;
  event.occurred_ms = LatestChangeMs(*ArrayAt(body, "/alerts"));
  return DecodeResult::Decoded(std::move(event));
}

}  // namespace syncrule::runtime::alertmanager
