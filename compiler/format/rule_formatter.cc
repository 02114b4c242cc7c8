#include "compiler/format/rule_formatter.h"

#include <exception>

#include "compiler/ast/ast_printer.h"
#include "compiler/format/printer_internal.h"
#include "compiler/jql/formatter.h"
#include "compiler/parse/jql_parser.h"
#include "compiler/parse/rule_parser.h"

namespace syncrule::format {
namespace {

// Returns the texts of `comments`, in order.
std::vector<std::string> CommentTexts(const std::vector<ast::Comment>& comments) {
  std::vector<std::string> texts;
  for (const ast::Comment& comment : comments) texts.push_back(comment.text);
  return texts;
}

// Returns true when `formatted` parses to the same program as `original`,
// with the same comments.
bool SameMeaning(const RuleParseResult& original, std::string_view formatted) {
  RuleParseResult again = ParseRuleFile(formatted);
  if (!again.ok()) return false;
  try {
    return ComparableTree(again.file) == ComparableTree(original.file) &&
           CommentTexts(again.comments) == CommentTexts(original.comments);
  } catch (const std::exception&) {
    // The tree printer rejects strings that are not UTF-8 (from \u escapes
    // of lone surrogates); such a file is left as it is.
    return false;
  }
}

}  // namespace

std::string FormatEmbeddedJql(const std::string& text) {
  jql::ParseResult parsed = jql::ParseJql(text);
  if (!parsed.ok()) return text;
  std::string formatted = jql::FormatQuery(parsed.query);
  // A backtick would end the block early; keep the original then.
  return formatted.find('`') == std::string::npos ? formatted : text;
}

std::string ComparableTree(const ast::RuleFile& file) {
  ast::RuleFile copy = file;
  for (ast::Rule& rule : copy.rules) {
    if (rule.match) rule.match->text = FormatEmbeddedJql(rule.match->text);
  }
  return ast::PrintRuleFile(copy);
}

std::string PrintRuleFileCanonically(const ast::RuleFile& file,
                                     const std::vector<ast::Comment>& comments,
                                     std::string_view source, const FormatOptions& options) {
  return internal::Printer(file, comments, source, options).PrintFile();
}

FormatResult FormatRuleSource(std::string_view source, const FormatOptions& options) {
  FormatResult result;
  RuleParseResult parsed = ParseRuleFile(source);
  if (!parsed.ok()) {
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  std::string text = PrintRuleFileCanonically(parsed.file, parsed.comments, source, options);
  if (!SameMeaning(parsed, text)) {
    result.diagnostics.Error("FMT001", SourceRange{0, 0},
                             "The formatter could not lay this file out without changing "
                             "its meaning or comments, so it is left as it is; please "
                             "report this file.");
    return result;
  }
  result.text = std::move(text);
  return result;
}

}  // namespace syncrule::format
