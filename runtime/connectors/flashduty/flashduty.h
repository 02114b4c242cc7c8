#ifndef SYNCRULE_RUNTIME_CONNECTORS_FLASHDUTY_FLASHDUTY_H_
#define SYNCRULE_RUNTIME_CONNECTORS_FLASHDUTY_FLASHDUTY_H_

// The Flashduty connector: incident webhooks ("event_type": "i_new", ...)
// and alert webhooks ("a_new", ...), incident actions over the Open API.
//
// Flashduty does not sign webhooks; it lets the user add custom headers.
// The signature check is therefore "not applicable": protect the endpoint
// with HTTP authentication (a bearer token in a custom header).

#include <simdjson.h>

#include <string>
#include <vector>

#include "runtime/connectors/connector.h"

namespace syncrule::runtime::flashduty {

// Incident webhooks: {"event_id", "event_time", "event_type": "i_*",
// "incident": {...}, "person": {...}}.
inline constexpr char kFormatIncident[] = "flashduty.incident";
// Alert webhooks: the same envelope with "a_*" types and "alert".
inline constexpr char kFormatAlert[] = "flashduty.alert";

// One Flashduty event code and the syncrule event type it becomes.
struct EventCode {
  const char* code;  // "i_new"
  const char* type;  // "flashduty.incident.triggered"
  const char* doc;
};

// Returns every Flashduty event code syncrule decodes, in documentation
// order: the incident codes, then the alert codes.
const std::vector<EventCode>& EventCodes();

// Returns the Flashduty event types, fields and actions.
const ConnectorSchema& Schema();

// Decodes a Flashduty incident or alert webhook `body`. Returns kNotMine
// unless `body` has an "event_type" starting with "i_" or "a_", or an
// "event_time" beside an "incident" or "alert" object.
DecodeResult Decode(const RawDelivery& delivery, simdjson::dom::element body);

// Returns kNotApplicable: Flashduty webhooks carry no signature.
SignatureCheck VerifySignature(const RawDelivery& delivery,
                               const std::vector<std::string>& secrets);

// Returns the Flashduty connector.
const Connector& GetConnector();

}  // namespace syncrule::runtime::flashduty

#endif  // SYNCRULE_RUNTIME_CONNECTORS_FLASHDUTY_FLASHDUTY_H_
