// The reference evaluator's functions: users and groups, the server-state
// functions read from the context file (and their errors when it lacks
// them), functions answered from the issue JSON, and JSM approvals/SLAs.

#include <string>

#include "tests/compiler/jql_eval_test_helpers.h"

namespace syncrule::jql::evaltest {
namespace {

json Jane() { return User("jsmith", "Jane Smith", "557058:aaa", "jane@example.com"); }

json IssueFor(const std::string& key, json assignee = nullptr) {
  return Issue({{"project", {{"key", "ABC"}, {"name", "Alpha"}, {"id", "10000"}}},
                {"assignee", assignee},
                {"reporter", User("bob", "Bob Brown")},
                {"issuetype", {{"name", "Sub-task"}, {"id", "5"}, {"subtask", true}}},
                {"components", {{{"name", "Backend"}, {"id", "20500"}}}},
                {"fixVersions", {{{"name", "1.0"}, {"id", "100"}, {"released", true}},
                                 {{"name", "2.0"}, {"id", "200"}, {"released", false}}}},
                {"issuelinks",
                 {{{"type", {{"name", "Blocks"}, {"inward", "is blocked by"},
                             {"outward", "blocks"}}},
                   {"outwardIssue", {{"key", "ABC-7"}, {"id", "10007"}}}},
                  {{"type", {{"name", "Duplicate"}, {"inward", "is duplicated by"},
                             {"outward", "duplicates"}}},
                   {"inwardIssue", {{"key", "XYZ-3"}, {"id", "20003"}}}}}}},
               key);
}

EvalContext WithServer(const std::string& text) {
  EvalContext context = TestContext();
  LoadResult<ServerContext> loaded = ParseServerContext(text);
  EXPECT_TRUE(loaded.ok()) << loaded.error;
  context.server = loaded.value;
  return context;
}

TEST(JqlEvalFunctions, CurrentUserNeedsAUser) {
  json issue = IssueFor("ABC-1", Jane());
  EXPECT_EQ(ErrorOf("assignee = currentUser()", issue),
            "Function 'currentUser()' needs the current user: give --user "
            "USER (Jira answers it for logged-in users only)");
  EvalContext context = TestContext();
  context.current_user = UserIdentity::FromText("jane@example.com");
  EXPECT_TRUE(Matches("assignee = currentUser()", issue, context));
  EXPECT_FALSE(Matches("reporter = currentUser()", issue, context));
  EXPECT_TRUE(Matches("reporter != currentUser()", issue, context));
  context.current_user = UserIdentity::FromJson(json{{"accountId", "557058:aaa"}});
  EXPECT_TRUE(Matches("assignee in (currentUser(), bob)", issue, context));
  // Unassigned issues never match `!=`.
  EXPECT_FALSE(Matches("assignee != currentUser()", IssueFor("ABC-2"), context));
}

TEST(JqlEvalFunctions, MembersOfUsesTheGroupsFile) {
  json issue = IssueFor("ABC-1", Jane());
  EXPECT_EQ(ErrorOf("assignee in membersOf(\"jira-administrators\")", issue),
            "Function 'membersOf()' needs group memberships: give --groups "
            "FILE");
  EvalContext context = TestContext();
  LoadResult<GroupDirectory> groups = ParseGroups(R"({"groups": {
      "jira-administrators": ["557058:aaa", "root"],
      "Developers": ["bob", {"name": "carol", "emailAddress": "c@x.org"}],
      "empty": []}})");
  ASSERT_TRUE(groups.ok()) << groups.error;
  context.groups = groups.value;
  EXPECT_TRUE(Matches("assignee in membersOf(\"jira-administrators\")", issue,
                      context));
  EXPECT_TRUE(Matches("assignee in membersOf(JIRA-ADMINISTRATORS)", issue,
                      context));
  EXPECT_FALSE(Matches("assignee in membersOf(developers)", issue, context));
  EXPECT_TRUE(Matches("reporter in membersOf(developers)", issue, context));
  EXPECT_TRUE(Matches("assignee not in membersOf(developers)", issue, context));
  EXPECT_FALSE(Matches("assignee in membersOf(\"empty\")", issue, context));
  EXPECT_EQ(ErrorOf("assignee in membersOf(nobody)", issue, context),
            "Function 'membersOf()': the group 'nobody' is not in the groups "
            "file");
}

