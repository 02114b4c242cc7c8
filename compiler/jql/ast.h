#ifndef SYNCRULE_COMPILER_JQL_AST_H_
#define SYNCRULE_COMPILER_JQL_AST_H_

// syncrule's own JQL syntax tree. The parser (compiler/parse/) builds it from
// the ANTLR parse tree and drops the parse tree at once. Every node carries an
// id; source ranges live in the side table `Query::ranges`, keyed by id.
// String payloads are decoded: quotes removed and escapes replaced.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source.h"

namespace syncrule::jql {

// Identifies one node of one query; ids are dense, starting at 1.
using NodeId = int32_t;

// A JQL comparison operator.
enum class Operator : uint8_t {
  kEquals,        // =
  kNotEquals,     // !=
  kLike,          // ~
  kNotLike,       // !~
  kLess,          // <
  kGreater,       // >
  kLessEquals,    // <=
  kGreaterEquals, // >=
  kIn,            // IN
  kNotIn,         // NOT IN
  kIs,            // IS
  kIsNot,         // IS NOT
  kWas,           // WAS
  kWasNot,        // WAS NOT
  kWasIn,         // WAS IN
  kWasNotIn,      // WAS NOT IN
  kChanged,       // CHANGED
};

// The number of operators, for tables indexed by Operator.
inline constexpr int kOperatorCount = 17;

// Returns the operator as Jira spells it in upper case ("NOT IN").
const char* OperatorSpelling(Operator op);

// Returns Jira's name for the operator in messages ("EQUALS", "NOT_IN").
const char* OperatorMessageName(Operator op);

// A history predicate keyword.
enum class PredicateKind : uint8_t { kAfter, kBefore, kOn, kDuring, kBy, kFrom, kTo };

// Returns the predicate keyword in upper case ("AFTER").
const char* PredicateSpelling(PredicateKind kind);

// How a string literal was written, which `jql fmt` preserves where it must.
enum class Quoting : uint8_t { kBare, kDouble, kSingle };

// A function argument or a plain value: always text, as Jira passes function
// arguments as strings. `is_number` marks an unquoted POSNUMBER/NEGNUMBER.
struct Literal {
  NodeId id = 0;
  std::string text;
  bool is_number = false;
  Quoting quoting = Quoting::kBare;
};

// What kind of right-hand side an operand is.
enum class OperandKind : uint8_t { kEmpty, kValue, kFunction, kList };

// The right-hand side of a clause or a predicate.
struct Operand {
  NodeId id = 0;
  OperandKind kind = OperandKind::kEmpty;
  // kValue: the value. kFunction: the function name (as written, decoded).
  Literal literal;
  // kFunction: the arguments.
  std::vector<Literal> arguments;
  // kList: the elements, which may themselves be lists.
  std::vector<Operand> elements;
};

// One bracketed entity-property key and the path segments after it, as in
// issue.property[key].path: key "key", path {".path"}.
struct PropertyAccess {
  Literal key;
  std::vector<Literal> path;
};

// A field reference such as `status`, `"Epic Link"`, `cf[10010]` or
// `issue.property[x].y`.
struct FieldRef {
  NodeId id = 0;
  // The decoded name; for `cf[N]` it is "cf[N]" with N normalised.
  Literal name;
  // Set for `cf[N]`.
  std::optional<int64_t> custom_field_id;
  std::vector<PropertyAccess> properties;
};

// A history predicate: AFTER, BEFORE, ON, DURING, BY, FROM or TO an operand.
struct Predicate {
  NodeId id = 0;
  PredicateKind kind = PredicateKind::kAfter;
  Operand operand;
};

// What kind of clause a Clause node is.
enum class ClauseKind : uint8_t { kAnd, kOr, kNot, kTerminal };

// A node of the WHERE tree. kAnd/kOr have two or more children, kNot exactly
// one; kTerminal has a field, an operator, an operand (absent for IS, IS NOT
// keep EMPTY as their operand; CHANGED has none) and history predicates.
struct Clause {
  NodeId id = 0;
  ClauseKind kind = ClauseKind::kTerminal;
  std::vector<Clause> children;
  FieldRef field;
  Operator op = Operator::kEquals;
  std::optional<Operand> operand;
  std::vector<Predicate> predicates;
  // True when this clause was written inside its own parentheses.
  bool parenthesized = false;
};

// ORDER BY direction, when one is written.
enum class SortDirection : uint8_t { kAscending, kDescending };

// One ORDER BY key.
struct SortKey {
  NodeId id = 0;
  FieldRef field;
  std::optional<SortDirection> direction;
};

// A whole query: an optional WHERE tree and zero or more ORDER BY keys.
struct Query {
  std::optional<Clause> where;
  std::vector<SortKey> order_by;
  // The source range of each node, indexed by NodeId (index 0 is unused).
  std::vector<SourceRange> ranges;

  // Returns the range of node `id`, or an empty range for an unknown id.
  SourceRange RangeOf(NodeId id) const {
    return id > 0 && static_cast<size_t>(id) < ranges.size() ? ranges[id]
                                                              : SourceRange{};
  }
};

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_AST_H_
