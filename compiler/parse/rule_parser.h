#ifndef SYNCRULE_COMPILER_PARSE_RULE_PARSER_H_
#define SYNCRULE_COMPILER_PARSE_RULE_PARSER_H_

// Parses one .rule file into syncrule's rule AST, reporting syntax errors as
// diagnostics (codes SR0xx). Embedded JQL is kept as text for the checker.

#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diagnostic.h"

namespace syncrule {

// Limits that keep hostile rule files from exhausting the stack or memory.
struct RuleParseOptions {
  // The deepest nesting of brackets, parentheses, braces and `not`.
  int max_nesting = 256;
  // The largest file accepted, in bytes.
  size_t max_length = 16 * 1024 * 1024;
  // Files at least this long are lexed and parsed in two pieces at once,
  // cut between two rules near the middle, when the machine has more than
  // one core. The result is the same as a whole parse: should a piece
  // report anything, the file is parsed whole. SIZE_MAX turns it off.
  size_t parse_in_pieces_from = 256 * 1024;
};

// The outcome of parsing one file.
struct RuleParseResult {
  // The tree; meaningful only when ok().
  ast::RuleFile file;
  DiagnosticList diagnostics;
  // The file's comments in source order, even when parsing failed.
  std::vector<ast::Comment> comments;

  // How many pieces the file was lexed and parsed in (see
  // RuleParseOptions::parse_in_pieces_from).
  int pieces = 1;
  // Returns true when the file parsed without errors.
  bool ok() const { return !diagnostics.has_errors(); }
};

// Parses `text`, the contents of one .rule file. Never throws.
RuleParseResult ParseRuleFile(std::string_view text,
                              const RuleParseOptions& options = RuleParseOptions{});

}  // namespace syncrule

#endif  // SYNCRULE_COMPILER_PARSE_RULE_PARSER_H_
