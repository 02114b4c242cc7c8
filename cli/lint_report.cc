#include "cli/lint_report.h"

#include <fmt/format.h>

#include <map>
#include <ostream>

#include "cli/cli_io.h"
#include "cli/junit.h"

namespace syncrule::cli {

// Writes SARIF 2.1.0; in lint_sarif.cc.
void WriteSarif(const LintReport& report, std::ostream& out);

namespace {

bool AtOrAbove(Severity severity, Severity threshold) {
  return static_cast<int>(severity) <= static_cast<int>(threshold);
}

void WriteText(const LintReport& report, std::ostream& out) {
  int counts[3] = {0, 0, 0};
  for (const LintFinding& f : report.findings) {
    out << FormatDiagnostic(*f.source, f.diagnostic);
    ++counts[static_cast<int>(f.diagnostic.severity)];
  }
  out << fmt::format("{} file(s): {} error(s), {} warning(s), {} note(s)\n", report.files.size(),
                     counts[0], counts[1], counts[2]);
}

void WriteJson(const LintReport& report, std::ostream& out) {
  nlohmann::json findings = nlohmann::json::array();
  for (const LintFinding& f : report.findings) {
    nlohmann::json item = DiagnosticToJson(*f.source, f.diagnostic);
    item["file"] = f.source->name();
    findings.push_back(std::move(item));
  }
  nlohmann::json document = {{"files", report.files.size()}, {"findings", findings}};
  out << document.dump(2) << '\n';
}

// Escapes workflow-command data (GitHub's rules: % CR LF, and in
// properties also : and ,).
std::string GithubEscape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

void WriteGithub(const LintReport& report, std::ostream& out) {
  for (const LintFinding& f : report.findings) {
    const Diagnostic& d = f.diagnostic;
    SourcePosition begin = f.source->PositionOf(d.range.begin);
    SourcePosition end = f.source->PositionOf(d.range.end);
    const char* command = d.severity == Severity::kError     ? "error"
                          : d.severity == Severity::kWarning ? "warning"
                                                             : "notice";
    std::string message = d.message;
    for (const std::string& note : d.notes) message += "\n" + note;
    out << fmt::format("::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                       command, GithubEscape(f.source->name(), true), begin.line, begin.column,
                       end.line, end.column, GithubEscape(d.code, true),
                       GithubEscape(message, false));
  }
}

void WriteJunitReport(const LintReport& report, std::ostream& out) {
  std::map<const Source*, std::vector<const LintFinding*>> by_file;
  for (const LintFinding& f : report.findings) by_file[f.source.get()].push_back(&f);
  JunitSuite suite{"syncrule lint", {}};
  for (const auto& file : report.files) {
    JunitCase c{file->name(), "syncrule.lint", JunitStatus::kPassed, "", "", 0};
    int failing = 0;
    for (const LintFinding* f : by_file[file.get()]) {
      c.details += FormatDiagnostic(*f->source, f->diagnostic);
      if (AtOrAbove(f->diagnostic.severity, report.fail_on)) ++failing;
    }
    if (failing > 0) {
      c.status = JunitStatus::kFailed;
      c.message = fmt::format("{} finding(s) at or above the failing severity", failing);
    }
    suite.cases.push_back(std::move(c));
  }
  WriteJunit(out, "syncrule lint", {suite});
}

}  // namespace

void WriteLintReport(const LintReport& report, const std::string& format, std::ostream& out) {
  if (format == "json") return WriteJson(report, out);
  if (format == "sarif") return WriteSarif(report, out);
  if (format == "github") return WriteGithub(report, out);
  if (format == "junit") return WriteJunitReport(report, out);
  WriteText(report, out);
}

}  // namespace syncrule::cli
