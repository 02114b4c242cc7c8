#ifndef SYNCRULE_COMPILER_JQL_EVALUATOR_INTERNAL_H_
#define SYNCRULE_COMPILER_JQL_EVALUATOR_INTERNAL_H_

// The reference evaluator's internal forms, shared by evaluator*.cc:
// field values read from an issue, operand values prepared from a query,
// the prepared clause tree ("plan") and the functions that build and run
// it. Nothing outside compiler/jql/evaluator*.cc includes this header.

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/jql/ast.h"
#include "compiler/jql/checked_query.h"
#include "compiler/jql/eval_context.h"
#include "compiler/jql/field_catalog.h"
#include "compiler/jql/issue_document.h"
#include "stdlib/text_search.h"

namespace syncrule::jql::eval {

// The smallest and largest instants, standing for "since ever"/"until now
// and beyond" in history windows.
inline constexpr int64_t kMinTime = std::numeric_limits<int64_t>::min() / 4;
inline constexpr int64_t kMaxTime = std::numeric_limits<int64_t>::max() / 4;

// One value of a field in an issue, in the forms comparisons need. An empty
// FieldValues list is EMPTY.
struct FieldValue {
  // The primary text: a name, key, label, option value or text content.
  std::string text;
  // Other identifiers that `=` also accepts: ids, keys, account ids,
  // usernames, e-mail addresses, display names.
  std::vector<std::string> ids;
  // The numeric form: a number, an instant in ms, a duration in seconds,
  // a day start for date-only fields.
  std::optional<double> number;
  // A cascading select's child option: value and id.
  std::vector<std::string> child;
  // Flags some functions test: a sprint's state ("active"), a version's
  // released flag ("true"), an issue type's subtask flag ("true"), a
  // status category key ("done").
  std::string state;
  // The JSON the value was read from, when it was an object.
  const nlohmann::json* raw = nullptr;
};
using FieldValues = std::vector<FieldValue>;

// Returns a field value holding only `text`.
inline FieldValue TextValue(std::string text) {
  FieldValue value;
  value.text = std::move(text);
  return value;
}

// What kind of value an operand contributes.
enum class ValueKind : uint8_t {
  kEmpty,    // EMPTY / NULL, and resolution "unresolved"
  kText,     // a literal, or a name/key/id produced by a function
  kUser,     // a user from currentUser(), membersOf() or a context list
  kInstant,  // a date; `number` holds the instant in ms
  kMatcher,  // a test answered from the issue JSON (see MatcherKind)
};

// The tests a function can turn into when the issue itself holds the
// answer.
enum class MatcherKind : uint8_t {
  kNone,
  kCascade,          // cascadeOption(parent[, child]); args = parent, child
  kSprintState,      // open/closed/futureSprints(); args = state
  kVersionReleased,  // (un)releasedVersions(); args = "true"/"false", projects
  kSubtaskType,      // standard/subtaskIssueTypes(); args = "true"/"false"
  kLinkedTo,         // linkedIssues(key[, type]); args = key, type
  kApproval,         // approved() ...; args = function name, users
  kSla,              // breached() ...; args = function name
};

// One operand value, prepared once per Evaluator.
struct QueryValue {
  ValueKind kind = ValueKind::kText;
  // The literal or produced text.
  std::string text;
  // True for an unquoted number literal.
  bool is_number = false;
  // The numeric form for the clause's field type: number, instant (ms),
  // duration (s), rank (priority, resolution, version order).
  std::optional<double> number;
  // kUser: the identifiers that denote the user.
  std::vector<std::string> user_ids;
  // Restricts a version or component name to one project (key, name or id):
  // releasedVersions("ABC") names versions of ABC only.
  std::string project;
  // kMatcher: which test, and its arguments.
  MatcherKind matcher = MatcherKind::kNone;
  std::vector<std::string> args;
  // kMatcher with kApproval: the users named.
  std::vector<std::vector<std::string>> users;
};
using QueryValues = std::vector<QueryValue>;

// Returns the operand value EMPTY.
inline QueryValue EmptyValue() {
  QueryValue value;
  value.kind = ValueKind::kEmpty;
  return value;
}

// A time window [begin, end) in epoch ms, from AFTER/BEFORE/ON/DURING.
struct TimeWindow {
  int64_t begin = kMinTime;
  int64_t end = kMaxTime;
};

// The history predicates of one clause, combined (they AND together).
struct HistoryFilter {
  TimeWindow window;
  // BY: any of these users (empty = no BY predicate).
  QueryValues by;
  bool has_by = false;
  // FROM / TO (CHANGED only).
  QueryValues from;
  bool has_from = false;
  QueryValues to;
  bool has_to = false;
};

// A prepared terminal clause.
struct Term {
  const FieldInfo* field = nullptr;
  Operator op = Operator::kEquals;
  // The operand, flattened (lists and list-valued functions expanded).
  QueryValues values;
  // Entity-property accesses (issue.property[key].path).
  std::vector<std::string> property_path;
  // For `~`/`!~` on text: the compiled text query.
  std::shared_ptr<const stdlib::TextQuery> text_query;
  // For WAS*/CHANGED.
  HistoryFilter history;
  // An issue-independent answer (e.g. `filter = X` with X's keys known).
  std::optional<bool> constant;
};

// A prepared clause tree node.
struct Node {
  ClauseKind kind = ClauseKind::kTerminal;
  std::vector<Node> children;
  std::unique_ptr<Term> term;
  // True when evaluating this subtree can report an error for some issue;
  // such subtrees are evaluated fully so that errors never depend on
  // evaluation order.
  bool may_error = false;
};

// A prepared ORDER BY key.
struct SortSpec {
  const FieldInfo* field = nullptr;
  bool descending = false;
};

// Everything an Evaluator prepared from (CheckedQuery, EvalContext).
struct Plan {
  EvalContext context;
  const FieldCatalog* catalog = nullptr;
  std::optional<Node> where;
  std::vector<SortSpec> order_by;
  // Set when the query cannot be evaluated (missing server state, an
  // unknown group, a malformed date); every Evaluate reports it.
  std::string error;
  // `fields` keys that `text ~` searches besides the system text fields.
  std::vector<std::string> text_custom_keys;
  // True when text_custom_keys came from the catalog; otherwise every
  // string-valued customfield_* is searched.
  bool text_keys_known = false;
};

// The result of evaluating a clause for one issue.
struct Outcome {
  bool matched = false;
  std::string error;
};

// --- evaluator_fields.cc: reading field values from an issue -------------

// Returns the values of `field` in `issue` (empty = EMPTY). Sets `error`
// when the issue lacks data the field needs and the JSON cannot tell
// (a watcher list that Jira left out).
FieldValues ReadField(const FieldInfo& field, const IssueDocument& issue,
                      const Plan& plan, std::string* error);

// Returns the values at issue.property[key].path..., for entity properties.
FieldValues ReadProperty(const IssueDocument& issue,
                         const std::vector<std::string>& path);

// Returns the identifiers of a Jira user object (account id, username,
// key, e-mail, display name), or the string itself for a string.
std::vector<std::string> UserNames(const nlohmann::json& user);

// Returns the project of `issue` as a value (key, name, id).
FieldValue ReadProject(const IssueDocument& issue);

// Returns the plain text of `value`: a string, or the text of an Atlassian
// Document Format node (Cloud REST v3 descriptions and comments).
std::string PlainText(const nlohmann::json& value);

// Returns the canonical lower-case JQL name of `field` ("fixversion").
std::string FieldKey(const FieldInfo& field);

// --- evaluator_operands.cc: preparing operands ---------------------------

// Prepares the operand of a clause on `field` into flat values. Sets
// `error` when a function lacks data or an argument is malformed.
QueryValues PrepareOperand(const CheckedOperand& operand,
                           const FieldInfo& field, Operator op,
                           const Plan& plan, std::string* error);

// Prepares the history predicates of a clause on `field`.
HistoryFilter PrepareHistory(const std::vector<CheckedPredicate>& predicates,
                             const FieldInfo& field, const Plan& plan,
                             std::string* error);

// Resolves a date operand (a literal or a date function) to an instant.
std::optional<int64_t> ResolveInstant(const CheckedOperand& operand,
                                      const Plan& plan, std::string* error);

// Normalises an instant operand for comparisons on `field`: the local day
// start for date-only fields, whole seconds otherwise.
void NormalizeInstant(const FieldInfo& field, const Plan& plan,
                      QueryValue* value);

// --- evaluator_functions.cc: JQL functions --------------------------------

// Calls the function `call` (canonical name in call.literal.text) for a
// clause on `field` and returns its values. Sets `error` when the function
// is unknown, misused, or needs data the context lacks.
QueryValues CallFunction(const CheckedOperand& call, const FieldInfo& field,
                         const Plan& plan, std::string* error);

// Calls a date function (now(), startOfDay(), currentLogin(), ...) and
// returns its instant; nullopt with `error` set otherwise.
std::optional<int64_t> DateFunction(const CheckedOperand& call,
                                    const Plan& plan, std::string* error);

// --- evaluator_compare.cc: comparing values ------------------------------

// Returns true when field value `value` equals query value `query` for a
// field of type `field.type` (names case-insensitively, ids, users by any
// identifier, numbers numerically, instants at second resolution).
bool ValueEquals(const FieldInfo& field, const FieldValue& value,
                 const QueryValue& query, const IssueDocument& issue);

// Compares `value` with `query` for `> >= < <=`: <0, 0, >0, or nullopt
// when they cannot be ordered (different projects for issue keys). Sets
// `error` when a name is missing from a configured order.
std::optional<int> CompareForOrder(const FieldInfo& field,
                                   const FieldValue& value,
                                   const QueryValue& query, const Plan& plan,
                                   std::string* error);

// Returns the rank of `name` in `order` (0 = first rank), or nullopt.
std::optional<int> RankOf(const RankedNames& order, std::string_view name);

// Compares version names by `order` (listed versions first, in list
// order), else naturally ("1.9" < "1.10").
int CompareVersions(std::string_view a, std::string_view b,
                    const RankedNames& order);

// Returns true when the user `user_ids` (query identifiers) names the
// field user whose identifiers are `names`.
bool UserMatches(const std::vector<std::string>& user_ids,
                 const std::vector<std::string>& names);

// --- evaluator_matchers.cc: functions answered from the issue JSON -------

// Returns whether `value` (or the issue) satisfies matcher `query`.
Outcome MatchSpecial(const FieldInfo& field, const FieldValues& values,
                     const QueryValue& query, const IssueDocument& issue,
                     const Plan& plan);

// Returns the JSM SLA ordering number (ms) of `values` for elapsed() or
// remaining(), or nullopt.
std::optional<double> SlaMillis(const FieldValues& values, bool remaining);

// --- evaluator_text.cc: `~` ----------------------------------------------

// Evaluates `~` (or `!~` when `negated`) for `term` on `issue`.
Outcome EvaluateLike(const Term& term, const IssueDocument& issue,
                     const Plan& plan, bool negated);

// --- evaluator_history.cc: WAS* and CHANGED ------------------------------

// Evaluates a WAS/WAS NOT/WAS IN/WAS NOT IN/CHANGED clause.
Outcome EvaluateHistory(const Term& term, const IssueDocument& issue,
                        const Plan& plan);

// --- evaluator_sort.cc: ORDER BY ------------------------------------------

// Returns the stable ORDER BY permutation of `issues`.
std::vector<size_t> SortIssues(const Plan& plan,
                               const std::vector<IssueDocument>& issues);

}  // namespace syncrule::jql::eval

#endif  // SYNCRULE_COMPILER_JQL_EVALUATOR_INTERNAL_H_
