#include "compiler/parse/jql_parser.h"

#include <fmt/format.h>

#include "compiler/parse/jql_parse_internal.h"

namespace syncrule::jql {
namespace {

using namespace parse_internal;
using syncrule_jql_gen::JqlLexer;
using syncrule_jql_gen::JqlParser;

// Rejects input that is not UTF-8 or is longer than the limit; returns false
// when parsing must not go on.
bool CheckInput(std::string_view text, const ParseOptions& options,
                DiagnosticList& diagnostics) {
  if (text.size() > options.max_length) {
    diagnostics.Error("JQL014", SourceRange{0, 0},
                      fmt::format("The query is {} bytes long; the limit is {} "
                                  "bytes.",
                                  text.size(), options.max_length));
    return false;
  }
  size_t bad = FindInvalidUtf8(text);
  if (bad != std::string_view::npos) {
    uint32_t at = static_cast<uint32_t>(bad);
    diagnostics.Error("JQL013", SourceRange{at, at + 1},
                      fmt::format("The query is not valid UTF-8: byte 0x{:02X} "
                                  "at offset {} cannot start or continue a "
                                  "character.",
                                  static_cast<unsigned char>(text[bad]), bad));
    return false;
  }
  return true;
}

// Parses with the fast SLL strategy first, which bails out at the first
// error, and falls back to full LL with error recovery only when needed, so
// that invalid queries still get every error reported.
JqlParser::QueryContext* RunParser(JqlParser& parser,
                                   antlr4::CommonTokenStream& tokens,
                                   SyntaxErrorListener& listener) {
  parser.removeErrorListeners();
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  try {
    return parser.query();
  } catch (const antlr4::ParseCancellationException&) {
    tokens.seek(0);
    parser.reset();
  }
  parser.addErrorListener(&listener);
  parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::LL);
  return parser.query();
}

}  // namespace

ParseResult ParseJql(std::string_view text, const ParseOptions& options) {
  ParseResult result;
  if (!CheckInput(text, options, result.diagnostics)) return result;
  OffsetMap offsets(text);
  antlr4::ANTLRInputStream input(text.data(), text.size());
  JqlLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  std::vector<antlr4::Token*> visible;
  for (antlr4::Token* token : tokens.getTokens()) {
    if (token->getChannel() == antlr4::Token::DEFAULT_CHANNEL) visible.push_back(token);
  }
  const antlr4::Token* first_too_deep = nullptr;
  if (NestingDepth(visible, options.max_nesting, &first_too_deep) >
      options.max_nesting) {
    result.diagnostics.Error(
        "JQL012", offsets.RangeOf(first_too_deep),
        fmt::format("The query nests parentheses and NOT more than {} levels "
                    "deep; simplify it.",
                    options.max_nesting));
    return result;
  }
  std::unordered_set<size_t> reported =
      ReportLexicalErrors(visible, text, offsets, result.diagnostics);
  JqlParser parser(&tokens);
  SyntaxErrorListener listener(offsets, text, reported, result.diagnostics);
  JqlParser::QueryContext* tree = nullptr;
  try {
    tree = RunParser(parser, tokens, listener);
  } catch (const std::exception& e) {
    result.diagnostics.Error("JQL001", SourceRange{0, 0},
                             fmt::format("The query could not be parsed: {}", e.what()));
    return result;
  }
  if (!result.diagnostics.has_errors() && parser.getNumberOfSyntaxErrors() == 0) {
    result.query = BuildQuery(tree, offsets);
  } else if (!result.diagnostics.has_errors()) {
    result.diagnostics.Error("JQL001", SourceRange{0, 0}, "The query is not valid JQL.");
  }
  return result;
}

}  // namespace syncrule::jql
