#ifndef SYNCRULE_RUNTIME_CONNECTORS_ALERTMANAGER_ALERTMANAGER_H_
#define SYNCRULE_RUNTIME_CONNECTORS_ALERTMANAGER_ALERTMANAGER_H_

// The Prometheus Alertmanager connector: webhook notifications (format
// version 4).
//
// A notification reports a group of alerts. One delivery is one event, typed
// by the group's "status": alertmanager.alert.firing while any alert of the
// group fires, alertmanager.alert.resolved once all have resolved. The
// group's common labels and annotations are alert.labels and
// alert.annotations; every alert is in alert.alerts. The entity is the group
// (its groupKey), so that a group's firing and resolved notifications are
// ordered and link to the same issue.
//
// Alertmanager does not sign webhooks; it authenticates with HTTP basic
// auth or a bearer token (http_config), which the HTTP layer checks.

#include <simdjson.h>

#include <string>
#include <vector>

#include "runtime/connectors/connector.h"

namespace syncrule::runtime::alertmanager {

// Webhook notifications, version 4.
inline constexpr char kFormat[] = "alertmanager.v4";

// Returns the Alertmanager event types and fields (it has no actions).
const ConnectorSchema& Schema();

// Decodes an Alertmanager notification `body`. Returns kNotMine unless
// `body` has an "alerts" array, a "status" string and a "groupKey" or
// "receiver".
DecodeResult Decode(const RawDelivery& delivery, simdjson::dom::element body);

// Returns kNotApplicable: Alertmanager does not sign webhooks.
SignatureCheck VerifySignature(const RawDelivery& delivery,
                               const std::vector<std::string>& secrets);

// Returns the Alertmanager connector.
const Connector& GetConnector();

}  // namespace syncrule::runtime::alertmanager

#endif  // SYNCRULE_RUNTIME_CONNECTORS_ALERTMANAGER_ALERTMANAGER_H_
