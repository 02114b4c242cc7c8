#ifndef SYNCRULE_CLI_IMPORT_COMMON_H_
#define SYNCRULE_CLI_IMPORT_COMMON_H_

// Shared pieces of `syncrule import`: reading the vendor's JSON with a
// located error, finding the rule objects in it, the report of what was not
// translated, and writing rule-language literals.

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace syncrule::cli::import {

using Json = nlohmann::json;

// One setting that was not translated (or only approximately).
struct Finding {
  std::string path;    // JSON path in the input: rules[0].config.jira.project
  std::string what;    // what the setting is: custom field mapping of type 'attachment'
  std::string reason;  // "not translated, because ..." or "replaced by ..."
};

// Collects findings and hands out names that are unique in the output.
class Context {
 public:
  void Report(std::string path, std::string what, std::string reason);
  const std::vector<Finding>& findings() const { return findings_; }
  // A rule name not used before (" (2)" etc. appended when needed).
  std::string UniqueRuleName(const std::string& name);
  // An identifier for maps and consts, from `base`, not used before.
  std::string UniqueIdent(const std::string& base);
  // True the first time `key` is asked for: for rules written once per output.
  bool Once(const std::string& key) { return once_.insert(key).second; }

 private:
  std::vector<Finding> findings_;
  std::set<std::string> rule_names_;
  std::set<std::string> idents_;
  std::set<std::string> once_;
};

// A rule object found in the input and the JSON path it is at ("" for a
// document that is the rule itself).
struct RuleAt {
  std::string path;
  const Json* rule;
};

// Parses `text`; on a syntax error returns nullopt and sets `*error` to
// "LINE:COL: message".
std::optional<Json> ParseLocated(const std::string& text, std::string* error);

// The rule objects of a document: a rule, {"rule": rule}, {"rules": [...]}
// or a bare list. Returns false with `*error` set when there are none.
bool FindRules(const Json& doc, std::vector<RuleAt>* rules, std::string* error);

// Joins a JSON path and a member or an index.
std::string Member(const std::string& path, const std::string& key);
std::string Index(const std::string& path, size_t index);

// Reports every secret-looking value (by member name or by shape) under
// `value` as replaced by the connection setting that reads it from the
// environment (`jira_env` for Jira's); secrets are never written out.
void ScanSecrets(const Json& value, const std::string& path, const std::string& jira_env,
                 Context& context);

// The rule-language literal for a JSON value: "text", 12, true, null, [..], {..}.
std::string Literal(const Json& value);
// A string literal with the rule language's escapes (`$` escaped too).
std::string Quote(const std::string& text);
// A list literal of strings.
std::string QuoteList(const std::vector<std::string>& items);
// The string at `value[key]`, or "" when absent or not a string.
std::string StringAt(const Json& value, const char* key);
// True when `value[key]` is the boolean true.
bool IsTrue(const Json& value, const char* key);
// `text` with control characters (line breaks) as spaces, for comments.
std::string OneLine(const std::string& text);
// A lowercase identifier made of the letters and digits of `text`.
std::string Slug(const std::string& text);

// An action call, written one argument a line when it has several.
struct Action {
  std::string name;
  std::vector<std::pair<std::string, std::string>> args;
};
std::string RenderAction(const Action& action, const std::string& indent);

// A rule being written: header clauses, `when`s and actions.
struct RuleText {
  std::string name;
  std::vector<std::string> comments;
  bool manual = false;
  std::vector<std::string> on;
  std::string jql;
  std::vector<std::string> when;
  std::vector<Action> actions;
};
std::string RenderRule(const RuleText& rule);

// An object literal of (key, expression) pairs: on one line with one
// member, else one member a line (indented for an action argument).
std::string RenderObject(const std::vector<std::pair<std::string, std::string>>& members);

// A map from strings to expressions, with an optional default.
std::string RenderMap(const std::string& name,
                      const std::vector<std::pair<std::string, std::string>>& entries,
                      const std::string& default_value);

// The PagerDuty incident field an attribute key names, as an expression
// readable on PagerDuty incident events; nullopt when webhooks carry none.
std::optional<std::string> IncidentAttribute(const std::string& key);

// One imported vendor rule: its name and the `.rule` text it became.
struct ImportedRule {
  std::string name;
  std::string text;
  std::string path;  // JSON path of the vendor rule
};

// Translators, one per integration (import_cloud.cc, import_server.cc). They
// append one ImportedRule per translated vendor rule and report the rest.
void ImportJiraCloud(const std::vector<RuleAt>& rules, Context& context,
                     std::vector<ImportedRule>* out);
void ImportJiraServer(const std::vector<RuleAt>& rules, Context& context,
                      std::vector<ImportedRule>* out);

// Reports every member of `object` not named in `known`.
void ReportUnknown(const Json& object, const std::string& path,
                   std::initializer_list<const char*> known, Context& context);

}  // namespace syncrule::cli::import

#endif  // SYNCRULE_CLI_IMPORT_COMMON_H_
