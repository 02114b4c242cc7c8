// The Flashduty schema: event types (from Flashduty's event codes), fields
// with their paths in incident and alert webhooks, and incident actions
// (the On-call Open API: /incident/create, /incident/ack, ...).

#include "runtime/schema.h"

#include <string>
#include <vector>

#include "runtime/connectors/flashduty/flashduty.h"
#include "runtime/connectors/static_connector.h"

namespace syncrule::runtime::flashduty {
namespace {

using VT = ValueType;

FieldDecl Field(const char* format, std::string name, ValueType type,
                std::string pointer, std::string doc) {
  return FieldDecl{
      std::move(name), type, {{format, std::move(pointer)}}, std::move(doc)};
}

FieldDecl IncidentField(std::string name, ValueType type, std::string pointer,
                        std::string doc) {
  return Field(kFormatIncident, std::move(name), type, std::move(pointer),
               std::move(doc));
}

FieldDecl AlertField(std::string name, ValueType type, std::string pointer,
                     std::string doc) {
  return Field(kFormatAlert, std::move(name), type, std::move(pointer),
               std::move(doc));
}

// A field both envelopes carry at the same place.
FieldDecl EnvelopeField(std::string name, ValueType type, std::string pointer,
                        std::string doc) {
  FieldDecl field =
      IncidentField(std::move(name), type, pointer, std::move(doc));
  field.paths.push_back({kFormatAlert, std::move(pointer)});
  return field;
}

std::vector<FieldDecl> IncidentFields() {
  return {
      IncidentField("incident.id", VT::kString, "/incident/incident_id",
                    "The incident id (\"64b1352e376e32c85c56e25b\")."),
      IncidentField("incident.number", VT::kString, "/incident/num",
                    "The short incident number (\"56E25B\")."),
      IncidentField("incident.title", VT::kString, "/incident/title",
                    "The incident title."),
      IncidentField("incident.description", VT::kString,
                    "/incident/description", "The incident description."),
      IncidentField("incident.impact", VT::kString, "/incident/impact",
                    "The impact text."),
      IncidentField("incident.root_cause", VT::kString, "/incident/root_cause",
                    "The root cause text."),
      IncidentField("incident.resolution", VT::kString, "/incident/resolution",
                    "The resolution text."),
      IncidentField("incident.severity", VT::kString,
                    "/incident/incident_severity",
                    "\"Critical\", \"Warning\" or \"Info\"."),
      IncidentField("incident.status", VT::kString, "/incident/incident_status",
                    "\"Critical\", \"Warning\", \"Info\" or \"Ok\" "
                    "(recovered)."),
      IncidentField("incident.progress", VT::kString, "/incident/progress",
                    "\"Triggered\", \"Processing\" or \"Closed\"."),
      IncidentField("incident.channel_id", VT::kInt, "/incident/channel_id",
                    "The channel id; 0 when in no channel."),
      IncidentField("incident.channel_name", VT::kString,
                    "/incident/channel_name", "The channel name."),
      IncidentField("incident.labels", VT::kObject, "/incident/labels",
                    "Labels, string to string (those of the first alert)."),
      IncidentField("incident.fields", VT::kObject, "/incident/fields",
                    "Custom fields by name."),
      IncidentField("incident.detail_url", VT::kString, "/incident/detail_url",
                    "The incident's web page."),
      IncidentField("incident.responders", VT::kList, "/incident/responders",
                    "Responders: \"person_id\", \"person_name\", \"email\", "
                    "\"assigned_at\", \"acknowledged_at\"."),
      IncidentField("incident.assigned_to", VT::kObject,
                    "/incident/assigned_to",
                    "The assignment: escalation rule or people."),
      IncidentField("incident.creator", VT::kUser, "/incident/creator",
                    "Who created the incident by hand."),
      IncidentField("incident.closer", VT::kUser, "/incident/closer",
                    "Who closed the incident by hand."),
      IncidentField("incident.alert_count", VT::kInt, "/incident/alert_cnt",
                    "How many alerts the incident groups."),
      IncidentField("incident.dedup_key", VT::kString, "/incident/dedup_key",
                    "The de-duplication key."),
      IncidentField("incident.group_method", VT::kString,
                    "/incident/group_method",
                    "\"n\" (none), \"p\" (rules) or \"i\" (intelligent)."),
      IncidentField("incident.created_at", VT::kInt, "/incident/created_at",
                    "When the incident was created, Unix seconds."),
      IncidentField("incident.updated_at", VT::kInt, "/incident/updated_at",
                    "When the incident was last updated, Unix seconds."),
      IncidentField("incident.start_time", VT::kInt, "/incident/start_time",
                    "When the incident triggered, Unix seconds."),
      IncidentField("incident.ack_time", VT::kInt, "/incident/ack_time",
                    "First acknowledgement, Unix seconds; 0 if none."),
      IncidentField("incident.end_time", VT::kInt, "/incident/end_time",
                    "When all alerts recovered, Unix seconds; 0 if not."),
      IncidentField("incident.close_time", VT::kInt, "/incident/close_time",
                    "When the incident was closed, Unix seconds; 0 if not."),
  };
}

std::vector<FieldDecl> AlertFields() {
  return {
      AlertField("alert.id", VT::kString, "/alert/alert_id", "The alert id."),
      AlertField("alert.key", VT::kString, "/alert/alert_key",
                 "The alert's association key."),
      AlertField("alert.title", VT::kString, "/alert/title",
                 "The alert title."),
      AlertField("alert.description", VT::kString, "/alert/description",
                 "The alert description."),
      AlertField("alert.severity", VT::kString, "/alert/alert_severity",
                 "\"Critical\", \"Warning\" or \"Info\"."),
      AlertField("alert.status", VT::kString, "/alert/alert_status",
                 "\"Critical\", \"Warning\", \"Info\" or \"Ok\"."),
      AlertField("alert.progress", VT::kString, "/alert/progress",
                 "\"Triggered\" or \"Closed\"."),
      AlertField("alert.labels", VT::kObject, "/alert/labels",
                 "Labels, string to string."),
      AlertField("alert.channel_id", VT::kInt, "/alert/channel_id",
                 "The channel id."),
      AlertField("alert.channel_name", VT::kString, "/alert/channel_name",
                 "The channel name."),
      AlertField("alert.integration_name", VT::kString,
                 "/alert/data_source_name", "The integration's name."),
      AlertField("alert.integration_type", VT::kString,
                 "/alert/data_source_type",
                 "The integration's type (\"aliyun-sls.alert\")."),
      AlertField("alert.event_count", VT::kInt, "/alert/event_cnt",
                 "How many events the alert groups."),
      AlertField("alert.start_time", VT::kInt, "/alert/start_time",
                 "First event, Unix seconds."),
      AlertField("alert.last_time", VT::kInt, "/alert/last_time",
                 "Latest event, Unix seconds."),
      AlertField("alert.end_time", VT::kInt, "/alert/end_time",
                 "Recovery, Unix seconds; 0 if not recovered."),
      AlertField("alert.incident_id", VT::kString,
                 "/alert/incident/incident_id",
                 "The incident the alert belongs to."),
      AlertField("alert.incident_title", VT::kString, "/alert/incident/title",
                 "The title of the incident the alert belongs to."),
  };
}

std::vector<FieldDecl> Fields() {
  std::vector<FieldDecl> fields = IncidentFields();
  for (FieldDecl& field : AlertFields()) fields.push_back(std::move(field));
  fields.push_back(EnvelopeField("event.id", VT::kString, "/event_id",
                                 "Flashduty's id for this event; retries "
                                 "repeat it."));
  fields.push_back(EnvelopeField("event.code", VT::kString, "/event_type",
                                 "Flashduty's event code (\"i_ack\")."));
  fields.push_back(EnvelopeField("event.time", VT::kTime, "/event_time",
                                 "When the event happened, epoch ms."));
  fields.push_back(EnvelopeField(
      "event.person", VT::kUser, "/person",
      "Who acted: \"person_id\", \"person_name\", \"email\"; null for "
      "automatic changes."));
  return fields;
}

std::vector<EventTypeDecl> Events() {
  std::vector<EventTypeDecl> events;
  for (const EventCode& code : EventCodes()) {
    const std::string type = code.type;
    const char* entity =
        type.rfind("flashduty.alert.", 0) == 0 ? "alert" : "incident";
    events.push_back({type, entity, code.doc});
  }
  return events;
}

ParamDecl Param(std::string name, ValueType type, bool required,
                std::string doc) {
  return ParamDecl{std::move(name), type, required, std::move(doc)};
}

ActionDecl OnIncident(std::string name, std::vector<ParamDecl> params,
                      std::vector<std::string> causes, std::string doc) {
  params.push_back(Param("incident", VT::kString, false,
                         "The incident id; defaults to the incident linked "
                         "to the event's entity."));
  return ActionDecl{
      std::move(name), std::move(params), false,         "incident",
      false,           std::move(causes), std::move(doc)};
}

ActionDecl CreateIncident() {
  return ActionDecl{
      "flashduty.create_incident",
      {Param("channel", VT::kInt, true, "The channel id to file it in."),
       Param("title", VT::kString, true, "The title, up to 512 characters."),
       Param("severity", VT::kString, false,
             "\"Critical\", \"Warning\" (the default) or \"Info\"."),
       Param("description", VT::kString, false,
             "The description, up to 1024 characters."),
       Param("assignees", VT::kList, false,
             "People to assign, by person id or e-mail."),
       Param("escalation_rule", VT::kString, false,
             "An escalation rule id to assign instead.")},
      false,
      "incident",
      true,
      {"flashduty.incident.triggered"},
      "Creates an incident and links it to the event's entity."};
}

std::vector<ActionDecl> Actions() {
  return {
      CreateIncident(),
      OnIncident("flashduty.acknowledge", {},
                 {"flashduty.incident.acknowledged"},
                 "Acknowledges an incident."),
      OnIncident("flashduty.unacknowledge", {},
                 {"flashduty.incident.unacknowledged"},
                 "Withdraws an incident's acknowledgement."),
      OnIncident("flashduty.resolve",
                 {Param("root_cause", VT::kString, false, "A root cause."),
                  Param("resolution", VT::kString, false, "A resolution.")},
                 {"flashduty.incident.resolved"}, "Closes an incident."),
      OnIncident("flashduty.reopen",
                 {Param("reason", VT::kString, false, "Why it is reopened.")},
                 {"flashduty.incident.reopened"}, "Reopens an incident."),
      OnIncident("flashduty.comment",
                 {Param("body", VT::kString, true, "The comment text.")},
                 {"flashduty.incident.commented"},
                 "Adds a comment to an incident."),
      OnIncident("flashduty.set_severity",
                 {Param("severity", VT::kString, true,
                        "\"Critical\", \"Warning\" or \"Info\".")},
                 {"flashduty.incident.severity_updated"},
                 "Sets an incident's severity."),
      OnIncident(
          "flashduty.update",
          {Param("title", VT::kString, false, "A new title."),
           Param("description", VT::kString, false, "A new description."),
           Param("impact", VT::kString, false, "A new impact text."),
           Param("root_cause", VT::kString, false, "A new root cause."),
           Param("resolution", VT::kString, false, "A new resolution.")},
          {"flashduty.incident.title_updated",
           "flashduty.incident.description_updated",
           "flashduty.incident.impact_updated",
           "flashduty.incident.root_cause_updated",
           "flashduty.incident.resolution_updated"},
          "Updates an incident's text fields."),
      OnIncident("flashduty.assign",
                 {Param("assignees", VT::kList, false,
                        "People to assign, by person id or e-mail."),
                  Param("escalation_rule", VT::kString, false,
                        "An escalation rule id to assign instead.")},
                 {"flashduty.incident.assigned"}, "Reassigns an incident."),
      OnIncident(
          "flashduty.snooze",
          {Param("minutes", VT::kInt, true, "How long, 1 to 1440 minutes.")},
          {"flashduty.incident.snoozed"}, "Snoozes an incident."),
  };
}

ConnectorSchema Build() {
  ConnectorSchema schema;
  schema.name = "flashduty";
  schema.events = Events();
  schema.fields = Fields();
  SetFieldValues(schema.fields, "incident.severity", {"Critical", "Warning", "Info"});
  SetFieldValues(schema.fields, "incident.status", {"Critical", "Warning", "Info", "Ok"});
  SetFieldValues(schema.fields, "incident.progress", {"Triggered", "Processing", "Closed"});
  SetFieldValues(schema.fields, "alert.severity", {"Critical", "Warning", "Info"});
  SetFieldValues(schema.fields, "alert.status", {"Critical", "Warning", "Info", "Ok"});
  SetFieldValues(schema.fields, "alert.progress", {"Triggered", "Closed"});
  schema.actions = Actions();
  return schema;
}

}  // namespace

const std::vector<EventCode>& EventCodes() {
  static const std::vector<EventCode>* const codes = new std::vector<EventCode>{
      {"i_new", "flashduty.incident.triggered",
       "An incident was created, automatically or by hand."},
      {"i_assign", "flashduty.incident.assigned", "An incident was assigned."},
      {"i_snooze", "flashduty.incident.snoozed", "An incident was snoozed."},
      {"i_wake", "flashduty.incident.unsnoozed",
       "An incident's snooze was cancelled."},
      {"i_ack", "flashduty.incident.acknowledged",
       "An incident was acknowledged."},
      {"i_unack", "flashduty.incident.unacknowledged",
       "An incident's acknowledgement was withdrawn."},
      {"i_storm", "flashduty.incident.storm_warning",
       "An incident raised a storm warning (many alerts)."},
      {"i_custom", "flashduty.incident.custom_action",
       "A custom action was run on an incident."},
      {"i_rslv", "flashduty.incident.resolved",
       "An incident was closed, automatically or by hand."},
      {"i_reopen", "flashduty.incident.reopened", "An incident was reopened."},
      {"i_merge", "flashduty.incident.merged",
       "An incident was merged into another."},
      {"i_comm", "flashduty.incident.commented",
       "A comment was added to an incident."},
      {"i_r_title", "flashduty.incident.title_updated",
       "An incident's title changed."},
      {"i_r_desc", "flashduty.incident.description_updated",
       "An incident's description changed."},
      {"i_r_impact", "flashduty.incident.impact_updated",
       "An incident's impact changed."},
      {"i_r_rc", "flashduty.incident.root_cause_updated",
       "An incident's root cause changed."},
      {"i_r_rsltn", "flashduty.incident.resolution_updated",
       "An incident's resolution changed."},
      {"i_r_severity", "flashduty.incident.severity_updated",
       "An incident's severity changed."},
      {"i_r_field", "flashduty.incident.field_updated",
       "A custom field of an incident changed."},
      {"a_new", "flashduty.alert.triggered",
       "An integration pushed an event that opened a new alert."},
      {"a_update", "flashduty.alert.updated",
       "An event merged into an alert and changed it."},
      {"a_merge", "flashduty.alert.merged",
       "An alert was merged into an incident."},
      {"a_close", "flashduty.alert.closed", "An alert was closed by hand."},
  };
  return *codes;
}

const ConnectorSchema& Schema() {
  static const ConnectorSchema* const schema = new ConnectorSchema(Build());
  return *schema;
}

const Connector& GetConnector() {
  static const StaticConnector connector(
      &Schema,
      "Flashduty: a top-level \"event_type\" starting with \"i_\" or \"a_\", "
      "or an \"event_time\" beside an \"incident\" or \"alert\" object",
      &Decode, &VerifySignature);
  return connector;
}

}  // namespace syncrule::runtime::flashduty
