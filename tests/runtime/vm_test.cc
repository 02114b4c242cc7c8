// VM semantics, through the whole pipeline: rule text -> parse -> check ->
// emit -> write -> load -> verify -> run on real payloads.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <sstream>

#include "tests/runtime/runtime_test_util.h"

namespace syncrule::runtime {
namespace {

using testing::CompileRule;
using testing::Payload;
using testing::TriggeredBody;


std::string PriorityLoweredBody() {
  return testing::ReadSource(
      "tests/fixtures/jira/webhooks_mattermost/webhook-issue-updated-lowered-priority.json");
}

// An in-memory link store for tests.
class FakeLinks : public LinkView {
 public:
  std::map<std::string, std::string> links;  // "kind|id|linked kind" -> id
  std::optional<std::string> LinkedId(std::string_view kind, std::string_view id,
                                      std::string_view linked) const override {
    auto it = links.find(std::string(kind) + "|" + std::string(id) + "|" +
                         std::string(linked));
    if (it == links.end()) return std::nullopt;
    return it->second;
  }
  nlohmann::json LinkedField(std::string_view, std::string_view,
                             std::string_view field) const override {
    return field == "issue.status" ? nlohmann::json("In Progress") : nlohmann::json();
  }
};

// Compiles `rules`, decodes `body`, runs the event; returns the effects and
// verdicts.
struct RunOutcome {
  std::vector<Effect> effects;
  std::vector<RuleVerdict> verdicts;
  std::string errors;
  std::shared_ptr<const Program> program;
};

RunOutcome RunRules(const std::string& rules, const std::string& body,
             const RunOptions& options = RunOptions{}) {
  RunOutcome out;
  testing::CompiledRules compiled = CompileRule(rules);
  out.errors = compiled.errors;
  if (!compiled.program) return out;
  out.program = compiled.program;
  Payload payload(body);
  EXPECT_TRUE(payload.ok);
  std::optional<EventInfo> event = testing::Decode(payload, body);
  EXPECT_TRUE(event.has_value());
  if (!event) return out;
  EvalState state(*compiled.program);
  Vm vm;
  vm.Run(*compiled.program, state, *event, payload.root, options, &out.effects,
         &out.verdicts);
  return out;
}

TEST(VmTest, MatchingRuleEmitsItsEffect) {
  RunOutcome run = RunRules(R"(
rule "page" {
  on pagerduty.incident.triggered
  when incident.urgency == "high" and incident.priority in ["P1", "P2"]
  do jira.create_issue(project = "OPS", type = "Bug",
                       summary = "[" + incident.priority + "] " + incident.title,
                       labels = split("pagerduty, oncall,,", ","))
}
)",
                     TriggeredBody());
  ASSERT_EQ(run.errors, "");
  ASSERT_EQ(run.effects.size(), 1u);
  EXPECT_EQ(run.effects[0].action, "jira.create_issue");
  EXPECT_EQ(run.effects[0].args["summary"], "[P1] Checkout API returns 502");
  EXPECT_EQ(run.effects[0].args["labels"], nlohmann::json({"pagerduty", "oncall"}));
  EXPECT_EQ(run.effects[0].target_kind, "jira.issue");
  EXPECT_TRUE(run.effects[0].creates);
  ASSERT_EQ(run.verdicts.size(), 1u);
  EXPECT_EQ(run.verdicts[0].outcome, RuleOutcome::kMatched);
}

TEST(VmTest, MissingFieldsAreNullAndCompareFalse) {
  const char* rules = R"(
rule "eq" { on pagerduty.incident.triggered
  when incident.description == "x"
  do pagerduty.add_note(content = "eq") }
rule "ne" { on pagerduty.incident.triggered
  when incident.description != "x"
  do pagerduty.add_note(content = "ne") }
rule "lt" { on pagerduty.incident.triggered
  when incident.number < 1000 and raw("/event/data/nope") < 5
  do pagerduty.add_note(content = "lt") }
rule "null" { on pagerduty.incident.triggered
  when raw("/event/data/nope") == null
  do pagerduty.add_note(content = "null") }
)";
  RunOutcome run = RunRules(rules, TriggeredBody());
  ASSERT_EQ(run.errors, "");
  ASSERT_EQ(run.effects.size(), 1u) << (run.effects.empty() ? "" : run.effects[0].args.dump());
  EXPECT_EQ(run.effects[0].args["content"], "null");
  ASSERT_EQ(run.verdicts.size(), 4u);
  EXPECT_EQ(run.verdicts[0].outcome, RuleOutcome::kRejected);
  EXPECT_EQ(run.verdicts[1].outcome, RuleOutcome::kRejected);
  EXPECT_EQ(run.verdicts[2].outcome, RuleOutcome::kRejected);
}

