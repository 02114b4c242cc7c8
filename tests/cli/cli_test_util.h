#ifndef SYNCRULE_TESTS_CLI_CLI_TEST_UTIL_H_
#define SYNCRULE_TESTS_CLI_CLI_TEST_UTIL_H_

// Runs the real `syncrule` binary for CLI tests.

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <string>
#include <sys/wait.h>

namespace syncrule::testing {

// What a run of the binary produced.
struct RunResult {
  int exit_code = -1;
  std::string out;
};

// Runs `syncrule ARGS` through the shell with standard input from
// `stdin_text`, capturing standard output (and standard error when
// `merge_stderr`).
inline RunResult RunSyncrule(const std::string& args, const std::string& stdin_text = "",
                             bool merge_stderr = false) {
  // ctest runs tests in parallel processes, so each run gets its own file.
  std::string input_path = ::testing::TempDir() + "/syncrule_stdin_XXXXXX";
  int fd = mkstemp(input_path.data());
  FILE* input = fdopen(fd, "w");
  std::fputs(stdin_text.c_str(), input);
  std::fclose(input);
  std::string command = std::string(SYNCRULE_BINARY_DIR) + "/bin/syncrule " + args +
                        " < " + input_path + (merge_stderr ? " 2>&1" : " 2>/dev/null");
  RunResult result;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  int status = pclose(pipe);
  std::remove(input_path.c_str());
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Returns the path of a file in the source tree.
inline std::string SourcePath(const std::string& relative) {
  return std::string(SYNCRULE_SOURCE_DIR) + "/" + relative;
}

// Returns the contents of the file at `path` ("" when unreadable).
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace syncrule::testing

#endif  // SYNCRULE_TESTS_CLI_CLI_TEST_UTIL_H_
