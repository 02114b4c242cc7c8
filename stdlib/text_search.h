#ifndef SYNCRULE_STDLIB_TEXT_SEARCH_H_
#define SYNCRULE_STDLIB_TEXT_SEARCH_H_

// Text search as JQL's `~` operator performs it: Lucene-style queries over an
// English analyzer (Unicode case folding, word splitting, stop-word removal,
// Snowball stemming). docs/jql-text-and-dates.md (to be merged into
// docs/jql.md) describes where this differs from Jira's Lucene analyzer.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace syncrule::stdlib {

// The index terms of a text: words folded to lower case, English stop
// words removed, each stemmed with Snowball's English stemmer. Positions are
// kept so that phrases can match word sequences (a removed stop word still
// occupies its position).
struct AnalyzedText {
  // The stemmed terms in order; an empty string marks a removed stop word.
  std::vector<std::string> terms;
  // The folded words before stemming, in the same order, for wildcards.
  std::vector<std::string> words;
};

// Analyzes `text` (UTF-8; malformed bytes separate words): folds it with
// NFKC_Casefold ("Straße" and "STRASSE" both become "strasse"), splits it
// into words of letters and digits (an apostrophe between two of them stays
// in the word; each ideograph or Hiragana character is a word of its own;
// runs longer than 255 characters are cut), drops a trailing possessive "'s",
// marks the 33 stop words of english_stop_words.h and stems the others.
// Thread-safe.
AnalyzedText AnalyzeText(std::string_view text);

// Text queries longer than this are rejected. Jira documents no limit (its
// parser accepted 100,000-character values), so the bound matches that size;
// it keeps compile time and memory predictable for untrusted rules.
inline constexpr size_t kMaxTextQueryBytes = 100000;
// Parentheses may nest this deep. The parser and the matcher recurse once per
// level, so the bound protects the stack.
inline constexpr int kMaxTextQueryDepth = 100;
// One group (the top level or one pair of parentheses) may hold this many
// clauses: Lucene's BooleanQuery.maxClauseCount, which Jira inherits.
inline constexpr size_t kMaxTextQueryClauses = 1024;

// A compiled text query: terms (implicitly AND-ed), "quoted phrases",
// wildcards `?` and `*` inside a term, fuzzy `term~` (treated as the term),
// proximity `"a b"~N` and boosts `^N` (ignored, as Jira Cloud ignores them),
// the operators AND/&&, OR/||, NOT/!, +term, -term (upper-case only), and
// parentheses. Immutable and thread-safe after construction.
//
// The semantics are those of Lucene's classic query parser with AND as the
// default operator, which Jira uses: each clause is required, optional or
// prohibited (OR makes the clauses on both sides optional; NOT, `!` and `-`
// prohibit the next one), and a group matches when all required clauses
// match, no prohibited one does, and, without required clauses, an optional
// one does. So "a OR b c" requires c, and a group of only prohibited clauses
// ("NOT a", "x (-a)") matches nothing.
//
// A term is analyzed like the text; one that yields several words
// ("e-mail") is a phrase. A phrase matches its non-stop-word stems in order,
// skipping stop words in the text ("VSX will crash" ~ "VSX will not crash").
// A wildcard term is folded, not stemmed, and matches any indexed word or
// stem. Backslash escapes a character, which then counts as an ordinary
// character (special characters are not indexed, so the query \[x\] finds
// "x"; in JQL that is written "\\[x\\]").
// Terms and phrases that hold only stop words are dropped.
//
// Compiling fails (ok() is false) for a query that starts with `(`,
// unbalanced quotes or parentheses, `()`, an operator without its operand,
// `^` without a number, unescaped range brackets `[ ] { }`, a trailing
// backslash, and queries beyond the limits above.
class TextQuery {
 public:
  // Compiles `query`. Check ok() before use.
  explicit TextQuery(std::string_view query);
  ~TextQuery();
  TextQuery(TextQuery&&) noexcept;
  TextQuery& operator=(TextQuery&&) noexcept;

  // Returns true when the query compiled.
  bool ok() const { return error_.empty(); }
  // Returns why the query did not compile, or "".
  const std::string& error() const { return error_; }

  // Returns true when `text` matches the query. A query that holds only
  // stop words (or nothing at all) matches nothing, as in Jira; so does a
  // query that did not compile.
  bool Matches(const AnalyzedText& text) const;

  // Matches a value exactly with `*` and `?` wildcards, case-insensitively,
  // as `~` does on version fields (fixVersion ~ "9*"). Case folding is per
  // character (simple folding) so that `?` is always one character; all
  // other characters, backslash included, are literal. Runs in at most
  // |pattern| * |value| steps.
  static bool WildcardEquals(std::string_view pattern, std::string_view value);

  // A node of the compiled query; defined in text_search.cc.
  struct Node;

 private:
  std::unique_ptr<Node> root_;
  std::string error_;
};

}  // namespace syncrule::stdlib

#endif  // SYNCRULE_STDLIB_TEXT_SEARCH_H_
