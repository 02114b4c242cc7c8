// The reference evaluator on real Jira JSON: Cloud and Server webhooks
// (mattermost-plugin-jira, zulip), Jira Server REST v2 issues (JRJC) and a
// Jira Cloud REST v3 issue (OpenAPI example) in tests/fixtures/jira.

#include <string>
#include <vector>

#include "tests/compiler/jql_eval_test_helpers.h"

namespace syncrule::jql::evaltest {
namespace {

struct Case {
  const char* query;
  bool expected;
};

void ExpectAll(const std::string& fixture, const std::vector<Case>& cases,
               const EvalContext& context = TestContext()) {
  IssueDocument doc = Fixture(fixture);
  for (const Case& c : cases) {
    EXPECT_EQ(Matches(c.query, doc, context), c.expected)
        << fixture << ": " << c.query;
  }
}

TEST(JqlEvalFixtures, CloudWebhookWithManyFields) {
  ExpectAll("webhooks_mattermost/webhook-cloud-issue-created-many-fields.json",
            {{"project = KT", true},
             {"project = \"Koch Testing\"", true},
             {"key = KT-22", true},
             {"status = \"To Do\" AND statusCategory = \"To Do\"", true},
             {"priority = Medium", true},
             {"type = Task", true},
             {"assignee = \"5cedcb4355a88a0fc86388ba\"", true},
             {"assignee = sample.user", true},
             {"resolution = unresolved", true},
             {"labels = label1", true},
             {"labels in (Label2, other)", true},
             {"fixVersion = version1", true},
             {"fixVersion ~ \"version*\"", true},
             {"description ~ good", true},
             {"summary ~ \"lots fields\"", true},
             {"created > \"2019-08-27\" AND created < \"2019-08-28\"", true},
             // 19:43:24Z: equality is to the second.
             {"created = \"2019-08-27 19:43\"", false},
             {"created >= \"2019-08-27 19:43\" AND created < \"2019-08-27 19:44\"",
              true},
             {"\"MJK - Number Field\" = 23", true},
             {"\"MJK - Number Field\" > 22.5", true},
             {"\"MJK - Radio Buttons\" = 1", true},
             {"\"MJK - Select\" = A", true},
             {"\"MJK - Checkboxes\" = 1", true},
             {"\"MJK - Date\" = \"2019-08-12\"", true},
             {"\"MJK - Date Time\" > \"2019-08-29 19:39\"", true},
             {"\"MJK - Labels\" = value2", true},
             {"\"MJK - Short text\" ~ dwdwd", true},
             {"\"MJK - URL\" = \"https://google.com\"", true},
             {"\"MJK - User\" = \"Sample User\"", true},
             {"text ~ dwdwd", true},
             {"sprint = \"SCRUM1 Sprint 1\"", true},
             {"sprint in openSprints()", true},
             {"\"Epic Link\" = KT-17", true},
             {"assignee CHANGED FROM EMPTY TO sample.user", true},
             {"assignee WAS EMPTY BEFORE \"2019-08-28\"", true},
             {"due is empty", true},
             {"component is empty", true}});
}

TEST(JqlEvalFixtures, CloudWebhooksResolvedAndReopened) {
  ExpectAll("webhooks_mattermost/webhook-issue-updated-resolved.json",
            {{"resolution = Done", true},
             {"resolution = 10000", true},
             {"resolution is not empty", true},
             {"statusCategory = Done", true},
             {"status CHANGED FROM \"In Progress\" TO Done", true},
             {"resolution CHANGED TO Done BY admin", true},
             {"resolved > \"2019-02-16 03:15\"", true},
             {"resolved > \"2019-02-16 03:16\"", false},
             {"component = \"COMP-1\"", true},
             {"assignee is empty", true},
             {"watchers = 1", true},
             {"votes = 0", true}});
}

TEST(JqlEvalFixtures, CloudWebhookReopenedClearsTheResolution) {
  ExpectAll("webhooks_mattermost/webhook-issue-updated-reopened.json",
            {{"resolution is empty", true},
             {"resolution WAS Done", true},
             {"resolution CHANGED FROM Done TO EMPTY", true},
             {"status WAS Done BY admin", true},  // admin created the issue
             {"status WAS \"To Do\" BY admin", true},
             {"status WAS \"To Do\" BY someone", false},
             {"status CHANGED TO \"To Do\" BY admin", true},
             {"status WAS IN (Done, Closed)", true}});
}

TEST(JqlEvalFixtures, CloudWebhookCustomFieldChange) {
  ExpectAll("webhooks_mattermost/webhook-cloud-issue-updated-custom-field.json",
            {{"\"MJK - Number Field\" = 12", true},
             {"cf[10072] > 11", true},
             {"labels = pickles", true},
             {"project = \"Koch Testing\"", true},
             {"updated > \"2019-08-12\"", true}});
}

TEST(JqlEvalFixtures, ServerWebhooks) {
  ExpectAll("webhooks_mattermost/webhook-server-issue-updated-closed.json",
            {{"key = TES-4", true},
             {"status = Closed", true},
             {"status = 6", true},
             {"status WAS Resolved", true},
             {"status CHANGED FROM Resolved TO Closed BY admin", true},
             {"statusCategory = Done", true},
             {"resolution = Done", true},
             {"timeSpent = 3m", true},
             {"timeSpent > 2m", true},
             // Created 06:14 on Aug 13 in Shanghai, 22:14Z on Aug 12.
             {"created < \"2019-08-13\"", false},
             {"created > \"2019-08-13 06:14\"", true},
             {"created < \"2019-08-13 06:15\"", true}},
            TestContext("Asia/Shanghai"));
  ExpectAll("webhooks_mattermost/webhook-server-issue-updated-closed.json",
            {{"created < \"2019-08-13\"", true},
             {"created > \"2019-08-12 22:14\"", true}});
  ExpectAll("webhooks_mattermost/webhook-server-issue-updated-commented-2.json",
            {{"comment ~ \"act right away\"", true},
             {"comment ~ notifications", false},
             {"text ~ notifications", true},
             {"description ~ mattermost", true},
             {"workRatio is empty", true}});
}

TEST(JqlEvalFixtures, ZulipWebhook) {
  ExpectAll("webhooks_zulip/created_v2.json",
            {{"project = BUG", true},
             {"priority = Major", true},
             {"priority > Minor", true},
             {"priority < Critical", true},
             {"reporter = lfranchi", true},
             {"assignee is empty", true},
             {"summary ~ hook", true},
             {"created > \"2013/03/27 16:53\"", true},
             {"created < \"2013/03/27 16:54\"", true}});
}

TEST(JqlEvalFixtures, ServerRestIssues) {
  ExpectAll("rest_server_v2_jrjc/issue_valid-user-picker-custom-field-filled-out.json",
            {{"key = TST-11", true},
             {"labels = bcds", true},
             {"labels != a", false},
             {"due = \"2010-07-05\"", true},
             {"due < now()", true},
             {"originalEstimate = 0", true},
             {"assignee = admin", true},
             {"priority = Major", true}});
  ExpectAll("rest_server_v2_jrjc/issue_valid-5.0-with-changelog.json",
            {{"project = HST", true},
             {"project = \"History Test\"", true},
             {"summary ~ modified", true},
             {"description ~ \"modified description\"", true},
             {"due = \"2012-04-13\"", true},
             {"\"Radio Field\" = Two", true},
             {"\"Text Field\" ~ modified", true},
             {"\"Date Field\" = \"2012-04-12 12:26\"", true},
             {"comment ~ \"first change\"", true},
             {"comment ~ \"user two\"", true},
             {"comment ~ \"first two\"", false},
             {"votes = 0 AND watchers = 0", true}});
}

TEST(JqlEvalFixtures, CloudRestV3IssueWithAdf) {
  ExpectAll("rest_cloud_v3_openapi_examples/issue_get_200_response.json",
            {{"key = ED-1", true},
             {"id = 10002", true},
             {"project = EX", true},
             {"category = \"FIRST\"", true},
             {"description ~ \"order flow\"", true},
             {"description ~ \"\\\"main order flow\\\"\"", true},
             {"comment ~ pellentesque", true},
             {"worklogComment ~ \"work here\"", true},
             {"worklogAuthor = \"Mia Krystof\"", true},
             {"worklogDate = \"2021-01-17\"", true},
             {"watcher = \"5b10a2844c20165700ede21g\"", true},
             {"issueLinkType = \"is depended by\"", true},
             {"issueLinkType = \"depends on\"", true},
             {"issue in linkedIssues(PR-2)", true},
             {"originalEstimate = 10m", true},
             {"timeSpent < 7m", true},
             {"attachments is not empty", true},
             {"text ~ lorem", true},
             {"updated = 1", true}});
}

TEST(JqlEvalFixtures, VoterListIsNotInIssueJson) {
  IssueDocument doc = Fixture("webhooks_mattermost/webhook-issue-updated-labels.json");
  EXPECT_FALSE(Matches("voter = admin", doc));  // no votes: nobody voted
  EvalResult watchers = Eval("watcher = admin", doc);
  EXPECT_FALSE(watchers.ok());
  EXPECT_NE(watchers.error.find("watchers list"), std::string::npos)
      << watchers.error;
}

}  // namespace
}  // namespace syncrule::jql::evaltest
