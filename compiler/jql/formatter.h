#ifndef SYNCRULE_COMPILER_JQL_FORMATTER_H_
#define SYNCRULE_COMPILER_JQL_FORMATTER_H_

#include <string>

#include "compiler/jql/ast.h"

namespace syncrule::jql {

// Writes `query` in syncrule's canonical JQL layout: keywords and operators
// in upper case, one space around operators and between clauses, values
// quoted with double quotes only where a bare value would lex differently,
// parentheses only where the tree needs them (and around an AND inside an
// OR, for readability). Parsing the result yields the same AST (PrintAst is
// equal), a property tests/conformance checks on every probe.
std::string FormatQuery(const Query& query);

// Returns `text` as a JQL string token: bare when that lexes back to the same
// string, otherwise double-quoted with escapes.
std::string QuoteIfNeeded(const std::string& text);

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_FORMATTER_H_
