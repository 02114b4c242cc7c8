#include "cli/jql_front_end.h"

#include "cli/cli_io.h"
#include "compiler/jql/check.h"

namespace syncrule::cli {

AnalyzedQuery AnalyzeQuery(const std::string& text,
                           const jql::FieldCatalog& catalog) {
  AnalyzedQuery result;
  result.parsed = jql::ParseJql(text);
  result.diagnostics.Append(result.parsed.diagnostics);
  if (result.parsed.ok()) {
    result.checked = jql::CheckQuery(result.parsed.query, catalog, result.diagnostics);
  }
  return result;
}

bool LoadCatalog(const std::string& fields_path, jql::FieldCatalog* catalog,
                 std::string* error) {
  if (fields_path.empty()) return true;
  std::string text;
  if (!ReadInput(fields_path, &text, error)) return false;
  std::string detail;
  if (!catalog->AddCustomFields(text, &detail)) {
    *error = fields_path + ": " + detail;
    return false;
  }
  return true;
}

}  // namespace syncrule::cli
