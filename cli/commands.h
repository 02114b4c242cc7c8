#ifndef SYNCRULE_CLI_COMMANDS_H_
#define SYNCRULE_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace syncrule::cli {

// Registers `syncrule jql validate|eval|fmt` on `app`.
void RegisterJqlCommands(CLI::App& app);

// Registers `syncrule check|compile|disasm|run|fire|test` on `app`.
void RegisterRuleCommands(CLI::App& app);

// Registers `syncrule lint` on `app`.
void RegisterLintCommands(CLI::App& app);

// Registers `syncrule import pagerduty-jira-cloud|pagerduty-jira-server`.
void RegisterImportCommands(CLI::App& app);

// Registers `syncrule fmt` on `app`.
void RegisterFmtCommand(CLI::App& app);

// Registers `syncrule bench` on `app`.
void RegisterBenchCommands(CLI::App& app);

// Records the exit code of the subcommand that ran; the highest wins.
void SetExitCode(int code);

// Returns the exit code recorded by the subcommand that ran.
int ExitCode();

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_COMMANDS_H_