TEST(VmTest, ExplainNamesTheFailingClause) {
  RunOutcome run = RunRules(R"(rule "r" {
  on pagerduty.incident.triggered
  when incident.urgency == "high"
  when incident.status == "resolved"
  do pagerduty.add_note(content = "x")
}
)",
                     TriggeredBody());
  ASSERT_EQ(run.errors, "");
  ASSERT_EQ(run.verdicts.size(), 1u);
  EXPECT_EQ(run.verdicts[0].outcome, RuleOutcome::kRejected);
  EXPECT_EQ(run.verdicts[0].where.line, 4u);
  EXPECT_EQ(run.verdicts[0].where.column, 8u);
  EXPECT_EQ(run.verdicts[0].where.rule, 0);
}

TEST(VmTest, BudgetExhaustionStopsTheRule) {
  RunOptions options;
  options.budget = 5;
  RunOutcome run = RunRules(R"(rule "r" {
  on pagerduty.incident.triggered
  for part in split("a,b,c,d,e,f,g,h", ",") limit 100 {
    do pagerduty.add_note(content = part)
  }
}
)",
                     TriggeredBody(), options);
  ASSERT_EQ(run.errors, "");
  ASSERT_EQ(run.verdicts.size(), 1u);
  EXPECT_EQ(run.verdicts[0].outcome, RuleOutcome::kBudget);
  EXPECT_TRUE(run.effects.empty());
}

TEST(VmTest, LoopsStopAtTheirLimit) {
  RunOutcome run = RunRules(R"(rule "r" {
  on pagerduty.incident.triggered
  for part in split("a,b,c,d,e", ",") limit 3 {
    when part != "b"
    do pagerduty.add_note(content = part)
  }
}
)",
                     TriggeredBody());
  ASSERT_EQ(run.errors, "");
  ASSERT_EQ(run.effects.size(), 2u);
  EXPECT_EQ(run.effects[0].args["content"], "a");
  EXPECT_EQ(run.effects[1].args["content"], "c");
  EXPECT_EQ(run.verdicts[0].outcome, RuleOutcome::kMatched);
}

TEST(VmTest, MapsAndDefaults) {
  RunOutcome run = RunRules(R"(
map prio { "P1" => "Highest"  "P2" => "High"  _ => "Medium" }
map status { "resolved" => "Done" }
rule "r" {
  on pagerduty.incident.triggered
  do jira.create_issue(project = "OPS", type = "Bug", summary = incident.title,
                       priority = prio[incident.priority],
                       status = status[incident.status])
}
)",
                     TriggeredBody());
  ASSERT_EQ(run.errors, "");
  ASSERT_EQ(run.effects.size(), 1u);
  EXPECT_EQ(run.effects[0].args["priority"], "Highest");
  EXPECT_TRUE(run.effects[0].args["status"].is_null());
}

