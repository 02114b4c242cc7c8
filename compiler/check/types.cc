// Value types: their classes, the types of constants, lists and mixtures,
// and how messages name an expression.

#include <fmt/format.h>

#include "compiler/check/check_internal.h"

namespace syncrule::check::internal {

TypeClass ClassOf(ValueType type) {
  switch (type) {
    case ValueType::kAny: return TypeClass::kAny;
    case ValueType::kBool: return TypeClass::kBool;
    case ValueType::kInt:
    case ValueType::kNumber: return TypeClass::kNumber;
    case ValueType::kString: return TypeClass::kString;
    case ValueType::kTime: return TypeClass::kTime;
    case ValueType::kStringList:
    case ValueType::kList: return TypeClass::kList;
    case ValueType::kObject: return TypeClass::kObject;
    case ValueType::kUser: return TypeClass::kUser;
  }
  return TypeClass::kAny;
}

std::string_view ClassWithArticle(TypeClass type_class) {
  switch (type_class) {
    case TypeClass::kAny: return "a value";
    case TypeClass::kNumber: return "a number";
    case TypeClass::kString: return "a string";
    case TypeClass::kBool: return "a bool";
    case TypeClass::kTime: return "a time";
    case TypeClass::kList: return "a list";
    case TypeClass::kObject: return "an object";
    case TypeClass::kUser: return "a user";
  }
  return "a value";
}

ValueType TypeOfConstant(const nlohmann::json& value) {
  if (value.is_boolean()) return ValueType::kBool;
  if (value.is_number_integer()) return ValueType::kInt;
  if (value.is_number()) return ValueType::kNumber;
  if (value.is_string()) return ValueType::kString;
  if (value.is_object()) return ValueType::kObject;
  if (!value.is_array()) return ValueType::kAny;  // null
  for (const nlohmann::json& item : value) {
    if (!item.is_string()) return ValueType::kList;
  }
  return value.empty() ? ValueType::kList : ValueType::kStringList;
}

ValueType ListTypeOf(const std::vector<ValueType>& types) {
  if (types.empty()) return ValueType::kList;
  for (ValueType type : types) {
    if (type != ValueType::kString) return ValueType::kList;
  }
  return ValueType::kStringList;
}

ValueType CommonType(const std::vector<ValueType>& types) {
  if (types.empty()) return ValueType::kAny;
  ValueType common = types[0];
  for (ValueType type : types) {
    if (type == common) continue;
    const bool numbers = ClassOf(type) == TypeClass::kNumber &&
                         ClassOf(common) == TypeClass::kNumber;
    if (!numbers) return ValueType::kAny;
    common = ValueType::kNumber;
  }
  return common;
}

ValueType ItemType(ValueType type) {
  return type == ValueType::kStringList ? ValueType::kString : ValueType::kAny;
}

bool MayBeList(ValueType type) {
  return type == ValueType::kAny || ClassOf(type) == TypeClass::kList;
}

std::string Describe(const RuleState& rule, const IrExpr& ir) {
  // Quote the expression as written when it is short enough to read in a
  // message; otherwise say what it is.
  constexpr size_t kMaxQuotedLength = 40;
  std::string_view text = rule.state.TextOf(ir.span.file, ir.span.range);
  if (!text.empty() && text.size() <= kMaxQuotedLength &&
      text.find('\n') == std::string_view::npos) {
    return fmt::format("`{}` is {}", text, ClassWithArticle(ClassOf(ir.type)));
  }
  return fmt::format("this expression is {}", ClassWithArticle(ClassOf(ir.type)));
}

}  // namespace syncrule::check::internal
