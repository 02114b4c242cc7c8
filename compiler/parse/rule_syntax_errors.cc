// Syntax errors of the rule language, worded for people: what was expected
// (a clause, an expression, a name...) and what was found instead.

#include <fmt/format.h>

#include "compiler/parse/rule_parse_internal.h"

namespace syncrule::rule_parse {
namespace {

using L = syncrule_rule_gen::RuleLexer;

// Returns how a token type reads in a message.
std::string Describe(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
  switch (type) {
    case antlr4::Token::EOF: return "the end of the file";
    case L::IDENT: return "a name";
    case L::STRING: return "a string";
    case L::NUMBER: return "a number";
    case L::JQL_BLOCK: return "a `JQL` block";
    default: {
      std::string literal = vocabulary.getLiteralName(type);
      return literal.empty() ? vocabulary.getSymbolicName(type) : literal;
    }
  }
}

// Returns what the expected set means, in words.
std::string ExpectedWords(const antlr4::misc::IntervalSet& set,
                          const antlr4::dfa::Vocabulary& vocabulary) {
  if (set.contains(static_cast<size_t>(L::RULE)) && set.contains(static_cast<size_t>(L::MAP))) {
    return "`rule`, `map`, `const` or `connection`";
  }
  if (set.contains(static_cast<size_t>(L::WHEN)) && set.contains(static_cast<size_t>(L::DO))) {
    return "a rule clause (`on`, `manual`, `match`, `when`, `let`, `do`, "
           "`for`, `allow`) or '}'";
  }
  if (set.contains(static_cast<size_t>(L::STRING)) && set.contains(static_cast<size_t>(L::NUMBER)) && set.contains(static_cast<size_t>(L::LPAREN))) {
    return "an expression";
  }
  std::vector<std::string> words;
  for (size_t type : set.toList()) {
    if (words.size() == 6) {
      words.push_back("...");
      break;
    }
    words.push_back(Describe(vocabulary, type));
  }
  if (words.empty()) return "something else";
  if (words.size() == 1) return words[0];
  std::string last = words.back();
  words.pop_back();
  return fmt::format("{} or {}", fmt::join(words, ", "), last);
}

// Returns true for the language's keywords, which cannot be names.
bool IsKeyword(size_t type) { return type >= L::CONNECTION && type <= L::ALLOW; }

// Returns the token before `token` on the default channel (comments and
// spaces skipped), or null. The parser's own position can lag behind the
// offending token during prediction, so it is read from the stream.
antlr4::Token* PreviousVisible(antlr4::TokenStream* stream, antlr4::Token* token) {
  for (size_t index = token->getTokenIndex(); index-- > 0;) {
    antlr4::Token* candidate = stream->get(index);
    if (candidate->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return candidate;
  }
  return nullptr;
}

}  // namespace

RuleErrorListener::RuleErrorListener(const OffsetMap& offsets,
                                     DiagnosticList& diagnostics)
    : offsets_(offsets), diagnostics_(diagnostics) {}

void RuleErrorListener::syntaxError(antlr4::Recognizer* recognizer,
                                    antlr4::Token* offending, size_t, size_t,
                                    const std::string&, std::exception_ptr) {
  auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
  if (parser == nullptr || offending == nullptr) return;
  if (offending->getTokenIndex() == last_index_) return;
  last_index_ = offending->getTokenIndex();
  // One syntax error a line, as Go's parser does: the second is almost
  // always a consequence of the first.
  if (offending->getType() != antlr4::Token::EOF && offending->getLine() == last_line_) return;
  last_line_ = offending->getLine();
  // Unclosed strings and JQL blocks and stray characters already have a
  // lexical error (ReportLexicalErrors) that says more.
  size_t type = offending->getType();
  if (type == L::UNTERMINATED_STRING || type == L::UNTERMINATED_JQL || type == L::ERRORCHAR) {
    return;
  }
  antlr4::misc::IntervalSet expected;
  try {
    expected = parser->getExpectedTokens();
  } catch (...) {
    // The expected set only refines the message.
  }
  const auto& vocabulary = parser->getVocabulary();
  std::string found = offending->getType() == antlr4::Token::EOF
                          ? "the end of the file"
                          : "'" + offending->getText() + "'";
  // A token missing at the end of a line is reported where it belongs, after
  // the last token of that line, not at the start of the next.
  antlr4::Token* previous = PreviousVisible(parser->getTokenStream(), offending);
  // Only when the parser stands at the offending token: during prediction
  // it lags behind, and its expected set is then that of an earlier place.
  bool at_offending = parser->getCurrentToken() == offending;
  if (at_offending && previous != nullptr && previous->getType() != antlr4::Token::EOF &&
      previous->getLine() < offending->getLine()) {
    ReportMissingAtLineEnd(previous, found, expected, vocabulary);
    return;
  }
  Diagnostic& d = diagnostics_.Error(
      "SR001", offsets_.RangeOf(offending),
      fmt::format("Expected {} but found {}.", ExpectedWords(expected, vocabulary), found));
  if (IsKeyword(offending->getType()) && expected.contains(static_cast<size_t>(L::IDENT))) {
    d.notes.push_back(fmt::format("'{}' is a keyword and cannot be used as a name.",
                                  offending->getText()));
  }
  if (offending->getType() == antlr4::Token::EOF && expected.contains(static_cast<size_t>(L::RBRACE))) {
    d.fixes.push_back({offsets_.RangeOf(offending), "}", "close the block with '}'"});
  }
}

void RuleErrorListener::ReportMissingAtLineEnd(antlr4::Token* previous,
                                               const std::string& found,
                                               const antlr4::misc::IntervalSet& expected,
                                               const antlr4::dfa::Vocabulary& vocabulary) {
  SourceRange end = offsets_.RangeOf(previous);
  end.begin = end.end > end.begin ? end.end - 1 : end.begin;
  Diagnostic& d = diagnostics_.Error(
      "SR001", end,
      fmt::format("Expected {} after this, but the next token is {}.",
                  ExpectedWords(expected, vocabulary), found));
  static const std::pair<size_t, const char*> kClosers[] = {
      {L::RPAREN, ")"}, {L::RBRACKET, "]"}, {L::RBRACE, "}"}};
  for (const auto& [type, text] : kClosers) {
    if (expected.contains(type)) {
      d.fixes.push_back({SourceRange{end.end, end.end}, text,
                         fmt::format("close it with '{}'", text)});
      break;
    }
  }
}

bool ReportLexicalErrors(antlr4::CommonTokenStream& tokens,
                         const OffsetMap& offsets, std::string_view,
                         DiagnosticList& diagnostics) {
  bool reported = false;
  for (antlr4::Token* token : tokens.getTokens()) {
    SourceRange range = offsets.RangeOf(token);
    switch (token->getType()) {
      case L::UNTERMINATED_STRING: {
        Diagnostic& d = diagnostics.Error(
            "SR002", range,
            "This string is not closed before the end of the line.");
        d.fixes.push_back({SourceRange{range.end, range.end}, "\"", "close it with '\"'"});
        break;
      }
      case L::UNTERMINATED_JQL: {
        Diagnostic& d = diagnostics.Error(
            "SR003", range, "This JQL block is not closed by a '`'.");
        d.fixes.push_back({SourceRange{range.end, range.end}, "`", "close it with '`'"});
        break;
      }
      case L::ERRORCHAR:
        diagnostics.Error("SR004", range,
                          fmt::format("The character '{}' cannot appear here.",
                                      token->getText()));
        break;
      default: continue;
    }
    reported = true;
  }
  return reported;
}

bool CheckNesting(antlr4::CommonTokenStream& tokens, const OffsetMap& offsets,
                  int max_nesting, DiagnosticList& diagnostics) {
  // The depth the parser's recursion reaches: open brackets, plus the
  // `not`s that wrap the operand being read. A `not` wraps only the operand
  // after it, so the `not`s of a bracket level end at the next `and`, `or`,
  // `,` or clause keyword of that level.
  std::vector<int> nots = {0};
  int depth = 0;
  for (antlr4::Token* token : tokens.getTokens()) {
    switch (token->getType()) {
      case L::LPAREN: case L::LBRACKET: case L::LBRACE:
        ++depth;
        nots.push_back(0);
        break;
      case L::RPAREN: case L::RBRACKET: case L::RBRACE:
        if (nots.size() > 1) {
          depth -= 1 + nots.back();
          nots.pop_back();
        }
        break;
      case L::NOT:
        ++depth;
        ++nots.back();
        break;
      case L::AND: case L::OR: case L::COMMA: case L::WHEN: case L::LET: case L::DO: case L::FOR:
        depth -= nots.back();
        nots.back() = 0;
        break;
      default: break;
    }
    if (depth > max_nesting) {
      diagnostics.Error("SR012", offsets.RangeOf(token),
                        fmt::format("Brackets and `not` nest more than {} levels "
                                    "deep here; simplify the expression.",
                                    max_nesting));
      return false;
    }
  }
  return true;
}

}  // namespace syncrule::rule_parse
