// Tests for the rule checker: a table of error cases (rule text -> codes,
// message, range), then the checked IR of selected programs, and the
// issue's example rules against the real connector schemas.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compiler/check/check_codes.h"
#include "tests/compiler/rule_check_helpers.h"

namespace syncrule {
namespace {

using check::IrExpr;
using check::IrKind;
using check::IrStatementKind;
using testing_rules::CheckFiles;
using testing_rules::CheckRun;
using testing_rules::CheckText;
using testing_rules::Codes;
using testing_rules::Printed;

// A rule on `on` with `body`, ending with an action every rule may take.
std::string R(const std::string& on, const std::string& body) {
  return "rule \"r\" {\n  on " + on + "\n  " + body +
         "\n  do jira.comment(body = \"x\")\n}\n";
}

const std::string kPd = "pagerduty.incident.triggered";

struct ErrorCase {
  std::string text;
  // Every code reported, in order, space-separated.
  std::string codes;
  // A part of the first diagnostic's message.
  std::string message;
  // The source text the first diagnostic's range covers.
  std::string range_text;
};

class RuleCheckErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(RuleCheckErrorTest, Reports) {
  const ErrorCase& c = GetParam();
  CheckRun run = CheckText(c.text);
  ASSERT_TRUE(run.parsed) << Printed(run);
  const DiagnosticList& list = run.diagnostics[0];
  EXPECT_EQ(Codes(list), c.codes) << Printed(run);
  ASSERT_FALSE(list.items().empty());
  const Diagnostic& first = list.items()[0];
  EXPECT_NE(first.message.find(c.message), std::string::npos) << first.message;
  const SourceRange range = first.range;
  ASSERT_LE(range.end, c.text.size());
  EXPECT_EQ(c.text.substr(range.begin, range.end - range.begin), c.range_text)
      << Printed(run);
}

INSTANTIATE_TEST_SUITE_P(
    Names, RuleCheckErrorTest,
    testing::Values(
        ErrorCase{"rule \"r\" {\n on pagerduty.incident.trigger\n do jira.comment(body = \"x\")\n}",
                  "SR101", "no event type `pagerduty.incident.trigger`",
                  "pagerduty.incident.trigger"},
        ErrorCase{"rule \"r\" {\n do jira.comment(body = \"x\")\n}", "SR102",
                  "has no `on` trigger", "\"r\""},
        ErrorCase{R(kPd, "") + R(kPd, ""), "SR103", "The rule \"r\" is defined twice",
                  "\"r\""},
        ErrorCase{R(kPd, "when foo == 1"), "SR104", "named `foo`", "foo"},
        ErrorCase{R(kPd, "when incident.titel == \"x\""), "SR105",
                  "`incident.titel` is not a field of "
                  "`pagerduty.incident.triggered` events",
                  "incident.titel"},
        ErrorCase{R(kPd + ", jira.issue.created", "when incident.title == \"x\""),
                  "SR106", "not a field of `jira.issue.created` events",
                  "incident.title"},
        ErrorCase{R(kPd, "when incident.title.foo == \"x\""), "SR107",
                  "`incident.title` is a string, which has no member `foo`",
                  "incident.title.foo"},
        ErrorCase{"map m { \"a\" => \"b\" }\n" + R(kPd, "when m == \"x\""),
                  "SR108", "`m` is a map", "m"},
        ErrorCase{R(kPd, "when incident == \"x\""), "SR108",
                  "such as `incident.id`", "incident"},
        ErrorCase{R(kPd, "let _ = 1"), "SR109",
                  "`_` cannot name a variable", "_"},
        ErrorCase{"const issue = 1\n" + R(kPd, ""), "SR109",
                  "`issue` cannot name a const", "issue"}));

INSTANTIATE_TEST_SUITE_P(
    Calls, RuleCheckErrorTest,
    testing::Values(
        ErrorCase{R(kPd, "when splt(incident.title, \",\") == []"), "SR110",
                  "no function named `splt`", "splt(incident.title, \",\")"},
        ErrorCase{R(kPd, "when lower() == \"x\""), "SR111",
                  "`lower` expects 1 argument but received 0", "lower()"},
        ErrorCase{R(kPd, "when format_time(now(), \"UTC\", 1) == \"x\""), "SR111",
                  "expects 1 or 2 arguments but received 3",
                  "format_time(now(), \"UTC\", 1)"},
        ErrorCase{R(kPd, "when lower(incident.number) == \"x\""), "SR112",
                  "Argument 1 of `lower` must be a string, but "
                  "`incident.number` is a number",
                  "incident.number"},
        ErrorCase{R(kPd, "when split(s = incident.title, \",\") == []"), "SR112",
                  "takes its arguments by position", "incident.title"},
        ErrorCase{R(kPd, "when add_duration(now(), \"2 days\") > now()"), "SR112",
                  "\"2 days\" is not a duration", "\"2 days\""},
        ErrorCase{R(kPd, "when regex_match(incident.title, incident.title)"),
                  "SR113", "must be a constant string", "incident.title"},
        ErrorCase{R(kPd, "when incident.title matches incident.urgency"), "SR113",
                  "after `matches` must be a constant", "incident.urgency"},
        ErrorCase{R(kPd, "when incident.title matches \"(ab\""), "SR114",
                  "not a valid RE2 regular expression: missing )", "\"(ab\""},
        ErrorCase{R(kPd, "when regex_match(incident.title, \"a(?=b)\")"), "SR114",
                  "The pattern of `regex_match`", "\"a(?=b)\""},
        ErrorCase{R(kPd, "when incident.title matches \"[0-9]+(\""), "SR114",
                  "missing )", "\"[0-9]+(\""},
        ErrorCase{R(kPd, "when raw(\"event/data\") == 1"), "SR115",
                  "is not a JSON Pointer", "\"event/data\""},
        ErrorCase{R(kPd, "when raw(incident.title) == 1"), "SR113",
                  "constant JSON Pointer", "incident.title"},
        ErrorCase{R(kPd, "when linked(jira.isue)"), "SR116",
                  "`jira.isue` is not a kind of entity", "jira.isue"},
        ErrorCase{R(kPd, "when linked(jira.issue).stauts == \"Done\""), "SR105",
                  "A linked `jira.issue` has no field `stauts`",
                  "linked(jira.issue).stauts"},
        ErrorCase{R(kPd, "when env(\"X\") == \"y\""), "SR172",
                  "only be used in a `connection` setting", "env(\"X\")"}));

INSTANTIATE_TEST_SUITE_P(
    Types, RuleCheckErrorTest,
    testing::Values(
        ErrorCase{R(kPd, "when incident.number == \"37\""), "SR120",
                  "Comparing a number with a string is always false",
                  "incident.number == \"37\""},
        ErrorCase{R(kPd, "when incident.title == 3"), "SR120",
                  "Comparing a string with a number", "incident.title == 3"},
        ErrorCase{R(kPd, "when incident.number in [\"1\", \"2\"]"), "SR120",
                  "Comparing a number with a string",
                  "incident.number in [\"1\", \"2\"]"},
        ErrorCase{R("jira.issue.created", "when 3 in issue.labels"), "SR120",
                  "the list holds strings", "3 in issue.labels"},
        ErrorCase{R(kPd, "when incident.title < true"), "SR121",
                  "`<` orders numbers, strings and times, but `true` is a bool",
                  "true"},
        ErrorCase{R(kPd, "when \"a\" in incident.number"), "SR121",
                  "looks in a list, a string or an object's keys",
                  "incident.number"},
        ErrorCase{R(kPd, "when incident.created_at + 1 > now()"), "SR121",
                  "cannot combine a time and a number",
                  "incident.created_at + 1"},
        ErrorCase{R(kPd, "let x = incident.title - 1"), "SR121",
                  "`-` takes numbers, but `incident.title` is a string",
                  "incident.title"},
        ErrorCase{R(kPd, "when incident.title"), "SR122",
                  "`when` needs a bool, but `incident.title` is a string",
                  "incident.title"},
        ErrorCase{R(kPd, "when not incident.number"), "SR122",
                  "`not` needs a bool", "incident.number"},
        ErrorCase{R(kPd, "when true and incident.title"), "SR122",
                  "`and` needs a bool", "incident.title"},
        ErrorCase{R(kPd, "when \"x\" changed"), "SR123",
                  "`changed` needs an event field", "\"x\""},
        ErrorCase{R(kPd, "when incident.assignees[\"a\"] == 1"), "SR121",
                  "A list is indexed by a number", "\"a\""},
        ErrorCase{R(kPd, "when incident.number[0] == 1"), "SR121",
                  "cannot be indexed", "incident.number[0]"}));

INSTANTIATE_TEST_SUITE_P(
    Actions, RuleCheckErrorTest,
    testing::Values(
        ErrorCase{"rule \"r\" {\n on " + kPd +
                      "\n do jira.create_isue(project = \"A\")\n}",
                  "SR130", "`jira` has no action `create_isue`",
                  "jira.create_isue"},
        ErrorCase{"rule \"r\" {\n on " + kPd + "\n do jiira.comment(body = \"A\")\n}",
                  "SR130", "no connector named `jiira`", "jiira.comment"},
        ErrorCase{"rule \"r\" {\n on " + kPd + "\n do jira.comment(bdy = \"A\")\n}",
                  "SR131 SR132", "`jira.comment` has no parameter `bdy`", "bdy"},
        ErrorCase{"rule \"r\" {\n on " + kPd +
                      "\n do jira.create_issue(project = \"OPS\")\n}",
                  "SR132", "`jira.create_issue` needs `type` and `summary`",
                  "jira.create_issue"},
        ErrorCase{"rule \"r\" {\n on " + kPd +
                      "\n do jira.create_issue(project = \"OPS\", type = \"Bug\", "
                      "summary = incident.title, labels = \"pagerduty,oncall\")\n}",
                  "SR133", "`labels` of `jira.create_issue` takes list<string>",
                  "\"pagerduty,oncall\""},
        ErrorCase{"rule \"r\" {\n on " + kPd +
                      "\n do jira.comment(body = incident.number)\n}",
                  "SR133", "`body` of `jira.comment` takes string",
                  "incident.number"},
        ErrorCase{"rule \"r\" {\n on " + kPd +
                      "\n do jira.comment(body = \"a\", body = \"b\")\n}",
                  "SR134", "`body` is given twice", "body"}));

INSTANTIATE_TEST_SUITE_P(
    Loops, RuleCheckErrorTest,
    testing::Values(
        ErrorCase{R(kPd, "for k in incident.title { let y = k }"), "SR140",
                  "`for` goes through a list, but `incident.title` is a string",
                  "incident.title"},
        ErrorCase{R(kPd, "for k in incident.teams limit 0 { let y = k }"), "SR141",
                  "between 1 and 10000", "0"},
        ErrorCase{R(kPd, "for k in incident.teams limit 20000 { let y = k }"),
                  "SR141", "between 1 and 10000", "20000"},
        ErrorCase{R(kPd,
                    "for a in incident.teams limit 1000 { for b in "
                    "incident.teams limit 1000 { let y = b } }"),
                  "SR142", "1000000 times", "1000"},
        ErrorCase{R(kPd, "let x = 1\n let x = 2"), "SR103",
                  "`x` is already defined", "x"},
        ErrorCase{"const x = 1\n" + R(kPd, "let x = 2"), "SR103",
                  "`x` is already defined", "x"}));

INSTANTIATE_TEST_SUITE_P(
    ConstsAndMaps, RuleCheckErrorTest,
    testing::Values(
        ErrorCase{"const x = lower(\"A\")\n" + R(kPd, ""), "SR150",
                  "A const must be a constant value, but `lower(\"A\")`",
                  "lower(\"A\")"},
        ErrorCase{"const x = incident.title\n" + R(kPd, ""), "SR150",
                  "computed when a rule runs", "incident.title"},
        ErrorCase{"const a = b\nconst b = a\n" + R(kPd, ""), "SR151",
                  "depends on itself", "const a = b"},
        ErrorCase{"const a = 1\nconst a = 2\n" + R(kPd, ""), "SR103",
                  "The name `a` is defined twice", "a"},
        ErrorCase{"map m { P1 => \"x\" }\n" + R(kPd, ""), "SR152",
                  "`P1` is a bare word", "P1"},
        ErrorCase{"map m { \"a\" => \"x\" \"a\" => \"y\" }\n" + R(kPd, ""), "SR153",
                  "The key \"a\" appears twice in map `m`", "\"a\""},
        ErrorCase{"map m { \"a\" => incident.title }\n" + R(kPd, ""), "SR150",
                  "A map value must be a constant", "incident.title"},
        ErrorCase{"map m { \"a\" => \"x\" }\n" + R(kPd, "when m[\"b\"] == \"x\""),
                  "SR154", "Map `m` has no key \"b\" and no default", "\"b\""},
        ErrorCase{R(kPd, "when {\"a\": 1, \"a\": 2} != null"), "SR153",
                  "appears twice in this object", "2"}));

INSTANTIATE_TEST_SUITE_P(
    RulesAndConnections, RuleCheckErrorTest,
    testing::Values(
        ErrorCase{R(kPd, "match jql `project = OPS`"), "SR160",
                  "`pagerduty.incident.triggered` is not a Jira issue event",
                  "match jql `project = OPS`"},
        ErrorCase{R("jira.issue.created", "match jql `project = OPS` becomes true"),
                  "SR161", "`becomes true` only matters for `jira.issue.updated`",
                  "match jql `project = OPS` becomes true"},
        ErrorCase{R("jira.issue.updated", "match jql `project = select`"), "JQL003",
                  "'select' is a reserved JQL word", "select"},
        ErrorCase{R("jira.issue.updated", "match jql `stauts = Open`"), "JQL101",
                  "Field 'stauts' does not exist", "stauts"},
        ErrorCase{"connection jiira { url = \"https://x\" }\n" + R(kPd, ""),
                  "SR170", "no connector named `jiira`", "jiira"},
        ErrorCase{"connection jira { url = \"https://x\", api_token = \"abc\" }\n" +
                      R(kPd, ""),
                  "SR171", "secrets must be referenced, not written inline: use "
                           "env(\"...\")",
                  "\"abc\""},
        ErrorCase{"connection jira { token = env(\"no spaces\") }\n" + R(kPd, ""),
                  "SR172", "the name of an environment variable",
                  "env(\"no spaces\")"},
        ErrorCase{R(kPd, "allow dupes"), "SR180", "`allow dupes` is not an option",
                  "dupes"},
        ErrorCase{R(kPd + ", " + kPd, ""), "SR181",
                  "`pagerduty.incident.triggered` is listed twice",
                  "pagerduty.incident.triggered"},
        ErrorCase{"rule \"quiet\" {\n on " + kPd + "\n when true\n}", "SR182",
                  "has no `do` action", "\"quiet\""}));

// --- Messages, notes and fix-its of selected errors. ---

TEST(RuleCheckTest, DidYouMeanOffersAFix) {
  std::string text = R(kPd, "when incident.titel == \"x\"");
  CheckRun run = CheckText(text);
  const Diagnostic& d = run.diagnostics[0].items().at(0);
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].replacement, "incident.title");
  ASSERT_FALSE(d.notes.empty());
  EXPECT_EQ(d.notes[0], "did you mean `incident.title`?");
}

