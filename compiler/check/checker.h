#ifndef SYNCRULE_COMPILER_CHECK_CHECKER_H_
#define SYNCRULE_COMPILER_CHECK_CHECKER_H_

// Name resolution and type checking of parsed rule files against the
// connectors' schemas (the environment), producing the checked program.

#include <cstdint>
#include <memory>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/check/program_ir.h"
#include "compiler/diagnostic.h"
#include "runtime/schema.h"

namespace syncrule::check {

// The default bound of a `for` loop written without `limit`: enough for
// the keys in a commit range, small enough that a rule stays cheap.
inline constexpr int64_t kDefaultLoopLimit = 1000;
// The largest `limit` a loop may declare.
inline constexpr int64_t kMaxLoopLimit = 10000;
// The largest product of the limits of nested loops: the most times the
// innermost body can run for one event, which keeps every rule total and
// its worst case bounded.
inline constexpr int64_t kMaxLoopProduct = 100000;

// What the checker resolves names against: the connectors' schemas and the
// JQL field catalog. The schemas must outlive the checked program. A null
// catalog means Jira's system fields only.
struct Environment {
  std::vector<const runtime::ConnectorSchema*> connectors;
  std::shared_ptr<const jql::FieldCatalog> jql_catalog;
};

// One parsed file with its source.
struct ParsedFile {
  std::shared_ptr<const Source> source;
  ast::RuleFile file;
};

// Checks `files` (one program) in `environment`. Adds diagnostics for file
// `i` to `diagnostics[i]` (which must have files.size() entries; a shorter
// vector is extended) and returns the checked program, meaningful only when
// no error was added. Never throws. The codes are in check_codes.h and
// docs/language.md ("Diagnostics").
CheckedProgram CheckProgram(const std::vector<ParsedFile>& files,
                            const Environment& environment,
                            std::vector<DiagnosticList>& diagnostics);

}  // namespace syncrule::check

#endif  // SYNCRULE_COMPILER_CHECK_CHECKER_H_
