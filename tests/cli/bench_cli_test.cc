// `syncrule bench`: the JSON the peer harness reads, the text report, and
// usage errors. Per-rule counts are checked against the canonical rule
// semantics by tests/bench/translate_test.py.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

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

// A fresh module cache for one test, so that tests never touch the user's.
std::string FreshCacheDirectory(const std::string& name) {
  std::string dir = ::testing::TempDir() + "/bench_cache_" + name;
  std::filesystem::remove_all(dir);
  setenv("SYNCRULE_CACHE_DIR", dir.c_str(), 1);
  return dir;
}

// The cached modules in `dir`.
std::vector<std::filesystem::path> CachedModules(const std::string& dir) {
  std::vector<std::filesystem::path> found;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/modules", error)) {
    found.push_back(entry.path());
  }
  return found;
}

// Runs `syncrule bench ARGS --json` and returns its report.
nlohmann::json BenchJson(const std::string& args) {
  RunResult run = RunSyncrule("bench " + args + " --json");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  return nlohmann::json::parse(run.out, nullptr, false);
}

// The per-rule match counts of a report.
std::vector<uint64_t> RuleMatches(const nlohmann::json& report) {
  std::vector<uint64_t> counts;
  if (!report.is_object() || !report.contains("rules")) return counts;
  for (const auto& rule : report["rules"]) counts.push_back(rule["matches"].get<uint64_t>());
  return counts;
}

TEST(BenchCliTest, TheSecondRunLoadsTheCachedModuleAndMatchesTheSame) {
  std::string cache = FreshCacheDirectory("hit");
  std::string source = SourcePath("examples/pagerduty-jira-cloud");
  std::string rules = ::testing::TempDir() + "/bench_cache_rules.rule";
  std::filesystem::copy_file(source + "/sync.rule", rules,
                             std::filesystem::copy_options::overwrite_existing);
  std::string args = rules + " --events " + source + "/events.ndjson";
  nlohmann::json first = BenchJson(args);
  nlohmann::json second = BenchJson(args);
  EXPECT_EQ(first["program"], "compiled");
  EXPECT_EQ(second["program"], "cache");
  EXPECT_EQ(RuleMatches(first), RuleMatches(second));
  EXPECT_FALSE(RuleMatches(first).empty());
  EXPECT_EQ(CachedModules(cache).size(), 1u);
  // Any change to the rules is a different module.
  std::ofstream(rules, std::ios::app) << "\n# a comment changes the key\n";
  EXPECT_EQ(BenchJson(args)["program"], "compiled");
  EXPECT_EQ(CachedModules(cache).size(), 2u);
  EXPECT_EQ(BenchJson(args + " --no-cache")["program"], "compiled");
  EXPECT_EQ(CachedModules(cache).size(), 2u);
}

TEST(BenchCliTest, ACorruptCachedModuleIsCompiledAgainAndReplaced) {
  std::string cache = FreshCacheDirectory("corrupt");
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  std::string args = dir + " --events " + dir + "/events.ndjson";
  std::vector<uint64_t> expected = RuleMatches(BenchJson(args));
  std::vector<std::filesystem::path> modules = CachedModules(cache);
  ASSERT_EQ(modules.size(), 1u);
  std::string bytes = ReadFile(modules[0].string());
  ASSERT_GT(bytes.size(), 64u);
  bytes.resize(bytes.size() / 2);  // a module cut short, as by a full disk
  std::ofstream(modules[0], std::ios::trunc | std::ios::binary) << bytes;
  nlohmann::json again = BenchJson(args);
  EXPECT_EQ(again["program"], "compiled");
  EXPECT_EQ(RuleMatches(again), expected);
  nlohmann::json repaired = BenchJson(args);
  EXPECT_EQ(repaired["program"], "cache");
  EXPECT_EQ(RuleMatches(repaired), expected);
}

TEST(BenchCliTest, AModuleFileIsBenchedAsCompiled) {
  FreshCacheDirectory("module");
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  std::string module = ::testing::TempDir() + "/bench_module.srb";
  ASSERT_EQ(RunSyncrule("compile " + dir + " -o " + module).exit_code, 0);
  nlohmann::json from_module = BenchJson(module + " --events " + dir + "/events.ndjson");
  nlohmann::json from_rules = BenchJson(dir + " --events " + dir + "/events.ndjson --no-cache");
  EXPECT_EQ(from_module["program"], "module file");
  EXPECT_EQ(RuleMatches(from_module), RuleMatches(from_rules));
  EXPECT_FALSE(RuleMatches(from_module).empty());
}

// Writes `text` to a temporary file and returns its path.
std::string WriteTemporary(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::trunc | std::ios::binary) << text;
  return path;
}

// A mapped events file and the same bytes read from standard input give
// the same counts, whatever the file's end looks like.
void ExpectMappedEqualsPiped(const std::string& rules, const std::string& name,
                             const std::string& text, uint64_t events) {
  std::string path = WriteTemporary(name, text);
  RunResult mapped = RunSyncrule("bench " + rules + " --json --events " + path);
  RunResult piped = RunSyncrule("bench " + rules + " --json --events -", text);
  ASSERT_EQ(mapped.exit_code, 0) << name;
  ASSERT_EQ(piped.exit_code, 0) << name;
  nlohmann::json a = nlohmann::json::parse(mapped.out, nullptr, false);
  nlohmann::json b = nlohmann::json::parse(piped.out, nullptr, false);
  EXPECT_EQ(a["events"], events) << name;
  EXPECT_EQ(b["events"], events) << name;
  EXPECT_EQ(a["skipped"], 0) << name;
  EXPECT_EQ(RuleMatches(a), RuleMatches(b)) << name;
}