TEST(RuleCheckTest, UnknownTriggerFixNamesTheEvent) {
  CheckRun run = CheckText(R("pagerduty.incident.acknowleged", ""));
  const Diagnostic& d = run.diagnostics[0].items().at(0);
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].replacement, "pagerduty.incident.acknowledged");
}

TEST(RuleCheckTest, LabelsFromAStringSuggestSplit) {
  CheckRun run = CheckText("rule \"r\" {\n on " + kPd +
                           "\n do jira.create_issue(project = \"OPS\", type = "
                           "\"Bug\", summary = \"s\", labels = \"a,b\")\n}");
  const Diagnostic& d = run.diagnostics[0].items().at(0);
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].replacement, "split(\"a,b\", \",\")");
}

TEST(RuleCheckTest, ComparingANumberWithADigitStringSuggestsTheNumber) {
  CheckRun run = CheckText(R(kPd, "when incident.number == \"37\""));
  const Diagnostic& d = run.diagnostics[0].items().at(0);
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].replacement, "37");
}

TEST(RuleCheckTest, InlineSecretFixReferencesAnEnvironmentVariable) {
  CheckRun run = CheckText("connection jira { token = \"abc\" }\n" + R(kPd, ""));
  const Diagnostic& d = run.diagnostics[0].items().at(0);
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].replacement, "env(\"JIRA_TOKEN\")");
}

