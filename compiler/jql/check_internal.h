#ifndef SYNCRULE_COMPILER_JQL_CHECK_INTERNAL_H_
#define SYNCRULE_COMPILER_JQL_CHECK_INTERNAL_H_

// Shared state and helpers of the semantic checker, split over check.cc
// (the walk), check_fields.cc (field references and literals),
// check_operands.cc (values and functions) and check_predicates.cc (history
// predicates). Not part of the compiler's public API.

#include <string>
#include <string_view>

#include "compiler/diagnostic.h"
#include "compiler/jql/ast.h"
#include "compiler/jql/checked_query.h"
#include "compiler/jql/field_catalog.h"
#include "compiler/jql/functions.h"
#include "stdlib/jql_time.h"

namespace syncrule::jql::check_internal {

// The diagnostic codes of the checker; check.cc documents each one.
inline constexpr std::string_view kUnknownField = "JQL101";
inline constexpr std::string_view kAmbiguousField = "JQL102";
inline constexpr std::string_view kUnsupportedOperator = "JQL103";
inline constexpr std::string_view kUnknownFunction = "JQL104";
inline constexpr std::string_view kFunctionArity = "JQL105";
inline constexpr std::string_view kFunctionNotForField = "JQL106";
inline constexpr std::string_view kFunctionNotForOperator = "JQL107";
inline constexpr std::string_view kInvalidDate = "JQL108";
inline constexpr std::string_view kInvalidNumber = "JQL109";
inline constexpr std::string_view kInvalidDuration = "JQL110";
inline constexpr std::string_view kDuringArity = "JQL111";
inline constexpr std::string_view kPredicateArity = "JQL112";
inline constexpr std::string_view kInvalidPredicateDate = "JQL113";
inline constexpr std::string_view kInvalidPredicateUser = "JQL114";
inline constexpr std::string_view kEmptyNotSupported = "JQL115";
inline constexpr std::string_view kPropertyMisuse = "JQL116";
inline constexpr std::string_view kNotSortable = "JQL117";
inline constexpr std::string_view kInvalidFunctionArgument = "JQL118";
inline constexpr std::string_view kInvalidIssueKey = "JQL119";
inline constexpr std::string_view kUnknownValue = "JQL120";
inline constexpr std::string_view kEmptyFieldName = "JQL150";
inline constexpr std::string_view kNumberOutOfRange = "JQL151";
inline constexpr std::string_view kReservedAll = "JQL152";

// Everything one CheckQuery call works with.
struct CheckContext {
  const Query& query;
  const FieldCatalog& catalog;
  DiagnosticList& diagnostics;
  // A fixed clock, used only to validate date and duration syntax.
  stdlib::TimeContext time;

  // Returns the source range of node `id`.
  SourceRange RangeOf(NodeId id) const { return query.RangeOf(id); }
  // Adds an error with `code` at node `id` and returns it for notes.
  Diagnostic& Error(std::string_view code, NodeId id, std::string message);
  // Adds a warning with `code` at node `id` and returns it for notes.
  Diagnostic& Warning(std::string_view code, NodeId id, std::string message);
};

// What an operand is compared with: the resolved field (null when it did
// not resolve), the field's name as written, and the operator in force.
struct OperandSubject {
  const FieldInfo* field = nullptr;
  std::string field_name;
  Operator op = Operator::kEquals;
  // False when the operator was rejected for the field; values are then
  // not type-checked, to avoid a second error about the same clause.
  bool check_values = true;
  // True inside FROM/TO predicates, where EMPTY is always meaningful.
  bool in_change_predicate = false;
};

// Resolves `ref`, reporting unknown or ambiguous names, empty names and
// misused entity-property suffixes. Returns null when it did not resolve.
const FieldInfo* CheckFieldRef(CheckContext& context, const FieldRef& ref);

// Reports server-only problems with one literal: a number outside Java's
// long range (JQL151) and the bare word `all` (JQL152).
void LintLiteral(CheckContext& context, const Literal& literal);

// Checks the right-hand side of a clause or of a FROM/TO predicate against
// `subject` and returns its checked form.
CheckedOperand CheckOperand(CheckContext& context,
                            const OperandSubject& subject,
                            const Operand& operand);

// Resolves the function of a kFunction operand: reports unknown names
// (JQL104), wrong arity (JQL105) and bad arguments (JQL118), linting every
// argument. Returns null when the name is unknown.
const FunctionInfo* ResolveFunction(CheckContext& context,
                                    const Operand& operand);

// Returns the checked copy of a function operand, with the canonical name
// when `info` is known.
CheckedOperand CheckedFunction(const Operand& operand,
                               const FunctionInfo* info);

// Checks one history predicate of a clause on `subject`.
CheckedPredicate CheckPredicate(CheckContext& context,
                                const OperandSubject& subject,
                                const Predicate& predicate);

// Returns `name` quoted for JQL when it cannot be written bare.
std::string QuoteForJql(std::string_view name);

// Returns the operators in `set` as a list for notes: "=, !=, IN, NOT IN".
std::string DescribeOperators(OperatorSet set);

// The valid-formats sentence of Jira's date errors.
inline constexpr std::string_view kDateFormatsSentence =
    "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', "
    "'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

}  // namespace syncrule::jql::check_internal

#endif  // SYNCRULE_COMPILER_JQL_CHECK_INTERNAL_H_
