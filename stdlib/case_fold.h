#ifndef SYNCRULE_STDLIB_CASE_FOLD_H_
#define SYNCRULE_STDLIB_CASE_FOLD_H_

// Case folding as JQL compares names: ASCII, Latin-1, Latin Extended-A,
// Greek and Cyrillic upper case to lower case, code point by code point.
// Invalid UTF-8 bytes are kept as they are. Shared by the compiler's
// reference JQL evaluator and the runtime, so that both fold alike.

#include <string>
#include <string_view>

namespace syncrule::stdlib {

// Appends the folded `text` to `out`.
void AppendFolded(std::string_view text, std::string* out);

// Returns the folded `text`.
std::string FoldCase(std::string_view text);

// Returns true when `a` and `b` are equal after folding, without
// allocating. A lone invalid byte never equals a code point.
bool EqualsFolded(std::string_view a, std::string_view b);

}  // namespace syncrule::stdlib

#endif  // SYNCRULE_STDLIB_CASE_FOLD_H_
