// Decoding PagerDuty V3 and V2 webhooks into events.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/connectors/digest.h"
#include "runtime/connectors/pagerduty/pagerduty.h"
#include "runtime/connectors/payload.h"
#include "runtime/connectors/timestamp.h"

namespace syncrule::runtime::pagerduty {
namespace {

// Most messages decoded from one V2 delivery. PagerDuty batches the
// messages of a short window; a larger body is not a real delivery, and
// the bound keeps one request's work small.
constexpr size_t kMaxV2Messages = 100;

// V2 event names and the V3 names they map to.
struct V2Mapping {
  std::string_view v2;
  std::string_view type;
};

constexpr V2Mapping kV2Mappings[] = {
    {"incident.trigger", "pagerduty.incident.triggered"},
    {"incident.acknowledge", "pagerduty.incident.acknowledged"},
    {"incident.unacknowledge", "pagerduty.incident.unacknowledged"},
    {"incident.resolve", "pagerduty.incident.resolved"},
    {"incident.assign", "pagerduty.incident.reassigned"},
    {"incident.escalate", "pagerduty.incident.escalated"},
    {"incident.delegate", "pagerduty.incident.delegated"},
    {"incident.annotate", "pagerduty.incident.annotated"},
};

bool IsDeclaredType(std::string_view type) {
  for (const EventTypeDecl& event : Schema().events) {
    if (event.name == type) return true;
  }
  return false;
}

int64_t TimeAt(simdjson::dom::element root, std::string_view pointer) {
  const std::optional<std::string_view> text = StringAt(root, pointer);
  return text ? ParseTimestampMs(*text).value_or(0) : 0;
}

// Explains why a V3 event type that is not declared is not decoded.
std::string UnhandledV3Type(std::string_view event_type) {
  if (event_type == "pagey.ping") {
    return "PagerDuty V3 pagey.ping is a test delivery from PagerDuty; it "
           "carries no incident";
  }
  if (!event_type.starts_with("incident.")) {
    return "PagerDuty V3 event type " + QuoteForMessage(event_type) +
           " is not an incident event; syncrule decodes incident.* events";
  }
  return "PagerDuty V3 event type " + QuoteForMessage(event_type) +
         " is not known to syncrule";
}

DecodeResult DecodeV3(const RawDelivery& delivery,
                      simdjson::dom::element body) {
  const std::optional<std::string_view> event_type =
      StringAt(body, "/event/event_type");
  if (!event_type) {
    return DecodeResult::Rejected(
        "PagerDuty V3 webhook has no event.event_type");
  }
  const std::string type = "pagerduty." + std::string(*event_type);
  if (!IsDeclaredType(type)) {
    return DecodeResult::Rejected(UnhandledV3Type(*event_type));
  }
  if (!IsObjectAt(body, "/event/data")) {
    return DecodeResult::Rejected("PagerDuty V3 " + std::string(*event_type) +
                                  " webhook has no event.data object");
  }
  // An incident's own data has no "incident" member; what hangs off an
  // incident (a note, a responder request) names it there.
  const bool is_ref = IsObjectAt(body, "/event/data/incident");
  const std::optional<std::string> incident_id =
      IdAt(body, is_ref ? "/event/data/incident/id" : "/event/data/id");
  if (!incident_id) {
    return DecodeResult::Rejected(
        "PagerDuty V3 " + std::string(*event_type) +
        " webhook names no incident (no event.data.id or "
        "event.data.incident.id)");
  }
  EventInfo event;
  event.source = "pagerduty";
  event.type = type;
  event.format = is_ref ? kFormatV3IncidentRef : kFormatV3;
  // Not value_or: its argument would hash the whole body for every event.
  std::optional<std::string> id = IdAt(body, "/event/id");
  event.id = id ? std::move(*id) : StableId("pagerduty", {delivery.body});
  event.entity = "incident";
  event.entity_id = *incident_id;
  event.occurred_ms = TimeAt(body, "/event/occurred_at");
  return DecodeResult::Decoded(std::move(event));
}

// Decodes message `index` of a V2 delivery into `event`, or returns why not.
std::optional<std::string> DecodeV2Message(const RawDelivery& delivery,
                                           simdjson::dom::element message,
                                           size_t index, EventInfo& event) {
  const std::string where = "PagerDuty V2 message " + std::to_string(index);
  const std::optional<std::string_view> name = StringAt(message, "/event");
  if (!name) return where + " has no \"event\"";
  const V2Mapping* mapping = nullptr;
  for (const V2Mapping& candidate : kV2Mappings) {
    if (candidate.v2 == *name) mapping = &candidate;
  }
  if (mapping == nullptr) {
    return where + " has event " + QuoteForMessage(*name) +
           ", which is not a V2 incident event";
  }
  const std::optional<std::string> incident_id = IdAt(message, "/incident/id");
  if (!incident_id) return where + " has no incident.id";
  event.source = "pagerduty";
  event.type = std::string(mapping->type);
  event.format = kFormatV2;
  event.root = "/messages/" + std::to_string(index);
  std::optional<std::string> id = IdAt(message, "/id");
  event.id = id ? std::move(*id)
                : StableId("pagerduty", {delivery.body, std::to_string(index)});
  event.entity = "incident";
  event.entity_id = *incident_id;
  event.occurred_ms = TimeAt(message, "/created_on");
  return std::nullopt;
}

DecodeResult DecodeV2(const RawDelivery& delivery,
                      simdjson::dom::array messages) {
  if (messages.size() == 0) {
    return DecodeResult::Rejected("PagerDuty V2 webhook has no messages");
  }
  if (messages.size() > kMaxV2Messages) {
    return DecodeResult::Rejected(
        "PagerDuty V2 webhook has " + std::to_string(messages.size()) +
        " messages; at most " + std::to_string(kMaxV2Messages) +
        " are accepted");
  }
  std::vector<EventInfo> events;
  size_t index = 0;
  for (simdjson::dom::element message : messages) {
    EventInfo event;
    if (std::optional<std::string> error =
            DecodeV2Message(delivery, message, index, event)) {
      return DecodeResult::Rejected(std::move(*error));
    }
    events.push_back(std::move(event));
    ++index;
  }
  return DecodeResult::Decoded(std::move(events));
}

}  // namespace

DecodeResult Decode(const RawDelivery& delivery, simdjson::dom::element body) {
  if (IsObjectAt(body, "/event")) return DecodeV3(delivery, body);
  if (std::optional<simdjson::dom::array> messages =
          ArrayAt(body, "/messages")) {
    return DecodeV2(delivery, *messages);
  }
  return DecodeResult::NotMine();
}

}  // namespace syncrule::runtime::pagerduty