TEST(RuleCheckTest, DuplicateAcrossFilesNotesTheFirst) {
  CheckRun run = CheckFiles({{"a.rule", "const x = 1\n"},
                             {"b.rule", "map x { \"a\" => 1 }\n" + R(kPd, "")}});
  EXPECT_EQ(Codes(run.diagnostics[0]), "");
  ASSERT_EQ(Codes(run.diagnostics[1]), "SR103");
  const Diagnostic& d = run.diagnostics[1].items()[0];
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0], "`x` is first defined at a.rule:1:1.");
}

TEST(RuleCheckTest, Re2ErrorTextIsReported) {
  CheckRun run = CheckText(R(kPd, "when regex_extract(incident.title, \"[a-\") != null"));
  const Diagnostic& d = run.diagnostics[0].items().at(0);
  EXPECT_EQ(d.code, "SR114");
  EXPECT_NE(d.message.find("missing ]"), std::string::npos) << d.message;
}

TEST(RuleCheckTest, JqlDiagnosticsPointInsideTheBackticks) {
  const std::string text =
      "rule \"r\" {\n  on jira.issue.updated\n  match jql `project = select`\n"
      "  do jira.comment(body = \"x\")\n}\n";
  CheckRun run = CheckText(text);
  ASSERT_EQ(Codes(run.diagnostics[0]), "JQL003");
  const Diagnostic& d = run.diagnostics[0].items()[0];
  SourcePosition at = run.files[0].source->PositionOf(d.range.begin);
  EXPECT_EQ(at.line, 3);
  EXPECT_EQ(at.column, 24);
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(text.substr(d.fixes[0].range.begin,
                        d.fixes[0].range.end - d.fixes[0].range.begin),
            "select");
  EXPECT_NE(Printed(run).find("test.rule:3:24: error[JQL003]"), std::string::npos)
      << Printed(run);
}

