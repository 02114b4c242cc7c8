#ifndef SYNCRULE_CLI_JQL_FRONT_END_H_
#define SYNCRULE_CLI_JQL_FRONT_END_H_

// Runs the two JQL stages, syntax then semantics, for the `jql` commands.

#include <string>

#include "compiler/diagnostic.h"
#include "compiler/jql/checked_query.h"
#include "compiler/jql/field_catalog.h"
#include "compiler/parse/jql_parser.h"

namespace syncrule::cli {

// A query after both stages: the syntax tree, the checked form (meaningful
// only when ok()), and every diagnostic of both stages.
struct AnalyzedQuery {
  jql::ParseResult parsed;
  jql::CheckedQuery checked;
  DiagnosticList diagnostics;

  // Returns true when neither stage reported an error.
  bool ok() const { return !diagnostics.has_errors(); }
};

// Parses `text` and, when it parses, checks it against `catalog`.
AnalyzedQuery AnalyzeQuery(const std::string& text,
                           const jql::FieldCatalog& catalog);

// Loads a field catalog: the system fields plus, when `fields_path` is not
// empty, the custom fields in that file. Returns false and sets `*error`
// when the file cannot be read or has the wrong shape.
bool LoadCatalog(const std::string& fields_path, jql::FieldCatalog* catalog,
                 std::string* error);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_JQL_FRONT_END_H_
