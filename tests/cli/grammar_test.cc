// The TextMate grammar (editors/textmate/syncrule.tmLanguage.json) is valid
// JSON, its regexes compile (kept RE2-compatible, a subset of what Oniguruma
// takes), and every keyword of grammar/RuleLexer.g4 is matched by a pattern.

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/cli_test_util.h"

namespace syncrule::testing {
namespace {

nlohmann::json Grammar() {
  return nlohmann::json::parse(ReadFile(SourcePath("editors/textmate/syncrule.tmLanguage.json")),
                               nullptr, false);
}

// Every regex of the grammar: the values of "match", "begin" and "end".
void CollectRegexes(const nlohmann::json& node, std::vector<std::string>* out) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if ((key == "match" || key == "begin" || key == "end") && value.is_string()) {
        out->push_back(value.get<std::string>());
      } else {
        CollectRegexes(value, out);
      }
    }
  } else if (node.is_array()) {
    for (const auto& item : node) CollectRegexes(item, out);
  }
}

// The keywords the lexer declares: NAME: 'word'; with a lowercase word.
std::vector<std::string> LexerKeywords() {
  std::string lexer = ReadFile(SourcePath("grammar/RuleLexer.g4"));
  std::regex keyword(R"(^[A-Z_]+\s*:\s*'([a-z]+)'\s*;)", std::regex::multiline);
  std::vector<std::string> out;
  for (std::sregex_iterator it(lexer.begin(), lexer.end(), keyword), end; it != end; ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

TEST(TextMateGrammarTest, IsValidJsonWithTheScopeName) {
  nlohmann::json grammar = Grammar();
  ASSERT_FALSE(grammar.is_discarded());
  EXPECT_EQ(grammar.value("scopeName", ""), "source.syncrule");
  EXPECT_TRUE(grammar["patterns"].is_array());
}

TEST(TextMateGrammarTest, EveryRegexCompilesWithRe2) {
  std::vector<std::string> regexes;
  CollectRegexes(Grammar(), &regexes);
  ASSERT_GT(regexes.size(), 20u);
  for (const std::string& pattern : regexes) {
    RE2 re(pattern, RE2::Quiet);
    EXPECT_TRUE(re.ok()) << pattern << ": " << re.error();
  }
}

TEST(TextMateGrammarTest, EveryLexerKeywordIsMatched) {
  std::vector<std::string> keywords = LexerKeywords();
  ASSERT_GE(keywords.size(), 26u);  // rule ... allow, as in docs/language.md
  std::vector<std::string> regexes;
  CollectRegexes(Grammar(), &regexes);
  for (const std::string& keyword : keywords) {
    bool matched = false;
    for (const std::string& pattern : regexes) {
      RE2 re(pattern, RE2::Quiet);
      matched = matched || (re.ok() && RE2::FullMatch(keyword, re));
    }
    EXPECT_TRUE(matched) << "no pattern matches the keyword '" << keyword << "'";
  }
}

TEST(TextMateGrammarTest, EmbedsJqlWithItsKeywords) {
  nlohmann::json jql = Grammar()["repository"]["jql"];
  EXPECT_EQ(jql.value("name", ""), "meta.embedded.block.jql");
  EXPECT_EQ(jql.value("contentName", ""), "source.jql");
  std::vector<std::string> regexes;
  CollectRegexes(jql, &regexes);
  for (const char* word : {"AND", "OR", "NOT", "IN", "IS", "EMPTY", "ORDER BY", "was", "changed"}) {
    bool matched = false;
    for (const std::string& pattern : regexes) {
      RE2 re(pattern, RE2::Quiet);
      matched = matched || (re.ok() && RE2::FullMatch(word, re));
    }
    EXPECT_TRUE(matched) << word;
  }
}

TEST(TextMateGrammarTest, StringsHaveEscapesAndInterpolation) {
  nlohmann::json repository = Grammar()["repository"];
  RE2 escape(repository["string"]["patterns"][0]["match"].get<std::string>());
  for (const char* text : {"\\\"", "\\\\", "\\n", "\\$", "\\u00e9"}) {
    EXPECT_TRUE(RE2::FullMatch(text, escape)) << text;
  }
  EXPECT_EQ(repository["interpolation"].value("begin", ""), "\\$\\{");
}

TEST(VsCodePackageTest, ContributesTheLanguageAndGrammar) {
  nlohmann::json package =
      nlohmann::json::parse(ReadFile(SourcePath("editors/vscode/package.json")), nullptr, false);
  ASSERT_FALSE(package.is_discarded());
  EXPECT_EQ(package["contributes"]["languages"][0]["extensions"][0], ".rule");
  EXPECT_EQ(package["contributes"]["grammars"][0]["scopeName"], "source.syncrule");
  std::string path = package["contributes"]["grammars"][0]["path"];
  EXPECT_FALSE(Grammar().is_discarded());
  EXPECT_FALSE(ReadFile(SourcePath("editors/vscode/" + path)).empty()) << path;
}

}  // namespace
}  // namespace syncrule::testing
