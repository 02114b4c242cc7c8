#include "compiler/lint/lint.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/lint/jira_checks.h"
#include "compiler/lint/lint_internal.h"

namespace syncrule::lint {
namespace internal {

using check::IrExpr;
using check::IrKind;
using check::IrStatement;
using check::IrStatementKind;

Diagnostic& LintContext::Report(Severity severity, std::string_view code,
                                const check::SourceSpan& span, std::string message) {
  DiagnosticList& list = by_file[static_cast<size_t>(span.file)];
  if (severity == Severity::kError) {
    return list.Error(std::string(code), span.range, std::move(message));
  }
  Diagnostic& d = list.Warning(std::string(code), span.range, std::move(message));
  d.severity = severity;
  return d;
}

std::string LintContext::Where(const check::SourceSpan& span) const {
  const Source& source = *program.sources[static_cast<size_t>(span.file)];
  SourcePosition at = source.PositionOf(span.range.begin);
  return fmt::format("{}:{}:{}", source.name(), at.line, at.column);
}

std::string_view LintContext::TextOf(const check::SourceSpan& span) const {
  const Source& source = *program.sources[static_cast<size_t>(span.file)];
  return source.text().substr(span.range.begin, span.range.end - span.range.begin);
}

void ForEachExpr(const IrExpr& expr, const std::function<void(const IrExpr&)>& visit) {
  visit(expr);
  for (const IrExpr& child : expr.children) ForEachExpr(child, visit);
}

namespace {

void ForEachExprInStatements(const std::vector<IrStatement>& body,
                             const std::function<void(const IrExpr&)>& visit) {
  for (const IrStatement& statement : body) {
    switch (statement.kind) {
      case IrStatementKind::kWhen:
      case IrStatementKind::kLet:
        ForEachExpr(statement.expr, visit);
        break;
      case IrStatementKind::kDo:
        for (const auto& [name, arg] : statement.action.args) ForEachExpr(arg, visit);
        break;
      case IrStatementKind::kFor:
        if (statement.loop) {
          ForEachExpr(statement.loop->iterable, visit);
          ForEachExprInStatements(statement.loop->body, visit);
        }
        break;
    }
  }
}

void ForEachActionIn(const std::vector<IrStatement>& body, bool in_loop,
                     const std::function<void(const check::IrAction&, bool)>& visit) {
  for (const IrStatement& statement : body) {
    if (statement.kind == IrStatementKind::kDo) visit(statement.action, in_loop);
    if (statement.kind == IrStatementKind::kFor && statement.loop) {
      ForEachActionIn(statement.loop->body, true, visit);
    }
  }
}

void SplitAnd(const IrExpr& expr, std::vector<const IrExpr*>* out) {
  if (expr.kind == IrKind::kBinary && expr.op == ast::Op::kAnd) {
    SplitAnd(expr.children[0], out);
    SplitAnd(expr.children[1], out);
    return;
  }
  out->push_back(&expr);
}

// Applies a string builtin to constant arguments.
std::optional<nlohmann::json> FoldCall(const IrExpr& expr) {
  std::vector<nlohmann::json> args;
  for (const IrExpr& child : expr.children) {
    std::optional<nlohmann::json> value = ConstantValue(child);
    if (!value || !value->is_string()) return std::nullopt;
    args.push_back(*value);
  }
  if (expr.name == "split" && args.size() == 2 && !args[1].get<std::string>().empty()) {
    std::string text = args[0], separator = args[1];
    nlohmann::json parts = nlohmann::json::array();
    for (size_t at = 0;;) {
      size_t next = text.find(separator, at);
      parts.push_back(text.substr(at, next == std::string::npos ? std::string::npos : next - at));
      if (next == std::string::npos) break;
      at = next + separator.size();
    }
    return parts;
  }
  return std::nullopt;
}

}  // namespace

void ForEachExprInRule(const check::IrRule& rule, const std::function<void(const IrExpr&)>& visit) {
  ForEachExprInStatements(rule.body, visit);
}

void ForEachAction(const check::IrRule& rule,
                   const std::function<void(const check::IrAction&, bool)>& visit) {
  ForEachActionIn(rule.body, false, visit);
}

std::vector<const IrExpr*> Conjuncts(const check::IrRule& rule) {
  std::vector<const IrExpr*> out;
  for (const IrStatement& statement : rule.body) {
    if (statement.kind == IrStatementKind::kWhen) SplitAnd(statement.expr, &out);
  }
  return out;
}

const runtime::FieldDecl* FieldOf(const check::CheckedProgram& program, int index) {
  if (index < 0 || static_cast<size_t>(index) >= program.fields.size()) return nullptr;
  return program.fields[static_cast<size_t>(index)];
}

std::optional<nlohmann::json> ConstantValue(const IrExpr& expr) {
  switch (expr.kind) {
    case IrKind::kConst: return expr.constant;
    case IrKind::kList: {
      nlohmann::json items = nlohmann::json::array();
      for (const IrExpr& child : expr.children) {
        std::optional<nlohmann::json> value = ConstantValue(child);
        if (!value) return std::nullopt;
        items.push_back(*value);
      }
      return items;
    }
    case IrKind::kCall: return FoldCall(expr);
    default: return std::nullopt;
  }
}

const IrExpr* ArgOf(const check::IrAction& action, std::string_view name) {
  for (const auto& [arg, value] : action.args) {
    if (arg == name) return &value;
  }
  return nullptr;
}

std::optional<std::vector<std::string>> ClosedValues(const LintContext& context,
                                                     const IrExpr& expr) {
  if (expr.kind != IrKind::kField) return std::nullopt;
  const runtime::FieldDecl* field = FieldOf(context.program, expr.index);
  if (field == nullptr) return std::nullopt;
  if (!field->values.empty()) return field->values;
  if (field->name == "issue.status" && context.options.jira != nullptr) {
    std::vector<std::string> statuses = context.options.jira->StatusNames();
    if (!statuses.empty()) return statuses;
  }
  return std::nullopt;
}

}  // namespace internal

void LintProgram(const std::vector<check::ParsedFile>& files,
                 const check::CheckedProgram& program, const LintOptions& options,
                 std::vector<DiagnosticList>& by_file) {
  if (by_file.size() < files.size()) by_file.resize(files.size());
  internal::LintContext context{files, program, options, by_file};
  internal::CheckMaps(context);
  internal::CheckValues(context);
  internal::CheckConditions(context);
  internal::CheckShadowedCreates(context);
  internal::CheckRefiringJql(context);
  internal::CheckLoops(context);
  if (options.jira != nullptr) CheckAgainstJira(program, *options.jira, by_file);
}

}  // namespace syncrule::lint
