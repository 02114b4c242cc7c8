#ifndef SYNCRULE_CLI_RULE_BUILD_H_
#define SYNCRULE_CLI_RULE_BUILD_H_

// Builds a program from rule files for the rule subcommands: find the
// files, parse, check against the connectors' schemas, emit, load and
// verify. Diagnostics go to the given stream in compiler style.

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "compiler/check/checker.h"
#include "compiler/check/program_ir.h"
#include "compiler/source.h"
#include "runtime/program.h"

namespace syncrule::cli {

// A clause of a rule (`match`, `when`, `let`, `do` or `for`) and where it
// is written, for coverage: the VM ran the clause when it executed an
// instruction whose line-table position lies inside the clause's range and
// in no clause nested inside it.
struct RuleClause {
  // Index of the rule in the program.
  size_t rule = 0;
  // "match", "when", "let", "do" or "for".
  std::string kind;
  // Index of the file in the module's files.
  int file = 0;
  // The clause's first character and one past its last, 1-based.
  SourcePosition begin;
  SourcePosition end;
};

// What building produced.
struct BuiltProgram {
  // The module bytes, as `syncrule compile` writes them.
  std::string module;
  // The loaded, verified program.
  std::shared_ptr<const runtime::Program> program;
  // Every clause of every rule, rule by rule, in source order.
  std::vector<RuleClause> clauses;
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

// Rule files parsed and checked, with each file's diagnostics (the
// parser's, then the checker's).
struct CheckedRules {
  std::vector<check::ParsedFile> files;
  std::vector<DiagnosticList> diagnostics;
  // The checked program; meaningful only when `checked`.
  check::CheckedProgram program;
  // True when every file parsed and the program has no errors.
  bool checked = false;
};

// Finds, reads, parses and (when every file parses) checks the rule files
// of `paths`, with custom Jira fields from `fields_path` ("" for none).
// Returns false with `*error` set when a file cannot be read or nothing is
// found; diagnostics are not errors here.
bool ParseAndCheck(const std::vector<std::string>& paths, const std::string& fields_path,
                   CheckedRules* out, std::string* error);

// Builds the program of `paths`, printing diagnostics to `out`. Returns
// false when a file cannot be read (with `*error` set) or when the program
// has errors (error_count > 0).
bool BuildRules(const std::vector<std::string>& paths, const BuildOptions& options,
                std::ostream& out, BuiltProgram* built, std::string* error);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_RULE_BUILD_H_