TEST(JqlEvalFunctions, IssueListsNeedServerState) {
  json issue = IssueFor("ABC-1");
  EXPECT_EQ(ErrorOf("issue in issueHistory()", issue),
            "Function 'issueHistory()' needs Jira server state: give --context "
            "FILE with an \"issueHistory\" entry");
  // The error is reported even where the clause would not decide the answer.
  EXPECT_FALSE(ErrorOf("project = XYZ AND issue in watchedIssues()", issue)
                   .empty());
  EvalContext context = WithServer(R"({"issueHistory": ["ABC-1", "ABC-2"],
      "watchedIssues": ["XYZ-1"], "votedIssues": []})");
  EXPECT_TRUE(Matches("issue in issueHistory()", issue, context));
  EXPECT_FALSE(Matches("issue in watchedIssues()", issue, context));
  EXPECT_TRUE(Matches("issue not in watchedIssues()", issue, context));
  EXPECT_FALSE(Matches("issue in votedIssues()", issue, context));
  EXPECT_FALSE(Matches("issue in issueHistory()", IssueFor("ABC-3"), context));
}

TEST(JqlEvalFunctions, LinkedIssuesFromTheIssueItself) {
  json issue = IssueFor("ABC-1");
  EXPECT_TRUE(Matches("issue in linkedIssues(ABC-7)", issue));
  EXPECT_TRUE(Matches("issue in linkedIssues(abc-7)", issue));
  EXPECT_FALSE(Matches("issue in linkedIssues(ABC-8)", issue));
  // ABC-1 blocks ABC-7, so ABC-7 "is blocked by" ABC-1.
  EXPECT_TRUE(Matches("issue in linkedIssues(ABC-7, \"is blocked by\")", issue));
  EXPECT_FALSE(Matches("issue in linkedIssues(ABC-7, blocks)", issue));
  EXPECT_TRUE(Matches("issue in linkedIssues(XYZ-3, duplicates)", issue));
  EXPECT_FALSE(Matches("issue in linkedIssues(XYZ-3, \"Duplicates\")", issue));
  EXPECT_TRUE(Matches("issue not in linkedIssues(ABC-8)", issue));
  json no_links = Issue({{"summary", "x"}});
  EXPECT_NE(ErrorOf("issue in linkedIssues(ABC-7)", no_links)
                .find("needs the issue's links"),
            std::string::npos);
}

TEST(JqlEvalFunctions, LinkedIssuesFromTheContext) {
  EvalContext context = WithServer(R"({"linkedIssues": {
      "ABC-7": {"blocks": ["ABC-2"], "relates to": ["ABC-3"]},
      "ABC-9": ["ABC-2"]}})");
  EXPECT_TRUE(Matches("issue in linkedIssues(ABC-7)", IssueFor("ABC-2"), context));
  EXPECT_TRUE(Matches("issue in linkedIssues(ABC-7, blocks)", IssueFor("ABC-2"),
                      context));
  EXPECT_FALSE(Matches("issue in linkedIssues(ABC-7, blocks)",
                       IssueFor("ABC-3"), context));
  EXPECT_TRUE(Matches("issue in linkedIssues(ABC-9)", IssueFor("ABC-2"), context));
  EXPECT_FALSE(ErrorOf("issue in linkedIssues(ABC-9, blocks)", IssueFor("ABC-2"),
                       context).empty());
}

