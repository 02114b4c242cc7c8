// libFuzzer target: the rule parser must survive any bytes. Every input
// either parses or yields diagnostics whose ranges lie inside the input.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "compiler/parse/rule_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  syncrule::RuleParseResult result = syncrule::ParseRuleFile(text);
  for (const syncrule::Diagnostic& d : result.diagnostics.items()) {
    if (d.range.begin > d.range.end || d.range.end > size || d.message.empty()) {
      std::abort();
    }
  }
  return 0;
}