TEST(VmTest, ListsConcatenate) {
  RunOutcome run = RunRules(R"(
rule "r" {
  on pagerduty.incident.triggered
  let labels = ["pagerduty"] + split("oncall,sev-1", ",")
  do jira.set_fields(fields = {"labels": labels + [], "empty": [] + []})
}
)",
                            TriggeredBody());
  ASSERT_EQ(run.errors, "");
  ASSERT_EQ(run.effects.size(), 1u);
  EXPECT_EQ(run.effects[0].args["fields"]["labels"],
            nlohmann::json({"pagerduty", "oncall", "sev-1"}));
  EXPECT_EQ(run.effects[0].args["fields"]["empty"], nlohmann::json::array());
}

TEST(VmTest, LinksGateActionsAndNameTheirTarget) {
  FakeLinks links;
  RunOptions options;
  options.links = &links;
  const char* rules = R"(
rule "create" { on pagerduty.incident.triggered
  do jira.create_issue(project = "OPS", type = "Bug", summary = incident.title) }
rule "follow" { on pagerduty.incident.triggered
  when linked(jira.issue)
  do jira.transition(to = "Done") }
)";
  RunOutcome unlinked = RunRules(rules, TriggeredBody(), options);
  ASSERT_EQ(unlinked.errors, "");
  ASSERT_EQ(unlinked.effects.size(), 1u);
  EXPECT_EQ(unlinked.effects[0].action, "jira.create_issue");

  EXPECT_EQ(unlinked.effects[0].linked_id, "");

  links.links["pagerduty.incident|Q1CHECKOUT502|jira.issue"] = "OPS-9";
  RunOutcome linked = RunRules(rules, TriggeredBody(), options);
  ASSERT_EQ(linked.effects.size(), 2u);
  // The create reports the issue already linked; the engine drops it (one
  // issue per incident).
  EXPECT_EQ(linked.effects[0].action, "jira.create_issue");
  EXPECT_EQ(linked.effects[0].linked_id, "OPS-9");
  EXPECT_EQ(linked.effects[1].action, "jira.transition");
  EXPECT_EQ(linked.effects[1].target_id, "OPS-9");
}

TEST(VmTest, JqlMatchBecomesTrue) {
  // The fixture lowers priority High -> Low on an issue in "To Do".
  const char* rules = R"(
rule "low now" { on jira.issue.updated
  match jql `priority = Low AND status = "To Do"` becomes true
  do jira.comment(body = "now low") }
rule "was high" { on jira.issue.updated
  match jql `priority = High` becomes true
  do jira.comment(body = "high") }
rule "status" { on jira.issue.updated
  match jql `status = "To Do"` becomes true
  do jira.comment(body = "status") }
rule "plain" { on jira.issue.updated
  match jql `status = "To Do" and priority < High`
  do jira.comment(body = "plain") }
)";
  RunOutcome run = RunRules(rules, PriorityLoweredBody());
  ASSERT_EQ(run.errors, "");
  ASSERT_EQ(run.verdicts.size(), 4u);
  EXPECT_EQ(run.verdicts[0].outcome, RuleOutcome::kMatched);   // became true
  EXPECT_EQ(run.verdicts[1].outcome, RuleOutcome::kRejected);  // true before, not now
  EXPECT_EQ(run.verdicts[2].outcome, RuleOutcome::kRejected);  // already true before
  EXPECT_EQ(run.verdicts[3].outcome, RuleOutcome::kMatched);
  ASSERT_EQ(run.effects.size(), 2u);
  EXPECT_EQ(run.effects[0].args["body"], "now low");
  // A comment on the event's own issue targets it.
  EXPECT_EQ(run.effects[0].target_kind, "jira.issue");
  EXPECT_FALSE(run.effects[0].target_id.empty());
}

TEST(VmTest, ChangedFromTo) {
  RunOutcome run = RunRules(R"(
rule "a" { on jira.issue.updated
  when issue.priority changed from "High" to "Low"
  do jira.comment(body = "a") }
rule "b" { on jira.issue.updated
  when issue.priority changed to "High"
  do jira.comment(body = "b") }
rule "c" { on jira.issue.updated
  when issue.status changed
  do jira.comment(body = "c") }
)",
                     PriorityLoweredBody());
  ASSERT_EQ(run.errors, "");
  ASSERT_EQ(run.effects.size(), 1u);
  EXPECT_EQ(run.effects[0].args["body"], "a");
}

