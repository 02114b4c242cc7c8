// `syncrule test`: the rule test runner, run as the real binary on small
// rule files and test files written into a temporary directory, with the
// PagerDuty payloads of examples/pagerduty-jira-cloud/events.ndjson:
// line 1 triggers Q1CHECKOUT502 (high urgency, P1), line 2 triggers
// Q2LOWURGENCY (low urgency, P4), line 3 acknowledges Q1CHECKOUT502.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "tests/cli/cli_test_util.h"

namespace syncrule::testing {
namespace {

namespace fs = std::filesystem;

// Two rules, five clauses and a map of three entries; the coverage tests
// count them by hand.
constexpr const char* kRules = R"(map sev {
  "P1" => "Highest"
  "P2" => "High"
  _ => "Low"
}

rule "high urgency opens an issue" {
  on pagerduty.incident.triggered
  when incident.urgency == "high"
  let p = sev[incident.priority]
  do jira.create_issue(project = "OPS", type = "Bug", summary = incident.title, priority = p)
}

rule "acknowledged incidents are noted" {
  on pagerduty.incident.acknowledged
  when linked(jira.issue)
  do jira.comment(body = "acked")
}
)";

// The effect line 1 gives, written for an `exact` expectation.
constexpr const char* kCreateEffect = R"(        - rule: high urgency opens an issue
          action: jira.create_issue
          args: {project: OPS, type: Bug, summary: Checkout API returns 502, priority: Highest}
          target: {kind: jira.issue, id: pending-jira-issue-1}
)";

// A directory with the rules, fresh for each test.
class RuleTestCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir() + "/ruletest_" + info->name()).lexically_normal().string();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Write("sync.rule", kRules);
  }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name) << text;
  }

  // Writes a test file whose cases are `cases` (YAML list items).
  std::string WriteTests(const std::string& cases, const std::string& name = "t.ruletest.yaml") {
    Write(name, "now: 2026-01-31T12:00:00Z\ntests:\n" + cases);
    return dir_ + "/" + name;
  }

  // Returns an `events` entry for line `n` of the example payloads.
  static std::string Event(int n) {
    return SourcePath("examples/pagerduty-jira-cloud/events.ndjson") + "#" + std::to_string(n);
  }

  std::string dir_;
};

