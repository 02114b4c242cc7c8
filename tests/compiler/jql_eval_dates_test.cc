// The reference evaluator on dates: absolute and relative dates, epoch
// milliseconds, the date functions, date-only fields, and time zones, with
// "now" fixed at 2026-01-31T12:00:00Z (a Saturday).

#include <string>

#include "tests/compiler/jql_eval_test_helpers.h"

namespace syncrule::jql::evaltest {
namespace {

json CreatedAt(const std::string& created, const std::string& due = "") {
  json fields = {{"created", created}, {"updated", created}};
  if (!due.empty()) fields["duedate"] = due;
  return Issue(fields);
}

TEST(JqlEvalDates, AbsoluteDatesAreLocalToTheZone) {
  json issue = CreatedAt("2026-01-30T23:30:00.000+0000");
  EXPECT_FALSE(Matches("created >= \"2026-01-31\"", issue));
  EXPECT_TRUE(Matches("created >= \"2026-01-31\"", issue,
                      TestContext("Europe/Berlin")));
  EXPECT_TRUE(Matches("created >= \"2026/01/30 23:30\"", issue));
  EXPECT_FALSE(Matches("created < \"2026/01/31 00:30\"", issue,
                       TestContext("Europe/Berlin")));
  EXPECT_TRUE(Matches("created < \"2026/01/31 00:31\"", issue,
                      TestContext("Europe/Berlin")));
  EXPECT_TRUE(Matches("created < 2026-01-31", issue));
  EXPECT_TRUE(Matches("created > \"2026-01-30 23:29\"", issue));
}

TEST(JqlEvalDates, EqualityUsesWholeSeconds) {
  json issue = CreatedAt("2026-01-30T23:30:00.450+0000");
  EXPECT_TRUE(Matches("created = \"2026-01-30 23:30\"", issue));
  EXPECT_FALSE(Matches("created != \"2026-01-30 23:30\"", issue));
  EXPECT_FALSE(Matches("created > \"2026-01-30 23:30\"", issue));
  EXPECT_TRUE(Matches("created in (\"2026-01-01\", \"2026-01-30 23:30\")",
                      issue));
  EXPECT_TRUE(Matches("created != \"2026-01-30 23:31\"", issue));
}

TEST(JqlEvalDates, EpochMilliseconds) {
  json issue = CreatedAt("2026-01-30T23:30:00.000+0000");
  // 2026-01-30T23:30:00Z is 1769815800000.
  EXPECT_TRUE(Matches("created = 1769815800000", issue));
  EXPECT_TRUE(Matches("created > 1769815799000", issue));
  EXPECT_FALSE(Matches("created < 1769815800000", issue));
}

TEST(JqlEvalDates, RelativePeriodsDayAlignedOrClockAligned) {
  json yesterday_morning = CreatedAt("2026-01-30T11:00:00.000+0000");
  // "-1d" starts at 00:00 yesterday; "-24h" is 24 hours before now.
  EXPECT_TRUE(Matches("created > -1d", yesterday_morning));
  EXPECT_FALSE(Matches("created > \"-24h\"", yesterday_morning));
  EXPECT_TRUE(Matches("created > \"-26h\"", yesterday_morning));
  // A number without a unit counts minutes.
  json recent = CreatedAt("2026-01-31T10:45:00.000+0000");
  EXPECT_TRUE(Matches("created > \"-90\"", recent));
  EXPECT_FALSE(Matches("created > \"-60\"", recent));
  EXPECT_TRUE(Matches("created > \"-1w 2d\"", yesterday_morning));
  EXPECT_TRUE(Matches("created < \"1d\"", recent));
}

TEST(JqlEvalDates, StartAndEndFunctions) {
  json issue = CreatedAt("2026-01-25T10:00:00.000+0000");
  EXPECT_TRUE(Matches("created >= startOfWeek()", issue));  // Sunday Jan 25
  EXPECT_FALSE(Matches("created >= startOfDay()", issue));
  EXPECT_TRUE(Matches("created >= startOfDay(-6)", issue));
  EXPECT_FALSE(Matches("created >= startOfDay(\"-5d\")", issue));
  EXPECT_TRUE(Matches("created >= startOfMonth()", issue));
  EXPECT_FALSE(Matches("created >= startOfMonth(\"+1\")", issue));
  EXPECT_TRUE(Matches("created > startOfMonth(-1)", issue));
  EXPECT_TRUE(Matches("created > startOfYear()", issue));
  EXPECT_TRUE(Matches("created < endOfDay()", issue));
  EXPECT_TRUE(Matches("created <= endOfWeek(-1)", CreatedAt(
                          "2026-01-24T23:59:59.000+0000")));
  EXPECT_TRUE(Matches("created <= endOfMonth()", issue));
  EXPECT_TRUE(Matches("created <= endOfYear(\"-3M\")", CreatedAt(
                          "2026-09-30T23:59:59.000+0000")));
  EXPECT_TRUE(Matches("created <= now()", issue));
  EXPECT_FALSE(Matches("created > now()", issue));
}

TEST(JqlEvalDates, WeekStartComesFromTheContext) {
  json sunday = CreatedAt("2026-01-25T10:00:00.000+0000");
  EvalContext monday = TestContext();
  monday.time.week_start = stdlib::WeekStart::kMonday;
  EXPECT_TRUE(Matches("created >= startOfWeek()", sunday));
  EXPECT_FALSE(Matches("created >= startOfWeek()", sunday, monday));
}

TEST(JqlEvalDates, FunctionsFollowTheZone) {
  // 23:30 UTC on Jan 30 is 00:30 on Jan 31 in Berlin.
  json issue = CreatedAt("2026-01-30T23:30:00.000+0000");
  EXPECT_FALSE(Matches("created >= startOfDay()", issue));
  EXPECT_TRUE(Matches("created >= startOfDay()", issue,
                      TestContext("Europe/Berlin")));
  EXPECT_FALSE(Matches("created >= startOfDay()", issue,
                       TestContext("America/New_York")));
}

TEST(JqlEvalDates, DueDatesCompareLocalDays) {
  json issue = CreatedAt("2026-01-01T00:00:00.000+0000", "2026-01-31");
  EXPECT_TRUE(Matches("due = now()", issue));
  EXPECT_FALSE(Matches("due < now()", issue));
  EXPECT_TRUE(Matches("due <= now()", issue));
  EXPECT_TRUE(Matches("due = \"2026-01-31 18:00\"", issue));
  EXPECT_TRUE(Matches("due = \"2026/01/31\"", issue));
  EXPECT_TRUE(Matches("duedate < \"1d\"", issue));
  EXPECT_TRUE(Matches("due = \"0d\"", issue));
  EXPECT_TRUE(Matches("due >= startOfWeek() AND due <= endOfWeek()", issue));
  // At 02:00 on Feb 1 in Kiritimati (UTC+14) the due date has passed.
  EXPECT_TRUE(Matches("due < now()", issue,
                      TestContext("Pacific/Kiritimati")));
  EXPECT_TRUE(Matches("due = \"-1d\"", issue,
                      TestContext("Pacific/Kiritimati")));
  EXPECT_TRUE(Matches("due = \"2026-01-31\"", issue,
                      TestContext("Europe/Berlin")));
  json no_due = CreatedAt("2026-01-01T00:00:00.000+0000");
  EXPECT_TRUE(Matches("due is empty", no_due));
  EXPECT_FALSE(Matches("due != \"2026-01-31\"", no_due));
  EXPECT_FALSE(Matches("due < now()", no_due));
}

TEST(JqlEvalDates, ResolvedAndOtherDateFields) {
  json issue = Issue({{"created", "2026-01-10T08:00:00.000+0000"},
                      {"updated", "2026-01-30T17:45:10.500+0100"},
                      {"resolutiondate", "2026-01-29T12:00:00.000+0000"},
                      {"lastViewed", "2026-01-31T11:00:00.000+0000"}});
  EXPECT_TRUE(Matches("resolved > -3d", issue));
  EXPECT_TRUE(Matches("resolutionDate < -1d", issue));
  EXPECT_TRUE(Matches("updated > startOfDay(-1)", issue));
  EXPECT_TRUE(Matches("updated = \"2026-01-30 16:45\"", Issue(
                          {{"updated", "2026-01-30T17:45:00.000+0100"}})));
  EXPECT_TRUE(Matches("lastViewed > \"-2h\"", issue));
  EXPECT_TRUE(Matches("createdDate < \"2026-01-11\"", issue));
  // REST v3 examples sometimes carry epoch numbers.
  EXPECT_TRUE(Matches("updated = 1000", Issue({{"updated", 1000}})));
}

TEST(JqlEvalDates, LoginFunctionsComeFromTheContext) {
  json issue = CreatedAt("2026-01-31T09:00:00.000+0000");
  std::string error = ErrorOf("created > currentLogin()", issue);
  EXPECT_EQ(error,
            "Function 'currentLogin()' needs Jira server state: give "
            "--context FILE with an \"currentLogin\" entry");
  EvalContext context = TestContext();
  context.server = ParseServerContext(
      R"({"currentLogin": "2026-01-31T08:00:00Z", "lastLogin": 1769760000000})")
      .value;
  EXPECT_TRUE(Matches("created > currentLogin()", issue, context));
  EXPECT_TRUE(Matches("created > lastLogin()", issue, context));
}

TEST(JqlEvalDates, MalformedDatesAndIncrementsAreErrors) {
  CheckedQuery checked = CheckJql("created > \"-1d\"");
  checked.where->operand->literal.text = "yesterday";
  EvalResult result = EvalChecked(checked, Doc(CreatedAt("2026-01-01T00:00:00Z")));
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.error.find("'yesterday' is not a valid date"),
            std::string::npos) << result.error;

  CheckedQuery bad_increment = CheckJql("created > startOfDay(-1)");
  bad_increment.where->operand->arguments[0].text = "-1x";
  result = EvalChecked(bad_increment, Doc(CreatedAt("2026-01-01T00:00:00Z")));
  EXPECT_NE(result.error.find("Duration for function 'startOfDay'"),
            std::string::npos) << result.error;
}

}  // namespace
}  // namespace syncrule::jql::evaltest
