#ifndef SYNCRULE_COMPILER_JQL_FUNCTIONS_H_
#define SYNCRULE_COMPILER_JQL_FUNCTIONS_H_

// The table of JQL functions Jira ships (docs/jql.md, "Functions"): each
// function's canonical name, arity, what it returns, which operators it may
// follow and whether evaluating it needs Jira server state. The semantic
// checker validates calls against it; the evaluator dispatches on it.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/jql/ast.h"
#include "compiler/jql/field_catalog.h"

namespace syncrule::jql {

// What a function returns, which decides the fields it fits.
enum class FunctionResult : uint8_t {
  kDate,             // an instant: now(), startOfDay(), ...
  kUser,             // one user: currentUser()
  kUsers,            // users: membersOf()
  kIssues,           // issues: linkedIssues(), issueHistory(), ...
  kVersion,          // one version: latestReleasedVersion()
  kVersions,         // versions: releasedVersions()
  kProjects,         // projects: projectsLeadByUser()
  kComponents,       // components: componentsLeadByUser()
  kIssueTypes,       // issue types: standardIssueTypes()
  kSprints,          // sprints: openSprints()
  kCascadingOption,  // a cascading-select option: cascadeOption()
  kApprovals,        // a JSM approval condition: approved(), approver()
  kSlaCondition,     // a JSM SLA condition: breached(), elapsed()
};

// Marks a function that takes any number of arguments from its minimum on.
inline constexpr int kUnboundedArity = -1;

// Describes one JQL function.
struct FunctionInfo {
  // The canonical spelling ("startOfDay"); lookups ignore case.
  std::string_view name;
  // The fewest and most arguments accepted; max_args may be kUnboundedArity.
  int min_args = 0;
  int max_args = 0;
  FunctionResult result = FunctionResult::kDate;
  // True when the function yields a list, usable only after IN, NOT IN,
  // WAS IN or WAS NOT IN (membersOf, releasedVersions, ...).
  bool returns_list = false;
  // The operators the function may follow (before the field's own operators
  // are considered): E R I H for single values, I and WAS IN for lists.
  OperatorSet operators = 0;
  // True when evaluating the function needs Jira server state beyond the
  // issue's JSON and the clock: the searching user, group membership,
  // project roles, view history, version release state, ...
  bool needs_server = false;
  // One line for docs and "did you mean" notes.
  std::string_view summary;
};

// Returns the function named `name`, compared case-insensitively as Jira
// does ("cascadeoption" finds cascadeOption), or null when none is known.
const FunctionInfo* FindFunction(std::string_view name);

// Returns every known function, in the order of the functions reference.
std::span<const FunctionInfo> AllFunctions();

// Returns a lower-case description of `result` for messages ("a date",
// "a list of users").
const char* FunctionResultName(FunctionResult result);

// Returns true when a function returning `result` yields values of a field
// of type `type` (dates for date fields, users for user fields, ...).
bool FunctionResultFits(FunctionResult result, FieldType type);

// Returns the canonical names of the functions whose results fit `type`,
// the list a custom field of that type accepts.
std::vector<std::string> FunctionNamesForType(FieldType type);

// Returns up to `limit` function names close to `name`, best first, for
// "did you mean" notes.
std::vector<std::string> SuggestFunctions(std::string_view name,
                                          size_t limit = 3);

// Returns true when `info` is one of the start/end-of-period functions that
// take an optional increment such as "-1d" or "+2M".
bool IsPeriodFunction(const FunctionInfo& info);

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_FUNCTIONS_H_
