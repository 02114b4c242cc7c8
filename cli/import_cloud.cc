// `syncrule import pagerduty-jira-cloud`: PagerDuty's Jira Cloud integration
// rules (GET /integration-jira-cloud/accounts_mappings/{id}/rules[/{rule_id}])
// as rule files. See docs/import.md for the mapping table.

#include <string>
#include <vector>

#include "cli/import_common.h"

namespace syncrule::cli::import {
namespace {

// What the rules of one vendor rule share.
struct Cloud {
  std::string path;        // JSON path of the vendor rule
  std::string name;        // the vendor rule's name
  std::string service_id;  // config.service.id
  std::string project;     // config.jira.project.key
  std::string issue_type;  // config.jira.issue_type.name
  std::string status_map;  // map name, or "" without one
  std::string ack_status, resolved_status;
  std::string priority_map;  // map name, or "" without priorities
  std::string summary = "incident.title";
  std::string description;
  std::vector<std::pair<std::string, std::string>> fields;  // Jira field -> expression
};

std::string ServiceCondition(const Cloud& c) {
  return "incident.service.id == " + Quote(c.service_id);
}

// The status map: PagerDuty status -> Jira status name.
std::string StatusMap(const Json& mapping, Cloud& c, Context& context) {
  std::string at = Member(Member(c.path, "config.jira"), "status_mapping");
  std::vector<std::pair<std::string, std::string>> entries;
  for (const char* status : {"triggered", "acknowledged", "resolved"}) {
    if (!mapping.contains(status) || mapping[status].is_null()) continue;
    std::string name = StringAt(mapping[status], "name");
    if (name.empty()) {
      context.Report(Member(at, status),
                     "Jira status for '" + std::string(status) + "' given by id only",
                     "not translated, because transitions are made by status name");
      continue;
    }
    entries.emplace_back(status, Quote(name));
    if (std::string(status) == "acknowledged") c.ack_status = name;
    if (std::string(status) == "resolved") c.resolved_status = name;
  }
  if (entries.empty()) return "";
  c.status_map = context.UniqueIdent(Slug(c.name) + "_status");
  return RenderMap(c.status_map, entries, "");
}

// The priority map: PagerDuty priority id -> Jira priority (by id).
std::string PriorityMap(const Json& priorities, Cloud& c, Context& context) {
  if (!priorities.is_array() || priorities.empty()) return "";
  std::vector<std::pair<std::string, std::string>> entries;
  for (size_t i = 0; i < priorities.size(); ++i) {
    std::string pd = StringAt(priorities[i], "pagerduty_id");
    std::string jira = StringAt(priorities[i], "jira_id");
    if (pd.empty() || jira.empty()) {
      context.Report(Index(Member(c.path, "config.jira.priorities"), i), "priority mapping",
                     "not translated, because it lacks pagerduty_id or jira_id");
      continue;
    }
    entries.emplace_back(pd, "{\"id\": " + Quote(jira) + "}");
  }
  if (entries.empty()) return "";
  c.priority_map = context.UniqueIdent(Slug(c.name) + "_priority");
  return "# PagerDuty priority id => Jira priority (by id); unmapped priorities are left\n"
         "# to Jira's default.\n" +
         RenderMap(c.priority_map, entries, "");
}

// One custom field mapping; returns false (reported) when untranslatable.
void CustomField(const Json& field, const std::string& at, Cloud& c, Context& context) {
  std::string target = StringAt(field, "target_issue_field");
  std::string type = StringAt(field, "type");
  std::string expression;
  if (type == "attribute") {
    std::string source = StringAt(field, "source_incident_field");
    std::optional<std::string> value = IncidentAttribute(source);
    if (!value) {
      context.Report(at, "custom field mapping from '" + source + "'",
                     "not translated, because PagerDuty's incident webhooks do not carry " +
                         (source.empty() ? std::string("an unnamed attribute") : source));
      return;
    }
    expression = *value;
  } else if (type == "const" || type == "jira_value") {
    expression = field.contains("value") ? Literal(field["value"]) : "null";
  } else {
    context.Report(at, "custom field mapping of type '" + type + "'",
                   "not translated, because the API documents only attribute, const and "
                   "jira_value");
    return;
  }
  if (target.empty()) {
    context.Report(at, "custom field mapping without target_issue_field", "not translated");
  } else if (target == "summary") {
    c.summary = expression;
  } else if (target == "description") {
    c.description = expression;
  } else {
    c.fields.emplace_back(target, expression);
  }
}

void CustomFields(const Json& fields, Cloud& c, Context& context) {
  if (!fields.is_array()) return;
  std::string at = Member(c.path, "config.jira.custom_fields");
  for (size_t i = 0; i < fields.size(); ++i) CustomField(fields[i], Index(at, i), c, context);
}

Action CreateIssue(const Cloud& c, const std::string& summary) {
  Action create{
      "jira.create_issue",
      {{"project", Quote(c.project)}, {"type", Quote(c.issue_type)}, {"summary", summary}}};
  if (!c.description.empty()) create.args.emplace_back("description", c.description);
  if (!c.status_map.empty()) {
    create.args.emplace_back("status", c.status_map + "[incident.status]");
  }
  std::vector<std::pair<std::string, std::string>> fields;
  if (!c.priority_map.empty()) {
    fields.emplace_back("priority", c.priority_map + "[incident.priority_id]");
  }
  for (const auto& field : c.fields) fields.push_back(field);
  if (!fields.empty()) create.args.emplace_back("fields", RenderObject(fields));
  return create;
}

void CreateRules(const Json& jira, const Cloud& c, Context& context, std::string* out) {
  if (IsTrue(jira, "create_issue_on_incident_trigger")) {
    RuleText automatic;
    automatic.name = context.UniqueRuleName(c.name + ": create an issue when an incident triggers");
    automatic.on = {"pagerduty.incident.triggered"};
    automatic.when = {ServiceCondition(c)};
    automatic.actions = {CreateIssue(c, c.summary)};
    out->append("\n").append(RenderRule(automatic));
  }
  RuleText manual;
  manual.name = context.UniqueRuleName(c.name + ": create an issue from this incident");
  manual.comments = {
      "The incident's \"Create Jira Issue\" action: syncrule fire RULE --event FILE."};
  manual.manual = true;
  manual.on = {"pagerduty.incident.triggered", "pagerduty.incident.acknowledged",
               "pagerduty.incident.resolved"};
  manual.when = {ServiceCondition(c)};
  manual.actions = {CreateIssue(c, c.summary)};
  out->append("\n").append(RenderRule(manual));
}

void SyncRules(const Cloud& c, Context& context, std::string* out) {
  if (!c.status_map.empty()) {
    RuleText status;
    status.name = context.UniqueRuleName(c.name + ": incident status moves the issue");
    status.on = {"pagerduty.incident.acknowledged", "pagerduty.incident.unacknowledged",
                 "pagerduty.incident.resolved", "pagerduty.incident.reopened"};
    status.when = {ServiceCondition(c) + " and linked(jira.issue)",
                   c.status_map + "[incident.status] != null"};
    status.actions = {{"jira.transition", {{"to", c.status_map + "[incident.status]"}}}};
    out->append("\n").append(RenderRule(status));
  }
  if (!c.priority_map.empty()) {
    std::string lookup = c.priority_map + "[incident.priority_id]";
    RuleText priority;
    priority.name = context.UniqueRuleName(c.name + ": incident priority sets the issue priority");
    priority.on = {"pagerduty.incident.priority_updated"};
    priority.when = {ServiceCondition(c) + " and linked(jira.issue)", lookup + " != null"};
    priority.actions = {{"jira.set_fields", {{"fields", "{\"priority\": " + lookup + "}"}}}};
    out->append("\n").append(RenderRule(priority));
  }
  std::pair<std::string, const char*> back[] = {{c.ack_status, "pagerduty.acknowledge"},
                                                {c.resolved_status, "pagerduty.resolve"}};
  for (const auto& [status, action] : back) {
    if (status.empty()) continue;
    RuleText rule;
    rule.name =
        context.UniqueRuleName(c.name + ": issue moved to " + status + " updates the incident");
    rule.on = {"jira.issue.updated"};
    rule.when = {"issue.project == " + Quote(c.project) + " and linked(pagerduty.incident)",
                 "issue.status changed to " + Quote(status)};
    rule.actions = {{action, {}}};
    out->append("\n").append(RenderRule(rule));
  }
}

void NotesRules(const Json& jira, const Cloud& c, Context& context, std::string* out) {
  const Json* user = jira.contains("sync_notes_user") ? &jira["sync_notes_user"] : nullptr;
  if (user == nullptr || user->is_null()) return;
  std::string who = StringAt(*user, "name") + " <" + StringAt(*user, "email") + ">";
  if (context.Once("pagerduty notes")) {
    RuleText notes;
    notes.name = context.UniqueRuleName("incident notes become issue comments");
    notes.comments = {"Notes and comments sync (sync_notes_user). Written once for every imported",
                      "rule: a note event does not say which service its incident is on."};
    notes.on = {"pagerduty.incident.annotated"};
    notes.when = {"linked(jira.issue) and not starts_with(note.content, \"Jira comment by \")"};
    notes.actions = {{"jira.comment", {{"body", "\"PagerDuty note: \" + note.content"}}}};
    out->append("\n").append(RenderRule(notes));
  }
  RuleText comments;
  comments.name = context.UniqueRuleName(c.name + ": issue comments become incident notes");
  comments.comments = {"PagerDuty writes these notes as " + who + "."};
  comments.on = {"jira.comment.created"};
  comments.when = {"issue.project == " + Quote(c.project) + " and linked(pagerduty.incident)",
                   "not starts_with(comment.body, \"PagerDuty note: \")"};
  comments.actions = {
      {"pagerduty.add_note",
       {{"content", "\"Jira comment by ${comment.author.displayName}: ${comment.body}\""}}}};
  out->append("\n").append(RenderRule(comments));
}

void JqlRule(const Json& rule, const Json& jira, const Cloud& c, Context& context,
             std::string* out) {
  std::string jql = StringAt(jira, "autocreate_jql");
  if (jql.find_first_not_of(" \t\r\n") == std::string::npos) return;
  std::string at = Member(c.path, "config.jira.autocreate_jql");
  if (jql.find('`') != std::string::npos) {
    context.Report(at, "autocreate JQL", "not translated, because it contains a backtick");
    return;
  }
  if (!StringAt(rule, "autocreate_jql_disabled_until").empty()) {
    context.Report(Member(c.path, "autocreate_jql_disabled_until"),
                   "JQL auto-creation paused by PagerDuty until " +
                       StringAt(rule, "autocreate_jql_disabled_until"),
                   "not translated, because a pause is vendor state: the imported rule pages now");
  }
  RuleText page;
  page.name = context.UniqueRuleName(c.name + ": issues matching JQL open incidents");
  page.on = {"jira.issue.created"};
  page.jql = jql;
  page.actions = {{"pagerduty.create_incident",
                   {{"service", Quote(c.service_id)},
                    {"title", "\"${issue.key}: ${issue.summary}\""},
                    {"dedup_key", "issue.key"}}}};
  out->append("\n").append(RenderRule(page));
}

bool ReadBasics(const Json& rule, Cloud& c, Context& context) {
  const Json& config = rule["config"];
  const Json empty = Json::object();
  const Json& jira = config.contains("jira") ? config["jira"] : empty;
  c.name = StringAt(rule, "name").empty() ? "PagerDuty rule" : StringAt(rule, "name");
  c.service_id = config.contains("service") ? StringAt(config["service"], "id") : "";
  c.project = jira.contains("project") ? StringAt(jira["project"], "key") : "";
  c.issue_type = jira.contains("issue_type") ? StringAt(jira["issue_type"], "name") : "";
  const char* missing = c.service_id.empty()   ? "config.service.id"
                        : c.project.empty()    ? "config.jira.project.key"
                        : c.issue_type.empty() ? "config.jira.issue_type.name"
                                               : nullptr;
  if (missing != nullptr) {
    context.Report(Member(c.path, missing), "required setting",
                   "missing, so the whole rule is not translated");
    return false;
  }
  if (rule.contains("enabled") && rule["enabled"].is_boolean() && !rule["enabled"].get<bool>()) {
    context.Report(Member(c.path, "enabled"), "disabled rule \"" + c.name + "\"",
                   "not translated, because rule files have no disabled state; enable it in "
                   "PagerDuty and import again, or leave it out");
    return false;
  }
  return true;
}

void CheckKnown(const Json& rule, const std::string& path, Context& context) {
  ReportUnknown(rule, path,
                {"id", "name", "enabled", "config", "account_mapping", "created_at", "updated_at",
                 "autocreate_jql_disabled_reason", "autocreate_jql_disabled_until"},
                context);
  ReportUnknown(rule["config"], Member(path, "config"), {"jira", "service", "version"}, context);
  if (rule["config"].contains("jira")) {
    ReportUnknown(rule["config"]["jira"], Member(path, "config.jira"),
                  {"autocreate_jql", "create_issue_on_incident_trigger", "custom_fields",
                   "issue_type", "priorities", "project", "status_mapping", "sync_notes_user"},
                  context);
  }
}

std::optional<ImportedRule> ImportOne(const RuleAt& at, Context& context) {
  const Json& rule = *at.rule;
  Cloud c;
  c.path = at.path;
  if (!ReadBasics(rule, c, context)) return std::nullopt;
  CheckKnown(rule, at.path, context);
  const Json& jira = rule["config"]["jira"];
  std::string service_name = StringAt(rule["config"]["service"], "summary");
  std::string text =
      "# " +
      OneLine("PagerDuty Jira Cloud rule \"" + c.name + "\"" +
              (StringAt(rule, "id").empty() ? "" : " (" + StringAt(rule, "id") + ")") +
              ": service " + (service_name.empty() ? c.service_id : service_name) +
              " <-> Jira project " + c.project + ", issue type " + c.issue_type + ".") +
      "\n\n";
  if (jira.contains("status_mapping")) text += StatusMap(jira["status_mapping"], c, context);
  if (jira.contains("priorities")) {
    std::string map = PriorityMap(jira["priorities"], c, context);
    text += (map.empty() || c.status_map.empty() ? "" : "\n") + map;
  }
  if (jira.contains("custom_fields")) CustomFields(jira["custom_fields"], c, context);
  CreateRules(jira, c, context, &text);
  SyncRules(c, context, &text);
  NotesRules(jira, c, context, &text);
  JqlRule(rule, jira, c, context, &text);
  return ImportedRule{c.name, text, at.path};
}

}  // namespace

void ImportJiraCloud(const std::vector<RuleAt>& rules, Context& context,
                     std::vector<ImportedRule>* out) {
  for (const RuleAt& at : rules) {
    if (std::optional<ImportedRule> imported = ImportOne(at, context)) {
      out->push_back(std::move(*imported));
    }
  }
}

}  // namespace syncrule::cli::import
