// Parser goldens (through the AST printer), syntax-error cases with their
// codes and positions, limits, and the human diagnostic format.

#include <gtest/gtest.h>

#include <string>

#include "compiler/diagnostic.h"
#include "compiler/jql/ast_printer.h"
#include "compiler/parse/jql_parser.h"

namespace syncrule::jql {
namespace {

struct Golden {
  const char* query;
  const char* tree;
};

class JqlParserGoldenTest : public testing::TestWithParam<Golden> {};

TEST_P(JqlParserGoldenTest, BuildsTheExpectedTree) {
  ParseResult result = ParseJql(GetParam().query);
  ASSERT_TRUE(result.ok()) << GetParam().query << ": "
                           << result.diagnostics.items()[0].message;
  EXPECT_EQ(PrintAst(result.query), GetParam().tree);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, JqlParserGoldenTest,
    testing::Values(
        Golden{"", "(query)"},
        Golden{"project = SRE", "(query (= \"project\" \"SRE\"))"},
        Golden{"a=1 or b=2 and c=3",
               "(query (or (= \"a\" 1) (and (= \"b\" 2) (= \"c\" 3))))"},
        Golden{"a=1 and b=2 or c=3",
               "(query (or (and (= \"a\" 1) (= \"b\" 2)) (= \"c\" 3)))"},
        Golden{"not a=1 and b=2", "(query (and (not (= \"a\" 1)) (= \"b\" 2)))"},
        Golden{"not (a=1 or b=2)", "(query (not (or (= \"a\" 1) (= \"b\" 2))))"},
        Golden{"a=1 & b=2 | c=3 && d=4 || e=5",
               "(query (or (and (= \"a\" 1) (= \"b\" 2)) (and (= \"c\" 3) (= "
               "\"d\" 4)) (= \"e\" 5)))"},
        Golden{"status != \"In Progress\"", "(query (!= \"status\" \"In Progress\"))"},
        Golden{"summary ~ 'it\\'s'", "(query (~ \"summary\" \"it's\"))"},
        Golden{"x = a\\ b", "(query (= \"x\" \"a b\"))"},
        Golden{"x = \\u0041bc", "(query (= \"x\" \"Abc\"))"},
        Golden{"assignee is not null", "(query (IS NOT \"assignee\" EMPTY))"},
        Golden{"x not in (a, -5, EMPTY, f(1, \"b\"), (c))",
               "(query (NOT IN \"x\" (\"a\" -5 EMPTY (call \"f\" 1 \"b\") (\"c\"))))"},
        Golden{"cf[ 0010010 ] > 5", "(query (> \"cf[10010]\" 5))"},
        Golden{"issue.property[foo].bar = x",
               "(query (= \"issue.property\"[\"foo\"]\".bar\" \"x\"))"},
        Golden{"status WAS NOT IN (Open) BY jsmith DURING (\"2010/01/01\", \"2011/01/01\")",
               "(query (WAS NOT IN \"status\" (\"Open\") (BY \"jsmith\") (DURING "
               "(\"2010/01/01\" \"2011/01/01\"))))"},
        Golden{"priority changed from High to Low after -1d",
               "(query (CHANGED \"priority\" (FROM \"High\") (TO \"Low\") (AFTER \"-1d\")))"},
        Golden{"order by created desc, priority",
               "(query (order-by (\"created\" desc) (\"priority\")))"},
        Golden{"due = empty ORDER BY cf[10010] asc",
               "(query (= \"due\" EMPTY) (order-by (\"cf[10010]\" asc)))"}));

struct ErrorCase {
  const char* query;
  const char* code;
  int column;
  const char* message;
};

class JqlParserErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(JqlParserErrorTest, ReportsCodePositionAndWords) {
  const ErrorCase& c = GetParam();
  ParseResult result = ParseJql(c.query);
  ASSERT_FALSE(result.ok()) << c.query;
  const Diagnostic& first = result.diagnostics.items().front();
  Source source("<query>", c.query);
  EXPECT_EQ(first.code, c.code) << c.query << ": " << first.message;
  EXPECT_EQ(source.PositionOf(first.range.begin).column, c.column) << c.query;
  EXPECT_NE(first.message.find(c.message), std::string::npos)
      << c.query << ": " << first.message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, JqlParserErrorTest,
    testing::Values(
        ErrorCase{"project = select", "JQL003", 11,
                  "'select' is a reserved JQL word. You must surround it in "
                  "quotation marks"},
        ErrorCase{"a = b c = d", "JQL009", 7, "Expecting either 'OR' or 'AND' but got 'c'."},
        ErrorCase{"project", "JQL002", 8, "Expecting an operator before the end"},
        ErrorCase{"project blah x", "JQL002", 9, "Expecting an operator but got 'blah'."},
        ErrorCase{"project = ", "JQL008", 11,
                  "Expecting either a value, list or function before the end"},
        ErrorCase{"project = IN", "JQL008", 11, "but got 'IN'"},
        ErrorCase{"summary ~ cras*", "JQL004", 15,
                  "The character '*' is a reserved JQL character."},
        ErrorCase{"summary ~ \"open", "JQL005", 11,
                  "The quoted string 'open' has not been completed."},
        ErrorCase{"x = \"a\\kb\"", "JQL006", 7, "'\\k' is an illegal JQL escape sequence."},
        ErrorCase{"x = a\\", "JQL006", 6, "The escape sequence has not been completed."},
        ErrorCase{"x = \"a\tb\"", "JQL007", 7, "U+0009"},
        ErrorCase{"(a = b", "JQL011", 7, "Expecting ')' before the end of the query."},
        ErrorCase{"x in a", "JQL008", 6, "Expecting a list or function but got 'a'."},
        ErrorCase{"x = a after -1d", "JQL018", 7, "can only follow 'WAS'"},
        ErrorCase{"x was a from b", "JQL018", 9, "can only follow 'CHANGED'"},
        ErrorCase{"x changed a", "JQL018", 11, "does not take a value"},
        ErrorCase{"order x", "JQL015", 7, "Expecting 'BY' but got 'x'."},
        ErrorCase{"x = a order by", "JQL010", 15, "Expecting a field name before the end"},
        ErrorCase{"f(a,) = x", "JQL002", 2, "Expecting an operator"},
        ErrorCase{"x = f(a,)", "JQL016", 9, "Expecting a function argument but got ')'."},
        ErrorCase{"cf[abc] = x", "JQL019", 4, "a custom field id (a positive number)"},
        ErrorCase{"a = b AND", "JQL010", 10, "Expecting a field name before the end"}));

TEST(JqlParserTest, CollectsSeveralErrorsInOneQuery) {
  ParseResult result = ParseJql("project = select AND status = true AND x = \"y");
  ASSERT_FALSE(result.ok());
  std::vector<std::string> codes;
  for (const Diagnostic& d : result.diagnostics.items()) codes.push_back(d.code);
  EXPECT_GE(codes.size(), 3u);
  EXPECT_EQ(codes[0], "JQL003");
  EXPECT_EQ(codes[1], "JQL003");
  EXPECT_EQ(codes[2], "JQL005");
}

TEST(JqlParserTest, ReservedWordFixQuotesTheWord) {
  ParseResult result = ParseJql("project = IF");
  ASSERT_EQ(result.diagnostics.items().size(), 1u);
  const Diagnostic& d = result.diagnostics.items()[0];
  ASSERT_EQ(d.fixes.size(), 1u);
  EXPECT_EQ(d.fixes[0].replacement, "\"IF\"");
  EXPECT_EQ(d.range.begin, 10u);
  EXPECT_EQ(d.range.end, 12u);
}

TEST(JqlParserTest, ThousandNestedParenthesesParse) {
  std::string query = std::string(1000, '(') + "a = b" + std::string(1000, ')');
  EXPECT_TRUE(ParseJql(query).ok());
  std::string nots;
  for (int i = 0; i < 1000; ++i) nots += "not ";
  EXPECT_TRUE(ParseJql(nots + "a = b").ok());
}

TEST(JqlParserTest, HundredThousandNestedParenthesesGetAClearError) {
  std::string query = std::string(100000, '(') + "a = b" + std::string(100000, ')');
  ParseResult result = ParseJql(query);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics.items()[0].code, "JQL012");
  // The caret points at the first parenthesis beyond the limit, not at the
  // deepest one far to the right.
  EXPECT_EQ(result.diagnostics.items()[0].range.begin,
            static_cast<size_t>(ParseOptions{}.max_nesting));
}

TEST(JqlParserTest, HundredThousandNotPrefixesGetAClearError) {
  std::string nots;
  for (int i = 0; i < 100000; ++i) nots += "!";
  ParseResult result = ParseJql(nots + "a = b");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics.items()[0].code, "JQL012");
}

