// `syncrule fmt`'s formatter: golden pairs reviewed by eye, focused layout
// cases, and two properties on every .rule file of the repository and on
// 1,000 generated files: formatting twice changes nothing, and the output
// parses to the same tree (positions aside) with the same comments.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/ast/ast_printer.h"
#include "compiler/format/rule_formatter.h"
#include "compiler/jql/ast_printer.h"
#include "compiler/parse/jql_parser.h"
#include "compiler/parse/rule_parser.h"
#include "tests/compiler/rule_file_generator.h"

namespace syncrule {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The tree as ast::PrintRuleFile prints it, each embedded query replaced by
// its JQL tree when it parses (the formatter rewrites JQL text canonically).
// Written independently of format::ComparableTree.
std::string TreeOf(const ast::RuleFile& file) {
  ast::RuleFile copy = file;
  for (ast::Rule& rule : copy.rules) {
    if (!rule.match) continue;
    jql::ParseResult query = jql::ParseJql(rule.match->text);
    rule.match->text = query.ok() ? "JQL " + jql::PrintAst(query.query) : "RAW " + rule.match->text;
  }
  return ast::PrintRuleFile(copy);
}

std::vector<std::string> CommentTexts(const RuleParseResult& parsed) {
  std::vector<std::string> texts;
  for (const ast::Comment& comment : parsed.comments) texts.push_back(comment.text);
  return texts;
}

std::string Diagnostics(const DiagnosticList& list) {
  std::string out;
  for (const Diagnostic& d : list.items()) out += d.code + ": " + d.message + "\n";
  return out;
}

// Formats `text` and checks the properties; returns the formatted text.
std::string ExpectFormatsFaithfully(const std::string& name, const std::string& text) {
  SCOPED_TRACE(name);
  RuleParseResult input = ParseRuleFile(text);
  format::FormatResult once = format::FormatRuleSource(text);
  if (!input.ok()) {
    EXPECT_FALSE(once.ok()) << "a file with syntax errors was formatted";
    EXPECT_EQ(Diagnostics(once.diagnostics), Diagnostics(input.diagnostics));
    EXPECT_EQ(once.text, "");
    return "";
  }
  EXPECT_TRUE(once.ok()) << Diagnostics(once.diagnostics) << "input:\n" << text;
  if (!once.ok()) return "";
  format::FormatResult twice = format::FormatRuleSource(once.text);
  EXPECT_TRUE(twice.ok()) << Diagnostics(twice.diagnostics);
  EXPECT_EQ(twice.text, once.text) << "not idempotent; input:\n" << text;
  RuleParseResult output = ParseRuleFile(once.text);
  EXPECT_TRUE(output.ok()) << Diagnostics(output.diagnostics);
  EXPECT_EQ(TreeOf(output.file), TreeOf(input.file)) << "output:\n" << once.text;
  EXPECT_EQ(CommentTexts(output), CommentTexts(input)) << "output:\n" << once.text;
  // Layout invariants: no trailing blanks, no double blank lines, and one
  // line break at the end of a non-empty file.
  EXPECT_EQ(once.text.find(" \n"), std::string::npos) << once.text;
  EXPECT_EQ(once.text.find("\n\n\n"), std::string::npos) << once.text;
  if (!once.text.empty()) {
    EXPECT_EQ(once.text.back(), '\n');
    EXPECT_NE(once.text[0], '\n');
  }
  return once.text;
}

std::string Format(const std::string& text) {
  format::FormatResult result = format::FormatRuleSource(text);
  EXPECT_TRUE(result.ok()) << Diagnostics(result.diagnostics);
  return result.text;
}

TEST(RuleFormatTest, GoldenPairs) {
  fs::path dir = fs::path(SYNCRULE_SOURCE_DIR) / "tests" / "format";
  int pairs = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string file = entry.path().filename().string();
    const std::string suffix = ".input.rule";
    if (file.size() <= suffix.size() || file.substr(file.size() - suffix.size()) != suffix)
      continue;
    std::string stem = file.substr(0, file.size() - suffix.size());
    SCOPED_TRACE(stem);
    std::string expected = ReadFile(dir / (stem + ".expected.rule"));
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(Format(ReadFile(entry.path())), expected);
    EXPECT_EQ(Format(expected), expected) << "a golden output is not a fixed point";
    ++pairs;
  }
  EXPECT_GE(pairs, 3);
}

TEST(RuleFormatTest, EveryRuleFileInTheRepository) {
  int files = 0;
  for (const char* root : {"examples", "tests"}) {
    for (const auto& entry :
         fs::recursive_directory_iterator(fs::path(SYNCRULE_SOURCE_DIR) / root)) {
      if (entry.path().extension() != ".rule") continue;
      ExpectFormatsFaithfully(entry.path().string(), ReadFile(entry.path()));
      ++files;
    }
  }
  EXPECT_GE(files, 28);
}

