// Calls: the builtins of stdlib/builtin_names.h, and the three forms the
// checker itself resolves: raw("/json/pointer"), linked(connector.entity)
// and env("NAME") (connection settings only; see constants.cc).

#include <fmt/format.h>

#include <array>

#include "compiler/check/check_internal.h"
#include "stdlib/builtin_names.h"

namespace syncrule::check::internal {
namespace {

using ast::Expr;
using ast::ExprKind;
using stdlib::Builtin;
using stdlib::BuiltinDecl;

// What each builtin's arguments must be, one letter per argument in
// Builtin order; a trailing '*' repeats the letter before it:
//   s a string   l a list   c a string, list or object   t a time (or an
//   ISO 8601 string, or epoch milliseconds)   d a duration string ("1h30m")
//   x anything
constexpr std::array<std::string_view, stdlib::kBuiltins.size()> kArgKinds = {
    "ss",   // split
    "ls",   // join
    "s",    // lower
    "s",    // upper
    "s",    // trim
    "cx",   // contains
    "ss",   // starts_with
    "ss",   // ends_with
    "sss",  // replace
    "c",    // len
    "ss",   // regex_match
    "ss",   // regex_extract
    "ss",   // extract_all
    "",     // now
    "d",    // duration
    "td",   // add_duration
    "ts",   // format_time
    "s",    // parse_time
    "x*",   // coalesce
    "xx",   // default
    "x",    // string
    "x",    // number
    "l",    // first
    "l",    // last
    "s",    // user_by_email
};

// Returns the kind letter of argument `i` from `kinds`.
char KindOf(std::string_view kinds, size_t i) {
  if (i < kinds.size() && kinds[i] != '*') return kinds[i];
  if (!kinds.empty() && kinds.back() == '*') return kinds[kinds.size() - 2];
  return 'x';
}

bool Accepts(char kind, ValueType type) {
  const TypeClass c = ClassOf(type);
  if (c == TypeClass::kAny) return true;
  switch (kind) {
    case 's':
    case 'd': return c == TypeClass::kString;
    case 'l': return c == TypeClass::kList;
    case 'c':
      return c == TypeClass::kString || c == TypeClass::kList ||
             c == TypeClass::kObject;
    case 't':
      return c == TypeClass::kTime || c == TypeClass::kString ||
             c == TypeClass::kNumber;
    default: return true;
  }
}

std::string_view KindWords(char kind) {
  switch (kind) {
    case 's': return "a string";
    case 'd': return "a duration such as \"1h30m\"";
    case 'l': return "a list";
    case 'c': return "a string, a list or an object";
    case 't': return "a time";
    default: return "a value";
  }
}

// Returns true when `text` is a duration: an optional sign, then one or
// more numbers each followed by a unit (w d h m s), spaces allowed between.
bool IsDuration(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  int parts = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    size_t digits = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == digits || i == text.size()) return false;
    if (std::string_view("wdhms").find(text[i]) == std::string_view::npos) {
      return false;
    }
    ++i;
    ++parts;
  }
  return parts > 0;
}

// Returns the signature part of a builtin's doc: "split(s, sep)".
std::string_view Signature(const BuiltinDecl& decl) {
  return decl.doc.substr(0, decl.doc.find(": "));
}

std::vector<std::string> FunctionNames() {
  std::vector<std::string> names = {"raw", "linked"};
  for (const BuiltinDecl& decl : stdlib::kBuiltins) {
    names.emplace_back(decl.name);
  }
  return names;
}

// Returns the range of a call's function name.
SourceRange NameRange(const RuleState& rule, const Expr& call) {
  SourceRange range = rule.RangeOf(call.id);
  range.end = range.begin + static_cast<uint32_t>(call.text.size());
  return range;
}

IrExpr UnknownFunction(RuleState& rule, const Expr& call) {
  Diagnostic& d = rule.Error(
      codes::kUnknownFunction, call.id,
      fmt::format("There is no function named `{}`.", call.text));
  AddDidYouMean(d, NameRange(rule, call), Suggest(call.text, FunctionNames()));
  return ErrorNode(rule.SpanOf(call.id));
}

