#ifndef SYNCRULE_COMPILER_EMIT_EMITTER_H_
#define SYNCRULE_COMPILER_EMIT_EMITTER_H_

// The emitter: lowers the checked program (compiler/check/program_ir.h) to
// a bytecode module (runtime/module.h). Conditions compile to jumps with
// true/false exit lists patched later (lua's luaK_goiftrue); JQL matches
// lower to the same instructions as `when` conditions (field loads,
// folded set membership, short-circuit jumps) plus JQL_TERM for the
// clauses that need richer semantics; constants fold only where folding
// cannot fail; the constant pool is deduplicated; a line table maps every
// instruction to file, line and column. The module is then written, read
// back, verified and linked by the runtime (runtime/program.h), so
// compile -> write -> load -> verify is one path.
//
//   std::vector<emit::EmitError> errors;
//   std::string bytes = emit::CompileModule(checked, &errors);
//   runtime::LoadResult loaded = runtime::LoadModule(bytes);

#include <string>
#include <string_view>
#include <vector>

#include "compiler/check/program_ir.h"
#include "compiler/emit/module_builder.h"
#include "compiler/jql/checked_query.h"
#include "compiler/jql/field_catalog.h"
#include "runtime/module.h"

namespace syncrule::emit {

// The outcome of emitting: the module image, and errors (limits exceeded,
// constructs the VM declines). The image is meaningful only without errors.
struct EmitResult {
  runtime::ModuleImage image;
  std::vector<EmitError> errors;

  bool ok() const { return errors.empty(); }
};

// Emits `program` (which must have checked without errors).
EmitResult EmitProgram(const check::CheckedProgram& program);

// Emits `program` and returns the module bytes, or "" with `errors` filled
// (when not null) if it cannot be emitted.
std::string CompileModule(const check::CheckedProgram& program,
                          std::vector<EmitError>* errors = nullptr);

// Emits a module holding one rule, named "jql", triggered by every Jira
// issue event, that matches `query` (checked against `catalog`, which also
// tells which custom fields `text ~` searches; null means every string
// custom field). Used by the differential test and JQL tooling.
EmitResult EmitJqlQuery(const jql::CheckedQuery& query, std::string_view text,
                        const jql::FieldCatalog* catalog);

// Returns the message of `error` prefixed with "file:line:col: " when it has
// a position in `program`'s sources.
std::string FormatEmitError(const check::CheckedProgram& program,
                            const EmitError& error);

}  // namespace syncrule::emit

#endif  // SYNCRULE_COMPILER_EMIT_EMITTER_H_
