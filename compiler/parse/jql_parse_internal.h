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

namespace syncrule::jql::parse_internal {

// Maps ANTLR's code-point indexes to byte offsets in the UTF-8 query text.
class OffsetMap {
 public:
  // Indexes `text`, which must be valid UTF-8.
  explicit OffsetMap(std::string_view text);
  // Returns the byte offset of code point `index` (clamped to the end).
  uint32_t ByteOffset(size_t index) const;
  // Returns the byte range covered by `token`; EOF maps to an empty range at
  // the end of the text.
  SourceRange RangeOf(const antlr4::Token* token) const;
  // Returns the byte range from the start of `first` to the end of `last`.
  SourceRange Span(const antlr4::Token* first, const antlr4::Token* last) const;

 private:
  std::vector<uint32_t> offsets_;
};

// Returns the byte offset of the first invalid UTF-8 sequence in `text`, or
// std::string_view::npos when the text is valid.
size_t FindInvalidUtf8(std::string_view text);

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

// Returns the deepest nesting of parentheses and NOT prefixes in `tokens`
// and sets `*deepest` to the token where it is reached.
int NestingDepth(const std::vector<antlr4::Token*>& tokens,
                 const antlr4::Token** deepest);

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