TEST(RuleCheckTest, JqlSeveralErrorsAllRemapped) {
  const std::string text =
      "rule \"r\" {\n  on jira.issue.updated\n  match jql `stauts = Open AND "
      "priority = select`\n  do jira.comment(body = \"x\")\n}\n";
  CheckRun run = CheckText(text);
  ASSERT_EQ(Codes(run.diagnostics[0]), "JQL003");
  const std::string fixed =
      "rule \"r\" {\n  on jira.issue.updated\n  match jql `stauts = Open`\n"
      "  do jira.comment(body = \"x\")\n}\n";
  CheckRun semantic = CheckText(fixed);
  ASSERT_EQ(Codes(semantic.diagnostics[0]), "JQL101");
  const Diagnostic& d = semantic.diagnostics[0].items()[0];
  EXPECT_EQ(fixed.substr(d.range.begin, d.range.end - d.range.begin), "stauts");
}

TEST(RuleCheckTest, ManualRuleWithoutTriggersHasNoFields) {
  CheckRun run = CheckText(
      "rule \"r\" {\n  manual\n  when incident.title == \"x\"\n"
      "  do jira.comment(body = \"x\")\n}\n");
  EXPECT_EQ(Codes(run.diagnostics[0]), "SR105");
  EXPECT_NE(run.diagnostics[0].items()[0].message.find("no `on` trigger"),
            std::string::npos);
}

