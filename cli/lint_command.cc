// `syncrule lint PATH...`: the compiler's diagnostics and the lint checks,
// in the format CI and code review read.

#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/cli_io.h"
#include "cli/commands.h"
#include "cli/lint_report.h"
#include "cli/rule_build.h"
#include "compiler/lint/lint.h"

namespace syncrule::cli {
namespace {

struct LintCommandOptions {
  std::vector<std::string> paths;
  std::string fields_path;
  std::string format = "text";
  std::string fail_on = "error";
  std::string jira_schema;
};

Severity FailOn(const std::string& name) {
  if (name == "warning") return Severity::kWarning;
  if (name == "note") return Severity::kNote;
  return Severity::kError;
}

// Collects the findings no comment suppresses, file by file, in source
// order.
void CollectFindings(const CheckedRules& rules, LintReport* report) {
  for (size_t i = 0; i < rules.files.size(); ++i) {
    report->files.push_back(rules.files[i].source);
    std::vector<Diagnostic> kept = lint::Unsuppressed(rules.files[i], rules.diagnostics[i]);
    std::stable_sort(kept.begin(), kept.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.range.begin < b.range.begin;
    });
    for (Diagnostic& d : kept) report->findings.push_back({rules.files[i].source, std::move(d)});
  }
}

int RunLint(const LintCommandOptions& options) {
  CheckedRules rules;
  std::string error;
  if (!ParseAndCheck(options.paths, options.fields_path, &rules, &error)) {
    std::cerr << "syncrule lint: " << error << '\n';
    return kExitUsage;
  }
  lint::SnapshotResult snapshot;
  lint::LintOptions lint_options;
  if (!options.jira_schema.empty()) {
    snapshot = lint::LoadJiraSnapshot(options.jira_schema);
    if (!snapshot.ok()) {
      std::cerr << "syncrule lint: --jira-schema " << options.jira_schema << ": " << snapshot.error
                << '\n';
      return kExitUsage;
    }
    for (const std::string& warning : snapshot.warnings) {
      std::cerr << "syncrule lint: --jira-schema: " << warning << '\n';
    }
    lint_options.jira = &snapshot.snapshot;
  }
  if (rules.checked) lint::LintProgram(rules.files, rules.program, lint_options, rules.diagnostics);
  LintReport report;
  report.fail_on = FailOn(options.fail_on);
  CollectFindings(rules, &report);
  WriteLintReport(report, options.format, std::cout);
  bool failing = options.fail_on != "never" &&
                 std::any_of(report.findings.begin(), report.findings.end(), [&](const LintFinding& f) {
                   return static_cast<int>(f.diagnostic.severity) <= static_cast<int>(report.fail_on);
                 });
  return failing ? kExitFindings : kExitOk;
}

}  // namespace

void RegisterLintCommands(CLI::App& app) {
  auto options = std::make_shared<LintCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "lint",
      "Check rule files for mistakes type checking cannot see (docs/lint.md). Exit 0 clean, "
      "1 findings at or above --fail-on, 2 usage.");
  sub->add_option("paths", options->paths, "Rule files or directories")->required();
  sub->add_option("--format", options->format, "text (default), json, sarif, github or junit")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "junit"}));
  sub->add_option("--fail-on", options->fail_on,
                  "The least severity that fails the run: error (default), warning, note or never")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}));
  sub->add_option("--jira-schema", options->jira_schema,
                  "A folder of Jira schema files (GET /field, createmeta, workflows): "
                  "docs/lint-jira.md");
  sub->add_option("--fields", options->fields_path,
                  "Custom Jira fields for embedded JQL (GET /rest/api/2/field)");
  sub->callback([options] { SetExitCode(RunLint(*options)); });
}

}  // namespace syncrule::cli
