// `syncrule bench PATH... --events FILE`: compile once, then decode and
// match every event of the file, counting matches instead of printing
// effects (docs/bench.md).

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <numeric>
#include <sstream>

#include "cli/cli_io.h"
#include "cli/commands.h"
#include "cli/module_cache.h"
#include "cli/rule_bench.h"
#include "cli/rule_build.h"
#include "stdlib/jql_time.h"

namespace syncrule::cli {
namespace {

struct BenchCommandOptions {
  std::vector<std::string> paths;
  std::string events;
  std::string now;
  std::string fields_path;
  bool json = false;
  bool no_index = false;
  bool no_cache = false;
  int threads = 1;
  int repeat = 1;
};

// How the program was obtained, as the output names it.
const char* SourceName(ModuleSource source) {
  switch (source) {
    case ModuleSource::kCompiled: return "compiled";
    case ModuleSource::kCache: return "cache";
    case ModuleSource::kModuleFile: return "module file";
  }
  return "compiled";
}

// The summary first and the per-rule list last, so that `head` shows the
// figures.

nlohmann::ordered_json ToJson(const runtime::Program& program, const BenchResult& r,
                              const BenchCommandOptions& options, ModuleSource source) {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (size_t i = 0; i < r.rule_matches.size(); ++i) {
    rules.push_back({{"name", program.rule(i).name}, {"matches", r.rule_matches[i]},
                     {"ns", r.rule_ns[i]}});
  }
  double seconds = std::max(r.seconds, 1e-9);
  return {{"events", r.events},       {"deliveries", r.deliveries},
          {"skipped", r.skipped},     {"bytes", r.bytes},
          {"seconds", r.seconds},     {"events_per_s", r.events / seconds},
          {"compile_seconds", r.compile_seconds},
          {"program", SourceName(source)},
          {"mb_per_s", r.bytes / seconds / 1e6},
          {"ns_median", r.ns_median}, {"ns_p99", r.ns_p99},
          {"matches", r.matches},     {"effects", r.effects},
          {"rules_run_per_event", r.events > 0 ? double(r.evaluations) / r.events : 0.0},
          {"peak_rss_mb", r.peak_rss_kb / 1024.0},
          {"threads", options.threads}, {"repeat", options.repeat},
          {"index", !options.no_index}, {"rules", rules}};
}

void PrintText(const runtime::Program& program, const BenchResult& r, ModuleSource source) {
  double seconds = std::max(r.seconds, 1e-9);
  std::cout << fmt::format(
      "syncrule bench: {} events from {} deliveries ({} skipped), {:.1f} MB, {} rules, {:.3f} s "
      "(obtaining the program ({}) took {:.3f} s more)\n"
      "  {:.0f} events/s, {:.1f} MB/s\n"
      "  ns per delivery: median {:.0f}, p99 {:.0f}\n"
      "  matches {} (effects {}), rules run per event {:.1f}, peak RSS {:.1f} MB\n",
      r.events, r.deliveries, r.skipped, r.bytes / 1e6, program.rule_count(), r.seconds,
      SourceName(source), r.compile_seconds,
      r.events / seconds, r.bytes / seconds / 1e6, r.ns_median, r.ns_p99, r.matches, r.effects,
      r.events > 0 ? double(r.evaluations) / r.events : 0.0, r.peak_rss_kb / 1024.0);
  const runtime::IndexStats& index = program.index().stats();
  std::cout << fmt::format(
      "  rule index: {} of {} rule entries (rules x their event types) have indexed tests; "
      "{} tests; {} text prefilters over {} literals\n",
      index.indexed_rules, index.rules, index.tests, index.prefilters, index.literals);
  std::vector<size_t> order(r.rule_ns.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return r.rule_ns[a] > r.rule_ns[b]; });
  std::cout << "  costliest rules (mean ns per evaluation, sampled):\n";
  for (size_t k = 0; k < std::min<size_t>(5, order.size()); ++k) {
    std::cout << fmt::format("    {:>10.0f} ns  {}\n", r.rule_ns[order[k]], program.rule(order[k]).name);
  }
  std::cout << "  matches per rule, in source order:\n";
  for (size_t i = 0; i < r.rule_matches.size(); ++i) {
    std::cout << fmt::format("    {:>10}  {}\n", r.rule_matches[i], program.rule(i).name);
  }
}

int RunBenchCommand(const BenchCommandOptions& options) {
  BenchOptions bench;
  bench.threads = options.threads;
  bench.repeat = options.repeat;
  bench.use_index = !options.no_index;
  if (!options.now.empty()) {
    auto now = stdlib::ParseIsoInstant(options.now);
    if (!now) {
      std::cerr << "--now '" << options.now << "' is not an ISO 8601 instant\n";
      return kExitUsage;
    }
    bench.now_ms = *now;
  }
  auto compile_start = std::chrono::steady_clock::now();
  BuildOptions build;
  build.fields_path = options.fields_path;
  BuiltProgram built;
  std::ostringstream diagnostics;
  std::string error;
  ModuleCacheOptions cache;
  cache.enabled = !options.no_cache;
  ModuleSource source = ModuleSource::kCompiled;
  if (!BuildRulesCached(options.paths, build, cache, diagnostics, &built, &source, &error)) {
    std::cerr << diagnostics.str();
    if (!error.empty()) std::cerr << "syncrule bench: " << error << '\n';
    return built.error_count > 0 ? kExitFindings : kExitUsage;
  }
  double compile_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - compile_start).count();
  BenchResult result = RunBench(built.program, options.events, bench, &error);
  result.compile_seconds = compile_seconds;
  if (!error.empty()) {
    std::cerr << "syncrule bench: " << error << '\n';
    return kExitUsage;
  }
  if (options.json) {
    std::cout << ToJson(*built.program, result, options, source).dump() << '\n';
  } else {
    PrintText(*built.program, result, source);
  }
  return kExitOk;
}

}  // namespace

void RegisterBenchCommands(CLI::App& app) {
  auto options = std::make_shared<BenchCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "bench",
      "Compile once, then decode and match every event of a file: events/s, MB/s, latency, "
      "matches per rule, the costliest rules, peak memory.");
  sub->add_option("paths", options->paths,
                  "Rule files or directories, or one compiled module (.srb)")
      ->required();
  sub->add_option("--events", options->events, "NDJSON webhook payloads, one a line (- for stdin)")
      ->required();
  sub->add_flag("--json", options->json, "Print one JSON object");
  sub->add_option("--threads", options->threads,
                  "Worker threads (default 1, at most 64); each entity's events are matched by "
                  "one thread, in order")
      ->check(CLI::Range(1, 64));
  sub->add_option("--repeat", options->repeat, "Passes over the file (default 1)")
      ->check(CLI::Range(1, 1000));
  sub->add_flag("--no-index", options->no_index,
                "Run every triggered rule on every event instead of the rule index's candidates "
                "(the same matches, for comparison)");
  sub->add_flag("--no-cache", options->no_cache,
                "Compile the rules even when the module cache holds them (docs/bench.md)");
  sub->add_option("--fields", options->fields_path,
                  "Jira field catalog (GET /rest/api/2/field) for custom fields in JQL");
  sub->add_option("--now", options->now, "The clock for date conditions, e.g. 2026-01-31T12:00:00Z");
  sub->callback([options] { SetExitCode(RunBenchCommand(*options)); });
}

}  // namespace syncrule::cli
