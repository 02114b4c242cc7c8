#ifndef SYNCRULE_STDLIB_ENGLISH_STOP_WORDS_H_
#define SYNCRULE_STDLIB_ENGLISH_STOP_WORDS_H_

// The English stop words that Jira's text index leaves out (the 33 words of
// Lucene's ENGLISH_STOP_WORDS_SET, listed on Atlassian's "search syntax for
// text fields" page).

#include <algorithm>
#include <array>
#include <string_view>

namespace syncrule::stdlib {

// The stop words, sorted so that they can be binary-searched.
inline constexpr std::array<std::string_view, 33> kEnglishStopWords = {
    "a",    "an",   "and",  "are",  "as",   "at",    "be",   "but",   "by",
    "for",  "if",   "in",   "into", "is",   "it",    "no",   "not",   "of",
    "on",   "or",   "such", "that", "the",  "their", "then", "there", "these",
    "they", "this", "to",   "was",  "will", "with"};

static_assert(std::is_sorted(kEnglishStopWords.begin(),
                             kEnglishStopWords.end()),
              "kEnglishStopWords must stay sorted for binary search");

// Returns true when `folded_word` (already case-folded) is a stop word.
inline bool IsEnglishStopWord(std::string_view folded_word) {
  return std::binary_search(kEnglishStopWords.begin(), kEnglishStopWords.end(),
                            folded_word);
}

}  // namespace syncrule::stdlib

#endif  // SYNCRULE_STDLIB_ENGLISH_STOP_WORDS_H_
