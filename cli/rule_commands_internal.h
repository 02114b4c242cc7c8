#ifndef SYNCRULE_CLI_RULE_COMMANDS_INTERNAL_H_
#define SYNCRULE_CLI_RULE_COMMANDS_INTERNAL_H_

// The options and entry points of the rule subcommands.

#include <string>
#include <vector>

#include "runtime/event.h"

namespace syncrule::cli {

// Options shared by check, compile, disasm, run and fire.
struct RuleCommandOptions {
  std::vector<std::string> paths;
  std::string fields_path;
  std::string format = "text";
  std::string output;
  std::string events;
  std::string rule;
  std::string now;
  std::string zone = "UTC";
  bool explain = false;
  // `syncrule test`: report coverage, and fail below this percentage
  // (negative: no threshold).
  bool coverage = false;
  double threshold = -1;
};

// Turns one input line into a delivery: a bare payload, or an envelope
// {"source", "headers", "body"}.
runtime::RawDelivery ToDelivery(const std::string& line);

// Runs `syncrule check`.
int RunCheck(const RuleCommandOptions& options);
// Runs `syncrule compile`.
int RunCompile(const RuleCommandOptions& options);
// Runs `syncrule disasm`.
int RunDisasm(const RuleCommandOptions& options);
// Runs `syncrule run`.
int RunRun(const RuleCommandOptions& options);
// Runs `syncrule fire`.
int RunFire(const RuleCommandOptions& options);
// Runs `syncrule test`.
int RunTest(const RuleCommandOptions& options);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_RULE_COMMANDS_INTERNAL_H_
