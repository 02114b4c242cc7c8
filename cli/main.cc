// syncrule: sync rules between on-call tools and work trackers, as code.
// One binary; each subcommand registers itself from its own file.

#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/cli_io.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "syncrule: incident <-> issue sync rules as code.\n"
      "Lint, test, benchmark and run sync rules for Jira, PagerDuty, "
      "Flashduty, GitLab and Alertmanager."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "syncrule 0.1.0");
  syncrule::cli::RegisterJqlCommands(app);
  syncrule::cli::RegisterRuleCommands(app);
  syncrule::cli::RegisterLintCommands(app);
  syncrule::cli::RegisterImportCommands(app);
  syncrule::cli::RegisterFmtCommand(app);
  syncrule::cli::RegisterBenchCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return syncrule::cli::kExitUsage;
  }
  return syncrule::cli::ExitCode();
}
