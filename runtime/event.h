#ifndef SYNCRULE_RUNTIME_EVENT_H_
#define SYNCRULE_RUNTIME_EVENT_H_

// An event as the runtime sees it after a connector's decoder has
// recognised a raw webhook payload: which connector and event type it is,
// which entity it concerns, and the payload itself, parsed once.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace syncrule::runtime {

// HTTP headers of a delivery, with lower-cased names.
using Headers = std::map<std::string, std::string>;

// A raw delivery: what arrived on a webhook endpoint, or one line of an
// events file.
struct RawDelivery {
  // The connector it was sent to, when known ("pagerduty"); empty means
  // the decoders recognise it by shape.
  std::string source;
  Headers headers;
  std::string body;
};

// What a decoder learned about a delivery. The payload stays where it is;
// fields are read from it through the schema's paths for `format`.
struct EventInfo {
  // The connector: "jira", "pagerduty", "flashduty", "gitlab", "alertmanager".
  std::string source;
  // The event type: "pagerduty.incident.triggered".
  std::string type;
  // The payload format, which selects field paths: "pagerduty.v3".
  std::string format;
  // The delivery's own id, for idempotency (PagerDuty event id, a hash of
  // the body when the payload has none).
  std::string id;
  // Where the event sits in the payload: a JSON Pointer that is prefixed to
  // every field path of `format`. Empty (the whole payload) for every
  // format but batched ones: "/messages/1" for the second message of a
  // PagerDuty V2 delivery, which carries several events in one body.
  std::string root;
  // The entity kind and id the event concerns ("incident", "Q1ABC"); events
  // of one entity are processed in order.
  std::string entity;
  std::string entity_id;
  // When the event happened, epoch milliseconds (0 when unknown).
  int64_t occurred_ms = 0;
};

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_EVENT_H_
