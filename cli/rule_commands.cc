// `syncrule check|compile|disasm|run|fire|test`: the rule language on the
// command line.

#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/rule_commands_internal.h"

namespace syncrule::cli {
namespace {

void AddRuleInputs(CLI::App* sub, RuleCommandOptions& options) {
  sub->add_option("--fields", options.fields_path,
                  "Custom Jira fields for embedded JQL (GET /rest/api/2/field)");
}

void AddClock(CLI::App* sub, RuleCommandOptions& options) {
  sub->add_option("--now", options.now, "The clock, e.g. 2026-01-31T12:00:00Z");
  sub->add_option("--tz", options.zone, "Time zone for JQL dates");
}

void AddCheck(CLI::App& app) {
  auto options = std::make_shared<RuleCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "check", "Compile rule files and report diagnostics. Exit 0 clean, 1 errors, 2 usage.");
  sub->add_option("paths", options->paths, "Rule files or directories")->required();
  sub->add_option("--format", options->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  AddRuleInputs(sub, *options);
  sub->callback([options] { SetExitCode(RunCheck(*options)); });
}

void AddCompile(CLI::App& app) {
  auto options = std::make_shared<RuleCommandOptions>();
  CLI::App* sub = app.add_subcommand("compile", "Compile rule files into a verified module (.srb).");
  sub->add_option("paths", options->paths, "Rule files or directories")->required();
  sub->add_option("-o,--output", options->output, "The module file to write")->required();
  AddRuleInputs(sub, *options);
  sub->callback([options] { SetExitCode(RunCompile(*options)); });
}

void AddDisasm(CLI::App& app) {
  auto options = std::make_shared<RuleCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "disasm", "Print a module (.srb) readably, with source lines; rule files are compiled first.");
  sub->add_option("paths", options->paths, "A .srb module, or rule files/directories")->required();
  AddRuleInputs(sub, *options);
  sub->callback([options] { SetExitCode(RunDisasm(*options)); });
}

void AddRun(CLI::App& app) {
  auto options = std::make_shared<RuleCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "run",
      "Dry run: evaluate rules over webhook payloads, one a line, and print one JSON "
      "effect a line. A line may also be {\"source\", \"headers\", \"body\"}.");
  sub->add_option("paths", options->paths, "Rule files or directories")->required();
  sub->add_option("--events", options->events, "Events file, or - for stdin")->required();
  sub->add_flag("--explain", options->explain,
                "Say, for every event, why each candidate rule matched or not");
  AddRuleInputs(sub, *options);
  AddClock(sub, *options);
  sub->callback([options] { SetExitCode(RunRun(*options)); });
}

void AddFire(CLI::App& app) {
  auto options = std::make_shared<RuleCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "fire", "Run one rule (a manual rule) on one event, as the vendors' \"create issue\" button.");
  sub->add_option("rule", options->rule, "The rule's name")->required();
  sub->add_option("--event", options->events, "The event payload file")->required();
  sub->add_option("--rules", options->paths, "Rule files or directories (default .)");
  AddRuleInputs(sub, *options);
  AddClock(sub, *options);
  sub->callback([options] { SetExitCode(RunFire(*options)); });
}

void AddTest(CLI::App& app) {
  auto options = std::make_shared<RuleCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "test",
      "Run rule tests (*.ruletest.yaml, docs/testing.md). Exit 0 all pass, 1 failures or "
      "coverage below --threshold, 2 usage or a bad test file.");
  sub->add_option("paths", options->paths,
                  "Test files, or directories searched for them (default: the current directory)")
      ->default_val(std::vector<std::string>{"."});
  sub->add_option("--format", options->format, "text (default) or junit (JUnit XML on stdout)")
      ->check(CLI::IsMember({"text", "junit"}));
  sub->add_flag("--coverage", options->coverage,
                "Report the rules, clauses and map entries the tests exercised");
  sub->add_option("--threshold", options->threshold,
                  "Fail when rule or clause coverage is below PCT (implies --coverage)")
      ->check(CLI::Range(0.0, 100.0));
  AddRuleInputs(sub, *options);
  sub->callback([options] { SetExitCode(RunTest(*options)); });
}

}  // namespace

void RegisterRuleCommands(CLI::App& app) {
  AddCheck(app);
  AddCompile(app);
  AddDisasm(app);
  AddRun(app);
  AddFire(app);
  AddTest(app);
}

}  // namespace syncrule::cli
