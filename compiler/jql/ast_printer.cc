#include "compiler/jql/ast_printer.h"

#include <nlohmann/json.hpp>

namespace syncrule::jql {
namespace {

// Writes `literal` as a JSON string, or bare when it is a number.
void PrintLiteral(const Literal& literal, std::string& out) {
  out += literal.is_number ? literal.text : nlohmann::json(literal.text).dump();
}

void PrintOperand(const Operand& operand, std::string& out) {
  switch (operand.kind) {
    case OperandKind::kEmpty: out += "EMPTY"; return;
    case OperandKind::kValue: PrintLiteral(operand.literal, out); return;
    case OperandKind::kFunction:
      out += "(call ";
      PrintLiteral(operand.literal, out);
      for (const Literal& argument : operand.arguments) {
        out += ' ';
        PrintLiteral(argument, out);
      }
      out += ')';
      return;
    case OperandKind::kList:
      out += '(';
      for (size_t i = 0; i < operand.elements.size(); ++i) {
        if (i > 0) out += ' ';
        PrintOperand(operand.elements[i], out);
      }
      out += ')';
      return;
  }
}

void PrintField(const FieldRef& field, std::string& out) {
  PrintLiteral(field.name, out);
  for (const PropertyAccess& access : field.properties) {
    out += '[';
    PrintLiteral(access.key, out);
    out += ']';
    for (const Literal& segment : access.path) PrintLiteral(segment, out);
  }
}

void PrintClause(const Clause& clause, std::string& out) {
  if (clause.kind != ClauseKind::kTerminal) {
    out += clause.kind == ClauseKind::kAnd ? "(and"
           : clause.kind == ClauseKind::kOr ? "(or"
                                            : "(not";
    for (const Clause& child : clause.children) {
      out += ' ';
      PrintClause(child, out);
    }
    out += ')';
    return;
  }
  out += '(';
  out += OperatorSpelling(clause.op);
  out += ' ';
  PrintField(clause.field, out);
  if (clause.operand.has_value()) {
    out += ' ';
    PrintOperand(*clause.operand, out);
  }
  for (const Predicate& predicate : clause.predicates) {
    out += " (";
    out += PredicateSpelling(predicate.kind);
    out += ' ';
    PrintOperand(predicate.operand, out);
    out += ')';
  }
  out += ')';
}

}  // namespace

std::string PrintAst(const Query& query) {
  std::string out = "(query";
  if (query.where.has_value()) {
    out += ' ';
    PrintClause(*query.where, out);
  }
  if (!query.order_by.empty()) {
    out += " (order-by";
    for (const SortKey& key : query.order_by) {
      out += " (";
      PrintField(key.field, out);
      if (key.direction.has_value()) {
        out += *key.direction == SortDirection::kAscending ? " asc" : " desc";
      }
      out += ')';
    }
    out += ')';
  }
  out += ')';
  return out;
}

}  // namespace syncrule::jql
