#ifndef SYNCRULE_RUNTIME_BUILTINS_H_
#define SYNCRULE_RUNTIME_BUILTINS_H_

// The rule language's built-in functions (stdlib/builtin_names.h declares
// them; the checker resolves calls against that table). Every builtin is
// total: arguments of the wrong type give null, never an error, in keeping
// with "missing is a value". Results live in the arena.

#include <cstdint>

#include <re2/re2.h>

#include "runtime/value.h"
#include "stdlib/builtin_names.h"

namespace syncrule::runtime {

// What builtins may use besides their arguments.
struct BuiltinContext {
  Arena* arena = nullptr;
  // now(), epoch milliseconds.
  int64_t now_ms = 0;
};

// extract_all() returns at most this many matches.
inline constexpr uint32_t kMaxExtractMatches = 1000;

// Calls builtin `id` (one without a regex argument) on `args[0..argc)`.
Value CallBuiltin(stdlib::Builtin id, const Value* args, uint32_t argc,
                  BuiltinContext& context);

// Calls regex builtin `id` (regex_match, regex_extract, extract_all) on
// `subject` with the precompiled `re`.
Value CallRegexBuiltin(stdlib::Builtin id, const Value& subject, const RE2& re,
                       BuiltinContext& context);

// Parses a duration such as "1h30m" or "-2d" (units w d h m s, optional
// sign) into milliseconds; nullopt when malformed or out of range.
std::optional<int64_t> ParseDurationMs(std::string_view text);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_BUILTINS_H_
