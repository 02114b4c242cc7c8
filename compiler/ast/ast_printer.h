#ifndef SYNCRULE_COMPILER_AST_AST_PRINTER_H_
#define SYNCRULE_COMPILER_AST_AST_PRINTER_H_

#include <string>

#include "compiler/ast/ast.h"

namespace syncrule::ast {

// Prints `expr` as an S-expression without ids or ranges, for golden tests:
//   (+ "[" (. issue key) "] ")
std::string PrintExpr(const Expr& expr);

// Prints a whole file as S-expressions, one declaration a line.
std::string PrintRuleFile(const RuleFile& file);

}  // namespace syncrule::ast

#endif  // SYNCRULE_COMPILER_AST_AST_PRINTER_H_
