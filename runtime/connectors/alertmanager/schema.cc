// The Alertmanager schema: the firing and resolved event types and the
// fields of a webhook notification.

#include "runtime/schema.h"

#include <string>
#include <vector>

#include "runtime/connectors/alertmanager/alertmanager.h"
#include "runtime/connectors/static_connector.h"

namespace syncrule::runtime::alertmanager {
namespace {

using VT = ValueType;

FieldDecl Field(std::string name, ValueType type, std::string pointer,
                std::string doc) {
  return FieldDecl{
      std::move(name), type, {{kFormat, std::move(pointer)}}, std::move(doc)};
}

std::vector<FieldDecl> Fields() {
  return {
      Field("alert.status", VT::kString, "/status",
            "The group's status: \"firing\" or \"resolved\"."),
      Field("alert.group_key", VT::kString, "/groupKey",
            "The key of the alert group (the event's entity)."),
      Field("alert.receiver", VT::kString, "/receiver",
            "The receiver that sent the notification."),
      Field("alert.labels", VT::kObject, "/commonLabels",
            "The labels every alert of the group shares."),
      Field("alert.annotations", VT::kObject, "/commonAnnotations",
            "The annotations every alert of the group shares."),
      Field("alert.group_labels", VT::kObject, "/groupLabels",
            "The labels the group is formed by."),
      Field("alert.alertname", VT::kString, "/commonLabels/alertname",
            "The alert name, when the group shares one."),
      Field("alert.severity", VT::kString, "/commonLabels/severity",
            "The \"severity\" label, when the group shares one."),
      Field("alert.summary", VT::kString, "/commonAnnotations/summary",
            "The \"summary\" annotation, when the group shares one."),
      Field("alert.description", VT::kString, "/commonAnnotations/description",
            "The \"description\" annotation, when the group shares one."),
      Field("alert.alerts", VT::kList, "/alerts",
            "The alerts: \"status\", \"labels\", \"annotations\", "
            "\"startsAt\", \"endsAt\", \"generatorURL\", \"fingerprint\"."),
      Field("alert.truncated_alerts", VT::kInt, "/truncatedAlerts",
            "How many alerts max_alerts left out of alert.alerts."),
      Field("alert.external_url", VT::kString, "/externalURL",
            "The Alertmanager's own URL."),
      Field("alert.version", VT::kString, "/version",
            "The notification format version (\"4\")."),
      Field("alert.fingerprint", VT::kString, "/alerts/0/fingerprint",
            "The first alert's fingerprint."),
      Field("alert.starts_at", VT::kTime, "/alerts/0/startsAt",
            "When the first alert started firing."),
      Field("alert.generator_url", VT::kString, "/alerts/0/generatorURL",
            "The first alert's source (a Prometheus graph link)."),
  };
}

ConnectorSchema Build() {
  ConnectorSchema schema;
  schema.name = "alertmanager";
  schema.events = {
      {"alertmanager.alert.firing", "alert",
       "A notification for a group with at least one firing alert."},
      {"alertmanager.alert.resolved", "alert",
       "A notification for a group whose alerts have all resolved."},
  };
  schema.fields = Fields();
  SetFieldValues(schema.fields, "alert.status", {"firing", "resolved"});
  return schema;
}

}  // namespace

const ConnectorSchema& Schema() {
  static const ConnectorSchema* const schema = new ConnectorSchema(Build());
  return *schema;
}

const Connector& GetConnector() {
  static const StaticConnector connector(
      &Schema,
      "Alertmanager: an \"alerts\" array and a \"status\" string beside a "
      "\"groupKey\" or \"receiver\"",
      &Decode, &VerifySignature);
  return connector;
}

}  // namespace syncrule::runtime::alertmanager
