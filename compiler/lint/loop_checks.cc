// Loops between rules (SL501): rule A's action causes an event that
// triggers rule B, whose action triggers A again (or A itself). A rule
// breaks the chain when it tests who made the change (an origin guard), a
// link, a changed field or `becomes true`; a create action breaks it too,
// since one link per entity makes it run once. Each elementary cycle of
// unbroken edges is reported once, at its first rule.

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "compiler/lint/lint_internal.h"

namespace syncrule::lint::internal {
namespace {

using check::IrExpr;
using check::IrKind;
using check::IrRule;

// The search stops after this many steps, so that huge rule sets stay fast;
// one start may take at most kStepsPerStart of them, so that a dense part
// of the graph cannot use up the budget before other loops are looked at.
constexpr size_t kSearchBudget = 200000;
constexpr size_t kStepsPerStart = 5000;
// At most this many cycles are reported.
constexpr size_t kMaxCycles = 20;

// An edge: rule `to` is triggered by `event`, which `action` of the source
// rule causes.
struct Edge {
  size_t to = 0;
  std::string action;
  std::string event;
};

bool IsOriginField(const check::CheckedProgram& program, const IrExpr& e) {
  if (e.kind == IrKind::kRawPath) {
    return e.name.find("/user") != std::string::npos || e.name.find("/agent") != std::string::npos;
  }
  if (e.kind != IrKind::kField) return false;
  const runtime::FieldDecl* field = FieldOf(program, e.index);
  if (field == nullptr) return false;
  for (std::string_view word : {"user", "agent", "actor", "author"}) {
    if (field->name.find(word) != std::string::npos) return true;
  }
  return false;
}

// True when `rule` tests something that stops it re-running on its own
// echo.
bool BreaksLoops(const check::CheckedProgram& program, const IrRule& rule) {
  if (rule.match && rule.match->becomes_true) return true;
  bool guarded = false;
  for (const IrExpr* condition : Conjuncts(rule)) {
    ForEachExpr(*condition, [&](const IrExpr& e) {
      guarded = guarded || e.kind == IrKind::kChanged || e.kind == IrKind::kLinked ||
                IsOriginField(program, e);
    });
  }
  return guarded;
}

std::vector<std::vector<Edge>> BuildGraph(const check::CheckedProgram& program) {
  const std::vector<IrRule>& rules = program.rules;
  std::vector<bool> breaks(rules.size());
  for (size_t r = 0; r < rules.size(); ++r) breaks[r] = BreaksLoops(program, rules[r]);
  std::vector<std::vector<Edge>> edges(rules.size());
  for (size_t from = 0; from < rules.size(); ++from) {
    ForEachAction(rules[from], [&](const check::IrAction& action, bool) {
      if (action.decl == nullptr) return;
      if (action.decl->creates && rules[from].one_link_per_entity) return;
      for (const std::string& event : action.decl->causes) {
        for (size_t to = 0; to < rules.size(); ++to) {
          if (breaks[to] || rules[to].manual) continue;
          const auto& triggers = rules[to].triggers;
          if (std::find(triggers.begin(), triggers.end(), event) == triggers.end()) continue;
          edges[from].push_back(Edge{to, action.decl->name, event});
        }
      }
    });
  }
  return edges;
}

// Returns the strongly connected component of every rule (Tarjan's
// algorithm, iterative): rules trigger each other in a loop only within
// one component.
std::vector<size_t> Components(const std::vector<std::vector<Edge>>& edges) {
  const size_t n = edges.size(), unvisited = SIZE_MAX;
  std::vector<size_t> index(n, unvisited), low(n, 0), component(n, unvisited);
  std::vector<bool> on_stack(n, false);
  std::vector<size_t> stack;
  size_t next_index = 0, next_component = 0;
  for (size_t root = 0; root < n; ++root) {
    if (index[root] != unvisited) continue;
    std::vector<std::pair<size_t, size_t>> frames{{root, 0}};  // node, next edge
    index[root] = low[root] = next_index++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!frames.empty()) {
      auto& [node, next] = frames.back();
      if (next < edges[node].size()) {
        size_t to = edges[node][next++].to;
        if (index[to] == unvisited) {
          index[to] = low[to] = next_index++;
          stack.push_back(to);
          on_stack[to] = true;
          frames.push_back({to, 0});
        } else if (on_stack[to]) {
          low[node] = std::min(low[node], index[to]);
        }
        continue;
      }
      size_t done = node;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().first] = std::min(low[frames.back().first], low[done]);
      if (low[done] != index[done]) continue;
      for (size_t member = SIZE_MAX; member != done;) {
        member = stack.back();
        stack.pop_back();
        on_stack[member] = false;
        component[member] = next_component;
      }
      ++next_component;
    }
  }
  return component;
}

