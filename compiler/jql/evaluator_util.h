#ifndef SYNCRULE_COMPILER_JQL_EVALUATOR_UTIL_H_
#define SYNCRULE_COMPILER_JQL_EVALUATOR_UTIL_H_

// Small text helpers shared by the reference evaluator's files: case
// folding, splitting, natural ("1.9" < "1.10") ordering, issue keys and
// numbers. Internal to compiler/jql.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace syncrule::jql {

// Returns `text` folded to lower case: ASCII, Latin-1, Latin Extended-A,
// Greek and Cyrillic letters; other bytes are copied unchanged.
std::string FoldCase(std::string_view text);

// Returns true when `a` and `b` are equal after FoldCase.
bool EqualsFolded(std::string_view a, std::string_view b);

// Splits `text` at `separator` and trims ASCII spaces from each part.
std::vector<std::string_view> SplitTrimmed(std::string_view text,
                                           char separator);

// Compares `a` and `b` the way people order version names and labels:
// runs of digits by numeric value, other runs case-insensitively.
// Returns <0, 0 or >0.
int NaturalCompare(std::string_view a, std::string_view b);

// Compares `a` and `b` case-insensitively, then byte-wise as a tie-break.
int CompareFolded(std::string_view a, std::string_view b);

// An issue key split into project key and number ("ABC-12" -> ABC, 12).
struct IssueKeyParts {
  std::string project;
  int64_t number = 0;
};

// Splits `key` at its last '-'; nullopt when it is not PROJECT-NUMBER.
std::optional<IssueKeyParts> ParseIssueKey(std::string_view key);

// Parses `text` as a decimal number ("12", "-1.5"); nullopt otherwise.
std::optional<double> ParseNumber(std::string_view text);

// Returns -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
template <typename T>
int ThreeWay(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_EVALUATOR_UTIL_H_
