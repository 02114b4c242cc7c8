#ifndef SYNCRULE_COMPILER_PARSE_RULE_PARSE_INTERNAL_H_
#define SYNCRULE_COMPILER_PARSE_RULE_PARSE_INTERNAL_H_

// Internals shared by the files of the rule parser.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "RuleLexer.h"
#include "RuleParser.h"
#include "antlr4-runtime.h"
#include "compiler/ast/ast.h"
#include "compiler/diagnostic.h"
#include "compiler/parse/parse_common.h"
#include "compiler/parse/rule_parser.h"

namespace syncrule::rule_parse {

using parse_common::OffsetMap;

// Turns ANTLR syntax errors in rule files into diagnostics worded for people.
class RuleErrorListener : public antlr4::BaseErrorListener {
 public:
  // Reports into `diagnostics` with ranges from `offsets`.
  RuleErrorListener(const OffsetMap& offsets, DiagnosticList& diagnostics);

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending,
                   size_t line, size_t column, const std::string& message,
                   std::exception_ptr error) override;

 private:
  // Reports the tokens `expected` after `previous`, the last token of its
  // line, with a fix when one closing bracket would do.
  void ReportMissingAtLineEnd(antlr4::Token* previous, const std::string& found,
                              const antlr4::misc::IntervalSet& expected,
                              const antlr4::dfa::Vocabulary& vocabulary);

  const OffsetMap& offsets_;
  DiagnosticList& diagnostics_;
  size_t last_index_ = static_cast<size_t>(-1);
  // The line of the last syntax error reported (0: none yet).
  size_t last_line_ = 0;
};

// Reports tokens that can never be valid (an unterminated string or JQL
// block, a stray character). Returns true when any was reported.
bool ReportLexicalErrors(antlr4::CommonTokenStream& tokens,
                         const OffsetMap& offsets, std::string_view text,
                         DiagnosticList& diagnostics);

// Returns false, after reporting SR012, when `tokens` nest deeper than
// `max_nesting`.
bool CheckNesting(antlr4::CommonTokenStream& tokens, const OffsetMap& offsets,
                  int max_nesting, DiagnosticList& diagnostics);

// Parses `text` (which starts `base` bytes into the file) as one expression,
// as the ${...} parts of strings need. Allocates node ids through `next_id`.
// Returns false when it reported errors.
bool ParseEmbeddedExpression(std::string_view text, uint32_t base,
                             const RuleParseOptions& options,
                             const std::function<ast::NodeId(SourceRange)>& next_id,
                             ast::Expr* out, DiagnosticList& diagnostics);

// One piece of a rule file (the whole file, or a run of its items when a
// large file is parsed in pieces at once), lexed and parsed: the tree and
// everything it points into.
struct ParsedPiece {
  OffsetMap offsets;
  std::unique_ptr<antlr4::ANTLRInputStream> input;
  std::unique_ptr<syncrule_rule_gen::RuleLexer> lexer;
  std::unique_ptr<antlr4::CommonTokenStream> tokens;
  std::unique_ptr<syncrule_rule_gen::RuleParser> parser;
  std::unique_ptr<RuleErrorListener> listener;
  syncrule_rule_gen::RuleParser::ProgramContext* tree = nullptr;
  DiagnosticList diagnostics;
  std::vector<ast::Comment> comments;
};

// Builds the AST of one file from the parse trees of its pieces, in order.
// `text` is the whole file; `pieces` is not empty.
ast::RuleFile BuildRuleFile(const std::vector<ParsedPiece>& pieces, std::string_view text,
                            const RuleParseOptions& options, DiagnosticList& diagnostics);

}  // namespace syncrule::rule_parse

#endif  // SYNCRULE_COMPILER_PARSE_RULE_PARSE_INTERNAL_H_
