#ifndef SYNCRULE_CLI_LINT_REPORT_H_
#define SYNCRULE_CLI_LINT_REPORT_H_

// The output formats of `syncrule lint`: compiler-style text, JSON, SARIF
// 2.1.0 (GitHub code scanning), GitHub workflow annotations and JUnit XML.

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "compiler/diagnostic.h"
#include "compiler/source.h"

namespace syncrule::cli {

// One finding and the file it is in.
struct LintFinding {
  std::shared_ptr<const Source> source;
  Diagnostic diagnostic;
};

// Everything a report shows.
struct LintReport {
  // The files linted, in order (files without findings too).
  std::vector<std::shared_ptr<const Source>> files;
  std::vector<LintFinding> findings;
  // Findings at or above this severity fail the run (JUnit marks them).
  Severity fail_on = Severity::kError;
};

// Writes `report` in `format` ("text", "json", "sarif", "github" or
// "junit") to `out`.
void WriteLintReport(const LintReport& report, const std::string& format, std::ostream& out);

// Returns a one-sentence summary of what finding `code` means, for SARIF
// rule descriptions; a generic sentence for codes without one.
std::string CodeSummary(const std::string& code);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_LINT_REPORT_H_
