// Every vendor-integration example runs through `syncrule run` on its own
// stream of real-shaped webhook payloads and must produce exactly the
// effects in its expected.ndjson (reviewed by hand; see each sync.rule for
// which vendor behaviour each effect demonstrates).

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/cli/cli_test_util.h"

namespace syncrule::testing {
namespace {

class ExampleTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ExampleTest, ProducesExactlyTheExpectedEffects) {
  std::string dir = SourcePath(std::string("examples/") + GetParam());
  RunResult run = RunSyncrule("run " + dir + " --events " + dir +
                              "/events.ndjson --now 2026-01-31T12:00:00Z");
  ASSERT_EQ(run.exit_code, 0);
  std::string expected = ReadFile(dir + "/expected.ndjson");
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(run.out, expected);
}

TEST_P(ExampleTest, ChecksCleanly) {
  RunResult run = RunSyncrule(std::string("check ") + SourcePath(std::string("examples/") + GetParam()), "", true);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("0 error(s), 0 warning(s)"), std::string::npos) << run.out;
}

INSTANTIATE_TEST_SUITE_P(Vendors, ExampleTest,
                         ::testing::Values("pagerduty-jira-cloud", "pagerduty-jira-server", "features",
                                           "flashduty-jira-sync", "gitlab-jira",
                                           "alertmanager-jira"));

TEST(ExampleFireTest, ManualRuleCreatesAnIssueOnDemand) {
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  RunResult run = RunSyncrule("fire 'manual: create a Jira issue from this incident' --rules " + dir +
                              " --event " + dir + "/manual-event.json --now 2026-01-31T12:00:00Z");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("\"summary\":\"[manual] Nightly report is late\""), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"action\":\"jira.create_issue\""), std::string::npos);
}

TEST(ExampleFireTest, UnknownRuleIsAUsageError) {
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  RunResult run = RunSyncrule("fire 'no such rule' --rules " + dir + " --event " + dir + "/manual-event.json", "", true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("no rule is named \"no such rule\""), std::string::npos) << run.out;
}

// A replay that repeats deliveries lists the first skipped creates and
// counts the rest, instead of a note per skip.
TEST(RunSkipNotesTest, ManySkippedCreatesAreCountedNotListed) {
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  std::ifstream in(dir + "/events.ndjson");
  std::string first;
  std::getline(in, first);  // incident.triggered: creates an issue, then links it
  std::string replay;
  for (int k = 0; k < 30; ++k) replay += first + "\n";
  RunResult run = RunSyncrule("run " + dir + " --events - --now 2026-01-31T12:00:00Z", replay,
                              /*merge_stderr=*/true);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  size_t listed = 0;
  for (size_t at = run.out.find("note: rule"); at != std::string::npos;
       at = run.out.find("note: rule", at + 1)) {
    ++listed;
  }
  EXPECT_EQ(listed, 20u) << run.out;
  EXPECT_NE(run.out.find("note: 9 more creates were skipped"), std::string::npos) << run.out;
}

TEST(RunExplainTest, NamesTheFirstFailingClause) {
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  std::string line = ReadFile(dir + "/events.ndjson");
  line = line.substr(line.find('\n') + 1);
  line = line.substr(0, line.find('\n'));  // Q2: a low-urgency incident.
  RunResult run = RunSyncrule("run " + dir + " --events - --explain", line + "\n", true);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("rule \"automatic: high-urgency incidents open OPS issues\": rejected at "),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find("when incident.urgency == \"high\""), std::string::npos) << run.out;
}

// Returns line `n` (1-based) of `text`.
std::string LineOf(const std::string& text, int n) {
  std::istringstream in(text);
  std::string line;
  for (int k = 0; k < n && std::getline(in, line); ++k) {
  }
  return line;
}

// Returns the clauses --explain points at for rule `rule`, one per
// rejection: the text from the caret's column of the printed source line.
std::vector<std::string> ExplainedClauses(const std::string& out, const std::string& rule) {
  std::vector<std::string> clauses;
  std::string marker = "rule \"" + rule + "\": rejected at ";
  for (size_t at = out.find(marker); at != std::string::npos; at = out.find(marker, at + 1)) {
    std::istringstream in(out.substr(at));
    std::string header, source, caret;
    std::getline(in, header);
    std::getline(in, source);
    std::getline(in, caret);
    size_t column = caret.find('^');
    clauses.push_back(column < source.size() ? source.substr(column) : "");
  }
  return clauses;
}

// Returns the clause of the first rejection of `rule`, or "".
std::string ExplainedClause(const std::string& out, const std::string& rule) {
  std::vector<std::string> clauses = ExplainedClauses(out, rule);
  return clauses.empty() ? "" : clauses.front();
}

