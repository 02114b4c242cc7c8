// `match jql `...``: the query is parsed and checked by the JQL front end,
// and its diagnostics (JQL0xx, JQL1xx, codes unchanged) are moved into the
// rule file by adding the query's byte offset, so that they point inside the
// backticks.

#include <fmt/format.h>

#include <algorithm>

#include "compiler/check/check_internal.h"
#include "compiler/jql/check.h"
#include "compiler/parse/jql_parser.h"

namespace syncrule::check::internal {
namespace {

// The event type `becomes true` needs: only updates have a previous state.
constexpr std::string_view kIssueUpdated = "jira.issue.updated";

SourceRange Shift(SourceRange range, uint32_t offset) {
  return SourceRange{range.begin + offset, range.end + offset};
}

// Copies the diagnostics of `jql`, shifted by `offset`, into the rule file.
void MoveDiagnostics(RuleState& rule, const DiagnosticList& jql,
                     uint32_t offset) {
  for (Diagnostic d : jql.items()) {
    d.range = Shift(d.range, offset);
    for (FixIt& fix : d.fixes) fix.range = Shift(fix.range, offset);
    rule.state.diagnostics[rule.file].Add(std::move(d));
  }
}

bool IsJiraIssueEvent(const EventRef& event) {
  return event.connector->name == "jira" && event.event->entity == "issue";
}

// Reports a match on a rule some trigger of which is not about a Jira issue.
void CheckTriggersAreJira(RuleState& rule, const ast::JqlMatch& match) {
  if (!rule.triggers_known) return;
  auto other = std::find_if(rule.triggers.begin(), rule.triggers.end(),
                            [](const EventRef& e) { return !IsJiraIssueEvent(e); });
  if (rule.triggers.empty()) {
    rule.Error(codes::kJqlNeedsJira, match.id,
               "`match jql` tests the event's Jira issue, but this rule has "
               "no `on` trigger.");
  } else if (other != rule.triggers.end()) {
    Diagnostic& d = rule.Error(
        codes::kJqlNeedsJira, match.id,
        fmt::format("`match jql` tests the event's Jira issue, but `{}` is "
                    "not a Jira issue event.",
                    other->event->name));
    d.notes.push_back("use `when` conditions for other events, or move the "
                      "Jira triggers to a rule of their own");
  }
}

void CheckBecomesTrue(RuleState& rule, const ast::JqlMatch& match) {
  if (!match.becomes_true || !rule.triggers_known) return;
  for (const EventRef& event : rule.triggers) {
    if (event.event->name == kIssueUpdated) return;
  }
  rule.Warning(codes::kBecomesTrueNeedsUpdate, match.id,
               fmt::format("`becomes true` only matters for `{}` events, "
                           "which this rule does not have; it matches like a "
                           "plain `match jql`.",
                           kIssueUpdated));
}

// Returns the span of `becomes true`: from the first word after the
// closing backtick to the end of the clause.
SourceSpan BecomesSpan(RuleState& rule, const ast::JqlMatch& match, SourceSpan clause) {
  uint32_t after = match.offset + static_cast<uint32_t>(match.text.size()) + 1;
  SourceSpan span = clause;
  if (after >= clause.range.end) return span;
  std::string_view rest = rule.state.TextOf(rule.file, SourceRange{after, clause.range.end});
  size_t word = rest.find_first_not_of(" \t\r\n");
  if (word != std::string_view::npos) span.range.begin = after + static_cast<uint32_t>(word);
  return span;
}

}  // namespace

std::optional<IrJqlMatch> CheckJqlMatch(RuleState& rule,
                                        const ast::JqlMatch& match) {
  CheckTriggersAreJira(rule, match);
  CheckBecomesTrue(rule, match);
  jql::ParseResult parsed = jql::ParseJql(match.text);
  MoveDiagnostics(rule, parsed.diagnostics, match.offset);
  if (!parsed.ok()) return std::nullopt;
  DiagnosticList checked_diagnostics;
  IrJqlMatch ir;
  ir.query = jql::CheckQuery(parsed.query, *rule.state.program.jql_catalog,
                             checked_diagnostics);
  MoveDiagnostics(rule, checked_diagnostics, match.offset);
  ir.text = match.text;
  ir.becomes_true = match.becomes_true;
  ir.span = rule.SpanOf(match.id);
  ir.clause_ranges.reserve(parsed.query.ranges.size());
  for (SourceRange range : parsed.query.ranges) {
    ir.clause_ranges.push_back(Shift(range, match.offset));
  }
  if (match.becomes_true) ir.becomes_span = BecomesSpan(rule, match, ir.span);
  return ir;
}

}  // namespace syncrule::check::internal
