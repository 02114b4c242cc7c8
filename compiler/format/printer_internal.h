#ifndef SYNCRULE_COMPILER_FORMAT_PRINTER_INTERNAL_H_
#define SYNCRULE_COMPILER_FORMAT_PRINTER_INTERNAL_H_

// The printer shared by declarations.cc and rule_body.cc.

#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/format/layout_writer.h"
#include "compiler/format/rule_formatter.h"

namespace syncrule::format::internal {

// Returns the offset of the first `wanted` at or after `from` in `source`
// that is not inside a comment, a string or a JQL block; source.size() when
// there is none.
uint32_t FindOutsideLiterals(std::string_view source, uint32_t from, char wanted);

// Prints one file's declarations through a LayoutWriter.
class Printer {
 public:
  // Prints `file`, parsed from `source` with `comments`.
  Printer(const ast::RuleFile& file, const std::vector<ast::Comment>& comments,
          std::string_view source, const FormatOptions& options);

  // Prints the whole file and returns the text.
  std::string PrintFile();

 private:
  // declarations.cc
  void Connection(const ast::Connection& connection);
  void Const(const ast::ConstDecl& constant);
  void Map(const ast::MapDecl& map);
  void MapEntries(const ast::MapDecl& map);

  // rule_body.cc
  void Rule(const ast::Rule& rule);
  void RuleClauses(const ast::Rule& rule);
  void Statements(const std::vector<ast::Statement>& body, int indent);
  void Statement(const ast::Statement& statement, int indent);
  void Do(const ast::Statement& statement, int indent);
  // Writes one argument of a broken `do` call, `text` on one line when it
  // fits, else an object or list value with one item per line.
  void DoArgument(const ast::NamedArg& arg, int indent, const std::string& text);
  void For(const ast::Statement& statement, int indent);

  // Writes an element printed on one line at `indent`: its leading
  // comments, the comments inside it, the line, and its trailing comment.
  void OneLine(ast::NodeId id, int indent, std::string_view text);
  void OneLine(SourceRange range, int indent, std::string_view text);
  // Opens the block of the element `range`, whose `{` (or `(`) is at
  // `open`, with the header `text` (which ends with the bracket). Returns
  // false after writing `text` + closing bracket when the block is empty.
  bool OpenBlock(SourceRange range, uint32_t open, int indent, std::string text, char close,
                 bool empty);
  // Closes the block of the element `range` with `close` at `indent`.
  void CloseBlock(SourceRange range, int indent, char close);

  SourceRange RangeOf(ast::NodeId id) const { return file_.RangeOf(id); }

  const ast::RuleFile& file_;
  std::string_view source_;
  const FormatOptions& options_;
  LayoutWriter writer_;
  const std::vector<ast::Comment>& comments_;
};

}  // namespace syncrule::format::internal

#endif  // SYNCRULE_COMPILER_FORMAT_PRINTER_INTERNAL_H_
