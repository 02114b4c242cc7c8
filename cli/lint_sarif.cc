// SARIF 2.1.0 output for `syncrule lint --format sarif`, as GitHub code
// scanning reads it: one run, the tool's rules (one per code reported),
// results with regions in Unicode code points, and fixes.

#include <fmt/format.h>

#include <map>
#include <ostream>

#include "cli/lint_report.h"
#include "nlohmann/json.hpp"

namespace syncrule::cli {
namespace {

using nlohmann::json;

constexpr const char* kDocsUri = "https://github.com/syncrule/syncrule/blob/main/docs/";

const std::map<std::string, std::string>& Summaries() {
  static const auto* const summaries = new std::map<std::string, std::string>{
      {"SL101", "A map without a default misses values of the closed set it is looked up with."},
      {"SL102", "A map entry can never be used: its key is not a value of the lookup's field."},
      {"SL103", "A map is never looked up."},
      {"SL200", "The Jira schema snapshot could not be read."},
      {"SL201", "A Jira create action leaves a required field unset."},
      {"SL202", "A Jira field is set to a value of the wrong shape."},
      {"SL203", "A Jira field is set to an option that does not exist."},
      {"SL204", "A Jira transition the workflow refuses from a status the issue can be in."},
      {"SL205", "A project or issue type that the Jira schema snapshot does not have."},
      {"SL206", "A field Jira cannot set: not on the create screen, or not in Jira at all."},
      {"SL301", "A Jira label holds whitespace, which Jira rejects."},
      {"SL302", "A credential is written inline in a rule file."},
      {"SL401", "A condition can never be true."},
      {"SL402", "A condition is always true."},
      {"SL403", "A create action is shadowed by an earlier rule with weaker conditions."},
      {"SL404", "A JQL rule on issue updates re-fires on every edit."},
      {"SL501", "Rules trigger each other in a loop."},
  };
  return *summaries;
}

std::string Level(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "note";
}

// Percent-encodes what a URI reference cannot hold; keeps '/'.
std::string UriOf(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::string_view("-._~/").find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

json Region(const Source& source, SourceRange range) {
  SourcePosition begin = source.PositionOf(range.begin);
  SourcePosition end = source.PositionOf(range.end);
  return {{"startLine", begin.line}, {"startColumn", begin.column},
          {"endLine", end.line}, {"endColumn", end.column}};
}

json Location(const Source& source, SourceRange range) {
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", UriOf(source.name())}}},
            {"region", Region(source, range)}}}};
}

json Fixes(const Source& source, const Diagnostic& d) {
  json fixes = json::array();
  for (const FixIt& fix : d.fixes) {
    json replacement = {{"deletedRegion", Region(source, fix.range)},
                        {"insertedContent", {{"text", fix.replacement}}}};
    fixes.push_back(
        {{"description", {{"text", fix.message}}},
         {"artifactChanges",
          json::array({{{"artifactLocation", {{"uri", UriOf(source.name())}}},
                        {"replacements", json::array({replacement})}}})}});
  }
  return fixes;
}

json Result(const LintFinding& f, size_t rule_index) {
  const Diagnostic& d = f.diagnostic;
  std::string text = d.message;
  for (const std::string& note : d.notes) text += "\n" + note;
  json result = {{"ruleId", d.code},
                 {"ruleIndex", rule_index},
                 {"level", Level(d.severity)},
                 {"message", {{"text", text}}},
                 {"locations", json::array({Location(*f.source, d.range)})}};
  if (!d.fixes.empty()) result["fixes"] = Fixes(*f.source, d);
  return result;
}

json Rule(const std::string& code, Severity severity) {
  std::string page = code.rfind("SL", 0) == 0 ? "lint.md" : code.rfind("JQL", 0) == 0 ? "jql-check-codes.md" : "language.md";
  return {{"id", code},
          {"shortDescription", {{"text", CodeSummary(code)}}},
          {"helpUri", std::string(kDocsUri) + page + "#" + fmt::format("{}", code)},
          {"defaultConfiguration", {{"level", Level(severity)}}}};
}

}  // namespace

std::string CodeSummary(const std::string& code) {
  auto found = Summaries().find(code);
  if (found != Summaries().end()) return found->second;
  if (code.rfind("JQL", 0) == 0) return fmt::format("JQL diagnostic {} (docs/jql-check-codes.md).", code);
  return fmt::format("Rule-language diagnostic {} (docs/language.md).", code);
}

void WriteSarif(const LintReport& report, std::ostream& out) {
  json rules = json::array();
  std::map<std::string, size_t> rule_index;
  json results = json::array();
  for (const LintFinding& f : report.findings) {
    const std::string& code = f.diagnostic.code;
    auto [it, added] = rule_index.emplace(code, rules.size());
    if (added) rules.push_back(Rule(code, f.diagnostic.severity));
    results.push_back(Result(f, it->second));
  }
  json artifacts = json::array();
  for (const auto& file : report.files) {
    artifacts.push_back({{"location", {{"uri", UriOf(file->name())}}}});
  }
  json sarif = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::array({{{"tool", {{"driver", {{"name", "syncrule"},
                                                   {"version", "0.1.0"},
                                                   {"informationUri", "https://github.com/syncrule/syncrule"},
                                                   {"rules", rules}}}}},
                             {"columnKind", "unicodeCodePoints"},
                             {"artifacts", artifacts},
                             {"results", results}}})}};
  out << sarif.dump(2) << '\n';
}

}  // namespace syncrule::cli