// Finds elementary cycles whose smallest rule index is `start`, within
// start's component.
class CycleFinder {
 public:
  CycleFinder(const std::vector<std::vector<Edge>>& edges, const std::vector<size_t>& component,
              size_t* budget)
      : edges_(edges), component_(component), budget_(budget), on_path_(edges.size()) {}

  void From(size_t start, std::vector<std::vector<Edge>>* cycles) {
    start_ = start;
    cycles_ = cycles;
    Visit(start);
  }

 private:
  void Visit(size_t node) {
    on_path_[node] = true;
    for (const Edge& edge : edges_[node]) {
      if (*budget_ == 0 || cycles_->size() >= kMaxCycles) break;
      --*budget_;
      if (edge.to < start_ || component_[edge.to] != component_[start_]) continue;
      path_.push_back(edge);
      if (edge.to == start_) {
        cycles_->push_back(path_);
      } else if (!on_path_[edge.to]) {
        Visit(edge.to);
      }
      path_.pop_back();
    }
    on_path_[node] = false;
  }

  const std::vector<std::vector<Edge>>& edges_;
  const std::vector<size_t>& component_;
  size_t* budget_;
  std::vector<bool> on_path_;
  std::vector<Edge> path_;
  size_t start_ = 0;
  std::vector<std::vector<Edge>>* cycles_ = nullptr;
};

void ReportCycle(LintContext& context, size_t start, const std::vector<Edge>& cycle) {
  const std::vector<IrRule>& rules = context.program.rules;
  std::string chain = fmt::format("\"{}\"", rules[start].name);
  for (const Edge& edge : cycle) {
    chain += fmt::format(" --{} causes {}--> \"{}\"", edge.action, edge.event, rules[edge.to].name);
  }
  Diagnostic& d = context.Report(
      Severity::kError, codes::kRuleLoop, rules[start].span,
      cycle.size() == 1
          ? fmt::format("This rule triggers itself: {}.", chain)
          : fmt::format("These rules trigger each other in a loop: {}.", chain));
  for (const Edge& edge : cycle) {
    d.notes.push_back(fmt::format("rule \"{}\" is at {}", rules[edge.to].name,
                                  context.Where(rules[edge.to].span)));
  }
  d.notes.push_back(
      "break it in one of the rules: an origin guard (`when event.user != \"syncrule\"`), "
      "a link test (`when not linked(jira.issue)`), a changed-field condition "
      "(`when issue.status changed`), or `becomes true`");
}

}  // namespace

void CheckLoops(LintContext& context) {
  std::vector<std::vector<Edge>> edges = BuildGraph(context.program);
  std::vector<size_t> component = Components(edges);
  size_t budget = kSearchBudget;
  std::vector<std::vector<Edge>> cycles;
  for (size_t start = 0; start < edges.size() && cycles.size() < kMaxCycles && budget > 0;
       ++start) {
    size_t before = cycles.size();
    size_t steps = std::min(budget, kStepsPerStart);
    budget -= steps;
    CycleFinder(edges, component, &steps).From(start, &cycles);
    budget += steps;  // what this start did not use
    for (size_t c = before; c < cycles.size(); ++c) ReportCycle(context, start, cycles[c]);
  }
}

}  // namespace syncrule::lint::internal