std::string ArgumentCount(int min_args, int max_args) {
  if (max_args < 0) return fmt::format("at least {}", min_args);
  if (min_args == max_args) return std::to_string(min_args);
  return fmt::format("{} or {}", min_args, max_args);
}

// Reports a wrong number of arguments; returns false when there was one.
bool CheckArity(RuleState& rule, const Expr& call, int min_args, int max_args,
                std::string_view signature) {
  const int given = static_cast<int>(call.children.size());
  if (given >= min_args && (max_args < 0 || given <= max_args)) return true;
  const int expected = given < min_args ? min_args : max_args;
  Diagnostic& d = rule.Error(
      codes::kArity, call.id,
      fmt::format("`{}` expects {} argument{} but received {}.", call.text,
                  ArgumentCount(min_args, max_args), expected == 1 ? "" : "s",
                  given));
  d.notes.push_back(fmt::format("usage: {}", signature));
  return false;
}

// Reports named arguments, which only actions take.
bool CheckPositional(RuleState& rule, const Expr& call) {
  for (size_t i = 0; i < call.arg_names.size(); ++i) {
    if (call.arg_names[i].empty()) continue;
    rule.Error(codes::kArgumentType, call.children[i].id,
               fmt::format("`{}` takes its arguments by position; remove "
                           "`{} =`.",
                           call.text, call.arg_names[i]));
    return false;
  }
  return true;
}

void CheckArgument(RuleState& rule, const Expr& call, const BuiltinDecl& decl,
                   size_t i, const IrExpr& arg) {
  const char kind = KindOf(kArgKinds[static_cast<size_t>(decl.id)], i);
  if (!Accepts(kind, arg.type)) {
    rule.Error(codes::kArgumentType, call.children[i].id,
               fmt::format("Argument {} of `{}` must be {}, but {}.", i + 1,
                           decl.name, KindWords(kind), Describe(rule, arg)));
    return;
  }
  if (kind == 'd' && IsConstString(arg) &&
      !IsDuration(arg.constant.get<std::string>())) {
    rule.Error(codes::kArgumentType, call.children[i].id,
               fmt::format("\"{}\" is not a duration; write numbers with "
                           "units w, d, h, m or s, such as \"1h30m\" or "
                           "\"-2d\".",
                           arg.constant.get<std::string>()));
  }
  if (static_cast<int>(i) != decl.regex_arg) return;
  if (!IsConstString(arg)) {
    if (!IsNull(arg)) {
      rule.Error(codes::kNotConstantArgument, call.children[i].id,
                 fmt::format("The pattern of `{}` must be a constant string, "
                             "so that it is compiled once, when the rules load.",
                             decl.name));
    }
    return;
  }
  CheckRegex(rule, arg, call.children[i].id, fmt::format("`{}`", decl.name));
}

ValueType ResultType(const BuiltinDecl& decl, const std::vector<IrExpr>& args) {
  if (decl.id == Builtin::kFirst || decl.id == Builtin::kLast) {
    return ItemType(args[0].type);
  }
  if (decl.id == Builtin::kCoalesce || decl.id == Builtin::kDefault) {
    std::vector<ValueType> types;
    for (const IrExpr& arg : args) {
      if (!IsNull(arg)) types.push_back(arg.type);
    }
    return CommonType(types);
  }
  return decl.result;
}

IrExpr BuiltinCall(RuleState& rule, const Expr& call, const BuiltinDecl& decl) {
  IrExpr ir;
  ir.kind = IrKind::kCall;
  ir.name = std::string(decl.name);
  ir.span = rule.SpanOf(call.id);
  for (const Expr& arg : call.children) {
    ir.children.push_back(CheckExpr(rule, arg));
  }
  if (!CheckPositional(rule, call) ||
      !CheckArity(rule, call, decl.min_args, decl.max_args, Signature(decl))) {
    return ErrorNode(ir.span);
  }
  for (size_t i = 0; i < ir.children.size(); ++i) {
    CheckArgument(rule, call, decl, i, ir.children[i]);
  }
  ir.type = ResultType(decl, ir.children);
  return ir;
}

