// Turns ANTLR's syntax errors into messages worded for people: what was
// expected, in words, what was found, and a fix where one is known. The
// wording follows Jira's own messages where they are good.

#include <fmt/format.h>

#include "compiler/parse/jql_parse_internal.h"

namespace syncrule::jql::parse_internal {
namespace {

using Lexer = syncrule_jql_gen::JqlLexer;
using Parser = syncrule_jql_gen::JqlParser;

constexpr char kOperatorList[] =
    "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', "
    "'IN', 'NOT IN', 'IS', 'IS NOT', 'WAS', 'WAS IN', 'WAS NOT', "
    "'WAS NOT IN' and 'CHANGED'.";

// What the parser wanted where it failed, classified from its expected set.
enum class Expectation {
  kOperator, kOperand, kListOrFunction, kValueOrFunction, kFieldOrClause,
  kField, kAndOr, kCloseParen, kBy, kSortContinuation, kArgument,
  kArgumentListEnd, kCloseBracket, kCustomFieldId, kOpenBracket, kIn,
  kEmpty, kOther,
};

// Returns true when `set` contains `type`.
bool Has(const antlr4::misc::IntervalSet& set, size_t type) {
  return set.contains(type);
}

// Classifies the expected-token set `set`.
Expectation Classify(const antlr4::misc::IntervalSet& set) {
  if (Has(set, Lexer::EQUALS) && Has(set, Lexer::IN)) return Expectation::kOperator;
  if (Has(set, Lexer::EMPTY) && Has(set, Lexer::STRING) && Has(set, Lexer::LPAREN))
    return Expectation::kOperand;
  if (Has(set, Lexer::EMPTY) && Has(set, Lexer::STRING)) return Expectation::kOperand;
  if (Has(set, Lexer::LPAREN) && Has(set, Lexer::STRING) && Has(set, Lexer::NOT))
    return Expectation::kFieldOrClause;
  if (Has(set, Lexer::LPAREN) && Has(set, Lexer::STRING)) return Expectation::kListOrFunction;
  if (Has(set, Lexer::CF) && Has(set, Lexer::STRING)) return Expectation::kField;
  if (Has(set, Lexer::STRING) && Has(set, Lexer::POSNUMBER) && set.size() <= 5)
    return Has(set, Lexer::RPAREN) ? Expectation::kArgument : Expectation::kValueOrFunction;
  if (Has(set, Lexer::ASC) || (Has(set, Lexer::COMMA) && Has(set, Lexer::EOF)))
    return Expectation::kSortContinuation;
  if (Has(set, Lexer::AND) || Has(set, Lexer::OR) || Has(set, Lexer::EOF) ||
      Has(set, Lexer::ORDER))
    return Expectation::kAndOr;
  if (Has(set, Lexer::COMMA) && Has(set, Lexer::RPAREN)) return Expectation::kArgumentListEnd;
  if (Has(set, Lexer::RPAREN)) return Expectation::kCloseParen;
  if (Has(set, Lexer::BY)) return Expectation::kBy;
  if (Has(set, Lexer::RBRACKET)) return Expectation::kCloseBracket;
  if (Has(set, Lexer::POSNUMBER)) return Expectation::kCustomFieldId;
  if (Has(set, Lexer::LBRACKET)) return Expectation::kOpenBracket;
  if (Has(set, Lexer::IN)) return Expectation::kIn;
  if (Has(set, Lexer::EMPTY)) return Expectation::kEmpty;
  return Expectation::kOther;
}

// Returns the phrase for the expectation, e.g. "an operator".
std::string ExpectedWords(Expectation expectation) {
  switch (expectation) {
    case Expectation::kOperator: return "an operator";
    case Expectation::kOperand: return "either a value, list or function";
    case Expectation::kListOrFunction: return "a list or function";
    case Expectation::kValueOrFunction: return "a value or function";
    case Expectation::kFieldOrClause: return "a field name";
    case Expectation::kField: return "a field name";
    case Expectation::kAndOr: return "either 'OR' or 'AND'";
    case Expectation::kCloseParen: return "')'";
    case Expectation::kBy: return "'BY'";
    case Expectation::kSortContinuation: return "either 'ASC', 'DESC' or ','";
    case Expectation::kArgument: return "a function argument";
    case Expectation::kArgumentListEnd: return "')' or ','";
    case Expectation::kCloseBracket: return "']'";
    case Expectation::kCustomFieldId: return "a custom field id (a positive number)";
    case Expectation::kOpenBracket: return "'['";
    case Expectation::kIn: return "'IN'";
    case Expectation::kEmpty: return "'EMPTY'";
    case Expectation::kOther: return "something else";
  }
  return "something else";
}

// Returns the stable code for a syntax error of this expectation.
const char* CodeFor(Expectation expectation) {
  switch (expectation) {
    case Expectation::kOperator: return "JQL002";
    case Expectation::kOperand:
    case Expectation::kListOrFunction:
    case Expectation::kValueOrFunction:
    case Expectation::kEmpty: return "JQL008";
    case Expectation::kAndOr: return "JQL009";
    case Expectation::kField:
    case Expectation::kFieldOrClause: return "JQL010";
    case Expectation::kCloseParen: return "JQL011";
    case Expectation::kBy:
    case Expectation::kSortContinuation: return "JQL015";
    case Expectation::kArgument:
    case Expectation::kArgumentListEnd: return "JQL016";
    case Expectation::kCustomFieldId:
    case Expectation::kOpenBracket:
    case Expectation::kCloseBracket: return "JQL019";
    default: return "JQL001";
  }
}

// Returns true for tokens that start a history predicate.
bool IsPredicateToken(size_t type) {
  return type == Lexer::AFTER || type == Lexer::BEFORE || type == Lexer::ON ||
         type == Lexer::DURING || type == Lexer::BY || type == Lexer::FROM ||
         type == Lexer::TO;
}

// Returns the visible token before `token`, or null.
const antlr4::Token* PreviousVisible(antlr4::Parser* parser,
                                     const antlr4::Token* token) {
  auto* stream = parser->getTokenStream();
  for (ptrdiff_t i = static_cast<ptrdiff_t>(token->getTokenIndex()) - 1; i >= 0; --i) {
    const antlr4::Token* t = stream->get(static_cast<size_t>(i));
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return t;
  }
  return nullptr;
}

}  // namespace

SyntaxErrorListener::SyntaxErrorListener(
    const OffsetMap& offsets, std::string_view text,
    const std::unordered_set<size_t>& already_reported,
    DiagnosticList& diagnostics)
    : offsets_(offsets),
      text_(text),
      already_reported_(already_reported),
      diagnostics_(diagnostics) {}

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer,
                                      antlr4::Token* offending, size_t line,
                                      size_t column, const std::string& message,
                                      std::exception_ptr error) {
  auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
  if (parser == nullptr || offending == nullptr) return;
  size_t index = offending->getTokenIndex();
  if (already_reported_.count(index) || !reported_tokens_.insert(index).second) {
    return;
  }
  SourceRange range = offsets_.RangeOf(offending);
  bool at_end = offending->getType() == antlr4::Token::EOF;
  antlr4::misc::IntervalSet expected;
  try {
    expected = parser->getExpectedTokens();
  } catch (...) {
    // The expected set is only a refinement of the message.
  }
  Expectation expectation = Classify(expected);
  size_t rule = parser->getContext() != nullptr ? parser->getContext()->getRuleIndex() : 0;
  if (expectation == Expectation::kValueOrFunction &&
      (rule == Parser::RuleArgument || rule == Parser::RuleFunction)) {
    expectation = Expectation::kArgument;
  }
  std::string got = at_end ? "" : offending->getText();
  size_t type = offending->getType();
  const antlr4::Token* previous = PreviousVisible(parser, offending);

  if (expected.size() == 1 && Has(expected, Lexer::LPAREN) && previous != nullptr &&
      rule == Parser::RuleFunction) {
    // A bare value where IN needs a list: the parser took it for a function
    // name, but the mistake is the missing parentheses around the value.
    SourceRange value = offsets_.RangeOf(previous);
    std::string written(text_.substr(value.begin, value.end - value.begin));
    Diagnostic& d = diagnostics_.Error(
        "JQL008", value,
        fmt::format("Expecting a list or function but got '{}'.", written));
    d.fixes.push_back({value, "(" + written + ")",
                       fmt::format("write a list: ({})", written)});
    return;
  }
  if (IsPredicateToken(type) && expectation == Expectation::kAndOr) {
    bool from_to = type == Lexer::FROM || type == Lexer::TO;
    diagnostics_.Error(
        "JQL018", range,
        from_to ? fmt::format("The '{}' predicate can only follow 'CHANGED'.", got)
                : fmt::format("The '{}' predicate can only follow 'WAS', 'WAS "
                              "IN', 'WAS NOT', 'WAS NOT IN' or 'CHANGED'.",
                              got));
    return;
  }
  if (previous != nullptr && previous->getType() == Lexer::CHANGED && !at_end &&
      expectation == Expectation::kAndOr) {
    Diagnostic& d = diagnostics_.Error(
        "JQL018", range,
        fmt::format("The CHANGED operator does not take a value; prefix '{}' "
                    "with a predicate such as FROM or TO.",
                    got));
    d.fixes.push_back({SourceRange{range.begin, range.begin}, "TO ",
                       fmt::format("write 'TO {}'", got)});
    return;
  }
  std::string text =
      at_end ? fmt::format("Expecting {} before the end of the query.",
                           ExpectedWords(expectation))
             : fmt::format("Expecting {} but got '{}'.",
                           ExpectedWords(expectation), got);
  Diagnostic& d = diagnostics_.Error(CodeFor(expectation), range, text);
  if (expectation == Expectation::kOperator) d.notes.push_back(kOperatorList);
  bool wants_text = expectation == Expectation::kOperand ||
                    expectation == Expectation::kValueOrFunction ||
                    expectation == Expectation::kField ||
                    expectation == Expectation::kFieldOrClause ||
                    expectation == Expectation::kArgument;
  if (!at_end && wants_text && IsKeywordToken(type)) {
    d.notes.push_back(fmt::format(
        "You must surround '{}' in quotation marks to use it as a {}.", got,
        expectation == Expectation::kField || expectation == Expectation::kFieldOrClause
            ? "field name"
            : "value"));
    d.fixes.push_back({range, "\"" + got + "\"",
                       fmt::format("quote it: \"{}\"", got)});
  }
  if (at_end && expectation == Expectation::kCloseParen) {
    d.fixes.push_back({range, ")", "close the parenthesis"});
  }
  if (!at_end && got == "[" && expectation == Expectation::kFieldOrClause) {
    d.notes.push_back("Did you mean 'cf['?");
  }
}

}  // namespace syncrule::jql::parse_internal
