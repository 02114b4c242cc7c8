// Rule headers: `on` triggers, `manual`, `allow` options and `match`, then
// the body (statements.cc). A rule needs a trigger unless it is manual; a
// manual rule may still list triggers, which then say which events
// `syncrule fire` accepts for it and which fields it may read.

#include <fmt/format.h>

#include <algorithm>

#include "compiler/check/check_internal.h"

namespace syncrule::check::internal {
namespace {

// The `allow` options a rule may give.
constexpr std::string_view kAllowDuplicates = "duplicates";

void ReportUnknownEvent(RuleState& rule, const ast::Trigger& trigger) {
  Diagnostic& d = rule.Error(
      codes::kUnknownEvent, trigger.id,
      fmt::format("There is no event type `{}`.", trigger.name));
  const std::string connector = trigger.name.substr(0, trigger.name.find('.'));
  if (rule.state.schemas.FindConnector(connector) == nullptr) {
    d.notes.push_back(fmt::format("event types start with a connector: {}",
                                  JoinNames(rule.state.schemas.connector_names())));
  }
  AddDidYouMean(d, rule.RangeOf(trigger.id),
                Suggest(trigger.name, rule.state.schemas.event_names()));
}

void ResolveTriggers(RuleState& rule, IrRule& ir) {
  for (const ast::Trigger& trigger : rule.rule.triggers) {
    const EventRef* event = rule.state.schemas.FindEvent(trigger.name);
    if (event == nullptr) {
      ReportUnknownEvent(rule, trigger);
      rule.triggers_known = false;
      continue;
    }
    if (std::find(ir.triggers.begin(), ir.triggers.end(), trigger.name) !=
        ir.triggers.end()) {
      rule.Warning(codes::kDuplicateTrigger, trigger.id,
                   fmt::format("`{}` is listed twice.", trigger.name));
      continue;
    }
    ir.triggers.push_back(trigger.name);
    rule.triggers.push_back(*event);
  }
  if (rule.rule.triggers.empty() && !rule.rule.manual) {
    Diagnostic& d = rule.Error(
        codes::kNoTrigger, rule.rule.name_id,
        fmt::format("Rule \"{}\" has no `on` trigger, so it never runs.",
                    rule.rule.name));
    d.notes.push_back(
        "add `on` and an event type, such as `on pagerduty.incident."
        "triggered`, or `manual` for a rule run only by `syncrule fire`");
  }
}

// Returns the range of the word `word` after `allow` in the rule's text.
SourceRange AllowRange(const RuleState& rule, const std::string& word) {
  SourceRange whole = rule.RangeOf(rule.rule.id);
  std::string_view text = rule.state.TextOf(rule.file, whole);
  size_t allow = text.find("allow");
  size_t at = allow == std::string_view::npos ? allow : text.find(word, allow);
  if (at == std::string_view::npos) return whole;
  uint32_t begin = whole.begin + static_cast<uint32_t>(at);
  return SourceRange{begin, begin + static_cast<uint32_t>(word.size())};
}

void CheckAllowances(RuleState& rule, IrRule& ir) {
  for (const std::string& word : rule.rule.allowances) {
    if (word == kAllowDuplicates) {
      ir.one_link_per_entity = false;
      continue;
    }
    const SourceRange range = AllowRange(rule, word);
    Diagnostic& d = rule.state.Error(
        rule.file, codes::kUnknownAllowance, range,
        fmt::format("`allow {}` is not an option; the only one is `allow {}`.",
                    word, kAllowDuplicates));
    AddDidYouMean(d, range, Suggest(word, {std::string(kAllowDuplicates)}));
  }
}

// Returns true when some statement of `body`, at any depth, is a `do`.
bool HasAction(const std::vector<ast::Statement>& body) {
  return std::any_of(body.begin(), body.end(), [](const ast::Statement& s) {
    return s.kind == ast::StatementKind::kDo ||
           (s.kind == ast::StatementKind::kFor && HasAction(s.loop->body));
  });
}

}  // namespace

void CheckRule(ProgramState& state, int file, const ast::Rule& rule) {
  RuleState checking{state, file, rule};
  IrRule ir;
  ir.name = rule.name;
  ir.manual = rule.manual;
  ir.span = state.SpanOf(file, rule.id);
  ResolveTriggers(checking, ir);
  CheckAllowances(checking, ir);
  if (rule.match) ir.match = CheckJqlMatch(checking, *rule.match);
  ir.body = CheckBody(checking, rule.body);
  ir.local_count = checking.local_count;
  if (!HasAction(rule.body)) {
    checking.Warning(codes::kNoAction, rule.name_id,
                     fmt::format("Rule \"{}\" has no `do` action, so it never "
                                 "does anything.",
                                 rule.name));
  }
  state.program.rules.push_back(std::move(ir));
}

}  // namespace syncrule::check::internal
