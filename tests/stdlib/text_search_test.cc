#include "stdlib/text_search.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "stdlib/english_stop_words.h"

namespace syncrule::stdlib {
namespace {

using Strings = std::vector<std::string>;

// ---------------------------------------------------------------------------
// Analyzer.

TEST(AnalyzeTextTest, FoldsSplitsDropsStopWordsAndStems) {
  const AnalyzedText text = AnalyzeText("The quick brown Foxes JUMPED!");
  EXPECT_EQ(text.words, (Strings{"the", "quick", "brown", "foxes", "jumped"}));
  EXPECT_EQ(text.terms, (Strings{"", "quick", "brown", "fox", "jump"}));
}

TEST(AnalyzeTextTest, EmptyAndSeparatorOnlyTextHasNoTerms) {
  EXPECT_TRUE(AnalyzeText("").terms.empty());
  EXPECT_TRUE(AnalyzeText("  -- !! ** \t\n").terms.empty());
  EXPECT_TRUE(AnalyzeText("''' ’").words.empty());
}

TEST(AnalyzeTextTest, StopWordsAreExactlyJirasList) {
  const Strings facts = {
      "a",    "an",   "and",  "are",  "as",   "at",    "be",   "but",   "by",
      "for",  "if",   "in",   "into", "is",   "it",    "no",   "not",   "of",
      "on",   "or",   "such", "that", "the",  "their", "then", "there", "these",
      "they", "this", "to",   "was",  "will", "with"};
  ASSERT_EQ(kEnglishStopWords.size(), facts.size());
  for (const std::string& word : facts) {
    EXPECT_TRUE(IsEnglishStopWord(word)) << word;
    const AnalyzedText text = AnalyzeText(word);
    ASSERT_EQ(text.terms.size(), 1u) << word;
    EXPECT_EQ(text.terms[0], "") << word;
    EXPECT_EQ(text.words[0], word) << word;
  }
  for (const char* word : {"i", "you", "have", "has", "do", "from", "can"}) {
    EXPECT_FALSE(IsEnglishStopWord(word)) << word;
  }
}

TEST(AnalyzeTextTest, StopWordsAreCaseInsensitiveAndKeepTheirPosition) {
  const AnalyzedText text = AnalyzeText("VSX WILL NOT crash");
  EXPECT_EQ(text.terms, (Strings{"vsx", "", "", "crash"}));
}

struct StemCase {
  const char* word;
  const char* stem;
};

TEST(AnalyzeTextTest, SnowballEnglishStems) {
  const std::vector<StemCase> cases = {
      {"customize", "custom"},    {"customized", "custom"},
      {"customizing", "custom"},  {"customer", "custom"},
      {"customers", "custom"},    {"running", "run"},
      {"crashes", "crash"},       {"crashed", "crash"},
      {"connection", "connect"},  {"connections", "connect"},
      {"generously", "generous"}, {"failures", "failur"},
      {"failure", "failur"},      {"failed", "fail"},
      {"1234", "1234"},           {"x86", "x86"},
  };
  for (const StemCase& c : cases) {
    const AnalyzedText text = AnalyzeText(c.word);
    ASSERT_EQ(text.terms.size(), 1u) << c.word;
    EXPECT_EQ(text.terms[0], c.stem) << c.word;
  }
}

TEST(AnalyzeTextTest, PossessivesAreDropped) {
  EXPECT_EQ(AnalyzeText("Harry's").words, (Strings{"harry"}));
  EXPECT_EQ(AnalyzeText("HARRY'S").words, (Strings{"harry"}));
  EXPECT_EQ(AnalyzeText("Harry\u2019s").words, (Strings{"harry"}));
  // "it's" becomes the stop word "it".
  EXPECT_EQ(AnalyzeText("it's").terms, (Strings{""}));
}

TEST(AnalyzeTextTest, ApostrophesInsideWordsAreKept) {
  EXPECT_EQ(AnalyzeText("don't O'Neil").words, (Strings{"don't", "o'neil"}));
  EXPECT_EQ(AnalyzeText("don\u2019t").words, (Strings{"don't"}));
  EXPECT_EQ(AnalyzeText("'quoted' rock'").words, (Strings{"quoted", "rock"}));
}

TEST(AnalyzeTextTest, SplitsOnEverythingButLettersAndDigits) {
  EXPECT_EQ(
      AnalyzeText("e-mail foo_bar 3.14 a/b [x] C++ user@example.com").words,
      (Strings{"e", "mail", "foo", "bar", "3", "14", "a", "b", "x", "c", "user",
               "example", "com"}));
}

TEST(AnalyzeTextTest, UnicodeFullCaseFolding) {
  EXPECT_EQ(AnalyzeText("STRASSE").words, (Strings{"strasse"}));
  EXPECT_EQ(AnalyzeText("straße").words, (Strings{"strasse"}));
  EXPECT_EQ(AnalyzeText("STRAẞE").words, (Strings{"strasse"}));
  EXPECT_EQ(AnalyzeText("ÉCOLE").words, AnalyzeText("école").words);
  // Decomposed and precomposed accents agree.
  EXPECT_EQ(AnalyzeText("e\u0301cole").words, AnalyzeText("\u00e9cole").words);
  // Final sigma folds like sigma.
  EXPECT_EQ(AnalyzeText("ΣΊΣΥΦΟΣ").words, AnalyzeText("σίσυφος").words);
  // Full-width letters and ligatures are compatibility-folded.
  EXPECT_EQ(AnalyzeText("ＡＢＣ ﬁne").words, (Strings{"abc", "fine"}));
}

TEST(AnalyzeTextTest, CombiningMarksStayInTheirWord) {
  // Devanagari vowel signs are combining marks.
  EXPECT_EQ(AnalyzeText("नमस्ते दुनिया").words.size(), 2u);
}

TEST(AnalyzeTextTest, IdeographsAreOneWordEach) {
  EXPECT_EQ(AnalyzeText("中文测试").words, (Strings{"中", "文", "测", "试"}));
  EXPECT_EQ(AnalyzeText("ひらがな").words.size(), 4u);
  EXPECT_EQ(AnalyzeText("カタカナ").words, (Strings{"カタカナ"}));
  EXPECT_EQ(AnalyzeText("abc中def").words, (Strings{"abc", "中", "def"}));
}

TEST(AnalyzeTextTest, AsciiAndUnicodePathsAgree) {
  const std::string ascii = "Harry's CRASH-test don't 42x O'Neil's it's";
  const AnalyzedText fast = AnalyzeText(ascii);
  AnalyzedText slow = AnalyzeText(ascii + " é");
  ASSERT_EQ(slow.words.size(), fast.words.size() + 1);
  slow.words.pop_back();
  slow.terms.pop_back();
  EXPECT_EQ(slow.words, fast.words);
  EXPECT_EQ(slow.terms, fast.terms);
}

TEST(AnalyzeTextTest, InvalidUtf8IsASeparator) {
  const AnalyzedText text = AnalyzeText(
      "abc\xff\xfe"
      "def \xc3");
  EXPECT_EQ(text.words, (Strings{"abc", "def"}));
}

TEST(AnalyzeTextTest, VeryLongWordsAreCutLikeLucene) {
  const std::string long_word(600, 'x');
  const AnalyzedText text = AnalyzeText(long_word);
  ASSERT_EQ(text.words.size(), 3u);
  EXPECT_EQ(text.words[0].size(), 255u);
  EXPECT_EQ(text.words[2].size(), 90u);
}

TEST(AnalyzeTextTest, IsThreadSafe) {
  const std::string input =
      "Customers reported crashes when customizing the dashboards; "
      "Straße, café, 中文 and don't forget Harry's connections.";
  const AnalyzedText expected = AnalyzeText(input);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const AnalyzedText actual = AnalyzeText(input);
        if (actual.terms != expected.terms || actual.words != expected.words) {
          ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, (std::vector<int>{0, 0, 0, 0}));
}

// ---------------------------------------------------------------------------
// Query matching.

struct MatchCase {
  const char* query;
  const char* text;
  bool expected;
};

void ExpectMatches(const std::vector<MatchCase>& cases) {
  for (const MatchCase& c : cases) {
    const TextQuery query(c.query);
    ASSERT_TRUE(query.ok()) << c.query << ": " << query.error();
    EXPECT_EQ(query.Matches(AnalyzeText(c.text)), c.expected)
        << "query [" << c.query << "] on text [" << c.text << "]";
  }
}

TEST(TextQueryTest, TermsAreAndedAndStemmed) {
  ExpectMatches({
      {"crash", "The app crashed on start", true},
      {"CRASH", "the app crashed", true},
      {"crashes", "crash", true},
      {"crash", "crush", false},
      {"customize", "new customer portal", true},
      {"customize", "customized dashboards", true},
      {"customize", "costume", false},
      {"login failure", "failure on login page", true},
      {"login failure", "login ok", false},
      {"login failure", "failure", false},
      {"dash", "dashboard", false},  // whole words only
  });
}

TEST(TextQueryTest, StopWordsAreNotIndexed) {
  ExpectMatches({
      {"VSX will crash", "VSX will not crash", true},
      {"VSX will crash", "VSX crash", true},
      {"the", "the", false},
      {"to be or not", "to be or not to be", false},
      {"login AND the", "login", true},
      {"the OR login", "login", true},
      // Lower-case "and"/"or" are words, and stop words at that.
      {"login or failure", "login ok", false},
      {"login and failure", "login failure", true},
  });
}

TEST(TextQueryTest, Phrases) {
  ExpectMatches({
      {"\"full screen\"", "switch to full screen mode", true},
      {"\"full screen\"", "FULL-SCREEN", true},
      {"\"full screen\"", "screen full", false},
      {"\"full screen\"", "full size screen", false},
      {"\"full screen\"", "full and screen", true},  // "and" is not indexed
      {"\"VSX will crash\"", "VSX will not crash", true},
      {"\"VSX crash\"", "crash VSX", false},
      {"\"VSX crash\"", "VSX it crash", true},
      {"\"crash VSX\"", "crash of the VSX", true},
      {"\"customers crashed\"", "customize crash", true},
      {"\"\"", "anything", false},
      {"\"the of\"", "the of", false},
      {"\"a \\\"quoted\\\" word\"", "a quoted word", true},
      // A term that splits into several words is a phrase.
      {"e-mail", "send an e-mail", true},
      {"e-mail", "e mail", true},
      {"e-mail", "mail e", false},
      {"3.14", "pi is 3.14", true},
      {"3.14", "14 3", false},
  });
}

TEST(TextQueryTest, OrAndNot) {
  ExpectMatches({
      {"login OR failure", "login ok", true},
      {"login OR failure", "failure", true},
      {"login OR failure", "nothing", false},
      {"login || failure", "failure", true},
      {"login AND failure", "login failure", true},
      {"login AND failure", "login", false},
      {"login && failure", "login", false},
      {"login NOT failure", "login failure", false},
      {"login NOT failure", "login ok", true},
      {"login -failure", "login failure", false},
      {"login -failure", "login", true},
      {"login !failure", "login failure", false},
      {"login AND NOT failure", "login", true},
      {"login AND NOT failure", "login failure", false},
      {"+login -failure", "login", true},
      {"+login +failure", "login", false},
      {"+login failure", "login", false},
      {"login OR -failure", "login", true},
      {"login OR -failure", "login failure", false},
  });
}

TEST(TextQueryTest, NegationAloneMatchesNothing) {
  ExpectMatches({
      {"NOT failure", "login", false},
      {"-failure", "login", false},
      {"!failure", "", false},
      {"login (-failure)", "login", false},  // Lucene: a negative-only group
  });
}

TEST(TextQueryTest, MixedOperatorsFollowLucene) {
  // Lucene's parser (default operator AND) makes the clauses around OR
  // optional and everything else required: "a OR b c" requires c and
  // "a AND b OR c" requires a.
  ExpectMatches({
      {"alpha OR beta gamma", "gamma", true},
      {"alpha OR beta gamma", "alpha", false},
      {"alpha OR beta gamma", "alpha beta", false},
      {"alpha AND beta OR gamma", "alpha", true},
      {"alpha AND beta OR gamma", "gamma", false},
      {"alpha OR beta OR gamma", "beta", true},
      {"alpha OR beta OR gamma", "delta", false},
  });
}

TEST(TextQueryTest, Parentheses) {
  ExpectMatches({
      {"login AND (failure OR error)", "login error", true},
      {"login AND (failure OR error)", "failure at login", true},
      {"login AND (failure OR error)", "login ok", false},
      {"login AND (failure OR error)", "error", false},
      {"login (failure OR error)", "error login", true},
      {"login -(failure OR error)", "login error", false},
      {"login -(failure OR error)", "login", true},
      {"+(alpha beta) OR gamma", "alpha beta", true},
      {"x ((((alpha))))", "alpha x", true},
      {"login AND (the OR of)", "login", true},  // the group vanishes
  });
}

TEST(TextQueryTest, Wildcards) {
  ExpectMatches({
      {"cust*", "new customers", true},
      {"Cust*", "CUSTOMERS", true},
      {"*box", "check the mailbox", true},
      {"*box", "boxes", true},  // the stem of "boxes" is "box"
      {"*box", "boxcar", false},
      {"ma*ox", "mailbox", true},
      {"m?il", "mail", true},
      {"m?il", "mall", false},
      {"m?l", "mail", false},
      {"m*l*x", "mailbox", true},
      {"*", "anything", true},
      {"*", "the", false},  // only stop words: nothing indexed
      {"th*", "the then there", false},
      {"th*", "thing", true},
      {"custo?", "customers", true},  // matches the stem "custom"
      {"crash*", "crashed", true},
      {"stra*e", "STRASSE", true},
      {"straß*", "Strasse", true},
      {"中*", "中文", true},
      {"cust* crash", "customers crash", true},
      {"cust* crash", "customers", false},
      {"login OR fail*", "failing", true},
      {"\"cust* crash\"", "customers crash", false},  // no wildcards in phrases
  });
}

TEST(TextQueryTest, CaseFoldingAndPossessives) {
  ExpectMatches({
      {"straße", "STRASSE", true},
      {"STRASSE", "straße", true},
      {"ÉCOLE", "école", true},
      {"ΣΊΣΥΦΟΣ", "σίσυφος", true},
      {"harry", "Harry's book", true},
      {"harry's", "Harry", true},
      {"Harry’s", "HARRY'S", true},
      {"测试", "中文测试", true},
      {"测试", "试测", false},
  });
}

TEST(TextQueryTest, EscapedSpecialCharactersAreIgnored) {
  ExpectMatches({
      {"\\[example\\]", "[example] text", true},
      {"\\[example\\]", "example", true},
      {"foo\\*", "foo", true},
      {"foo\\*", "food", false},
      {"foo\\?", "foo", true},
      {"\\(a\\) login", "login", true},
      {"\\+login", "login", true},
      {"\\AND login", "login", true},  // an escaped AND is the word "and"
      {"a\\:b", "a b", true},
  });
}

TEST(TextQueryTest, FuzzyProximityAndBoostAreIgnored) {
  ExpectMatches({
      {"roam~", "roaming", true},
      {"roam~0.8", "roams", true},
      {"roam~2", "roam", true},
      {"\"atlassian jira\"~10", "atlassian jira", true},
      {"\"atlassian jira\"~10", "jira by atlassian", false},
      {"jira^2 cloud", "jira cloud", true},
      {"jira^2.5 cloud", "cloud", false},
      {"\"atlassian jira\"^4", "atlassian jira", true},
      {"login (failure OR error)^2", "login error", true},
  });
}

TEST(TextQueryTest, SpecialCharactersInsideTermsAreNotOperators) {
  ExpectMatches({
      {"a+b", "a b", true},
      {"AT&T", "t", true},  // "at" is a stop word; the phrase is just t
      {"x||y", "x y", true},
      {"http://example.com/a", "see http example com a", true},
  });
}

TEST(TextQueryTest, OnlyStopWordsOrEmptyMatchNothing) {
  for (const char* query :
       {"", "   ", "the", "a an the", "\"the\"", "the OR of", "&"}) {
    const TextQuery compiled(query);
    ASSERT_TRUE(compiled.ok()) << query << ": " << compiled.error();
    EXPECT_FALSE(compiled.Matches(AnalyzeText("the a an & anything"))) << query;
  }
}

TEST(TextQueryTest, MatchesNothingOnEmptyText) {
  EXPECT_FALSE(TextQuery("crash").Matches(AnalyzeText("")));
  EXPECT_FALSE(TextQuery("*").Matches(AnalyzeText("")));
  EXPECT_FALSE(TextQuery("crash").Matches(AnalyzedText{}));
}

TEST(TextQueryTest, ToleratesMismatchedAnalyzedText) {
  AnalyzedText text;
  text.terms = {"crash", "custom"};
  text.words = {"crash"};
  EXPECT_TRUE(TextQuery("cras?").Matches(text));
  EXPECT_FALSE(TextQuery("custo?").Matches(text));
}

TEST(TextQueryTest, MovedQueryStillWorks) {
  TextQuery query("login OR failure");
  TextQuery moved(std::move(query));
  EXPECT_TRUE(moved.ok());
  EXPECT_TRUE(moved.Matches(AnalyzeText("failure")));
  TextQuery assigned("x");
  assigned = std::move(moved);
  EXPECT_TRUE(assigned.Matches(AnalyzeText("login")));
}

// ---------------------------------------------------------------------------
// Query errors.

struct ErrorCase {
  std::string query;
  const char* message_part;
};

TEST(TextQueryTest, Errors) {
  const std::vector<ErrorCase> cases = {
      {"(login)", "must not start with '('"},
      {"  (login OR error)", "must not start with '('"},
      {"\"unterminated", "closing quote"},
      {"login \"full screen", "closing quote"},
      {"login AND", "ends where a term was expected"},
      {"login OR", "ends where a term was expected"},
      {"login NOT", "ends where a term was expected"},
      {"login -", "ends where a term was expected"},
      {"AND login", "needs a term before it"},
      {"OR", "needs a term before it"},
      {"login AND OR failure", "unexpected 'OR'"},
      {"login NOT NOT failure", "unexpected 'NOT'"},
      {"- -login", "unexpected '-'"},
      {"login (failure", "missing a closing ')'"},
      {"login (failure (error)", "missing a closing ')'"},
      {"login failure)", "unexpected ')'"},
      {"login ()", "empty parentheses"},
      {"login ^", "followed by a number"},
      {"login ^x", "followed by a number"},
      {"~login", "unexpected '~'"},
      {"^2 login", "unexpected '^'"},
      {"login [1 TO 5]", "Range queries"},
      {"login {x}", "Range queries"},
      {"login]", "Range queries"},
      {"trailing\\", "single backslash"},
      {"\"phrase\\", "single backslash"},
      {"crash!", "ends where a term was expected"},
  };
  for (const ErrorCase& c : cases) {
    const TextQuery query(c.query);
    EXPECT_FALSE(query.ok()) << c.query;
    EXPECT_NE(query.error().find(c.message_part), std::string::npos)
        << "query [" << c.query << "] gave error [" << query.error() << "]";
    EXPECT_FALSE(query.Matches(AnalyzeText("login failure error")));
  }
}

std::string Nested(int depth) {
  std::string query = "x ";
  query += std::string(depth, '(');
  query += "alpha";
  query += std::string(depth, ')');
  return query;
}

TEST(TextQueryTest, NestingDepthIsBounded) {
  const TextQuery deepest(Nested(kMaxTextQueryDepth));
  ASSERT_TRUE(deepest.ok()) << deepest.error();
  EXPECT_TRUE(deepest.Matches(AnalyzeText("x alpha")));
  const TextQuery too_deep(Nested(kMaxTextQueryDepth + 1));
  EXPECT_FALSE(too_deep.ok());
  EXPECT_NE(too_deep.error().find("100"), std::string::npos)
      << too_deep.error();
  // Far deeper input fails the same way instead of exhausting the stack.
  EXPECT_FALSE(TextQuery(Nested(100000)).ok());
}

TEST(TextQueryTest, LengthIsBounded) {
  std::string longest(kMaxTextQueryBytes, 'a');
  EXPECT_TRUE(TextQuery(longest).ok());
  longest.push_back('a');
  const TextQuery too_long(longest);
  EXPECT_FALSE(too_long.ok());
  EXPECT_NE(too_long.error().find("longer than"), std::string::npos);
}

TEST(TextQueryTest, ClauseCountIsBounded) {
  std::string query;
  for (size_t i = 0; i < kMaxTextQueryClauses; ++i) {
    query += "w" + std::to_string(i) + " OR ";
  }
  query += "last";
  const TextQuery too_many(query);
  EXPECT_FALSE(too_many.ok());
  EXPECT_NE(too_many.error().find("1024"), std::string::npos)
      << too_many.error();
  const TextQuery just_enough(query.substr(0, query.size() - 8));
  ASSERT_TRUE(just_enough.ok()) << just_enough.error();
  EXPECT_TRUE(just_enough.Matches(AnalyzeText("w1023")));
}

TEST(TextQueryTest, HostileInputNeverCrashes) {
  std::mt19937 random(12345);
  const std::string alphabet = "ab ()\"\\*?~^+-!&|[]{}:ANDORNT\xc3\xa9";
  const AnalyzedText text = AnalyzeText("ab a b ba");
  int compiled_count = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string query;
    const int length = static_cast<int>(random() % 24);
    for (int j = 0; j < length; ++j) {
      query.push_back(alphabet[random() % alphabet.size()]);
    }
    const TextQuery compiled(query);
    if (compiled.ok()) {
      ++compiled_count;
      compiled.Matches(text);
    } else {
      // A query that failed to compile matches nothing.
      EXPECT_FALSE(compiled.Matches(text)) << query;
    }
  }
  // The sample holds both kinds of query.
  EXPECT_GT(compiled_count, 100);
  EXPECT_LT(compiled_count, 1900);
}

// ---------------------------------------------------------------------------
// Version wildcards.

struct WildcardCase {
  const char* pattern;
  const char* value;
  bool expected;
};

TEST(WildcardEqualsTest, Table) {
  const std::vector<WildcardCase> cases = {
      {"9*", "9.0", true},
      {"9*", "9", true},
      {"9*", "19.0", false},
      {"*9", "1.9", true},
      {"*9", "1.9.1", false},
      {"9.0", "9.0", true},
      {"9.0", "9.01", false},
      {"9.0", "9x0", false},  // '.' is literal, not a regex
      {"V?.0", "v1.0", true},
      {"V?.0", "v10.0", false},
      {"*", "", true},
      {"*", "anything", true},
      {"", "", true},
      {"", "a", false},
      {"?", "", false},
      {"a*b*c", "aXbYc", true},
      {"a*b*c", "abc", true},
      {"a*b*c", "aXbY", false},
      {"a*b*c", "acb", false},
      {"*a*", "banana", true},
      {"**", "x", true},
      {"?", "é", true},  // one character, not one byte
      {"??", "é", false},
      {"RELEASE-2024*", "release-2024.1", true},
      {"straße", "STRASSE", false},  // simple folding keeps lengths
      {"ÉCOLE", "école", true},
      {"[abc]", "[abc]", true},
      {"(1.0)", "(1.0)", true},
  };
  for (const WildcardCase& c : cases) {
    EXPECT_EQ(TextQuery::WildcardEquals(c.pattern, c.value), c.expected)
        << c.pattern << " vs " << c.value;
  }
}

TEST(WildcardEqualsTest, PathologicalPatternsFinish) {
  const std::string value(20000, 'a');
  std::string pattern;
  for (int i = 0; i < 30; ++i) pattern += "*a";
  EXPECT_FALSE(TextQuery::WildcardEquals(pattern + "*b", value));
  EXPECT_TRUE(TextQuery::WildcardEquals(pattern + "*", value));
}

// A straightforward recursive matcher to check the iterative one against.
bool ReferenceGlob(std::string_view pattern, std::string_view value) {
  if (pattern.empty()) return value.empty();
  if (pattern[0] == '*') {
    for (size_t i = 0; i <= value.size(); ++i) {
      if (ReferenceGlob(pattern.substr(1), value.substr(i))) return true;
    }
    return false;
  }
  if (value.empty()) return false;
  if (pattern[0] != '?' && pattern[0] != value[0]) return false;
  return ReferenceGlob(pattern.substr(1), value.substr(1));
}

TEST(WildcardEqualsTest, AgreesWithAReferenceMatcher) {
  std::mt19937 random(7);
  const std::string pattern_chars = "ab*?";
  const std::string value_chars = "ab";
  int matches = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string pattern;
    std::string value;
    for (int j = static_cast<int>(random() % 7); j > 0; --j) {
      pattern.push_back(pattern_chars[random() % pattern_chars.size()]);
    }
    for (int j = static_cast<int>(random() % 8); j > 0; --j) {
      value.push_back(value_chars[random() % value_chars.size()]);
    }
    const bool expected = ReferenceGlob(pattern, value);
    matches += expected ? 1 : 0;
    ASSERT_EQ(TextQuery::WildcardEquals(pattern, value), expected)
        << pattern << " vs " << value;
  }
  EXPECT_GT(matches, 100);  // the sample exercises both outcomes
}

}  // namespace
}  // namespace syncrule::stdlib
