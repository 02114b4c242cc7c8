#ifndef SYNCRULE_COMPILER_FORMAT_STRING_QUOTING_H_
#define SYNCRULE_COMPILER_FORMAT_STRING_QUOTING_H_

// Canonical spelling of rule-language string literals.

#include <string>
#include <string_view>

namespace syncrule::format {

// Appends `value` escaped for the inside of a rule string: \" \\ \n \t \r,
// \uXXXX for other control characters, and \$ for a `$` before `{`, so that
// the lexer reads the same value back. Other characters stay as they are.
void AppendEscaped(std::string_view value, std::string& out);

// Returns `value` as a double-quoted rule string literal.
std::string QuoteString(std::string_view value);

// Returns the number of code points in the UTF-8 text `text`, the width the
// formatter measures lines with.
int DisplayWidth(std::string_view text);

}  // namespace syncrule::format

#endif  // SYNCRULE_COMPILER_FORMAT_STRING_QUOTING_H_