// Returns an error message when `pointer` is not a JSON Pointer (RFC 6901).
std::optional<std::string> PointerError(std::string_view pointer) {
  if (!pointer.empty() && pointer[0] != '/') {
    return "a JSON Pointer starts with '/'";
  }
  for (size_t i = 0; i < pointer.size(); ++i) {
    if (pointer[i] != '~') continue;
    if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) {
      return "'~' must be written '~0', and '/' inside a name '~1'";
    }
  }
  return std::nullopt;
}

IrExpr Raw(RuleState& rule, const Expr& call) {
  const SourceSpan span = rule.SpanOf(call.id);
  if (!CheckPositional(rule, call) ||
      !CheckArity(rule, call, 1, 1, "raw(\"/json/pointer\")")) {
    return ErrorNode(span);
  }
  IrExpr arg = CheckExpr(rule, call.children[0]);
  if (!IsConstString(arg)) {
    if (!IsNull(arg)) {
      rule.Error(codes::kNotConstantArgument, call.children[0].id,
                 "`raw` takes a constant JSON Pointer, such as "
                 "raw(\"/event/data/title\").");
    }
    return ErrorNode(span);
  }
  const std::string pointer = arg.constant.get<std::string>();
  if (std::optional<std::string> error = PointerError(pointer)) {
    rule.Error(codes::kInvalidRawPath, call.children[0].id,
               fmt::format("\"{}\" is not a JSON Pointer: {}.", pointer, *error));
    return ErrorNode(span);
  }
  IrExpr ir;
  ir.kind = IrKind::kRawPath;
  ir.type = ValueType::kAny;
  ir.name = pointer;
  ir.span = span;
  return ir;
}

IrExpr Linked(RuleState& rule, const Expr& call) {
  const SourceSpan span = rule.SpanOf(call.id);
  if (!CheckArity(rule, call, 1, 1, "linked(jira.issue)")) return ErrorNode(span);
  const std::string kind = LinkedKind(call);
  if (kind.empty()) {
    rule.Error(codes::kUnknownEntity, call.children[0].id,
               "`linked` takes the kind of a linked entity, written "
               "connector.entity, such as linked(jira.issue).");
    return ErrorNode(span);
  }
  if (!rule.state.schemas.IsEntityKind(kind)) {
    Diagnostic& d = rule.Error(
        codes::kUnknownEntity, call.children[0].id,
        fmt::format("`{}` is not a kind of entity any connector has.", kind));
    AddDidYouMean(d, rule.RangeOf(call.children[0].id),
                  Suggest(kind, rule.state.schemas.entity_kinds()));
    return ErrorNode(span);
  }
  IrExpr ir;
  ir.kind = IrKind::kLinked;
  ir.type = ValueType::kBool;
  ir.name = kind;
  ir.span = span;
  return ir;
}

}  // namespace

std::string LinkedKind(const ast::Expr& call) {
  if (call.children.size() != 1) return "";
  const Expr& arg = call.children[0];
  if (arg.kind == ExprKind::kString) return arg.text;
  if (arg.kind == ExprKind::kMember && arg.children[0].kind == ExprKind::kName) {
    return arg.children[0].text + "." + arg.text;
  }
  return "";
}

IrExpr CheckCall(RuleState& rule, const ast::Expr& expr) {
  if (expr.text == "raw") return Raw(rule, expr);
  if (expr.text == "linked") return Linked(rule, expr);
  if (expr.text == "env") {
    rule.Error(codes::kEnvMisuse, expr.id,
               "`env(...)` can only be used in a `connection` setting; rules "
               "never see secrets.");
    return ErrorNode(rule.SpanOf(expr.id));
  }
  const BuiltinDecl* decl = stdlib::FindBuiltin(expr.text);
  if (decl == nullptr) return UnknownFunction(rule, expr);
  return BuiltinCall(rule, expr, *decl);
}

}  // namespace syncrule::check::internal
