#include "compiler/parse/rule_parser.h"

#include <fmt/format.h>

#include <iterator>
#include <memory>
#include <thread>
#include <vector>

#include "compiler/parse/rule_parse_internal.h"

namespace syncrule {

using rule_parse::OffsetMap;
using rule_parse::ParsedPiece;
using L = syncrule_rule_gen::RuleLexer;
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

// Lexes and parses `text`, which starts `base` bytes into the file, into
// `piece`, with its own DFA caches when `own_caches` (for a thread beside
// the main one: then nothing but the immutable ATN is shared). Returns
// false when the piece reported anything.
bool ParsePiece(std::string_view text, uint32_t base, std::string_view file,
                const RuleParseOptions& options, bool own_caches, ParsedPiece& piece);

// Returns where to cut `body` in two: the start of a line that opens a rule
// near the middle, or npos. A cut that is not between two items (inside a
// string, say) leaves the first piece unterminated, and the file is then
// parsed whole.
size_t FindCut(std::string_view body) {
  size_t cut = body.find("\nrule ", body.size() / 2);
  return cut == std::string_view::npos ? cut : cut + 1;
}

// Lexes and parses `body` in two pieces, the second on another thread.
// Returns false when either piece reported anything, or `body` has no cut.
bool ParseInPieces(std::string_view body, uint32_t base, std::string_view file,
                   const RuleParseOptions& options, std::vector<ParsedPiece>& pieces) {
  size_t cut = FindCut(body);
  if (cut == std::string_view::npos) return false;
  pieces = std::vector<ParsedPiece>(2);
  bool second_ok = false;
  std::thread second([&] {
    second_ok = ParsePiece(body.substr(cut), base + static_cast<uint32_t>(cut), file, options,
                           /*own_caches=*/true, pieces[1]);
  });
  bool first_ok = ParsePiece(body.substr(0, cut), base, file, options,
                             /*own_caches=*/false, pieces[0]);
  second.join();
  return first_ok && second_ok;
}

// Gives `lexer` and `parser` DFA caches of their own, which live as long
// as they do.
struct OwnCaches {
  // Returns one DFA per decision of `atn`.
  static std::vector<antlr4::dfa::DFA> DfasOf(const antlr4::atn::ATN& atn) {
    std::vector<antlr4::dfa::DFA> dfas;
    dfas.reserve(atn.getNumberOfDecisions());
    for (size_t i = 0; i < atn.getNumberOfDecisions(); ++i) {
      dfas.emplace_back(atn.getDecisionState(i), i);
    }
    return dfas;
  }

  std::vector<antlr4::dfa::DFA> lexer_dfa;
  std::vector<antlr4::dfa::DFA> parser_dfa;
  antlr4::atn::PredictionContextCache lexer_contexts;
  antlr4::atn::PredictionContextCache parser_contexts;
};

bool ParsePiece(std::string_view text, uint32_t base, std::string_view file,
                const RuleParseOptions& options, bool own_caches, ParsedPiece& piece) {
  piece.offsets = OffsetMap(text, base);
  piece.input = std::make_unique<antlr4::ANTLRInputStream>(text.data(), text.size());
  piece.lexer = std::make_unique<L>(piece.input.get());
  piece.lexer->removeErrorListeners();
  std::unique_ptr<OwnCaches> caches;
  if (own_caches) {
    caches = std::make_unique<OwnCaches>();
    caches->lexer_dfa = OwnCaches::DfasOf(piece.lexer->getATN());
    // setInterpreter deletes the simulator it replaces.
    piece.lexer->setInterpreter(new antlr4::atn::LexerATNSimulator(
        piece.lexer.get(), piece.lexer->getATN(), caches->lexer_dfa, caches->lexer_contexts));
  }
  piece.tokens = std::make_unique<antlr4::CommonTokenStream>(piece.lexer.get());
  piece.parser = std::make_unique<P>(piece.tokens.get());
  if (own_caches) {
    caches->parser_dfa = OwnCaches::DfasOf(piece.parser->getATN());
    piece.parser->setInterpreter(new antlr4::atn::ParserATNSimulator(
        piece.parser.get(), piece.parser->getATN(), caches->parser_dfa, caches->parser_contexts));
  }
  piece.tokens->fill();
  CollectComments(*piece.tokens, piece.offsets, file, piece.comments);
  if (!rule_parse::CheckNesting(*piece.tokens, piece.offsets, options.max_nesting,
                                piece.diagnostics)) {
    return false;
  }
  rule_parse::ReportLexicalErrors(*piece.tokens, piece.offsets, file, piece.diagnostics);
  piece.parser->removeErrorListeners();
  piece.listener = std::make_unique<rule_parse::RuleErrorListener>(piece.offsets, piece.diagnostics);
  piece.parser->addErrorListener(piece.listener.get());
  try {
    piece.tree = piece.parser->program();
  } catch (const std::exception& e) {
    piece.diagnostics.Error("SR001", SourceRange{0, 0},
                            fmt::format("The file could not be parsed: {}", e.what()));
  }
  if (own_caches) {
    // The simulators point into the caches, which go now: setInterpreter
    // deletes them, and the recognizers' destructors delete nothing.
    piece.lexer->setInterpreter(nullptr);
    piece.parser->setInterpreter(nullptr);
  }
  return piece.tree != nullptr && piece.diagnostics.items().empty() &&
         piece.diagnostics.dropped() == 0;
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
  // A large file is parsed in two pieces at once; should either report
  // anything, the file is parsed whole, so that every message is the one a
  // whole parse gives.
  std::vector<ParsedPiece> pieces;
  bool in_pieces = body.size() >= options.parse_in_pieces_from &&
                   std::thread::hardware_concurrency() > 1 &&
                   ParseInPieces(body, base, text, options, pieces);
  if (!in_pieces) {
    pieces = std::vector<ParsedPiece>(1);
    ParsePiece(body, base, text, options, /*own_caches=*/false, pieces[0]);
    result.diagnostics = std::move(pieces[0].diagnostics);
    if (pieces[0].tree == nullptr || result.diagnostics.has_errors()) {
      result.comments = std::move(pieces[0].comments);
      return result;
    }
  }
  result.pieces = static_cast<int>(pieces.size());
  for (ParsedPiece& piece : pieces) {
    std::move(piece.comments.begin(), piece.comments.end(), std::back_inserter(result.comments));
  }
  result.file = rule_parse::BuildRuleFile(pieces, text, options, result.diagnostics);
  return result;
}

}  // namespace syncrule