TEST(RuleFormatTest, ThousandGeneratedFiles) {
  testing::RuleFileGenerator generator(20261122);
  int comments = 0, long_calls = 0, long_literals = 0;
  for (int i = 0; i < 1000; ++i) {
    std::string text = generator.Generate();
    RuleParseResult parsed = ParseRuleFile(text);
    ASSERT_TRUE(parsed.ok()) << "the generator made an invalid file (#" << i << "):\n"
                             << text << "\n"
                             << Diagnostics(parsed.diagnostics);
    comments += static_cast<int>(parsed.comments.size());
    std::string formatted = ExpectFormatsFaithfully("generated #" + std::to_string(i), text);
    long_calls += formatted.find("(\n") != std::string::npos;
    long_literals += formatted.find(" = {\n") != std::string::npos ||
                     formatted.find(" = [\n") != std::string::npos;
    if (HasFailure()) break;
  }
  // The generator must keep exercising comments and broken calls.
  EXPECT_GT(comments, 1000);
  EXPECT_GT(long_calls, 50);
  EXPECT_GT(long_literals, 5) << long_literals;
}

TEST(RuleFormatTest, LaysOutClausesOnePerLine) {
  EXPECT_EQ(
      Format("rule \"a\"{on pagerduty.incident.triggered,jira.issue.updated manual "
             "when incident.title==\"x\" let t=incident.title do jira.transition(to=\"Done\")}"),
      "rule \"a\" {\n"
      "  on pagerduty.incident.triggered, jira.issue.updated\n"
      "  manual\n"
      "  when incident.title == \"x\"\n"
      "  let t = incident.title\n"
      "  do jira.transition(to = \"Done\")\n"
      "}\n");
}

TEST(RuleFormatTest, KeepsCommentsInPlace) {
  std::string text =
      "# header\n"
      "\n"
      "rule \"a\" {  # about a\n"
      "  # before on\n"
      "  on pagerduty.incident.triggered   # trailing\n"
      "\n"
      "\n"
      "  do jira.create_issue(project = \"OPS\",  # the project\n"
      "    summary = incident.title)\n"
      "  # last words\n"
      "}  # end\n"
      "# tail\n";
  EXPECT_EQ(Format(text),
            "# header\n"
            "\n"
            "rule \"a\" {  # about a\n"
            "  # before on\n"
            "  on pagerduty.incident.triggered  # trailing\n"
            "\n"
            "  do jira.create_issue(\n"
            "    project = \"OPS\",  # the project\n"
            "    summary = incident.title,\n"
            "  )\n"
            "  # last words\n"
            "}  # end\n"
            "# tail\n");
}

TEST(RuleFormatTest, HoistsCommentsFromInsideOneLineElements) {
  EXPECT_EQ(Format("const a = [1,  # one\n 2]\n"), "# one\nconst a = [1, 2]\n");
}

TEST(RuleFormatTest, AlignsMapArrowsWithinRuns) {
  EXPECT_EQ(
      Format(
          "map m { \"critical\" => \"Highest\" \"warning\", \"P2\"=>\"High\"; _ => \"Medium\"\n\n"
          "  1 => \"one\" }"),
      "map m {\n"
      "  \"critical\"      => \"Highest\"\n"
      "  \"warning\", \"P2\" => \"High\"\n"
      "  _               => \"Medium\"\n"
      "\n"
      "  1 => \"one\"\n"
      "}\n");
}

TEST(RuleFormatTest, BreaksDoCallsPastOneHundredColumns) {
  std::string short_call = "rule \"r\" {\n  do jira.create_issue(project = \"OPS\", summary = \"" +
                           std::string(47, 'x') + "\")\n}\n";
  // Two columns of indentation and 98 of call: exactly 100.
  EXPECT_EQ(Format(short_call), short_call);
  // One more column breaks it.
  std::string long_call = "rule \"r\" { do jira.create_issue(project = \"OPS\", summary = \"" +
                          std::string(48, 'x') + "\") }";
  EXPECT_EQ(Format(long_call),
            "rule \"r\" {\n"
            "  do jira.create_issue(\n"
            "    project = \"OPS\",\n"
            "    summary = \"" +
                std::string(48, 'x') +
                "\",\n"
                "  )\n"
                "}\n");
}

TEST(RuleFormatTest, BreaksLongObjectArgumentsOnePerLine) {
  EXPECT_EQ(
      Format("rule \"r\" { do jira.set_fields(fields = {\"customfield_10010\": incident.html_url, "
             "# the service\n \"customfield_10011\": incident.service.name, \"x\": [1]}) }"),
      "rule \"r\" {\n"
      "  do jira.set_fields(\n"
      "    # the service\n"
      "    fields = {\n"
      "      \"customfield_10010\": incident.html_url,\n"
      "      \"customfield_10011\": incident.service.name,\n"
      "      \"x\": [1],\n"
      "    },\n"
      "  )\n"
      "}\n");
}

