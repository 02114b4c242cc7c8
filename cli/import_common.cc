#include "cli/import_common.h"

#include <cctype>
#include <map>

#include "compiler/format/string_quoting.h"

namespace syncrule::cli::import {
namespace {

// A SAX handler that accepts everything and keeps the first syntax error.
class ErrorOnly : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    position_ = position;
    message_ = ex.what();
    return false;
  }
  std::size_t position() const { return position_; }
  const std::string& message() const { return message_; }

 private:
  std::size_t position_ = 0;
  std::string message_;
};

// nlohmann's message without its "[json.exception...] parse error at line
// L, column C: " prefix, which the caller states in its own form.
std::string ShortMessage(const std::string& message) {
  size_t colon = message.find(": ");
  return colon == std::string::npos ? message : message.substr(colon + 2);
}

std::string LineColumn(const std::string& text, std::size_t position) {
  int line = 1, column = 1;
  // nlohmann reports the position one past the offending character.
  std::size_t end = position > 0 ? position - 1 : 0;
  for (std::size_t i = 0; i < end && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

bool LooksLikeRule(const Json& value) { return value.is_object() && value.contains("config"); }

bool IsSecretName(const std::string& key) {
  std::string lower;
  for (char c : key) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* word : {"token", "password", "passwd", "secret", "api_key", "apikey",
                           "credential", "private_key", "signature", "authorization"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

// Jira Cloud API tokens start with "ATATT"; bearer headers with "Bearer ".
bool IsSecretShape(const std::string& text) {
  return text.rfind("ATATT", 0) == 0 || text.rfind("Bearer ", 0) == 0 ||
         text.rfind("Token token=", 0) == 0;
}

}  // namespace

void Context::Report(std::string path, std::string what, std::string reason) {
  findings_.push_back({std::move(path), std::move(what), std::move(reason)});
}

std::string Context::UniqueRuleName(const std::string& name) {
  std::string candidate = name;
  for (int n = 2; rule_names_.count(candidate) > 0; ++n) {
    candidate = name + " (" + std::to_string(n) + ")";
  }
  rule_names_.insert(candidate);
  return candidate;
}

std::string Context::UniqueIdent(const std::string& base) {
  std::string candidate = base;
  for (int n = 2; idents_.count(candidate) > 0; ++n) candidate = base + "_" + std::to_string(n);
  idents_.insert(candidate);
  return candidate;
}

std::optional<Json> ParseLocated(const std::string& text, std::string* error) {
  ErrorOnly handler;
  if (!Json::sax_parse(text, &handler, nlohmann::detail::input_format_t::json, false)) {
    *error = LineColumn(text, handler.position()) + ": " + ShortMessage(handler.message());
    return std::nullopt;
  }
  Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    *error = "1:1: not valid JSON";
    return std::nullopt;
  }
  return doc;
}

bool FindRules(const Json& doc, std::vector<RuleAt>* rules, std::string* error) {
  if (LooksLikeRule(doc)) {
    rules->push_back({"", &doc});
  } else if (doc.is_object() && doc.contains("rule") && LooksLikeRule(doc["rule"])) {
    rules->push_back({"rule", &doc["rule"]});
  } else if (doc.is_object() && doc.contains("rules") && doc["rules"].is_array()) {
    for (size_t i = 0; i < doc["rules"].size(); ++i) {
      rules->push_back({Index("rules", i), &doc["rules"][i]});
    }
  } else if (doc.is_array()) {
    for (size_t i = 0; i < doc.size(); ++i) rules->push_back({Index("", i), &doc[i]});
  } else {
    *error =
        "expected a rule object (with \"config\"), {\"rule\": ...}, {\"rules\": [...]} or a list "
        "of rules";
    return false;
  }
  if (rules->empty()) {
    *error = "the document holds no rules";
    return false;
  }
  for (const RuleAt& at : *rules) {
    if (!LooksLikeRule(*at.rule)) {
      *error = (at.path.empty() ? std::string("the document") : at.path) +
               ": not a rule object (it has no \"config\")";
      return false;
    }
  }
  return true;
}

std::string Member(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string Index(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

namespace {

// Which connection setting stands for a secret found at `path`.
std::string SecretReplacement(const std::string& path, const std::string& jira_env) {
  std::string lower;
  for (char c : path) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool jira =
      lower.find("jira") != std::string::npos || lower.find("atlassian") != std::string::npos;
  return jira ? "replaced by env(\"" + jira_env + "\") in connection jira"
              : "replaced by env(\"PAGERDUTY_API_TOKEN\") in connection pagerduty";
}

}  // namespace

void ScanSecrets(const Json& value, const std::string& path, const std::string& jira_env,
                 Context& context) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      std::string at = Member(path, key);
      if (IsSecretName(key) && item.is_string() && !item.get<std::string>().empty()) {
        context.Report(at, "secret '" + key + "'",
                       SecretReplacement(at, jira_env) + "; the value is not written to the rules");
      } else {
        ScanSecrets(item, at, jira_env, context);
      }
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      ScanSecrets(value[i], Index(path, i), jira_env, context);
    }
  } else if (value.is_string() && IsSecretShape(value.get<std::string>())) {
    context.Report(path, "value shaped like an API token",
                   SecretReplacement(path, jira_env) + "; the value is not written to the rules");
  }
}

std::string Quote(const std::string& text) { return format::QuoteString(text); }

std::string QuoteList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + Quote(items[i]);
  return out + "]";
}

