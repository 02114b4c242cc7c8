// The VM's coverage recording (RunOptions::coverage): executed pcs and map
// entry hits, and the same effects with and without a recorder.

#include <gtest/gtest.h>

#include "runtime/coverage.h"
#include "tests/runtime/runtime_test_util.h"

namespace syncrule::runtime {
namespace {

using testing::CompileRule;
using testing::Payload;
using testing::TriggeredBody;


constexpr const char* kRules = R"(
map prio { "P1" => "Highest"  "P2" => "High"  _ => "Medium" }
map urgency { "low" => "Minor" }
rule "opens" {
  on pagerduty.incident.triggered
  when incident.urgency == "high"
  do jira.create_issue(project = "OPS", type = "Bug", summary = incident.title,
                       priority = prio[incident.priority])
}
rule "never" {
  on pagerduty.incident.triggered
  when incident.urgency == "low"
  do jira.comment(body = urgency[incident.urgency])
}
)";

// Runs every rule on the triggered payload with `options`.
std::vector<Effect> RunTriggered(const Program& program, const RunOptions& options) {
  std::string body = TriggeredBody();
  Payload payload(body);
  std::optional<EventInfo> event = testing::Decode(payload, body);
  EXPECT_TRUE(event.has_value());
  std::vector<Effect> effects;
  if (!event) return effects;
  EvalState state(program);
  Vm().Run(program, state, *event, payload.root, options, &effects);
  return effects;
}

TEST(CoverageTest, RecordsExecutedPcsAndMapHits) {
  testing::CompiledRules compiled = CompileRule(kRules);
  ASSERT_EQ(compiled.errors, "");
  const Program& program = *compiled.program;
  CoverageRecorder recorder(program);
  RunOptions options;
  options.coverage = &recorder;
  std::vector<Effect> recorded = RunTriggered(program, options);
  std::vector<Effect> plain = RunTriggered(program, RunOptions{});
  ASSERT_EQ(recorded.size(), 1u);
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(recorded[0].args, plain[0].args);

  // Rule "opens" ran to its RETURN; rule "never" stopped at its REJECT and
  // never reached its EFFECT.
  auto ran = [&](int rule, Opcode op) {
    for (uint32_t pc = program.rule(rule).code_begin; pc < program.rule(rule).code_end; ++pc) {
      if (OpOf(program.code()[pc]) == op && recorder.WasExecuted(pc)) return true;
    }
    return false;
  };
  EXPECT_TRUE(ran(0, Opcode::kRETURN));
  EXPECT_TRUE(ran(0, Opcode::kEFFECT));
  EXPECT_TRUE(ran(1, Opcode::kREJECT));
  EXPECT_FALSE(ran(1, Opcode::kEFFECT));
  EXPECT_FALSE(ran(1, Opcode::kRETURN));

  EXPECT_TRUE(recorder.WasKeyHit(0, "P1"));
  EXPECT_FALSE(recorder.WasKeyHit(0, "P2"));
  EXPECT_FALSE(recorder.WasDefaultHit(0));
  EXPECT_FALSE(recorder.WasKeyHit(1, "low"));
}

}  // namespace
}  // namespace syncrule::runtime