TEST(JqlEvalFunctions, UpdatedByFiltersByDay) {
  json issue = IssueFor("ABC-1");
  EXPECT_FALSE(ErrorOf("issue in updatedBy(jsmith)", issue).empty());
  EvalContext context = WithServer(R"({"updatedBy": {"jsmith": [
      {"issue": "ABC-1", "at": "2026-01-20T10:00:00Z"}, "ABC-2"]}})");
  EXPECT_TRUE(Matches("issue in updatedBy(jsmith)", issue, context));
  EXPECT_TRUE(Matches("issue in updatedBy(JSmith)", IssueFor("ABC-2"), context));
  EXPECT_TRUE(Matches("issue in updatedBy(jsmith, \"2026-01-20\", \"2026-01-20\")",
                      issue, context));
  EXPECT_FALSE(Matches("issue in updatedBy(jsmith, \"2026-01-21\")", issue,
                       context));
  EXPECT_FALSE(Matches("issue in updatedBy(jsmith, \"2026-01-01\")",
                       IssueFor("ABC-2"), context));
  EXPECT_FALSE(ErrorOf("issue in updatedBy(bob)", issue, context).empty());
}

TEST(JqlEvalFunctions, SprintFunctionsPreferTheContext) {
  json issue = Issue({{"customfield_10021",
                       {{{"id", 7}, {"name", "Sprint 7"}, {"state", "closed"}}}}});
  EXPECT_TRUE(Matches("sprint in closedSprints()", issue));
  EvalContext context = WithServer(R"({"openSprints": [7, "Sprint 9"]})");
  EXPECT_TRUE(Matches("sprint in openSprints()", issue, context));
  EXPECT_TRUE(Matches("sprint in closedSprints()", issue, context));
  json stateless = Issue({{"customfield_10021", {{{"id", 8}, {"name", "S8"}}}}});
  EXPECT_NE(ErrorOf("sprint in openSprints()", stateless).find("no state"),
            std::string::npos);
}

TEST(JqlEvalFunctions, VersionFunctions) {
  json issue = IssueFor("ABC-1");
  // Without a context: the versions' own released flags.
  EXPECT_TRUE(Matches("fixVersion in releasedVersions()", issue));
  EXPECT_TRUE(Matches("fixVersion in unreleasedVersions(ABC)", issue));
  EXPECT_TRUE(Matches("fixVersion in releasedVersions(Alpha)", issue));
  EXPECT_FALSE(Matches("fixVersion in releasedVersions(XYZ)", issue));
  EXPECT_FALSE(ErrorOf("fixVersion = latestReleasedVersion(ABC)", issue).empty());
  EvalContext context = WithServer(R"({
      "releasedVersions": {"ABC": ["0.9", "1.0"], "XYZ": ["2.0"]},
      "unreleasedVersions": {"ABC": ["2.0", "3.0"]},
      "latestReleasedVersion": {"XYZ": "2.0"}})");
  EXPECT_TRUE(Matches("fixVersion in releasedVersions(abc)", issue, context));
  // XYZ's "2.0" is not ABC's "2.0".
  EXPECT_FALSE(Matches("fixVersion in releasedVersions(XYZ)", issue, context));
  EXPECT_TRUE(Matches("fixVersion in releasedVersions()", issue, context));
  EXPECT_TRUE(Matches("fixVersion = latestReleasedVersion(ABC)", issue, context));
  EXPECT_TRUE(Matches("fixVersion = earliestUnreleasedVersion(ABC)", issue,
                      context));
  EXPECT_FALSE(Matches("fixVersion = latestReleasedVersion(XYZ)", issue, context));
  EXPECT_NE(ErrorOf("fixVersion in releasedVersions(QQQ)", issue, context)
                .find("no project 'QQQ'"),
            std::string::npos);
}

