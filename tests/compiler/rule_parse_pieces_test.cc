// Large rule files are lexed and parsed in two pieces at once. The result
// must be the one a whole parse gives: the same tree, node ids, ranges,
// comments and diagnostics, whatever the cut falls on.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "compiler/ast/ast_printer.h"
#include "compiler/parse/rule_parser.h"
#include "tests/compiler/rule_file_generator.h"

namespace syncrule {
namespace {

// Parses `text` whole (never in pieces) and in pieces (always, when it is
// at least 1 KB).
RuleParseResult ParseWhole(const std::string& text) {
  RuleParseOptions options;
  options.parse_in_pieces_from = SIZE_MAX;
  return ParseRuleFile(text, options);
}

RuleParseResult ParseInPieces(const std::string& text) {
  RuleParseOptions options;
  options.parse_in_pieces_from = 1024;
  return ParseRuleFile(text, options);
}

// A file of many generated rule files, each ending between items.
std::string LargeFile(uint64_t seed, size_t bytes) {
  testing::RuleFileGenerator generator(seed);
  std::string text = "# a large file\n";
  int n = 0;
  while (text.size() < bytes) {
    text += generator.Generate();
    text += "\nrule \"extra " + std::to_string(n++) +
            "\" {\n  on jira.issue.created\n  # inside\n  do jira.comment(body = \"x\")\n}\n";
  }
  return text;
}

void ExpectSameResult(const RuleParseResult& whole, const RuleParseResult& pieces) {
  ASSERT_EQ(whole.ok(), pieces.ok());
  EXPECT_EQ(ast::PrintRuleFile(whole.file), ast::PrintRuleFile(pieces.file));
  ASSERT_EQ(whole.file.ranges.size(), pieces.file.ranges.size());
  for (size_t k = 0; k < whole.file.ranges.size(); ++k) {
    ASSERT_EQ(whole.file.ranges[k].begin, pieces.file.ranges[k].begin) << "node " << k;
    ASSERT_EQ(whole.file.ranges[k].end, pieces.file.ranges[k].end) << "node " << k;
  }
  ASSERT_EQ(whole.comments.size(), pieces.comments.size());
  for (size_t k = 0; k < whole.comments.size(); ++k) {
    EXPECT_EQ(whole.comments[k].text, pieces.comments[k].text);
    EXPECT_EQ(whole.comments[k].range.begin, pieces.comments[k].range.begin);
  }
  ASSERT_EQ(whole.diagnostics.items().size(), pieces.diagnostics.items().size());
  for (size_t k = 0; k < whole.diagnostics.items().size(); ++k) {
    const Diagnostic& a = whole.diagnostics.items()[k];
    const Diagnostic& b = pieces.diagnostics.items()[k];
    EXPECT_EQ(a.code, b.code);
    EXPECT_EQ(a.message, b.message);
    EXPECT_EQ(a.range.begin, b.range.begin);
  }
}

TEST(RuleParsePiecesTest, PiecesGiveTheWholeParse) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    std::string text = LargeFile(seed, 20000 + seed * 7000);
    RuleParseResult whole = ParseWhole(text);
    ASSERT_TRUE(whole.ok()) << "seed " << seed;
    ASSERT_GT(whole.file.rules.size(), 10u);
    RuleParseResult pieces = ParseInPieces(text);
    EXPECT_EQ(pieces.pieces, 2);
    ExpectSameResult(whole, pieces);
  }
}

TEST(RuleParsePiecesTest, ByteOrderMarkAndLargeDefaultFiles) {
  // Over the default threshold, with a byte order mark shifting offsets.
  std::string text = "\xEF\xBB\xBF" + LargeFile(42, 300 * 1024);
  RuleParseResult whole = ParseWhole(text);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole.pieces, 1);
  RuleParseResult pieces = ParseRuleFile(text);
  EXPECT_EQ(pieces.pieces, 2);
  ExpectSameResult(whole, pieces);
}

TEST(RuleParsePiecesTest, ErrorsInEitherPieceAreTheWholeParsesErrors) {
  std::string text = LargeFile(7, 40000);
  for (double at : {0.2, 0.8}) {
    std::string broken = text;
    size_t rule = broken.find("\nrule ", static_cast<size_t>(broken.size() * at));
    ASSERT_NE(rule, std::string::npos);
    broken.insert(rule + 1, "rule \"bad\" { on jira.issue.created do }\n");
    RuleParseResult whole = ParseWhole(broken);
    ASSERT_FALSE(whole.ok());
    ExpectSameResult(whole, ParseInPieces(broken));
  }
}

TEST(RuleParsePiecesTest, ACutInsideAJqlBlockFallsBackToTheWholeParse) {
  // A line that starts like a rule, inside a multi-line JQL block, is the
  // first such line after the middle: the cut lands there, and the first
  // piece is left with an unterminated block.
  std::string before = LargeFile(9, 40000);
  std::string head = "rule \"tricky\" {\n  on jira.issue.updated\n  match jql `project = A";
  std::string tail = "\nrule \"not a rule\" OR project = B`\n  do jira.comment(body = \"x\")\n}\n";
  // Comment lines after it, so that the middle falls inside `head`.
  std::string after;
  while (after.size() + 40 < before.size() - tail.size()) after += "# " + std::string(37, 'p') + "\n";
  after += "#" + std::string(before.size() - tail.size() - after.size() - 2, 'q') + "\n";
  std::string text = before + head + tail + after;
  ASSERT_EQ(text.find("\nrule ", text.size() / 2), before.size() + head.size());
  RuleParseResult whole = ParseWhole(text);
  ASSERT_TRUE(whole.ok()) << (whole.diagnostics.items().empty()
                                  ? ""
                                  : whole.diagnostics.items()[0].message);
  RuleParseResult pieces = ParseInPieces(text);
  EXPECT_EQ(pieces.pieces, 1);
  ExpectSameResult(whole, pieces);
}

}  // namespace
}  // namespace syncrule
