#ifndef SYNCRULE_COMPILER_PARSE_JQL_PARSER_H_
#define SYNCRULE_COMPILER_PARSE_JQL_PARSER_H_

// Parses JQL text into syncrule's JQL syntax tree, reporting syntax errors
// as diagnostics (codes JQL0xx). The ANTLR parse tree never leaves this
// folder. Accepts exactly what Atlassian's own JQL parser accepts
// (tests/conformance measures it).

#include <string_view>

#include "compiler/diagnostic.h"
#include "compiler/jql/ast.h"

namespace syncrule::jql {

// Limits that keep hostile input from exhausting the stack or memory.
struct ParseOptions {
  // The deepest nesting of parentheses and NOT prefixes accepted. Atlassian's
  // parser accepts 1,000 levels; deeper input gets error JQL012 instead of a
  // stack overflow.
  int max_nesting = 2000;
  // The longest query accepted, in bytes (a 10,000-item IN list is ~100 KB).
  size_t max_length = 4 * 1024 * 1024;
};

// The outcome of parsing one query.
struct ParseResult {
  // The tree; meaningful only when ok().
  Query query;
  DiagnosticList diagnostics;

  // Returns true when the query parsed without errors.
  bool ok() const { return !diagnostics.has_errors(); }
};

// Parses `text` as one JQL query. Never throws; every problem becomes a
// diagnostic with a range into `text`.
ParseResult ParseJql(std::string_view text,
                     const ParseOptions& options = ParseOptions{});

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_PARSE_JQL_PARSER_H_
