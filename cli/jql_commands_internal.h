#ifndef SYNCRULE_CLI_JQL_COMMANDS_INTERNAL_H_
#define SYNCRULE_CLI_JQL_COMMANDS_INTERNAL_H_

// The options and entry points of the `jql` subcommands.

#include <string>

#include "cli/cli_io.h"

namespace syncrule::cli {

// Options of `syncrule jql validate`.
struct ValidateOptions {
  std::string input = "-";
  std::string fields_path;
  std::string format = "json";
};

// Options of `syncrule jql fmt`.
struct FmtOptions {
  std::string query;
  std::string input;
};

// Options of `syncrule jql eval`.
struct EvalOptions {
  std::string query;
  std::string issues_path;
  std::string now;
  std::string zone = "UTC";
  std::string user;
  std::string fields_path;
  std::string groups_path;
  std::string context_path;
  std::string priority_order;
  bool print_json = false;
};

// Runs `jql validate` and returns its exit code.
int RunValidate(const ValidateOptions& options);

// Runs `jql fmt` and returns its exit code.
int RunFmt(const FmtOptions& options);

// Runs `jql eval` and returns its exit code.
int RunEval(const EvalOptions& options);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_JQL_COMMANDS_INTERNAL_H_