TEST(JqlEvalFunctions, IssueTypeFunctions) {
  json subtask = IssueFor("ABC-1");
  EXPECT_TRUE(Matches("type in subtaskIssueTypes()", subtask));
  EXPECT_FALSE(Matches("type in standardIssueTypes()", subtask));
  EvalContext context = WithServer(R"({"standardIssueTypes": ["Bug", "Sub-task"]})");
  EXPECT_TRUE(Matches("type in standardIssueTypes()", subtask, context));
}

TEST(JqlEvalFunctions, LeadAndPermissionFunctions) {
  json issue = IssueFor("ABC-1");
  EXPECT_FALSE(ErrorOf("project in projectsLeadByUser(jsmith)", issue).empty());
  EvalContext context = WithServer(R"({
      "projectsLeadByUser": {"jsmith": ["ABC"], "bob": ["XYZ"]},
      "componentsLeadByUser": {"557058:aaa": ["Backend"]},
      "projectsWhereUserHasPermission": {"Edit Issues": ["ABC"]},
      "projectsWhereUserHasRole": {"Developers": ["XYZ"]}})");
  EXPECT_TRUE(Matches("project in projectsLeadByUser(jsmith)", issue, context));
  EXPECT_FALSE(Matches("project in projectsLeadByUser(bob)", issue, context));
  // No argument: the current user, who must be known.
  EXPECT_FALSE(ErrorOf("project in projectsLeadByUser()", issue, context).empty());
  context.current_user = UserIdentity::FromJson(Jane());
  EXPECT_TRUE(Matches("project in projectsLeadByUser()", issue, context));
  EXPECT_TRUE(Matches("component in componentsLeadByUser()", issue, context));
  EXPECT_TRUE(Matches("project in projectsWhereUserHasPermission(\"edit issues\")",
                      issue, context));
  EXPECT_FALSE(Matches("project in projectsWhereUserHasRole(Developers)", issue,
                       context));
  EXPECT_FALSE(ErrorOf("project in projectsWhereUserHasRole(Admins)", issue,
                       context).empty());
}

TEST(JqlEvalFunctions, RemoteLinksAndFilters) {
  json issue = IssueFor("ABC-1");
  EvalContext context = WithServer(R"({
      "issuesWithRemoteLinksByGlobalId": {"g-1": ["ABC-1"], "g-2": []},
      "filter": {"12000": ["ABC-1"], "My open bugs": ["ABC-2"]}})");
  EXPECT_TRUE(Matches("issue in issuesWithRemoteLinksByGlobalId(\"g-1\", \"g-2\")",
                      issue, context));
  EXPECT_FALSE(Matches("issue in issuesWithRemoteLinksByGlobalId(\"g-2\")", issue,
                       context));
  EXPECT_TRUE(Matches("filter = 12000", issue, context));
  EXPECT_FALSE(Matches("filter = \"my open bugs\"", issue, context));
  EXPECT_TRUE(Matches("filter in (\"My open bugs\", 12000)", issue, context));
  EXPECT_TRUE(Matches("filter != \"My open bugs\"", issue, context));
  EXPECT_NE(ErrorOf("filter = 99", issue, context).find("filter '99'"),
            std::string::npos);
  EXPECT_FALSE(ErrorOf("filter = 12000", issue).empty());
}

TEST(JqlEvalFunctions, OtherEntityPropertiesNeedServerState) {
  EXPECT_NE(ErrorOf("project.property[x].y = 1", IssueFor("ABC-1"))
                .find("needs Jira server state"),
            std::string::npos);
}

json Approvals(const std::string& decision, const std::string& approver_decision) {
  return json::array({{{"id", "1"},
                       {"name", "Manager approval"},
                       {"finalDecision", decision},
                       {"approvers", {{{"approver", Jane()},
                                       {"approverDecision", approver_decision}},
                                      {{"approver", User("bob", "Bob Brown")},
                                       {"approverDecision", "approved"}}}}}});
}

