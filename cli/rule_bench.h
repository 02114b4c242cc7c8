#ifndef SYNCRULE_CLI_RULE_BENCH_H_
#define SYNCRULE_CLI_RULE_BENCH_H_

// `syncrule bench`: throughput of decode + match over an events file, with
// per-rule match counts in source order (the figures the peer benchmark in
// bench/peers cross-checks), latency percentiles and the costliest rules.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/program.h"

namespace syncrule::cli {

// What one bench run measured.
struct BenchResult {
  uint64_t events = 0;      // events decoded and matched (all repeats)
  uint64_t deliveries = 0;  // input lines read (all repeats)
  uint64_t skipped = 0;     // lines that did not decode
  uint64_t bytes = 0;       // input bytes (all repeats)
  uint64_t matches = 0;     // rules that matched, summed over events
  uint64_t effects = 0;     // effect records produced
  uint64_t evaluations = 0; // rules run (the index's candidates, or all)
  double seconds = 0;       // wall time of the loop, less the per-rule timing
  double sampling_seconds = 0;  // CPU time spent timing rules one by one
  double compile_seconds = 0;   // compiling, verifying, linking and indexing
  double ns_median = 0;     // per delivery
  double ns_p99 = 0;
  int64_t peak_rss_kb = 0;
  // Per rule, in source order: matches, and the mean ns per evaluation on
  // the sampled events (0 when never sampled).
  std::vector<uint64_t> rule_matches;
  std::vector<double> rule_ns;
};

// How to run.
struct BenchOptions {
  int threads = 1;
  int repeat = 1;
  // Rules are timed one by one on every `sample_every`-th delivery; 0
  // picks max(64, rules / 2).
  int sample_every = 0;
  int64_t now_ms = 0;
  // False runs every triggered rule instead of the index's candidates.
  bool use_index = true;
};

// Runs `program` over the NDJSON file at `path` ("-" for standard input,
// read once whatever `repeat` says), one webhook payload per line, read in
// chunks so that memory stays constant. On a read error, sets `*error`.
BenchResult RunBench(std::shared_ptr<const runtime::Program> program, const std::string& path,
                     const BenchOptions& options, std::string* error);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_RULE_BENCH_H_
