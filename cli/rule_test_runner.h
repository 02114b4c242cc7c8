#ifndef SYNCRULE_CLI_RULE_TEST_RUNNER_H_
#define SYNCRULE_CLI_RULE_TEST_RUNNER_H_

// Runs one rule test case: a fresh engine with the case's clock, zone and
// links, the case's events through it, and the effects compared with the
// expected ones.

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/rule_test_file.h"
#include "runtime/coverage.h"
#include "runtime/program.h"

namespace syncrule::cli {

// What running one case gave.
struct CaseResult {
  bool passed = false;
  // True when the case could not run as written (an event no connector
  // decodes, an unknown rule to fire); `diff` then says why.
  bool error = false;
  // The difference between expected and actual effects, or the error.
  std::string diff;
  std::vector<nlohmann::json> actual;
  double seconds = 0;
};

// Runs `test` on `program`, recording into `coverage` when not null.
CaseResult RunTestCase(const TestCase& test, std::shared_ptr<const runtime::Program> program,
                       runtime::CoverageRecorder* coverage);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_RULE_TEST_RUNNER_H_
