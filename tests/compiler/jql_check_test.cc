// Tests for the JQL semantic checker: table rows of (query, expected
// diagnostic codes), then messages, notes, fix-its, ranges and the checked
// form for selected cases.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "compiler/jql/check.h"
#include "compiler/jql/field_catalog.h"
#include "compiler/parse/jql_parser.h"

namespace syncrule::jql {
namespace {

// The custom fields the checker tests query, by name, id and Name[Type].
constexpr std::string_view kCustomFieldsJson = R"json([
  {"id": "customfield_10010", "name": "Story Points", "custom": true,
   "schema": {"type": "number", "customId": 10010,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float"}},
  {"id": "customfield_10011", "name": "Severity", "custom": true,
   "schema": {"type": "option", "customId": 10011,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select"}},
  {"id": "customfield_10012", "name": "Notes", "custom": true,
   "schema": {"type": "string", "customId": 10012,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:textarea"}},
  {"id": "customfield_10013", "name": "Start date", "custom": true,
   "schema": {"type": "date", "customId": 10013,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:datepicker"}},
  {"id": "customfield_10014", "name": "Custom number", "custom": true,
   "schema": {"type": "number", "customId": 10014,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float"}},
  {"id": "customfield_10015", "name": "Custom number", "custom": true,
   "schema": {"type": "string", "customId": 10015,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:textfield"}},
  {"id": "customfield_10016", "name": "Location", "custom": true,
   "schema": {"type": "option-with-child", "customId": 10016,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:cascadingselect"}},
  {"id": "customfield_10017", "name": "Approvers", "custom": true,
   "schema": {"type": "array", "items": "user", "customId": 10017,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker"}},
  {"id": "customfield_10018", "name": "Environment", "custom": true,
   "schema": {"type": "string", "customId": 10018,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:textarea"}},
  {"id": "customfield_10020", "name": "Sprint", "custom": true,
   "schema": {"type": "array", "items": "json", "customId": 10020,
     "custom": "com.pyxis.greenhopper.jira:gh-sprint"}},
  {"id": "customfield_10021", "name": "Epic Link", "custom": true,
   "schema": {"type": "any", "customId": 10021,
     "custom": "com.pyxis.greenhopper.jira:gh-epic-link"}},
  {"id": "customfield_10030", "name": "Mystery", "custom": true,
   "schema": {"type": "any", "customId": 10030,
     "custom": "com.example.plugin:mystery"}},
  {"id": "customfield_10031", "name": "Target release", "custom": true,
   "schema": {"type": "version", "customId": 10031,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:version"}},
  {"id": "customfield_10032", "name": "Time to resolution", "custom": true,
   "schema": {"type": "sd-servicelevelagreement", "customId": 10032,
     "custom": "com.atlassian.servicedesk:sd-sla-field"}},
  {"id": "customfield_10033", "name": "Dup", "custom": true,
   "schema": {"type": "option", "customId": 10033,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select"}},
  {"id": "customfield_10034", "name": "Dup", "custom": true,
   "schema": {"type": "option", "customId": 10034,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select"}},
  {"id": "customfield_10035", "name": "Website", "custom": true,
   "schema": {"type": "string", "customId": 10035,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:url"}},
  {"id": "customfield_10036", "name": "Launch", "custom": true,
   "schema": {"type": "datetime", "customId": 10036,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:datetime"}}
])json";

const FieldCatalog& TestCatalog() {
  static const FieldCatalog* catalog = [] {
    auto* loaded = new FieldCatalog();
    std::string error;
    if (!loaded->AddCustomFields(kCustomFieldsJson, &error)) {
      ADD_FAILURE() << error;
    }
    return loaded;
  }();
  return *catalog;
}

// Parses and checks `jql`; the parse must succeed.
struct Checked {
  ParseResult parse;
  CheckedQuery query;
  DiagnosticList diagnostics;
};

Checked Check(std::string_view jql) {
  Checked result;
  result.parse = ParseJql(jql);
  EXPECT_TRUE(result.parse.ok()) << "does not parse: " << jql;
  result.query =
      CheckQuery(result.parse.query, TestCatalog(), result.diagnostics);
  return result;
}

std::vector<std::string> Codes(const DiagnosticList& diagnostics) {
  std::vector<std::string> codes;
  for (const Diagnostic& diagnostic : diagnostics.items()) {
    codes.push_back(diagnostic.code);
  }
  return codes;
}

std::string Describe(const DiagnosticList& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics.items()) {
    text += "\n  " + diagnostic.code + " " + diagnostic.message;
    for (const std::string& note : diagnostic.notes)
      text += "\n    note: " + note;
  }
  return text;
}

// One table row: a query and the codes it must produce, in order.
struct Row {
  const char* jql;
  std::vector<std::string> codes;
};

void PrintTo(const Row& row, std::ostream* os) { *os << row.jql; }

class CheckCodesTest : public ::testing::TestWithParam<Row> {};

TEST_P(CheckCodesTest, ProducesExpectedCodes) {
  const Row& row = GetParam();
  Checked checked = Check(row.jql);
  EXPECT_EQ(Codes(checked.diagnostics), row.codes)
      << row.jql << Describe(checked.diagnostics);
}

const std::vector<std::string> kNone;

// Every system field with the operators it supports.
INSTANTIATE_TEST_SUITE_P(
    ValidSystemFields, CheckCodesTest,
    ::testing::Values(
        Row{"", kNone}, Row{"project = ABC", kNone},
        Row{"project in (ABC, 10000) AND project != XYZ", kNone},
        Row{"project is not EMPTY", kNone},
        Row{"project in projectsLeadByUser() OR project in "
            "projectsWhereUserHasRole(Developers)",
            kNone},
        Row{"affectedVersion = 1.0 AND affectedVersion > 0.9", kNone},
        Row{"affectedVersion in unreleasedVersions() AND affectedVersion ~ "
            "\"9*\"",
            kNone},
        Row{"fixVersion = latestReleasedVersion(ABC)", kNone},
        Row{"fixVersion >= earliestUnreleasedVersion(ABC)", kNone},
        Row{"fixVersion in releasedVersions(ABC) and fixVersion !~ \"1.*\"",
            kNone},
        Row{"fixVersion was 1.0 and fixVersion was not in (2.0, 3.0)", kNone},
        Row{"fixVersion changed to 2.0", kNone},
        Row{"fixVersion is empty", kNone},
        Row{"assignee = currentUser() AND reporter != bob", kNone},
        Row{"assignee in membersOf(\"jira-users\")", kNone},
        Row{"assignee in (currentUser(), bob, EMPTY)", kNone},
        Row{"assignee was currentUser() and assignee was in membersOf(g)",
            kNone},
        Row{"assignee changed from bob to EMPTY by currentUser()", kNone},
        Row{"reporter was bob before 2024-01-01", kNone},
        Row{"creator = bob and creator was bob and creator is not empty",
            kNone},
        Row{"attachments is empty", kNone},
        Row{"category = Internal and category in (A, B)", kNone},
        Row{"comment ~ \"disk full\" and comment !~ foo", kNone},
        Row{"component = UI and component in componentsLeadByUser(bob)", kNone},
        Row{"created > -1d AND created < now()", kNone},
        Row{"created >= \"2024/01/31 10:00\" AND created <= \"2024-01-31 "
            "10:00\"",
            kNone},
        Row{"created > 2024-01-31 and created > \"2024/01/31\"", kNone},
        Row{"created > 1700000000000", kNone},
        Row{"created > \"-4w 2d\" and created in (-1d, startOfDay())", kNone},
        Row{"created > startOfDay(-1) and created < endOfMonth(\"+1M\")",
            kNone},
        Row{"createdDate > startOfWeek() and updatedDate < endOfWeek(-1w)",
            kNone},
        Row{"created > startOfYear() and created < endOfYear(\"+3M\")", kNone},
        Row{"created > currentLogin() or created > lastLogin()", kNone},
        Row{"description ~ crash and description is not empty", kNone},
        Row{"due < 1d and duedate is empty and due = 2024-05-01", kNone},
        Row{"environment ~ linux and environment is empty", kNone},
        Row{"filter = 12000 or request in (\"My filter\", 5)", kNone},
        Row{"issueKey = ABC-123 and key in (ABC-1, 10001)", kNone},
        Row{"key > ABC-10 and issue < 20000 and id is not empty", kNone},
        Row{"issue in linkedIssues(ABC-1, \"is blocked by\")", kNone},
        Row{"issuekey in updatedBy(bob, \"-1w\", now)", {"JQL118"}},
        Row{"issuekey in updatedBy(bob, \"-1w\", 2024-01-01)", kNone},
        Row{"key in issueHistory() or key in votedIssues() or key in "
            "watchedIssues()",
            kNone},
        Row{"key in issuesWithRemoteLinksByGlobalId(a, b)", kNone},
        Row{"issueLinkType = blocks and issueLinkType in (clones)", kNone},
        Row{"labels = urgent and labels in (a, b) and labels is not empty",
            kNone},
        Row{"lastViewed > -7d", kNone},
        Row{"level = Secret and level is empty", kNone},
        Row{"originalEstimate > 2d and timeOriginalEstimate = 1h", kNone},
        Row{"remainingEstimate < \"1h 30m\" and timeEstimate = 90", kNone},
        Row{"timeSpent >= 1w and timeSpent is empty", kNone},
        Row{"parent = ABC-1 and parent in (ABC-2, 10002)", kNone},
        Row{"priority > Normal and priority in (High, 1)", kNone},
        Row{"priority was High and priority changed after -1d", kNone},
        Row{"progress > 10", kNone},
        Row{"request-channel-type = email and request-channel-type in (portal)",
            kNone},
        Row{"request-last-activity-time > -1d", kNone},
        Row{"resolution = unresolved or resolution is EMPTY", kNone},
        Row{"resolution > Fixed and resolution was Done", kNone},
        Row{"resolved > -1h and resolutionDate < now()", kNone},
        Row{"sprint = 5 and sprint in openSprints() and sprint in "
            "closedSprints()",
            kNone},
        Row{"sprint in futureSprints() and sprint is empty", kNone},
        Row{"status = Open and status in (1, \"In Progress\") and status != "
            "Done",
            kNone},
        Row{"status was Open and status was not in (Closed) and status is not "
            "empty",
            kNone},
        Row{"status changed from Open to Closed by currentUser() after -1d "
            "before now() during (\"2024-01-01\", \"2024-02-01\") on "
            "2024-01-15",
            kNone},
        Row{"status changed by membersOf(g) during (startOfMonth(), now())",
            kNone},
        Row{"status was Open after (-1d)", kNone},
        Row{"statusCategory = \"In Progress\" and statusCategory in (done, 2, "
            "\"To Do\")",
            kNone},
        Row{"statusCategoryChangedDate > -2d", kNone},
        Row{"summary ~ \"foo bar\" and summary !~ baz and summary is not empty",
            kNone},
        Row{"text ~ crash", kNone},
        Row{"type = Bug and issuetype in standardIssueTypes() and type in "
            "subtaskIssueTypes()",
            kNone},
        Row{"updated > -1d", kNone},
        Row{"voter = bob and watcher in membersOf(g) and voter is empty",
            kNone},
        Row{"votes > 5 and watchers = 0 and votes in (1, 2)", kNone},
        Row{"worklogAuthor = currentUser() and worklogComment ~ fix", kNone},
        Row{"worklogDate > 2024-01-01 and worklogDate in (2024-01-02)", kNone},
        Row{"workRatio > 50 and workRatio is empty", kNone},
        Row{"approvals = approved() or approval = approver(bob, alice)", kNone},
        Row{"approval = pending() or approval = myApproval() or approval = "
            "myPending() or approval = pendingBy(bob)",
            kNone},
        Row{"\"Customer Request Type\" = \"Get IT help\"", kNone},
        Row{"issue.property[foo].bar = 5 and issue.property[x].y > 3", kNone},
        Row{"issue.property[foo].bar ~ x and project.property[a].b is empty",
            kNone},
        Row{"comment.prop[author].author.name = bob", kNone},
        Row{"development[commits].all > 0", kNone},
        Row{"STATUS = open AND Due > -1d AND fIxVeRsIoN = 1.0", kNone},
        Row{"assignee = CURRENTUSER() and created > STARTOFDAY()", kNone},
        Row{"not status = Open and (project = A or not (project = B))", kNone},
        Row{"order by created desc, priority asc", kNone},
        Row{"order by issue.property[foo].bar desc, cf[10010]", kNone},
        Row{"project = \"all\"", kNone}));

INSTANTIATE_TEST_SUITE_P(
    ValidCustomFields, CheckCodesTest,
    ::testing::Values(
        Row{"cf[10010] > 3 and cf[10010] in (1, 2) and cf[10010] is empty",
            kNone},
        Row{"\"Story Points\" = 1.5 and \"story points\" <= -2", kNone},
        Row{"Severity in (High, Low) and Severity = High and Severity is empty",
            kNone},
        Row{"Notes ~ foo and Notes is not empty", kNone},
        Row{"\"Start date\" < startOfWeek() and \"Start date\" > 2024-01-01",
            kNone},
        Row{"Location in cascadeOption(EMEA, Berlin)", kNone},
        Row{"Location not in cascadeOption(EMEA) and Location = EMEA", kNone},
        Row{"Approvers in membersOf(g) and Approvers = currentUser()", kNone},
        Row{"\"Custom number[Number]\" = 1", kNone},
        Row{"\"Custom number[Short text]\" ~ abc", kNone},
        Row{"cf[10015] ~ abc and cf[10014] > 2", kNone},
        Row{"Mystery = anything and Mystery in (a, b) and Mystery is empty",
            kNone},
        Row{"Mystery = now()", kNone},
        Row{"\"Target release\" in releasedVersions() and \"Target release\" = "
            "latestReleasedVersion(ABC)",
            kNone},
        Row{"\"Time to resolution\" = breached() or \"Time to resolution\" > "
            "elapsed(\"1h\")",
            kNone},
        Row{"\"Time to resolution\" = everbreached() or \"Time to resolution\" "
            "< "
            "remaining(\"2h\")",
            kNone},
        Row{"Website = \"https://example.com\"", kNone},
        Row{"Launch > -1d and Launch < endOfDay()", kNone},
        Row{"Sprint in closedSprints()", kNone},
        Row{"\"Epic Link\" = ABC-1 and \"Epic Link\" in linkedIssues(ABC-2)",
            kNone},
        Row{"environment ~ linux", kNone},
        Row{"order by \"Story Points\" desc, Severity", kNone}));

INSTANTIATE_TEST_SUITE_P(
    Errors, CheckCodesTest,
    ::testing::Values(
        // JQL101 unknown field.
        Row{"stauts = Open", {"JQL101"}}, Row{"nosuchfield = 1", {"JQL101"}},
        Row{"cf[99999] = 1", {"JQL101"}},
        Row{"foo.property[x].y = 1", {"JQL101"}}, Row{"12345 = 1", {"JQL101"}},
        // JQL102 ambiguous custom field.
        Row{"Dup = x", {"JQL102"}}, Row{"\"Dup[Dropdown]\" = x", {"JQL102"}},
        Row{"\"Custom number\" = 1", {"JQL102"}},
        // JQL103 operator not supported.
        Row{"status ~ Open", {"JQL103"}}, Row{"status > Open", {"JQL103"}},
        Row{"summary = foo", {"JQL103"}}, Row{"summary in (a, b)", {"JQL103"}},
        Row{"summary was foo", {"JQL103"}},
        Row{"description changed", {"JQL103"}},
        Row{"creator changed", {"JQL103"}}, Row{"project was ABC", {"JQL103"}},
        Row{"votes is empty", {"JQL103"}}, Row{"text !~ x", {"JQL103"}},
        Row{"comment is empty", {"JQL103"}},
        Row{"statusCategory > 1", {"JQL103"}},
        Row{"statusCategory is empty", {"JQL103"}},
        Row{"attachments = x", {"JQL103"}}, Row{"filter is empty", {"JQL103"}},
        Row{"parent > ABC-1", {"JQL103"}},
        Row{"worklogDate is empty", {"JQL103"}},
        Row{"approvals != approved()", {"JQL103"}},
        Row{"Notes = foo", {"JQL103"}}, Row{"cf[10010] ~ 3", {"JQL103"}},
        Row{"Severity > High", {"JQL103"}},
        Row{"\"Time to resolution\" in (breached())", {"JQL103"}},
        Row{"issue.property[x].y was 1", {"JQL103"}},
        Row{"created was -1d", {"JQL103"}},
        // JQL104 unknown function.
        Row{"assignee = currentUsr()", {"JQL104"}},
        Row{"created > bogus()", {"JQL104"}},
        Row{"assignee = \"\"()", {"JQL104"}},
        Row{"created in (now(), nope())", {"JQL104"}},
        // JQL105 arity.
        Row{"created > now(1)", {"JQL105"}},
        Row{"assignee in membersOf()", {"JQL105"}},
        Row{"assignee in membersOf(a, b)", {"JQL105"}},
        Row{"created > startOfDay(1, 2)", {"JQL105"}},
        Row{"approval = approver()", {"JQL105"}},
        Row{"Location in cascadeOption(a, b, c)", {"JQL105"}},
        // JQL106 function does not fit the field.
        Row{"created = currentUser()", {"JQL106"}},
        Row{"assignee = now()", {"JQL106"}},
        Row{"status in membersOf(x)", {"JQL106"}},
        Row{"project in releasedVersions()", {"JQL106"}},
        Row{"summary ~ currentUser()", {"JQL106"}},
        Row{"\"Epic Link\" in updatedBy(bob)", {"JQL106"}},
        Row{"Severity = cascadeOption(a)", {"JQL106"}},
        Row{"assignee in (bob, startOfDay())", {"JQL106"}},
        // JQL107 function after an operator it cannot follow.
        Row{"assignee = membersOf(g)", {"JQL107"}},
        Row{"assignee was membersOf(g)", {"JQL107"}},
        Row{"fixVersion = releasedVersions()", {"JQL107"}},
        Row{"Location = cascadeOption(EMEA)", {"JQL107"}},
        Row{"sprint != openSprints()", {"JQL107"}},
        // JQL108 invalid date.
        Row{"created > yesterday", {"JQL108"}}, Row{"due < abc", {"JQL108"}},
        Row{"created in (-1d, bogus)", {"JQL108"}},
        Row{"\"Start date\" = soon", {"JQL108"}},
        Row{"updated = \"2024-01-31T10:00\"", {"JQL108"}},
        // JQL109 invalid number.
        Row{"votes > abc", {"JQL109"}}, Row{"votes = 1.5", {"JQL109"}},
        Row{"cf[10010] = lots", {"JQL109"}},
        Row{"\"Story Points\" in (1, x)", {"JQL109"}},
        // JQL110 invalid duration.
        Row{"originalEstimate > abc", {"JQL110"}},
        Row{"timeSpent = 2x", {"JQL110"}},
        // JQL111-JQL114 history predicates.
        Row{"status was Open during (-1d)", {"JQL111"}},
        Row{"status changed during -1d", {"JQL111"}},
        Row{"status was Open during (a, b, c)", {"JQL111"}},
        Row{"status was Open during ((-1d, -2d), now())", {"JQL111"}},
        Row{"status was Open before (-1d, -2d)", {"JQL112"}},
        Row{"status changed after (-1d, -2d)", {"JQL112"}},
        Row{"status changed on ((-1d))", {"JQL112"}},
        Row{"status was Open after \"20/12/10\"", {"JQL113"}},
        Row{"status changed after currentUser()", {"JQL113"}},
        Row{"status changed on EMPTY", {"JQL113"}},
        Row{"status was Open during (-1d, nope)", {"JQL113"}},
        Row{"status changed before (soon)", {"JQL113"}},
        Row{"status changed by now()", {"JQL114"}},
        Row{"status changed by (bob, startOfDay())", {"JQL114"}},
        Row{"status changed after bogus()", {"JQL104"}},
        Row{"status changed after now(1)", {"JQL105"}},
        Row{"status changed to currentUser()", {"JQL106"}},
        // JQL115 EMPTY on fields that cannot be empty.
        Row{"votes = EMPTY", {"JQL115"}},
        Row{"votes in (EMPTY, 1)", {"JQL115"}},
        Row{"statusCategory != null", {"JQL115"}},
        Row{"comment ~ EMPTY", {"JQL115"}},
        // JQL116 entity properties.
        Row{"status[foo] = x", {"JQL116"}},
        Row{"cf[10010][x].y = 1", {"JQL116"}},
        Row{"issue.property = x", {"JQL116"}},
        // JQL117 ORDER BY.
        Row{"order by text", {"JQL117"}},
        Row{"order by comment asc, created", {"JQL117"}},
        Row{"order by nosuchfield", {"JQL101"}},
        // JQL118 function arguments.
        Row{"created > startOfDay(\"+1x\")", {"JQL118"}},
        Row{"created > endOfMonth(soon)", {"JQL118"}},
        Row{"issuekey in updatedBy(bob, never)", {"JQL118"}},
        // JQL119 issue keys.
        Row{"issueKey = foo", {"JQL119"}},
        Row{"parent in (ABC-1, nope)", {"JQL119"}}, Row{"key > -5", {"JQL119"}},
        // JQL120 fixed value sets.
        Row{"statusCategory = Blocked", {"JQL120"}}));

INSTANTIATE_TEST_SUITE_P(
    Warnings, CheckCodesTest,
    ::testing::Values(Row{"\"\" = x", {"JQL150", "JQL101"}},
                      Row{"order by \"\"", {"JQL150", "JQL101"}},
                      Row{"votes > 99999999999999999999", {"JQL151"}},
                      Row{"votes > -9223372036854775809", {"JQL151"}},
                      Row{"votes > 9223372036854775807", kNone},
                      Row{"key in linkedIssues(99999999999999999999)",
                          {"JQL151"}},
                      Row{"project = all", {"JQL152"}},
                      Row{"project in (ALL, ABC)", {"JQL152"}},
                      Row{"assignee in membersOf(all)", {"JQL152"}},
                      Row{"all = x", {"JQL152", "JQL101"}},
                      Row{"issue.property[all].x = 1", {"JQL152"}}));

INSTANTIATE_TEST_SUITE_P(
    MultipleFindings, CheckCodesTest,
    ::testing::Values(
        Row{"stauts = Open AND created > yesterday AND assignee = now() "
            "ORDER BY text",
            {"JQL101", "JQL108", "JQL106", "JQL117"}},
        Row{"status ~ x OR (votes = abc AND NOT summary = y)",
            {"JQL103", "JQL109", "JQL103"}},
        Row{"created > bogus() and created > now(1) and created in (x, y)",
            {"JQL104", "JQL105", "JQL108", "JQL108"}},
        Row{"status was Open during (-1d) before (a, b) by now()",
            {"JQL111", "JQL112", "JQL114"}},
        Row{"nosuch in (now(1), all)", {"JQL101", "JQL105", "JQL152"}},
        Row{"status = all order by nosuch, comment",
            {"JQL152", "JQL101", "JQL117"}}));

// Messages, notes, fix-its and ranges of selected diagnostics.

const Diagnostic& Only(const Checked& checked) {
  static const Diagnostic kNoDiagnostic;
  EXPECT_EQ(checked.diagnostics.items().size(), 1u)
      << Describe(checked.diagnostics);
  return checked.diagnostics.items().empty() ? kNoDiagnostic
                                             : checked.diagnostics.items()[0];
}

std::string_view Covered(std::string_view jql, SourceRange range) {
  if (range.end < range.begin || range.end > jql.size()) return "<bad range>";
  return jql.substr(range.begin, range.end - range.begin);
}

TEST(CheckMessagesTest, UnknownFieldSuggestsAndFixes) {
  constexpr std::string_view kJql = "stauts = Open";
  Checked checked = Check(kJql);
  const Diagnostic& error = Only(checked);
  EXPECT_EQ(error.severity, Severity::kError);
  EXPECT_EQ(error.message, "Field 'stauts' does not exist.");
  EXPECT_EQ(Covered(kJql, error.range), "stauts");
  ASSERT_EQ(error.notes.size(), 1u);
  EXPECT_EQ(error.notes[0], "did you mean 'status'?");
  ASSERT_EQ(error.fixes.size(), 1u);
  EXPECT_EQ(error.fixes[0].replacement, "status");
  EXPECT_EQ(Covered(kJql, error.fixes[0].range), "stauts");
}

TEST(CheckMessagesTest, SuggestionsWithSpacesAreQuoted) {
  constexpr std::string_view kJql = "\"Story Pionts\" = 1";
  Checked checked = Check(kJql);
  const Diagnostic& error = Only(checked);
  ASSERT_EQ(error.fixes.size(), 1u);
  EXPECT_EQ(error.fixes[0].replacement, "\"Story Points\"");
  EXPECT_EQ(Covered(kJql, error.fixes[0].range), "\"Story Pionts\"");
}

TEST(CheckMessagesTest, AmbiguousFieldOffersEachCustomId) {
  Checked checked = Check("\"Custom number\" = 1");
  const Diagnostic& error = Only(checked);
  EXPECT_EQ(error.message,
            "Field 'Custom number' is ambiguous: 2 custom fields have this "
            "name.");
  ASSERT_EQ(error.fixes.size(), 2u);
  EXPECT_EQ(error.fixes[0].replacement, "cf[10014]");
  EXPECT_EQ(error.fixes[1].replacement, "cf[10015]");
  ASSERT_EQ(error.notes.size(), 2u);
  EXPECT_NE(error.notes[0].find("number"), std::string::npos);
}

TEST(CheckMessagesTest, UnsupportedOperatorListsSupportedOnes) {
  constexpr std::string_view kJql = "status ~ Open";
  Checked checked = Check(kJql);
  const Diagnostic& error = Only(checked);
  EXPECT_EQ(error.message,
            "The operator '~' is not supported by the 'status' field.");
  EXPECT_EQ(Covered(kJql, error.range), kJql);
  ASSERT_FALSE(error.notes.empty());
  EXPECT_EQ(error.notes[0],
            "'status' supports: =, !=, IN, NOT IN, IS, IS NOT, WAS, WAS NOT, "
            "WAS IN, WAS NOT IN, CHANGED.");
}

TEST(CheckMessagesTest, EqualsOnTextPointsAtContains) {
  Checked checked = Check("summary = foo");
  const Diagnostic& error = Only(checked);
  EXPECT_EQ(error.message,
            "The operator '=' is not supported by the 'summary' field.");
  ASSERT_EQ(error.notes.size(), 2u);
  EXPECT_NE(error.notes[1].find("'~'"), std::string::npos);
}

TEST(CheckMessagesTest, HistoryOperatorNamesHistoryFields) {
  Checked checked = Check("summary changed");
  const Diagnostic& error = Only(checked);
  EXPECT_EQ(error.message,
            "The operator 'CHANGED' is not supported by the 'summary' field.");
  ASSERT_EQ(error.notes.size(), 2u);
  EXPECT_NE(error.notes[1].find("history operators"), std::string::npos);
}

TEST(CheckMessagesTest, UnknownFunctionEchoesCallAndSuggests) {
  constexpr std::string_view kJql = "assignee = currentUsr(x)";
  Checked checked = Check(kJql);
  const Diagnostic& error = Only(checked);
  EXPECT_EQ(error.message, "Unable to find JQL function 'currentUsr(x)'.");
  EXPECT_EQ(Covered(kJql, error.range), "currentUsr(x)");
  ASSERT_EQ(error.notes.size(), 1u);
  EXPECT_EQ(error.notes[0], "did you mean 'currentUser()'?");
  ASSERT_EQ(error.fixes.size(), 1u);
  EXPECT_EQ(error.fixes[0].replacement, "currentUser");
  EXPECT_EQ(Covered(kJql, error.fixes[0].range), "currentUsr");
}

TEST(CheckMessagesTest, ArityUsesJiraWording) {
  EXPECT_EQ(Only(Check("created > now(1)")).message,
            "Function 'now' expected '0' arguments but received '1'.");
  EXPECT_EQ(Only(Check("created > startOfDay(1, 2)")).message,
            "Function 'startOfDay' expected between '0' and '1' arguments but "
            "received '2'.");
  EXPECT_EQ(Only(Check("approval = approver()")).message,
            "Function 'approver' expected at least '1' arguments but received "
            "'0'.");
  constexpr std::string_view kJql = "created > now(1)";
  EXPECT_EQ(Covered(kJql, Only(Check(kJql)).range), "now(1)");
}

TEST(CheckMessagesTest, FunctionFieldAndOperatorMismatches) {
  Checked user = Check("created = currentUser()");
  const Diagnostic& field = Only(user);
  EXPECT_EQ(field.message,
            "The field 'created' is not supported by the function "
            "'currentUser'.");
  ASSERT_EQ(field.notes.size(), 1u);
  EXPECT_EQ(field.notes[0],
            "'currentUser' returns a user; 'created' holds date values.");
  EXPECT_EQ(Only(Check("assignee = membersOf(g)")).message,
            "The function 'membersOf' returns a list; use it with IN or NOT "
            "IN.");
  EXPECT_EQ(Only(Check("assignee was not membersOf(g)")).message,
            "The function 'membersOf' returns a list; use it with WAS IN or "
            "WAS NOT IN.");
  EXPECT_EQ(Only(Check("Location = cascadeOption(a)")).message,
            "The operator '=' is not supported by the function "
            "'cascadeOption'.");
}

TEST(CheckMessagesTest, ValueErrorsUseJiraWordingAndValueRanges) {
  constexpr std::string_view kJql = "created > yesterday";
  Checked checked = Check(kJql);
  const Diagnostic& date = Only(checked);
  EXPECT_EQ(date.message,
            "Date value 'yesterday' for field 'created' is invalid. Valid "
            "formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', "
            "'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', "
            "'4w 2d'.");
  EXPECT_EQ(Covered(kJql, date.range), "yesterday");
  EXPECT_EQ(Only(Check("votes > abc")).message,
            "'abc' is not a valid number for field 'votes'.");
  EXPECT_EQ(Only(Check("votes = EMPTY")).message,
            "The field 'votes' does not support searching for EMPTY values.");
  EXPECT_EQ(Only(Check("issueKey = foo")).message,
            "The issue key 'foo' for field 'issueKey' is invalid.");
  EXPECT_EQ(Only(Check("statusCategory = Blocked")).message,
            "The value 'Blocked' does not exist for the field "
            "'statusCategory'.");
}

TEST(CheckMessagesTest, PredicateErrorsUseJiraWording) {
  EXPECT_EQ(Only(Check("status was Open during (-1d)")).message,
            "The DURING predicate must be supplied with exactly 2 date "
            "values.");
  EXPECT_EQ(Only(Check("status was Open before (-1d, -2d)")).message,
            "The BEFORE predicate must be supplied with only 1 date value.");
  EXPECT_EQ(Only(Check("status was Open after \"20/12/10\"")).message,
            "Date value '20/12/10' for predicate 'after' is invalid. Valid "
            "formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', "
            "'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', "
            "'4w 2d'.");
  EXPECT_EQ(Only(Check("status changed after currentUser()")).message,
            "A date for the predicate 'after' provided by the function "
            "'currentUser' is not valid.");
}

TEST(CheckMessagesTest, SortErrorNamesTheField) {
  constexpr std::string_view kJql = "order by created, Text";
  Checked checked = Check(kJql);
  const Diagnostic& error = Only(checked);
  EXPECT_EQ(error.message, "Not able to sort using field 'Text'.");
  EXPECT_EQ(Covered(kJql, error.range), "Text");
}

TEST(CheckMessagesTest, ServerOnlyFindingsAreWarnings) {
  constexpr std::string_view kJql = "project = all";
  Checked checked = Check(kJql);
  const Diagnostic& warning = Only(checked);
  EXPECT_EQ(warning.severity, Severity::kWarning);
  EXPECT_FALSE(checked.diagnostics.has_errors());
  EXPECT_EQ(warning.message,
            "'all' is a reserved JQL word. You must surround it in quotation "
            "marks to use it in a query.");
  ASSERT_EQ(warning.fixes.size(), 1u);
  EXPECT_EQ(warning.fixes[0].replacement, "\"all\"");
  EXPECT_EQ(Covered(kJql, warning.fixes[0].range), "all");

  Checked large = Check("votes > 99999999999999999999");
  const Diagnostic& number = Only(large);
  EXPECT_EQ(number.severity, Severity::kWarning);
  EXPECT_EQ(number.message,
            "'99999999999999999999' is not a valid number. Numbers must be "
            "between -9,223,372,036,854,775,808 and "
            "9,223,372,036,854,775,807.");

  Checked empty = Check("\"\" = x");
  ASSERT_EQ(empty.diagnostics.items().size(), 2u);
  EXPECT_EQ(empty.diagnostics.items()[0].severity, Severity::kWarning);
  EXPECT_EQ(empty.diagnostics.items()[0].message,
            "A field name cannot be empty.");
}

// The checked form.

TEST(CheckedFormTest, ResolvesFieldsAndCanonicalisesFunctions) {
  Checked checked = Check(
      "ASSIGNEE = CURRENTUSER() AND created > STARTOFDAY(-1) ORDER BY "
      "duedate DESC");
  ASSERT_FALSE(checked.diagnostics.has_errors())
      << Describe(checked.diagnostics);
  ASSERT_TRUE(checked.query.where.has_value());
  const CheckedClause& root = *checked.query.where;
  EXPECT_EQ(root.kind, ClauseKind::kAnd);
  ASSERT_EQ(root.children.size(), 2u);
  const CheckedClause& assignee = root.children[0];
  EXPECT_EQ(assignee.field, TestCatalog().FindByName("assignee"));
  EXPECT_EQ(assignee.op, Operator::kEquals);
  ASSERT_TRUE(assignee.operand.has_value());
  EXPECT_EQ(assignee.operand->kind, OperandKind::kFunction);
  EXPECT_EQ(assignee.operand->literal.text, "currentUser");
  const CheckedClause& created = root.children[1];
  EXPECT_EQ(created.field->name, "created");
  EXPECT_EQ(created.op, Operator::kGreater);
  EXPECT_EQ(created.operand->literal.text, "startOfDay");
  ASSERT_EQ(created.operand->arguments.size(), 1u);
  EXPECT_EQ(created.operand->arguments[0].text, "-1");
  ASSERT_EQ(checked.query.order_by.size(), 1u);
  EXPECT_EQ(checked.query.order_by[0].field->name, "due");
  EXPECT_EQ(checked.query.order_by[0].direction, SortDirection::kDescending);
}

TEST(CheckedFormTest, KeepsListsPredicatesAndProperties) {
  Checked checked = Check(
      "status changed from (Open, \"In Progress\") to Done after -1d and "
      "issue.property[foo].bar in (1, membersof(g))");
  ASSERT_TRUE(checked.query.where.has_value());
  const CheckedClause& changed = checked.query.where->children[0];
  EXPECT_EQ(changed.op, Operator::kChanged);
  EXPECT_FALSE(changed.operand.has_value());
  ASSERT_EQ(changed.predicates.size(), 3u);
  EXPECT_EQ(changed.predicates[0].kind, PredicateKind::kFrom);
  EXPECT_EQ(changed.predicates[0].operand.kind, OperandKind::kList);
  ASSERT_EQ(changed.predicates[0].operand.elements.size(), 2u);
  EXPECT_EQ(changed.predicates[0].operand.elements[1].literal.text,
            "In Progress");
  EXPECT_EQ(changed.predicates[2].kind, PredicateKind::kAfter);
  EXPECT_EQ(changed.predicates[2].operand.literal.text, "-1d");
  const CheckedClause& property = checked.query.where->children[1];
  EXPECT_EQ(property.field->type, FieldType::kEntityProperty);
  ASSERT_EQ(property.properties.size(), 1u);
  EXPECT_EQ(property.properties[0].key.text, "foo");
  ASSERT_EQ(property.operand->elements.size(), 2u);
  EXPECT_EQ(property.operand->elements[1].literal.text, "membersOf");
}

TEST(CheckedFormTest, CustomFieldsResolveToCatalogEntries) {
  Checked checked =
      Check("cf[10010] > 1 and \"Custom number[Short text]\" ~ x");
  ASSERT_FALSE(checked.diagnostics.has_errors())
      << Describe(checked.diagnostics);
  const auto& children = checked.query.where->children;
  EXPECT_EQ(children[0].field, TestCatalog().FindCustom(10010));
  EXPECT_EQ(children[1].field, TestCatalog().FindCustom(10015));
}

TEST(CheckedFormTest, UnresolvedFieldsAreNull) {
  Checked checked = Check("nosuch = 1 order by nosuch");
  EXPECT_TRUE(checked.diagnostics.has_errors());
  EXPECT_EQ(checked.query.where->field, nullptr);
  EXPECT_EQ(checked.query.order_by[0].field, nullptr);
}

TEST(CheckedFormTest, DeepNestingDoesNotOverflow) {
  std::string jql;
  for (int i = 0; i < 500; ++i) jql += "not (";
  jql += "status = Open";
  for (int i = 0; i < 500; ++i) jql += ")";
  Checked checked = Check(jql);
  EXPECT_FALSE(checked.diagnostics.has_errors())
      << Describe(checked.diagnostics);
}

TEST(CheckedFormTest, ManyErrorsAreCapped) {
  std::string jql = "nosuch = 1";
  for (int i = 0; i < 100; ++i) jql += " or nosuch = 1";
  Checked checked = Check(jql);
  EXPECT_EQ(checked.diagnostics.items().size(),
            DiagnosticList::kMaxDiagnostics);
  EXPECT_GT(checked.diagnostics.dropped(), 0u);
  EXPECT_TRUE(checked.diagnostics.has_errors());
}

}  // namespace
}  // namespace syncrule::jql
