#ifndef SYNCRULE_COMPILER_FORMAT_RULE_FORMATTER_H_
#define SYNCRULE_COMPILER_FORMAT_RULE_FORMATTER_H_

// `syncrule fmt`: the one canonical layout of .rule files (docs/fmt.md).
// The formatter prints the parsed tree back, with the file's comments placed
// by position and embedded JQL in the JQL formatter's layout. A file that
// does not parse is never formatted.

#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diagnostic.h"

namespace syncrule::format {

// Layout settings; the defaults are the canonical layout.
struct FormatOptions {
  // The widest line, in code points, that a `do` call is kept on before its
  // arguments are broken one per line.
  int max_width = 100;
};

// The outcome of formatting one file.
struct FormatResult {
  // The formatted text; empty unless ok().
  std::string text;
  // Syntax errors of the input (then nothing is formatted), or FMT001 when
  // the formatter failed its own safety check.
  DiagnosticList diagnostics;

  // Returns true when the file was formatted.
  bool ok() const { return !diagnostics.has_errors(); }
};

// Formats the text of one .rule file. The result is checked before it is
// returned: it must parse to the same tree (embedded JQL compared by its
// JQL tree) and hold the same comments, else error FMT001 is reported.
FormatResult FormatRuleSource(std::string_view source,
                              const FormatOptions& options = FormatOptions{});

// Prints `file`, parsed from `source` with `comments`, in canonical layout.
// No safety check; FormatRuleSource is the entry point for tools.
std::string PrintRuleFileCanonically(const ast::RuleFile& file,
                                     const std::vector<ast::Comment>& comments,
                                     std::string_view source,
                                     const FormatOptions& options = FormatOptions{});

// Returns the tree of `file` as ast::PrintRuleFile prints it, with each
// embedded JQL query replaced by its canonical form when it parses: two files
// mean the same program when these are equal.
std::string ComparableTree(const ast::RuleFile& file);

// Returns the embedded query `text` in the JQL formatter's layout, or `text`
// unchanged when it does not parse as JQL.
std::string FormatEmbeddedJql(const std::string& text);

}  // namespace syncrule::format

#endif  // SYNCRULE_COMPILER_FORMAT_RULE_FORMATTER_H_