TEST(RuleCheckTest, UnknownTriggerDoesNotCascadeIntoFieldErrors) {
  CheckRun run = CheckText(R("pagerduty.incident.trigger", "when incident.title == \"x\""));
  EXPECT_EQ(Codes(run.diagnostics[0]), "SR101");
}

TEST(RuleCheckTest, ErrorsInsideConstsAreReportedOnce) {
  CheckRun run = CheckText("const a = lower(\"x\")\nconst b = a + \"y\"\n" +
                           R(kPd, "when incident.title == b"));
  EXPECT_EQ(Codes(run.diagnostics[0]), "SR150");
}

// --- The checked IR. ---

const IrExpr& WhenExpr(const CheckRun& run, size_t rule, size_t statement) {
  return run.program.rules.at(rule).body.at(statement).expr;
}

TEST(RuleCheckIrTest, FieldsAreInternedOnce) {
  CheckRun run = CheckText(
      R(kPd, "when incident.title == \"a\" or incident.urgency == \"high\"\n"
             "  when incident.title != \"b\"") +
      "rule \"s\" {\n on pagerduty.incident.resolved\n when incident.title == "
      "\"c\"\n do jira.comment(body = incident.title)\n}\n");
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  ASSERT_EQ(run.program.fields.size(), 2u);
  EXPECT_EQ(run.program.fields[0]->name, "incident.title");
  EXPECT_EQ(run.program.fields[1]->name, "incident.urgency");
  const IrExpr& first = WhenExpr(run, 0, 0).children[0].children[0];
  EXPECT_EQ(first.kind, IrKind::kField);
  EXPECT_EQ(first.index, 0);
  EXPECT_EQ(first.type, runtime::ValueType::kString);
  EXPECT_EQ(WhenExpr(run, 1, 0).children[0].index, 0);
  EXPECT_TRUE(run.program.merged_fields.empty());
}

TEST(RuleCheckIrTest, FieldsOfSeveralConnectorsMerge) {
  CheckRun run = CheckText(R(kPd + ", flashduty.incident.triggered",
                             "when incident.title == \"a\""));
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  ASSERT_EQ(run.program.fields.size(), 1u);
  ASSERT_EQ(run.program.merged_fields.size(), 1u);
  const runtime::FieldDecl* merged = run.program.fields[0];
  EXPECT_EQ(merged, run.program.merged_fields[0].get());
  EXPECT_EQ(merged->name, "incident.title");
  bool pagerduty = false;
  bool flashduty = false;
  for (const runtime::FieldPath& path : merged->paths) {
    pagerduty = pagerduty || path.format.rfind("pagerduty", 0) == 0;
    flashduty = flashduty || path.format.rfind("flashduty", 0) == 0;
  }
  EXPECT_TRUE(pagerduty && flashduty);
}

TEST(RuleCheckIrTest, MergedFieldsOfDifferentTypesAreAny) {
  // incident.number is an int in PagerDuty and a string in Flashduty.
  CheckRun run = CheckText(R(kPd + ", flashduty.incident.triggered",
                             "when incident.number != null"));
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  EXPECT_EQ(run.program.fields.at(0)->type, runtime::ValueType::kAny);
}

TEST(RuleCheckIrTest, DeeperPathsOnObjectsBecomeMembers) {
  CheckRun run = CheckText(
      R(kPd, "when incident.service.summary == \"api\"\n"
             "  when incident.service.name == \"api\""));
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  const IrExpr& member = WhenExpr(run, 0, 0).children[0];
  EXPECT_EQ(member.kind, IrKind::kMember);
  EXPECT_EQ(member.name, "summary");
  ASSERT_EQ(member.children.size(), 1u);
  EXPECT_EQ(member.children[0].kind, IrKind::kField);
  EXPECT_EQ(run.program.fields[member.children[0].index]->name, "incident.service");
  const IrExpr& declared = WhenExpr(run, 0, 1).children[0];
  EXPECT_EQ(declared.kind, IrKind::kField);
  EXPECT_EQ(run.program.fields[declared.index]->name, "incident.service.name");
}

TEST(RuleCheckIrTest, SpansPointAtTheSource) {
  const std::string text = R(kPd, "when incident.title == \"a\"");
  CheckRun run = CheckText(text);
  const IrExpr& field = WhenExpr(run, 0, 0).children[0];
  EXPECT_EQ(field.span.file, 0);
  EXPECT_EQ(text.substr(field.span.range.begin,
                        field.span.range.end - field.span.range.begin),
            "incident.title");
  const check::IrStatement& action = run.program.rules[0].body[1];
  EXPECT_EQ(text.substr(action.span.range.begin, 4), "do j");
  EXPECT_EQ(text.substr(action.action.span.range.begin, 12), "jira.comment");
}

