#ifndef SYNCRULE_CLI_JUNIT_H_
#define SYNCRULE_CLI_JUNIT_H_

// JUnit XML reports for CI (`syncrule test --format junit`, and later
// `syncrule lint`): suites of test cases, each passed, failed or in error,
// written with proper XML escaping.

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace syncrule::cli {

// How a JUnit test case ended.
enum class JunitStatus { kPassed, kFailed, kError, kSkipped };

// One test case of a report.
struct JunitCase {
  std::string name;
  // The class name CI tools group by (for rule tests, the test file).
  std::string classname;
  JunitStatus status = JunitStatus::kPassed;
  // For failures and errors: a one-line message and the full details.
  std::string message;
  std::string details;
  double seconds = 0;
};

// A suite: one test file's cases.
struct JunitSuite {
  std::string name;
  std::vector<JunitCase> cases;
};

// Returns `text` escaped for XML text and attribute values: & < > " ' are
// replaced by entities, and characters XML 1.0 forbids (control characters
// other than tab, newline and carriage return, and invalid UTF-8 bytes) by
// U+FFFD.
std::string XmlEscape(std::string_view text);

// Writes `suites` as a JUnit XML document (<testsuites> with counts) to
// `out`, named `name`.
void WriteJunit(std::ostream& out, const std::string& name,
                const std::vector<JunitSuite>& suites);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_JUNIT_H_
