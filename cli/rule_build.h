#ifndef SYNCRULE_CLI_RULE_BUILD_H_
#define SYNCRULE_CLI_RULE_BUILD_H_

// Builds a program from rule files for the rule subcommands: find the
// files, parse, check against the connectors' schemas, emit, load and
// verify. Diagnostics go to the given stream in compiler style.

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "compiler/check/program_ir.h"
#include "runtime/program.h"

namespace syncrule::cli {

// What building produced.
struct BuiltProgram {
  // The module bytes, as `syncrule compile` writes them.
  std::string module;
  // The loaded, verified program.
  std::shared_ptr<const runtime::Program> program;
  int error_count = 0;
  int warning_count = 0;
  int file_count = 0;
};

// Options for building.
struct BuildOptions {
  // Custom Jira fields for embedded JQL, in the shape of GET /field.
  std::string fields_path;
  // "text" (compiler style) or "json" (one diagnostic a line).
  std::string format = "text";
  // Stop after checking: no emission (for `syncrule check`).
  bool check_only = false;
};

// Returns the .rule files named by `paths`: files as given, directories
// searched recursively, sorted. Sets `*error` when a path does not exist or
// nothing was found.
std::vector<std::string> FindRuleFiles(const std::vector<std::string>& paths,
                                       std::string* error);

// Builds the program of `paths`, printing diagnostics to `out`. Returns
// false when a file cannot be read (with `*error` set) or when the program
// has errors (error_count > 0).
bool BuildRules(const std::vector<std::string>& paths, const BuildOptions& options,
                std::ostream& out, BuiltProgram* built, std::string* error);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_RULE_BUILD_H_
