// Regular expressions are RE2 patterns, validated here by compiling them
// exactly as the runtime will at load, so that a bad pattern is a compile
// error with RE2's own explanation rather than a rule that never matches.

#include <fmt/format.h>
#include <re2/re2.h>

#include "compiler/check/check_internal.h"

namespace syncrule::check::internal {
namespace {

// Returns a hint for the RE2 errors people coming from PCRE hit most.
std::string_view HintFor(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadPerlOp:
      return "RE2 has no lookahead or lookbehind";
    case RE2::ErrorBadEscape:
      return "RE2 has no backreferences; in a rule string, write \\\\ for "
             "a regex backslash";
    case RE2::ErrorRepeatArgument:
      return "a repetition such as * or + needs something before it; "
             "write \\\\* for a literal '*'";
    default:
      return "";
  }
}

}  // namespace

bool CheckRegex(RuleState& rule, const IrExpr& ir, ast::NodeId id,
                std::string_view where) {
  const std::string& pattern = ir.constant.get_ref<const std::string&>();
  RE2::Options options;
  options.set_log_errors(false);
  RE2 re(pattern, options);
  if (re.ok()) return true;
  Diagnostic& d = rule.Error(
      codes::kInvalidRegex, id,
      fmt::format("The pattern of {} is not a valid RE2 regular expression: "
                  "{}.",
                  where, re.error()));
  if (std::string_view note = HintFor(re.error_code()); !note.empty()) {
    d.notes.push_back(std::string(note));
  }
  return false;
}

}  // namespace syncrule::check::internal