TEST(RuleCheckIrTest, LocalsGetSlots) {
  CheckRun run = CheckText(R(
      "gitlab.push",
      "let keys = extract_all(push.ref, \"[A-Z]+-[0-9]+\")\n"
      "  for key in keys limit 20 {\n    let body = \"seen \" + key\n"
      "    do jira.comment(issue = key, body = body)\n  }\n"
      "  let after = 1"));
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  const check::IrRule& rule = run.program.rules[0];
  EXPECT_EQ(rule.local_count, 4);
  EXPECT_EQ(rule.body[0].kind, IrStatementKind::kLet);
  EXPECT_EQ(rule.body[0].slot, 0);
  EXPECT_EQ(rule.body[0].expr.type, runtime::ValueType::kStringList);
  ASSERT_EQ(rule.body[1].kind, IrStatementKind::kFor);
  const check::IrLoop& loop = *rule.body[1].loop;
  EXPECT_EQ(loop.variable_slot, 1);
  EXPECT_EQ(loop.limit, 20);
  EXPECT_EQ(loop.iterable.kind, IrKind::kLocal);
  EXPECT_EQ(loop.iterable.index, 0);
  EXPECT_EQ(loop.body[0].slot, 2);
  const IrExpr& concat = loop.body[0].expr;
  EXPECT_EQ(concat.type, runtime::ValueType::kString);
  EXPECT_EQ(concat.children[1].kind, IrKind::kLocal);
  EXPECT_EQ(concat.children[1].index, 1);
  EXPECT_EQ(concat.children[1].type, runtime::ValueType::kString);
  EXPECT_EQ(rule.body[2].slot, 3);
}

TEST(RuleCheckIrTest, VariablesHideEventFields) {
  CheckRun run = CheckText(R("gitlab.push",
                             "for commit in push.commits { let m = commit.url }"));
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  const IrExpr& member = run.program.rules[0].body[0].loop->body[0].expr;
  EXPECT_EQ(member.kind, IrKind::kMember);
  EXPECT_EQ(member.children[0].kind, IrKind::kLocal);
}

TEST(RuleCheckIrTest, LoopsWithoutLimitGetTheDefaultBound) {
  CheckRun run = CheckText(R("gitlab.push", "for c in push.commits { let m = c.message }"));
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  EXPECT_EQ(run.program.rules[0].body[0].loop->limit, check::kDefaultLoopLimit);
}

TEST(RuleCheckIrTest, LoopVariablesAreScopedToTheLoop) {
  CheckRun run = CheckText(R("gitlab.push",
                             "for c in push.commits { let m = c }\n  let z = c"));
  EXPECT_EQ(Codes(run.diagnostics[0]), "SR104");
}

TEST(RuleCheckIrTest, MapsLowerToEntriesAndDefault) {
  CheckRun run = CheckText(
      "map pd_to_jira { \"P1\", \"P0\" => \"Highest\"  \"P2\" => \"High\"  _ => "
      "\"Medium\" }\nmap codes { 1 => true  2.5 => false }\n" +
      R(kPd, "when pd_to_jira[incident.priority] == \"High\""));
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  ASSERT_EQ(run.program.maps.size(), 2u);
  const check::IrMap& map = run.program.maps[0];
  EXPECT_EQ(map.name, "pd_to_jira");
  ASSERT_EQ(map.entries.size(), 3u);
  EXPECT_EQ(map.entries[0].first, "P1");
  EXPECT_EQ(map.entries[1].first, "P0");
  EXPECT_EQ(map.entries[1].second, "Highest");
  ASSERT_TRUE(map.default_value.has_value());
  EXPECT_EQ(*map.default_value, "Medium");
  EXPECT_EQ(map.value_type, runtime::ValueType::kString);
  EXPECT_EQ(run.program.maps[1].entries[0].first, "1");
  EXPECT_EQ(run.program.maps[1].entries[1].first, "2.5");
  EXPECT_EQ(run.program.maps[1].value_type, runtime::ValueType::kBool);
  const IrExpr& lookup = WhenExpr(run, 0, 0).children[0];
  EXPECT_EQ(lookup.kind, IrKind::kMapLookup);
  EXPECT_EQ(lookup.index, 0);
  EXPECT_EQ(lookup.type, runtime::ValueType::kString);
  EXPECT_EQ(lookup.children[0].kind, IrKind::kField);
}

