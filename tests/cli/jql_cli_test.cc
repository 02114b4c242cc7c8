// End-to-end tests of `syncrule jql validate|eval|fmt`: output shapes, exit
// codes, and errors in arguments and files.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/cli/cli_test_util.h"

namespace syncrule::testing {
namespace {

const std::string kIssues = SourcePath("examples/jql/issues.ndjson");
const std::string kNow = " --now 2026-01-31T12:00:00Z";

TEST(JqlValidateCliTest, PrintsOneJsonResultPerQueryLine) {
  RunResult run = RunSyncrule("jql validate -",
                              "\"project = SRE\"\n{\"query\": \"project = select\"}\n");
  EXPECT_EQ(run.exit_code, 1);
  std::istringstream lines(run.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  auto a = nlohmann::json::parse(first);
  auto b = nlohmann::json::parse(second);
  EXPECT_TRUE(a["valid"].get<bool>());
  EXPECT_TRUE(a["diagnostics"].empty());
  EXPECT_FALSE(b["valid"].get<bool>());
  EXPECT_EQ(b["diagnostics"][0]["code"], "JQL003");
  EXPECT_EQ(b["diagnostics"][0]["line"], 1);
  EXPECT_EQ(b["diagnostics"][0]["column"], 11);
}

TEST(JqlValidateCliTest, ExitsZeroWhenEveryQueryIsValid) {
  RunResult run = RunSyncrule("jql validate", "\"status = Open\"\n\"priority > Low\"\n");
  EXPECT_EQ(run.exit_code, 0);
}

TEST(JqlValidateCliTest, ReportsSemanticErrors) {
  RunResult run = RunSyncrule("jql validate", "\"priorty = High\"\n");
  EXPECT_EQ(run.exit_code, 1);
  auto result = nlohmann::json::parse(run.out);
  EXPECT_FALSE(result["valid"].get<bool>());
  EXPECT_NE(result["diagnostics"][0]["message"].get<std::string>().find("priorty"),
            std::string::npos);
}

TEST(JqlValidateCliTest, ReportsALineThatIsNotJson) {
  RunResult run = RunSyncrule("jql validate", "project = SRE\n");
  EXPECT_EQ(run.exit_code, 1);
  auto result = nlohmann::json::parse(run.out);
  EXPECT_EQ(result["diagnostics"][0]["code"], "CLI001");
}

TEST(JqlValidateCliTest, TextFormatShowsACaret) {
  RunResult run = RunSyncrule("jql validate --format text", "\"project = select\"\n");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("<stdin>#1:1:11: error[JQL003]"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("^^^^^^"), std::string::npos) << run.out;
}

TEST(JqlValidateCliTest, MissingFileIsAUsageError) {
  RunResult run = RunSyncrule("jql validate /nonexistent/queries.txt", "", true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("/nonexistent/queries.txt"), std::string::npos) << run.out;
}

TEST(JqlFmtCliTest, PrintsTheCanonicalForm) {
  RunResult run = RunSyncrule(
      "jql fmt 'project=sre and (priority=\"High\" or priority = highest) order by created desc'");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out,
            "project = sre AND (priority = High OR priority = highest) ORDER BY created DESC\n");
}

TEST(JqlFmtCliTest, QuotesOnlyWhereNeeded) {
  RunResult run = RunSyncrule("jql fmt --file -",
                              "status = \"In Progress\" and labels = \"select\"\n"
                              "x in (\"5\", 5, 'a b', EMPTY)\n");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out,
            "status = \"In Progress\" AND labels = \"select\"\n"
            "x IN (\"5\", 5, \"a b\", EMPTY)\n");
}

TEST(JqlFmtCliTest, InvalidQueryExitsOne) {
  EXPECT_EQ(RunSyncrule("jql fmt 'a = '").exit_code, 1);
}

TEST(JqlEvalCliTest, PrintsMatchingKeys) {
  RunResult run = RunSyncrule(
      "jql eval 'project = SRE AND priority in (High, Highest) AND status = Open' --issues " +
      kIssues + kNow);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "SRE-101\n");
}

TEST(JqlEvalCliTest, SortsByOrderBy) {
  RunResult run = RunSyncrule("jql eval 'project = SRE ORDER BY created ASC' --issues " +
                              kIssues + kNow);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "SRE-103\nSRE-104\nSRE-102\nSRE-101\n");
}

TEST(JqlEvalCliTest, JsonPrintsWholeIssues) {
  RunResult run = RunSyncrule("jql eval 'key = OPS-7' --json --issues " + kIssues + kNow);
  EXPECT_EQ(run.exit_code, 0);
  auto issue = nlohmann::json::parse(run.out);
  EXPECT_EQ(issue["key"], "OPS-7");
  EXPECT_EQ(issue["fields"]["summary"],
            "Customize the on-call escalation policy for weekends");
}

TEST(JqlEvalCliTest, CurrentUserComesFromTheFlag) {
  RunResult run = RunSyncrule("jql eval 'reporter = currentUser() AND project = WEB' --user jsmith --issues " +
                              kIssues + kNow);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "WEB-56\n");
}

TEST(JqlEvalCliTest, InvalidQueryIsAUsageError) {
  RunResult run = RunSyncrule("jql eval 'project = ' --issues " + kIssues, "", true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("JQL008"), std::string::npos) << run.out;
}

TEST(JqlEvalCliTest, BadClockIsAUsageError) {
  RunResult run = RunSyncrule("jql eval 'project = SRE' --now yesterday --issues " + kIssues, "", true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("--now"), std::string::npos) << run.out;
}

TEST(JqlEvalCliTest, BadIssueLineNamesFileAndLine) {
  RunResult run = RunSyncrule("jql eval 'project = SRE' --issues -", "{\"key\": \"A-1\", \"fields\": {}}\n{oops\n", true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("-:2:"), std::string::npos) << run.out;
}

TEST(JqlEvalCliTest, ServerFunctionWithoutContextFailsLoudly) {
  RunResult run = RunSyncrule("jql eval 'issue in issueHistory()' --issues " + kIssues + kNow, "", true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("issueHistory"), std::string::npos) << run.out;
}

TEST(SyncruleCliTest, HelpExitsZeroAndUnknownOptionsExitTwo) {
  RunResult help = RunSyncrule("jql eval --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--issues"), std::string::npos);
  EXPECT_EQ(RunSyncrule("jql eval --bogus").exit_code, 2);
  EXPECT_EQ(RunSyncrule("").exit_code, 2);
}

}  // namespace
}  // namespace syncrule::testing
