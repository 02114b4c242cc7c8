#ifndef SYNCRULE_COMPILER_LINT_LINT_CODES_H_
#define SYNCRULE_COMPILER_LINT_LINT_CODES_H_

// The stable codes of lint findings. docs/lint.md documents each one with a
// bad and a good example; tests/lang/lint/ holds a failing and a passing
// case of each.

#include <string_view>

namespace syncrule::lint::codes {

// Maps.
inline constexpr std::string_view kMapMissesValues = "SL101";    // warning
inline constexpr std::string_view kMapEntryNeverUsed = "SL102";  // warning
inline constexpr std::string_view kMapNeverUsed = "SL103";       // warning

// Values Jira rejects, and secrets.
inline constexpr std::string_view kLabelWithWhitespace = "SL301";  // error
inline constexpr std::string_view kInlineSecret = "SL302";         // error

// Rule structure.
inline constexpr std::string_view kNeverTrue = "SL401";       // warning
inline constexpr std::string_view kAlwaysTrue = "SL402";      // warning
inline constexpr std::string_view kShadowedCreate = "SL403";  // warning
inline constexpr std::string_view kRefiresOnEdit = "SL404";   // warning

// Loops between rules.
inline constexpr std::string_view kRuleLoop = "SL501";  // error

}  // namespace syncrule::lint::codes

#endif  // SYNCRULE_COMPILER_LINT_LINT_CODES_H_