TEST(RuleCheckIrTest, ConstsFoldAndInline) {
  CheckRun run = CheckFiles(
      {{"a.rule", "const prefix = \"[\" + proj + \"-\" + 7 + \"]\"\n"
                  "const labels = [\"pagerduty\", prefix]\n"
                  "const count = 10 - 3\n"},
       {"b.rule", "const proj = \"OPS\"\n" +
                      R(kPd, "when incident.title == prefix and len(labels) == count")}});
  ASSERT_EQ(Codes(run.diagnostics[0]) + Codes(run.diagnostics[1]), "") << Printed(run);
  const IrExpr& when = WhenExpr(run, 0, 0);
  const IrExpr& prefix = when.children[0].children[1];
  EXPECT_EQ(prefix.kind, IrKind::kConst);
  EXPECT_EQ(prefix.constant, "[OPS-7]");
  EXPECT_EQ(prefix.type, runtime::ValueType::kString);
  const IrExpr& labels = when.children[1].children[0].children[0];
  EXPECT_EQ(labels.kind, IrKind::kConst);
  EXPECT_EQ(labels.constant, nlohmann::json({"pagerduty", "[OPS-7]"}));
  EXPECT_EQ(labels.type, runtime::ValueType::kStringList);
  EXPECT_EQ(when.children[1].children[1].constant, 7);
}

TEST(RuleCheckIrTest, LinkedRawAndChanged) {
  CheckRun run = CheckText(
      R("jira.issue.updated",
        "when linked(pagerduty.incident) and linked(pagerduty.incident).status "
        "== \"triggered\"\n"
        "  when raw(\"/issue/fields/customfield_10010\") == \"x\"\n"
        "  when issue.status changed from \"Open\" to \"Done\""));
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  const IrExpr& linked = WhenExpr(run, 0, 0).children[0];
  EXPECT_EQ(linked.kind, IrKind::kLinked);
  EXPECT_EQ(linked.name, "pagerduty.incident");
  EXPECT_EQ(linked.type, runtime::ValueType::kBool);
  const IrExpr& linked_field = WhenExpr(run, 0, 0).children[1].children[0];
  EXPECT_EQ(linked_field.kind, IrKind::kLinkedField);
  EXPECT_EQ(linked_field.name, "pagerduty.incident");
  EXPECT_EQ(run.program.fields[linked_field.index]->name, "incident.status");
  const IrExpr& raw = WhenExpr(run, 0, 1).children[0];
  EXPECT_EQ(raw.kind, IrKind::kRawPath);
  EXPECT_EQ(raw.name, "/issue/fields/customfield_10010");
  EXPECT_EQ(raw.type, runtime::ValueType::kAny);
  const IrExpr& changed = WhenExpr(run, 0, 2);
  EXPECT_EQ(changed.kind, IrKind::kChanged);
  EXPECT_TRUE(changed.has_from && changed.has_to);
  EXPECT_EQ(run.program.fields[changed.index]->name, "issue.status");
  ASSERT_EQ(changed.children.size(), 2u);
  EXPECT_EQ(changed.children[1].constant, "Done");
}

TEST(RuleCheckIrTest, ActionsKeepTheirArgumentsInOrder) {
  CheckRun run = CheckText(
      "rule \"r\" {\n on " + kPd +
      "\n do jira.create_issue(summary = incident.title, project = \"OPS\", "
      "type = \"Bug\", fields = {\"customfield_10010\": incident.html_url})\n}\n");
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  const check::IrAction& action = run.program.rules[0].body[0].action;
  ASSERT_NE(action.decl, nullptr);
  EXPECT_EQ(action.decl->name, "jira.create_issue");
  ASSERT_EQ(action.args.size(), 4u);
  EXPECT_EQ(action.args[0].first, "summary");
  EXPECT_EQ(action.args[3].second.kind, IrKind::kObject);
  EXPECT_EQ(action.args[3].second.keys[0], "customfield_10010");
}

TEST(RuleCheckIrTest, ConnectionsKeepSecretsAsReferences) {
  CheckRun run = CheckText(
      "connection jira { url = \"https://example.atlassian.net\", flavor = "
      "\"cloud\", token = env(\"JIRA_TOKEN\") }\n"
      "connection pagerduty { webhook_secrets = [env(\"PD_SECRET_1\"), "
      "env(\"PD_SECRET_2\")] }\n" +
      R(kPd, ""));
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  ASSERT_EQ(run.program.connections.size(), 2u);
  const check::IrConnection& jira = run.program.connections[0];
  EXPECT_EQ(jira.name, "jira");
  ASSERT_EQ(jira.settings.size(), 3u);
  EXPECT_EQ(jira.settings[2].first, "token");
  EXPECT_EQ(jira.settings[2].second, nlohmann::json({{"env", "JIRA_TOKEN"}}));
  EXPECT_EQ(run.program.connections[1].settings[0].second[1]["env"], "PD_SECRET_2");
}

