// Constant folding for `const` declarations, map values and connection
// settings. Only what cannot fail at run time folds: literals, lists and
// objects of constants, other consts, string concatenation and
// interpolation, number arithmetic that does not overflow, and not/and/or
// on bools. Anything that reads an event or calls a function is refused,
// with a note saying where it belongs instead.

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "compiler/check/check_internal.h"

namespace syncrule::check::internal {
namespace {

using json = nlohmann::json;
using ast::Expr;
using ast::ExprKind;

// Returns true when `name` is a valid environment variable name.
bool IsEnvName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '_';
    if (!word) return false;
  }
  return true;
}

// Folds one expression tree of one file in one context.
class ConstantFolder {
 public:
  ConstantFolder(ProgramState& state, int file, ConstContext context)
      : state_(state), file_(file), context_(context) {}

  std::optional<json> Fold(const Expr& expr) {
    switch (expr.kind) {
      case ExprKind::kNull: return json(nullptr);
      case ExprKind::kBool: return json(expr.bool_value);
      case ExprKind::kNumber: return NumberConstant(expr);
      case ExprKind::kString: return json(expr.text);
      case ExprKind::kInterpolated: return Interpolated(expr);
      case ExprKind::kList: return List(expr);
      case ExprKind::kObject: return Object(expr);
      case ExprKind::kName: return Name(expr);
      case ExprKind::kUnary: return Unary(expr);
      case ExprKind::kBinary: return Binary(expr);
      case ExprKind::kCall: return Call(expr);
      default: return NotConstant(expr);
    }
  }

 private:
  Diagnostic& Error(std::string_view code, ast::NodeId id,
                    std::string message) {
    return state_.Error(file_, code, state_.RangeOf(file_, id),
                        std::move(message));
  }

  std::string_view What() const {
    switch (context_) {
      case ConstContext::kConst: return "A const";
      case ConstContext::kMapValue: return "A map value";
      case ConstContext::kSetting: return "A connection setting";
    }
    return "A const";
  }

  std::optional<json> NotConstant(const Expr& expr) {
    std::string_view text =
        state_.TextOf(file_, state_.RangeOf(file_, expr.id));
    Diagnostic& d = Error(
        codes::kNotConstant, expr.id,
        fmt::format("{} must be a constant value, but `{}` is computed when "
                    "a rule runs.",
                    What(), text));
    d.notes.push_back(
        "constants are literals, lists and objects of literals, other "
        "consts, and `+` of those; compute the rest in the rule, with `let`");
    return std::nullopt;
  }

  std::optional<json> Interpolated(const Expr& expr) {
    std::string out;
    for (const Expr& part : expr.children) {
      std::optional<json> value = Fold(part);
      if (!value) return std::nullopt;
      out += ConstantToString(*value);
    }
    return json(std::move(out));
  }

  std::optional<json> List(const Expr& expr) {
    json out = json::array();
    bool ok = true;
    for (const Expr& item : expr.children) {
      std::optional<json> value = Fold(item);
      ok = ok && value.has_value();
      if (value) out.push_back(std::move(*value));
    }
    return ok ? std::optional<json>(std::move(out)) : std::nullopt;
  }

  std::optional<json> Object(const Expr& expr) {
    json out = json::object();
    bool ok = true;
    for (size_t i = 0; i < expr.children.size(); ++i) {
      std::optional<json> value = Fold(expr.children[i]);
      ok = ok && value.has_value();
      if (value) out[expr.arg_names[i]] = std::move(*value);
    }
    return ok ? std::optional<json>(std::move(out)) : std::nullopt;
  }

  std::optional<json> Name(const Expr& expr) {
    if (state_.consts.count(expr.text) > 0) {
      return ResolveConst(state_, expr.text);
    }
    if (state_.maps.count(expr.text) > 0) {
      Error(codes::kNotAValue, expr.id,
            fmt::format("`{}` is a map; look a key up in it with `{}[key]`.",
                        expr.text, expr.text));
      return std::nullopt;
    }
    if (state_.schemas.IsFieldRoot(expr.text)) return NotConstant(expr);
    std::vector<std::string> names;
    for (const auto& [name, symbol] : state_.consts) names.push_back(name);
    std::sort(names.begin(), names.end());
    Diagnostic& d = Error(codes::kUnknownName, expr.id,
                          fmt::format("There is no const named `{}`.",
                                      expr.text));
    AddDidYouMean(d, state_.RangeOf(file_, expr.id), Suggest(expr.text, names));
    return std::nullopt;
  }

  std::optional<json> Unary(const Expr& expr) {
    std::optional<json> operand = Fold(expr.children[0]);
    if (!operand) return std::nullopt;
    if (expr.op == ast::Op::kNot && operand->is_boolean()) {
      return json(!operand->get<bool>());
    }
    if (expr.op == ast::Op::kNegate && operand->is_number_integer() &&
        operand->get<int64_t>() != INT64_MIN) {
      return json(-operand->get<int64_t>());
    }
    if (expr.op == ast::Op::kNegate && operand->is_number_float()) {
      return json(-operand->get<double>());
    }
    return OperandError(expr, *operand, *operand);
  }

