// libFuzzer target: the formatter must survive any bytes. A file that does
// not parse is never formatted; a file that parses must be formatted (no
// FMT001, the formatter's own safety check), and its output must format to
// itself.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "compiler/format/rule_formatter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  syncrule::format::FormatResult once = syncrule::format::FormatRuleSource(text);
  if (!once.ok()) {
    if (!once.text.empty()) std::abort();
    for (const syncrule::Diagnostic& d : once.diagnostics.items()) {
      if (d.code == "FMT001") std::abort();
    }
    return 0;
  }
  syncrule::format::FormatResult twice = syncrule::format::FormatRuleSource(once.text);
  if (!twice.ok() || twice.text != once.text) std::abort();
  return 0;
}