TEST(JqlParserTest, InvalidUtf8IsRejectedWithItsOffset) {
  ParseResult result = ParseJql("x = \"a\xff\"");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics.items()[0].code, "JQL013");
  EXPECT_EQ(result.diagnostics.items()[0].range.begin, 6u);
}

TEST(JqlParserTest, ColumnsCountCharactersNotBytes) {
  ParseResult result = ParseJql("x = \"日本\" y");
  ASSERT_FALSE(result.ok());
  Source source("<query>", "x = \"日本\" y");
  EXPECT_EQ(source.PositionOf(result.diagnostics.items()[0].range.begin).column, 10);
}

TEST(JqlParserTest, ErrorsOnLaterLinesReportTheirLine) {
  std::string query = "project = A\nAND status = select";
  ParseResult result = ParseJql(query);
  ASSERT_FALSE(result.ok());
  Source source("q.jql", query);
  SourcePosition at = source.PositionOf(result.diagnostics.items()[0].range.begin);
  EXPECT_EQ(at.line, 2);
  EXPECT_EQ(at.column, 14);
}

TEST(JqlParserTest, HumanFormatShowsTheLineAndACaret) {
  std::string query = "project = select";
  ParseResult result = ParseJql(query);
  Source source("<query>", query);
  std::string text = FormatDiagnostic(source, result.diagnostics.items()[0]);
  EXPECT_EQ(text,
            "<query>:1:11: error[JQL003]: 'select' is a reserved JQL word. You "
            "must surround it in quotation marks to use it in a query.\n"
            " 1 | project = select\n"
            "   |           ^^^^^^\n"
            "   = help: quote the reserved word: \"select\"\n");
}

TEST(JqlParserTest, RandomBytesNeverCrash) {
  uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string input;
    int length = static_cast<int>(state % 40);
    for (int i = 0; i < length; ++i) {
      state = state * 1103515245u + 12345u;
      input += "()=!~<>,[]&|\"'\\ aznotinorcf0-9\n\x01\xc3\xa9"[(state >> 16) % 36];
    }
    ParseResult result = ParseJql(input);
    for (const Diagnostic& d : result.diagnostics.items()) {
      EXPECT_EQ(d.code.rfind("JQL", 0), 0u) << d.code;
      EXPECT_FALSE(d.message.empty());
      EXPECT_LE(d.range.begin, d.range.end);
      EXPECT_LE(d.range.end, input.size());
    }
  }
}

}  // namespace
}  // namespace syncrule::jql
