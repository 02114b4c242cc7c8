// `syncrule import pagerduty-jira-server`: PagerDuty's Jira Server
// integration rules (GET /rules, GET /rules/{id}) as rule files. See
// docs/import.md for the mapping table.

#include <map>
#include <string>
#include <vector>

#include "cli/import_common.h"

namespace syncrule::cli::import {
namespace {

// What the rules of one vendor rule share.
struct Server {
  std::string path;
  std::string name;
  std::vector<std::string> services;  // PagerDuty service ids
  std::vector<std::string> projects;  // Jira project keys
  std::string issue_type;             // the first issue type's name
};

// PagerDuty incident actions (the API's pd_events) -> event types.
std::optional<std::string> EventType(const std::string& action) {
  static const std::map<std::string, std::string> kEvents = {
      {"incident.trigger", "pagerduty.incident.triggered"},
      {"incident.acknowledge", "pagerduty.incident.acknowledged"},
      {"incident.unacknowledge", "pagerduty.incident.unacknowledged"},
      {"incident.resolve", "pagerduty.incident.resolved"},
      {"incident.escalate", "pagerduty.incident.escalated"},
      {"incident.assign", "pagerduty.incident.reassigned"},
      {"incident.delegate", "pagerduty.incident.delegated"},
  };
  auto it = kEvents.find(action);
  if (it == kEvents.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> LabelsOf(const Json& list, const char* key) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const Json& item : list) {
    if (!StringAt(item, key).empty()) out.push_back(StringAt(item, key));
  }
  return out;
}

std::string InList(const std::string& field, const std::vector<std::string>& values) {
  if (values.size() == 1) return field + " == " + Quote(values[0]);
  return field + " in " + QuoteList(values);
}

// The `when`s of a condition object: priorities and urgency.
std::vector<std::string> Conditions(const Json& condition, const Server& s) {
  std::vector<std::string> when = {InList("incident.service.id", s.services)};
  if (condition.contains("pd_urgency") && condition["pd_urgency"].is_string()) {
    when.push_back("incident.urgency == " + Quote(condition["pd_urgency"].get<std::string>()));
  }
  if (condition.contains("pd_priorities")) {
    std::vector<std::string> ids = LabelsOf(condition["pd_priorities"], "id");
    if (!ids.empty()) when.push_back(InList("incident.priority_id", ids));
  }
  return when;
}

// One token of a description or label list: text, or an incident field.
struct Token {
  bool field = false;
  std::string value;  // the text, or the field's expression
};

// The tokens of a list ({"icon": "pd", "key": attribute} or {"icon": "text",
// "key": text}); untranslatable attributes are reported and left out. With
// `labelled`, a field is preceded by its label: "Incident URL: <url>".
std::vector<Token> Tokens(const Json& tokens, const std::string& at, bool labelled,
                          Context& context) {
  std::vector<Token> parts;
  if (!tokens.is_array()) return parts;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string key = StringAt(tokens[i], "key");
    if (StringAt(tokens[i], "icon") != "pd") {
      parts.push_back({false, key});
      continue;
    }
    std::optional<std::string> value = IncidentAttribute(key);
    if (!value) {
      context.Report(Index(at, i), "incident attribute '" + key + "'",
                     "not translated, because PagerDuty's incident webhooks do not carry it");
      continue;
    }
    std::string label = StringAt(tokens[i], "label");
    if (labelled && !label.empty()) parts.push_back({false, label + ": "});
    parts.push_back({true, *value});
  }
  return parts;
}

// A list literal: one item per token.
std::string ListOf(const std::vector<Token>& tokens) {
  std::string out = "[";
  for (size_t i = 0; i < tokens.size(); ++i) {
    out += (i ? ", " : "") + (tokens[i].field ? tokens[i].value : Quote(tokens[i].value));
  }
  return out + "]";
}

std::string Join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

// One line of a text: an optional label and a field, or plain text.
std::string LineOf(const std::string& label, const Token* field, bool last) {
  std::string text = Quote(label);
  text = text.substr(1, text.size() - 2);
  std::string newline = last ? "" : "\\n";
  if (field == nullptr) return "\"" + text + newline + "\"";
  if (field->value.find('"') == std::string::npos) {
    return "\"" + text + "${" + field->value + "}" + newline + "\"";
  }
  // A field that holds strings of its own is concatenated, not interpolated.
  std::string out = text.empty() ? field->value : "\"" + text + "\" + " + field->value;
  return last ? out : out + " + \"\\n\"";
}

// One string of the tokens, a line per token (a label stays on its field's
// line), written one line of text a source line.
std::string TextOf(const std::vector<Token>& tokens) {
  std::vector<std::string> lines;
  for (size_t i = 0; i < tokens.size(); ++i) {
    bool last = i + 1 == tokens.size();
    if (tokens[i].field) {
      lines.push_back(LineOf("", &tokens[i], last));
    } else if (!last && tokens[i + 1].field && tokens[i].value.ends_with(": ")) {
      lines.push_back(LineOf(tokens[i].value, &tokens[i + 1], i + 2 == tokens.size()));
      ++i;
    } else {
      lines.push_back(LineOf(tokens[i].value, nullptr, last));
    }
  }
  return Join(lines, " +\n      ");
}

// The Jira-side effects of an item's actions, gathered before they are written.
struct JiraEffects {
  std::vector<std::pair<std::string, std::string>> create_args;  // create_issue arguments
  std::vector<std::pair<std::string, std::string>> fields;       // set_fields members
  std::vector<Action> actions;                                   // other actions
};

// Adds a create_issue argument when creating, else a set_fields member.
void Put(JiraEffects& out, bool creating, const std::string& name, const std::string& value,
         const std::string& update) {
  if (creating) {
    out.create_args.emplace_back(name, value);
  } else {
    out.fields.emplace_back(name, update);
  }
}

// Adds a create_issue argument when creating, else an action.
void PutAction(JiraEffects& out, bool creating, const std::string& name, const std::string& value,
               const std::string& action) {
  if (creating) {
    out.create_args.emplace_back(name, value);
  } else {
    out.actions.push_back({action, {{name == "status" ? "to" : name, value}}});
  }
}

void JiraAction(const std::string& key, const Json& params, const std::string& at, bool creating,
                JiraEffects& out, Context& context) {
  if (key == "jira_field_set_priority") {
    std::string name = Quote(StringAt(params, "name"));
    Put(out, creating, "priority", name, "{\"name\": " + name + "}");
  } else if (key == "jira_change_status") {
    PutAction(out, creating, "status", Quote(StringAt(params, "label")), "jira.transition");
  } else if (key == "jira_field_set_labels") {
    std::vector<Token> tokens = Tokens(params, at, false, context);
    std::string labels = ListOf(tokens);
    if (!tokens.empty()) {
      Put(out, creating, "labels", labels, labels);
    }
  } else if (key == "jira_append_description") {
    std::string text = TextOf(Tokens(params, at, true, context));
    // Appended on a new line; trim() drops that line break when the issue
    // had no description.
    std::string append =
        "trim(default(linked(jira.issue).description, \"\") + \"\\n\" + " + text + ")";
    if (!text.empty()) Put(out, creating, "description", text, append);
  } else if (key == "jira_field_set_assignee") {
    context.Report(at, "assignee from '" + StringAt(params, "key") + "'",
                   "translated approximately: PagerDuty matches users by e-mail, which V3 "
                   "webhooks do not carry, so the Jira user is looked up by the assignee's name");
    PutAction(out, creating, "assignee", "first(incident.assignees).summary", "jira.assign");
  } else {
    context.Report(at, "action '" + key + "'",
                   "not translated, because it is not a Jira action of the Jira Server "
                   "integration this importer knows");
  }
}

// Walks an item's `actions`, skipping disabled ones.
template <typename Fn>
void ForEachAction(const Json& item, const std::string& path, Fn fn) {
  if (!item.contains("actions") || !item["actions"].is_array()) return;
  const Json empty = Json::object();
  const Json& params = item.contains("actions_params") ? item["actions_params"] : empty;
  for (size_t i = 0; i < item["actions"].size(); ++i) {
    const Json& action = item["actions"][i];
    std::string key = StringAt(action, "key");
    if (IsTrue(action, "isDisabled")) continue;
    bool has = params.is_object() && params.contains(key);
    std::string at =
        has ? Member(Member(path, "actions_params"), key) : Index(Member(path, "actions"), i);
    fn(key, has ? params[key] : empty, at);
  }
}

std::vector<std::string> Triggers(const Json& condition, const std::string& at, bool* manual,
                                  Context& context) {
  std::vector<std::string> on;
  if (!condition.contains("pd_events") || !condition["pd_events"].is_array()) return on;
  const Json& events = condition["pd_events"];
  for (size_t i = 0; i < events.size(); ++i) {
    std::string action = events[i].is_string() ? events[i].get<std::string>() : "";
    if (action == "incident.trigger_manually") {
      *manual = true;
    } else if (std::optional<std::string> type = EventType(action)) {
      on.push_back(*type);
    } else {
      context.Report(Index(Member(at, "condition.pd_events"), i),
                     "incident action '" + action + "'",
                     "not translated, because it is not an incident action of the API");
    }
  }
  return on;
}

// One autocreate_issues_config item: an automatic rule, a manual one, or both.
void CreateItem(const Json& item, const std::string& at, bool automatic, const Server& s,
                Context& context, std::string* out) {
  const Json empty = Json::object();
  const Json& condition = item.contains("condition") ? item["condition"] : empty;
  bool manual = false;
  std::vector<std::string> on = Triggers(condition, at, &manual, context);
  JiraEffects effects;
  ForEachAction(item, at,
                [&](const std::string& key, const Json& params, const std::string& where) {
                  JiraAction(key, params, where, /*creating=*/true, effects, context);
                });
  std::string project =
      item.contains("target_project") ? StringAt(item["target_project"], "key") : "";
  std::string type =
      item.contains("target_issue_type") ? StringAt(item["target_issue_type"], "label") : "";
  Action create{"jira.create_issue",
                {{"project", Quote(project.empty() ? s.projects[0] : project)},
                 {"type", Quote(type.empty() ? s.issue_type : type)},
                 {"summary", "incident.title"}}};
  for (const auto& arg : effects.create_args) create.args.push_back(arg);
  RuleText rule;
  rule.on = on;
  rule.when = Conditions(condition, s);
  rule.actions = {create};
  if (automatic && !on.empty()) {
    rule.name = context.UniqueRuleName(s.name + ": incidents create issues");
    out->append("\n").append(RenderRule(rule));
  }
  if (manual || !automatic) {
    if (rule.on.empty()) {
      rule.on = {"pagerduty.incident.triggered", "pagerduty.incident.acknowledged",
                 "pagerduty.incident.resolved"};
    }
    rule.name = context.UniqueRuleName(s.name + ": create an issue from this incident");
    rule.comments = {
        "On demand (the incident's \"Create Jira Issue\" action): syncrule fire RULE --event "
        "FILE."};
    rule.manual = true;
    out->append("\n").append(RenderRule(rule));
  }
}

void UpdateItem(const Json& item, const std::string& at, const Server& s, Context& context,
                std::string* out) {
  const Json empty = Json::object();
  const Json& condition = item.contains("condition") ? item["condition"] : empty;
  bool manual = false;
  RuleText rule;
  rule.name = context.UniqueRuleName(s.name + ": incident updates change the issue");
  rule.on = Triggers(condition, at, &manual, context);
  if (rule.on.empty()) return;
  rule.when = Conditions(condition, s);
  rule.when[0] += " and linked(jira.issue)";
  JiraEffects effects;
  ForEachAction(item, at,
                [&](const std::string& key, const Json& params, const std::string& where) {
                  JiraAction(key, params, where, /*creating=*/false, effects, context);
                });
  std::string type =
      item.contains("target_issue_type") ? StringAt(item["target_issue_type"], "label") : "";
  if (!type.empty()) effects.fields.emplace_back("issuetype", "{\"name\": " + Quote(type) + "}");
  if (item.contains("target_project") && !item["target_project"].is_null()) {
    context.Report(Member(at, "target_project"), "moving the issue to another project",
                   "not translated, because Jira's REST API cannot move issues between projects");
  }
  rule.actions = effects.actions;
  if (!effects.fields.empty()) {
    rule.actions.push_back({"jira.set_fields", {{"fields", RenderObject(effects.fields)}}});
  }
  if (!rule.actions.empty()) out->append("\n").append(RenderRule(rule));
}

void StatusItem(const Json& item, const std::string& at, const Server& s, Context& context,
                std::string* out) {
  RuleText rule;
  rule.name = context.UniqueRuleName(s.name + ": issue status acts on the incident");
  rule.on = {"jira.issue.updated"};
  rule.when = {InList("issue.project", s.projects) + " and linked(pagerduty.incident)"};
  std::vector<std::string> names =
      LabelsOf(item.contains("jira_statuses") ? item["jira_statuses"] : Json(), "label");
  std::vector<std::string> ids =
      LabelsOf(item.contains("jira_statuses") ? item["jira_statuses"] : Json(), "id");
  if (names.size() == ids.size() && !names.empty()) {
    rule.when.push_back("issue.status changed and " + InList("issue.status", names));
  } else if (!ids.empty()) {
    rule.when.push_back("issue.status changed and " + InList("issue.fields.status.id", ids));
  } else {
    return;
  }
  ForEachAction(item, at, [&](const std::string& key, const Json&, const std::string& where) {
    if (key == "pd_acknowledge")
      rule.actions.push_back({"pagerduty.acknowledge", {}});
    else if (key == "pd_resolve")
      rule.actions.push_back({"pagerduty.resolve", {}});
    else
      context.Report(
          where, "action '" + key + "'",
          key == "pd_add_responders"
              ? "not translated, because the pagerduty connector has no action that adds responders"
              : "not translated, because it is not a PagerDuty action of the integration");
  });
  if (!rule.actions.empty()) out->append("\n").append(RenderRule(rule));
}

// The labels a new incident's issue gets; incident attributes are reported.
void NewIncidentLabels(const Json& params, const std::string& at, JiraEffects& effects,
                       Context& context) {
  std::vector<std::string> labels;
  for (size_t i = 0; params.is_array() && i < params.size(); ++i) {
    if (StringAt(params[i], "icon") == "pd") {
      context.Report(Index(at, i),
                     "incident attribute '" + StringAt(params[i], "key") + "' as a label",
                     "not translated, because the incident is being created by this rule");
    } else {
      labels.push_back(StringAt(params[i], "key"));
    }
  }
  if (!labels.empty()) {
    effects.fields.emplace_back("labels", QuoteList(labels));
  }
}

// One action of an autocreate_incidents_config item.
void IncidentAction(const std::string& key, const Json& params, const std::string& at,
                    Action& create, JiraEffects& effects, Context& context) {
  if (key == "pd_set_priority") {
    create.args.emplace_back("priority", Quote(StringAt(params, "label")));
  } else if (key == "jira_field_set_labels") {
    NewIncidentLabels(params, at, effects, context);
  } else {
    JiraAction(key, params, at, /*creating=*/false, effects, context);
  }
}

void IncidentItem(const Json& item, const std::string& at, const Server& s, Context& context,
                  std::string* out) {
  std::string jql = StringAt(item, "jql");
  if (jql.empty() || jql.find('`') != std::string::npos) {
    context.Report(Member(at, "jql"), "JQL",
                   jql.empty() ? "missing, so the item is not translated"
                               : "not translated, because it contains a backtick");
    return;
  }
  RuleText rule;
  rule.name = context.UniqueRuleName(s.name + ": issues matching JQL open incidents");
  if (IsTrue(item, "on_create")) rule.on.push_back("jira.issue.created");
  if (IsTrue(item, "on_update")) rule.on.push_back("jira.issue.updated");
  if (rule.on.empty()) return;  // neither on create nor on update: never applies
  rule.jql = jql;
  rule.when = {InList("issue.project", s.projects) + " and not linked(pagerduty.incident)"};
  std::string service =
      item.contains("target_service") ? StringAt(item["target_service"], "id") : "";
  Action create{"pagerduty.create_incident",
                {{"service", Quote(service.empty() ? s.services[0] : service)},
                 {"title", "\"${issue.key}: ${issue.summary}\""},
                 {"dedup_key", "issue.key"}}};
  JiraEffects effects;
  ForEachAction(item, at,
                [&](const std::string& key, const Json& params, const std::string& where) {
                  IncidentAction(key, params, where, create, effects, context);
                });
  rule.actions = {create};
  for (Action& action : effects.actions) rule.actions.push_back(action);
  if (!effects.fields.empty()) {
    rule.actions.push_back({"jira.set_fields", {{"fields", RenderObject(effects.fields)}}});
  }
  out->append("\n").append(RenderRule(rule));
}

void CommentRules(const Server& s, Context& context, std::string* out) {
  if (context.Once("pagerduty notes")) {
    RuleText notes;
    notes.name = context.UniqueRuleName("incident notes become issue comments");
    notes.comments = {"Comment sync (sync_comments). Written once for every imported rule: a note",
                      "event does not say which service its incident is on."};
    notes.on = {"pagerduty.incident.annotated"};
    notes.when = {"linked(jira.issue) and not starts_with(note.content, \"Jira comment by \")"};
    notes.actions = {{"jira.comment", {{"body", "\"PagerDuty note: \" + note.content"}}}};
    out->append("\n").append(RenderRule(notes));
  }
  RuleText comments;
  comments.name = context.UniqueRuleName(s.name + ": issue comments become incident notes");
  comments.on = {"jira.comment.created"};
  comments.when = {InList("issue.project", s.projects) + " and linked(pagerduty.incident)",
                   "not starts_with(comment.body, \"PagerDuty note: \")"};
  comments.actions = {
      {"pagerduty.add_note",
       {{"content", "\"Jira comment by ${comment.author.displayName}: ${comment.body}\""}}}};
  out->append("\n").append(RenderRule(comments));
}

// Calls `fn(item, path)` for each item of config[list] when config[flag] is
// true; when it is false the items are noted as switched off.
template <typename Fn>
void Items(const Json& config, const std::string& path, const char* flag, const char* list, Fn fn,
           std::string* out) {
  if (!config.contains(list) || !config[list].is_array()) return;
  if (!IsTrue(config, flag)) {
    if (!config[list].empty())
      *out += "\n# " + std::string(flag) + " is off in PagerDuty: " + list + " is not imported.\n";
    return;
  }
  for (size_t i = 0; i < config[list].size(); ++i)
    fn(config[list][i], Index(Member(path, list), i));
}

bool ReadBasics(const Json& rule, Server& s, Context& context) {
  const Json& config = rule["config"];
  s.name = StringAt(rule, "name").empty() ? "PagerDuty rule" : StringAt(rule, "name");
  s.services = LabelsOf(config.contains("services") ? config["services"] : Json(), "id");
  s.projects = LabelsOf(config.contains("projects") ? config["projects"] : Json(), "key");
  std::vector<std::string> types =
      LabelsOf(config.contains("issue_types") ? config["issue_types"] : Json(), "label");
  s.issue_type = types.empty() ? "" : types[0];
  const char* missing = s.services.empty()     ? "config.services"
                        : s.projects.empty()   ? "config.projects"
                        : s.issue_type.empty() ? "config.issue_types"
                                               : nullptr;
  if (missing != nullptr) {
    context.Report(Member(s.path, missing), "required setting",
                   "missing or empty, so the whole rule is not translated");
    return false;
  }
  if (rule.contains("enabled") && rule["enabled"].is_boolean() && !rule["enabled"].get<bool>()) {
    context.Report(Member(s.path, "enabled"), "disabled rule \"" + s.name + "\"",
                   "not translated, because rule files have no disabled state; enable it in "
                   "PagerDuty and import again, or leave it out");
    return false;
  }
  ReportUnknown(rule, s.path, {"id", "name", "enabled", "config", "created_at", "updated_at"},
                context);
  ReportUnknown(config, Member(s.path, "config"),
                {"sync_comments", "services", "projects", "issue_types", "autocreate_issues",
                 "autocreate_issues_config", "autocreate_incidents", "autocreate_incidents_config",
                 "react_on_incident_event", "react_on_incident_event_config",
                 "react_on_issue_status_change", "react_on_issue_status_change_config"},
                context);
  return true;
}

std::string Header(const Server& s) {
  return "# " +
         OneLine("PagerDuty Jira Server rule \"" + s.name + "\": services " +
                 Join(s.services, ", ") + " <-> Jira projects " + Join(s.projects, ", ") +
                 "; issues default to project " + s.projects[0] + ", type " + s.issue_type + ".") +
         "\n";
}

std::optional<ImportedRule> ImportOne(const RuleAt& at, Context& context) {
  Server s;
  s.path = at.path;
  if (!ReadBasics(*at.rule, s, context)) return std::nullopt;
  const Json& config = (*at.rule)["config"];
  std::string path = Member(at.path, "config");
  std::string text = Header(s);
  size_t before = text.size();
  bool automatic = IsTrue(config, "autocreate_issues");
  if (config.contains("autocreate_issues_config") &&
      config["autocreate_issues_config"].is_array()) {
    const Json& items = config["autocreate_issues_config"];
    for (size_t i = 0; i < items.size(); ++i) {
      CreateItem(items[i], Index(Member(path, "autocreate_issues_config"), i), automatic, s,
                 context, &text);
    }
  }
  if (text.find("\n  manual\n", before) == std::string::npos) {
    CreateItem(Json::object({{"condition", Json::object()}}), path, false, s, context, &text);
  }
  Items(
      config, path, "react_on_incident_event", "react_on_incident_event_config",
      [&](const Json& item, const std::string& p) { UpdateItem(item, p, s, context, &text); },
      &text);
  Items(
      config, path, "react_on_issue_status_change", "react_on_issue_status_change_config",
      [&](const Json& item, const std::string& p) { StatusItem(item, p, s, context, &text); },
      &text);
  Items(
      config, path, "autocreate_incidents", "autocreate_incidents_config",
      [&](const Json& item, const std::string& p) { IncidentItem(item, p, s, context, &text); },
      &text);
  if (IsTrue(config, "sync_comments")) CommentRules(s, context, &text);
  return ImportedRule{s.name, text, at.path};
}

}  // namespace

void ImportJiraServer(const std::vector<RuleAt>& rules, Context& context,
                      std::vector<ImportedRule>* out) {
  for (const RuleAt& at : rules) {
    if (std::optional<ImportedRule> imported = ImportOne(at, context)) {
      out->push_back(std::move(*imported));
    }
  }
}

}  // namespace syncrule::cli::import
