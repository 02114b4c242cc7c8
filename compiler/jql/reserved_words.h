#ifndef SYNCRULE_COMPILER_JQL_RESERVED_WORDS_H_
#define SYNCRULE_COMPILER_JQL_RESERVED_WORDS_H_

#include <string_view>

namespace syncrule::jql {

// Returns true when `word`, written bare, would lex as a JQL keyword or one
// of the 159 reserved words rather than as a string, compared without regard
// to case ("select", "AND", "null").
bool MustQuoteWord(std::string_view word);

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_RESERVED_WORDS_H_
