#ifndef SYNCRULE_RUNTIME_CONNECTORS_CONNECTOR_H_
#define SYNCRULE_RUNTIME_CONNECTORS_CONNECTOR_H_

// The interface every connector (runtime/connectors/<name>/) implements: it
// declares its schema, recognises and decodes its webhook payloads, and
// checks the signatures its source puts on them. Connectors are immutable
// singletons, safe to use from any thread.

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "runtime/event.h"
#include "runtime/schema.h"

namespace syncrule::runtime {

// What a decoder made of a delivery.
enum class DecodeStatus {
  // The payload is not this connector's shape; another may claim it.
  kNotMine,
  // The payload was recognised and turned into one or more events.
  kDecoded,
  // The payload is this connector's, but it cannot be processed: an event
  // type syncrule does not handle, or a required member missing.
  kRejected,
};

// The result of decoding one delivery: a status, the events when decoded,
// and a reason naming what is wrong when not.
struct DecodeResult {
  DecodeStatus status = DecodeStatus::kNotMine;
  // One event for most formats; a PagerDuty V2 delivery batches several.
  std::vector<EventInfo> events;
  // For kRejected and kNotMine: one sentence naming the connector and what
  // is missing or unsupported ("PagerDuty V3 webhook has no
  // event.event_type").
  std::string reason;

  // Returns a result that leaves the payload to other connectors; `reason`
  // may say what was looked for.
  static DecodeResult NotMine(std::string reason = {});
  // Returns a decoded result holding `event`.
  static DecodeResult Decoded(EventInfo event);
  // Returns a decoded result holding `events` (at least one).
  static DecodeResult Decoded(std::vector<EventInfo> events);
  // Returns a rejection with `reason`.
  static DecodeResult Rejected(std::string reason);

  // Return whether the status is kDecoded, kRejected or kNotMine.
  bool decoded() const { return status == DecodeStatus::kDecoded; }
  bool rejected() const { return status == DecodeStatus::kRejected; }
  bool not_mine() const { return status == DecodeStatus::kNotMine; }
};

// The outcome of checking a delivery's signature.
enum class SignatureStatus {
  // A configured secret produced a signature the delivery carries.
  kOk,
  // The delivery carries no signature header.
  kMissingHeader,
  // The header is present but no configured secret matches it (or it is
  // malformed: wrong scheme, not hex).
  kMismatch,
  // The source does not sign deliveries (Alertmanager, Flashduty); rely on
  // HTTP authentication of the endpoint instead.
  kNotApplicable,
  // The source signs deliveries, but no secret was configured to check them.
  kNoSecret,
};

// Returns the name of `status` for logs ("ok", "missing_header").
const char* SignatureStatusName(SignatureStatus status);

// A signature check's status and a message for logs. The message names the
// header and the scheme but never a secret or an expected signature.
struct SignatureCheck {
  SignatureStatus status = SignatureStatus::kMismatch;
  std::string message;

  // Returns whether a configured secret matched.
  bool ok() const { return status == SignatureStatus::kOk; }
};

// One source of webhook events and target of actions.
class Connector {
 public:
  virtual ~Connector() = default;

  // Returns the event types, fields and actions this connector declares.
  virtual const ConnectorSchema& schema() const = 0;

  // Returns one sentence saying what payloads this connector recognises
  // ("a top-level \"webhookEvent\" string"), for "not recognised" reasons.
  virtual std::string_view shape() const = 0;

  // Decodes `body`, the parsed form of `delivery.body`. Returns kNotMine
  // when the payload is not this connector's shape, the events when it is
  // and can be processed, and a rejection with a reason otherwise. Never
  // fails on odd payloads.
  virtual DecodeResult Decode(const RawDelivery& delivery,
                              simdjson::dom::element body) const = 0;

  // Checks `delivery` against each of `secrets` (several during a secret
  // rotation); any match is enough. The result's message never contains a
  // secret.
  virtual SignatureCheck VerifySignature(
      const RawDelivery& delivery,
      const std::vector<std::string>& secrets) const = 0;

  // Returns the connector's name, the prefix of its events: "jira".
  std::string_view name() const { return schema().name; }
};

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_CONNECTORS_CONNECTOR_H_
