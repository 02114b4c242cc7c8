// The reference evaluator never crashes on odd JSON: every field, history
// item and function input with the wrong type, deep nesting, and empty
// documents. Errors are allowed; exceptions and crashes are not.

#include <string>
#include <vector>

#include "tests/compiler/jql_eval_test_helpers.h"

namespace syncrule::jql::evaltest {
namespace {

// Queries touching every reader.
const char* const kQueries[] = {
    "project = ABC", "status = Open", "statusCategory = Done",
    "priority > Low", "resolution = unresolved", "type in standardIssueTypes()",
    "assignee = jsmith", "reporter in (a, b)", "voter = x", "watcher = x",
    "labels = x", "labels != x", "component = x", "fixVersion > \"1.0\"",
    "fixVersion ~ \"1*\"", "fixVersion in releasedVersions()",
    "created > -1d", "due < now()", "updated = 1000",
    "originalEstimate > 1h", "timeSpent = 3m", "votes > 1", "watchers = 0",
    "workRatio > 1", "summary ~ x", "description ~ x", "comment ~ x",
    "text ~ x", "worklogComment ~ x", "worklogAuthor = x",
    "worklogDate > -1d", "issueLinkType = blocks",
    "issue in linkedIssues(ABC-1)", "parent = ABC-1", "key > ABC-1",
    "sprint in openSprints()", "\"Epic Link\" = ABC-1",
    "Location in cascadeOption(a, b)", "Severity = x", "Tags = x",
    "\"Story Points\" > 1", "Launch > now()", "\"Start date\" = now()",
    "approvals = approved()", "approvals = approver(x)",
    "\"Time to resolution\" = breached()",
    "\"Time to resolution\" < remaining(\"1h\")",
    "issue.property[a].b = 1", "issue.property[a].b ~ x",
    "category = x", "attachments is not empty", "level = x",
    "status WAS Open", "status WAS Open BY x AFTER -1d",
    "fixVersion WAS \"1.0\"", "assignee CHANGED FROM a TO b",
    "priority CHANGED BY x BEFORE now()",
};

std::vector<json> OddIssues() {
  json deep = json::array();
  for (int i = 0; i < 400; ++i) deep = json::array({deep});
  json deep_adf = {{"type", "text"}, {"text", "x"}};
  for (int i = 0; i < 400; ++i) {
    deep_adf = {{"type", "paragraph"}, {"content", {deep_adf}}};
  }
  json every_field_a_number = json::object();
  json every_field_an_array = json::object();
  json every_field_an_object = json::object();
  for (const char* key :
       {"project", "status", "priority", "resolution", "issuetype", "assignee",
        "reporter", "creator", "labels", "components", "fixVersions",
        "versions", "created", "updated", "duedate", "timeoriginalestimate",
        "timespent", "votes", "watches", "workratio", "summary", "description",
        "comment", "worklog", "issuelinks", "parent", "security", "attachment",
        "customfield_10021", "customfield_10014", "customfield_10016",
        "customfield_10011", "customfield_10015", "customfield_10010",
        "customfield_10036", "customfield_10013", "customfield_10040",
        "customfield_10032", "timetracking", "progress", "watcher"}) {
    every_field_a_number[key] = 7;
    every_field_an_array[key] = json::array({1, "x", nullptr, json::array()});
    every_field_an_object[key] = {{"name", 5}, {"id", json::array()},
                                  {"statusCategory", "x"}, {"child", 3},
                                  {"comments", {{"body", 5}}},
                                  {"worklogs", {1, 2}},
                                  {"ongoingCycle", {{"breached", "yes"}}},
                                  {"type", 5}, {"content", "x"}};
  }
  json odd_history = Issue({{"created", "garbage"}});
  odd_history["changelog"] = {
      {"histories", {{{"created", 5}, {"author", "x"}, {"items", "x"}},
                     {{"created", "2026-01-01T00:00:00Z"},
                      {"items", {{{"field", 5}, {"from", json::array()},
                                  {"to", {{"a", 1}}}}}}},
                     nullptr}}};
  return {
      json::object(),
      Issue(json::object()),
      Issue(every_field_a_number),
      Issue(every_field_an_array),
      Issue(every_field_an_object),
      Issue({{"labels", deep}, {"customfield_10015", deep}, {"votes", deep},
             {"description", deep_adf}, {"customfield_10012", deep_adf}}),
      odd_history,
      json{{"webhookEvent", "jira:issue_updated"}, {"timestamp", "soon"},
           {"user", 5}, {"issue", {{"key", 5}, {"fields", nullptr}}},
           {"changelog", {{"items", {{{"field", "status"}}}}}}},
      json{{"key", json::array()}, {"id", {{"x", 1}}}, {"fields", {}},
           {"properties", {{"a", {{"b", {1, "x", nullptr}}}}}}},
  };
}

TEST(JqlEvalRobustness, OddJsonNeverCrashes) {
  std::vector<IssueDocument> docs;
  for (const json& issue : OddIssues()) {
    std::string error;
    std::optional<IssueDocument> doc = IssueDocument::FromJson(issue, &error);
    if (doc) docs.push_back(std::move(*doc));
  }
  ASSERT_GE(docs.size(), 8u);
  EvalContext context = TestContext();
  context.current_user = UserIdentity::FromText("x");
  for (const char* query : kQueries) {
    Evaluator evaluator(CheckJql(query), context, &EvalCatalog());
    for (const IssueDocument& doc : docs) {
      EvalResult result = evaluator.Evaluate(doc);
      EXPECT_TRUE(result.ok() || !result.matched) << query;
    }
  }
  Evaluator sorter(CheckJql("order by priority, status, fixVersion, created, "
                            "assignee, labels, sprint, key, \"Time to "
                            "resolution\", Location"),
                   context, &EvalCatalog());
  EXPECT_EQ(sorter.SortOrder(docs).size(), docs.size());
}

TEST(JqlEvalRobustness, NullContextPiecesAreErrorsNotCrashes) {
  EvalContext context = TestContext();
  context.server = ServerContext();  // empty but present
  IssueDocument doc = Doc(Issue({{"summary", "x"}}));
  for (const char* query :
       {"issue in issueHistory()", "fixVersion = latestReleasedVersion(ABC)",
        "project in projectsLeadByUser(x)", "issue in updatedBy(x)",
        "created > currentLogin()", "filter = 1"}) {
    Evaluator evaluator(CheckJql(query), context, &EvalCatalog());
    EXPECT_FALSE(evaluator.Evaluate(doc).ok()) << query;
  }
}

}  // namespace
}  // namespace syncrule::jql::evaltest
