#include "stdlib/case_fold.h"

#include <cstdint>

namespace syncrule::stdlib {
namespace {

// Decodes one UTF-8 code point at text[*pos]; invalid bytes decode as
// themselves, one byte each (as the reference evaluator does).
uint32_t DecodeUtf8(std::string_view text, size_t* pos, size_t* length) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(*pos);
  size_t n = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3
             : (lead >> 3) == 30 ? 4 : 1;
  if (*pos + n > text.size()) n = 1;
  uint32_t code = n == 1 ? lead : lead & (0x7F >> n);
  for (size_t i = 1; i < n; ++i) {
    unsigned char next = byte(*pos + i);
    if ((next & 0xC0) != 0x80) {
      n = 1;
      code = lead;
      break;
    }
    code = (code << 6) | (next & 0x3F);
  }
  *length = n;
  *pos += n;
  return code;
}

uint32_t LowerCodePoint(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c == 0x178) return 0xFF;
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 &&
      c != 0x149 && c != 0x17F) {
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    bool is_upper = odd_upper ? (c % 2 == 1) : (c % 2 == 0);
    return is_upper ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

void EncodeUtf8(uint32_t code, std::string* out) {
  if (code < 0x80) {
    out->push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code >> 6)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

// The folded code point at text[*pos] (advancing), for EqualsFolded.
uint32_t NextFolded(std::string_view text, size_t* pos) {
  unsigned char byte = static_cast<unsigned char>(text[*pos]);
  if (byte < 0x80) {
    ++*pos;
    return byte >= 'A' && byte <= 'Z' ? byte + 32 : byte;
  }
  size_t length = 0;
  uint32_t code = DecodeUtf8(text, pos, &length);
  // A lone invalid byte is kept as a byte; mark it so that it never equals
  // the code point with the same number.
  return length == 1 ? 0x80000000u | byte : LowerCodePoint(code);
}

}  // namespace

void AppendFolded(std::string_view text, std::string* out) {
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      out->push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + 32
                                                                  : byte));
      ++pos;
      continue;
    }
    size_t length = 0;
    uint32_t code = DecodeUtf8(text, &pos, &length);
    if (length == 1) {
      out->push_back(static_cast<char>(byte));
    } else {
      EncodeUtf8(LowerCodePoint(code), out);
    }
  }
}

std::string FoldCase(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendFolded(text, &out);
  return out;
}

bool EqualsFolded(std::string_view a, std::string_view b) {
  if (a == b) return true;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (NextFolded(a, &i) != NextFolded(b, &j)) return false;
  }
  return i == a.size() && j == b.size();
}

}  // namespace syncrule::stdlib
