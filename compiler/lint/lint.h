#ifndef SYNCRULE_COMPILER_LINT_LINT_H_
#define SYNCRULE_COMPILER_LINT_LINT_H_

// `syncrule lint`: checks over a checked program that catch what type
// checking cannot — maps that miss values, conditions that can never hold,
// create rules shadowed by earlier ones, JQL rules that re-fire on every
// edit, rules that feed each other in a loop, labels Jira rejects and
// secrets written inline. Findings are diagnostics (codes SLxxx, listed in
// docs/lint.md); the compiler's own diagnostics (SRxxx, JQLxxx) come first
// and are findings too.

#include <string>
#include <vector>

#include "compiler/check/checker.h"
#include "compiler/diagnostic.h"
#include "compiler/lint/jira_snapshot.h"

namespace syncrule::lint {

// Options for LintProgram.
struct LintOptions {
  // A Jira schema snapshot (--jira-schema); null when none was given, in
  // which case the SL2xx checks do not run and Jira statuses are an open
  // set. Not owned.
  const JiraSnapshot* jira = nullptr;
};

// Runs every lint check on `program`, which must have checked without
// errors, and adds the findings to `by_file` (indexed like `files`).
void LintProgram(const std::vector<check::ParsedFile>& files,
                 const check::CheckedProgram& program, const LintOptions& options,
                 std::vector<DiagnosticList>& by_file);

// Returns the diagnostics of `list` that no suppression comment of
// `file` silences. A comment `# syncrule: ignore SL101, SL402 (reason)`
// silences those codes: after code, on its own line; on a line of its own
// directly above a rule, map or connection block, in the whole block;
// elsewhere on a line of its own, on the next line.
std::vector<Diagnostic> Unsuppressed(const check::ParsedFile& file, const DiagnosticList& list);

}  // namespace syncrule::lint

#endif  // SYNCRULE_COMPILER_LINT_LINT_H_
