// Rule-level structure: create rules shadowed by an earlier rule with the
// same triggers and weaker conditions (SL403), and JQL rules on issue
// updates that re-fire on every edit (SL404).

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "compiler/lint/lint_internal.h"

namespace syncrule::lint::internal {
namespace {

using check::IrExpr;
using check::IrKind;
using check::IrRule;

constexpr std::string_view kIssueUpdated = "jira.issue.updated";

// The source texts of a rule's top-level conditions, as a set.
std::set<std::string> ConditionTexts(const LintContext& context, const IrRule& rule) {
  std::set<std::string> texts;
  for (const IrExpr* e : Conjuncts(rule)) texts.insert(std::string(context.TextOf(e->span)));
  return texts;
}

// The first create action of `rule` outside loops, or null.
const check::IrAction* TopLevelCreate(const IrRule& rule) {
  const check::IrAction* found = nullptr;
  ForEachAction(rule, [&](const check::IrAction& action, bool in_loop) {
    if (found == nullptr && !in_loop && action.decl != nullptr && action.decl->creates) {
      found = &action;
    }
  });
  return found;
}

// True when `earlier` runs on every event `later` runs on, with conditions
// that are a subset of `later`'s.
bool RunsWheneverLaterDoes(const LintContext& context, const IrRule& earlier, const IrRule& later) {
  if (earlier.manual || later.manual) return false;
  for (const std::string& trigger : later.triggers) {
    if (std::find(earlier.triggers.begin(), earlier.triggers.end(), trigger) ==
        earlier.triggers.end()) {
      return false;
    }
  }
  if (earlier.match && (!later.match || earlier.match->text != later.match->text ||
                        earlier.match->becomes_true != later.match->becomes_true)) {
    return false;
  }
  std::set<std::string> weaker = ConditionTexts(context, earlier);
  std::set<std::string> stronger = ConditionTexts(context, later);
  return std::includes(stronger.begin(), stronger.end(), weaker.begin(), weaker.end());
}

bool MentionsChangeOrLink(const IrRule& rule) {
  bool found = false;
  for (const IrExpr* e : Conjuncts(rule)) {
    ForEachExpr(*e, [&](const IrExpr& x) {
      found = found || x.kind == IrKind::kChanged || x.kind == IrKind::kLinked;
    });
  }
  return found;
}

bool HasAction(const IrRule& rule) {
  bool any = false;
  ForEachAction(rule, [&](const check::IrAction&, bool) { any = true; });
  return any;
}

}  // namespace

void CheckShadowedCreates(LintContext& context) {
  const std::vector<IrRule>& rules = context.program.rules;
  for (size_t later = 0; later < rules.size(); ++later) {
    const check::IrAction* create = TopLevelCreate(rules[later]);
    if (create == nullptr || !rules[later].one_link_per_entity) continue;
    for (size_t earlier = 0; earlier < later; ++earlier) {
      const check::IrAction* first = TopLevelCreate(rules[earlier]);
      if (first == nullptr || first->decl != create->decl ||
          !rules[earlier].one_link_per_entity ||
          !RunsWheneverLaterDoes(context, rules[earlier], rules[later])) {
        continue;
      }
      Diagnostic& d = context.Report(
          Severity::kWarning, codes::kShadowedCreate, create->span,
          fmt::format("This `{}` never runs: rule \"{}\" runs first on the same events with "
                      "weaker conditions, creates the linked entity, and one link per entity "
                      "skips this one.",
                      create->decl->name, rules[earlier].name));
      d.notes.push_back(fmt::format("rule \"{}\" is at {}", rules[earlier].name,
                                    context.Where(rules[earlier].span)));
      d.notes.push_back("make the conditions exclusive, merge the rules, or write "
                        "`allow duplicates` in both when two entities are intended");
      break;
    }
  }
}

void CheckRefiringJql(LintContext& context) {
  for (const IrRule& rule : context.program.rules) {
    if (!rule.match || rule.match->becomes_true || !HasAction(rule)) continue;
    bool on_update = std::find(rule.triggers.begin(), rule.triggers.end(), kIssueUpdated) !=
                     rule.triggers.end();
    if (!on_update || MentionsChangeOrLink(rule)) continue;
    Diagnostic& d = context.Report(
        Severity::kWarning, codes::kRefiresOnEdit, rule.match->span,
        fmt::format("This JQL match runs on `{}` without `becomes true` or a change guard, "
                    "so the rule acts again on every edit of an issue that matches.",
                    kIssueUpdated));
    d.notes.push_back("`becomes true` fires only when an update makes the issue start to "
                      "match; or guard with `when issue.status changed`");
    uint32_t end = rule.match->span.range.end;
    d.fixes.push_back({SourceRange{end, end}, " becomes true", "add `becomes true`"});
  }
}

}  // namespace syncrule::lint::internal
