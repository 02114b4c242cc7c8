#include "compiler/parse/parse_common.h"

#include <algorithm>

namespace syncrule::parse_common {

int Utf8SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

uint32_t DecodeUtf8At(std::string_view text, size_t i, int length) {
  uint32_t cp = static_cast<unsigned char>(text[i]) &
                (length == 1 ? 0x7F : (0xFF >> (length + 1)));
  for (int k = 1; k < length; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  return cp;
}

OffsetMap::OffsetMap(std::string_view text, uint32_t base) : base_(base) {
  offsets_.reserve(text.size() + 1);
  size_t i = 0;
  while (i < text.size()) {
    offsets_.push_back(base + static_cast<uint32_t>(i));
    int length = Utf8SequenceLength(static_cast<unsigned char>(text[i]));
    i += length > 0 ? length : 1;
  }
  offsets_.push_back(base + static_cast<uint32_t>(text.size()));
}

uint32_t OffsetMap::ByteOffset(size_t index) const {
  return offsets_[std::min(index, offsets_.size() - 1)];
}

SourceRange OffsetMap::RangeOf(const antlr4::Token* token) const {
  if (token == nullptr || token->getType() == antlr4::Token::EOF) {
    uint32_t end = offsets_.back();
    return SourceRange{end, end};
  }
  return SourceRange{ByteOffset(token->getStartIndex()),
                     ByteOffset(token->getStopIndex() + 1)};
}

SourceRange OffsetMap::Span(const antlr4::Token* first,
                            const antlr4::Token* last) const {
  SourceRange begin = RangeOf(first);
  SourceRange end = RangeOf(last);
  return SourceRange{begin.begin, std::max(begin.end, end.end)};
}

size_t FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    int length = Utf8SequenceLength(static_cast<unsigned char>(text[i]));
    if (length == 0 || i + length > text.size()) return i;
    for (int k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    uint32_t cp = DecodeUtf8At(text, i, length);
    bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace syncrule::parse_common