TEST(VmTest, StateIsReusedAcrossEventsWithoutLeaks) {
  testing::CompiledRules compiled = CompileRule(R"(
rule "r" { on pagerduty.incident.triggered
  when incident.urgency == "high"
  do pagerduty.add_note(content = incident.title + " / " + lower(incident.service.name)) }
)");
  ASSERT_EQ(compiled.errors, "");
  std::string body = TriggeredBody();
  Payload payload(body);
  std::optional<EventInfo> event = testing::Decode(payload, body);
  ASSERT_TRUE(event);
  EvalState state(*compiled.program);
  Vm vm;
  size_t capacity = 0;
  for (int i = 0; i < 1000; ++i) {
    std::vector<Effect> effects;
    vm.Run(*compiled.program, state, *event, payload.root, RunOptions{}, &effects);
    ASSERT_EQ(effects.size(), 1u);
    EXPECT_EQ(effects[0].args["content"], "Checkout API returns 502 / checkout api");
    if (i == 10) capacity = state.arena().capacity();
  }
  // The arena stopped growing once warm: no per-event allocation there.
  EXPECT_EQ(state.arena().capacity(), capacity);
}

}  // namespace
}  // namespace syncrule::runtime

namespace syncrule::runtime {
namespace {

// Every example program runs over its own event stream without a rule
// ending in an error or the budget (the exact effects are the CLI tests').
TEST(VmTest, ExamplesRunTheirEvents) {
  for (const char* dir : {"pagerduty-jira-cloud", "pagerduty-jira-server",
                          "flashduty-jira-sync", "gitlab-jira", "alertmanager-jira"}) {
    std::string base = std::string("examples/") + dir;
    std::string rules = testing::ReadSource(base + "/sync.rule");
    if (rules.empty()) continue;
    testing::CompiledRules compiled = testing::CompileRules({{base + "/sync.rule", rules}});
    ASSERT_EQ(compiled.errors, "") << dir;
    EvalState state(*compiled.program);
    Vm vm;
    std::istringstream lines(testing::ReadSource(base + "/events.ndjson"));
    std::string line;
    int events = 0;
    size_t effects_total = 0;
    while (std::getline(lines, line)) {
      if (line.empty()) continue;
      nlohmann::json wrapper = nlohmann::json::parse(line, nullptr, false);
      std::string body = line;
      std::string source;
      if (wrapper.is_object() && wrapper.contains("body") && wrapper.contains("source")) {
        body = wrapper["body"].is_string() ? wrapper["body"].get<std::string>()
                                           : wrapper["body"].dump();
        source = wrapper["source"].get<std::string>();
      }
      Payload payload(body);
      if (!payload.ok) continue;
      RawDelivery delivery;
      delivery.source = source;
      delivery.body = body;
      DecodeResult decoded = DecodeDelivery(delivery, payload.root);
      if (!decoded.decoded()) continue;
      for (const EventInfo& event : decoded.events) {
        std::vector<Effect> effects;
        std::vector<RuleVerdict> verdicts;
        RunOptions options;
        options.now_ms = 1769860800000;
        vm.Run(*compiled.program, state, event, payload.root, options, &effects, &verdicts);
        for (const RuleVerdict& verdict : verdicts) {
          EXPECT_TRUE(verdict.outcome == RuleOutcome::kMatched ||
                      verdict.outcome == RuleOutcome::kRejected)
              << dir << " rule '" << compiled.program->rule(verdict.rule).name << "' on "
              << event.type << ": " << RuleOutcomeName(verdict.outcome) << " "
              << verdict.message;
        }
        effects_total += effects.size();
        ++events;
      }
    }
    std::printf("%s: %d events, %zu effects\n", dir, events, effects_total);
    EXPECT_GT(events, 0) << dir;
  }
}

}  // namespace
}  // namespace syncrule::runtime
