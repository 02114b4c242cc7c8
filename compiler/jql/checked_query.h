#ifndef SYNCRULE_COMPILER_JQL_CHECKED_QUERY_H_
#define SYNCRULE_COMPILER_JQL_CHECKED_QUERY_H_

// The typed intermediate form of a JQL query: the syntax tree after semantic
// checks, with every field resolved against a FieldCatalog and every function
// name canonicalised. The reference evaluator interprets it; the rule
// compiler lowers the same form to bytecode.

#include <optional>
#include <string>
#include <vector>

#include "compiler/jql/ast.h"
#include "compiler/jql/field_catalog.h"

namespace syncrule::jql {

// A checked operand: the AST operand with a canonical function name.
struct CheckedOperand {
  NodeId id = 0;
  OperandKind kind = OperandKind::kEmpty;
  // kValue: the literal. kFunction: `literal.text` is the canonical name
  // ("startOfDay"), whatever case the query used.
  Literal literal;
  std::vector<Literal> arguments;
  std::vector<CheckedOperand> elements;
};

// A checked history predicate.
struct CheckedPredicate {
  NodeId id = 0;
  PredicateKind kind = PredicateKind::kAfter;
  CheckedOperand operand;
};

// A checked clause. Terminal clauses point at their catalog entry, which
// outlives the checked query.
struct CheckedClause {
  NodeId id = 0;
  ClauseKind kind = ClauseKind::kTerminal;
  std::vector<CheckedClause> children;
  const FieldInfo* field = nullptr;
  // Entity-property accesses written after the field name, if any.
  std::vector<PropertyAccess> properties;
  Operator op = Operator::kEquals;
  std::optional<CheckedOperand> operand;
  std::vector<CheckedPredicate> predicates;
};

// A checked ORDER BY key.
struct CheckedSortKey {
  NodeId id = 0;
  const FieldInfo* field = nullptr;
  std::optional<SortDirection> direction;
};

// A whole checked query.
struct CheckedQuery {
  std::optional<CheckedClause> where;
  std::vector<CheckedSortKey> order_by;
};

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_CHECKED_QUERY_H_
