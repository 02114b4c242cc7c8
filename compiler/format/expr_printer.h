#ifndef SYNCRULE_COMPILER_FORMAT_EXPR_PRINTER_H_
#define SYNCRULE_COMPILER_FORMAT_EXPR_PRINTER_H_

// Canonical one-line spelling of rule-language expressions.

#include <string>

#include "compiler/ast/ast.h"

namespace syncrule::format {

// Returns `expr` on one line: one space around binary operators, ", "
// between items, `name = value` for named call arguments, strings quoted
// canonically, numbers as written, and parentheses only where the parser
// would otherwise build a different tree, or around a comparison under
// `not`.
std::string PrintExpression(const ast::Expr& expr);

}  // namespace syncrule::format

#endif  // SYNCRULE_COMPILER_FORMAT_EXPR_PRINTER_H_
