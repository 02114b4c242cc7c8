#ifndef SYNCRULE_STDLIB_TEXT_SEARCH_H_
#define SYNCRULE_STDLIB_TEXT_SEARCH_H_

// Text search as JQL's `~` operator performs it: Lucene-style queries over an
// English analyzer (Unicode case folding, word splitting, stop-word removal,
// Snowball stemming). docs/jql.md describes where this differs from Jira's
// Lucene analyzer.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace syncrule::stdlib {

// Splits `text` into index terms: words folded to lower case, English stop
// words removed, each stemmed with Snowball's English stemmer. Positions are
// kept so that phrases can match word sequences (a removed stop word still
// occupies its position). Thread-safe.
struct AnalyzedText {
  // The stemmed terms in order; an empty string marks a removed stop word.
  std::vector<std::string> terms;
  // The folded words before stemming, in the same order, for wildcards.
  std::vector<std::string> words;
};

// Analyzes `text` as described above.
AnalyzedText AnalyzeText(std::string_view text);

// A compiled text query: terms (implicitly AND-ed), "quoted phrases",
// wildcards `?` and `*` inside a term, fuzzy `term~` (treated as the term),
// proximity `"a b"~N` and boosts `^N` (ignored, as Jira Cloud ignores them),
// the operators AND/&&, OR/||, NOT/!, +term, -term (upper-case only), and
// parentheses. Immutable and thread-safe after construction.
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
  // stop words matches nothing, as in Jira.
  bool Matches(const AnalyzedText& text) const;

  // Matches a value exactly with `*` and `?` wildcards, case-insensitively,
  // as `~` does on version fields (fixVersion ~ "9*").
  static bool WildcardEquals(std::string_view pattern, std::string_view value);

  struct Node;

 private:
  std::unique_ptr<Node> root_;
  std::string error_;
};

}  // namespace syncrule::stdlib

#endif  // SYNCRULE_STDLIB_TEXT_SEARCH_H_
