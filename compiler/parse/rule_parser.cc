#include "compiler/parse/rule_parser.h"

#include <fmt/format.h>

#include "compiler/parse/rule_parse_internal.h"

namespace syncrule {

using rule_parse::OffsetMap;
using P = syncrule_rule_gen::RuleParser;

namespace {

// Rejects input that is too long or not UTF-8.
bool CheckInput(std::string_view text, const RuleParseOptions& options,
                DiagnosticList& diagnostics) {
  if (text.size() > options.max_length) {
    diagnostics.Error("SR007", SourceRange{0, 0},
                      fmt::format("The file is {} bytes long; the limit is {} bytes.",
                                  text.size(), options.max_length));
    return false;
  }
  size_t bad = parse_common::FindInvalidUtf8(text);
  if (bad != std::string_view::npos) {
    uint32_t at = static_cast<uint32_t>(bad);
    diagnostics.Error("SR005", SourceRange{at, at + 1},
                      fmt::format("The file is not valid UTF-8: byte 0x{:02X} at "
                                  "offset {}.",
                                  static_cast<unsigned char>(text[bad]), bad));
    return false;
  }
  return true;
}

// Copies the COMMENT tokens of the hidden channel into `comments`, without
// trailing blanks.
void CollectComments(antlr4::CommonTokenStream& tokens, const OffsetMap& offsets,
                     std::string_view text, std::vector<ast::Comment>& comments) {
  for (antlr4::Token* token : tokens.getTokens()) {
    if (token->getType() != syncrule_rule_gen::RuleLexer::COMMENT) continue;
    SourceRange range = offsets.RangeOf(token);
    std::string_view body = text.substr(range.begin, range.end - range.begin);
    while (!body.empty() && (body.back() == ' ' || body.back() == '\t')) {
      body.remove_suffix(1);
    }
    comments.push_back({range, std::string(body)});
  }
}

}  // namespace

RuleParseResult ParseRuleFile(std::string_view text, const RuleParseOptions& options) {
  RuleParseResult result;
  if (!CheckInput(text, options, result.diagnostics)) return result;
  // ANTLR's input stream drops a leading UTF-8 byte order mark, so the lexer
  // is given the text after it, and offsets count from the file's first byte.
  std::string_view body = text;
  uint32_t base = 0;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") {
    body.remove_prefix(3);
    base = 3;
  }
  OffsetMap offsets(body, base);
  antlr4::ANTLRInputStream input(body.data(), body.size());
  syncrule_rule_gen::RuleLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  CollectComments(tokens, offsets, text, result.comments);
  if (!rule_parse::CheckNesting(tokens, offsets, options.max_nesting, result.diagnostics)) {
    return result;
  }
  rule_parse::ReportLexicalErrors(tokens, offsets, text, result.diagnostics);
  P parser(&tokens);
  parser.removeErrorListeners();
  rule_parse::RuleErrorListener listener(offsets, result.diagnostics);
  parser.addErrorListener(&listener);
  P::ProgramContext* tree = nullptr;
  try {
    tree = parser.program();
  } catch (const std::exception& e) {
    result.diagnostics.Error("SR001", SourceRange{0, 0},
                             fmt::format("The file could not be parsed: {}", e.what()));
    return result;
  }
  if (result.diagnostics.has_errors()) return result;
  result.file = rule_parse::BuildRuleFile(tree, offsets, text, options, result.diagnostics);
  return result;
}

}  // namespace syncrule
