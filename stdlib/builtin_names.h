#ifndef SYNCRULE_STDLIB_BUILTIN_NAMES_H_
#define SYNCRULE_STDLIB_BUILTIN_NAMES_H_

// The built-in functions of the rule language, declared once. The checker
// resolves calls against this table (name, arity, result type); the VM
// dispatches on the same ids. Header-only so that the compiler can read it
// without linking any implementation.

#include <array>
#include <string_view>

#include "runtime/schema.h"

namespace syncrule::stdlib {

// Identifies a builtin; the numeric value is stored in bytecode, so append
// new builtins at the end and never reorder.
enum class Builtin : uint8_t {
  kSplit, kJoin, kLower, kUpper, kTrim, kContains, kStartsWith, kEndsWith,
  kReplace, kLen, kRegexMatch, kRegexExtract, kExtractAll, kNow,
  kDuration, kAddDuration, kFormatTime, kParseTime, kCoalesce, kDefault,
  kToString, kToNumber, kFirst, kLast, kUserByEmail,
};

// Declares one builtin.
struct BuiltinDecl {
  Builtin id;
  std::string_view name;
  int min_args;
  // -1 means any number from min_args on.
  int max_args;
  runtime::ValueType result;
  // Which argument (0-based) must be a constant RE2 pattern, or -1; the
  // pattern is compiled once at load.
  int regex_arg;
  std::string_view doc;
};

using runtime::ValueType;

// Every builtin, in Builtin order.
inline constexpr std::array<BuiltinDecl, 25> kBuiltins = {{
    {Builtin::kSplit, "split", 2, 2, ValueType::kStringList, -1, "split(s, sep): the parts of s between separators, trimmed, empty parts dropped"},
    {Builtin::kJoin, "join", 2, 2, ValueType::kString, -1, "join(list, sep): the string forms of the items joined by sep"},
    {Builtin::kLower, "lower", 1, 1, ValueType::kString, -1, "lower(s): s in lower case"},
    {Builtin::kUpper, "upper", 1, 1, ValueType::kString, -1, "upper(s): s in upper case"},
    {Builtin::kTrim, "trim", 1, 1, ValueType::kString, -1, "trim(s): s without leading and trailing white space"},
    {Builtin::kContains, "contains", 2, 2, ValueType::kBool, -1, "contains(a, b): b is an item of list a, or a substring of string a"},
    {Builtin::kStartsWith, "starts_with", 2, 2, ValueType::kBool, -1, "starts_with(s, prefix)"},
    {Builtin::kEndsWith, "ends_with", 2, 2, ValueType::kBool, -1, "ends_with(s, suffix)"},
    {Builtin::kReplace, "replace", 3, 3, ValueType::kString, -1, "replace(s, old, new): every occurrence of old replaced"},
    {Builtin::kLen, "len", 1, 1, ValueType::kInt, -1, "len(x): the length of a string (in characters), list or object; 0 for null"},
    {Builtin::kRegexMatch, "regex_match", 2, 2, ValueType::kBool, 1, "regex_match(s, re): RE2 re matches somewhere in s"},
    {Builtin::kRegexExtract, "regex_extract", 2, 2, ValueType::kString, 1, "regex_extract(s, re): the first capture group (or the whole match) of the first match, or null"},
    {Builtin::kExtractAll, "extract_all", 2, 2, ValueType::kStringList, 1, "extract_all(s, re): every match (first group if any), distinct, in order, at most 1,000"},
    {Builtin::kNow, "now", 0, 0, ValueType::kTime, -1, "now(): the evaluation clock"},
    {Builtin::kDuration, "duration", 1, 1, ValueType::kInt, -1, "duration(\"1h30m\"): milliseconds; units w d h m s"},
    {Builtin::kAddDuration, "add_duration", 2, 2, ValueType::kTime, -1, "add_duration(t, \"-2d\"): t shifted by a duration"},
    {Builtin::kFormatTime, "format_time", 1, 2, ValueType::kString, -1, "format_time(t[, zone]): ISO 8601"},
    {Builtin::kParseTime, "parse_time", 1, 1, ValueType::kTime, -1, "parse_time(s): an ISO 8601 instant, or null"},
    {Builtin::kCoalesce, "coalesce", 1, -1, ValueType::kAny, -1, "coalesce(a, b, ...): the first argument that is not null or empty"},
    {Builtin::kDefault, "default", 2, 2, ValueType::kAny, -1, "default(x, fallback): x unless null or empty"},
    {Builtin::kToString, "string", 1, 1, ValueType::kString, -1, "string(x): the string form of x"},
    {Builtin::kToNumber, "number", 1, 1, ValueType::kNumber, -1, "number(x): x as a number, or null"},
    {Builtin::kFirst, "first", 1, 1, ValueType::kAny, -1, "first(list): the first item, or null"},
    {Builtin::kLast, "last", 1, 1, ValueType::kAny, -1, "last(list): the last item, or null"},
    {Builtin::kUserByEmail, "user_by_email", 1, 1, ValueType::kUser, -1, "user_by_email(e): a user reference resolved by e-mail when the action runs"},
}};

// Returns the builtin named `name`, or null.
inline const BuiltinDecl* FindBuiltin(std::string_view name) {
  for (const BuiltinDecl& decl : kBuiltins) {
    if (decl.name == name) return &decl;
  }
  return nullptr;
}

}  // namespace syncrule::stdlib

#endif  // SYNCRULE_STDLIB_BUILTIN_NAMES_H_
