// `syncrule test`: runs rule test files, prints pass/fail with diffs (or
// JUnit XML), and with --coverage what the tests exercised.

#include <iostream>
#include <map>
#include <sstream>

#include "cli/cli_io.h"
#include "cli/junit.h"
#include "cli/rule_build.h"
#include "cli/rule_commands_internal.h"
#include "cli/rule_coverage.h"
#include "cli/rule_test_file.h"
#include "cli/rule_test_runner.h"

namespace syncrule::cli {
namespace {

// The test files that run against one set of rule files, with the program
// built from them and what the tests covered.
struct TestGroup {
  std::vector<std::string> rule_paths;
  std::vector<const TestFile*> files;
  BuiltProgram built;
  std::unique_ptr<runtime::CoverageRecorder> coverage;
};

// Loads every test file; prints the problems and returns false on any.
bool LoadAll(const std::vector<std::string>& paths, std::vector<TestFile>* files) {
  bool ok = true;
  for (const std::string& path : paths) {
    TestFileResult loaded = LoadTestFile(path);
    if (!loaded.ok()) {
      std::cerr << loaded.error() << '\n';
      ok = false;
      continue;
    }
    files->push_back(std::move(loaded.file));
  }
  return ok;
}

// Groups test files by the rule files they run against (found from their
// `rules` paths), so each program is built once and covered once.
bool Group(const std::vector<TestFile>& files, std::map<std::string, TestGroup>* groups) {
  for (const TestFile& file : files) {
    std::string error;
    std::vector<std::string> rule_files = FindRuleFiles(file.rules, &error);
    if (rule_files.empty()) {
      std::cerr << file.path << ": " << error << '\n';
      return false;
    }
    std::string key;
    for (const std::string& rule_file : rule_files) key += rule_file + "\n";
    TestGroup& group = (*groups)[key];
    group.rule_paths = rule_files;
    group.files.push_back(&file);
  }
  return true;
}

// Builds the group's program; prints diagnostics and returns false when it
// does not compile.
bool BuildGroup(const RuleCommandOptions& options, TestGroup* group) {
  BuildOptions build;
  build.fields_path = options.fields_path;
  std::string error;
  std::ostringstream diagnostics;
  bool ok = BuildRules(group->rule_paths, build, diagnostics, &group->built, &error);
  if (!ok || group->built.warning_count > 0) std::cerr << diagnostics.str();
  if (!error.empty()) std::cerr << "syncrule test: " << error << '\n';
  if (ok && (options.coverage || options.threshold >= 0)) {
    group->coverage = std::make_unique<runtime::CoverageRecorder>(*group->built.program);
  }
  return ok;
}

// Returns the JUnit case of one result.
JunitCase ToJunit(const TestFile& file, const TestCase& test, const CaseResult& result) {
  JunitCase out;
  out.name = test.name;
  out.classname = file.path;
  out.seconds = result.seconds;
  if (!result.passed) {
    out.status = result.error ? JunitStatus::kError : JunitStatus::kFailed;
    out.message = result.error ? "the test could not run" : "the effects differ";
    out.details = FormatLocation(test.where) + "\n" + result.diff;
  }
  return out;
}

// Prints one result as text.
void PrintResult(const TestCase& test, const CaseResult& result) {
  if (result.passed) {
    std::cout << "PASS  " << test.name << '\n';
    return;
  }
  std::cout << (result.error ? "ERROR " : "FAIL  ") << test.name << "  ("
            << FormatLocation(test.where) << ", " << ExpectModeName(test.mode) << ")\n"
            << result.diff;
}

// Runs the cases of one group; returns how many failed.
int RunGroup(const RuleCommandOptions& options, TestGroup& group,
             std::vector<JunitSuite>* suites) {
  int failed = 0;
  for (const TestFile* file : group.files) {
    JunitSuite suite{file->path, {}};
    if (options.format == "text") std::cout << file->path << '\n';
    for (const TestCase& test : file->cases) {
      CaseResult result = RunTestCase(test, group.built.program, group.coverage.get());
      failed += result.passed ? 0 : 1;
      if (options.format == "text") PrintResult(test, result);
      suite.cases.push_back(ToJunit(*file, test, result));
    }
    suites->push_back(std::move(suite));
  }
  return failed;
}

// Reports the group's coverage; returns false when it is below the
// threshold.
bool ReportCoverage(const RuleCommandOptions& options, const TestGroup& group) {
  CoverageReport report =
      ComputeCoverage(*group.built.program, group.built.clauses, *group.coverage);
  std::string title;
  for (const std::string& path : group.rule_paths) title += (title.empty() ? "" : ", ") + path;
  std::ostream& out = options.format == "text" ? std::cout : std::cerr;
  PrintCoverage(out, title, report);
  if (options.threshold < 0) return true;
  bool ok = report.rules.Percent() >= options.threshold &&
            report.clauses.Percent() >= options.threshold;
  if (!ok) {
    out << "  coverage is below the threshold of " << options.threshold
        << "% (rules and clauses must each reach it)\n";
  }
  return ok;
}

// Marks every case of a group whose rules do not build as an error.
int FailGroup(const TestGroup& group, std::vector<JunitSuite>* suites) {
  int failed = 0;
  for (const TestFile* file : group.files) {
    JunitSuite suite{file->path, {}};
    for (const TestCase& test : file->cases) {
      CaseResult result;
      result.error = true;
      result.diff = "  the rules do not compile\n";
      suite.cases.push_back(ToJunit(*file, test, result));
      ++failed;
    }
    suites->push_back(std::move(suite));
  }
  return failed;
}

}  // namespace

int RunTest(const RuleCommandOptions& options) {
  std::string error;
  std::vector<std::string> paths = FindTestFiles(options.paths, &error);
  if (paths.empty()) {
    std::cerr << "syncrule test: " << error << '\n';
    return kExitUsage;
  }
  std::vector<TestFile> files;
  std::map<std::string, TestGroup> groups;
  if (!LoadAll(paths, &files) || !Group(files, &groups)) return kExitUsage;
  int failed = 0, total = 0;
  bool coverage_ok = true;
  std::vector<JunitSuite> suites;
  for (auto& [key, group] : groups) {
    for (const TestFile* file : group.files) total += static_cast<int>(file->cases.size());
    if (!BuildGroup(options, &group)) {
      failed += FailGroup(group, &suites);
      coverage_ok = false;
      continue;
    }
    failed += RunGroup(options, group, &suites);
    if (group.coverage) coverage_ok = ReportCoverage(options, group) && coverage_ok;
  }
  if (options.format == "junit") WriteJunit(std::cout, "syncrule test", suites);
  std::ostream& out = options.format == "text" ? std::cout : std::cerr;
  out << total << " tests, " << total - failed << " passed, " << failed << " failed\n";
  return failed == 0 && coverage_ok ? kExitOk : kExitFindings;
}

}  // namespace syncrule::cli
