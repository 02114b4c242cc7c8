#ifndef SYNCRULE_COMPILER_LINT_JIRA_LINT_INTERNAL_H_
#define SYNCRULE_COMPILER_LINT_JIRA_LINT_INTERNAL_H_

// Shared by the Jira snapshot checks (jira_checks.cc, jira_fields.cc,
// jira_workflows.cc): constant values of the IR, spans, and the context of
// one action.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/check/program_ir.h"
#include "compiler/diagnostic.h"
#include "compiler/lint/jira_snapshot.h"

namespace syncrule::lint::internal {

// The stable codes of the Jira snapshot checks (docs/lint-jira.md).
namespace codes {
inline constexpr const char* kRequiredFieldUnset = "SL201";
inline constexpr const char* kWrongShape = "SL202";
inline constexpr const char* kUnknownOption = "SL203";
inline constexpr const char* kUnreachableStatus = "SL204";
inline constexpr const char* kUnknownProjectOrType = "SL205";
inline constexpr const char* kUnknownField = "SL206";
}  // namespace codes

// What the rule's conditions say about the status where an action
// runs: the statuses it may be in, when conditions pin them.
struct StatusPins {
  // Non-empty when conditions (`when issue.status == "X"`, `issue.status
  // changed to "X"`, `linked(jira.issue).status == "X"`) pin it.
  std::vector<std::string> statuses;
  // True when the only trigger is jira.issue.created: the issue is in its
  // workflow's initial status.
  bool just_created = false;
};

// One `do` being checked, with where to report.
struct ActionSite {
  const check::CheckedProgram* program = nullptr;
  const check::IrAction* action = nullptr;
  DiagnosticList* diagnostics = nullptr;
  StatusPins pins;
};

// Returns the value of `expr` when it is known before the rule runs: a
// constant, or a list or object of constants.
std::optional<nlohmann::json> ConstantOf(const check::IrExpr& expr);

// Returns the string values `expr` can take when it looks up a map
// (`status_map[incident.status]`): (key, value) pairs, with "_" for the
// default. Empty when `expr` is not a map lookup.
std::vector<std::pair<std::string, std::string>> MapStringValues(
    const check::CheckedProgram& program, const check::IrExpr& expr);

// Returns the argument called `name` of `action`, or nullptr.
const check::IrExpr* FindArg(const check::IrAction& action, std::string_view name);

// Returns the range of the action's name (`jira.create_issue`).
SourceRange ActionNameRange(const ActionSite& site);

// Returns the range of the whole argument whose value is `value` (`to =
// "Done"`), or nullopt when the source does not read `name = value` there.
std::optional<SourceRange> ArgumentRange(const ActionSite& site, std::string_view name,
                                         const check::IrExpr& value);

// Returns `value` written as the rule language writes it: `{"value": "Gold"}`.
std::string RuleText(const nlohmann::json& value);

// Adds a fix replacing `range` with `replacement`, described as
// "<what>: <replacement>" so that the printed help shows the new text.
void AddFix(Diagnostic& diagnostic, SourceRange range, std::string replacement,
            std::string_view what);

// Returns `names` quoted and joined: "\"A\", \"B\" and \"C\"" (at most
// `limit`, then "…").
std::string QuotedList(const std::vector<std::string>& names, size_t limit = 8);

// Checks a jira.create_issue or jira.set_fields action (SL201, SL202,
// SL203, SL205, SL206).
void CheckFieldsOfAction(const ActionSite& site, const JiraSnapshot& jira);

// Checks a jira.transition action, or the `status` of a jira.create_issue
// (SL204).
void CheckTransitionsOfAction(const ActionSite& site, const JiraSnapshot& jira);

}  // namespace syncrule::lint::internal

#endif  // SYNCRULE_COMPILER_LINT_JIRA_LINT_INTERNAL_H_
