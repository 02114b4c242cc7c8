// The reference evaluator: every operator against every field type, EMPTY
// handling, multi-valued fields, ordering, text search and entity
// properties, on a synthetic Jira Cloud issue.

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "tests/compiler/jql_eval_test_helpers.h"

namespace syncrule::jql::evaltest {
namespace {

// A Jira Cloud issue with a value in almost every field.
json FullIssue() {
  json fields = {
      {"project", {{"key", "ABC"}, {"name", "Alpha"}, {"id", "10000"},
                   {"projectCategory", {{"name", "Platform"}, {"id", "10"}}}}},
      {"status", Status("In Progress", "3", "indeterminate")},
      {"priority", {{"name", "High"}, {"id", "2"}}},
      {"issuetype", {{"name", "Bug"}, {"id", "1"}, {"subtask", false}}},
      {"resolution", nullptr},
      {"assignee", User("jsmith", "Jane Smith", "557058:aaa", "jane@example.com")},
      {"reporter", User("bob", "Bob Brown", "557058:bbb")},
      {"creator", User("bob", "Bob Brown", "557058:bbb")},
      {"labels", {"backend", "Urgent-Fix"}},
      {"components", {{{"name", "Backend"}, {"id", "20500"}},
                      {{"name", "API"}, {"id", "20501"}}}},
      {"fixVersions", {{{"name", "1.10"}, {"id", "10350"}, {"released", false}}}},
      {"versions", {{{"name", "1.9"}, {"id", "10349"}, {"released", true}}}},
      {"created", "2026-01-20T09:30:00.000+0000"},
      {"updated", "2026-01-30T17:45:10.500+0100"},
      {"resolutiondate", nullptr},
      {"duedate", "2026-02-02"},
      {"summary", "Login page crashes on Safari"},
      {"description", "The customized login form crashes when users submit"},
      {"environment", nullptr},
      {"comment", {{"comments", {{{"body", "Reproduced on staging"}},
                                 {{"body", "Fix deployed to the canary"}}}}}},
      {"votes", {{"votes", 3}, {"hasVoted", false}}},
      {"watches", {{"watchCount", 2}, {"isWatching", true}}},
      {"timeoriginalestimate", 28800},
      {"timeestimate", 14400},
      {"timespent", 7200},
      {"workratio", 25},
      {"security", {{"name", "Internal"}, {"id", "10100"}}},
      {"parent", {{"key", "ABC-1"}, {"id", "10001"}}},
      {"issuelinks",
       {{{"type", {{"name", "Blocks"}, {"inward", "is blocked by"},
                   {"outward", "blocks"}}},
         {"outwardIssue", {{"key", "ABC-7"}, {"id", "10007"}}}}}},
      {"customfield_10010", 5},
      {"customfield_10011", {{"value", "Sev 2"}, {"id", "10200"}}},
      {"customfield_10012", "Customer reported the outage twice"},
      {"customfield_10013", "2026-02-15"},
      {"customfield_10015", {{{"value", "red"}, {"id", "1"}},
                             {{"value", "blue"}, {"id", "2"}}}},
      {"customfield_10016", {{"value", "Europe"}, {"id", "300"},
                             {"child", {{"value", "Berlin"}, {"id", "301"}}}}},
      {"customfield_10017", {User("alice", "Alice Adams", "557058:ccc")}},
      {"customfield_10018", User("carol", "Carol Chen")},
      {"customfield_10021", {{{"id", 7}, {"name", "Sprint 7"},
                              {"state", "active"}}}},
      {"customfield_10031", {{"name", "2.0"}, {"id", "10400"}}},
      {"customfield_10035", "https://example.com/help"},
      {"customfield_10036", "2026-02-01T10:00:00.000+0000"},
  };
  json issue = Issue(fields, "ABC-12", "10012");
  issue["properties"] = {{"support", {{"level", 3}, {"team", "Core"},
                                      {"tags", {"vip", "beta"}}}}};
  return issue;
}

// An issue with nothing set but its key, project, status and dates.
json SparseIssue() {
  return Issue({{"project", {{"key", "ABC"}, {"name", "Alpha"}, {"id", "10000"}}},
                {"status", Status("Open", "1", "new")},
                {"created", "2026-01-25T08:00:00.000+0000"},
                {"labels", json::array()},
                {"components", json::array()},
                {"assignee", nullptr},
                {"issuelinks", json::array()}},
               "ABC-5", "10005");
}

struct Case {
  const char* query;
  bool expected;
};

void ExpectAll(const json& issue, const std::vector<Case>& cases,
               const EvalContext& context = TestContext()) {
  IssueDocument doc = Doc(issue);
  for (const Case& c : cases) {
    EXPECT_EQ(Matches(c.query, doc, context), c.expected) << c.query;
  }
}

TEST(JqlEvalOperators, ProjectMatchesKeyNameOrIdCaseInsensitively) {
  ExpectAll(FullIssue(), {{"project = ABC", true},
                          {"project = abc", true},
                          {"project = Alpha", true},
                          {"project = 10000", true},
                          {"project = XYZ", false},
                          {"project != XYZ", true},
                          {"project != ABC", false},
                          {"project in (XYZ, ABC)", true},
                          {"project not in (ABC, XYZ)", false},
                          {"project not in (XYZ)", true},
                          {"project is not empty", true},
                          {"project is empty", false},
                          {"category = Platform", true},
                          {"category = 10", true},
                          {"category != Platform", false}});
}

TEST(JqlEvalOperators, ConstantFieldsMatchNameOrId) {
  ExpectAll(FullIssue(), {{"status = \"In Progress\"", true},
                          {"status = \"in progress\"", true},
                          {"status = 3", true},
                          {"status in (Open, \"In Progress\")", true},
                          {"status != Done", true},
                          {"status not in (\"In Progress\")", false},
                          {"type = Bug", true},
                          {"issuetype = 1", true},
                          {"type != Story", true},
                          {"level = Internal", true},
                          {"level = 10100", true},
                          {"level is empty", false}});
}

TEST(JqlEvalOperators, StatusCategoryMatchesNameKeyOrId) {
  ExpectAll(FullIssue(), {{"statusCategory = \"In Progress\"", true},
                          {"statusCategory = indeterminate", true},
                          {"statusCategory = 4", true},
                          {"statusCategory != Done", true},
                          {"statusCategory in (\"To Do\", Done)", false}});
  // An older instance names the "new" category "New"; "To Do" still works.
  json issue = SparseIssue();
  issue["fields"]["status"]["statusCategory"]["name"] = "New";
  ExpectAll(issue, {{"statusCategory = \"To Do\"", true},
                    {"statusCategory = New", true},
                    {"statusCategory = new", true}});
}

TEST(JqlEvalOperators, PriorityEqualityAndOrder) {
  ExpectAll(FullIssue(), {{"priority = High", true},
                          {"priority = high", true},
                          {"priority = 2", true},
                          {"priority > Medium", true},
                          {"priority >= High", true},
                          {"priority > High", false},
                          {"priority < Highest", true},
                          {"priority <= Low", false},
                          // Server names share the ranks of Cloud's.
                          {"priority > Major", true},
                          {"priority < Blocker", true},
                          {"priority is not empty", true}});
}

TEST(JqlEvalOperators, PriorityOrderErrorsNameTheMissingPriority) {
  json issue = FullIssue();
  issue["fields"]["priority"] = {{"name", "Urgent"}, {"id", "10001"}};
  std::string error = ErrorOf("priority > Low", issue);
  EXPECT_NE(error.find("Urgent"), std::string::npos) << error;
  EXPECT_NE(ErrorOf("priority > Urgent", FullIssue()).find("'Urgent'"),
            std::string::npos);
  // Equality needs no order.
  EXPECT_TRUE(Matches("priority = urgent", issue));
  EvalContext context = TestContext();
  context.priority_order = {{"Urgent"}, {"High"}, {"Low"}};
  EXPECT_TRUE(Matches("priority > High", issue, context));
  EXPECT_FALSE(Matches("priority > Urgent", issue, context));
}

TEST(JqlEvalOperators, ResolutionUnresolvedMeansEmpty) {
  ExpectAll(FullIssue(), {{"resolution = unresolved", true},
                          {"resolution = Unresolved", true},
                          {"resolution is empty", true},
                          {"resolution = empty", true},
                          {"resolution in (Fixed, unresolved)", true},
                          {"resolution != Fixed", false},
                          {"resolution not in (Fixed)", false},
                          {"resolution is not empty", false},
                          {"resolution != unresolved", false}});
  json resolved = FullIssue();
  resolved["fields"]["resolution"] = {{"name", "Fixed"}, {"id", "1"}};
  ExpectAll(resolved, {{"resolution = Fixed", true},
                       {"resolution = 1", true},
                       {"resolution != unresolved", true},
                       {"resolution is not empty", true},
                       {"resolution != Duplicate", true}});
}

TEST(JqlEvalOperators, ResolutionOrderComesFromTheContext) {
  json resolved = FullIssue();
  resolved["fields"]["resolution"] = {{"name", "Won't Fix"}, {"id", "2"}};
  EXPECT_NE(ErrorOf("resolution > Fixed", resolved).find("resolution order"),
            std::string::npos);
  EvalContext context = TestContext();
  context.resolution_order = {{"Fixed"}, {"Won't Fix"}, {"Duplicate"}};
  EXPECT_TRUE(Matches("resolution > Fixed", resolved, context));
  EXPECT_TRUE(Matches("resolution < Duplicate", resolved, context));
}

TEST(JqlEvalOperators, MultiValuedLabels) {
  ExpectAll(FullIssue(), {{"labels = backend", true},
                          {"labels = BACKEND", true},
                          {"labels = urgent-fix", true},
                          {"labels = frontend", false},
                          // != excludes issues that have the label.
                          {"labels != backend", false},
                          {"labels != frontend", true},
                          {"labels in (frontend, backend)", true},
                          {"labels not in (frontend, qa)", true},
                          {"labels not in (frontend, backend)", false},
                          {"labels in (frontend, EMPTY)", false},
                          {"labels is not empty", true},
                          {"labels is empty", false}});
  ExpectAll(SparseIssue(), {{"labels = backend", false},
                            {"labels != backend", false},
                            {"labels not in (backend)", false},
                            {"labels in (backend, EMPTY)", true},
                            {"labels not in (backend, EMPTY)", false},
                            {"labels is empty", true},
                            {"labels = empty", true}});
}

TEST(JqlEvalOperators, MultiValuedComponentsAndOptions) {
  ExpectAll(FullIssue(), {{"component = Backend", true},
                          {"component = 20501", true},
                          {"component != API", false},
                          {"component != Frontend", true},
                          {"component in (Frontend)", false},
                          {"Tags = red", true},
                          {"Tags = 2", true},
                          {"Tags != red", false},
                          {"Tags not in (green)", true},
                          {"cf[10015] in (green, yellow)", false}});
  ExpectAll(SparseIssue(), {{"component is empty", true},
                            {"component != Backend", false}});
}

TEST(JqlEvalOperators, VersionsEqualityOrderAndWildcards) {
  ExpectAll(FullIssue(), {{"fixVersion = \"1.10\"", true},
                          {"fixVersion = 10350", true},
                          {"affectedVersion = \"1.9\"", true},
                          {"fixVersion > \"1.9\"", true},
                          {"fixVersion < \"1.2\"", false},
                          {"fixVersion >= \"1.10\"", true},
                          {"fixVersion ~ \"1.*\"", true},
                          {"fixVersion ~ \"*10\"", true},
                          {"fixVersion ~ \"2*\"", false},
                          {"fixVersion !~ \"2*\"", true},
                          {"fixVersion !~ \"1.1?\"", false},
                          {"\"Target release\" = \"2.0\"", true}});
  ExpectAll(SparseIssue(), {{"fixVersion !~ \"2*\"", false},
                            {"fixVersion is empty", true}});
  EvalContext context = TestContext();
  context.version_order = {{"1.10"}, {"1.9"}, {"1.2"}};
  ExpectAll(FullIssue(), {{"fixVersion < \"1.9\"", true},
                          {"fixVersion > \"1.2\"", false}},
            context);
}

TEST(JqlEvalOperators, UsersMatchEveryIdentifier) {
  ExpectAll(FullIssue(), {{"assignee = jsmith", true},
                          {"assignee = JSMITH", true},
                          {"assignee = \"557058:aaa\"", true},
                          {"assignee = \"jane@example.com\"", true},
                          {"assignee = \"Jane Smith\"", true},
                          {"assignee = bob", false},
                          {"assignee != bob", true},
                          {"assignee in (bob, jsmith)", true},
                          {"assignee not in (jsmith)", false},
                          {"reporter = bob", true},
                          {"creator = \"557058:bbb\"", true},
                          {"Approvers = alice", true},
                          {"Approvers != alice", false},
                          {"Owner = carol", true},
                          {"cf[10018] = \"Carol Chen\"", true}});
  ExpectAll(SparseIssue(), {{"assignee != bob", false},
                            {"assignee not in (bob)", false},
                            {"assignee is empty", true},
                            {"assignee in (bob, EMPTY)", true},
                            {"NOT assignee = bob", true},
                            {"assignee != bob OR assignee is EMPTY", true}});
}

TEST(JqlEvalOperators, IssueKeysAndIds) {
  ExpectAll(FullIssue(), {{"key = ABC-12", true},
                          {"key = abc-12", true},
                          {"issuekey = 10012", true},
                          {"id = 10012", true},
                          {"issue != ABC-12", false},
                          {"key in (ABC-1, ABC-12)", true},
                          {"key not in (ABC-1)", true},
                          // Numbers compare within the operand's project.
                          {"key > ABC-9", true},
                          {"key < ABC-100", true},
                          {"key <= ABC-12", true},
                          {"key > ABC-12", false},
                          {"key > ABB-1", false},
                          {"key < XYZ-99", false},
                          {"parent = ABC-1", true},
                          {"parent = 10001", true},
                          {"parent in (ABC-2)", false}});
  EXPECT_NE(ErrorOf("key > 10001", FullIssue()).find("issue key"),
            std::string::npos);
}

TEST(JqlEvalOperators, NumbersAndDurations) {
  ExpectAll(FullIssue(), {{"votes = 3", true},
                          {"votes > 2", true},
                          {"votes in (1, 2)", false},
                          {"watchers >= 2", true},
                          {"watchers < 2", false},
                          {"\"Story Points\" = 5", true},
                          {"cf[10010] > 4.5", true},
                          {"cf[10010] <= 4", false},
                          {"workRatio = 25", true},
                          {"workRatio > 30", false},
                          {"originalEstimate = 1d", true},
                          {"originalEstimate = 8h", true},
                          {"timeOriginalEstimate > 7h", true},
                          {"remainingEstimate < 5h", true},
                          {"remainingEstimate = \"4h\"", true},
                          {"timeSpent > 1h", true},
                          {"timeSpent = 120", true},
                          {"timeSpent is not empty", true}});
  ExpectAll(SparseIssue(), {{"originalEstimate is empty", true},
                            {"votes > 0", false},
                            {"\"Story Points\" != 5", false},
                            {"workRatio is empty", true}});
}

TEST(JqlEvalOperators, TimeTrackingFallsBackToTheTimetrackingObject) {
  json issue = Issue({{"timetracking", {{"originalEstimateSeconds", 600},
                                        {"remainingEstimateSeconds", 200},
                                        {"timeSpentSeconds", 400}}}});
  ExpectAll(issue, {{"originalEstimate = 10m", true},
                    {"remainingEstimate < 4m", true},
                    {"timeSpent > 6m", true}});
}

TEST(JqlEvalOperators, TextFieldsSearchWithStemmingAndOperators) {
  ExpectAll(FullIssue(), {{"summary ~ crash", true},
                          {"summary ~ Crashing", true},
                          {"summary ~ \"login crash\"", true},
                          {"summary ~ \"\\\"page crashes\\\"\"", true},
                          {"summary ~ \"\\\"crashes page\\\"\"", false},
                          {"summary ~ \"safari OR firefox\"", true},
                          {"summary ~ \"saf*\"", true},
                          {"summary ~ firefox", false},
                          {"summary !~ firefox", true},
                          {"summary !~ login", false},
                          {"description ~ customize", true},
                          {"description ~ \"login -form\"", false},
                          {"comment ~ canary", true},
                          {"comment ~ staging", true},
                          // Each comment is its own document.
                          {"comment ~ \"staging canary\"", false},
                          {"Notes ~ outage", true},
                          {"summary is not empty", true},
                          {"environment is empty", true},
                          {"environment !~ safari", false},
                          {"environment ~ safari", false}});
}

TEST(JqlEvalOperators, TextMasterFieldSearchesEachTextField) {
  ExpectAll(FullIssue(), {{"text ~ safari", true},
                          {"text ~ outage", true},
                          {"text ~ canary", true},
                          {"text ~ customized", true},
                          // Terms must meet in one field.
                          {"text ~ \"safari outage\"", false},
                          {"text ~ kubernetes", false}});
}

TEST(JqlEvalOperators, TextQueryErrorsAreReported) {
  EXPECT_FALSE(ErrorOf("summary ~ \"(unbalanced\"", FullIssue()).empty());
}

TEST(JqlEvalOperators, CustomFieldShapes) {
  ExpectAll(FullIssue(), {{"Severity = \"Sev 2\"", true},
                          {"Severity = \"sev 2\"", true},
                          {"Severity = 10200", true},
                          {"Severity != \"Sev 1\"", true},
                          {"Severity in (\"Sev 1\", \"Sev 3\")", false},
                          {"Website = \"https://example.com/help\"", true},
                          {"Launch > now()", true},
                          {"Launch < \"2026-02-01 10:01\"", true},
                          {"\"Start date\" = \"2026-02-15\"", true},
                          {"\"Start date\" > endOfMonth()", true},
                          {"Location in cascadeOption(Europe)", true},
                          {"Location in cascadeOption(europe, berlin)", true},
                          {"Location in cascadeOption(300, 301)", true},
                          {"Location in cascadeOption(Europe, Paris)", false},
                          {"Location in cascadeOption(Europe, none)", false},
                          {"Location in cascadeOption(Asia)", false},
                          {"Location not in cascadeOption(Asia)", true},
                          {"Location in cascadeOption(none)", false}});
  json parent_only = FullIssue();
  parent_only["fields"]["customfield_10016"].erase("child");
  ExpectAll(parent_only, {{"Location in cascadeOption(Europe, none)", true},
                          {"Location in cascadeOption(Europe, Berlin)", false}});
  ExpectAll(SparseIssue(), {{"Location in cascadeOption(none)", true},
                            {"Location not in cascadeOption(Asia)", false}});
}

TEST(JqlEvalOperators, SprintsByIdNameAndState) {
  ExpectAll(FullIssue(), {{"sprint = 7", true},
                          {"sprint = \"Sprint 7\"", true},
                          {"sprint in openSprints()", true},
                          {"sprint in closedSprints()", false},
                          {"sprint not in futureSprints()", true},
                          {"sprint is not empty", true}});
  // Jira Server writes sprints as strings.
  json server = SparseIssue();
  server["fields"]["customfield_10021"] = {
      "com.atlassian.greenhopper.service.sprint.Sprint@1f2[id=3,rapidViewId=1,"
      "state=CLOSED,name=Sprint 3, the big one,goal=,startDate=<null>,"
      "sequence=3]"};
  ExpectAll(server, {{"sprint = 3", true},
                     {"sprint = \"Sprint 3, the big one\"", true},
                     {"sprint in closedSprints()", true},
                     {"sprint in openSprints()", false}});
}

TEST(JqlEvalOperators, IssueLinkTypesUseTheDirection) {
  ExpectAll(FullIssue(), {{"issueLinkType = blocks", true},
                          {"issueLinkType = \"is blocked by\"", false},
                          {"issueLinkType != blocks", false},
                          {"issueLinkType in (duplicates, blocks)", true}});
  // `!=` also returns issues without links.
  ExpectAll(SparseIssue(), {{"issueLinkType != blocks", true},
                            {"issueLinkType = blocks", false}});
}

TEST(JqlEvalOperators, EntityProperties) {
  ExpectAll(FullIssue(), {{"issue.property[support].level = 3", true},
                          {"issue.property[support].level > 2", true},
                          {"issue.property[support].level < 3", false},
                          {"issue.property[support].team = core", true},
                          {"issue.property[support].team != Core", false},
                          {"issue.property[support].tags = beta", true},
                          {"issue.property[support].team ~ core", true},
                          {"issue.property[missing].x is empty", true},
                          {"issue.property[support].level is not empty", true}});
}

TEST(JqlEvalOperators, BooleanStructure) {
  ExpectAll(FullIssue(),
            {{"project = ABC AND status = \"In Progress\"", true},
             {"project = ABC AND status = Done", false},
             {"project = XYZ OR priority = High", true},
             {"NOT project = XYZ", true},
             {"NOT (project = ABC AND labels = backend)", false},
             {"(project = XYZ OR labels = backend) AND NOT votes < 3", true},
             {"project = ABC ORDER BY created", true}});
}

TEST(JqlEvalOperators, JsmCustomerRequestType) {
  json issue = Issue({{"customfield_10050",
                       {{"requestType", {{"id", "12"}, {"name", "Get IT help"}}},
                        {"currentStatus", {{"status", "Waiting for support"}}}}}});
  ExpectAll(issue, {{"\"Customer Request Type\" = \"Get IT help\"", true},
                    {"\"Customer Request Type\" = 12", true},
                    {"\"Customer Request Type\" in (\"Other\")", false}});
}

TEST(JqlEvalOperators, EvaluatorIsThreadSafe) {
  Evaluator evaluator(CheckJql("labels = backend AND summary ~ crash AND "
                               "created > -30d ORDER BY created"),
                      TestContext(), &EvalCatalog());
  IssueDocument doc = Doc(FullIssue());
  std::vector<std::thread> threads;
  std::atomic<int> matched{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) matched += evaluator.Evaluate(doc).matched;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(matched.load(), 800);
  EXPECT_TRUE(evaluator.SortOrder({}).empty());
}

TEST(JqlEvalOperators, EmptyQueryMatchesEverything) {
  EXPECT_TRUE(Matches("", SparseIssue()));
  EXPECT_TRUE(Matches("order by key", SparseIssue()));
}

TEST(JqlEvalOperators, WrongJsonTypesReadAsEmpty) {
  json odd = Issue({{"labels", "not-an-array"},
                    {"priority", 42},
                    {"assignee", json::array({1, 2})},
                    {"created", {{"nested", true}}},
                    {"votes", "many"},
                    {"components", {{"weird", true}}},
                    {"comment", "text"}});
  ExpectAll(odd, {{"created > -1d", false},
                  {"created is empty", true},
                  {"votes > 1", false},
                  {"component is empty", true},
                  {"comment ~ text", false},
                  {"assignee = jsmith", false}});
  IssueDocument no_fields = Doc(json{{"key", "ABC-3"}, {"fields", "oops"}});
  // Without a project object the key's prefix names the project.
  EXPECT_TRUE(Matches("project = ABC", no_fields));
  EXPECT_TRUE(Matches("status is empty", no_fields));
  EXPECT_TRUE(Matches("key = ABC-3", no_fields));
}

}  // namespace
}  // namespace syncrule::jql::evaltest
