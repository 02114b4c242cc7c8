#include "compiler/format/layout_writer.h"

#include <algorithm>

namespace syncrule::format {

LayoutWriter::LayoutWriter(std::string_view source, const std::vector<ast::Comment>& comments)
    : source_(source), comments_(comments) {}

void LayoutWriter::Gap(uint32_t offset) {
  bool blank = force_blank_;
  if (!blank && offset > last_end_ && offset <= source_.size()) {
    std::string_view between = source_.substr(last_end_, offset - last_end_);
    blank = std::count(between.begin(), between.end(), '\n') >= 2;
  }
  if (blank && !at_block_start_) out_ += '\n';
  force_blank_ = false;
  last_end_ = std::max(last_end_, offset);
}

void LayoutWriter::CommentsBefore(uint32_t offset, int indent) {
  while (HasCommentBefore(offset)) {
    const ast::Comment& comment = comments_[next_comment_++];
    Gap(comment.range.begin);
    Line(indent, comment.text);
    last_end_ = comment.range.end;
  }
}

void LayoutWriter::LeadIn(uint32_t offset, int indent) {
  CommentsBefore(offset, indent);
  Gap(offset);
}

void LayoutWriter::Hoist(uint32_t offset, int indent) {
  while (HasCommentBefore(offset)) {
    Line(indent, comments_[next_comment_++].text);
  }
}

bool LayoutWriter::HasCommentBefore(uint32_t offset) const {
  return next_comment_ < comments_.size() && comments_[next_comment_].range.begin < offset;
}

void LayoutWriter::Line(int indent, std::string_view text) {
  out_.append(static_cast<size_t>(indent) * 2, ' ');
  out_ += text;
  out_ += '\n';
  at_block_start_ = false;
}

void LayoutWriter::Trail(uint32_t end) {
  last_end_ = std::max(last_end_, end);
  if (next_comment_ >= comments_.size()) return;
  const ast::Comment& comment = comments_[next_comment_];
  if (comment.range.begin < end) return;
  std::string_view between = source_.substr(end, comment.range.begin - end);
  if (between.find_first_not_of(" \t,;") != std::string_view::npos) return;
  out_.pop_back();
  out_ += "  " + comment.text + '\n';
  last_end_ = comment.range.end;
  ++next_comment_;
}

std::string LayoutWriter::Finish(int indent) {
  CommentsBefore(static_cast<uint32_t>(source_.size()) + 1, indent);
  return std::move(out_);
}

}  // namespace syncrule::format
