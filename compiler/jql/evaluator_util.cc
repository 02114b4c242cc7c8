#include "compiler/jql/evaluator_util.h"

#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cmath>
#include <cstdlib>

namespace syncrule::jql {
namespace {

// Decodes one UTF-8 code point at `text[*pos]`, advancing `*pos`. Invalid
// bytes decode as themselves (one byte each).
uint32_t DecodeUtf8(std::string_view text, size_t* pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(*pos);
  int length = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3
               : (lead >> 3) == 30 ? 4 : 1;
  if (*pos + length > text.size()) length = 1;
  uint32_t code = length == 1 ? lead : lead & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    unsigned char next = byte(*pos + i);
    if ((next & 0xC0) != 0x80) {
      length = 1;
      code = lead;
      break;
    }
    code = (code << 6) | (next & 0x3F);
  }
  *pos += length;
  return code;
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

uint32_t LowerCodePoint(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c == 0x178) return 0xFF;
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 &&
      c != 0x149 && c != 0x17F) {
    // Latin Extended-A pairs upper/lower; the ranges 0x139-0x148 and
    // 0x179-0x17E pair odd/even instead of even/odd.
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    bool is_upper = odd_upper ? (c % 2 == 1) : (c % 2 == 0);
    return is_upper ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

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

std::string FoldCase(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + 32
                                                                 : byte));
      ++pos;
      continue;
    }
    size_t start = pos;
    uint32_t code = DecodeUtf8(text, &pos);
    if (pos - start == 1) {
      out.push_back(static_cast<char>(byte));
    } else {
      EncodeUtf8(LowerCodePoint(code), &out);
    }
  }
  return out;
}

bool EqualsFolded(std::string_view a, std::string_view b) {
  if (a.size() == b.size() && a == b) return true;
  return FoldCase(a) == FoldCase(b);
}

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
