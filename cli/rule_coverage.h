#ifndef SYNCRULE_CLI_RULE_COVERAGE_H_
#define SYNCRULE_CLI_RULE_COVERAGE_H_

// Coverage of rule tests: which rules matched, which clauses ran and which
// map entries lookups hit, computed from what the VM recorded
// (runtime/coverage.h), the module's line table and the rules' clauses.

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/rule_build.h"
#include "runtime/coverage.h"
#include "runtime/program.h"

namespace syncrule::cli {

// Covered and total counts of one kind of item.
struct CoverageCount {
  int covered = 0;
  int total = 0;
  // Returns covered / total as a percentage; 100 when there is nothing.
  double Percent() const { return total == 0 ? 100.0 : 100.0 * covered / total; }
};

// The coverage of one program.
struct CoverageReport {
  // A rule counts when it matched (ran to its end) at least once.
  CoverageCount rules;
  // A clause counts when the VM executed one of its instructions.
  CoverageCount clauses;
  // A map entry counts when a lookup found its key; a default when a
  // lookup used it.
  CoverageCount map_entries;
  // One line per item not covered: "sync.rule:12:3: when in rule \"x\"".
  std::vector<std::string> missed;
};

// Computes the coverage of `program`, whose clauses are `clauses`, from
// what `recorder` saw.
CoverageReport ComputeCoverage(const runtime::Program& program,
                               const std::vector<RuleClause>& clauses,
                               const runtime::CoverageRecorder& recorder);

// Prints `report` for the program built from `title` (its rule paths).
void PrintCoverage(std::ostream& out, const std::string& title, const CoverageReport& report);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_RULE_COVERAGE_H_
