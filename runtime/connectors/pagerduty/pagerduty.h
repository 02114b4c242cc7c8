#ifndef SYNCRULE_RUNTIME_CONNECTORS_PAGERDUTY_PAGERDUTY_H_
#define SYNCRULE_RUNTIME_CONNECTORS_PAGERDUTY_PAGERDUTY_H_

// The PagerDuty connector: V3 webhooks ({"event": {...}}, one event per
// delivery) and legacy V2 webhooks ({"messages": [...]}, a batch), incident
// actions over the REST API, and the X-PagerDuty-Signature check.
//
// Event types are "pagerduty." plus the V3 event type
// ("pagerduty.incident.triggered"); V2 events map onto the same names
// (incident.trigger -> pagerduty.incident.triggered).

#include <simdjson.h>

#include <string>
#include <vector>

#include "runtime/connectors/connector.h"

namespace syncrule::runtime::pagerduty {

// V3 deliveries whose event.data is the incident itself (triggered,
// acknowledged, resolved, priority_updated, ...).
inline constexpr char kFormatV3[] = "pagerduty.v3";
// V3 deliveries whose event.data is something attached to an incident and
// names it in event.data.incident (a note, a responder request, a status
// update, a workflow run, custom field values...).
inline constexpr char kFormatV3IncidentRef[] = "pagerduty.v3.incident_ref";
// One message of a V2 delivery; paths are relative to EventInfo::root
// ("/messages/0").
inline constexpr char kFormatV2[] = "pagerduty.v2";

// Returns the PagerDuty event types, fields and actions.
const ConnectorSchema& Schema();

// Decodes a PagerDuty webhook `body` (the parsed `delivery.body`): a V3
// incident event, or every message of a V2 delivery. Returns kNotMine when
// `body` has neither a top-level "event" object nor a "messages" array.
DecodeResult Decode(const RawDelivery& delivery, simdjson::dom::element body);

// Checks the `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>...]` header, an
// HMAC-SHA256 of the body per signing secret, against each of `secrets`.
// V2 webhooks are unsigned: do not configure secrets for them.
SignatureCheck VerifySignature(const RawDelivery& delivery,
                               const std::vector<std::string>& secrets);

// Returns the PagerDuty connector.
const Connector& GetConnector();

}  // namespace syncrule::runtime::pagerduty

#endif  // SYNCRULE_RUNTIME_CONNECTORS_PAGERDUTY_PAGERDUTY_H_
