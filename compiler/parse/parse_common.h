#ifndef SYNCRULE_COMPILER_PARSE_PARSE_COMMON_H_
#define SYNCRULE_COMPILER_PARSE_PARSE_COMMON_H_

// Helpers shared by the JQL and rule parsers: UTF-8 checks and the mapping
// from ANTLR's code-point indexes to byte offsets.

#include <string_view>
#include <vector>

#include "antlr4-runtime.h"
#include "compiler/source.h"

namespace syncrule::parse_common {

// Maps ANTLR's code-point indexes to byte offsets in the UTF-8 query text.
class OffsetMap {
 public:
  // Creates an empty map; assign one built from text before use.
  OffsetMap() = default;
  // Indexes `text`, which must be valid UTF-8. Every offset is shifted by
  // `base`, for text that starts `base` bytes into a larger file.
  explicit OffsetMap(std::string_view text, uint32_t base = 0);
  // Returns the byte offset of code point `index` (clamped to the end).
  uint32_t ByteOffset(size_t index) const;
  // Returns the byte range covered by `token`; EOF maps to an empty range at
  // the end of the text.
  SourceRange RangeOf(const antlr4::Token* token) const;
  // Returns the byte range from the start of `first` to the end of `last`.
  SourceRange Span(const antlr4::Token* first, const antlr4::Token* last) const;

 private:
  std::vector<uint32_t> offsets_;
  uint32_t base_ = 0;
};

// Returns the byte offset of the first invalid UTF-8 sequence in `text`, or
// std::string_view::npos when the text is valid.
size_t FindInvalidUtf8(std::string_view text);

// Returns the length of the UTF-8 sequence starting with `lead`, or 0 for a
// byte that cannot start one.
int Utf8SequenceLength(unsigned char lead);

// Decodes the code point of the valid sequence of `length` bytes at
// `text[i]`.
uint32_t DecodeUtf8At(std::string_view text, size_t i, int length);

}  // namespace syncrule::parse_common

#endif  // SYNCRULE_COMPILER_PARSE_PARSE_COMMON_H_
