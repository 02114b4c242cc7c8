// `syncrule bench`: the JSON the peer harness reads, the text report, and
// usage errors. Per-rule counts are checked against the canonical rule
// semantics by tests/bench/translate_test.py.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_test_util.h"

namespace syncrule::testing {
namespace {

TEST(BenchCliTest, JsonHasTheHarnessFieldsAndPerRuleCountsInSourceOrder) {
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  RunResult run = RunSyncrule("bench " + dir + " --events " + dir + "/events.ndjson --json");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  nlohmann::json report = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_TRUE(report.is_object()) << run.out;
  for (const char* key : {"events", "bytes", "seconds", "events_per_s", "matches", "rules",
                          "ns_median", "ns_p99", "peak_rss_mb"}) {
    EXPECT_TRUE(report.contains(key)) << key;
  }
  EXPECT_EQ(report["events"], 10);
  ASSERT_EQ(report["rules"].size(), 5u);
  EXPECT_EQ(report["rules"][0]["name"], "automatic: high-urgency incidents open OPS issues");
  uint64_t sum = 0;
  for (const auto& rule : report["rules"]) sum += rule["matches"].get<uint64_t>();
  EXPECT_EQ(sum, report["matches"].get<uint64_t>());
  // The first rule runs on triggered, acknowledged and resolved incidents
  // (six of the ten events) and matches the five with high urgency: all
  // but Q2's trigger.
  EXPECT_EQ(report["rules"][0]["matches"], 5) << run.out;
}

TEST(BenchCliTest, TextReportsThroughputLatencyAndTheCostliestRules) {
  std::string dir = SourcePath("examples/gitlab-jira");
  RunResult run = RunSyncrule("bench " + dir + " --events " + dir + "/events.ndjson --repeat 3 --threads 2");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("events/s"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ns per delivery: median"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("costliest rules"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("matches per rule, in source order"), std::string::npos) << run.out;
}

TEST(BenchCliTest, BadInputIsAUsageError) {
  std::string dir = SourcePath("examples/gitlab-jira");
  EXPECT_EQ(RunSyncrule("bench " + dir + " --events /no/such/file").exit_code, 2);
  EXPECT_EQ(RunSyncrule("bench " + dir).exit_code, 2);
  EXPECT_EQ(RunSyncrule("bench " + dir + " --events - --threads 0").exit_code, 2);
}

}  // namespace
}  // namespace syncrule::testing