TEST(BenchCliTest, MappedFilesReadEveryLineWhateverTheirEnd) {
  FreshCacheDirectory("mapped");
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  std::string events = ReadFile(dir + "/events.ndjson");
  ASSERT_EQ(events.back(), '\n');
  std::string no_newline = events.substr(0, events.size() - 1);
  ExpectMappedEqualsPiped(dir, "ends_with_newline.ndjson", events, 10);
  ExpectMappedEqualsPiped(dir, "no_final_newline.ndjson", no_newline, 10);
  // The last line ends on the last byte of a page, where nothing but the
  // page's own bytes can be read after it: it is copied, not read in place.
  size_t last_line = no_newline.rfind('\n') + 1;
  std::string head = no_newline.substr(0, last_line);
  std::string tail = no_newline.substr(last_line);
  size_t pages = (head.size() + tail.size()) / 4096 + 2;
  size_t filler = pages * 4096 - head.size() - tail.size() - 1;
  ExpectMappedEqualsPiped(dir, "page_aligned.ndjson",
                          head + std::string(filler, ' ') + "\n" + tail, 10);
  // A line longer than a chunk (8 MB): trailing blanks are valid JSON.
  size_t first_end = events.find('\n');
  std::string long_line = events.substr(0, first_end) + std::string(9u << 20, ' ') +
                          events.substr(first_end);
  ExpectMappedEqualsPiped(dir, "long_line.ndjson", long_line, 10);
}

TEST(BenchCliTest, ThreadsShardByEntityAndCountTheSame) {
  FreshCacheDirectory("threads");
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  std::string events = ReadFile(dir + "/events.ndjson");
  // A PagerDuty V2 delivery of three events, one line, twice: once as
  // shipped (one incident) and once with its second event on another
  // incident, so that one delivery is split between workers.
  nlohmann::json batch = nlohmann::json::parse(
      ReadFile(SourcePath("tests/fixtures/pagerduty/own/v2_batch.json")));
  std::string text = events + batch.dump() + "\n" + "not json\n" + "{\"x\": 1}\n";
  batch["messages"][1]["incident"]["id"] = "PSPLIT2";
  text += batch.dump() + "\n" + events + events;
  std::string path = WriteTemporary("threads.ndjson", text);
  nlohmann::json one = BenchJson(dir + " --events " + path);
  ASSERT_TRUE(one.is_object());
  EXPECT_EQ(one["events"], 36);  // 3 x 10 + 2 x 3
  EXPECT_EQ(one["deliveries"], 34);
  EXPECT_EQ(one["skipped"], 2);
  for (int threads : {2, 3, 5}) {
    nlohmann::json many = BenchJson(dir + " --events " + path + " --threads " +
                                    std::to_string(threads));
    ASSERT_TRUE(many.is_object()) << threads;
    for (const char* key : {"events", "deliveries", "skipped", "bytes", "matches", "effects"}) {
      EXPECT_EQ(many[key], one[key]) << key << " with " << threads << " threads";
    }
    EXPECT_EQ(RuleMatches(many), RuleMatches(one)) << threads;
  }
  EXPECT_EQ(RunSyncrule("bench " + dir + " --events " + path + " --threads 65").exit_code, 2);
}

TEST(BenchCliTest, TheCacheKeepsTheMostRecentlyUsedModules) {
  std::string cache = FreshCacheDirectory("prune");
  std::string dir = SourcePath("examples/pagerduty-jira-cloud");
  std::string args = dir + " --events " + dir + "/events.ndjson";
  ASSERT_EQ(BenchJson(args)["program"], "compiled");
  std::filesystem::path used = CachedModules(cache).at(0);
  // A hit marks the module as used.
  auto old = std::filesystem::file_time_type::clock::now() - std::chrono::hours(48);
  std::filesystem::last_write_time(used, old);
  ASSERT_EQ(BenchJson(args)["program"], "cache");
  EXPECT_GT(std::filesystem::last_write_time(used), old + std::chrono::hours(24));
  // Forty stale modules, older than it: writing one more leaves 32, the
  // used one and the new one among them.
  for (int k = 0; k < 40; ++k) {
    std::filesystem::path stale = cache + "/modules/stale" + std::to_string(k) + ".srb";
    std::ofstream(stale) << "stale";
    std::filesystem::last_write_time(stale, old - std::chrono::minutes(k + 1));
  }
  std::string other = SourcePath("examples/gitlab-jira");
  ASSERT_EQ(BenchJson(other + " --events " + other + "/events.ndjson")["program"], "compiled");
  std::vector<std::filesystem::path> kept = CachedModules(cache);
  EXPECT_EQ(kept.size(), 32u);
  EXPECT_TRUE(std::filesystem::exists(used));
  EXPECT_EQ(BenchJson(other + " --events " + other + "/events.ndjson")["program"], "cache");
}

}  // namespace
}  // namespace syncrule::testing
