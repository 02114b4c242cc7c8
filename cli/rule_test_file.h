#ifndef SYNCRULE_CLI_RULE_TEST_FILE_H_
#define SYNCRULE_CLI_RULE_TEST_FILE_H_

// Rule test files (`*.ruletest.yaml`, docs/testing.md): the cases they hold
// and the loader that reads them. Loading resolves everything a case names
// (event files, lines of .ndjson files, inline payloads) so that running a
// case needs no more file access. A bad file yields an error value with the
// file, line and column of the problem; loading never throws.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace syncrule::cli {

// A position in a test file, 1-based.
struct TestFileLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

// Returns `where` as "file:line:col" (or "file" when the line is unknown).
std::string FormatLocation(const TestFileLocation& where);

// One delivery a case feeds the engine.
struct TestEvent {
  // The delivery as `syncrule run` reads a line: a payload, or an envelope
  // {"source", "headers", "body"}.
  std::string text;
  // Where it came from, for messages: "events.ndjson#3" or "inline event 2".
  std::string label;
};

// A link that exists before the case runs, with optional remembered fields
// of each side (what `linked(kind).field` reads).
struct TestLink {
  // The two entities: kinds ("pagerduty.incident") and ids.
  std::string kind_a, id_a, kind_b, id_b;
  nlohmann::json fields_a = nlohmann::json::object();
  nlohmann::json fields_b = nlohmann::json::object();
};

// How the actual effects are compared with the expected ones.
enum class ExpectMode {
  kExact,   // exactly these effects, in this order
  kSubset,  // each of these effects, within the actual ones
  kNone,    // no effect at all
};

// Returns the mode's name as written in test files ("exact").
const char* ExpectModeName(ExpectMode mode);

// One named test case.
struct TestCase {
  std::string name;
  // Where the case starts in its file.
  TestFileLocation where;
  // The deliveries, in order, through one engine.
  std::vector<TestEvent> events;
  // The clock (ISO 8601), the time zone, and the current user.
  std::string now;
  std::string zone;
  std::string user;
  // When set, the case fires this (manual) rule on each event instead of
  // running the rules the events trigger.
  std::string fire;
  std::vector<TestLink> links;
  ExpectMode mode = ExpectMode::kExact;
  // Expected effects, in the shape `syncrule run` prints.
  std::vector<nlohmann::json> effects;
};

// A loaded test file.
struct TestFile {
  std::string path;
  // The rule files or directories the cases run against (default: the
  // test file's directory).
  std::vector<std::string> rules;
  std::vector<TestCase> cases;
};

// The outcome of loading a test file: the file, or an error with its
// location.
struct TestFileResult {
  // The file, when it loaded.
  TestFile file;
  // The problem, or "" when the file loaded.
  std::string message;
  // Where the problem is.
  TestFileLocation where;
  // True when the file loaded.
  bool ok() const { return message.empty(); }
  // Returns the error as "file:line:col: message".
  std::string error() const;
};

// Reads and checks the test file at `path`.
TestFileResult LoadTestFile(const std::string& path);

// Returns the test files named by `paths`: files as given, directories
// searched recursively for `*.ruletest.yaml`, sorted. Sets `*error` when a
// path does not exist or no test file was found.
std::vector<std::string> FindTestFiles(const std::vector<std::string>& paths,
                                       std::string* error);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_RULE_TEST_FILE_H_
