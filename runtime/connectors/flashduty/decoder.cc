// Decoding Flashduty incident and alert webhooks into events.

#include <optional>
#include <string>
#include <string_view>

#include "runtime/connectors/digest.h"
#include "runtime/connectors/flashduty/flashduty.h"
#include "runtime/connectors/payload.h"

namespace syncrule::runtime::flashduty {
namespace {

bool HasPrefix(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool LooksLikeFlashduty(simdjson::dom::element body) {
  if (std::optional<std::string_view> type = StringAt(body, "/event_type")) {
    if (HasPrefix(*type, "i_") || HasPrefix(*type, "a_")) return true;
  }
  return IntAt(body, "/event_time").has_value() &&
         (IsObjectAt(body, "/incident") || IsObjectAt(body, "/alert"));
}

const EventCode* FindCode(std::string_view code) {
  for (const EventCode& candidate : EventCodes()) {
    if (candidate.code == code) return &candidate;
  }
  return nullptr;
}

// What an incident or an alert event needs: where its id is and what it is.
struct Kind {
  const char* entity;
  const char* format;
  const char* id_pointer;
  const char* id_name;
};

constexpr Kind kIncident = {"incident", kFormatIncident,
                            "/incident/incident_id", "incident.incident_id"};
constexpr Kind kAlert = {"alert", kFormatAlert, "/alert/alert_id",
                         "alert.alert_id"};

}  // namespace

DecodeResult Decode(const RawDelivery& delivery, simdjson::dom::element body) {
  if (!LooksLikeFlashduty(body)) return DecodeResult::NotMine();
  const std::optional<std::string_view> code = StringAt(body, "/event_type");
  if (!code) {
    return DecodeResult::Rejected("Flashduty webhook has no event_type");
  }
  const EventCode* mapping = FindCode(*code);
  if (mapping == nullptr) {
    return DecodeResult::Rejected("Flashduty event type " +
                                  QuoteForMessage(*code) +
                                  " is not known to syncrule");
  }
  const Kind& kind = HasPrefix(*code, "i_") ? kIncident : kAlert;
  const std::optional<std::string> entity_id = IdAt(body, kind.id_pointer);
  if (!entity_id) {
    return DecodeResult::Rejected("Flashduty " + std::string(*code) +
                                  " webhook has no " + kind.id_name);
  }
  EventInfo event;
  event.source = "flashduty";
  event.type = mapping->type;
  event.format = kind.format;
  // Not value_or: its argument would hash the whole body for every event.
  std::optional<std::string> id = IdAt(body, "/event_id");
  event.id = id ? std::move(*id) : StableId("flashduty", {delivery.body});
  event.entity = kind.entity;
  event.entity_id = *entity_id;
  event.occurred_ms = IntAt(body, "/event_time").value_or(0);
  return DecodeResult::Decoded(std::move(event));
}

}  // namespace syncrule::runtime::flashduty
