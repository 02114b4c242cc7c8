#ifndef SYNCRULE_COMPILER_PARSE_JQL_PARSE_INTERNAL_H_
#define SYNCRULE_COMPILER_PARSE_JQL_PARSE_INTERNAL_H_

// Internals shared by the files of the JQL parser. Only compiler/parse/
// includes this header, because it exposes ANTLR types.

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "JqlLexer.h"
#include "JqlParser.h"
#include "antlr4-runtime.h"
#include "compiler/diagnostic.h"
#include "compiler/jql/ast.h"
#include "compiler/parse/parse_common.h"

namespace syncrule::jql::parse_internal {

using parse_common::FindInvalidUtf8;
using parse_common::OffsetMap;

// Decodes a STRING, QUOTE_STRING or SQUOTE_STRING token's text: strips the
// quotes and replaces escape sequences. The lexer guarantees that every
// escape is valid.
std::string DecodeJqlString(std::string_view token_text);

// Returns true when `token_type` is a grammar keyword (AND, IN, ORDER, ...).
bool IsKeywordToken(size_t token_type);

// Reports lexical problems (reserved words and characters, bad escapes,
// unterminated quotes, control characters) for every token in `tokens`, and
// returns the indexes of the tokens it reported so that the syntax-error
// listener does not report them twice.
std::unordered_set<size_t> ReportLexicalErrors(
    const std::vector<antlr4::Token*>& tokens, std::string_view text,
    const OffsetMap& offsets, DiagnosticList& diagnostics);

// Returns the deepest nesting of parentheses and NOT prefixes in `tokens`.
// When the depth goes beyond `limit`, sets `*first_too_deep` to the first
// token that does so, which is where a diagnostic should point.
int NestingDepth(const std::vector<antlr4::Token*>& tokens, int limit,
                 const antlr4::Token** first_too_deep);

// Turns ANTLR syntax errors into syncrule diagnostics worded for people.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
 public:
  // Reports into `diagnostics`; skips tokens in `already_reported`.
  SyntaxErrorListener(const OffsetMap& offsets, std::string_view text,
                      const std::unordered_set<size_t>& already_reported,
                      DiagnosticList& diagnostics);

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending,
                   size_t line, size_t column, const std::string& message,
                   std::exception_ptr error) override;

 private:
  const OffsetMap& offsets_;
  std::string_view text_;
  const std::unordered_set<size_t>& already_reported_;
  DiagnosticList& diagnostics_;
  std::unordered_set<size_t> reported_tokens_;
};

// Builds the syncrule AST from a successful parse tree.
Query BuildQuery(syncrule_jql_gen::JqlParser::QueryContext* tree,
                 const OffsetMap& offsets);

}  // namespace syncrule::jql::parse_internal

#endif  // SYNCRULE_COMPILER_PARSE_JQL_PARSE_INTERNAL_H_