  std::optional<json> OperandError(const Expr& expr, const json& left,
                                   const json& right) {
    Error(codes::kOperandType, expr.id,
          fmt::format("`{}` cannot combine {} and {}.", ast::OpSpelling(expr.op),
                      ClassWithArticle(ClassOf(TypeOfConstant(left))),
                      ClassWithArticle(ClassOf(TypeOfConstant(right)))));
    return std::nullopt;
  }

  std::optional<json> Binary(const Expr& expr) {
    const ast::Op op = expr.op;
    if (op != ast::Op::kAdd && op != ast::Op::kSub && op != ast::Op::kAnd &&
        op != ast::Op::kOr) {
      return NotConstant(expr);
    }
    std::optional<json> left = Fold(expr.children[0]);
    std::optional<json> right = Fold(expr.children[1]);
    if (!left || !right) return std::nullopt;
    if (op == ast::Op::kAnd || op == ast::Op::kOr) return Logic(expr, *left, *right);
    if (left->is_number() && right->is_number()) {
      return Arithmetic(expr, *left, *right);
    }
    if (op == ast::Op::kAdd && (left->is_string() || right->is_string())) {
      return json(ConstantToString(*left) + ConstantToString(*right));
    }
    if (op == ast::Op::kAdd && left->is_array() && right->is_array()) {
      json out = *left;
      for (const json& item : *right) out.push_back(item);
      return out;
    }
    return OperandError(expr, *left, *right);
  }

  std::optional<json> Logic(const Expr& expr, const json& left,
                            const json& right) {
    if (!left.is_boolean() || !right.is_boolean()) {
      return OperandError(expr, left, right);
    }
    return expr.op == ast::Op::kAnd ? json(left.get<bool>() && right.get<bool>())
                                    : json(left.get<bool>() || right.get<bool>());
  }

  std::optional<json> Arithmetic(const Expr& expr, const json& left,
                                 const json& right) {
    const bool add = expr.op == ast::Op::kAdd;
    if (left.is_number_integer() && right.is_number_integer()) {
      int64_t out = 0;
      const int64_t a = left.get<int64_t>();
      const int64_t b = right.get<int64_t>();
      const bool overflow = add ? __builtin_add_overflow(a, b, &out)
                                : __builtin_sub_overflow(a, b, &out);
      if (!overflow) return json(out);
      Error(codes::kNotConstant, expr.id,
            "This arithmetic overflows a 64-bit integer.");
      return std::nullopt;
    }
    const double a = left.get<double>();
    const double b = right.get<double>();
    return json(add ? a + b : a - b);
  }

  std::optional<json> Call(const Expr& expr) {
    if (expr.text != "env") return NotConstant(expr);
    if (context_ != ConstContext::kSetting) {
      Error(codes::kEnvMisuse, expr.id,
            "`env(...)` can only be used in a `connection` setting.");
      return std::nullopt;
    }
    if (expr.children.size() != 1 || expr.children[0].kind != ExprKind::kString ||
        !IsEnvName(expr.children[0].text)) {
      Error(codes::kEnvMisuse, expr.id,
            "`env` takes one string: the name of an environment variable, "
            "such as env(\"JIRA_TOKEN\").");
      return std::nullopt;
    }
    return json{{"env", expr.children[0].text}};
  }

  ProgramState& state_;
  int file_;
  ConstContext context_;
};

}  // namespace

nlohmann::json NumberConstant(const ast::Expr& expr) {
  if (expr.is_integer) {
    return json(static_cast<int64_t>(std::strtoll(expr.text.c_str(), nullptr, 10)));
  }
  return json(expr.number_value);
}

std::string ConstantToString(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  if (value.is_number_unsigned()) return std::to_string(value.get<uint64_t>());
  if (value.is_number_float()) return fmt::format("{}", value.get<double>());
  // Invalid UTF-8 is replaced rather than thrown about: never throw.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<nlohmann::json> FoldConstant(ProgramState& state, int file,
                                           const ast::Expr& expr,
                                           ConstContext context) {
  return ConstantFolder(state, file, context).Fold(expr);
}

std::optional<nlohmann::json> ResolveConst(ProgramState& state,
                                           const std::string& name) {
  auto it = state.consts.find(name);
  if (it == state.consts.end()) return std::nullopt;
  ConstSymbol& symbol = it->second;
  if (symbol.state == ConstSymbol::State::kDone) return symbol.value;
  if (symbol.state == ConstSymbol::State::kResolving) {
    state.Error(symbol.site.file, codes::kConstCycle,
                state.RangeOf(symbol.site.file, symbol.decl->id),
                fmt::format("The value of const `{}` depends on itself.", name));
    return std::nullopt;
  }
  symbol.state = ConstSymbol::State::kResolving;
  std::optional<json> value = FoldConstant(state, symbol.site.file,
                                           symbol.decl->value,
                                           ConstContext::kConst);
  symbol.value = std::move(value);
  symbol.state = ConstSymbol::State::kDone;
  return symbol.value;
}

void FoldAllConsts(ProgramState& state) {
  // In file order, so that diagnostics come out in a stable order.
  for (const ParsedFile& file : state.files) {
    for (const ast::ConstDecl& decl : file.file.constants) {
      auto it = state.consts.find(decl.name);
      if (it != state.consts.end() && it->second.decl == &decl) {
        ResolveConst(state, decl.name);
      }
    }
  }
}

}  // namespace syncrule::check::internal