TEST(RuleFormatTest, WritesParenthesesOnlyWhereTheTreeNeedsThem) {
  EXPECT_EQ(Format("const a = ((x and y)) or (z)\n"), "const a = x and y or z\n");
  EXPECT_EQ(Format("const a = x and (y or z)\n"), "const a = x and (y or z)\n");
  EXPECT_EQ(Format("const a = (a + b) - (c - d)\n"), "const a = a + b - (c - d)\n");
  EXPECT_EQ(Format("const a = not (x == 1)\n"), "const a = not (x == 1)\n");
  EXPECT_EQ(Format("const a = not x in y\n"), "const a = not (x in y)\n");
  EXPECT_EQ(Format("const a = not (not x)\n"), "const a = not not x\n");
  EXPECT_EQ(Format("const a = (not x) == y\n"), "const a = (not x) == y\n");
  EXPECT_EQ(Format("const a = (x + 1).y[(0)]\n"), "const a = (x + 1).y[0]\n");
  EXPECT_EQ(Format("const a = x changed from (1) to (a or b)\n"),
            "const a = x changed from 1 to (a or b)\n");
}

TEST(RuleFormatTest, QuotesStringsCanonically) {
  EXPECT_EQ(Format("const a = \"tab\there \\u00e9 \\$ \\${x} \\u0001\"\n"),
            "const a = \"tab\\there \xC3\xA9 $ \\${x} \\u0001\"\n");
  EXPECT_EQ(Format("const a = \"${ len( x ) } \\\" ${y}\"\n"),
            "const a = \"${len(x)} \\\" ${y}\"\n");
  // Inside ${...} keys stay bare: a quote there would end the string.
  EXPECT_EQ(Format("const a = \"${ {k:1}.k }\"\n"), "const a = \"${{k: 1}.k}\"\n");
  EXPECT_EQ(Format("const a = {key: 1, \"k 2\": [1,2,]}\n"),
            "const a = {\"key\": 1, \"k 2\": [1, 2]}\n");
}

TEST(RuleFormatTest, FormatsEmbeddedJqlAndKeepsWhatDoesNotParse) {
  EXPECT_EQ(Format("rule \"r\" { match jql `project=SRE and\n priority = High`  becomes true }"),
            "rule \"r\" {\n  match jql `project = SRE AND priority = High` becomes true\n}\n");
  EXPECT_EQ(Format("rule \"r\" { match jql `project = = x` }"),
            "rule \"r\" {\n  match jql `project = = x`\n}\n");
}

TEST(RuleFormatTest, KeepsAtMostOneBlankLineAndSeparatesBlocks) {
  EXPECT_EQ(Format("\n\nconst a = 1\n\n\n\nconst b = 2\nconst c = 3\nmap m {}\nrule \"r\" {}"),
            "const a = 1\n\nconst b = 2\nconst c = 3\n\nmap m {}\n\nrule \"r\" {}\n");
}

TEST(RuleFormatTest, DoesNotFormatFilesWithSyntaxErrors) {
  format::FormatResult result = format::FormatRuleSource("rule \"r\" {\n  when (a\n}\n");
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.text, "");
  ASSERT_FALSE(result.diagnostics.items().empty());
  EXPECT_EQ(result.diagnostics.items()[0].code.substr(0, 2), "SR");
}

TEST(RuleFormatTest, RejectsASecondMatchClauseInsteadOfDroppingIt) {
  RuleParseResult parsed = ParseRuleFile(
      "rule \"r\" {\n  on jira.issue.updated\n  match jql `a = 1`\n  match jql `b = 2`\n}\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.diagnostics.items()[0].code, "SR011");
  EXPECT_FALSE(format::FormatRuleSource("rule \"r\" { match jql `a = 1` match jql `b = 2` }").ok());
}

TEST(RuleFormatTest, DropsAByteOrderMarkAndKeepsPositionsAfterIt) {
  std::string text = "\xEF\xBB\xBF# c\nconst a = 1  # d\n";
  RuleParseResult parsed = ParseRuleFile(text);
  ASSERT_TRUE(parsed.ok()) << Diagnostics(parsed.diagnostics);
  ASSERT_EQ(parsed.comments.size(), 2u);
  EXPECT_EQ(parsed.comments[0].range.begin, 3u);
  EXPECT_EQ(parsed.comments[0].text, "# c");
  EXPECT_EQ(Format(text), "# c\nconst a = 1  # d\n");
}

TEST(RuleFormatTest, KeepsALoopBoundTooLargeForTheTreeAsWritten) {
  EXPECT_EQ(Format("rule \"r\" { for x in y  # limit 5\n limit 99999999999999999999 { } }"),
            "rule \"r\" {\n  # limit 5\n  for x in y limit 99999999999999999999 {}\n}\n");
}

TEST(RuleFormatTest, CollectsCommentsEvenWhenParsingFails) {
  RuleParseResult parsed = ParseRuleFile("# one  \nrule \"r\" { # two\n when (\n}");
  EXPECT_FALSE(parsed.ok());
  ASSERT_EQ(parsed.comments.size(), 2u);
  EXPECT_EQ(parsed.comments[0].text, "# one");
  EXPECT_EQ(parsed.comments[1].text, "# two");
  EXPECT_EQ(parsed.comments[1].range.begin, 19u);
}

}  // namespace
}  // namespace syncrule
