// The PagerDuty schema: event types, fields with their paths in V3 and V2
// webhook payloads, and the incident actions.

#include "runtime/schema.h"

#include <string>
#include <vector>

#include "runtime/connectors/pagerduty/pagerduty.h"
#include "runtime/connectors/static_connector.h"

namespace syncrule::runtime::pagerduty {
namespace {

using VT = ValueType;

// A field with its pointer in each format; an empty pointer means the
// format does not carry the field.
FieldDecl Field(std::string name, ValueType type, std::string v3,
                std::string v3_ref, std::string v2, std::string doc) {
  FieldDecl field{std::move(name), type, {}, std::move(doc)};
  if (!v3.empty()) field.paths.push_back({kFormatV3, std::move(v3)});
  if (!v3_ref.empty()) {
    field.paths.push_back({kFormatV3IncidentRef, std::move(v3_ref)});
  }
  if (!v2.empty()) field.paths.push_back({kFormatV2, std::move(v2)});
  return field;
}

EventTypeDecl Event(std::string v3_type, std::string doc) {
  return EventTypeDecl{"pagerduty." + v3_type, "incident", std::move(doc)};
}

std::vector<EventTypeDecl> Events() {
  return {
      Event("incident.triggered",
            "An incident was created (V2: incident.trigger)."),
      Event("incident.acknowledged",
            "An incident was acknowledged (V2: incident.acknowledge)."),
      Event("incident.unacknowledged",
            "An acknowledgement timed out (V2: incident.unacknowledge)."),
      Event("incident.resolved",
            "An incident was resolved (V2: incident.resolve)."),
      Event("incident.reassigned",
            "An incident was reassigned to other users (V2: incident.assign)."),
      Event("incident.escalated",
            "An incident was escalated within its escalation policy (V2: "
            "incident.escalate)."),
      Event("incident.delegated",
            "An incident was moved to another escalation policy (V2: "
            "incident.delegate)."),
      Event("incident.priority_updated", "An incident's priority changed."),
      Event("incident.urgency_updated", "An incident's urgency changed."),
      Event("incident.title_updated", "An incident's title changed."),
      Event("incident.service_updated",
            "An incident moved to another service."),
      Event("incident.incident_type.changed", "An incident's type changed."),
      Event("incident.annotated",
            "A note was added to an incident; note.content holds it (V2: "
            "incident.annotate)."),
      Event("incident.reopened", "A resolved incident was reopened."),
      Event("incident.responder.added",
            "A responder was asked to help with an incident."),
      Event("incident.responder.replied",
            "A responder answered a request to help."),
      Event("incident.status_update_published",
            "A status update was published; event.message holds it."),
      Event("incident.conference_bridge.updated",
            "An incident's conference bridge changed."),
      Event("incident.custom_field_values.updated",
            "An incident's custom field values changed."),
      Event("incident.workflow.started", "An incident workflow started."),
      Event("incident.workflow.completed", "An incident workflow completed."),
      Event("incident.action_invocation.created",
            "An automation action was invoked on an incident (early access)."),
      Event("incident.action_invocation.updated",
            "An automation action invocation changed state (early access)."),
      Event("incident.action_invocation.terminated",
            "An automation action invocation ended (early access)."),
      Event("incident.task.created",
            "A task was added to an incident (early access)."),
      Event("incident.task.updated",
            "An incident task changed (early access)."),
      Event("incident.task.completed",
            "An incident task was completed (early access)."),
  };
}

std::vector<FieldDecl> IncidentFields() {
  return {
      Field("incident.id", VT::kString, "/event/data/id",
            "/event/data/incident/id", "/incident/id",
            "The incident id (\"Q2CKYRLH85UNN4\")."),
      Field("incident.number", VT::kInt, "/event/data/number", "",
            "/incident/incident_number", "The incident number (37)."),
      Field("incident.title", VT::kString, "/event/data/title",
            "/event/data/incident/summary", "/incident/title",
            "The incident title."),
      Field("incident.description", VT::kString, "", "",
            "/incident/description",
            "The incident description (V2 only; V3 carries none)."),
      Field("incident.status", VT::kString, "/event/data/status", "",
            "/incident/status",
            "\"triggered\", \"acknowledged\" or \"resolved\"."),
      Field("incident.urgency", VT::kString, "/event/data/urgency", "",
            "/incident/urgency", "\"high\" or \"low\"."),
      Field("incident.priority", VT::kString, "/event/data/priority/summary",
            "", "/incident/priority/summary",
            "The priority name (\"P1\"); null when the incident has none."),
      Field("incident.priority_id", VT::kString, "/event/data/priority/id", "",
            "/incident/priority/id", "The priority's id."),
      Field("incident.service", VT::kObject, "/event/data/service",
            "/event/data/service", "/incident/service",
            "The service, an object with \"id\" and \"summary\"."),
      Field("incident.service.id", VT::kString, "/event/data/service/id",
            "/event/data/service/id", "/incident/service/id",
            "The service id."),
      Field("incident.service.name", VT::kString, "/event/data/service/summary",
            "/event/data/service/summary", "/incident/service/summary",
            "The service name."),
      Field("incident.html_url", VT::kString, "/event/data/html_url",
            "/event/data/incident/html_url", "/incident/html_url",
            "The incident's web page."),
      Field("incident.self", VT::kString, "/event/data/self",
            "/event/data/incident/self", "/incident/self",
            "The incident's REST API URL."),
      Field("incident.assignees", VT::kList, "/event/data/assignees", "", "",
            "The assigned users, objects with \"id\" and \"summary\" (V3)."),
      Field("incident.assignments", VT::kList, "", "", "/incident/assignments",
            "The assignments, objects with \"at\" and \"assignee\" (V2)."),
      Field("incident.escalation_policy", VT::kObject,
            "/event/data/escalation_policy", "", "/incident/escalation_policy",
            "The escalation policy, an object with \"id\" and \"summary\"."),
      Field("incident.escalation_policy.id", VT::kString,
            "/event/data/escalation_policy/id", "",
            "/incident/escalation_policy/id", "The escalation policy's id."),
      Field("incident.escalation_policy.name", VT::kString,
            "/event/data/escalation_policy/summary", "",
            "/incident/escalation_policy/summary",
            "The escalation policy's name."),
      Field("incident.teams", VT::kList, "/event/data/teams", "",
            "/incident/teams",
            "The teams, objects with \"id\" and \"summary\"."),
      Field("incident.created_at", VT::kTime, "/event/data/created_at", "",
            "/incident/created_at", "When the incident was created."),
      Field("incident.reopened_at", VT::kTime, "/event/data/reopened_at", "",
            "", "When the incident was last reopened; null if never."),
      Field("incident.incident_key", VT::kString, "/event/data/incident_key",
            "", "/incident/incident_key",
            "The de-duplication key of the incident."),
      Field("incident.type", VT::kString, "/event/data/incident_type/name", "",
            "", "The incident type's name (\"major\")."),
      Field("incident.conference_bridge", VT::kObject,
            "/event/data/conference_bridge", "", "",
            "The conference bridge: \"conference_number\", "
            "\"conference_url\"."),
  };
}

std::vector<FieldDecl> EventFields() {
  return {
      Field("event.id", VT::kString, "/event/id", "/event/id", "/id",
            "PagerDuty's id for this event."),
      Field("event.type", VT::kString, "/event/event_type", "/event/event_type",
            "/event",
            "PagerDuty's event type (\"incident.acknowledged\"; V2: "
            "\"incident.acknowledge\")."),
      Field("event.occurred_at", VT::kTime, "/event/occurred_at",
            "/event/occurred_at", "/created_on", "When the event happened."),
      Field("event.agent", VT::kUser, "/event/agent", "/event/agent",
            "/log_entries/0/agent",
            "Who or what caused the event, an object with \"id\", "
            "\"summary\" and \"type\"; null for automatic changes."),
      Field("event.message", VT::kString, "", "/event/data/message", "",
            "The text of a responder request or a status update."),
      Field("note.content", VT::kString, "", "/event/data/content", "",
            "The note added by incident.annotated."),
      Field("responder.user", VT::kUser, "", "/event/data/user", "",
            "The user asked to respond (responder events)."),
      Field("responder.state", VT::kString, "", "/event/data/state", "",
            "The responder request's state (\"pending\", \"joined\", "
            "\"declined\")."),
      Field("incident.custom_fields", VT::kList, "",
            "/event/data/custom_fields", "",
            "The incident's custom field values, objects with \"name\" and "
            "\"value\" (custom_field_values.updated)."),
      Field("incident.changed_custom_fields", VT::kList, "",
            "/event/data/changed_custom_fields", "",
            "The custom field values that changed."),
      Field("workflow.name", VT::kString, "",
            "/event/data/incident_workflow/summary", "",
            "The incident workflow's name (workflow events)."),
  };
}

std::vector<FieldDecl> Fields() {
  std::vector<FieldDecl> fields = IncidentFields();
  for (FieldDecl& field : EventFields()) fields.push_back(std::move(field));
  return fields;
}

ParamDecl Param(std::string name, ValueType type, bool required,
                std::string doc) {
  return ParamDecl{std::move(name), type, required, std::move(doc)};
}

ParamDecl IncidentParam() {
  return Param("incident", VT::kString, false,
               "The incident id; defaults to the incident linked to the "
               "event's entity.");
}

// Returns `decl` with a choice of parameters of which exactly one is given.
ActionDecl WithOneOf(std::vector<std::string> one_of, ActionDecl decl) {
  decl.one_of = std::move(one_of);
  return decl;
}

// An action on an existing incident.
ActionDecl OnIncident(std::string name, std::vector<ParamDecl> params,
                      std::vector<std::string> causes, std::string doc) {
  params.push_back(IncidentParam());
  return ActionDecl{
      std::move(name), std::move(params), false,         "incident",
      false,           std::move(causes), std::move(doc)};
}

ActionDecl CreateIncident() {
  return ActionDecl{
      "pagerduty.create_incident",
      {Param("service", VT::kString, true, "The service id or name."),
       Param("title", VT::kString, true, "The incident title."),
       Param("urgency", VT::kString, false, "\"high\" or \"low\"."),
       Param("priority", VT::kString, false, "A priority name (\"P1\")."),
       Param("body", VT::kString, false, "Details of the incident."),
       Param("dedup_key", VT::kString, false,
             "The incident key; PagerDuty refuses a second open incident "
             "with the same key."),
       Param("escalation_policy", VT::kString, false,
             "An escalation policy id or name, instead of the service's."),
       Param("assignee", VT::kUser, false,
             "A user to assign directly, instead of the escalation policy.")},
      false,
      "incident",
      true,
      {"pagerduty.incident.triggered"},
      "Creates an incident and links it to the event's entity."};
}

std::vector<ActionDecl> Actions() {
  return {
      CreateIncident(),
      OnIncident("pagerduty.acknowledge", {},
                 {"pagerduty.incident.acknowledged"},
                 "Acknowledges an incident."),
      OnIncident(
          "pagerduty.resolve",
          {Param("resolution", VT::kString, false,
                 "A resolution note to add.")},
          {"pagerduty.incident.resolved", "pagerduty.incident.annotated"},
          "Resolves an incident."),
      OnIncident("pagerduty.add_note",
                 {Param("content", VT::kString, true, "The note text.")},
                 {"pagerduty.incident.annotated"},
                 "Adds a note to an incident."),
      OnIncident(
          "pagerduty.set_priority",
          {Param("priority", VT::kString, true, "A priority name (\"P1\").")},
          {"pagerduty.incident.priority_updated"},
          "Sets an incident's priority."),
      OnIncident("pagerduty.set_urgency",
                 {Param("urgency", VT::kString, true, "\"high\" or \"low\".")},
                 {"pagerduty.incident.urgency_updated"},
                 "Sets an incident's urgency."),
      WithOneOf(
          {"assignee", "escalation_policy"},
          OnIncident(
          "pagerduty.reassign",
          {Param("assignee", VT::kUser, false,
                 "A user to assign; give `assignee` or "
                 "`escalation_policy`."),
           Param("escalation_policy", VT::kString, false,
                 "An escalation policy id or name to delegate to.")},
          {"pagerduty.incident.reassigned", "pagerduty.incident.delegated"},
          "Reassigns an incident to a user or an escalation policy.")),
      OnIncident("pagerduty.escalate",
                 {Param("level", VT::kInt, true,
                        "The escalation level to escalate to.")},
                 {"pagerduty.incident.escalated"},
                 "Escalates an incident to a level of its policy."),
      OnIncident("pagerduty.publish_status_update",
                 {Param("message", VT::kString, true, "The update's text.")},
                 {"pagerduty.incident.status_update_published"},
                 "Publishes a status update on an incident."),
  };
}

ConnectorSchema Build() {
  ConnectorSchema schema;
  schema.name = "pagerduty";
  schema.events = Events();
  schema.fields = Fields();
  SetFieldValues(schema.fields, "incident.status", {"triggered", "acknowledged", "resolved"});
  SetFieldValues(schema.fields, "incident.urgency", {"high", "low"});
  schema.actions = Actions();
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
      "PagerDuty: a top-level \"event\" object (V3) or \"messages\" array "
      "(V2)",
      &Decode, &VerifySignature);
  return connector;
}

}  // namespace syncrule::runtime::pagerduty
