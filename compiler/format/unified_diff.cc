#include "compiler/format/unified_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace syncrule::format {
namespace {

// One line of an edit script: kept, removed from `before`, or added.
enum class EditKind { kKeep, kRemove, kAdd };

// An edit and the 0-based line it concerns in each text (the line it sits
// before, for the text it does not touch).
struct Edit {
  EditKind kind;
  int before_line;
  int after_line;
};

// Splits `text` into lines that keep their "\n", so that a last line
// without one differs from the same line with one.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

// Returns a shortest edit script from `a` to `b` (Myers, "An O(ND)
// Difference Algorithm and Its Variations", 1986), keeping for each step d
// the furthest-reaching x of every diagonal k in [-d, d].
std::vector<Edit> EditScript(const std::vector<std::string_view>& a,
                             const std::vector<std::string_view>& b) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  const int offset = n + m + 1;
  std::vector<int> v(2 * offset + 1, 0);
  std::vector<std::vector<int>> trace;
  int final_d = 0;
  for (int d = 0; d <= n + m; ++d) {
    trace.emplace_back(v.begin() + offset - d - 1, v.begin() + offset + d + 2);
    bool done = false;
    for (int k = -d; k <= d && !done; k += 2) {
      int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                  ? v[offset + k + 1]
                  : v[offset + k - 1] + 1;
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[offset + k] = x;
      done = x >= n && y >= m;
    }
    if (done) {
      final_d = d;
      break;
    }
  }
  std::vector<Edit> edits;
  int x = n, y = m;
  for (int d = final_d; d >= 0; --d) {
    const std::vector<int>& saved = trace[d];  // saved[k + d + 1] is V[k]
    auto at = [&](int k) { return saved[k + d + 1]; };
    int k = x - y;
    int previous_k = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
    int previous_x = at(previous_k);
    int previous_y = previous_x - previous_k;
    while (x > previous_x && y > previous_y) {
      --x, --y;
      edits.push_back({EditKind::kKeep, x, y});
    }
    if (d == 0) break;
    if (x == previous_x) {
      --y;
      edits.push_back({EditKind::kAdd, x, y});
    } else {
      --x;
      edits.push_back({EditKind::kRemove, x, y});
    }
  }
  std::reverse(edits.begin(), edits.end());
  return edits;
}

// Appends one diff line: its marker, its text, and the no-newline note.
void AppendLine(char marker, std::string_view line, std::string& out) {
  out += marker;
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

// Returns "start,count" as unified diffs write a range: the 1-based first
// line, or the line before an empty range; ",count" left out when 1.
std::string HunkRange(int first, int count) {
  if (count == 1) return std::to_string(first + 1);
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

}  // namespace

std::string UnifiedDiff(std::string_view before, std::string_view after,
                        const std::string& before_name, const std::string& after_name,
                        int context) {
  std::vector<std::string_view> a = Lines(before), b = Lines(after);
  std::vector<Edit> edits = EditScript(a, b);
  std::string out;
  const int total = static_cast<int>(edits.size());
  int i = 0;
  while (i < total) {
    while (i < total && edits[i].kind == EditKind::kKeep) ++i;
    if (i == total) break;
    // A hunk runs from `context` lines before a change to `context` lines
    // after the last change that is within 2 * context lines of the next.
    int start = std::max(0, i - context);
    int end = i;
    while (true) {
      while (end < total && edits[end].kind != EditKind::kKeep) ++end;
      int keep_end = end;
      while (keep_end < total && edits[keep_end].kind == EditKind::kKeep) ++keep_end;
      if (keep_end < total && keep_end - end <= 2 * context) {
        end = keep_end;
        continue;
      }
      end = std::min(keep_end, end + context);
      break;
    }
    int before_count = 0, after_count = 0;
    for (int j = start; j < end; ++j) {
      if (edits[j].kind != EditKind::kAdd) ++before_count;
      if (edits[j].kind != EditKind::kRemove) ++after_count;
    }
    if (out.empty()) out = "--- " + before_name + "\n+++ " + after_name + "\n";
    out += fmt::format("@@ -{} +{} @@\n", HunkRange(edits[start].before_line, before_count),
                       HunkRange(edits[start].after_line, after_count));
    for (int j = start; j < end; ++j) {
      const Edit& e = edits[j];
      if (e.kind == EditKind::kKeep) AppendLine(' ', a[e.before_line], out);
      if (e.kind == EditKind::kRemove) AppendLine('-', a[e.before_line], out);
      if (e.kind == EditKind::kAdd) AppendLine('+', b[e.after_line], out);
    }
    i = end;
  }
  return out;
}

}  // namespace syncrule::format
