// The reference evaluator's history operators: WAS, WAS NOT, WAS IN,
// WAS NOT IN and CHANGED with AFTER/BEFORE/ON/DURING/BY/FROM/TO, on an issue
// whose REST changelog walks it through a small workflow.

#include <algorithm>
#include <string>
#include <vector>

#include "tests/compiler/jql_eval_test_helpers.h"

namespace syncrule::jql::evaltest {
namespace {

json Item(const std::string& field, json from, json from_string, json to,
          json to_string) {
  return json{{"field", field}, {"fieldtype", "jira"}, {"from", from},
              {"fromString", from_string}, {"to", to}, {"toString", to_string}};
}

json Entry(const std::string& created, json author, json items) {
  return json{{"created", created}, {"author", author}, {"items", items}};
}

// ABC-1: created Jan 10 by bob (Open, unassigned, no fix version); taken by
// jsmith on Jan 12; resolved by alice on Jan 15 (fixVersion 1.10); reopened
// by bob on Jan 20 (1.10 swapped for 2.0); on Jan 30 jsmith raised the
// priority and handed it to alice.
json WorkflowIssue() {
  json bob = User("bob", "Bob Brown", "557058:bbb");
  json jane = User("jsmith", "Jane Smith", "557058:aaa");
  json alice = User("alice", "Alice Adams", "557058:ccc");
  json histories = json::array({
      Entry("2026-01-12T10:00:00.000+0000", jane,
            {Item("status", "1", "Open", "3", "In Progress"),
             Item("assignee", nullptr, nullptr, "jsmith", "Jane Smith")}),
      Entry("2026-01-15T15:00:00.000+0000", alice,
            {Item("status", "3", "In Progress", "5", "Resolved"),
             Item("resolution", nullptr, nullptr, "1", "Fixed"),
             Item("Fix Version", nullptr, nullptr, "10350", "1.10")}),
      Entry("2026-01-20T08:00:00.000+0000", bob,
            {Item("status", "5", "Resolved", "4", "Reopened"),
             Item("resolution", "1", "Fixed", nullptr, nullptr),
             Item("Fix Version", "10350", "1.10", nullptr, nullptr),
             Item("Fix Version", nullptr, nullptr, "10400", "2.0")}),
      Entry("2026-01-30T12:00:00.000+0000", jane,
            {Item("priority", "3", "Medium", "2", "High"),
             Item("assignee", "jsmith", "Jane Smith", "alice", "Alice Adams")}),
  });
  json issue = Issue({{"created", "2026-01-10T09:00:00.000+0000"},
                      {"creator", bob},
                      {"reporter", bob},
                      {"status", Status("Reopened", "4", "new")},
                      {"priority", {{"name", "High"}, {"id", "2"}}},
                      {"assignee", alice},
                      {"resolution", nullptr},
                      {"fixVersions", {{{"name", "2.0"}, {"id", "10400"}}}}});
  // Histories arrive newest first from some servers; order must not matter.
  std::reverse(histories.begin(), histories.end());
  issue["changelog"] = {{"startAt", 0}, {"total", 4}, {"histories", histories}};
  return issue;
}

struct Case {
  const char* query;
  bool expected;
};

void ExpectAll(const std::vector<Case>& cases,
               const EvalContext& context = TestContext()) {
  IssueDocument doc = Doc(WorkflowIssue());
  for (const Case& c : cases) {
    EXPECT_EQ(Matches(c.query, doc, context), c.expected) << c.query;
  }
}

TEST(JqlEvalHistory, WasMatchesNamesAndIdsOfAnyPastValue) {
  ExpectAll({{"status WAS Open", true},
             {"status WAS open", true},
             {"status WAS \"In Progress\"", true},
             {"status WAS 3", true},
             {"status WAS Reopened", true},
             {"status WAS Closed", false},
             {"status WAS NOT Closed", true},
             {"status WAS NOT Open", false},
             {"status WAS IN (Closed, Resolved)", true},
             {"status WAS NOT IN (Closed, Done)", true},
             {"status WAS NOT IN (Closed, Open)", false},
             {"priority WAS Medium", true},
             {"priority WAS Low", false},
             {"resolution WAS Fixed", true},
             {"resolution WAS unresolved", true},
             {"resolution WAS EMPTY", true}});
}

TEST(JqlEvalHistory, WasWithTimePredicates) {
  ExpectAll({{"status WAS Resolved BEFORE \"2026-01-15\"", false},
             {"status WAS Resolved BEFORE \"2026-01-16\"", true},
             {"status WAS Resolved AFTER \"2026-01-20\"", true},
             {"status WAS Resolved AFTER \"2026-01-20 09:00\"", false},
             {"status WAS Resolved ON \"2026-01-17\"", true},
             {"status WAS Resolved ON \"2026-01-20\"", true},
             {"status WAS Resolved ON \"2026-01-21\"", false},
             {"status WAS Resolved DURING (\"2026-01-16\", \"2026-01-18\")",
              true},
             {"status WAS Resolved DURING (\"2026-01-21\", \"2026-01-25\")",
              false},
             {"status WAS Reopened AFTER startOfDay(-1)", true},
             {"status WAS Open AFTER \"2026-01-13\"", false},
             {"status WAS Open BEFORE \"2026-01-10 08:00\"", false},
             {"priority WAS High BEFORE \"2026-01-30\"", false},
             {"status WAS IN (Open, Resolved) AFTER \"2026-01-13\" BEFORE "
              "\"2026-01-14\"",
              false},
             {"status WAS NOT Resolved ON \"2026-01-13\"", true}});
}

TEST(JqlEvalHistory, WasByNamesWhoSetTheValue) {
  ExpectAll({{"status WAS \"In Progress\" BY jsmith", true},
             {"status WAS \"In Progress\" BY alice", false},
             {"status WAS Open BY bob", true},  // the creator
             {"status WAS Resolved BY (jsmith, alice)", true},
             {"status WAS Resolved BY \"557058:ccc\"", true},
             {"status WAS Resolved BY alice AFTER \"2026-01-21\"", false},
             {"status WAS NOT Resolved BY bob", true}});
  EvalContext context = TestContext();
  context.current_user = UserIdentity::FromText("bob");
  ExpectAll({{"status WAS Reopened BY currentUser()", true}}, context);
}

TEST(JqlEvalHistory, WasOnUsers) {
  ExpectAll({{"assignee WAS jsmith", true},
             {"assignee WAS \"Jane Smith\"", true},
             {"assignee WAS alice", true},
             {"assignee WAS \"557058:ccc\"", true},  // from the current JSON
             {"assignee WAS EMPTY", true},
             {"assignee WAS EMPTY AFTER \"2026-01-13\"", false},
             {"assignee WAS bob", false},
             {"reporter WAS bob", true},
             {"reporter WAS bob BEFORE \"2026-01-01\"", false},
             {"creator WAS \"Bob Brown\"", true}});
}

TEST(JqlEvalHistory, WasOnMultiValuedFixVersions) {
  ExpectAll({{"fixVersion WAS \"1.10\"", true},
             {"fixVersion WAS 10350", true},
             {"fixVersion WAS \"1.10\" AFTER \"2026-01-21\"", false},
             {"fixVersion WAS \"1.10\" BY alice", true},
             {"fixVersion WAS \"2.0\" BY bob", true},
             {"fixVersion WAS \"2.0\" BEFORE \"2026-01-19\"", false},
             {"fixVersion WAS EMPTY", true},
             // 1.10 was swapped for 2.0 in one change: never empty then.
             {"fixVersion WAS EMPTY AFTER \"2026-01-16\"", false},
             {"fixVersion WAS NOT \"3.0\"", true}});
}

TEST(JqlEvalHistory, Changed) {
  ExpectAll({{"status CHANGED", true},
             {"status CHANGED FROM Open TO \"In Progress\"", true},
             {"status CHANGED FROM open", true},
             {"status CHANGED FROM 1 TO 3", true},
             {"status CHANGED FROM Open TO Resolved", false},
             {"status CHANGED TO Reopened BY bob", true},
             {"status CHANGED TO Reopened BY alice", false},
             {"status CHANGED BY alice AFTER \"2026-01-16\"", false},
             {"status CHANGED AFTER \"2026-01-19\" BEFORE \"2026-01-21\"", true},
             {"status CHANGED ON \"2026-01-12\"", true},
             {"status CHANGED DURING (\"2026-01-13\", \"2026-01-14\")", false},
             {"status CHANGED DURING (\"2026-01-13\", \"2026-01-15 15:00\")",
              true},
             {"resolution CHANGED FROM Fixed", true},
             {"resolution CHANGED TO Fixed BY alice", true},
             {"priority CHANGED TO High AFTER startOfDay(-1)", true},
             {"priority CHANGED FROM Medium TO High BEFORE -2d", false},
             {"assignee CHANGED FROM jsmith TO alice", true},
             {"assignee CHANGED FROM \"Jane Smith\" BY jsmith", true},
             {"fixVersion CHANGED TO \"2.0\"", true},
             {"fixVersion CHANGED FROM \"1.10\" BY bob", true},
             {"reporter CHANGED", false},
             {"NOT status CHANGED AFTER -1d", true}});
}

TEST(JqlEvalHistory, WebhookChangelogIsOneEntryByTheUser) {
  IssueDocument doc =
      Fixture("webhooks_mattermost/webhook-issue-updated-lowered-priority.json");
  EXPECT_TRUE(Matches("priority WAS High", doc));
  EXPECT_TRUE(Matches("priority WAS 2", doc));
  EXPECT_TRUE(Matches("priority CHANGED FROM High TO Low BY admin", doc));
  EXPECT_TRUE(Matches("priority CHANGED BY \"5c5f880629be9642ba529340\"", doc));
  EXPECT_TRUE(Matches("priority CHANGED ON \"2019-02-16\"", doc));
  EXPECT_FALSE(Matches("priority WAS Low BEFORE \"2019-02-16\"", doc));
  // Created 2019-02-16T03:01:52Z: nothing held before that.
  EXPECT_FALSE(Matches("priority WAS High BEFORE \"2019-02-16\"", doc));
  EXPECT_TRUE(Matches("priority WAS High BEFORE \"2019-02-16 10:00\"", doc));
  EXPECT_FALSE(Matches("status CHANGED", doc));
  EXPECT_TRUE(Matches("status WAS \"To Do\"", doc));
}

TEST(JqlEvalHistory, RestChangelogFromJiraServer) {
  IssueDocument doc = Fixture("rest_server_v2_jrjc/issue_valid-5.0-with-changelog.json");
  EXPECT_TRUE(Matches("assignee WAS user1", doc));
  EXPECT_TRUE(Matches("assignee WAS \"User One\"", doc));
  EXPECT_TRUE(Matches("assignee CHANGED FROM user1 TO user2 BY user1", doc));
  EXPECT_TRUE(Matches("priority WAS Major", doc));
  EXPECT_TRUE(Matches("priority CHANGED FROM Major TO Minor BY user2", doc));
  EXPECT_TRUE(Matches("priority WAS Minor AFTER \"2012-04-12 12:31\"", doc,
                      TestContext("UTC")));
  EXPECT_FALSE(Matches("priority WAS Minor BEFORE \"2012-04-12 12:30\"", doc,
                       TestContext("UTC")));
  EXPECT_TRUE(Matches("status WAS Open", doc));
  EXPECT_FALSE(Matches("status CHANGED", doc));
}

}  // namespace
}  // namespace syncrule::jql::evaltest
