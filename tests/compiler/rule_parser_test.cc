// Rule-language parser goldens and syntax errors.

#include <gtest/gtest.h>

#include "compiler/ast/ast_printer.h"
#include "compiler/parse/rule_parser.h"

namespace syncrule {
namespace {

std::string Parse(const std::string& text) {
  RuleParseResult result = ParseRuleFile(text);
  if (!result.ok()) return "error " + result.diagnostics.items()[0].code + ": " + result.diagnostics.items()[0].message;
  return ast::PrintRuleFile(result.file);
}

TEST(RuleParserTest, ParsesTheSpecExample) {
  const char* text = R"(# comment
map incident_to_issue_status {
  "triggered"    => "To Do"
  "acknowledged" => "In Progress"
}
map pd_to_jira_priority { "P1" => "Highest"  "P2" => "High"  _ => "Medium" }

rule "page on-call for critical SRE issues" {
  on jira.issue.created, jira.issue.updated
  match jql `project = SRE AND priority in (High, Highest)`
  when not ("no-page" in issue.labels)
  do pagerduty.create_incident(service = "PXXXXXX", title = "[" + issue.key + "] " + issue.summary, urgency = "high")
}
)";
  EXPECT_EQ(Parse(text),
            "(map incident_to_issue_status (\"triggered\" => \"To Do\") (\"acknowledged\" => \"In Progress\"))\n"
            "(map pd_to_jira_priority (\"P1\" => \"Highest\") (\"P2\" => \"High\") (_ => \"Medium\"))\n"
            "(rule \"page on-call for critical SRE issues\" (on jira.issue.created jira.issue.updated) "
            "(jql \"project = SRE AND priority in (High, Highest)\") (when (not (in \"no-page\" (. issue labels)))) "
            "(do pagerduty.create_incident service=\"PXXXXXX\" title=(+ (+ (+ \"[\" (. issue key)) \"] \") (. issue summary)) urgency=\"high\"))\n");
}

TEST(RuleParserTest, ParsesInterpolationLoopsAndChanges) {
  const char* text = R"(rule "r" {
  on gitlab.push
  when issue.status changed from "Open" to "Done" and x matches "^a"
  for key in extract_all(push.message, "[A-Z]+-[0-9]+") limit 20 {
    do jira.comment(issue = key, body = "Mentioned in ${push.commits[0].url}: \${literal}")
  }
  allow duplicates
})";
  EXPECT_EQ(Parse(text),
            "(rule \"r\" (on gitlab.push) (allow duplicates) (when (and (changed-from-to (. issue status) \"Open\" \"Done\") "
            "(matches x \"^a\"))) (for key (call extract_all (. push message) \"[A-Z]+-[0-9]+\") limit 20 "
            "(do jira.comment issue=key body=(str \"Mentioned in \" (. ([] (. push commits) 0) url) \": ${literal}\"))))\n");
}

struct RuleError {
  const char* text;
  const char* code;
  const char* message;
};

class RuleParserErrorTest : public testing::TestWithParam<RuleError> {};

TEST_P(RuleParserErrorTest, Reports) {
  RuleParseResult result = ParseRuleFile(GetParam().text);
  ASSERT_FALSE(result.ok()) << GetParam().text;
  EXPECT_EQ(result.diagnostics.items()[0].code, GetParam().code);
  EXPECT_NE(result.diagnostics.items()[0].message.find(GetParam().message), std::string::npos)
      << result.diagnostics.items()[0].message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RuleParserErrorTest,
    testing::Values(RuleError{"rule \"a\" { on x.y", "SR001", "Expected"},
                    RuleError{"rule \"a { }", "SR002", "not closed"},
                    RuleError{"rule \"a\" { match jql `x = y }", "SR003", "JQL block"},
                    RuleError{"rule \"a\" { when a @ b }", "SR004", "'@'"},
                    RuleError{"rule \"a\" { when \"${x\" }", "SR006", "'${'"},
                    RuleError{"bogus", "SR001", "`rule`, `map`, `const` or `connection`"},
                    RuleError{"rule \"a\" { let match = 1 }", "SR001", "a name"},
                    RuleError{"rule \"a\" { for k in x { on a.b } }", "SR010", "inside a `for` loop"}));

TEST(RuleParserTest, DeepNestingGetsAClearError) {
  std::string text = "rule \"a\" { when " + std::string(100000, '(') + "x" + std::string(100000, ')') + " }";
  RuleParseResult result = ParseRuleFile(text);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics.items()[0].code, "SR012");
}

TEST(RuleParserTest, DeepNotChainsGetAClearErrorButManyShallowNotsDoNot) {
  std::string deep = "rule \"a\" { when ";
  for (int i = 0; i < 100000; ++i) deep += "not ";
  deep += "x }";
  RuleParseResult result = ParseRuleFile(deep);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics.items()[0].code, "SR012");
  // A `not` wraps one operand: 2,000 rules with two each, and one long
  // `not a and not b ...` chain, are shallow.
  std::string many;
  for (int i = 0; i < 2000; ++i) {
    many += "rule \"r" + std::to_string(i) + "\" { when not a and (not b or c) }\n";
  }
  many += "rule \"chain\" { when x";
  for (int i = 0; i < 1000; ++i) many += " and not y";
  many += " }\n";
  RuleParseResult shallow = ParseRuleFile(many);
  EXPECT_TRUE(shallow.ok()) << (shallow.ok() ? "" : shallow.diagnostics.items()[0].message);
}

TEST(RuleParserTest, InterpolationsHoldStringsAndBracedObjects) {
  const char* text = R"(rule "r" {
  do a.b(x = "[${join(xs, ", ")}] ${ {"k": "v"}["k"] } $5")
})";
  EXPECT_EQ(Parse(text),
            "(rule \"r\" (on) (do a.b x=(str \"[\" (call join xs \", \") \"] \" "
            "([] (object k=\"v\") \"k\") \" $5\")))\n");
  // A '${' whose quote is never closed ends the string at that quote.
  EXPECT_EQ(Parse("rule \"r\" { do a.b(x = \"${\") }"),
            "error SR006: This '${' is not closed by a '}' before the end of the string.");
}

TEST(RuleParserTest, InterpolationRangesPointIntoTheString) {
  std::string text = "rule \"a\" { when \"x ${a @ b}\" }";
  RuleParseResult result = ParseRuleFile(text);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics.items()[0].range.begin, text.find('@'));
}

}  // namespace
}  // namespace syncrule
