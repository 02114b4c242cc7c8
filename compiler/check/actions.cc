// Actions: `do connector.action(name = value, ...)` against the connectors'
// action declarations: known action, known and unique parameters, every
// required parameter given, and values of the declared types where the
// type is known before the rule runs. The target entity of an action on an
// existing entity (`issue`, `incident`) defaults to the linked one, so it
// need not be written.

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "compiler/check/check_internal.h"

namespace syncrule::check::internal {
namespace {

using runtime::ActionDecl;
using runtime::ParamDecl;

// Returns the range of the first `length` bytes of node `id`.
SourceRange Prefix(const RuleState& rule, ast::NodeId id, size_t length) {
  SourceRange range = rule.RangeOf(id);
  range.end = std::min<uint32_t>(range.end,
                                 range.begin + static_cast<uint32_t>(length));
  return range;
}

void ReportUnknownAction(RuleState& rule, const ast::Action& action) {
  const SourceRange range = Prefix(rule, action.id, action.name.size());
  const std::string connector = action.name.substr(0, action.name.find('.'));
  if (rule.state.schemas.FindConnector(connector) == nullptr) {
    Diagnostic& d = rule.state.Error(
        rule.file, codes::kUnknownAction, range,
        fmt::format("There is no connector named `{}`.", connector));
    d.notes.push_back(fmt::format("the connectors are {}",
                                  JoinNames(rule.state.schemas.connector_names())));
    AddDidYouMean(d, range, Suggest(action.name, rule.state.schemas.action_names()));
    return;
  }
  Diagnostic& d = rule.state.Error(
      rule.file, codes::kUnknownAction, range,
      fmt::format("`{}` has no action `{}`.", connector,
                  action.name.substr(connector.size() + 1)));
  AddDidYouMean(d, range, Suggest(action.name, rule.state.schemas.action_names()));
}

const ParamDecl* FindParam(const ActionDecl& decl, std::string_view name) {
  for (const ParamDecl& param : decl.params) {
    if (param.name == name) return &param;
  }
  return nullptr;
}

bool Accepts(ValueType param, const IrExpr& arg) {
  const TypeClass c = ClassOf(arg.type);
  if (c == TypeClass::kAny || param == ValueType::kAny) return true;
  switch (param) {
    case ValueType::kInt:
      return c == TypeClass::kNumber &&
             !(arg.kind == IrKind::kConst && arg.constant.is_number_float() &&
               arg.constant.get<double>() !=
                   static_cast<double>(static_cast<int64_t>(arg.constant.get<double>())));
    case ValueType::kTime:
      return c == TypeClass::kTime || c == TypeClass::kString ||
             c == TypeClass::kNumber;
    case ValueType::kUser:
      return c == TypeClass::kUser || c == TypeClass::kString;
    default:
      return c == ClassOf(param);
  }
}

// Adds the fix that converts `arg` (written as `text`) to `param`'s type.
void AddConversionFix(Diagnostic& d, ValueType param, const IrExpr& arg,
                      std::string_view text) {
  const TypeClass from = ClassOf(arg.type);
  const TypeClass to = ClassOf(param);
  std::string replacement;
  if (to == TypeClass::kList && from == TypeClass::kString) {
    const bool single = IsConstString(arg) &&
                        arg.constant.get<std::string>().find(',') == std::string::npos;
    replacement = single ? fmt::format("[{}]", text)
                         : fmt::format("split({}, \",\")", text);
  } else if (to == TypeClass::kString && from == TypeClass::kList) {
    replacement = fmt::format("join({}, \", \")", text);
  } else if (to == TypeClass::kString && from == TypeClass::kTime) {
    replacement = fmt::format("format_time({})", text);
  } else if (to == TypeClass::kString) {
    replacement = fmt::format("string({})", text);
  } else if (to == TypeClass::kNumber && IsConstString(arg)) {
    // A constant that reads as a number is written as one; other constants
    // cannot be converted.
    const std::string digits = arg.constant.get<std::string>();
    char* end = nullptr;
    std::strtod(digits.c_str(), &end);
    if (digits.empty() || end != digits.c_str() + digits.size()) return;
    replacement = digits;
  } else if (to == TypeClass::kNumber && from == TypeClass::kString) {
    replacement = fmt::format("number({})", text);
  } else {
    return;
  }
  d.fixes.push_back({arg.span.range, replacement,
                     fmt::format("write `{}`", replacement)});
}

void CheckArgType(RuleState& rule, const ActionDecl& decl,
                  const ParamDecl& param, const ast::NamedArg& arg,
                  const IrExpr& value) {
  if (Accepts(param.type, value)) return;
  Diagnostic& d = rule.Error(
      codes::kParamType, arg.value.id,
      fmt::format("`{}` of `{}` takes {}, but {}.", param.name, decl.name,
                  runtime::ValueTypeName(param.type), Describe(rule, value)));
  if (!param.doc.empty()) d.notes.push_back(fmt::format("`{}`: {}", param.name, param.doc));
  AddConversionFix(d, param.type, value,
                   rule.state.TextOf(rule.file, rule.RangeOf(arg.value.id)));
}

void ReportUnknownParam(RuleState& rule, const ActionDecl& decl,
                        const ast::NamedArg& arg) {
  const SourceRange range = Prefix(rule, arg.id, arg.name.size());
  Diagnostic& d = rule.state.Error(
      rule.file, codes::kUnknownParam, range,
      fmt::format("`{}` has no parameter `{}`.", decl.name, arg.name));
  std::vector<std::string> names;
  for (const ParamDecl& param : decl.params) names.push_back(param.name);
  const std::vector<std::string> close = Suggest(arg.name, names);
  AddDidYouMean(d, range, close);
  if (close.empty()) {
    d.notes.push_back(fmt::format("its parameters are {}", JoinNames(names)));
  }
}

// Checks the arguments of a resolved action; returns the names given.
std::vector<std::string> CheckArgs(RuleState& rule, const ActionDecl& decl,
                                   const ast::Action& action, IrAction& ir) {
  std::vector<std::string> given;
  for (const ast::NamedArg& arg : action.args) {
    IrExpr value = CheckExpr(rule, arg.value);
    auto seen = std::find(given.begin(), given.end(), arg.name);
    if (seen != given.end()) {
      rule.state.Error(rule.file, codes::kDuplicateParam,
                       Prefix(rule, arg.id, arg.name.size()),
                       fmt::format("`{}` is given twice.", arg.name));
      continue;
    }
    given.push_back(arg.name);
    const ParamDecl* param = FindParam(decl, arg.name);
    if (param == nullptr && !decl.open_params) {
      ReportUnknownParam(rule, decl, arg);
    } else if (param != nullptr) {
      CheckArgType(rule, decl, *param, arg, value);
    }
    ir.args.emplace_back(arg.name, std::move(value));
  }
  return given;
}

void ReportMissing(RuleState& rule, const ActionDecl& decl,
                   const ast::Action& action,
                   const std::vector<std::string>& given) {
  std::vector<std::string> missing;
  std::vector<std::string> notes;
  for (const ParamDecl& param : decl.params) {
    if (!param.required ||
        std::find(given.begin(), given.end(), param.name) != given.end()) {
      continue;
    }
    missing.push_back(param.name);
    notes.push_back(fmt::format("`{}`: {}", param.name, param.doc));
  }
  if (missing.empty()) return;
  Diagnostic& d = rule.state.Error(
      rule.file, codes::kMissingParam, Prefix(rule, action.id, action.name.size()),
      fmt::format("`{}` needs {}.", decl.name, JoinNames(missing)));
  d.notes = std::move(notes);
}

// Reports an action that gives none, or more than one, of its one-of
// parameters (`jira.transition` takes `to` or `transitions`).
void ReportOneOf(RuleState& rule, const ActionDecl& decl, const ast::Action& action,
                 const std::vector<std::string>& given) {
  if (decl.one_of.empty()) return;
  std::vector<std::string> chosen;
  for (const std::string& name : decl.one_of) {
    if (std::find(given.begin(), given.end(), name) != given.end()) chosen.push_back(name);
  }
  if (chosen.size() == 1) return;
  SourceRange where = Prefix(rule, action.id, action.name.size());
  if (chosen.empty()) {
    Diagnostic& d = rule.state.Error(
        rule.file, codes::kOneOfParams, where,
        fmt::format("`{}` needs one of {}.", decl.name, JoinNames(decl.one_of, "or")));
    for (const std::string& name : decl.one_of) {
      if (const ParamDecl* param = FindParam(decl, name)) {
        d.notes.push_back(fmt::format("`{}`: {}", name, param->doc));
      }
    }
    return;
  }
  rule.state.Error(rule.file, codes::kOneOfParams, where,
                   fmt::format("`{}` takes only one of {}, but this gives {}.", decl.name,
                               JoinNames(decl.one_of, "or"), JoinNames(chosen)));
}

}  // namespace

IrAction CheckAction(RuleState& rule, const ast::Action& action) {
  IrAction ir;
  ir.span = rule.SpanOf(action.id);
  ir.decl = rule.state.schemas.FindAction(action.name);
  if (ir.decl == nullptr) {
    ReportUnknownAction(rule, action);
    for (const ast::NamedArg& arg : action.args) CheckExpr(rule, arg.value);
    return ir;
  }
  const std::vector<std::string> given = CheckArgs(rule, *ir.decl, action, ir);
  ReportMissing(rule, *ir.decl, action, given);
  ReportOneOf(rule, *ir.decl, action, given);
  return ir;
}

}  // namespace syncrule::check::internal
