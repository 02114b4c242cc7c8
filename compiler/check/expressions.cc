// Expressions: literals, names (variables, consts, event fields), members,
// indexes and map lookups, lists, objects, interpolation and `changed`.
// Operators are in operators.cc, calls in calls.cc.

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "compiler/check/check_internal.h"

namespace syncrule::check::internal {
namespace {

using ast::Expr;
using ast::ExprKind;
using json = nlohmann::json;

IrExpr Node(IrKind kind, ValueType type, SourceSpan span) {
  IrExpr ir;
  ir.kind = kind;
  ir.type = type;
  ir.span = span;
  return ir;
}

// Returns the names a misspelt name could have meant: variables in scope,
// consts and maps.
std::vector<std::string> KnownNames(const RuleState& rule) {
  std::vector<std::string> names;
  for (const auto& scope : rule.scopes) {
    for (const Local& local : scope) names.push_back(local.name);
  }
  std::vector<std::string> globals;
  for (const auto& [name, symbol] : rule.state.consts) globals.push_back(name);
  for (const auto& [name, symbol] : rule.state.maps) globals.push_back(name);
  std::sort(globals.begin(), globals.end());
  names.insert(names.end(), globals.begin(), globals.end());
  return names;
}

IrExpr UnknownName(RuleState& rule, const Expr& expr) {
  Diagnostic& d = rule.Error(
      codes::kUnknownName, expr.id,
      fmt::format("There is no variable, const or field named `{}`.",
                  expr.text));
  AddDidYouMean(d, rule.RangeOf(expr.id), Suggest(expr.text, KnownNames(rule)));
  return ErrorNode(rule.SpanOf(expr.id));
}

IrExpr MapWithoutKey(RuleState& rule, const Expr& expr) {
  rule.Error(codes::kNotAValue, expr.id,
             fmt::format("`{}` is a map; look a key up in it with `{}[key]`.",
                         expr.text, expr.text));
  return ErrorNode(rule.SpanOf(expr.id));
}

// Returns the IR of a name that is a variable or a const, or nullopt.
std::optional<IrExpr> ValueName(RuleState& rule, const Expr& expr) {
  if (const Local* local = FindLocal(rule, expr.text)) {
    IrExpr ir = Node(IrKind::kLocal, local->type, rule.SpanOf(expr.id));
    ir.index = local->slot;
    ir.name = local->name;
    return ir;
  }
  if (rule.state.consts.count(expr.text) == 0) return std::nullopt;
  std::optional<json> value = ResolveConst(rule.state, expr.text);
  if (!value) return ErrorNode(rule.SpanOf(expr.id));
  IrExpr ir = ConstNode(std::move(*value), rule.SpanOf(expr.id));
  ir.name = expr.text;
  return ir;
}

IrExpr Name(RuleState& rule, const Expr& expr) {
  if (std::optional<IrExpr> value = ValueName(rule, expr)) return *value;
  if (rule.state.maps.count(expr.text) > 0) return MapWithoutKey(rule, expr);
  if (!rule.state.schemas.IsFieldRoot(expr.text)) return UnknownName(rule, expr);
  std::optional<IrExpr> field = ResolveFieldPath(rule, *ChainOf(expr));
  return field ? *field : ErrorNode(rule.SpanOf(expr.id));
}

// Returns the root name of a dotted path, when it is a variable, const or
// map (so that the path is not an event field).
bool RootIsValue(const RuleState& rule, const std::string& root) {
  return FindLocal(rule, root) != nullptr ||
         rule.state.consts.count(root) > 0 || rule.state.maps.count(root) > 0;
}

IrExpr Member(RuleState& rule, const Expr& expr) {
  std::optional<MemberChain> chain = ChainOf(expr);
  std::optional<IrExpr> resolved;
  if (chain && chain->root->kind == ExprKind::kCall) {
    resolved = ResolveLinkedField(rule, *chain);
  } else if (chain && !RootIsValue(rule, chain->segments.front())) {
    resolved = ResolveFieldPath(rule, *chain);
  } else {
    return MemberOf(rule, expr, CheckExpr(rule, expr.children[0]));
  }
  return resolved ? *resolved : ErrorNode(rule.SpanOf(expr.id));
}

// Warns when constant key `key` misses map `map`, which has no default.
void LintMapKey(RuleState& rule, const IrMap& map, const IrExpr& key,
                ast::NodeId id) {
  if (key.kind != IrKind::kConst || map.default_value || key.constant.is_null()) {
    return;
  }
  const std::string text = ConstantToString(key.constant);
  for (const auto& [entry, value] : map.entries) {
    if (entry == text) return;
  }
  Diagnostic& d = rule.Warning(
      codes::kMissingMapKey, id,
      fmt::format("Map `{}` has no key \"{}\" and no default, so this is "
                  "always null.",
                  map.name, text));
  d.notes.push_back("add the key, or a default entry `_ => ...`");
}

IrExpr MapLookup(RuleState& rule, const Expr& expr, const MapSymbol& map) {
  IrExpr key = CheckExpr(rule, expr.children[1]);
  const TypeClass key_class = ClassOf(key.type);
  if (key_class != TypeClass::kAny && key_class != TypeClass::kString &&
      key_class != TypeClass::kNumber && key_class != TypeClass::kBool) {
    rule.Error(codes::kOperandType, expr.children[1].id,
               fmt::format("Map keys are strings, numbers or bools, but {}.",
                           Describe(rule, key)));
  }
  const IrMap& ir_map = rule.state.program.maps[map.index];
  LintMapKey(rule, ir_map, key, expr.children[1].id);
  IrExpr ir = Node(IrKind::kMapLookup, ir_map.value_type, rule.SpanOf(expr.id));
  ir.index = map.index;
  ir.name = ir_map.name;
  ir.children.push_back(std::move(key));
  return ir;
}

// Returns the type of `base[index]`, reporting misuse.
ValueType IndexType(RuleState& rule, const Expr& expr, const IrExpr& base,
                    const IrExpr& index) {
  const TypeClass base_class = ClassOf(base.type);
  const TypeClass index_class = ClassOf(index.type);
  if (base_class == TypeClass::kList && index_class != TypeClass::kAny &&
      index_class != TypeClass::kNumber) {
    rule.Error(codes::kOperandType, expr.children[1].id,
               fmt::format("A list is indexed by a number, but {}.",
                           Describe(rule, index)));
  } else if (base_class == TypeClass::kObject &&
             index_class != TypeClass::kAny &&
             index_class != TypeClass::kString) {
    rule.Error(codes::kOperandType, expr.children[1].id,
               fmt::format("An object is indexed by a string key, but {}.",
                           Describe(rule, index)));
  } else if (base_class != TypeClass::kList && base_class != TypeClass::kObject &&
             base_class != TypeClass::kAny && base_class != TypeClass::kUser) {
    rule.Error(codes::kOperandType, expr.id,
               fmt::format("{}, which cannot be indexed.", Describe(rule, base)));
  }
  return base_class == TypeClass::kList ? ItemType(base.type) : ValueType::kAny;
}

IrExpr Index(RuleState& rule, const Expr& expr) {
  const Expr& base = expr.children[0];
  if (base.kind == ExprKind::kName && FindLocal(rule, base.text) == nullptr) {
    auto it = rule.state.maps.find(base.text);
    if (it != rule.state.maps.end()) return MapLookup(rule, expr, it->second);
  }
  IrExpr base_ir = CheckExpr(rule, base);
  IrExpr index_ir = CheckExpr(rule, expr.children[1]);
  const ValueType type = IndexType(rule, expr, base_ir, index_ir);
  IrExpr ir = Node(IrKind::kIndex, type, rule.SpanOf(expr.id));
  ir.children.push_back(std::move(base_ir));
  ir.children.push_back(std::move(index_ir));
  return ir;
}

IrExpr List(RuleState& rule, const Expr& expr) {
  IrExpr ir = Node(IrKind::kList, ValueType::kList, rule.SpanOf(expr.id));
  std::vector<ValueType> types;
  for (const Expr& item : expr.children) {
    ir.children.push_back(CheckExpr(rule, item));
    types.push_back(ir.children.back().type);
  }
  ir.type = ListTypeOf(types);
  return ir;
}

IrExpr Object(RuleState& rule, const Expr& expr) {
  IrExpr ir = Node(IrKind::kObject, ValueType::kObject, rule.SpanOf(expr.id));
  std::set<std::string> seen;
  for (size_t i = 0; i < expr.children.size(); ++i) {
    const std::string& key = expr.arg_names[i];
    if (!seen.insert(key).second) {
      rule.Warning(codes::kDuplicateKey, expr.children[i].id,
                   fmt::format("The key \"{}\" appears twice in this object; "
                               "the last value wins.",
                               key));
    }
    ir.keys.push_back(key);
    ir.children.push_back(CheckExpr(rule, expr.children[i]));
  }
  return ir;
}

IrExpr Interpolated(RuleState& rule, const Expr& expr) {
  IrExpr ir = Node(IrKind::kConcat, ValueType::kString, rule.SpanOf(expr.id));
  for (const Expr& part : expr.children) {
    ir.children.push_back(CheckExpr(rule, part));
  }
  return ir;
}

IrExpr Changed(RuleState& rule, const Expr& expr) {
  IrExpr field = CheckExpr(rule, expr.children[0]);
  IrExpr ir = Node(IrKind::kChanged, ValueType::kBool, rule.SpanOf(expr.id));
  ir.has_from = expr.has_from;
  ir.has_to = expr.has_to;
  if (field.kind != IrKind::kField) {
    if (!IsNull(field)) {
      rule.Error(codes::kChangedNeedsField, expr.children[0].id,
                 "`changed` needs an event field on its left, such as "
                 "`issue.status`.");
    }
    return ErrorNode(ir.span);
  }
  ir.index = field.index;
  for (size_t i = 1; i < expr.children.size(); ++i) {
    IrExpr value = CheckExpr(rule, expr.children[i]);
    CheckComparable(rule, field, value, expr.children[i].id,
                    i == 1 && expr.has_from ? "from" : "to");
    ir.children.push_back(std::move(value));
  }
  return ir;
}

IrExpr Operator(RuleState& rule, const Expr& expr) {
  std::vector<IrExpr> operands;
  for (const Expr& child : expr.children) {
    operands.push_back(CheckExpr(rule, child));
  }
  return CheckOperator(rule, expr, std::move(operands));
}

}  // namespace

IrExpr ConstNode(nlohmann::json value, SourceSpan span) {
  IrExpr ir = Node(IrKind::kConst, TypeOfConstant(value), span);
  ir.constant = std::move(value);
  return ir;
}

IrExpr MemberOf(RuleState& rule, const Expr& expr, IrExpr base) {
  const SourceSpan span = rule.SpanOf(expr.id);
  if (base.kind == IrKind::kConst && base.constant.is_object()) {
    // A const object's member folds: the value or null, never a failure.
    auto it = base.constant.find(expr.text);
    return ConstNode(it == base.constant.end() ? json(nullptr) : *it, span);
  }
  const TypeClass type_class = ClassOf(base.type);
  if (type_class != TypeClass::kAny && type_class != TypeClass::kObject &&
      type_class != TypeClass::kUser) {
    rule.Error(codes::kNoMember, expr.id,
               fmt::format("{}, which has no member `{}`.", Describe(rule, base),
                           expr.text));
    return ErrorNode(span);
  }
  IrExpr ir = Node(IrKind::kMember, ValueType::kAny, span);
  ir.name = expr.text;
  ir.children.push_back(std::move(base));
  return ir;
}

IrExpr ErrorNode(SourceSpan span) { return ConstNode(json(nullptr), span); }

bool IsConstString(const IrExpr& ir) {
  return ir.kind == IrKind::kConst && ir.constant.is_string();
}

bool IsNull(const IrExpr& ir) {
  return ir.kind == IrKind::kConst && ir.constant.is_null();
}

IrExpr CheckExpr(RuleState& rule, const ast::Expr& expr) {
  const SourceSpan span = rule.SpanOf(expr.id);
  switch (expr.kind) {
    case ExprKind::kNull: return ConstNode(json(nullptr), span);
    case ExprKind::kBool: return ConstNode(json(expr.bool_value), span);
    case ExprKind::kNumber: return ConstNode(NumberConstant(expr), span);
    case ExprKind::kString: return ConstNode(json(expr.text), span);
    case ExprKind::kInterpolated: return Interpolated(rule, expr);
    case ExprKind::kName: return Name(rule, expr);
    case ExprKind::kMember: return Member(rule, expr);
    case ExprKind::kIndex: return Index(rule, expr);
    case ExprKind::kCall: return CheckCall(rule, expr);
    case ExprKind::kList: return List(rule, expr);
    case ExprKind::kObject: return Object(rule, expr);
    case ExprKind::kUnary:
    case ExprKind::kBinary: return Operator(rule, expr);
    case ExprKind::kChanged: return Changed(rule, expr);
  }
  return ErrorNode(span);
}

}  // namespace syncrule::check::internal