TEST(JqlEvalFunctions, JsmApprovals) {
  json pending = Issue({{"customfield_10040", Approvals("pending", "pending")}});
  json approved = Issue({{"customfield_10040", Approvals("approved", "approved")}});
  EXPECT_TRUE(Matches("approvals = pending()", pending));
  EXPECT_FALSE(Matches("approvals = approved()", pending));
  EXPECT_TRUE(Matches("approvals = approved()", approved));
  EXPECT_TRUE(Matches("approvals = approver(jsmith)", approved));
  EXPECT_TRUE(Matches("approvals = pendingBy(jsmith)", pending));
  EXPECT_FALSE(Matches("approvals = pendingBy(bob)", pending));
  EXPECT_FALSE(Matches("approvals = pendingBy(jsmith)", approved));
  EXPECT_FALSE(ErrorOf("approvals = myPending()", pending).empty());
  EvalContext context = TestContext();
  context.current_user = UserIdentity::FromText("jsmith");
  EXPECT_TRUE(Matches("approvals = myPending()", pending, context));
  EXPECT_TRUE(Matches("approvals = myApproval()", approved, context));
}

json Sla(bool breached, bool paused, int64_t remaining_ms) {
  json cycle = {{"breached", breached},
                {"paused", paused},
                {"withinCalendarHours", true},
                {"elapsedTime", {{"millis", 3600000}}},
                {"remainingTime", {{"millis", remaining_ms}}}};
  return json{{"id", "1"}, {"name", "Time to resolution"},
              {"ongoingCycle", cycle},
              {"completedCycles", {{{"breached", true},
                                    {"elapsedTime", {{"millis", 1}}},
                                    {"remainingTime", {{"millis", -1}}}}}}};
}

TEST(JqlEvalFunctions, JsmSlas) {
  json running = Issue({{"customfield_10032", Sla(false, false, 5400000)}});
  EXPECT_TRUE(Matches("\"Time to resolution\" = running()", running));
  EXPECT_FALSE(Matches("\"Time to resolution\" = breached()", running));
  EXPECT_TRUE(Matches("\"Time to resolution\" = everbreached()", running));
  EXPECT_FALSE(Matches("\"Time to resolution\" = paused()", running));
  EXPECT_FALSE(Matches("\"Time to resolution\" = completed()", running));
  EXPECT_TRUE(Matches("\"Time to resolution\" = withinCalendarHours()", running));
  EXPECT_TRUE(Matches("\"Time to resolution\" < remaining(\"2h\")", running));
  EXPECT_FALSE(Matches("\"Time to resolution\" < remaining(\"1h\")", running));
  EXPECT_TRUE(Matches("\"Time to resolution\" = elapsed(\"1h\")", running));
  EXPECT_TRUE(Matches("\"Time to resolution\" > elapsed(\"30m\")", running));
  json done = running;
  done["fields"]["customfield_10032"].erase("ongoingCycle");
  EXPECT_TRUE(Matches("\"Time to resolution\" = completed()", done));
  EXPECT_TRUE(Matches("\"Time to resolution\" = breached()", done));
  EXPECT_FALSE(ErrorOf("\"Time to resolution\" = outdated()", running).empty());
}

TEST(JqlEvalFunctions, ErrorsAreStablePerQuery) {
  CheckedQuery checked = CheckJql("issue in issueHistory() OR project = ABC");
  Evaluator evaluator(checked, TestContext(), &EvalCatalog());
  EXPECT_FALSE(evaluator.error().empty());
  EvalResult result = evaluator.Evaluate(Doc(IssueFor("ABC-1")));
  EXPECT_FALSE(result.matched);
  EXPECT_EQ(result.error, evaluator.error());
}

TEST(JqlEvalFunctions, UnknownFunctionIsAnError) {
  CheckedQuery checked = CheckJql("created > now()");
  checked.where->operand->literal.text = "tomorrow";
  EXPECT_EQ(EvalChecked(checked, Doc(IssueFor("ABC-1"))).error,
            "Unable to find JQL function 'tomorrow()'.");
}

}  // namespace
}  // namespace syncrule::jql::evaltest
