// End-to-end tests of `syncrule fmt`: stdout, --check, --diff and --write,
// directories, syntax errors and exit codes, on files in a private
// temporary directory.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/cli/cli_test_util.h"

namespace syncrule::testing {
namespace {

namespace fs = std::filesystem;

const std::string kMessy = "rule \"r\"{on jira.issue.updated  # why\nwhen issue.key!=null}\n";
const std::string kTidy =
    "rule \"r\" {\n  on jira.issue.updated  # why\n  when issue.key != null\n}\n";
const std::string kBroken = "rule \"r\" {\n  when (a\n}\n";

// A fresh directory per test, removed afterwards.
class FmtCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::path(::testing::TempDir()) /
        ("fmt_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
         "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "nested");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }

  fs::path dir_;
};

TEST_F(FmtCliTest, PrintsOneFileFormatted) {
  std::string path = Write("a.rule", kMessy);
  RunResult run = RunSyncrule("fmt " + path);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, kTidy);
  EXPECT_EQ(Read(path), kMessy) << "printing must not touch the file";
}

TEST_F(FmtCliTest, FormatsStandardInput) {
  RunResult run = RunSyncrule("fmt -", kMessy);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, kTidy);
}

TEST_F(FmtCliTest, CheckListsTheFilesItWouldChange) {
  std::string messy = Write("nested/messy.rule", kMessy);
  Write("tidy.rule", kTidy);
  Write("notes.txt", kMessy);  // not a .rule file: ignored in directories
  RunResult run = RunSyncrule("fmt --check " + dir_.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, messy + "\n");
  EXPECT_EQ(Read(messy), kMessy);
  fs::remove(messy);
  EXPECT_EQ(RunSyncrule("fmt --check " + dir_.string()).exit_code, 0);
}

TEST_F(FmtCliTest, DiffPrintsAUnifiedDiff) {
  std::string path = Write("a.rule", kMessy);
  RunResult run = RunSyncrule("fmt --diff " + path);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "--- " + path + "\t(original)\n+++ " + path +
                         "\t(formatted)\n"
                         "@@ -1,2 +1,4 @@\n"
                         "-rule \"r\"{on jira.issue.updated  # why\n"
                         "-when issue.key!=null}\n"
                         "+rule \"r\" {\n"
                         "+  on jira.issue.updated  # why\n"
                         "+  when issue.key != null\n"
                         "+}\n");
  EXPECT_EQ(RunSyncrule("fmt --diff " + Write("b.rule", kTidy)).out, "");
}

TEST_F(FmtCliTest, WriteRewritesInPlaceKeepingPermissions) {
  std::string messy = Write("a.rule", kMessy);
  std::string tidy = Write("nested/b.rule", kTidy);
  ::chmod(messy.c_str(), 0640);
  fs::file_time_type tidy_time = fs::last_write_time(tidy);
  RunResult run = RunSyncrule("fmt --write " + dir_.string());
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(Read(messy), kTidy);
  EXPECT_EQ(fs::last_write_time(tidy), tidy_time) << "unchanged files are not rewritten";
  EXPECT_EQ(fs::status(messy).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  int entries = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir_))
    entries += entry.is_regular_file();
  EXPECT_EQ(entries, 2) << "no temporary file may be left behind";
  EXPECT_EQ(RunSyncrule("fmt --check " + dir_.string()).exit_code, 0);
}

TEST_F(FmtCliTest, WriteThroughASymbolicLinkRewritesItsTarget) {
  std::string target = Write("nested/target.rule", kMessy);
  fs::path link = dir_ / "link.rule";
  fs::create_symlink(target, link);
  EXPECT_EQ(RunSyncrule("fmt --write " + link.string()).exit_code, 0);
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(Read(target), kTidy);
}

TEST_F(FmtCliTest, SyntaxErrorsAreReportedAndTheFileIsLeftAlone) {
  std::string broken = Write("broken.rule", kBroken);
  std::string messy = Write("messy.rule", kMessy);
  RunResult run = RunSyncrule("fmt --write " + dir_.string(), "", /*merge_stderr=*/true);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find(broken + ":3:1: error[SR"), std::string::npos) << run.out;
  EXPECT_EQ(Read(broken), kBroken);
  EXPECT_EQ(Read(messy), kTidy) << "the other files are still formatted";
  RunResult printed = RunSyncrule("fmt " + broken);
  EXPECT_EQ(printed.exit_code, 1);
  EXPECT_EQ(printed.out, "") << "nothing on stdout for a file that does not parse";
}

TEST_F(FmtCliTest, UsageErrors) {
  Write("a.rule", kMessy);
  Write("b.rule", kMessy);
  EXPECT_EQ(RunSyncrule("fmt " + dir_.string()).exit_code, 2) << "two files, no mode";
  EXPECT_EQ(RunSyncrule("fmt --write -", kMessy).exit_code, 2);
  EXPECT_EQ(RunSyncrule("fmt --write --check " + dir_.string()).exit_code, 2);
  EXPECT_EQ(RunSyncrule("fmt " + (dir_ / "missing.rule").string()).exit_code, 2);
  EXPECT_EQ(RunSyncrule("fmt").exit_code, 2);
}

}  // namespace
}  // namespace syncrule::testing