TEST(RuleCheckIrTest, RuleHeaderOptions) {
  CheckRun run = CheckText(
      "rule \"m\" {\n  manual\n  on " + kPd +
      "\n  allow duplicates\n  do jira.create_issue(project = \"OPS\", type = "
      "\"Bug\", summary = incident.title)\n}\n"
      "rule \"j\" {\n  on jira.issue.created, jira.issue.updated\n"
      "  match jql `project = SRE` becomes true\n"
      "  do pagerduty.create_incident(service = \"P1\", title = issue.summary)\n}\n");
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  const check::IrRule& manual = run.program.rules[0];
  EXPECT_TRUE(manual.manual);
  EXPECT_FALSE(manual.one_link_per_entity);
  EXPECT_EQ(manual.triggers, std::vector<std::string>{kPd});
  const check::IrRule& jql = run.program.rules[1];
  EXPECT_TRUE(jql.one_link_per_entity);
  ASSERT_TRUE(jql.match.has_value());
  EXPECT_TRUE(jql.match->becomes_true);
  EXPECT_EQ(jql.match->text, "project = SRE");
  ASSERT_TRUE(jql.match->query.where.has_value());
  EXPECT_EQ(jql.match->query.where->field->name, "project");
  EXPECT_EQ(run.program.jql_catalog.get(),
            testing_rules::RealEnvironment().jql_catalog.get());
}

TEST(RuleCheckIrTest, NullAndAnyPassTypeChecks) {
  CheckRun run = CheckText(R(
      kPd,
      "when incident.priority == null and raw(\"/x\") > 3 and "
      "raw(\"/y\") and incident.title + 1 == \"t1\" and "
      "coalesce(incident.priority, \"P5\") in [\"P1\", \"P5\"] and "
      "first(incident.teams).summary == \"SRE\""));
  ASSERT_EQ(Codes(run.diagnostics[0]), "") << Printed(run);
  const IrExpr& when = WhenExpr(run, 0, 0);
  EXPECT_EQ(when.type, runtime::ValueType::kBool);
}

// --- The issue's examples, against the real connectors. ---

constexpr char kSpecExamples[] = R"(# comment to end of line
map incident_to_issue_status {
  "triggered"    => "To Do"
  "acknowledged" => "In Progress"
  "resolved"     => "Done"
}
map pd_to_jira_priority { "P1" => "Highest"  "P2" => "High"  _ => "Medium" }

rule "page on-call for critical SRE issues" {
  on jira.issue.created, jira.issue.updated
  match jql `project = SRE AND priority in (High, Highest) AND status = Open`
  when not ("no-page" in issue.labels)
  do pagerduty.create_incident(service = "PXXXXXX", title = "[" + issue.key + "] " + issue.summary, urgency = "high")
}

rule "critical incidents open OPS bugs" {
  on pagerduty.incident.triggered
  when incident.priority in ["P1", "P2"] and incident.urgency == "high"
  do jira.create_issue(project = "OPS", type = "Bug", summary = incident.title,
                       priority = pd_to_jira_priority[incident.priority],
                       labels = split("pagerduty,oncall", ","),
                       fields = {"customfield_10010": incident.html_url})
}

rule "incident status drives issue status" {
  on pagerduty.incident.acknowledged, pagerduty.incident.resolved
  when linked(jira.issue)
  do jira.transition(to = incident_to_issue_status[incident.status])
}
)";

// Returns how many nodes under `expr` (itself included) have an empty span.
int NodesWithoutSpan(const IrExpr& expr) {
  int count = expr.span.range.end > expr.span.range.begin ? 0 : 1;
  for (const IrExpr& child : expr.children) count += NodesWithoutSpan(child);
  return count;
}

int StatementsWithoutSpan(const std::vector<check::IrStatement>& body) {
  int count = 0;
  for (const check::IrStatement& s : body) {
    count += s.span.range.end > s.span.range.begin ? 0 : 1;
    if (s.kind == IrStatementKind::kDo) {
      for (const auto& [name, arg] : s.action.args) count += NodesWithoutSpan(arg);
    } else if (s.kind == IrStatementKind::kFor) {
      count += NodesWithoutSpan(s.loop->iterable) + StatementsWithoutSpan(s.loop->body);
    } else {
      count += NodesWithoutSpan(s.expr);
    }
  }
  return count;
}

TEST(RuleCheckSpecTest, EveryNodeHasASpan) {
  CheckRun run = CheckText(kSpecExamples);
  ASSERT_EQ(Printed(run), "");
  for (const check::IrRule& rule : run.program.rules) {
    EXPECT_EQ(StatementsWithoutSpan(rule.body), 0) << rule.name;
    EXPECT_GT(rule.span.range.end, rule.span.range.begin);
  }
  EXPECT_GT(run.program.rules[0].match->span.range.end, 0u);
}

TEST(RuleCheckSpecTest, TheIssueExamplesCheckCleanly) {
  CheckRun run = CheckText(kSpecExamples);
  ASSERT_TRUE(run.parsed) << Printed(run);
  EXPECT_EQ(Printed(run), "");
  ASSERT_EQ(run.program.rules.size(), 3u);
  EXPECT_EQ(run.program.rules[0].triggers.size(), 2u);
  EXPECT_TRUE(run.program.rules[0].match.has_value());
  EXPECT_EQ(run.program.rules[1].body[1].action.args.size(), 6u);
  EXPECT_EQ(run.program.rules[2].body[0].expr.kind, IrKind::kLinked);
  EXPECT_EQ(run.program.maps.size(), 2u);
}

}  // namespace
}  // namespace syncrule
