// Operators: the types they take and give. Missing values are null, and
// null passes every check (a comparison with it is simply false at run
// time); values of type any are checked when the rule runs.

#include <fmt/format.h>

#include <cstdlib>

#include "compiler/check/check_internal.h"

namespace syncrule::check::internal {
namespace {

using ast::Op;

// Returns true when values of classes `a` and `b` can ever be equal or
// ordered against each other.
bool Comparable(TypeClass a, TypeClass b) {
  if (a == TypeClass::kAny || b == TypeClass::kAny || a == b) return true;
  auto pair = [&](TypeClass x, TypeClass y) {
    return (a == x && b == y) || (a == y && b == x);
  };
  // Times compare with ISO 8601 strings and with epoch milliseconds; users
  // compare with their e-mail, name or id.
  return pair(TypeClass::kTime, TypeClass::kString) ||
         pair(TypeClass::kTime, TypeClass::kNumber) ||
         pair(TypeClass::kUser, TypeClass::kString);
}

// Returns true when `text` reads as a number literal.
bool LooksLikeNumber(const std::string& text) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

// Offers to rewrite a constant operand to the other side's type:
// "37" -> 37 next to a number, 1 -> "1" next to a string.
void AddConstantFix(Diagnostic& d, const IrExpr& constant, TypeClass other) {
  if (constant.kind != IrKind::kConst) return;
  if (constant.constant.is_string() && other == TypeClass::kNumber &&
      LooksLikeNumber(constant.constant.get<std::string>())) {
    const std::string digits = constant.constant.get<std::string>();
    d.fixes.push_back({constant.span.range, digits,
                       fmt::format("compare with the number {}", digits)});
  } else if (constant.constant.is_number() && other == TypeClass::kString) {
    const std::string text = "\"" + ConstantToString(constant.constant) + "\"";
    d.fixes.push_back({constant.span.range, text,
                       fmt::format("compare with the string {}", text)});
  }
}

TypeClass Class(const IrExpr& ir) { return ClassOf(ir.type); }

bool IsOrdered(TypeClass c) {
  return c == TypeClass::kAny || c == TypeClass::kNumber ||
         c == TypeClass::kString || c == TypeClass::kTime;
}

void OperandError(RuleState& rule, ast::NodeId id, std::string message) {
  rule.Error(codes::kOperandType, id, std::move(message));
}

IrExpr Result(const ast::Expr& expr, RuleState& rule, ValueType type,
              std::vector<IrExpr> operands) {
  IrExpr ir;
  ir.kind = expr.kind == ast::ExprKind::kUnary ? IrKind::kUnary : IrKind::kBinary;
  ir.op = expr.op;
  ir.type = type;
  ir.children = std::move(operands);
  ir.span = rule.SpanOf(expr.id);
  return ir;
}

void CheckOrdering(RuleState& rule, const ast::Expr& expr,
                   const std::vector<IrExpr>& operands) {
  for (size_t i = 0; i < 2; ++i) {
    if (!IsOrdered(Class(operands[i]))) {
      OperandError(rule, expr.children[i].id,
                   fmt::format("`{}` orders numbers, strings and times, but {}.",
                               ast::OpSpelling(expr.op),
                               Describe(rule, operands[i])));
      return;
    }
  }
  CheckComparable(rule, operands[0], operands[1], expr.id,
                  ast::OpSpelling(expr.op));
}

// Checks the item `left` against the items of the list `right`.
void CheckMembershipItems(RuleState& rule, const ast::Expr& expr,
                          const IrExpr& left, const IrExpr& right) {
  if (right.kind == IrKind::kList) {
    for (const IrExpr& item : right.children) {
      if (!Comparable(Class(left), Class(item))) {
        CheckComparable(rule, left, item, expr.id, ast::OpSpelling(expr.op));
        return;
      }
    }
    return;
  }
  if (right.type == ValueType::kStringList &&
      !Comparable(Class(left), TypeClass::kString)) {
    rule.Error(codes::kIncomparable, expr.id,
               fmt::format("{}, but the list holds strings: comparing {} with "
                           "a string is always false.",
                           Describe(rule, left),
                           ClassWithArticle(Class(left))));
  }
}

void CheckMembership(RuleState& rule, const ast::Expr& expr,
                     const std::vector<IrExpr>& operands) {
  const IrExpr& left = operands[0];
  const IrExpr& right = operands[1];
  const TypeClass right_class = Class(right);
  if (right_class == TypeClass::kString) {
    const TypeClass left_class = Class(left);
    if (left_class != TypeClass::kAny && left_class != TypeClass::kString) {
      OperandError(rule, expr.children[0].id,
                   fmt::format("`{}` on a string looks for a substring, but {}.",
                               ast::OpSpelling(expr.op), Describe(rule, left)));
    }
    return;
  }
  if (right_class != TypeClass::kAny && right_class != TypeClass::kList &&
      right_class != TypeClass::kObject) {
    OperandError(rule, expr.children[1].id,
                 fmt::format("`{}` looks in a list, a string or an object's "
                             "keys, but {}.",
                             ast::OpSpelling(expr.op), Describe(rule, right)));
    return;
  }
  CheckMembershipItems(rule, expr, left, right);
}

void CheckMatches(RuleState& rule, const ast::Expr& expr,
                  const std::vector<IrExpr>& operands) {
  const TypeClass left = Class(operands[0]);
  if (left == TypeClass::kBool || left == TypeClass::kList ||
      left == TypeClass::kObject) {
    Diagnostic& d = rule.Error(
        codes::kOperandType, expr.children[0].id,
        fmt::format("`matches` tests a string, but {}.",
                    Describe(rule, operands[0])));
    if (left == TypeClass::kList) {
      d.notes.push_back("to test every item, join them first: "
                        "join(list, \",\") matches \"...\"");
    }
  }
  if (!IsConstString(operands[1])) {
    if (!IsNull(operands[1])) {
      rule.Error(codes::kNotConstantArgument, expr.children[1].id,
                 "The pattern after `matches` must be a constant string, so "
                 "that it is compiled once, when the rules load.");
    }
    return;
  }
  CheckRegex(rule, operands[1], expr.children[1].id, "`matches`");
}

ValueType AddType(RuleState& rule, const ast::Expr& expr,
                  const std::vector<IrExpr>& operands) {
  const TypeClass a = Class(operands[0]);
  const TypeClass b = Class(operands[1]);
  if (a == TypeClass::kString || b == TypeClass::kString) {
    return ValueType::kString;  // the other side is stringified
  }
  if (a == TypeClass::kAny || b == TypeClass::kAny) return ValueType::kAny;
  if (a == TypeClass::kNumber && b == TypeClass::kNumber) {
    return CommonType({operands[0].type, operands[1].type});
  }
  if (a == TypeClass::kList && b == TypeClass::kList) {
    return CommonType({operands[0].type, operands[1].type}) ==
                   ValueType::kStringList
               ? ValueType::kStringList
               : ValueType::kList;
  }
  Diagnostic& d = rule.Error(
      codes::kOperandType, expr.id,
      fmt::format("`+` adds numbers, joins strings and concatenates lists; it "
                  "cannot combine {} and {}.",
                  ClassWithArticle(a), ClassWithArticle(b)));
  if (a == TypeClass::kTime || b == TypeClass::kTime) {
    d.notes.push_back("shift a time with add_duration(t, \"2h\")");
  }
  return ValueType::kAny;
}

ValueType SubtractType(RuleState& rule, const ast::Expr& expr,
                       const std::vector<IrExpr>& operands) {
  for (size_t i = 0; i < operands.size(); ++i) {
    const TypeClass c = Class(operands[i]);
    if (c == TypeClass::kAny || c == TypeClass::kNumber) continue;
    Diagnostic& d = rule.Error(
        codes::kOperandType, expr.children[i].id,
        fmt::format("`-` takes numbers, but {}.", Describe(rule, operands[i])));
    if (c == TypeClass::kTime) {
      d.notes.push_back("shift a time with add_duration(t, \"-2h\")");
    }
    return ValueType::kAny;
  }
  if (operands.size() == 1) return operands[0].type;
  return CommonType({operands[0].type, operands[1].type});
}

ValueType BinaryType(RuleState& rule, const ast::Expr& expr,
                     const std::vector<IrExpr>& operands) {
  switch (expr.op) {
    case Op::kAnd:
    case Op::kOr:
      RequireCondition(rule, operands[0], expr.children[0].id,
                       ast::OpSpelling(expr.op));
      RequireCondition(rule, operands[1], expr.children[1].id,
                       ast::OpSpelling(expr.op));
      return ValueType::kBool;
    case Op::kEq:
    case Op::kNe:
      CheckComparable(rule, operands[0], operands[1], expr.id,
                      ast::OpSpelling(expr.op));
      return ValueType::kBool;
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe: CheckOrdering(rule, expr, operands); return ValueType::kBool;
    case Op::kIn:
    case Op::kNotIn: CheckMembership(rule, expr, operands); return ValueType::kBool;
    case Op::kMatches: CheckMatches(rule, expr, operands); return ValueType::kBool;
    case Op::kAdd: return AddType(rule, expr, operands);
    case Op::kSub: return SubtractType(rule, expr, operands);
    default: return ValueType::kAny;
  }
}

}  // namespace

void RequireCondition(RuleState& rule, const IrExpr& ir, ast::NodeId id,
                      std::string_view what) {
  const TypeClass c = Class(ir);
  if (c == TypeClass::kAny || c == TypeClass::kBool) return;
  Diagnostic& d = rule.Error(
      codes::kNotACondition, id,
      fmt::format("`{}` needs a bool, but {}.", what, Describe(rule, ir)));
  std::string_view text = rule.state.TextOf(ir.span.file, ir.span.range);
  d.notes.push_back(fmt::format(
      "to test that a value is present, compare it with null: `{} != null`",
      text.empty() ? "x" : text));
}

void CheckComparable(RuleState& rule, const IrExpr& left, const IrExpr& right,
                     ast::NodeId id, std::string_view op) {
  const TypeClass a = Class(left);
  const TypeClass b = Class(right);
  if (Comparable(a, b)) return;
  Diagnostic& d = rule.Error(
      codes::kIncomparable, id,
      fmt::format("Comparing {} with {} is always false: {}, {}.",
                  ClassWithArticle(a), ClassWithArticle(b),
                  Describe(rule, left), Describe(rule, right)));
  d.notes.push_back(fmt::format(
      "`{}` never converts between types; convert one side with string(...) "
      "or number(...)",
      op));
  AddConstantFix(d, right, a);
  AddConstantFix(d, left, b);
}

IrExpr CheckOperator(RuleState& rule, const ast::Expr& expr,
                     std::vector<IrExpr> operands) {
  ValueType type = ValueType::kBool;
  if (expr.kind == ast::ExprKind::kUnary && expr.op == Op::kNot) {
    RequireCondition(rule, operands[0], expr.children[0].id, "not");
  } else if (expr.kind == ast::ExprKind::kUnary) {
    type = SubtractType(rule, expr, operands);
  } else {
    type = BinaryType(rule, expr, operands);
  }
  return Result(expr, rule, type, std::move(operands));
}

}  // namespace syncrule::check::internal
