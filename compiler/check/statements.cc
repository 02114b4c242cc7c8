// Rule bodies: `when`, `let`, `do` and bounded `for` loops. Variables are
// scoped to the body that declares them (a loop body is its own scope) and
// each gets its own slot; slots are never reused within a rule, so the
// emitter can size a rule's frame from IrRule::local_count.

#include <fmt/format.h>

#include <algorithm>

#include "compiler/check/check_internal.h"

namespace syncrule::check::internal {
namespace {

// Returns the range of `name` written in statement `id` after `keyword`.
SourceRange NameAfter(const RuleState& rule, ast::NodeId id,
                      std::string_view keyword, const std::string& name) {
  SourceRange whole = rule.RangeOf(id);
  std::string_view text = rule.state.TextOf(rule.file, whole);
  size_t at = text.find(name, std::min(keyword.size(), text.size()));
  if (at == std::string_view::npos) return whole;
  uint32_t begin = whole.begin + static_cast<uint32_t>(at);
  return SourceRange{begin, begin + static_cast<uint32_t>(name.size())};
}

// Reports that variable `name` at `range` takes a name already in use.
bool CheckVariableName(RuleState& rule, SourceRange range,
                       const std::string& name) {
  const DeclSite* earlier = nullptr;
  DeclSite local_site;
  if (const Local* local = FindLocal(rule, name)) {
    local_site = DeclSite{rule.file, local->id};
    earlier = &local_site;
  } else if (auto it = rule.state.consts.find(name); it != rule.state.consts.end()) {
    earlier = &it->second.site;
  } else if (auto it = rule.state.maps.find(name); it != rule.state.maps.end()) {
    earlier = &it->second.site;
  }
  if (earlier != nullptr) {
    Diagnostic& d = rule.state.Error(
        rule.file, codes::kDuplicateName, range,
        fmt::format("`{}` is already defined; a variable cannot hide it.", name));
    d.notes.push_back(fmt::format("`{}` is first defined at {}.", name,
                                  rule.state.Where(*earlier)));
    return false;
  }
  // A variable may hide event fields (`for commit in push.commits` hides
  // GitLab's `commit.*`): it is declared in plain sight, in the rule that
  // uses it. Only `_` is reserved.
  if (name == "_") {
    rule.state.Error(rule.file, codes::kReservedName, range,
                     "`_` cannot name a variable: it is the default key of "
                     "maps.");
    return false;
  }
  return true;
}

// Declares variable `name` of `type` in the innermost scope; returns its
// slot (a fresh one even when the name was refused, so the IR stays whole).
int Declare(RuleState& rule, ast::NodeId id, SourceRange range,
            const std::string& name, ValueType type) {
  const int slot = rule.local_count++;
  if (CheckVariableName(rule, range, name)) {
    rule.scopes.back().push_back(Local{name, slot, type, id});
  }
  return slot;
}

IrStatement Let(RuleState& rule, const ast::Statement& statement) {
  IrStatement ir;
  ir.kind = IrStatementKind::kLet;
  ir.expr = CheckExpr(rule, statement.expr);
  ir.slot = Declare(rule, statement.id,
                    NameAfter(rule, statement.id, "let", statement.name),
                    statement.name, ir.expr.type);
  return ir;
}

// Returns the range of the number after `limit` in a loop header.
SourceRange LimitRange(const RuleState& rule, const ast::ForLoop& loop) {
  SourceRange whole = rule.RangeOf(loop.id);
  const uint32_t from = rule.RangeOf(loop.iterable.id).end;
  std::string_view text = rule.state.TextOf(rule.file, whole);
  if (from < whole.begin || from > whole.end) return whole;
  std::string_view header = text.substr(from - whole.begin);
  size_t begin = header.find_first_of("0123456789");
  size_t brace = header.find('{');
  if (begin == std::string_view::npos || begin > brace) return whole;
  size_t end = header.find_first_not_of("0123456789", begin);
  return SourceRange{from + static_cast<uint32_t>(begin),
                     from + static_cast<uint32_t>(end)};
}

// Returns the loop's bound, reporting bounds out of range.
int64_t LoopLimit(RuleState& rule, const ast::ForLoop& loop) {
  if (!loop.limit) return kDefaultLoopLimit;
  const int64_t limit = *loop.limit;
  if (limit >= 1 && limit <= kMaxLoopLimit) return limit;
  rule.state.Error(rule.file, codes::kLoopLimit, LimitRange(rule, loop),
                   fmt::format("A loop's `limit` must be between 1 and {}.",
                               kMaxLoopLimit));
  return kMaxLoopLimit;
}

void CheckIterable(RuleState& rule, const ast::ForLoop& loop,
                   const IrExpr& iterable) {
  if (MayBeList(iterable.type) || IsNull(iterable)) return;
  Diagnostic& d = rule.Error(
      codes::kNotIterable, loop.iterable.id,
      fmt::format("`for` goes through a list, but {}.", Describe(rule, iterable)));
  if (ClassOf(iterable.type) == TypeClass::kString) {
    d.notes.push_back("split a string into a list with split(s, \",\"), or "
                      "find keys in it with extract_all(s, \"[A-Z]+-[0-9]+\")");
  }
}

void CheckProduct(RuleState& rule, const ast::ForLoop& loop, int64_t limit) {
  // Saturate just above the bound so that deep nesting cannot overflow.
  rule.loop_product = std::min(rule.loop_product * limit, kMaxLoopProduct * kMaxLoopLimit);
  if (rule.loop_product <= kMaxLoopProduct) return;
  Diagnostic& d = rule.state.Error(
      rule.file, codes::kLoopProduct, LimitRange(rule, loop),
      fmt::format("These nested loops may run their innermost body {} times "
                  "for one event; the most allowed is {}.",
                  rule.loop_product >= kMaxLoopProduct * kMaxLoopLimit
                      ? fmt::format("{} or more", kMaxLoopProduct * kMaxLoopLimit)
                      : std::to_string(rule.loop_product),
                  kMaxLoopProduct));
  d.notes.push_back("the limits of nested loops multiply; lower a `limit`");
}

IrStatement For(RuleState& rule, const ast::ForLoop& loop) {
  IrStatement ir;
  ir.kind = IrStatementKind::kFor;
  ir.loop = std::make_shared<IrLoop>();
  ir.loop->iterable = CheckExpr(rule, loop.iterable);
  CheckIterable(rule, loop, ir.loop->iterable);
  ir.loop->limit = LoopLimit(rule, loop);
  const int64_t outer_product = rule.loop_product;
  CheckProduct(rule, loop, ir.loop->limit);
  rule.scopes.emplace_back();
  ir.loop->variable_slot =
      Declare(rule, loop.id, NameAfter(rule, loop.id, "for", loop.variable),
              loop.variable, ItemType(ir.loop->iterable.type));
  ir.loop->body = CheckBody(rule, loop.body);
  rule.scopes.pop_back();
  rule.loop_product = outer_product;
  return ir;
}

IrStatement Statement(RuleState& rule, const ast::Statement& statement) {
  IrStatement ir;
  switch (statement.kind) {
    case ast::StatementKind::kWhen:
      ir.kind = IrStatementKind::kWhen;
      ir.expr = CheckExpr(rule, statement.expr);
      RequireCondition(rule, ir.expr, statement.expr.id, "when");
      break;
    case ast::StatementKind::kLet: ir = Let(rule, statement); break;
    case ast::StatementKind::kDo:
      ir.kind = IrStatementKind::kDo;
      ir.action = CheckAction(rule, statement.action);
      break;
    case ast::StatementKind::kFor: ir = For(rule, *statement.loop); break;
  }
  ir.span = rule.SpanOf(statement.id);
  return ir;
}

}  // namespace

const Local* FindLocal(const RuleState& rule, std::string_view name) {
  for (auto scope = rule.scopes.rbegin(); scope != rule.scopes.rend(); ++scope) {
    for (const Local& local : *scope) {
      if (local.name == name) return &local;
    }
  }
  return nullptr;
}

std::vector<IrStatement> CheckBody(RuleState& rule,
                                   const std::vector<ast::Statement>& body) {
  rule.scopes.emplace_back();
  std::vector<IrStatement> out;
  for (const ast::Statement& statement : body) {
    out.push_back(Statement(rule, statement));
  }
  rule.scopes.pop_back();
  return out;
}

}  // namespace syncrule::check::internal