std::string Literal(const Json& value) {
  if (value.is_string()) return Quote(value.get<std::string>());
  if (value.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < value.size(); ++i) out += (i ? ", " : "") + Literal(value[i]);
    return out + "]";
  }
  if (value.is_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      out += (first ? "" : ", ") + Quote(key) + ": " + Literal(item);
      first = false;
    }
    return out + "}";
  }
  return value.dump();  // numbers, booleans, null
}

std::string StringAt(const Json& value, const char* key) {
  if (!value.is_object() || !value.contains(key) || !value[key].is_string()) return "";
  return value[key].get<std::string>();
}

bool IsTrue(const Json& value, const char* key) {
  return value.is_object() && value.contains(key) && value[key].is_boolean() &&
         value[key].get<bool>();
}

std::string OneLine(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return out;
}

std::string Slug(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
    if (out.size() >= 32) break;
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty()) return "rule";
  if (std::isdigit(static_cast<unsigned char>(out[0]))) out = "r_" + out;
  return out;
}

std::string RenderAction(const Action& action, const std::string& indent) {
  std::string out = indent + "do " + action.name + "(";
  if (action.args.size() <= 1) {
    for (const auto& [name, value] : action.args) out += name + " = " + value;
    return out + ")\n";
  }
  for (size_t i = 0; i < action.args.size(); ++i) {
    out += "\n" + indent + "  " + action.args[i].first + " = " + action.args[i].second;
    out += i + 1 < action.args.size() ? "," : ")";
  }
  return out + "\n";
}

std::string RenderRule(const RuleText& rule) {
  std::string out;
  for (const std::string& comment : rule.comments) out += "# " + OneLine(comment) + "\n";
  out += "rule " + Quote(rule.name) + " {\n";
  if (rule.manual) out += "  manual\n";
  if (!rule.on.empty()) {
    out += "  on ";
    for (size_t i = 0; i < rule.on.size(); ++i) {
      out += (i ? (i % 3 == 0 ? ",\n     " : ", ") : "") + rule.on[i];
    }
    out += "\n";
  }
  if (!rule.jql.empty()) out += "  match jql `" + rule.jql + "`\n";
  for (const std::string& when : rule.when) out += "  when " + when + "\n";
  for (const Action& action : rule.actions) out += RenderAction(action, "  ");
  return out + "}\n";
}

std::string RenderObject(const std::vector<std::pair<std::string, std::string>>& members) {
  if (members.size() == 1) return "{" + Quote(members[0].first) + ": " + members[0].second + "}";
  std::string out = "{";
  for (size_t i = 0; i < members.size(); ++i) {
    out += "\n      " + Quote(members[i].first) + ": " + members[i].second +
           (i + 1 < members.size() ? "," : "");
  }
  return out + "\n    }";
}

std::string RenderMap(const std::string& name,
                      const std::vector<std::pair<std::string, std::string>>& entries,
                      const std::string& default_value) {
  std::string out = "map " + name + " {\n";
  for (const auto& [key, value] : entries) out += "  " + Quote(key) + " => " + value + "\n";
  if (!default_value.empty()) out += "  _ => " + default_value + "\n";
  return out + "}\n";
}

void ReportUnknown(const Json& object, const std::string& path,
                   std::initializer_list<const char*> known, Context& context) {
  if (!object.is_object()) return;
  for (const auto& [key, item] : object.items()) {
    bool found = false;
    for (const char* name : known) found = found || key == name;
    if (!found && !item.is_null() && !IsSecretName(key)) {  // secrets: ScanSecrets
      context.Report(Member(path, key), "unknown setting '" + key + "'",
                     "not translated, because it is not part of the integration's API schema");
    }
  }
}

std::optional<std::string> IncidentAttribute(const std::string& key) {
  static const std::map<std::string, std::string> kFields = {
      {"incident.title", "incident.title"},
      {"incident_title", "incident.title"},
      {"incident.incident_number", "incident.number"},
      {"incident_number", "incident.number"},
      {"incident.id", "incident.id"},
      {"incident_description", "incident.description"},
      {"incident.description", "incident.description"},
      {"incident.status", "incident.status"},
      {"incident_status", "incident.status"},
      {"incident.created_at", "format_time(incident.created_at)"},
      {"incident_created_at", "format_time(incident.created_at)"},
      {"incident.service.summary", "incident.service.name"},
      {"incident_service", "incident.service.name"},
      {"incident.escalation_policy.summary", "incident.escalation_policy.name"},
      {"incident_escalation_policy", "incident.escalation_policy.name"},
      {"incident.html_url", "incident.html_url"},
      {"incident_html_url", "incident.html_url"},
      {"incident.urgency", "incident.urgency"},
      {"incident_urgency", "incident.urgency"},
      {"incident.priority.summary", "incident.priority"},
      {"incident_priority", "incident.priority"},
      // The names of every assignee, from the V3 payload's list of references.
      {"incident.assignee",
       "join(extract_all(string(incident.assignees), \"\\\"summary\\\":\\\"([^\\\"]*)\\\"\"), \", "
       "\")"},
      {"incident_assignees",
       "join(extract_all(string(incident.assignees), \"\\\"summary\\\":\\\"([^\\\"]*)\\\"\"), \", "
       "\")"},
  };
  auto it = kFields.find(key);
  if (it == kFields.end()) return std::nullopt;
  return it->second;
}

}  // namespace syncrule::cli::import
