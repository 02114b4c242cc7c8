// `syncrule jql validate`: both JQL stages over a file of queries.

#include <iostream>

#include "cli/jql_commands_internal.h"
#include "cli/jql_front_end.h"

namespace syncrule::cli {
namespace {

// Prints one result line for a query that was read successfully.
bool PrintResult(const ValidateOptions& options, const Source& source,
                 const AnalyzedQuery& analyzed) {
  if (options.format == "text") {
    for (const Diagnostic& d : analyzed.diagnostics.items()) {
      std::cout << FormatDiagnostic(source, d);
    }
    return analyzed.ok();
  }
  nlohmann::json out = {{"valid", analyzed.ok()},
                        {"diagnostics", nlohmann::json::array()}};
  for (const Diagnostic& d : analyzed.diagnostics.items()) {
    out["diagnostics"].push_back(DiagnosticToJson(source, d));
  }
  std::cout << out.dump() << '\n';
  return analyzed.ok();
}

// Reports a line that holds neither a JSON string nor a query object.
void PrintUnreadableLine(const ValidateOptions& options, size_t line_number) {
  std::string message = "line " + std::to_string(line_number) +
                        " is neither a JSON string nor an object with a "
                        "string member \"query\"";
  if (options.format == "text") {
    std::cout << options.input << ":" << line_number << ": error[CLI001]: "
              << message << '\n';
    return;
  }
  nlohmann::json out = {
      {"valid", false},
      {"diagnostics",
       {{{"code", "CLI001"}, {"severity", "error"}, {"line", line_number},
         {"column", 1}, {"message", message}}}}};
  std::cout << out.dump() << '\n';
}

}  // namespace

int RunValidate(const ValidateOptions& options) {
  jql::FieldCatalog catalog;
  std::string text, error;
  if (!LoadCatalog(options.fields_path, &catalog, &error) ||
      !ReadInput(options.input, &text, &error)) {
    std::cerr << "syncrule jql validate: " << error << '\n';
    return kExitUsage;
  }
  bool all_valid = true;
  std::vector<std::string> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find_first_not_of(" \t") == std::string::npos) continue;
    std::optional<std::string> query = QueryFromJsonLine(lines[i]);
    if (!query.has_value()) {
      PrintUnreadableLine(options, i + 1);
      all_valid = false;
      continue;
    }
    std::string name = (options.input == "-" ? "<stdin>" : options.input) +
                       "#" + std::to_string(i + 1);
    Source source(name, *query);
    all_valid &= PrintResult(options, source, AnalyzeQuery(*query, catalog));
  }
  return all_valid ? kExitOk : kExitFindings;
}

}  // namespace syncrule::cli
