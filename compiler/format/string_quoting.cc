#include "compiler/format/string_quoting.h"

#include <fmt/format.h>

namespace syncrule::format {

void AppendEscaped(std::string_view value, std::string& out) {
  for (size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '$':
        out += i + 1 < value.size() && value[i + 1] == '{' ? "\\$" : "$";
        break;
      default:
        if (c == 0xED && i + 2 < value.size() && static_cast<unsigned char>(value[i + 1]) >= 0xA0) {
          // A lone surrogate that a \u escape made: write it back as one.
          unsigned cp = ((c & 0x0F) << 12) |
                        ((static_cast<unsigned char>(value[i + 1]) & 0x3F) << 6) |
                        (static_cast<unsigned char>(value[i + 2]) & 0x3F);
          out += fmt::format("\\u{:04X}", cp);
          i += 2;
        } else if (c < 0x20) {
          out += fmt::format("\\u{:04X}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
}

std::string QuoteString(std::string_view value) {
  std::string out = "\"";
  AppendEscaped(value, out);
  out += '"';
  return out;
}

int DisplayWidth(std::string_view text) {
  int width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

}  // namespace syncrule::format
