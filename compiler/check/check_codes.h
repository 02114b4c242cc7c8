#ifndef SYNCRULE_COMPILER_CHECK_CHECK_CODES_H_
#define SYNCRULE_COMPILER_CHECK_CHECK_CODES_H_

// The diagnostic codes of the rule checker (SR1xx). Codes are stable: tests,
// the `# expect error:` corpus and docs/language.md ("Diagnostics") refer to
// them. Parse errors are SR0xx (compiler/parse/); JQL's own codes (JQL0xx,
// JQL1xx) pass through unchanged for queries inside `match jql`.

#include <string_view>

namespace syncrule::check::codes {

// Names: triggers, rules, consts, maps, variables and fields.
inline constexpr std::string_view kUnknownEvent = "SR101";
inline constexpr std::string_view kNoTrigger = "SR102";
inline constexpr std::string_view kDuplicateName = "SR103";
inline constexpr std::string_view kUnknownName = "SR104";
inline constexpr std::string_view kUnknownField = "SR105";
inline constexpr std::string_view kFieldNotOnTrigger = "SR106";
inline constexpr std::string_view kNoMember = "SR107";
inline constexpr std::string_view kNotAValue = "SR108";
inline constexpr std::string_view kReservedName = "SR109";

// Calls: builtins, raw(), linked().
inline constexpr std::string_view kUnknownFunction = "SR110";
inline constexpr std::string_view kArity = "SR111";
inline constexpr std::string_view kArgumentType = "SR112";
inline constexpr std::string_view kNotConstantArgument = "SR113";
inline constexpr std::string_view kInvalidRegex = "SR114";
inline constexpr std::string_view kInvalidRawPath = "SR115";
inline constexpr std::string_view kUnknownEntity = "SR116";

// Types of operators and conditions.
inline constexpr std::string_view kIncomparable = "SR120";
inline constexpr std::string_view kOperandType = "SR121";
inline constexpr std::string_view kNotACondition = "SR122";
inline constexpr std::string_view kChangedNeedsField = "SR123";

// Actions.
inline constexpr std::string_view kUnknownAction = "SR130";
inline constexpr std::string_view kUnknownParam = "SR131";
inline constexpr std::string_view kMissingParam = "SR132";
inline constexpr std::string_view kParamType = "SR133";
inline constexpr std::string_view kDuplicateParam = "SR134";
inline constexpr std::string_view kOneOfParams = "SR135";

// Loops.
inline constexpr std::string_view kNotIterable = "SR140";
inline constexpr std::string_view kLoopLimit = "SR141";
inline constexpr std::string_view kLoopProduct = "SR142";

// Consts and maps.
inline constexpr std::string_view kNotConstant = "SR150";
inline constexpr std::string_view kConstCycle = "SR151";
inline constexpr std::string_view kBadMapKey = "SR152";
inline constexpr std::string_view kDuplicateKey = "SR153";      // warning
inline constexpr std::string_view kMissingMapKey = "SR154";     // warning

// JQL matches.
inline constexpr std::string_view kJqlNeedsJira = "SR160";
inline constexpr std::string_view kBecomesTrueNeedsUpdate = "SR161";  // warning

// Connections and secrets.
inline constexpr std::string_view kUnknownConnection = "SR170";
inline constexpr std::string_view kInlineSecret = "SR171";
inline constexpr std::string_view kEnvMisuse = "SR172";

// Rule options and lints.
inline constexpr std::string_view kUnknownAllowance = "SR180";
inline constexpr std::string_view kDuplicateTrigger = "SR181";  // warning
inline constexpr std::string_view kNoAction = "SR182";          // warning

}  // namespace syncrule::check::codes

#endif  // SYNCRULE_COMPILER_CHECK_CHECK_CODES_H_
