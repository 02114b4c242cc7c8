// Lexical helpers of the JQL parser: offsets, UTF-8, string decoding, and
// the diagnostics for tokens that can never be part of a valid query.

#include <fmt/format.h>

#include <algorithm>

#include "compiler/parse/jql_parse_internal.h"

namespace syncrule::jql::parse_internal {
namespace {

using Lexer = syncrule_jql_gen::JqlLexer;

// Appends the UTF-8 encoding of `code_point` to `out`.
void AppendUtf8(uint32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// Returns the first code point of `text` as Jira writes it in messages:
// "U+007F".
std::string CodePointLabel(std::string_view text) {
  int length = text.empty() ? 0 : parse_common::Utf8SequenceLength(text[0]);
  uint32_t cp = length > 0 && static_cast<size_t>(length) <= text.size()
                    ? parse_common::DecodeUtf8At(text, 0, length)
                    : 0;
  return fmt::format("U+{:04X}", cp);
}

// Reports a RESERVED_WORD token: Jira's wording, plus a fix that quotes it.
void ReportReservedWord(const antlr4::Token* token, SourceRange range,
                        DiagnosticList& diagnostics) {
  std::string word = token->getText();
  Diagnostic& d = diagnostics.Error(
      "JQL003", range,
      fmt::format("'{}' is a reserved JQL word. You must surround it in "
                  "quotation marks to use it in a query.",
                  word));
  d.fixes.push_back({range, "\"" + word + "\"",
                     fmt::format("quote the reserved word: \"{}\"", word)});
}

// Returns the range of the unquoted run of text around byte `at` that a
// reserved character breaks, so that a fix can quote the whole value.
SourceRange UnquotedRunAround(std::string_view text, uint32_t at) {
  auto stops = [](char c) {
    return std::string_view(" \t\r\n\"'=!<>()~,[]|&").find(c) !=
           std::string_view::npos;
  };
  uint32_t begin = at;
  while (begin > 0 && !stops(text[begin - 1])) --begin;
  uint32_t end = at;
  while (end < text.size() && !stops(text[end])) ++end;
  return SourceRange{begin, end};
}

// Reports a reserved character such as '*' outside quotes.
void ReportReservedCharacter(const antlr4::Token* token, SourceRange range,
                             std::string_view text,
                             DiagnosticList& diagnostics) {
  std::string ch = token->getText();
  Diagnostic& d = diagnostics.Error(
      "JQL004", range,
      fmt::format("The character '{}' is a reserved JQL character. You must "
                  "enclose it in a string or use the escape '\\u{:04x}' "
                  "instead.",
                  ch, static_cast<unsigned>(ch.empty() ? 0 : ch[0])));
  SourceRange run = UnquotedRunAround(text, range.begin);
  std::string value(text.substr(run.begin, run.end - run.begin));
  d.fixes.push_back({run, "\"" + value + "\"",
                     fmt::format("enclose the value in quotes: \"{}\"", value)});
}

// Explains why a quoted string did not end: an illegal escape, a control
// character, or no closing quote at all.
void ReportUnterminatedQuote(const antlr4::Token* token, SourceRange range,
                             std::string_view text,
                             DiagnosticList& diagnostics) {
  uint32_t stop = range.end;
  if (stop < text.size() && text[stop] == '\\') {
    std::string escape(text.substr(stop, std::min<size_t>(2, text.size() - stop)));
    diagnostics.Error(
        "JQL006", SourceRange{stop, stop + static_cast<uint32_t>(escape.size())},
        fmt::format("'{}' is an illegal JQL escape sequence. The valid escape "
                    "sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and "
                    "\\uXXXX.",
                    escape));
    return;
  }
  if (stop < text.size()) {
    diagnostics.Error(
        "JQL007", SourceRange{stop, stop + 1},
        fmt::format("The character '{}' must be escaped inside a quoted "
                    "string. Use the escape '\\u{}' instead.",
                    CodePointLabel(text.substr(stop)),
                    CodePointLabel(text.substr(stop)).substr(2)));
    return;
  }
  std::string body = token->getText().substr(1);
  char quote = token->getText()[0];
  Diagnostic& d = diagnostics.Error(
      "JQL005", range,
      fmt::format("The quoted string '{}' has not been completed.", body));
  d.fixes.push_back({SourceRange{stop, stop}, std::string(1, quote),
                     fmt::format("close the string with {}", quote)});
}

// Reports a backslash that does not start a valid escape sequence.
void ReportBadEscape(SourceRange range, std::string_view text,
                     DiagnosticList& diagnostics) {
  std::string escape(text.substr(range.begin,
                                 std::min<size_t>(2, text.size() - range.begin)));
  if (escape.size() < 2) {
    diagnostics.Error("JQL006", range,
                      "The escape sequence has not been completed. The valid "
                      "escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, "
                      "'\\ ' and \\uXXXX.");
    return;
  }
  diagnostics.Error(
      "JQL006", SourceRange{range.begin, range.begin + 2},
      fmt::format("'{}' is an illegal JQL escape sequence. The valid escape "
                  "sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and "
                  "\\uXXXX.",
                  escape));
}

// Reports a character that cannot start any token.
void ReportIllegalCharacter(SourceRange range, std::string_view text,
                            DiagnosticList& diagnostics) {
  std::string label = CodePointLabel(text.substr(range.begin));
  std::string hex = label.substr(2);
  std::transform(hex.begin(), hex.end(), hex.begin(), ::tolower);
  diagnostics.Error(
      "JQL007", range,
      fmt::format("The character '{}' must be escaped. Use the escape "
                  "'\\u{}' instead.",
                  label, hex));
}

}  // namespace

std::string DecodeJqlString(std::string_view token_text) {
  std::string_view body = token_text;
  if (!body.empty() && (body.front() == '"' || body.front() == '\'')) {
    body = body.substr(1, body.size() >= 2 ? body.size() - 2 : 0);
  }
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 >= body.size()) {
      out += body[i];
      continue;
    }
    char next = body[++i];
    switch (next) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'u':
        AppendUtf8(static_cast<uint32_t>(
                       std::stoul(std::string(body.substr(i + 1, 4)), nullptr, 16)),
                   out);
        i += 4;
        break;
      default: out += next; break;
    }
  }
  return out;
}

