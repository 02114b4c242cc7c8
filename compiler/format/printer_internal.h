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
  // Writes a connection block, one setting a line (declarations.cc).
  void Connection(const ast::Connection& connection);
  // Writes a constant on one line (declarations.cc).
  void Const(const ast::ConstDecl& constant);
  // Writes a map block (declarations.cc).
  void Map(const ast::MapDecl& map);
  // Writes a map's entries, `=>` aligned within runs (declarations.cc).
  void MapEntries(const ast::MapDecl& map);

  // Writes a rule block (rule_body.cc).
  void Rule(const ast::Rule& rule);
  // Writes a rule's clauses in source order, merging adjacent `on` and
  // `allow` clauses (rule_body.cc).
  void RuleClauses(const ast::Rule& rule);
  // Writes the statements of a loop body at `indent` (rule_body.cc).
  void Statements(const std::vector<ast::Statement>& body, int indent);
  // Writes one `when`, `let`, `do` or `for` at `indent` (rule_body.cc).
  void Statement(const ast::Statement& statement, int indent);
  // Writes a `do` call on one line, or broken one argument a line.
  void Do(const ast::Statement& statement, int indent);
  // Writes one argument of a broken `do` call, `text` on one line when it
  // fits, else an object or list value with one item per line.
  void DoArgument(const ast::NamedArg& arg, int indent, const std::string& text);
  // Writes a `for` loop and its body.
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

  // Returns the source range of node `id`.
  SourceRange RangeOf(ast::NodeId id) const { return file_.RangeOf(id); }

  const ast::RuleFile& file_;
  std::string_view source_;
  const FormatOptions& options_;
  LayoutWriter writer_;
  const std::vector<ast::Comment>& comments_;
};

}  // namespace syncrule::format::internal

#endif  // SYNCRULE_COMPILER_FORMAT_PRINTER_INTERNAL_H_
