// `syncrule lint` on the command line: exit codes, --fail-on, and the text,
// JSON, GitHub and JUnit formats (SARIF is validated against its schema by
// tests/cli/sarif_schema_test.py).

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "tests/cli/cli_test_util.h"

namespace syncrule::testing {
namespace {

std::string LintFile(const std::string& name) { return SourcePath("tests/lang/lint/" + name); }

TEST(LintCliTest, ErrorsFailAndTextShowsTheCaret) {
  RunResult run = RunSyncrule("lint " + LintFile("values.rule"));
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("error[SL301]: The label \"on call\" holds whitespace"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("^^^^"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("1 file(s): 3 error(s), 0 warning(s)"), std::string::npos) << run.out;
}

TEST(LintCliTest, WarningsFailOnlyWhenAsked) {
  std::string file = LintFile("maps.rule");
  EXPECT_EQ(RunSyncrule("lint " + file).exit_code, 0);
  EXPECT_EQ(RunSyncrule("lint --fail-on warning " + file).exit_code, 1);
  EXPECT_EQ(RunSyncrule("lint --fail-on never " + LintFile("values.rule")).exit_code, 0);
}

TEST(LintCliTest, TheExamplesAreClean) {
  for (const char* dir : {"pagerduty-jira-cloud", "pagerduty-jira-server", "flashduty-jira-sync",
                          "gitlab-jira", "alertmanager-jira", "features"}) {
    RunResult run = RunSyncrule(std::string("lint --fail-on note ") +
                                SourcePath(std::string("examples/") + dir));
    EXPECT_EQ(run.exit_code, 0) << dir << "\n" << run.out;
  }
}

TEST(LintCliTest, JsonListsEveryFindingWithItsPosition) {
  RunResult run = RunSyncrule("lint --format json " + LintFile("structure.rule"));
  EXPECT_EQ(run.exit_code, 0);
  nlohmann::json report = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(report.is_object()) << run.out;
  ASSERT_EQ(report["findings"].size(), 2u) << run.out;
  const nlohmann::json& shadowed = report["findings"][0];
  EXPECT_EQ(shadowed["code"], "SL403");
  EXPECT_EQ(shadowed["line"], 14);
  EXPECT_EQ(report["findings"][1]["code"], "SL404");
  EXPECT_FALSE(report["findings"][1]["fixes"].empty()) << run.out;
}

// A rule outside any loop that reaches a dense group of rules which all
// trigger each other must not use up the loop search before the group is
// looked at (it did: the search from the outside rule walked every path
// through the group, found no loop back to it, and reported nothing).
TEST(LintCliTest, LoopsAreFoundBehindADenseGroupOfRules) {
  std::string rules =
      "rule \"a0\" {\n  on jira.issue.updated\n  match jql `project = OPS` becomes true\n"
      "  do pagerduty.add_note(content = \"x\")\n}\n";
  for (int b = 1; b <= 15; ++b) {
    rules += "rule \"b" + std::to_string(b) +
             "\" {\n  on pagerduty.incident.annotated\n  do pagerduty.add_note(content = \"x\")\n}\n";
  }
  std::string path = ::testing::TempDir() + "/dense_loops.rule";
  std::ofstream(path) << rules;
  RunResult run = RunSyncrule("lint --format json " + path);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  nlohmann::json report = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(report.is_object()) << run.out;
  int loops = 0;
  for (const nlohmann::json& finding : report["findings"]) loops += finding["code"] == "SL501";
  EXPECT_GT(loops, 0) << run.out;
}

TEST(LintCliTest, GithubAnnotationsAreWorkflowCommands) {
  RunResult run = RunSyncrule("lint --format github " + LintFile("loops.rule"));
  EXPECT_EQ(run.exit_code, 1);
  std::istringstream lines(run.out);
  std::string line;
  int annotations = 0;
  static const std::regex kCommand(
      R"(^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=SL\d+::.+$)");
  while (std::getline(lines, line)) {
    EXPECT_TRUE(std::regex_match(line, kCommand)) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos);
    ++annotations;
  }
  EXPECT_EQ(annotations, 4) << run.out;  // three loops and one re-firing match
  // Notes ride along, escaped, in the message.
  EXPECT_NE(run.out.find("%0Abreak it in one of the rules"), std::string::npos) << run.out;
}

TEST(LintCliTest, JunitHasOneCasePerFileAndFailsOnErrors) {
  RunResult run = RunSyncrule("lint --format junit " + LintFile("values.rule"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("<?xml"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("<testcase"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("<failure"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("SL301"), std::string::npos) << run.out;
  RunResult clean = RunSyncrule("lint --format junit " + SourcePath("examples/gitlab-jira"));
  EXPECT_EQ(clean.exit_code, 0);
  EXPECT_EQ(clean.out.find("<failure"), std::string::npos) << clean.out;
}

TEST(LintCliTest, CompilerErrorsAreFindingsToo) {
  RunResult run = RunSyncrule("lint " + SourcePath("tests/golden/diagnostics/types.rule"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("error[SR101]"), std::string::npos) << run.out;
}

TEST(LintCliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(RunSyncrule("lint --format yaml " + LintFile("values.rule")).exit_code, 2);
  EXPECT_EQ(RunSyncrule("lint /no/such/dir").exit_code, 2);
  EXPECT_EQ(RunSyncrule("lint").exit_code, 2);
}

}  // namespace
}  // namespace syncrule::testing
