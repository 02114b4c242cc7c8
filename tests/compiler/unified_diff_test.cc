// The unified diff behind `syncrule fmt --diff`: exact output on small
// cases, and on random edits, applying the diff to the old text must give
// the new one.

#include "compiler/format/unified_diff.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace syncrule::format {
namespace {

std::vector<std::string> SplitKeepingBreaks(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

// Applies `diff` to `before` as patch(1) would, checking that every context
// and removed line matches and that hunk counts agree with their bodies.
std::string Apply(const std::string& before, const std::string& diff) {
  std::vector<std::string> old_lines = SplitKeepingBreaks(before);
  std::vector<std::string> diff_lines = SplitKeepingBreaks(diff);
  std::string out;
  size_t next_old = 0;  // the next old line not yet copied
  std::regex header(R"(@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n)");
  for (size_t i = 2; i < diff_lines.size();) {
    std::smatch m;
    EXPECT_TRUE(std::regex_match(diff_lines[i], m, header)) << diff_lines[i];
    if (m.empty()) return "";
    size_t old_start = std::stoul(m[1]);
    size_t old_count = m[2].matched ? std::stoul(m[2]) : 1;
    size_t new_count = m[4].matched ? std::stoul(m[4]) : 1;
    size_t first = old_count == 0 ? old_start : old_start - 1;
    EXPECT_GE(first, next_old);
    while (next_old < first) out += old_lines[next_old++];
    size_t seen_old = 0, seen_new = 0;
    for (++i; i < diff_lines.size() && diff_lines[i].rfind("@@", 0) != 0; ++i) {
      std::string body = diff_lines[i].substr(1);
      if (i + 1 < diff_lines.size() && diff_lines[i + 1] == "\\ No newline at end of file\n") {
        body.pop_back();
      }
      char marker = diff_lines[i][0];
      if (marker == '\\') continue;
      if (marker != '+') {
        EXPECT_LT(next_old, old_lines.size());
        if (next_old < old_lines.size()) {
          EXPECT_EQ(old_lines[next_old], body);
        }
        ++next_old;
        ++seen_old;
      }
      if (marker != '-') {
        out += body;
        ++seen_new;
      }
    }
    EXPECT_EQ(seen_old, old_count);
    EXPECT_EQ(seen_new, new_count);
  }
  while (next_old < old_lines.size()) out += old_lines[next_old++];
  return out;
}

TEST(UnifiedDiffTest, EqualTextsHaveNoDiff) {
  EXPECT_EQ(UnifiedDiff("a\nb\n", "a\nb\n", "x", "y"), "");
  EXPECT_EQ(UnifiedDiff("", "", "x", "y"), "");
}

TEST(UnifiedDiffTest, OneChangeWithThreeLinesOfContext) {
  EXPECT_EQ(
      UnifiedDiff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n", "old", "new"),
      "--- old\n+++ new\n"
      "@@ -2,7 +2,7 @@\n"
      " 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST(UnifiedDiffTest, SeparatesDistantHunksAndMergesClose_ones) {
  std::string before, after;
  for (int i = 1; i <= 20; ++i) {
    before += std::to_string(i) + "\n";
    after += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  EXPECT_EQ(UnifiedDiff(before, after, "a", "b"),
            "--- a\n+++ b\n"
            "@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"
            "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x\n 19\n 20\n");
}

TEST(UnifiedDiffTest, MarksAMissingFinalLineBreak) {
  EXPECT_EQ(UnifiedDiff("a\nb", "a\nb\n", "a", "b"),
            "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
}

TEST(UnifiedDiffTest, InsertionIntoEmptyText) {
  EXPECT_EQ(UnifiedDiff("", "a\n", "a", "b"), "--- a\n+++ b\n@@ -0,0 +1 @@\n+a\n");
}

TEST(UnifiedDiffTest, RandomEditsApplyBack) {
  uint64_t state = 7;
  auto next = [&state](int n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<int>((state >> 33) % static_cast<uint64_t>(n));
  };
  for (int round = 0; round < 500; ++round) {
    std::string before, after;
    int lines = next(40);
    for (int i = 0; i < lines; ++i) {
      std::string line = std::string(1, static_cast<char>('a' + next(4))) + "\n";
      int edit = next(10);
      if (edit != 0) before += line;                     // 0: an inserted line
      if (edit != 1) after += edit == 2 ? "z\n" : line;  // 1: removed, 2: changed
    }
    if (next(5) == 0 && !before.empty()) before.pop_back();
    std::string diff = UnifiedDiff(before, after, "a", "b");
    SCOPED_TRACE(before + "----\n" + after + "----\n" + diff);
    EXPECT_EQ(diff.empty(), before == after);
    if (!diff.empty()) {
      EXPECT_EQ(Apply(before, diff), after);
    }
    if (HasFailure()) break;
  }
}

}  // namespace
}  // namespace syncrule::format