// Returns true when some rejection of `rule` points at text starting with `prefix`.
bool SomeClauseStartsWith(const std::string& out, const std::string& rule,
                          const std::string& prefix) {
  for (const std::string& clause : ExplainedClauses(out, rule)) {
    if (clause.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

TEST(RunExplainTest, NamesTheFailingJqlClauseInsideTheBackticks) {
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  std::string events = ReadFile(dir + "/events.ndjson");
  // WEB-77 is in another project; SRE-202 is in SRE with a low priority.
  RunResult web = RunSyncrule("run " + dir + " --events - --explain", LineOf(events, 9) + "\n", true);
  EXPECT_EQ(ExplainedClause(web.out, "critical SRE issues page the on-call").rfind("project = SRE", 0), 0u)
      << web.out;
  RunResult sre = RunSyncrule("run " + dir + " --events - --explain", LineOf(events, 10) + "\n", true);
  EXPECT_EQ(ExplainedClause(sre.out, "critical SRE issues page the on-call")
                .rfind("priority IN (High, Highest)", 0), 0u)
      << sre.out;
}

TEST(RunExplainTest, NamesTheFailingConditionOfAWhen) {
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  std::string events = ReadFile(dir + "/events.ndjson");
  RunResult run = RunSyncrule("run " + dir + " --events - --explain", LineOf(events, 2) + "\n", true);
  EXPECT_EQ(ExplainedClause(run.out, "automatic: high-urgency incidents open OPS issues")
                .rfind("incident.urgency == \"high\"", 0), 0u)
      << run.out;
}

TEST(RunExplainTest, NamesTheFailingConjunctOfAWhen) {
  std::string dir = ::testing::TempDir() + "/explain_XXXXXX";
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  std::ofstream(dir + "/r.rule")
      << "rule \"db incidents\" {\n"
         "  on pagerduty.incident.triggered\n"
         "  when incident.urgency == \"high\" and incident.title matches \"(?i)database\"\n"
         "  do pagerduty.add_note(incident = incident.id, content = \"db\")\n"
         "}\n";
  std::string events = ReadFile(SourcePath("examples/pagerduty-jira-cloud/events.ndjson"));
  // Q1 is high urgency; its title names no database.
  RunResult run = RunSyncrule("run " + dir + " --events - --explain", LineOf(events, 1) + "\n", true);
  EXPECT_EQ(ExplainedClause(run.out, "db incidents").rfind("incident.title matches", 0), 0u) << run.out;
}

TEST(RunChangedTest, GitlabChangesObjectAnswersChangedFromTo) {
  std::string dir = ::testing::TempDir() + "/changed_XXXXXX";
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  std::ofstream(dir + "/r.rule")
      << "rule \"locked to merged\" {\n  on gitlab.merge_request\n"
         "  when merge_request.state changed from \"locked\" to \"merged\"\n"
         "  do gitlab.comment(body = \"state\")\n}\n"
         "rule \"labels changed\" {\n  on gitlab.merge_request\n"
         "  when merge_request.labels changed\n  do gitlab.comment(body = \"labels\")\n}\n"
         "rule \"title changed\" {\n  on gitlab.merge_request\n"
         "  when merge_request.title changed\n  do gitlab.comment(body = \"title\")\n}\n"
         "rule \"from opened\" {\n  on gitlab.merge_request\n"
         "  when merge_request.state changed from \"opened\"\n  do gitlab.comment(body = \"opened\")\n}\n";
  // go-gitlab's merge request hook: state_id 4 (locked) -> 3 (merged), and
  // its labels changed; its title did not.
  std::string body = ReadFile(SourcePath("tests/fixtures/gitlab/webhooks_go_gitlab/merge_request.json"));
  for (char& c : body) if (c == '\n') c = ' ';
  std::string envelope = "{\"source\": \"gitlab\", \"headers\": {\"X-Gitlab-Event\": "
                         "\"Merge Request Hook\"}, \"body\": " + body + "}";
  RunResult run = RunSyncrule("run " + dir + " --events -", envelope + "\n");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("\"rule\":\"locked to merged\""), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"rule\":\"labels changed\""), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("\"rule\":\"title changed\""), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("\"rule\":\"from opened\""), std::string::npos) << run.out;
}

TEST(RunExplainTest, BecomesTrueRejectionPointsAtBecomes) {
  std::string dir = SourcePath("examples/pagerduty-jira-server");
  RunResult run = RunSyncrule("run " + dir + " --events " + dir + "/events.ndjson --explain", "", true);
  EXPECT_TRUE(SomeClauseStartsWith(run.out, "urgent OPS issues page when they start to match",
                                   "becomes true"))
      << run.out;
}

TEST(RunTest, EnvelopeLinesCarryTheSource) {
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  std::string body = ReadFile(dir + "/manual-event.json");
  std::string envelope = "{\"source\": \"pagerduty\", \"headers\": {}, \"body\": " + body + "}";
  for (char& c : envelope) if (c == '\n') c = ' ';
  RunResult run = RunSyncrule("run " + dir + " --events -", envelope + "\n", true);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("1 events"), std::string::npos) << run.out;
}

TEST(RunTest, UndecodableLinesAreReportedWithTheirLine) {
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  RunResult run = RunSyncrule("run " + dir + " --events -", "{\"hello\": 1}\nnot json\n", true);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("-:1: skipped:"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("-:2: skipped: the body is not valid JSON"), std::string::npos) << run.out;
}

TEST(CheckTest, ReportsErrorsWithCaretAndExitsOne) {
  std::string path = ::testing::TempDir() + "/bad.rule";
  std::ofstream(path) << "rule \"x\" {\n  on pagerduty.incident.trigered\n  do jira.comment(body = \"hi\")\n}\n";
  RunResult run = RunSyncrule("check " + path, "", true);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("bad.rule:2:6: error["), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("pagerduty.incident.triggered"), std::string::npos) << run.out;
}

TEST(CompileTest, WritesAModuleThatDisassembles) {
  std::string module = ::testing::TempDir() + "/gitlab.srb";
  RunResult compile = RunSyncrule("compile " + SourcePath("examples/gitlab-jira") + " -o " + module, "", true);
  ASSERT_EQ(compile.exit_code, 0) << compile.out;
  RunResult disasm = RunSyncrule("disasm " + module);
  EXPECT_EQ(disasm.exit_code, 0);
  EXPECT_NE(disasm.out.find("commit mentions comment on the issue"), std::string::npos);
  std::ofstream(module, std::ios::app) << "garbage";
  RunResult corrupt = RunSyncrule("disasm " + module, "", true);
  EXPECT_EQ(corrupt.exit_code, 1) << corrupt.out;
}

}  // namespace
}  // namespace syncrule::testing
