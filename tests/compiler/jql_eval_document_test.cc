// IssueDocument normalisation (REST, REST with changelog, webhooks) and the
// EvalContext loaders (groups, server context, order lists).

#include <cstdio>
#include <fstream>
#include <string>

#include "tests/compiler/jql_eval_test_helpers.h"

namespace syncrule::jql::evaltest {
namespace {

TEST(JqlEvalDocument, RestIssue) {
  IssueDocument doc = Fixture("rest_cloud_v3_openapi_examples/issue_get_200_response.json");
  EXPECT_EQ(doc.key(), "ED-1");
  EXPECT_EQ(doc.id(), "10002");
  EXPECT_TRUE(doc.fields().contains("project"));
  EXPECT_TRUE(doc.history().empty());
  EXPECT_EQ(doc.webhook_event(), "");
  EXPECT_TRUE(doc.properties().empty());
  EXPECT_EQ(doc.Field("nope"), nullptr);
  EXPECT_EQ(doc.Field(""), nullptr);
}

TEST(JqlEvalDocument, RestChangelogIsSortedByTime) {
  json issue = Issue({{"summary", "x"}});
  issue["changelog"] = {{"histories",
                         {{{"created", "2026-01-02T00:00:00.000+0000"},
                           {"author", User("b", "B")},
                           {"items", {{{"field", "status"}, {"fieldId", "status"},
                                       {"from", "1"}, {"fromString", "Open"},
                                       {"to", "3"}, {"toString", "In Progress"}}}}},
                          {{"created", "2026-01-01T00:00:00.000+0000"},
                           {"items", {{{"field", "assignee"}, {"from", nullptr},
                                       {"to", "a"}, {"tmpToAccountId", "557058:a"}}}}},
                          "garbage"}}};
  IssueDocument doc = Doc(issue);
  ASSERT_EQ(doc.history().size(), 2u);
  EXPECT_EQ(doc.history()[0].created_ms, At("2026-01-01T00:00:00Z"));
  EXPECT_TRUE(doc.history()[0].author.is_null());
  EXPECT_EQ(doc.history()[0].items[0].to_account_id, "557058:a");
  EXPECT_EQ(doc.history()[0].items[0].from, "");
  const HistoryItem& item = doc.history()[1].items[0];
  EXPECT_EQ(item.field, "status");
  EXPECT_EQ(item.field_id, "status");
  EXPECT_EQ(item.from, "1");
  EXPECT_EQ(item.from_string, "Open");
  EXPECT_EQ(item.to_string, "In Progress");
  EXPECT_EQ(doc.history()[1].author["name"], "b");
}

TEST(JqlEvalDocument, WebhookChangelogBecomesOneEntry) {
  IssueDocument doc = Fixture("webhooks_mattermost/webhook-issue-updated-reopened.json");
  EXPECT_EQ(doc.key(), "TES-41");
  EXPECT_EQ(doc.webhook_event(), "jira:issue_updated");
  ASSERT_EQ(doc.history().size(), 1u);
  EXPECT_EQ(doc.history()[0].created_ms, 1550287026531);
  EXPECT_EQ(doc.history()[0].author["name"], "admin");
  ASSERT_EQ(doc.history()[0].items.size(), 2u);
  EXPECT_EQ(doc.history()[0].items[1].from_string, "Done");
  EXPECT_EQ(doc.history()[0].items[1].to_string, "To Do");
}

TEST(JqlEvalDocument, CommentEventsFoldTheCommentIn) {
  IssueDocument created = Fixture("webhooks_mattermost/webhook-cloud-comment-created.json");
  EXPECT_EQ(created.webhook_event(), "comment_created");
  const json* comment = created.Field("comment");
  ASSERT_NE(comment, nullptr);
  EXPECT_EQ((*comment)["comments"].size(), 1u);
  EXPECT_TRUE(Matches("comment ~ added", created));
  IssueDocument deleted = Fixture("webhooks_mattermost/webhook-cloud-comment-deleted.json");
  const json* none = deleted.Field("comment");
  ASSERT_NE(none, nullptr);
  EXPECT_TRUE((*none)["comments"].empty());
}

TEST(JqlEvalDocument, RejectsJsonWithoutAnIssue) {
  std::string error;
  EXPECT_FALSE(IssueDocument::FromText("[1, 2]", &error));
  EXPECT_EQ(error, "the issue JSON is not an object");
  EXPECT_FALSE(IssueDocument::FromText("{", &error));
  EXPECT_EQ(error, "the issue is not valid JSON");
  EXPECT_FALSE(IssueDocument::FromText(R"({"foo": 1})", &error));
  EXPECT_NE(error.find("holds no issue"), std::string::npos);
  // Jira Server's comment webhook carries no issue at all.
  std::ifstream in(std::string(SYNCRULE_SOURCE_DIR) +
                   "/tests/fixtures/jira/webhooks_mattermost/"
                   "webhook-server-comment-created.json");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_FALSE(IssueDocument::FromText(text.str(), &error));
  EXPECT_EQ(error, "the webhook event carries no \"issue\" object");
}

TEST(JqlEvalDocument, NumericIdsAndOddTypes) {
  IssueDocument doc = Doc(json{{"key", "A-1"}, {"id", 10002},
                               {"fields", {{"summary", 5}}},
                               {"properties", "nope"}});
  EXPECT_EQ(doc.id(), "10002");
  EXPECT_TRUE(doc.properties().is_object());
  EXPECT_EQ(JsonScalarText(json(12.0)), "12");
  EXPECT_EQ(JsonScalarText(json(true)), "");
}

TEST(JqlEvalContext, GroupsFile) {
  LoadResult<GroupDirectory> groups = ParseGroups(
      R"({"groups": {"Admins": ["jsmith", {"accountId": "557058:x"}], "none": []}})");
  ASSERT_TRUE(groups.ok()) << groups.error;
  EXPECT_EQ(groups.value->size(), 2u);
  const std::vector<UserIdentity>* admins = groups.value->Find("admins");
  ASSERT_NE(admins, nullptr);
  ASSERT_EQ(admins->size(), 2u);
  EXPECT_EQ((*admins)[1].ids, std::vector<std::string>{"557058:x"});
  EXPECT_EQ(groups.value->Find("missing"), nullptr);

  EXPECT_EQ(ParseGroups("{").error, "the groups file is not valid JSON");
  EXPECT_FALSE(ParseGroups(R"({"Admins": []})").ok());
  EXPECT_EQ(ParseGroups(R"({"groups": {"a": "x"}})").error,
            "group 'a' must be a list of members");
  EXPECT_FALSE(ParseGroups(R"({"groups": {"a": [5]}})").ok());
  EXPECT_NE(LoadGroupsFile("/nonexistent/groups.json").error.find("cannot read"),
            std::string::npos);
}

TEST(JqlEvalContext, GroupsFileFromDisk) {
  std::string path = ::testing::TempDir() + "/syncrule_eval_groups.json";
  {
    std::ofstream out(path);
    out << R"({"groups": {"devs": ["a@b.com"]}})";
  }
  LoadResult<GroupDirectory> groups = LoadGroupsFile(path);
  ASSERT_TRUE(groups.ok()) << groups.error;
  EXPECT_NE(groups.value->Find("DEVS"), nullptr);
  std::remove(path.c_str());
}

TEST(JqlEvalContext, ServerContextValidatesEveryEntry) {
  LoadResult<ServerContext> ok = ParseServerContext(R"({
      "issueHistory": ["ABC-1", 10002],
      "linkedIssues": {"ABC-1": ["ABC-2"], "ABC-3": {"blocks": ["ABC-4"]}},
      "releasedVersions": {"ABC": ["1.0"]},
      "latestReleasedVersion": {"ABC": "1.0"},
      "currentLogin": "2026-01-31T08:00:00Z",
      "lastLogin": 1769760000000,
      "updatedBy": {"jsmith": ["ABC-1", {"issue": "ABC-2", "at": "2026-01-30T10:00:00Z"}]}})");
  ASSERT_TRUE(ok.ok()) << ok.error;
  EXPECT_NE(ok.value->Find("issueHistory"), nullptr);
  EXPECT_EQ(ok.value->Find("openSprints"), nullptr);