TEST_F(RuleTestCommand, PassingCasesExitZero) {
  std::string cases = "  - name: P1 opens an issue\n    events: [" + Event(1) +
                      "]\n    expect:\n      exact:\n" + kCreateEffect +
                      "  - name: low urgency opens nothing\n    events: [" + Event(2) +
                      "]\n    expect: none\n";
  RunResult run = RunSyncrule("test " + WriteTests(cases), "", true);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("PASS  P1 opens an issue"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("PASS  low urgency opens nothing"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("2 tests, 2 passed, 0 failed"), std::string::npos) << run.out;
}

TEST_F(RuleTestCommand, NearMissShowsTheDifferingKeys) {
  std::string effect = kCreateEffect;
  effect.replace(effect.find("priority: Highest"), 17, "priority: High");
  std::string cases = "  - name: wrong priority\n    events: [" + Event(1) +
                      "]\n    expect:\n      exact:\n" + effect;
  RunResult run = RunSyncrule("test " + WriteTests(cases), "", true);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("FAIL  wrong priority  (" + dir_ + "/t.ruletest.yaml:3:5, exact)"),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find("missing effect 1:"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("closest actual effect 1 differs:"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("args.priority: expected \"High\", actual \"Highest\""), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("1 tests, 0 passed, 1 failed"), std::string::npos) << run.out;
}

TEST_F(RuleTestCommand, ExactNeedsEveryKeyAndNoOtherEffects) {
  std::string cases = "  - name: target left out\n    events: [" + Event(1) +
                      "]\n    expect:\n      exact:\n"
                      "        - rule: high urgency opens an issue\n"
                      "          action: jira.create_issue\n"
                      "          args: {project: OPS, type: Bug, summary: Checkout API returns 502,"
                      " priority: Highest}\n"
                      "  - name: nothing expected\n    events: [" + Event(1) +
                      "]\n    expect: {exact: []}\n";
  RunResult run = RunSyncrule("test " + WriteTests(cases), "", true);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("target: not expected, actual {\"id\":\"pending-jira-issue-1\""),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find("expected no effects"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("unexpected effect 1: {\"action\":\"jira.create_issue\""),
            std::string::npos) << run.out;
}

TEST_F(RuleTestCommand, SubsetMatchesTheGivenKeysOnly) {
  std::string cases = "  - name: subset passes\n    events: [" + Event(1) +
                      "]\n    expect:\n      subset:\n"
                      "        - {action: jira.create_issue, args: {priority: Highest}}\n"
                      "  - name: subset fails\n    events: [" + Event(1) +
                      "]\n    expect:\n      subset:\n"
                      "        - {action: jira.create_issue, args: {priority: Low}}\n";
  RunResult run = RunSyncrule("test " + WriteTests(cases), "", true);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("PASS  subset passes"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("FAIL  subset fails"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("args.priority: expected \"Low\", actual \"Highest\""), std::string::npos)
      << run.out;
}

TEST_F(RuleTestCommand, NoneFailsOnAnyEffect) {
  std::string cases = "  - name: expects silence\n    events: [" + Event(1) +
                      "]\n    expect: none\n";
  RunResult run = RunSyncrule("test " + WriteTests(cases), "", true);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("FAIL  expects silence"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("unexpected effect 1:"), std::string::npos) << run.out;
}

TEST_F(RuleTestCommand, LinksAndInlineEventsAndOrder) {
  // With Q1 already linked to OPS-7 the create is skipped and the
  // acknowledgement is noted on OPS-7.
  std::string cases = "  - name: linked\n    events: [" + Event(3) +
                      "]\n    links:\n      - {pagerduty.incident: Q1CHECKOUT502, jira.issue: OPS-7}\n"
                      "    expect:\n      exact:\n"
                      "        - rule: acknowledged incidents are noted\n"
                      "          action: jira.comment\n"
                      "          args: {body: acked}\n"
                      "          target: {kind: jira.issue, id: OPS-7}\n"
                      "  - name: inline payload that no connector knows\n"
                      "    events:\n      - {hello: 1}\n    expect: none\n";
  RunResult run = RunSyncrule("test " + WriteTests(cases), "", true);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("PASS  linked"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ERROR inline payload that no connector knows"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("event inline event 1 did not run:"), std::string::npos) << run.out;
}

TEST_F(RuleTestCommand, EffectsInAnotherOrderFailExact) {
  // Trigger (create) then acknowledge (comment) on the new placeholder.
  std::string cases = "  - name: swapped\n    events: [" + Event(1) + ", " + Event(3) +
                      "]\n    expect:\n      exact:\n"
                      "        - rule: acknowledged incidents are noted\n"
                      "          action: jira.comment\n"
                      "          args: {body: acked}\n"
                      "          target: {kind: jira.issue, id: pending-jira-issue-1}\n" +
                      kCreateEffect;
  RunResult run = RunSyncrule("test " + WriteTests(cases), "", true);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("in another order"), std::string::npos) << run.out;
}

// Bad test files: exit 2 with the position of the problem.
struct BadFile {
  const char* text;
  const char* location;
  const char* message;
};

class BadTestFile : public RuleTestCommand, public ::testing::WithParamInterface<BadFile> {};

TEST_P(BadTestFile, IsAUsageErrorWithItsLocation) {
  Write("events.ndjson", "{}\n");
  Write("bad.ruletest.yaml", GetParam().text);
  RunResult run = RunSyncrule("test " + dir_ + "/bad.ruletest.yaml", "", true);
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find(dir_ + "/bad.ruletest.yaml:" + GetParam().location + ": "),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find(GetParam().message), std::string::npos) << run.out;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadTestFile,
    ::testing::Values(
        BadFile{"tests:\n  - name: a\n    events: [events.ndjson]\n    expcet: none\n", "4:5",
                "unknown key 'expcet' in a test case"},
        BadFile{"tests:\n  - name: a\n    events: [events.ndjson\n", "4:1", "not valid YAML"},
        BadFile{"tests:\n  - name: a\n    events: [missing.json]\n    expect: none\n", "3:14",
                "missing.json"},
        BadFile{"tests:\n  - name: a\n    events: [events.ndjson#9]\n    expect: none\n", "3:14",
                "has 1 lines, not 9"},
        BadFile{"tests:\n  - name: a\n    events: [events.ndjson]\n    expect: {some: []}\n",
                "4:14", "unknown key 'some' in 'expect'"},
        BadFile{"tests:\n  - name: a\n    events: [events.ndjson]\n", "2:5", "needs 'expect'"},
        BadFile{"tests:\n  - name: a\n    now: yesterday\n    events: [events.ndjson]\n"
                "    expect: none\n",
                "3:10", "'now' is not an ISO 8601 instant: 'yesterday'"},
        BadFile{"tz: Mars/Base\ntests:\n  - name: a\n    events: [events.ndjson]\n"
                "    expect: none\n",
                "1:5", "'tz' is not a known time zone"},
        BadFile{"tests:\n  - name: a\n    events: [events.ndjson]\n    links: [{a.b: x}]\n"
                "    expect: none\n",
                "4:13", "a link is a map of two entities"},
        BadFile{"tests: 3\n", "1:8", "needs 'tests'"},
        BadFile{"- just a list\n", "1:1", "a test file must be a map"}));

// Returns true when `xml` nests its elements properly: every start tag is
// closed in order, attribute values are quoted, and text holds no raw '<'.
bool WellFormed(const std::string& xml) {
  std::vector<std::string> open;
  size_t i = 0;
  if (xml.rfind("<?xml", 0) == 0) i = xml.find("?>") + 2;
  while ((i = xml.find('<', i)) != std::string::npos) {
    size_t end = i + 1;
    char quote = 0;
    while (end < xml.size() && (quote != 0 || xml[end] != '>')) {
      if (quote == 0 && (xml[end] == '"' || xml[end] == '\'')) {
        quote = xml[end];
      } else if (quote != 0 && xml[end] == quote) {
        quote = 0;
      } else if (quote != 0 && xml[end] == '<') {
        return false;
      }
      ++end;
    }
    if (end >= xml.size()) return false;
    std::string tag = xml.substr(i + 1, end - i - 1);
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return false;
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find(' ')));
    }
    i = end + 1;
  }
  return open.empty();
}

