#ifndef SYNCRULE_COMPILER_FORMAT_LAYOUT_WRITER_H_
#define SYNCRULE_COMPILER_FORMAT_LAYOUT_WRITER_H_

// The output side of the formatter: indented lines, and the file's comments
// placed by position. Elements are written in source order; before each
// one, the comments that precede it in the source are written on their own
// lines, and a comment that follows it on the same source line is appended
// to its last line.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"

namespace syncrule::format {

// Writes lines and places comments; see the file comment.
class LayoutWriter {
 public:
  // Writes the layout of `source`, whose comments are `comments` (sorted).
  LayoutWriter(std::string_view source, const std::vector<ast::Comment>& comments);

  // Writes the comments that begin before `offset` on their own lines at
  // `indent`, then the blank line that precedes the element at `offset` in
  // the source, if any (at most one; none at the top of a block).
  void LeadIn(uint32_t offset, int indent);

  // Writes the comments that begin before `offset` on their own lines at
  // `indent`, keeping the blank lines between them: the comments that end a
  // block, before its closing bracket.
  void CommentsBefore(uint32_t offset, int indent);

  // Writes the comments that begin before `offset` on their own lines with
  // no blank lines: comments inside an element that is printed on one line.
  void Hoist(uint32_t offset, int indent);

  // Returns true when a comment begins before `offset`.
  bool HasCommentBefore(uint32_t offset) const;

  // Writes `text` (which may hold line breaks, as verbatim JQL does) as one
  // line at `indent` levels of two spaces.
  void Line(int indent, std::string_view text);

  // Notes that the element just written ends at source offset `end`, and
  // appends the comment that follows it on the same source line, if any.
  void Trail(uint32_t end);

  // Notes that a block was just opened: no blank line before its first line.
  void OpenBlock() { at_block_start_ = true; }

  // Makes the next LeadIn write a blank line whatever the source had.
  void ForceBlankLine() { force_blank_ = true; }

  // Writes the remaining comments at `indent`; returns the whole text.
  std::string Finish(int indent);

 private:
  // Writes a blank line when the source has one between the last element
  // and `offset`, then counts `offset` as written.
  void Gap(uint32_t offset);

  std::string_view source_;
  const std::vector<ast::Comment>& comments_;
  size_t next_comment_ = 0;
  uint32_t last_end_ = 0;
  bool at_block_start_ = true;
  bool force_blank_ = false;
  std::string out_;
};

}  // namespace syncrule::format

#endif  // SYNCRULE_COMPILER_FORMAT_LAYOUT_WRITER_H_
