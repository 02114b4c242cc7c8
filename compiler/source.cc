#include "compiler/source.h"

#include <algorithm>

namespace syncrule {
namespace {

// Returns true for bytes that start a UTF-8 code point (not continuations).
bool StartsCodePoint(unsigned char byte) { return (byte & 0xC0) != 0x80; }

}  // namespace

Source::Source(std::string name, std::string text, SourcePosition base)
    : name_(std::move(name)), text_(std::move(text)), base_(base) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SourcePosition Source::PositionOf(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  int line_index = static_cast<int>(it - line_starts_.begin()) - 1;
  uint32_t line_start = line_starts_[line_index];
  int column = 1;
  for (uint32_t i = line_start; i < offset; ++i) {
    if (StartsCodePoint(static_cast<unsigned char>(text_[i]))) ++column;
  }
  SourcePosition position;
  position.line = base_.line + line_index;
  position.column = line_index == 0 ? base_.column + column - 1 : column;
  return position;
}

std::string_view Source::LineText(int line) const {
  if (line < 1 || line > line_count()) return {};
  uint32_t begin = line_starts_[line - 1];
  uint32_t end = line < line_count() ? line_starts_[line] - 1
                                     : static_cast<uint32_t>(text_.size());
  std::string_view text(text_.data() + begin, end - begin);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

}  // namespace syncrule
