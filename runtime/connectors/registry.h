#ifndef SYNCRULE_RUNTIME_CONNECTORS_REGISTRY_H_
#define SYNCRULE_RUNTIME_CONNECTORS_REGISTRY_H_

// All connectors, found by name, and decoding a delivery by its declared
// source or, when it has none, by the shape of its payload.

#include <simdjson.h>

#include <span>
#include <string_view>

#include "runtime/connectors/connector.h"
#include "runtime/event.h"

namespace syncrule::runtime {

// Returns every connector: jira, pagerduty, flashduty, gitlab, alertmanager.
std::span<const Connector* const> AllConnectors();

// Returns the connector called `name` ("jira"), or nullptr.
const Connector* FindConnector(std::string_view name);

// Decodes `body`, the parsed `delivery.body`. When `delivery.source` names a
// connector, only that one decodes, and a payload it does not recognise is
// rejected. Otherwise every connector is tried: exactly one must claim the
// payload; none gives kNotMine with a reason listing what was looked for,
// several give a rejection naming them.
DecodeResult DecodeDelivery(const RawDelivery& delivery,
                            simdjson::dom::element body);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_CONNECTORS_REGISTRY_H_
