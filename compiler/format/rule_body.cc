// The rule level of the printer: rule headers, clauses in source order, and
// statements, with `do` calls broken one argument a line when they are long.

#include <algorithm>

#include "compiler/format/expr_printer.h"
#include "compiler/format/printer_internal.h"
#include "compiler/format/string_quoting.h"

namespace syncrule::format::internal {
namespace {

// What a clause of a rule is. Consecutive `on` (and `allow`) words print as
// one clause.
enum class ClauseKind { kOn, kManual, kMatch, kAllow, kStatement };

// One clause, or one word of an `on` or `allow` clause, and its source range.
struct ClauseRef {
  SourceRange range;
  ClauseKind kind;
  size_t index;
};

// Collects the clauses of `rule` in source order.
std::vector<ClauseRef> ClausesInOrder(const ast::Rule& rule, const ast::RuleFile& file) {
  std::vector<ClauseRef> clauses;
  for (size_t i = 0; i < rule.triggers.size(); ++i) {
    clauses.push_back({file.RangeOf(rule.triggers[i].id), ClauseKind::kOn, i});
  }
  if (rule.manual) clauses.push_back({file.RangeOf(rule.manual_id), ClauseKind::kManual, 0});
  if (rule.match) clauses.push_back({file.RangeOf(rule.match->id), ClauseKind::kMatch, 0});
  for (size_t i = 0; i < rule.allowances.size(); ++i) {
    ast::NodeId id = i < rule.allowance_ids.size() ? rule.allowance_ids[i] : 0;
    clauses.push_back({file.RangeOf(id), ClauseKind::kAllow, i});
  }
  for (size_t i = 0; i < rule.body.size(); ++i) {
    clauses.push_back({file.RangeOf(rule.body[i].id), ClauseKind::kStatement, i});
  }
  std::stable_sort(clauses.begin(), clauses.end(), [](const ClauseRef& a, const ClauseRef& b) {
    return a.range.begin < b.range.begin;
  });
  return clauses;
}

// Returns the written bound of a loop: the number, or the digits as the
// source has them when they do not fit the tree's integer.
std::string LimitText(const ast::ForLoop& loop, std::string_view source, uint32_t from,
                      uint32_t to) {
  if (*loop.limit >= 0) return std::to_string(*loop.limit);
  // Between the iterable and the `{` there are only `)`, `limit`, the
  // number, blanks and comments: the first digits outside comments.
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (size_t i = from; i < to; ++i) {
    if (source[i] == '#') {
      while (i < to && source[i] != '\n') ++i;
    } else if (digit(source[i])) {
      size_t end = i;
      while (end < to && digit(source[end])) ++end;
      return std::string(source.substr(i, end - i));
    }
  }
  return "0";  // unreachable: the parser saw a number
}

}  // namespace

void Printer::Rule(const ast::Rule& rule) {
  SourceRange range = RangeOf(rule.id);
  uint32_t open = FindOutsideLiterals(source_, RangeOf(rule.name_id).end, '{');
  bool empty = rule.triggers.empty() && !rule.manual && !rule.match && rule.allowances.empty() &&
               rule.body.empty();
  if (!OpenBlock(range, open, 0, "rule " + QuoteString(rule.name) + " {", '}', empty)) return;
  RuleClauses(rule);
  CloseBlock(range, 0, '}');
}

void Printer::RuleClauses(const ast::Rule& rule) {
  std::vector<ClauseRef> clauses = ClausesInOrder(rule, file_);
  for (size_t i = 0; i < clauses.size();) {
    const ClauseRef& clause = clauses[i];
    if (clause.kind == ClauseKind::kOn || clause.kind == ClauseKind::kAllow) {
      bool on = clause.kind == ClauseKind::kOn;
      std::string text = on ? "on " : "allow ";
      size_t next = i;
      for (; next < clauses.size() && clauses[next].kind == clause.kind; ++next) {
        if (next > i) text += on ? ", " : " ";
        text += on ? rule.triggers[clauses[next].index].name : rule.allowances[clauses[next].index];
      }
      OneLine(SourceRange{clause.range.begin, clauses[next - 1].range.end}, 1, text);
      i = next;
      continue;
    }
    if (clause.kind == ClauseKind::kManual) {
      OneLine(clause.range, 1, "manual");
    } else if (clause.kind == ClauseKind::kMatch) {
      std::string text = "match jql `" + FormatEmbeddedJql(rule.match->text) + "`";
      OneLine(clause.range, 1, rule.match->becomes_true ? text + " becomes true" : text);
    } else {
      Statement(rule.body[clause.index], 1);
    }
    ++i;
  }
}

void Printer::Statements(const std::vector<ast::Statement>& body, int indent) {
  for (const ast::Statement& statement : body) Statement(statement, indent);
}

void Printer::Statement(const ast::Statement& statement, int indent) {
  switch (statement.kind) {
    case ast::StatementKind::kWhen:
      OneLine(statement.id, indent, "when " + PrintExpression(statement.expr));
      return;
    case ast::StatementKind::kLet:
      OneLine(statement.id, indent,
              "let " + statement.name + " = " + PrintExpression(statement.expr));
      return;
    case ast::StatementKind::kDo:
      Do(statement, indent);
      return;
    case ast::StatementKind::kFor:
      For(statement, indent);
      return;
  }
}

void Printer::Do(const ast::Statement& statement, int indent) {
  const ast::Action& action = statement.action;
  SourceRange range = RangeOf(statement.id);
  std::vector<std::string> args;
  for (const ast::NamedArg& arg : action.args) {
    args.push_back(arg.name + " = " + PrintExpression(arg.value));
  }
  std::string one_line = "do " + action.name + "(";
  for (size_t i = 0; i < args.size(); ++i) one_line += (i > 0 ? ", " : "") + args[i];
  one_line += ")";
  uint32_t open = FindOutsideLiterals(source_, RangeOf(action.id).begin, '(');
  // Comments before the `(` go above the call; comments inside the
  // parentheses keep the call broken, so that they stay beside their
  // arguments.
  writer_.LeadIn(range.begin, indent);
  writer_.Hoist(open, indent);
  bool fits = indent * 2 + DisplayWidth(one_line) <= options_.max_width;
  if (args.empty() || (fits && !writer_.HasCommentBefore(range.end))) {
    OneLine(range, indent, one_line);
    return;
  }
  OpenBlock(range, open, indent, "do " + action.name + "(", ')', false);
  for (size_t i = 0; i < args.size(); ++i) DoArgument(action.args[i], indent + 1, args[i] + ",");
  CloseBlock(range, indent, ')');
}

void Printer::DoArgument(const ast::NamedArg& arg, int indent, const std::string& text) {
  const ast::Expr& value = arg.value;
  bool object = value.kind == ast::ExprKind::kObject;
  bool breakable = (object || value.kind == ast::ExprKind::kList) && !value.children.empty();
  if (!breakable || indent * 2 + DisplayWidth(text) <= options_.max_width) {
    OneLine(arg.id, indent, text);
    return;
  }
  // Comments inside the value go above the argument, as for any element
  // written on one line.
  SourceRange range = RangeOf(arg.id);
  writer_.LeadIn(range.begin, indent);
  writer_.Hoist(range.end, indent);
  writer_.Line(indent, arg.name + (object ? " = {" : " = ["));
  for (size_t i = 0; i < value.children.size(); ++i) {
    std::string key = object ? QuoteString(value.arg_names[i]) + ": " : "";
    writer_.Line(indent + 1, key + PrintExpression(value.children[i]) + ",");
  }
  writer_.Line(indent, object ? "}," : "],");
  writer_.Trail(range.end);
}

void Printer::For(const ast::Statement& statement, int indent) {
  const ast::ForLoop& loop = *statement.loop;
  SourceRange range = RangeOf(statement.id);
  uint32_t iterable_end = RangeOf(loop.iterable.id).end;
  uint32_t open = FindOutsideLiterals(source_, iterable_end, '{');
  std::string header = "for " + loop.variable + " in " + PrintExpression(loop.iterable);
  if (loop.limit) header += " limit " + LimitText(loop, source_, iterable_end, open);
  if (!OpenBlock(range, open, indent, header + " {", '}', loop.body.empty())) return;
  Statements(loop.body, indent + 1);
  CloseBlock(range, indent, '}');
}

}  // namespace syncrule::format::internal
