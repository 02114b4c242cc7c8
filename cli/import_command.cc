// `syncrule import pagerduty-jira-cloud|pagerduty-jira-server RULES.json`:
// reads the rules that PagerDuty's integration APIs return and writes
// equivalent rule files. What cannot be translated is reported by JSON path
// on standard error and as comments at the top of the output.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/cli_io.h"
#include "cli/commands.h"
#include "cli/import_common.h"

namespace syncrule::cli {
namespace {

using import::Context;
using import::Finding;
using import::ImportedRule;
using import::Json;
using import::RuleAt;

struct ImportOptions {
  std::string integration;  // pagerduty-jira-cloud or pagerduty-jira-server
  std::string input;
  std::string output;
  std::string out_dir;
  std::string jira_url;
};

bool IsCloud(const ImportOptions& options) { return options.integration == "pagerduty-jira-cloud"; }

// True when `rule` has the shape of the chosen integration's rules.
bool HasShape(const Json& rule, bool cloud) {
  const Json& config = rule["config"];
  if (!config.is_object()) return false;
  if (cloud) return config.contains("jira") && config["jira"].is_object();
  return config.contains("services") || config.contains("projects");
}

std::string Connections(const ImportOptions& options) {
  bool cloud = IsCloud(options);
  std::string url =
      options.jira_url.empty() ? "env(\"JIRA_URL\")" : import::Quote(options.jira_url);
  std::string out =
      "connection jira {\n  flavor = " + std::string(cloud ? "\"cloud\"" : "\"server\"") +
      "\n  url = " + url + "\n";
  out += cloud ? "  user = env(\"JIRA_USER\")\n  token = env(\"JIRA_API_TOKEN\")\n"
               : "  token = env(\"JIRA_PAT\")\n";
  out +=
      "}\n\nconnection pagerduty {\n  token = env(\"PAGERDUTY_API_TOKEN\")\n"
      "  webhook_secret = env(\"PAGERDUTY_WEBHOOK_SECRET\")\n}\n";
  return out;
}

std::string FindingLine(const Finding& finding) {
  return import::OneLine((finding.path.empty() ? std::string("(document)") : finding.path) + " (" +
                         finding.what + "): " + finding.reason);
}

// The comment block that heads an output file.
std::string Header(const ImportOptions& options, const std::vector<Finding>& findings) {
  std::string out = "# Imported by `syncrule import " + options.integration + "` from " +
                    std::filesystem::path(options.input).filename().string() + ".\n";
  if (findings.empty()) return out + "# Every setting was translated.\n\n";
  out += "#\n# Not translated (" + std::to_string(findings.size()) + "):\n";
  for (const Finding& finding : findings) out += "#   " + FindingLine(finding) + "\n";
  return out + "\n";
}

bool Under(const std::string& path, const std::string& prefix) {
  if (prefix.empty()) return true;
  return path == prefix ||
         (path.rfind(prefix, 0) == 0 && (path[prefix.size()] == '.' || path[prefix.size()] == '['));
}

std::vector<Finding> FindingsUnder(const std::vector<Finding>& all, const std::string& prefix) {
  std::vector<Finding> out;
  for (const Finding& finding : all) {
    if (Under(finding.path, prefix)) out.push_back(finding);
  }
  return out;
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) std::cerr << "syncrule import: cannot write '" << path << "'\n";
  return static_cast<bool>(out);
}

// Writes connections.rule and one file per imported rule into out_dir.
bool WriteDirectory(const ImportOptions& options, const std::vector<RuleAt>& found,
                    const std::vector<ImportedRule>& rules, const Context& context) {
  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  std::vector<Finding> rest = context.findings();
  Context names;
  bool ok = true;
  for (const ImportedRule& rule : rules) {
    std::vector<Finding> mine = found.size() > 1 ? FindingsUnder(rest, rule.path) : rest;
    std::erase_if(rest,
                  [&](const Finding& f) { return found.size() <= 1 || Under(f.path, rule.path); });
    std::string file = names.UniqueIdent(import::Slug(rule.name)) + ".rule";
    ok = WriteFile(options.out_dir + "/" + file, Header(options, mine) + rule.text) && ok;
  }
  return WriteFile(options.out_dir + "/connections.rule",
                   Header(options, rest) + Connections(options)) &&
         ok;
}

bool WriteSingle(const ImportOptions& options, const std::vector<ImportedRule>& rules,
                 const Context& context) {
  std::string text = Header(options, context.findings()) + Connections(options);
  for (const ImportedRule& rule : rules) text += "\n" + rule.text;
  if (options.output.empty() || options.output == "-") {
    std::cout << text;
    return true;
  }
  return WriteFile(options.output, text);
}

// Reads and parses the input, finding its rules; returns false (reported).
bool ReadRules(const ImportOptions& options, Json* doc, std::vector<RuleAt>* rules) {
  std::string text, error;
  if (!ReadInput(options.input, &text, &error)) {
    std::cerr << "syncrule import: " << error << '\n';
    return false;
  }
  std::optional<Json> parsed = import::ParseLocated(text, &error);
  if (!parsed) {
    std::cerr << "syncrule import: " << options.input << ":" << error << '\n';
    return false;
  }
  *doc = std::move(*parsed);
  if (!import::FindRules(*doc, rules, &error)) {
    std::cerr << "syncrule import: " << options.input << ": " << error << '\n';
    return false;
  }
  for (const RuleAt& at : *rules) {
    if (!HasShape(*at.rule, IsCloud(options))) {
      std::cerr << "syncrule import: " << options.input << ": "
                << (at.path.empty() ? std::string("the rule") : at.path) << " is not a "
                << options.integration << " rule (see docs/import.md for the shapes accepted)\n";
      return false;
    }
  }
  return true;
}

int RunImport(const ImportOptions& options) {
  if (!options.output.empty() && !options.out_dir.empty()) {
    std::cerr << "syncrule import: give -o or --out-dir, not both\n";
    return kExitUsage;
  }
  Json doc;
  std::vector<RuleAt> found;
  if (!ReadRules(options, &doc, &found)) return kExitUsage;
  Context context;
  import::ScanSecrets(doc, "", IsCloud(options) ? "JIRA_API_TOKEN" : "JIRA_PAT", context);
  std::vector<ImportedRule> rules;
  if (IsCloud(options))
    import::ImportJiraCloud(found, context, &rules);
  else
    import::ImportJiraServer(found, context, &rules);
  bool written = options.out_dir.empty() ? WriteSingle(options, rules, context)
                                         : WriteDirectory(options, found, rules, context);
  if (!written) return kExitUsage;
  for (const Finding& finding : context.findings()) {
    std::cerr << "syncrule import: " << FindingLine(finding) << '\n';
  }
  std::cerr << rules.size() << " of " << found.size() << " rule(s) imported, "
            << context.findings().size() << " setting(s) reported\n";
  return context.findings().empty() ? kExitOk : kExitFindings;
}

void AddIntegration(CLI::App* import, const char* name, const char* help) {
  auto options = std::make_shared<ImportOptions>();
  options->integration = name;
  CLI::App* sub = import->add_subcommand(name, help);
  sub->add_option("rules", options->input,
                  "The API's JSON: a rule, {\"rule\"}, {\"rules\": [...]}, or - for stdin")
      ->required();
  sub->add_option("-o,--output", options->output, "Write the rule file here instead of stdout");
  sub->add_option("--out-dir", options->out_dir,
                  "Write connections.rule and one file per imported rule into this directory");
  sub->add_option("--jira-url", options->jira_url,
                  "The Jira base URL (default: env(\"JIRA_URL\"))");
  sub->callback([options] { SetExitCode(RunImport(*options)); });
}

}  // namespace

void RegisterImportCommands(CLI::App& app) {
  CLI::App* import = app.add_subcommand(
      "import",
      "Translate a vendor's integration rules into rule files. Exit 0 all translated, 1 "
      "something reported, 2 usage or bad input.");
  import->require_subcommand(1);
  AddIntegration(import, "pagerduty-jira-cloud",
                 "PagerDuty's Jira Cloud integration rules (GET .../accounts_mappings/{id}/rules)");
  AddIntegration(import, "pagerduty-jira-server",
                 "PagerDuty's Jira Server integration rules (GET /rules)");
}

}  // namespace syncrule::cli