  EXPECT_EQ(ParseServerContext(R"({"issuehistory": []})").error,
            "unknown server-context entry 'issuehistory'");
  EXPECT_EQ(ParseServerContext(R"({"issueHistory": "ABC-1"})").error,
            "server-context entry 'issueHistory' must be a list of strings or "
            "numbers");
  EXPECT_FALSE(ParseServerContext(R"({"currentLogin": "yesterday"})").ok());
  EXPECT_FALSE(ParseServerContext(R"({"updatedBy": {"x": [{"at": 1}]}})").ok());
  EXPECT_FALSE(ParseServerContext("[]").ok());
  EXPECT_FALSE(ParseServerContext("nope").ok());
  EXPECT_EQ(ServerContextEntryNames().size(), 22u);
}

TEST(JqlEvalContext, RankedNames) {
  LoadResult<RankedNames> order = ParseRankedNames("Blocker, Critical|High , Low");
  ASSERT_TRUE(order.ok()) << order.error;
  RankedNames expected = {{"Blocker"}, {"Critical", "High"}, {"Low"}};
  EXPECT_EQ(*order.value, expected);
  EXPECT_FALSE(ParseRankedNames("a,,b").ok());
  EXPECT_FALSE(ParseRankedNames("").ok());
  EXPECT_EQ(DefaultPriorityOrder().size(), 5u);
  EXPECT_EQ(DefaultPriorityOrder()[0],
            (std::vector<std::string>{"Highest", "Blocker"}));
}

TEST(JqlEvalContext, UserIdentities) {
  UserIdentity user = UserIdentity::FromJson(
      User("jsmith", "Jane Smith", "557058:aaa", "jane@example.com"));
  EXPECT_EQ(user.ids, (std::vector<std::string>{"557058:aaa", "jsmith",
                                                "jsmith", "jane@example.com"}));
  EXPECT_TRUE(UserIdentity::FromJson(json(3)).ids.empty());
  EXPECT_EQ(UserIdentity::FromText("x").ids, std::vector<std::string>{"x"});
  EXPECT_TRUE(UserIdentity::FromText("").ids.empty());
}

}  // namespace
}  // namespace syncrule::jql::evaltest
