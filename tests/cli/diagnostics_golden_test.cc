// Golden tests of diagnostics: `syncrule check` on each golden input and on
// each file of the `# expect` corpus, compared byte for byte with the
// reviewed output in tests/golden/diagnostics/. The text form is what users
// read (code, position, message, the source line with a caret, notes and
// fixes), so any change to it shows up here as a diff to review.
// SYNCRULE_REGENERATE_GOLDENS=1 rewrites the expected files.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/cli/cli_test_util.h"

namespace syncrule::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Returns `syncrule check` output for `input`, with paths relative to the
// source tree so that the goldens do not depend on where it is checked out.
std::string CheckOutput(const fs::path& input) {
  RunResult run = RunSyncrule("check " + input.string(), "", true);
  std::string out = run.out;
  std::string prefix = SourcePath("");
  for (size_t at = out.find(prefix); at != std::string::npos; at = out.find(prefix, at)) {
    out.erase(at, prefix.size());
  }
  return out + "exit " + std::to_string(run.exit_code) + "\n";
}

// Compares the output for every .rule file in `inputs` with
// `goldens`/<name>.txt.
void CompareFolder(const fs::path& inputs, const fs::path& goldens) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(inputs)) {
    if (entry.path().extension() == ".rule") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty()) << inputs;
  bool regenerate = std::getenv("SYNCRULE_REGENERATE_GOLDENS") != nullptr;
  for (const fs::path& file : files) {
    fs::path golden = goldens / (file.stem().string() + ".txt");
    std::string actual = CheckOutput(file);
    if (regenerate) {
      fs::create_directories(goldens);
      std::ofstream(golden, std::ios::binary) << actual;
      continue;
    }
    ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with "
                                    << "SYNCRULE_REGENERATE_GOLDENS=1 and review it";
    EXPECT_EQ(actual, ReadText(golden)) << "for " << file;
  }
}

TEST(DiagnosticGoldenTest, GoldenInputs) {
  fs::path dir = SourcePath("tests/golden/diagnostics");
  CompareFolder(dir, dir);
}

TEST(DiagnosticGoldenTest, ExpectCorpus) {
  CompareFolder(SourcePath("tests/lang/check"), SourcePath("tests/golden/diagnostics/lang"));
}

}  // namespace
}  // namespace syncrule::testing
