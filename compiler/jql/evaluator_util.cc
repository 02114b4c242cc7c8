#include "compiler/jql/evaluator_util.h"

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cmath>
#include <cstdlib>

#include "stdlib/case_fold.h"

namespace syncrule::jql {
namespace {

// Returns the length of the run of digits (or non-digits) at `text[pos]`.
size_t RunLength(std::string_view text, size_t pos, bool digits) {
  size_t end = pos;
  while (end < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[end])) != 0) == digits) {
    ++end;
  }
  return end - pos;
}

int CompareDigitRuns(std::string_view a, std::string_view b) {
  size_t za = a.find_first_not_of('0');
  size_t zb = b.find_first_not_of('0');
  a = za == std::string_view::npos ? std::string_view() : a.substr(za);
  b = zb == std::string_view::npos ? std::string_view() : b.substr(zb);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

std::string FoldCase(std::string_view text) { return stdlib::FoldCase(text); }

bool EqualsFolded(std::string_view a, std::string_view b) { return stdlib::EqualsFolded(a, b); }

std::vector<std::string_view> SplitTrimmed(std::string_view text,
                                           char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    parts.push_back(part);
    start = end + 1;
  }
  return parts;
}

int NaturalCompare(std::string_view a, std::string_view b) {
  std::string fa = FoldCase(a);
  std::string fb = FoldCase(b);
  size_t i = 0;
  size_t j = 0;
  while (i < fa.size() && j < fb.size()) {
    bool da = std::isdigit(static_cast<unsigned char>(fa[i])) != 0;
    bool db = std::isdigit(static_cast<unsigned char>(fb[j])) != 0;
    if (da != db) return da ? -1 : 1;
    size_t la = RunLength(fa, i, da);
    size_t lb = RunLength(fb, j, db);
    std::string_view ra(fa.data() + i, la);
    std::string_view rb(fb.data() + j, lb);
    int c = da ? CompareDigitRuns(ra, rb) : ra.compare(rb);
    if (c != 0) return c < 0 ? -1 : 1;
    i += la;
    j += lb;
  }
  if (i < fa.size() || j < fb.size()) return i < fa.size() ? 1 : -1;
  return CompareFolded(a, b);
}

int CompareFolded(std::string_view a, std::string_view b) {
  int c = FoldCase(a).compare(FoldCase(b));
  if (c == 0) c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::optional<IssueKeyParts> ParseIssueKey(std::string_view key) {
  size_t dash = key.rfind('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= key.size()) {
    return std::nullopt;
  }
  IssueKeyParts parts;
  for (size_t i = dash + 1; i < key.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(key[i]))) return std::nullopt;
    if (parts.number > (INT64_MAX - 9) / 10) return std::nullopt;
    parts.number = parts.number * 10 + (key[i] - '0');
  }
  parts.project = FoldCase(key.substr(0, dash));
  return parts;
}

std::optional<double> ParseNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  std::string copy(text);
  char* end = nullptr;
  errno = 0;
  double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || errno == ERANGE ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  // strtod also accepts hex and "inf"; JQL numbers are decimal only.
  for (char c : copy) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '+' &&
        c != '.' && c != 'e' && c != 'E') {
      return std::nullopt;
    }
  }
  return value;
}

}  // namespace syncrule::jql
