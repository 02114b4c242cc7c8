#include "compiler/jql/check_spelling.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace syncrule::jql {
namespace {

char LowerAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Distance rows are bounded by this length so that a hostile 4 MB name does
// not cost quadratic time; longer names are never suggested anything.
constexpr size_t kMaxComparedLength = 256;

}  // namespace

std::string ToLowerAscii(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), LowerAscii);
  return lower;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return LowerAscii(x) == LowerAscii(y);
         });
}

int EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  const size_t m = b.size();
  // Three rows: two back (for swaps), one back, and the current one.
  std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    current[0] = static_cast<int>(i);
    for (size_t j = 1; j <= m; ++j) {
      const bool same = LowerAscii(a[i - 1]) == LowerAscii(b[j - 1]);
      int best = std::min({previous[j] + 1, current[j - 1] + 1,
                           previous[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && LowerAscii(a[i - 1]) == LowerAscii(b[j - 2]) &&
          LowerAscii(a[i - 2]) == LowerAscii(b[j - 1])) {
        best = std::min(best, before[j - 2] + 1);
      }
      current[j] = best;
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

int SuggestionThreshold(std::string_view name) {
  return std::max(2, static_cast<int>(name.size() / 3));
}

std::vector<std::string> ClosestNames(
    std::string_view name, const std::vector<std::string>& candidates,
    size_t limit) {
  if (name.empty() || name.size() > kMaxComparedLength) return {};
  const int threshold = SuggestionThreshold(name);
  std::vector<std::pair<int, std::string>> scored;
  for (const std::string& candidate : candidates) {
    const int length_gap = std::abs(static_cast<int>(candidate.size()) -
                                    static_cast<int>(name.size()));
    if (length_gap > threshold || EqualsIgnoreCase(candidate, name)) continue;
    const int distance = EditDistance(name, candidate);
    if (distance <= threshold) scored.emplace_back(distance, candidate);
  }
  std::stable_sort(
      scored.begin(), scored.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> names;
  for (auto& [distance, candidate] : scored) {
    if (names.size() == limit) break;
    const bool seen = std::any_of(
        names.begin(), names.end(),
        [&](const auto& n) { return EqualsIgnoreCase(n, candidate); });
    if (!seen) names.push_back(std::move(candidate));
  }
  return names;
}

}  // namespace syncrule::jql
