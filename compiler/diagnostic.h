#ifndef SYNCRULE_COMPILER_DIAGNOSTIC_H_
#define SYNCRULE_COMPILER_DIAGNOSTIC_H_

#include <string>
#include <vector>

#include "compiler/source.h"

namespace syncrule {

// How serious a diagnostic is.
enum class Severity { kError, kWarning, kNote };

// A suggested edit: replace `range` with `replacement`, described by
// `message` ("quote the reserved word").
struct FixIt {
  SourceRange range;
  std::string replacement;
  std::string message;
};

// One finding about the input. Diagnostics are values: stages collect them
// and never throw them across a layer. `code` is stable (JQL001, ...) and is
// documented in docs/jql.md.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;
  SourceRange range;
  std::string message;
  std::vector<std::string> notes;
  std::vector<FixIt> fixes;
};

// Collects diagnostics for one source, up to a cap, so that a hostile input
// cannot produce an unbounded list.
class DiagnosticList {
 public:
  // The most diagnostics one list keeps; later ones are counted but dropped.
  static constexpr size_t kMaxDiagnostics = 64;

  // Adds `diagnostic` unless the cap has been reached.
  void Add(Diagnostic diagnostic);
  // Adds an error with `code`, `range` and `message`, and returns it so that
  // the caller can attach notes or fixes.
  Diagnostic& Error(std::string code, SourceRange range, std::string message);
  // Adds a warning with `code`, `range` and `message`.
  Diagnostic& Warning(std::string code, SourceRange range,
                      std::string message);
  // Returns true when at least one error was added (even past the cap).
  bool has_errors() const { return error_count_ > 0; }
  // Returns the kept diagnostics in the order they were added.
  const std::vector<Diagnostic>& items() const { return items_; }
  // Returns how many diagnostics were dropped at the cap.
  size_t dropped() const { return dropped_; }
  // Moves every diagnostic of `other` into this list.
  void Append(const DiagnosticList& other);

 private:
  Diagnostic& Placeholder();

  std::vector<Diagnostic> items_;
  Diagnostic overflow_;
  size_t dropped_ = 0;
  size_t error_count_ = 0;
};

// Returns "error", "warning" or "note".
const char* SeverityName(Severity severity);

// Formats `diagnostic` for people, the way compilers do:
//   file:line:col: error[JQL003]: message
//    1 | project = select
//      |           ^^^^^^
//      = help: quote the reserved word: "select"
std::string FormatDiagnostic(const Source& source, const Diagnostic& diagnostic);

}  // namespace syncrule

#endif  // SYNCRULE_COMPILER_DIAGNOSTIC_H_
