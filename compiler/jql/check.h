#ifndef SYNCRULE_COMPILER_JQL_CHECK_H_
#define SYNCRULE_COMPILER_JQL_CHECK_H_

// Semantic validation of a parsed JQL query, the second stage after syntax,
// as Jira runs its clause validators after parsing: unknown fields,
// operators a field does not support, unknown functions, wrong arity,
// values of the wrong type, and misused history predicates.

#include "compiler/diagnostic.h"
#include "compiler/jql/ast.h"
#include "compiler/jql/checked_query.h"
#include "compiler/jql/field_catalog.h"

namespace syncrule::jql {

// Checks `query` against `catalog`. Adds every finding to `diagnostics`
// (codes JQL1xx, ranges from `query.ranges`) and returns the checked form.
// The result is meaningful only when no error was added.
CheckedQuery CheckQuery(const Query& query, const FieldCatalog& catalog,
                        DiagnosticList& diagnostics);

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_CHECK_H_
