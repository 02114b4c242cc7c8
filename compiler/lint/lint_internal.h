#ifndef SYNCRULE_COMPILER_LINT_LINT_INTERNAL_H_
#define SYNCRULE_COMPILER_LINT_LINT_INTERNAL_H_

// Shared by the lint checks: the context they report into, and walks over
// the checked program's rules, conditions, expressions and actions.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/lint/lint.h"
#include "compiler/lint/lint_codes.h"

namespace syncrule::lint::internal {

// What every check reads and where it reports.
struct LintContext {
  const std::vector<check::ParsedFile>& files;
  const check::CheckedProgram& program;
  const LintOptions& options;
  std::vector<DiagnosticList>& by_file;

  // Adds a finding at `span`.
  Diagnostic& Report(Severity severity, std::string_view code, const check::SourceSpan& span,
                     std::string message);
  // Returns "file:line:col" of `span`, for notes that point elsewhere.
  std::string Where(const check::SourceSpan& span) const;
  // Returns the source text of `span`.
  std::string_view TextOf(const check::SourceSpan& span) const;
};

// Calls `visit` on `expr` and every expression below it.
void ForEachExpr(const check::IrExpr& expr, const std::function<void(const check::IrExpr&)>& visit);

// Calls `visit` on every expression of `rule`: conditions, lets, action
// arguments and loop lists, at any depth.
void ForEachExprInRule(const check::IrRule& rule,
                       const std::function<void(const check::IrExpr&)>& visit);

// Calls `visit` on every action of `rule`, at any loop depth; `in_loop` is
// true inside a `for`.
void ForEachAction(const check::IrRule& rule,
                   const std::function<void(const check::IrAction&, bool in_loop)>& visit);

// Returns the rule's top-level `when` conditions, split at `and`, in order.
std::vector<const check::IrExpr*> Conjuncts(const check::IrRule& rule);

// Returns the declaration of event field `index` of the program.
const runtime::FieldDecl* FieldOf(const check::CheckedProgram& program, int index);

// Returns the value of `expr` when it is known at compile time: a constant,
// a list of constants, or split()/lower()/upper()/trim() of constants.
std::optional<nlohmann::json> ConstantValue(const check::IrExpr& expr);

// Returns the action's argument `name`, or null.
const check::IrExpr* ArgOf(const check::IrAction& action, std::string_view name);

// Returns the closed set of values `expr` can take, when it reads a field
// with one (PagerDuty incident statuses; Jira statuses with a snapshot).
std::optional<std::vector<std::string>> ClosedValues(const LintContext& context,
                                                     const check::IrExpr& expr);

// The checks, one group per file.
void CheckMaps(LintContext& context);
void CheckValues(LintContext& context);
void CheckConditions(LintContext& context);
void CheckShadowedCreates(LintContext& context);
void CheckRefiringJql(LintContext& context);
void CheckLoops(LintContext& context);

}  // namespace syncrule::lint::internal

#endif  // SYNCRULE_COMPILER_LINT_LINT_INTERNAL_H_