bool IsKeywordToken(size_t type) {
  switch (type) {
    case Lexer::AND: case Lexer::OR: case Lexer::NOT: case Lexer::IN:
    case Lexer::IS: case Lexer::WAS: case Lexer::CHANGED: case Lexer::EMPTY:
    case Lexer::BEFORE: case Lexer::AFTER: case Lexer::FROM: case Lexer::TO:
    case Lexer::ON: case Lexer::DURING: case Lexer::BY: case Lexer::ORDER:
    case Lexer::ASC: case Lexer::DESC: case Lexer::CF:
    case Lexer::RESERVED_WORD:
      return true;
    default:
      return false;
  }
}

std::unordered_set<size_t> ReportLexicalErrors(
    const std::vector<antlr4::Token*>& tokens, std::string_view text,
    const OffsetMap& offsets, DiagnosticList& diagnostics) {
  std::unordered_set<size_t> reported;
  for (const antlr4::Token* token : tokens) {
    SourceRange range = offsets.RangeOf(token);
    switch (token->getType()) {
      case Lexer::RESERVED_WORD: ReportReservedWord(token, range, diagnostics); break;
      case Lexer::ERROR_RESERVED:
        ReportReservedCharacter(token, range, text, diagnostics);
        break;
      case Lexer::UNTERMINATED_QUOTE:
        ReportUnterminatedQuote(token, range, text, diagnostics);
        break;
      case Lexer::BAD_ESCAPE: ReportBadEscape(range, text, diagnostics); break;
      case Lexer::ERRORCHAR: ReportIllegalCharacter(range, text, diagnostics); break;
      default: continue;
    }
    reported.insert(token->getTokenIndex());
  }
  return reported;
}

int NestingDepth(const std::vector<antlr4::Token*>& tokens, int limit,
                 const antlr4::Token** first_too_deep) {
  // Each level remembers the depth it starts at and the run of NOT prefixes
  // written at it; a NOT applies to everything up to the end of its clause.
  struct Level { int base; int nots; };
  std::vector<Level> levels{{0, 0}};
  int max_depth = 0;
  for (const antlr4::Token* token : tokens) {
    Level& top = levels.back();
    switch (token->getType()) {
      case Lexer::NOT: case Lexer::BANG: ++top.nots; break;
      case Lexer::LPAREN: levels.push_back({top.base + top.nots + 1, 0}); break;
      case Lexer::RPAREN:
        if (levels.size() > 1) levels.pop_back();
        levels.back().nots = 0;
        break;
      default:
        // `not in` and `is not` do not nest; only prefixes before a clause do.
        top.nots = 0;
        break;
    }
    int depth = levels.back().base + levels.back().nots;
    if (depth > limit && max_depth <= limit) *first_too_deep = token;
    max_depth = std::max(max_depth, depth);
  }
  return max_depth;
}

}  // namespace syncrule::jql::parse_internal
