#include "runtime/connectors/registry.h"

#include <string>
#include <utility>
#include <vector>

#include "runtime/connectors/alertmanager/alertmanager.h"
#include "runtime/connectors/flashduty/flashduty.h"
#include "runtime/connectors/gitlab/gitlab.h"
#include "runtime/connectors/jira/jira.h"
#include "runtime/connectors/pagerduty/pagerduty.h"
#include "runtime/connectors/payload.h"

namespace syncrule::runtime {
namespace {

std::string ConnectorNames() {
  std::string names;
  for (const Connector* connector : AllConnectors()) {
    if (!names.empty()) names.append(", ");
    names.append(connector->name());
  }
  return names;
}

std::string Shapes() {
  std::string shapes;
  for (const Connector* connector : AllConnectors()) {
    if (!shapes.empty()) shapes.append("; ");
    shapes.append(connector->shape());
  }
  return shapes;
}

DecodeResult DecodeAs(const Connector& connector, const RawDelivery& delivery,
                      simdjson::dom::element body) {
  DecodeResult result = connector.Decode(delivery, body);
  if (result.not_mine()) {
    return DecodeResult::Rejected(
        "payload sent as " + std::string(connector.name()) +
        " is not a webhook of that source; looked for " +
        std::string(connector.shape()));
  }
  return result;
}

DecodeResult DecodeByShape(const RawDelivery& delivery,
                           simdjson::dom::element body) {
  if (!body.is_object()) {
    return DecodeResult::NotMine(std::string("payload is ") +
                                 JsonTypeWord(body) +
                                 ", not an object; no connector decodes it");
  }
  std::vector<std::string> claimants;
  DecodeResult claimed;
  for (const Connector* connector : AllConnectors()) {
    DecodeResult result = connector->Decode(delivery, body);
    if (result.not_mine()) continue;
    claimants.emplace_back(connector->name());
    claimed = std::move(result);
  }
  if (claimants.empty()) {
    return DecodeResult::NotMine(
        "no connector recognises the payload; looked "
        "for " +
        Shapes());
  }
  if (claimants.size() > 1) {
    std::string names;
    for (const std::string& name : claimants) {
      names.append(names.empty() ? "" : " and ").append(name);
    }
    return DecodeResult::Rejected("payload is ambiguous: it has the shape of " +
                                  names + "; give the delivery a source");
  }
  return claimed;
}

}  // namespace

std::span<const Connector* const> AllConnectors() {
  static const Connector* const kConnectors[] = {
      &jira::GetConnector(), &pagerduty::GetConnector(),
      &flashduty::GetConnector(), &gitlab::GetConnector(),
      &alertmanager::GetConnector()};
  return kConnectors;
}

const Connector* FindConnector(std::string_view name) {
  for (const Connector* connector : AllConnectors()) {
    if (connector->name() == name) return connector;
  }
  return nullptr;
}

DecodeResult DecodeDelivery(const RawDelivery& delivery,
                            simdjson::dom::element body) {
  if (delivery.source.empty()) return DecodeByShape(delivery, body);
  const Connector* connector = FindConnector(delivery.source);
  if (connector == nullptr) {
    return DecodeResult::Rejected("unknown source " +
                                  QuoteForMessage(delivery.source) +
                                  "; the connectors are " + ConnectorNames());
  }
  return DecodeAs(*connector, delivery, body);
}

}  // namespace syncrule::runtime
