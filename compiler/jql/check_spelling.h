#ifndef SYNCRULE_COMPILER_JQL_CHECK_SPELLING_H_
#define SYNCRULE_COMPILER_JQL_CHECK_SPELLING_H_

// Case-insensitive name helpers shared by the field catalog, the function
// table and the checker: lower-casing, comparison and "did you mean"
// suggestions by edit distance.

#include <string>
#include <string_view>
#include <vector>

namespace syncrule::jql {

// Returns `text` with ASCII letters lower-cased.
std::string ToLowerAscii(std::string_view text);

// Returns true when `a` and `b` are equal ignoring ASCII case.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Returns the optimal-string-alignment (restricted Damerau-Levenshtein)
// distance between `a` and `b`, comparing ASCII letters case-insensitively:
// insertions, deletions, substitutions and swaps of adjacent characters
// each cost 1.
int EditDistance(std::string_view a, std::string_view b);

// Returns the largest distance at which a name still counts as a likely
// misspelling of `name`: max(2, length / 3).
int SuggestionThreshold(std::string_view name);

// Returns up to `limit` of `candidates` within SuggestionThreshold(name) of
// `name`, closest first (ties in candidate order), without duplicates that
// differ only in case. An exact case-insensitive match is never suggested.
std::vector<std::string> ClosestNames(
    std::string_view name, const std::vector<std::string>& candidates,
    size_t limit);

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_CHECK_SPELLING_H_