TEST_F(RuleTestCommand, JunitOutputIsWellFormedAndEscaped) {
  std::string effect = kCreateEffect;
  effect.replace(effect.find("priority: Highest"), 17, "priority: \"<High & \\\"Low\\\">\"");
  std::string cases = "  - name: \"passes <& 'quoted'>\"\n    events: [" + Event(2) +
                      "]\n    expect: none\n  - name: fails\n    events: [" + Event(1) +
                      "]\n    expect:\n      exact:\n" + effect;
  std::string file = WriteTests(cases);
  RunResult run = RunSyncrule("test --format junit " + file);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_TRUE(WellFormed(run.out)) << run.out;
  EXPECT_NE(run.out.find(R"(<testsuites name="syncrule test" tests="2" failures="1" errors="0")"),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find(R"(<testcase name="passes &lt;&amp; &apos;quoted&apos;&gt;")"),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find(R"(<failure message="the effects differ">)"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("expected &quot;&lt;High &amp; \\&quot;Low\\&quot;&gt;&quot;"),
            std::string::npos) << run.out;
  if (std::system("command -v xmllint >/dev/null 2>&1") == 0) {
    std::string xml = dir_ + "/report.xml";
    std::ofstream(xml) << run.out;
    EXPECT_EQ(std::system(("xmllint --noout " + xml).c_str()), 0);
  }
}

// Returns the coverage line that starts with `what` ("rules").
std::string CoverageLine(const std::string& out, const std::string& what) {
  size_t at = out.find("\n  " + what + " ");
  if (at == std::string::npos) return "";
  return out.substr(at + 1, out.find('\n', at + 1) - at - 1);
}

TEST_F(RuleTestCommand, CoverageCountsRulesClausesAndMapEntries) {
  // Line 1 (high urgency, P1) runs rule 1 to its end: its `when`, `let` and
  // `do`, and the map's "P1". Rule 2 never runs. So rules 1/2 = 50%,
  // clauses 3/5 = 60%, map entries 1/3 = 33.3%.
  std::string cases = "  - name: P1\n    events: [" + Event(1) +
                      "]\n    expect:\n      subset: [{action: jira.create_issue}]\n";
  std::string file = WriteTests(cases);
  RunResult run = RunSyncrule("test --coverage " + file, "", true);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(CoverageLine(run.out, "rules").find("1/2"), std::string::npos) << run.out;
  EXPECT_NE(CoverageLine(run.out, "rules").find(" 50.0%"), std::string::npos) << run.out;
  EXPECT_NE(CoverageLine(run.out, "clauses").find("3/5"), std::string::npos) << run.out;
  EXPECT_NE(CoverageLine(run.out, "clauses").find(" 60.0%"), std::string::npos) << run.out;
  EXPECT_NE(CoverageLine(run.out, "map entries").find("1/3"), std::string::npos) << run.out;
  EXPECT_NE(CoverageLine(run.out, "map entries").find(" 33.3%"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("sync.rule:16:3: `when` in rule \"acknowledged incidents are noted\""),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find("map sev: \"P2\", _"), std::string::npos) << run.out;

  EXPECT_EQ(RunSyncrule("test --threshold 50 " + file).exit_code, 0);
  RunResult below = RunSyncrule("test --threshold 60 " + file, "", true);
  EXPECT_EQ(below.exit_code, 1) << below.out;
  EXPECT_NE(below.out.find("below the threshold of 60%"), std::string::npos) << below.out;
}

TEST_F(RuleTestCommand, CoverageOfAFalseWhenAndOfEveryClause) {
  // Line 2 (low urgency): rule 1's `when` runs and is false, so the `let`
  // and `do` after it do not run. Then line 3 with a link runs rule 2 to
  // its end. Clauses: when (rule 1), when and do (rule 2) = 3/5; rules 1/2.
  std::string cases = "  - name: low\n    events: [" + Event(2) +
                      "]\n    expect: none\n  - name: acked\n    events: [" + Event(3) +
                      "]\n    links: [{pagerduty.incident: Q1CHECKOUT502, jira.issue: OPS-7}]\n"
                      "    expect:\n      subset: [{action: jira.comment}]\n";
  RunResult run = RunSyncrule("test --coverage " + WriteTests(cases), "", true);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(CoverageLine(run.out, "rules").find("1/2"), std::string::npos) << run.out;
  EXPECT_NE(CoverageLine(run.out, "clauses").find("3/5"), std::string::npos) << run.out;
  EXPECT_NE(CoverageLine(run.out, "map entries").find("0/3"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("sync.rule:10:3: `let` in rule \"high urgency opens an issue\""),
            std::string::npos) << run.out;
}

TEST_F(RuleTestCommand, ALoopBodyAfterAFalseWhenIsNotCovered) {
  // The loop's back edge carries the position of the body's last clause
  // (the `do`), and the false `when` jumps to it: that must not count.
  // Clauses: for, when, do; the `do` never runs, so 2/3; the rule still
  // runs to its end, so 1/1.
  Write("sync.rule",
        "rule \"loop\" {\n  on gitlab.push\n  for c in push.commits limit 10 {\n"
        "    when c.message == \"never\"\n"
        "    do jira.comment(issue = \"OPS-1\", body = c.message)\n  }\n}\n");
  std::string cases = "  - name: push\n    events: [" +
                      SourcePath("examples/gitlab-jira/events.ndjson") +
                      "#1]\n    expect: none\n";
  RunResult run = RunSyncrule("test --coverage " + WriteTests(cases), "", true);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(CoverageLine(run.out, "rules").find("1/1"), std::string::npos) << run.out;
  EXPECT_NE(CoverageLine(run.out, "clauses").find("2/3"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("sync.rule:5:5: `do` in rule \"loop\" never ran"), std::string::npos)
      << run.out;
}

TEST_F(RuleTestCommand, FireRunsAManualRule) {
  Write("manual.rule",
        "rule \"by hand\" {\n  manual\n  on pagerduty.incident.triggered\n"
        "  do jira.create_issue(project = \"OPS\", type = \"Task\", summary = incident.title)\n}\n");
  std::string cases = "  - name: fired\n    fire: by hand\n    events: [" + Event(2) +
                      "]\n    expect:\n      exact:\n"
                      "        - rule: by hand\n          action: jira.create_issue\n"
                      "          args: {project: OPS, type: Task, summary: Nightly report is late}\n"
                      "          target: {kind: jira.issue, id: pending-jira-issue-1}\n"
                      "  - name: not fired\n    events: [" + Event(2) + "]\n    expect: none\n";
  RunResult run = RunSyncrule("test " + WriteTests(cases), "", true);
  EXPECT_EQ(run.exit_code, 0) << run.out;
}

TEST_F(RuleTestCommand, LinkedEntitiesCarryTheirFields) {
  Write("sync.rule",
        "rule \"in progress issues hear of acknowledgements\" {\n"
        "  on pagerduty.incident.acknowledged\n"
        "  when linked(jira.issue).status == \"In Progress\"\n"
        "  do jira.comment(body = \"acknowledged\")\n}\n");
  std::string cases = "  - name: status known\n    events: [" + Event(3) +
                      "]\n    links:\n      - pagerduty.incident: Q1CHECKOUT502\n"
                      "        jira.issue: {id: OPS-7, status: In Progress}\n"
                      "    expect:\n      subset: [{action: jira.comment, target: {id: OPS-7}}]\n"
                      "  - name: status unknown\n    events: [" + Event(3) +
                      "]\n    links: [{pagerduty.incident: Q1CHECKOUT502, jira.issue: OPS-7}]\n"
                      "    expect: none\n";
  RunResult run = RunSyncrule("test " + WriteTests(cases), "", true);
  EXPECT_EQ(run.exit_code, 0) << run.out;
}

TEST_F(RuleTestCommand, DirectoriesAreSearchedForTestFiles) {
  WriteTests("  - name: a\n    events: [" + Event(2) + "]\n    expect: none\n", "a.ruletest.yaml");
  WriteTests("  - name: b\n    events: [" + Event(2) + "]\n    expect: none\n", "b.ruletest.yaml");
  RunResult run = RunSyncrule("test " + dir_, "", true);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("2 tests, 2 passed"), std::string::npos) << run.out;
  EXPECT_EQ(RunSyncrule("test " + dir_ + "/nothing-here").exit_code, 2);
}

}  // namespace
}  // namespace syncrule::testing
