#ifndef SYNCRULE_COMPILER_JQL_AST_PRINTER_H_
#define SYNCRULE_COMPILER_JQL_AST_PRINTER_H_

#include <string>

#include "compiler/jql/ast.h"

namespace syncrule::jql {

// Prints `query` as an S-expression that shows its structure and decoded
// values but no ids, ranges or quoting, for golden tests and for checking
// that formatting preserves meaning:
//   (query (and (= status "Open") (in project ("A" 5))) (order-by (created desc)))
std::string PrintAst(const Query& query);

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_AST_PRINTER_H_
