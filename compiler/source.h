#ifndef SYNCRULE_COMPILER_SOURCE_H_
#define SYNCRULE_COMPILER_SOURCE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace syncrule {

// A half-open range of byte offsets [begin, end) into one Source's text.
struct SourceRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// A 1-based line and a 1-based column counted in Unicode code points, as
// Jira counts "character" positions in its JQL error messages.
struct SourcePosition {
  int line = 1;
  int column = 1;
};

// The text of one input (a file, a command-line query, or a query embedded in
// a rule file) and its display name. Line starts are indexed once at
// construction; line and column are computed only when a diagnostic is
// printed. Immutable and thread-safe after construction.
class Source {
 public:
  // Creates a source named `name` (a path or a label such as "<query>") that
  // holds `text`. `base` shifts reported positions, for text that is embedded
  // at line `base.line`, column `base.column` of a larger file.
  Source(std::string name, std::string text,
         SourcePosition base = SourcePosition{});

  // Returns the display name given at construction.
  const std::string& name() const { return name_; }
  // Returns the whole text.
  std::string_view text() const { return text_; }
  // Returns the line and column of byte `offset`, shifted by the base.
  SourcePosition PositionOf(uint32_t offset) const;
  // Returns the text of the 1-based line `line` (local to this source),
  // without its line break.
  std::string_view LineText(int line) const;
  // Returns the number of lines in the text.
  int line_count() const { return static_cast<int>(line_starts_.size()); }

 private:
  std::string name_;
  std::string text_;
  SourcePosition base_;
  std::vector<uint32_t> line_starts_;
};

}  // namespace syncrule

#endif  // SYNCRULE_COMPILER_SOURCE_H_
