// `syncrule jql fmt`: canonical JQL.

#include <iostream>

#include "cli/jql_commands_internal.h"
#include "compiler/jql/formatter.h"
#include "compiler/parse/jql_parser.h"

namespace syncrule::cli {
namespace {

// Formats one query; prints diagnostics to stderr when it does not parse.
bool FormatOne(const std::string& name, const std::string& query) {
  jql::ParseResult parsed = jql::ParseJql(query);
  if (!parsed.ok()) {
    Source source(name, query);
    for (const Diagnostic& d : parsed.diagnostics.items()) {
      std::cerr << FormatDiagnostic(source, d);
    }
    return false;
  }
  std::cout << jql::FormatQuery(parsed.query) << '\n';
  return true;
}

}  // namespace

int RunFmt(const FmtOptions& options) {
  if (!options.query.empty() || options.input.empty()) {
    if (options.query.empty()) {
      std::cerr << "syncrule jql fmt: give a query, or --file FILE (- for stdin)\n";
      return kExitUsage;
    }
    return FormatOne("<query>", options.query) ? kExitOk : kExitFindings;
  }
  std::string text, error;
  if (!ReadInput(options.input, &text, &error)) {
    std::cerr << "syncrule jql fmt: " << error << '\n';
    return kExitUsage;
  }
  bool ok = true;
  std::vector<std::string> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    // A line may be a JSON-encoded query, as `jql validate` reads them.
    std::optional<std::string> query = QueryFromJsonLine(lines[i]);
    ok &= FormatOne(options.input + "#" + std::to_string(i + 1),
                    query.value_or(lines[i]));
  }
  return ok ? kExitOk : kExitFindings;
}

}  // namespace syncrule::cli
