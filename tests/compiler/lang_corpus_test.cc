// The rule-language corpus, in the style of wren's test/language: every
// tests/lang/check/*.rule file is parsed and checked against the real
// connector schemas, and every tests/lang/lint/*.rule file is also linted
// (with suppression comments applied); the diagnostics each reports must be
// exactly the ones its comments expect:
//
//   when incident.titel == "x"   # expect error: SR105
//   when status["snoozed"] == "x"   # expect warning: SR154
//   rule "twice" {   # expect error: SR103, warning: SR182
//
// Each expectation names the 1-based line the diagnostic's range starts on
// (the line of the comment) and its code; several codes may be listed,
// separated by commas. A file without expectations must check cleanly.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "compiler/lint/lint.h"
#include "tests/compiler/rule_check_helpers.h"

namespace syncrule {
namespace {

namespace fs = std::filesystem;

// The corpus must not shrink unnoticed.
constexpr size_t kMinimumCorpusFiles = 15;

// One expected or reported diagnostic: line, severity and code.
using Finding = std::tuple<int, std::string, std::string>;

// The lint corpus must not shrink unnoticed either.
constexpr size_t kMinimumLintCorpusFiles = 6;

fs::path CorpusDir(const std::string& folder = "check") {
  return fs::path(SYNCRULE_SOURCE_DIR) / "tests" / "lang" / folder;
}

std::vector<std::string> CorpusFiles(const std::string& folder = "check") {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(CorpusDir(folder), error)) {
    if (entry.path().extension() == ".rule") {
      files.push_back(entry.path().filename().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Returns the expectations written in `text`'s comments.
std::vector<Finding> Expectations(const std::string& text) {
  // "# expect error: SR103, SR105, warning: SR182": each severity is
  // followed by its codes.
  static const std::regex kGroup(
      R"((error|warning):\s*([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*))");
  std::vector<Finding> out;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const size_t at = line.find("# expect ");
    if (at == std::string::npos) continue;
    const std::string tail = line.substr(at);
    for (std::sregex_iterator it(tail.begin(), tail.end(), kGroup), end;
         it != end; ++it) {
      std::istringstream codes((*it)[2].str());
      std::string code;
      while (std::getline(codes, code, ',')) {
        code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
        out.emplace_back(number, (*it)[1].str(), code);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Finding> Reported(const testing_rules::CheckRun& run) {
  std::vector<Finding> out;
  for (const Diagnostic& d : run.diagnostics[0].items()) {
    const int line = run.files[0].source->PositionOf(d.range.begin).line;
    out.emplace_back(line, SeverityName(d.severity), d.code);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Lints `run` (when it checked cleanly) and returns what is reported after
// suppressions.
std::vector<Finding> LintReported(testing_rules::CheckRun& run) {
  if (run.parsed && !run.diagnostics[0].has_errors()) {
    lint::LintProgram(run.files, run.program, lint::LintOptions{}, run.diagnostics);
  }
  std::vector<Finding> out;
  for (const Diagnostic& d : lint::Unsuppressed(run.files[0], run.diagnostics[0])) {
    const int line = run.files[0].source->PositionOf(d.range.begin).line;
    out.emplace_back(line, SeverityName(d.severity), d.code);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& [line, severity, code] : findings) {
    out += "  line " + std::to_string(line) + ": " + severity + " " + code + "\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

class LangCorpusTest : public testing::TestWithParam<std::string> {};

TEST_P(LangCorpusTest, ReportsExactlyTheExpectedDiagnostics) {
  const std::string name = GetParam();
  const std::string text = ReadFile(CorpusDir() / name);
  ASSERT_FALSE(text.empty()) << name;
  testing_rules::CheckRun run = testing_rules::CheckFiles({{name, text}});
  const std::vector<Finding> expected = Expectations(text);
  const std::vector<Finding> reported = Reported(run);
  EXPECT_EQ(reported, expected)
      << name << "\nexpected:\n" << Describe(expected) << "reported:\n"
      << Describe(reported) << "diagnostics:\n" << testing_rules::Printed(run);
  EXPECT_EQ(run.diagnostics[0].dropped(), 0u) << name << " hit the cap";
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, LangCorpusTest, testing::ValuesIn(CorpusFiles()),
    [](const testing::TestParamInfo<std::string>& info) {
      std::string id = fs::path(info.param).stem().string();
      for (char& c : id) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return id;
    });

class LintCorpusTest : public testing::TestWithParam<std::string> {};

TEST_P(LintCorpusTest, ReportsExactlyTheExpectedFindings) {
  const std::string name = GetParam();
  const std::string text = ReadFile(CorpusDir("lint") / name);
  ASSERT_FALSE(text.empty()) << name;
  testing_rules::CheckRun run = testing_rules::CheckFiles({{name, text}});
  const std::vector<Finding> expected = Expectations(text);
  const std::vector<Finding> reported = LintReported(run);
  EXPECT_EQ(reported, expected)
      << name << "\nexpected:\n" << Describe(expected) << "reported:\n"
      << Describe(reported) << "diagnostics:\n" << testing_rules::Printed(run);
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, LintCorpusTest, testing::ValuesIn(CorpusFiles("lint")),
    [](const testing::TestParamInfo<std::string>& info) {
      std::string id = fs::path(info.param).stem().string();
      for (char& c : id) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return id;
    });

TEST(LintCorpusTest, CorpusIsThere) {
  EXPECT_GE(CorpusFiles("lint").size(), kMinimumLintCorpusFiles) << CorpusDir("lint");
}

TEST(LangCorpusTest, CorpusIsThere) {
  EXPECT_GE(CorpusFiles().size(), kMinimumCorpusFiles) << CorpusDir();
}

// The checker never throws and never crashes: check every corpus file with
// each line in turn removed (the variants that still parse).
TEST(LangCorpusTest, CheckerSurvivesEveryLineRemoved) {
  size_t checked = 0;
  for (const std::string& name : CorpusFiles()) {
    const std::string text = ReadFile(CorpusDir() / name);
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    for (size_t skip = 0; skip < lines.size(); ++skip) {
      std::string variant;
      for (size_t i = 0; i < lines.size(); ++i) {
        if (i != skip) variant += lines[i] + "\n";
      }
      testing_rules::CheckRun run = testing_rules::CheckFiles({{name, variant}});
      checked += run.parsed ? 1 : 0;
    }
  }
  EXPECT_GT(checked, 100u);
}

TEST(LangCorpusTest, ExpectationsAreRead) {
  const std::vector<Finding> found = Expectations(
      "a\nb # expect error: SR105\nc # expect warning: SR153, SR154\n"
      "d # expect error: SR103, warning: SR182\n");
  const std::vector<Finding> want = {{2, "error", "SR105"},
                                     {3, "warning", "SR153"},
                                     {3, "warning", "SR154"},
                                     {4, "error", "SR103"},
                                     {4, "warning", "SR182"}};
  EXPECT_EQ(found, want);
}

}  // namespace
}  // namespace syncrule
