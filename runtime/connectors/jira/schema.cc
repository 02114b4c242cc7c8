// The Jira schema: event types, fields with their paths in Jira webhook
// payloads, and the issue actions.

#include "runtime/schema.h"

#include <string>
#include <vector>

#include "runtime/connectors/jira/jira.h"
#include "runtime/connectors/static_connector.h"

namespace syncrule::runtime::jira {
namespace {

using VT = ValueType;

FieldDecl Field(std::string name, ValueType type, std::string pointer,
                std::string doc) {
  return FieldDecl{
      std::move(name), type, {{kFormat, std::move(pointer)}}, std::move(doc)};
}

std::vector<EventTypeDecl> Events() {
  return {
      {"jira.issue.created", "issue", "An issue was created."},
      {"jira.issue.updated", "issue",
       "An issue changed: fields, status (a transition), assignee; on Jira "
       "Server also a comment (event.issue_event_type is "
       "\"issue_commented\")."},
      {"jira.issue.deleted", "issue", "An issue was deleted."},
      {"jira.comment.created", "issue",
       "A comment was added to an issue; comment.* and issue.* are set."},
      {"jira.comment.updated", "issue", "A comment on an issue was edited."},
      {"jira.comment.deleted", "issue", "A comment on an issue was deleted."},
  };
}

std::vector<FieldDecl> IssueFields() {
  return {
      Field("issue.id", VT::kString, "/issue/id",
            "The issue's numeric id, as a string (\"10040\")."),
      Field("issue.key", VT::kString, "/issue/key",
            "The issue key (\"OPS-123\")."),
      Field("issue.self", VT::kString, "/issue/self",
            "The issue's REST API URL (webhooks carry no browse URL)."),
      Field("issue.summary", VT::kString, "/issue/fields/summary",
            "The issue's summary (title)."),
      Field("issue.description", VT::kString, "/issue/fields/description",
            "The issue's description, in wiki markup."),
      Field("issue.status", VT::kString, "/issue/fields/status/name",
            "The status name (\"In Progress\")."),
      Field("issue.status_category", VT::kString,
            "/issue/fields/status/statusCategory/key",
            "The status category key: \"new\", \"indeterminate\" or "
            "\"done\"."),
      Field("issue.resolution", VT::kString, "/issue/fields/resolution/name",
            "The resolution name (\"Done\"); null while unresolved."),
      Field("issue.priority", VT::kString, "/issue/fields/priority/name",
            "The priority name (\"High\")."),
      Field("issue.type", VT::kString, "/issue/fields/issuetype/name",
            "The issue type name (\"Bug\")."),
      Field("issue.project", VT::kString, "/issue/fields/project/key",
            "The project key (\"OPS\")."),
      Field("issue.project_name", VT::kString, "/issue/fields/project/name",
            "The project name."),
      Field("issue.labels", VT::kStringList, "/issue/fields/labels",
            "The issue's labels."),
      Field("issue.assignee", VT::kUser, "/issue/fields/assignee",
            "The assignee; null when unassigned."),
      Field("issue.reporter", VT::kUser, "/issue/fields/reporter",
            "The reporter."),
      Field("issue.creator", VT::kUser, "/issue/fields/creator",
            "The user who created the issue."),
      Field("issue.components", VT::kList, "/issue/fields/components",
            "The components, objects with \"name\" and \"id\"."),
      Field("issue.fix_versions", VT::kList, "/issue/fields/fixVersions",
            "The fix versions, objects with \"name\" and \"id\"."),
      Field("issue.created", VT::kTime, "/issue/fields/created",
            "When the issue was created."),
      Field("issue.updated", VT::kTime, "/issue/fields/updated",
            "When the issue was last updated."),
      Field("issue.resolved", VT::kTime, "/issue/fields/resolutiondate",
            "When the issue was resolved; null while unresolved."),
      Field("issue.due_date", VT::kString, "/issue/fields/duedate",
            "The due date, \"YYYY-MM-DD\"; null when not set."),
      Field("issue.parent", VT::kString, "/issue/fields/parent/key",
            "The parent issue's key, for subtasks and child issues."),
      Field("issue.environment", VT::kString, "/issue/fields/environment",
            "The environment field."),
      Field("issue.fields", VT::kObject, "/issue/fields",
            "All fields by id, custom fields included "
            "(issue.fields.customfield_10010)."),
  };
}

std::vector<FieldDecl> CommentAndEventFields() {
  return {
      Field("comment.id", VT::kString, "/comment/id", "The comment's id."),
      Field("comment.body", VT::kString, "/comment/body",
            "The comment text, in wiki markup."),
      Field("comment.author", VT::kUser, "/comment/author",
            "The comment's author."),
      Field("comment.update_author", VT::kUser, "/comment/updateAuthor",
            "The user who last edited the comment."),
      Field("comment.created", VT::kTime, "/comment/created",
            "When the comment was written."),
      Field("comment.updated", VT::kTime, "/comment/updated",
            "When the comment was last edited."),
      Field("changelog", VT::kList, "/changelog/items",
            "What changed, objects with \"field\", \"fromString\", "
            "\"toString\" (issue events only)."),
      Field("event.user", VT::kUser, "/user",
            "The user whose action sent the webhook (issue events)."),
      Field("event.webhook_event", VT::kString, "/webhookEvent",
            "Jira's event name (\"jira:issue_updated\")."),
      Field("event.issue_event_type", VT::kString, "/issue_event_type_name",
            "Jira's finer issue event name (\"issue_assigned\", "
            "\"issue_commented\", \"issue_generic\")."),
      Field("event.timestamp", VT::kTime, "/timestamp",
            "When Jira sent the event, epoch milliseconds."),
  };
}

std::vector<FieldDecl> Fields() {
  std::vector<FieldDecl> fields = IssueFields();
  for (FieldDecl& field : CommentAndEventFields()) {
    fields.push_back(std::move(field));
  }
  return fields;
}

ParamDecl Param(std::string name, ValueType type, bool required,
                std::string doc) {
  return ParamDecl{std::move(name), type, required, std::move(doc)};
}

ParamDecl IssueParam() {
  return Param("issue", VT::kString, false,
               "The issue key; defaults to the issue linked to the event's "
               "entity.");
}

ActionDecl CreateIssue() {
  return ActionDecl{
      "jira.create_issue",
      {Param("project", VT::kString, true, "The project key."),
       Param("type", VT::kString, true, "The issue type name (\"Bug\")."),
       Param("summary", VT::kString, true, "The summary."),
       Param("description", VT::kString, false, "The description."),
       Param("priority", VT::kString, false, "The priority name."),
       Param("labels", VT::kStringList, false, "Labels to set."),
       Param("assignee", VT::kUser, false, "The assignee."),
       Param("reporter", VT::kUser, false, "The reporter."),
       Param("components", VT::kStringList, false, "Component names."),
       Param("fields", VT::kObject, false,
             "Other fields by id or name, custom fields included."),
       Param("status", VT::kString, false,
             "A status to transition the new issue to.")},
      false,
      "issue",
      true,
      {"jira.issue.created", "jira.issue.updated"},
      "Creates an issue and links it to the event's entity."};
}

ActionDecl Transition() {
  ActionDecl decl{
      "jira.transition",
      {Param("to", VT::kString, false,
             "The target status or transition name; give `to` or "
             "`transitions`."),
       Param("transitions", VT::kStringList, false,
             "Transition names tried in order, stopping at the first that "
             "fails."),
       Param("resolution", VT::kString, false,
             "The resolution to set, when the transition screen takes one."),
       IssueParam()},
      false,
      "issue",
      false,
      {"jira.issue.updated"},
      "Moves an issue through its workflow."};
  decl.one_of = {"to", "transitions"};
  return decl;
}

ActionDecl Comment() {
  return ActionDecl{
      "jira.comment",
      {Param("body", VT::kString, true, "The comment text."), IssueParam()},
      false,
      "issue",
      false,
      // Jira Server also sends jira:issue_updated ("issue_commented").
      {"jira.comment.created", "jira.issue.updated"},
      "Adds a comment to an issue."};
}

ActionDecl SetFields() {
  return ActionDecl{"jira.set_fields",
                    {Param("fields", VT::kObject, true,
                           "Fields by id or name, custom fields included."),
                     IssueParam()},
                    false,
                    "issue",
                    false,
                    {"jira.issue.updated"},
                    "Sets fields of an issue."};
}

ActionDecl Assign() {
  return ActionDecl{
      "jira.assign",
      {Param("assignee", VT::kUser, true, "The new assignee; null unassigns."),
       IssueParam()},
      false,
      "issue",
      false,
      {"jira.issue.updated"},
      "Assigns an issue."};
}

ConnectorSchema Build() {
  ConnectorSchema schema;
  schema.name = "jira";
  schema.events = Events();
  schema.fields = Fields();
  schema.actions = {CreateIssue(), Transition(), Comment(), SetFields(),
                    Assign()};
  return schema;
}

}  // namespace

const ConnectorSchema& Schema() {
  static const ConnectorSchema* const schema = new ConnectorSchema(Build());
  return *schema;
}

const Connector& GetConnector() {
  static const StaticConnector connector(
      &Schema, "Jira: a top-level \"webhookEvent\" string", &Decode,
      &VerifySignature);
  return connector;
}

}  // namespace syncrule::runtime::jira
