#ifndef SYNCRULE_COMPILER_LINT_JIRA_CHECKS_H_
#define SYNCRULE_COMPILER_LINT_JIRA_CHECKS_H_

// Lint checks against a Jira schema snapshot (codes SL201-SL206, docs/lint-jira.md):
// create actions that leave a required field unset, fields set to a value
// of the wrong shape, options that do not exist, and transitions the
// workflow refuses from some status the issue can be in.

#include <vector>

#include "compiler/check/program_ir.h"
#include "compiler/diagnostic.h"
#include "compiler/lint/jira_snapshot.h"

namespace syncrule::lint {

// Adds the findings for `program` to `by_file` (indexed like
// program.sources).
void CheckAgainstJira(const check::CheckedProgram& program, const JiraSnapshot& jira,
                      std::vector<DiagnosticList>& by_file);

}  // namespace syncrule::lint

#endif  // SYNCRULE_COMPILER_LINT_JIRA_CHECKS_H_
