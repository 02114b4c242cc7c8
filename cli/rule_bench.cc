#include "cli/rule_bench.h"

#include <simdjson.h>
#include <sys/resource.h>

#include <cstring>

#include <algorithm>
#include <bit>
#include <chrono>
#include <string_view>
#include <thread>

#include "cli/event_reader.h"
#include "runtime/connectors/registry.h"
#include "runtime/eval_state.h"
#include "runtime/vm.h"

namespace syncrule::cli {
namespace {

using Clock = std::chrono::steady_clock;

// The non-blank lines of `text`.
void SplitLines(std::string_view text, std::vector<std::string_view>* lines) {
  lines->clear();
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line(text.data() + at, end - at);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) lines->push_back(line);
    at = end + 1;
  }
}

// One thread's share of the work and its counts.
class BenchWorker {
 public:
  BenchWorker(const runtime::Program& program, const BenchOptions& options)
      : program_(program), options_(options), state_(program),
        matches_(program.rule_count()), rule_ns_(program.rule_count()),
        rule_samples_(program.rule_count()) {
    run_.now_ms = options.now_ms;
    run_.use_index = options.use_index;
    run_.build_args = false;
    run_.locate_verdicts = false;
    run_.matched_rules = &matched_;
  }

  // Parses and decodes `lines` and sets each one's bit set of the workers
  // (of `workers`) whose entities it holds events of. A line that does not
  // decode goes to one worker, which counts it as skipped.
  void Route(std::span<const std::string_view> lines, size_t first_index, int workers,
             uint64_t* owners) {
    for (size_t i = 0; i < lines.size(); ++i) {
      uint64_t bits = 0;
      simdjson::dom::element root;
      if (parser_.parse(lines[i].data(), lines[i].size(), false).get(root) == simdjson::SUCCESS) {
        runtime::DecodeResult decoded = runtime::DecodeDelivery(delivery_, root);
        for (const runtime::EventInfo& event : decoded.events) {
          bits |= uint64_t{1} << Shard(event, first_index + i, workers);
        }
      }
      owners[i] = bits != 0 ? bits : uint64_t{1} << ((first_index + i) % workers);
    }
  }

  // Processes `lines`: every line, or with `owners`, only the lines whose
  // bit `self` is set and of those only the events of this worker's
  // entities, in order. A line is counted (bytes, latency) by the lowest
  // worker holding it.
  void Process(std::span<const std::string_view> lines, size_t first_index,
               const uint64_t* owners = nullptr, int self = 0, int workers = 1) {
    for (size_t i = 0; i < lines.size(); ++i) {
      uint64_t bits = owners != nullptr ? owners[i] : 1;
      if (((bits >> self) & 1) == 0) continue;
      double before = sampling_ns_;
      Clock::time_point start = Clock::now();
      size_t index = first_index + i;
      One(lines[i], index % static_cast<size_t>(options_.sample_every) == 0, index,
          owners != nullptr ? self : -1, workers);
      if (std::countr_zero(bits) != self) continue;
      double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
      latencies_.push_back(ns - (sampling_ns_ - before));
      bytes_ += lines[i].size() + 1;
    }
  }

  // Adds this worker's counts to `result`, its latencies to `latencies`
  // and its per-rule sample counts to `samples`.
  void MergeInto(BenchResult* result, std::vector<double>* latencies,
                 std::vector<uint64_t>* samples) const {
    result->events += events_;
    result->deliveries += latencies_.size();
    result->skipped += skipped_;
    result->bytes += bytes_;
    result->effects += effects_;
    result->evaluations += evaluations_;
    result->sampling_seconds += sampling_ns_ / 1e9;
    for (size_t r = 0; r < matches_.size(); ++r) {
      result->rule_matches[r] += matches_[r];
      result->matches += matches_[r];
      result->rule_ns[r] += rule_ns_[r];
      (*samples)[r] += rule_samples_[r];
    }
    latencies->insert(latencies->end(), latencies_.begin(), latencies_.end());
  }

 private:
  // The worker that processes `event` (of line `index`): one per entity,
  // so that an entity's events stay in order; events naming no entity
  // have no order to keep.
  static int Shard(const runtime::EventInfo& event, size_t index, int workers) {
    if (event.entity_id.empty()) return static_cast<int>(index % workers);
    std::hash<std::string_view> hash;
    size_t h = hash(event.source) * 31 + hash(event.entity);
    h = h * 31 + hash(event.entity_id);
    return static_cast<int>(h % static_cast<size_t>(workers));
  }

  // Decodes and matches one line; with `self` >= 0, only the events of
  // this worker's entities.
  void One(std::string_view line, bool sample, size_t index, int self, int workers) {
    simdjson::dom::element root;
    if (parser_.parse(line.data(), line.size(), false).get(root) != simdjson::SUCCESS) {
      ++skipped_;
      return;
    }
    runtime::DecodeResult decoded = runtime::DecodeDelivery(delivery_, root);
    if (!decoded.decoded()) {
      ++skipped_;
      return;
    }
    for (const runtime::EventInfo& event : decoded.events) {
      if (self >= 0 && Shard(event, index, workers) != self) continue;
      ++events_;
      effects_buffer_.clear();
      matched_.clear();
      vm_.Run(program_, state_, event, root, run_, &effects_buffer_);
      effects_ += effects_buffer_.size();
      evaluations_ += run_.use_index ? state_.candidates().size()
                                     : program_.RulesFor(event.type).size();
      for (uint32_t rule : matched_) ++matches_[rule];
      if (sample) {
        Clock::time_point start = Clock::now();
        TimeRules(event);
        sampling_ns_ += std::chrono::duration<double, std::nano>(Clock::now() - start).count();
      }
    }
  }

  // Times each rule `event` triggers, one by one, on the event the VM has
  // just run: fields are already extracted, so each rule's time is what it
  // adds to an event (extraction is shared by all rules and counted once).
  void TimeRules(const runtime::EventInfo& event) {
    for (uint32_t rule : program_.RulesFor(event.type)) {
      effects_buffer_.clear();
      Clock::time_point start = Clock::now();
      vm_.Evaluate(program_, state_, rule, run_, &effects_buffer_);
      rule_ns_[rule] += std::chrono::duration<double, std::nano>(Clock::now() - start).count();
      ++rule_samples_[rule];
    }
  }

  const runtime::Program& program_;
  const BenchOptions& options_;
  runtime::EvalState state_;
  runtime::Vm vm_;
  runtime::RunOptions run_;
  runtime::RawDelivery delivery_;
  simdjson::dom::parser parser_;
  std::vector<runtime::Effect> effects_buffer_;
  std::vector<uint32_t> matched_;
  std::vector<uint64_t> matches_;
  std::vector<double> rule_ns_;
  std::vector<uint64_t> rule_samples_;
  std::vector<double> latencies_;
  uint64_t events_ = 0, skipped_ = 0, bytes_ = 0, effects_ = 0, evaluations_ = 0;
  // Time spent timing rules one by one, which the throughput leaves out.
  double sampling_ns_ = 0;
};

// Runs one chunk's lines on the workers. With several, the events are
// sharded by entity, so that each entity's events are matched in file
// order by one worker: first the workers route contiguous shares of the
// lines (parse and decode), then each matches its entities' events of the
// whole chunk, in order.
void ProcessChunk(std::vector<std::unique_ptr<BenchWorker>>& workers,
                  const std::vector<std::string_view>& lines, size_t first_index,
                  std::vector<uint64_t>* owners) {
  if (workers.size() == 1) {
    workers[0]->Process(lines, first_index);
    return;
  }
  int n = static_cast<int>(workers.size());
  owners->resize(lines.size());
  size_t share = (lines.size() + workers.size() - 1) / workers.size();
  std::vector<std::thread> pool;
  for (int t = 0; t < n; ++t) {
    size_t begin = std::min(lines.size(), share * static_cast<size_t>(t));
    size_t end = std::min(lines.size(), begin + share);
    std::span<const std::string_view> part(lines.data() + begin, end - begin);
    pool.emplace_back([&workers, owners, t, n, part, first_index, begin] {
      workers[t]->Route(part, first_index + begin, n, owners->data() + begin);
    });
  }
  for (std::thread& thread : pool) thread.join();
  pool.clear();
  for (int t = 0; t < n; ++t) {
    pool.emplace_back([&workers, &lines, owners, t, n, first_index] {
      workers[t]->Process(lines, first_index, owners->data(), t, n);
    });
  }
  for (std::thread& thread : pool) thread.join();
}

double Percentile(std::vector<double>& values, double fraction) {
  if (values.empty()) return 0;
  size_t k = std::min(values.size() - 1, static_cast<size_t>(fraction * values.size()));
  std::nth_element(values.begin(), values.begin() + static_cast<ptrdiff_t>(k), values.end());
  return values[k];
}

}  // namespace

BenchResult RunBench(std::shared_ptr<const runtime::Program> program, const std::string& path,
                     const BenchOptions& given, std::string* error) {
  BenchOptions options = given;
  if (options.sample_every <= 0) {
    // Timing every rule of an event costs about as much as the rules do
    // together, so larger programs are sampled more rarely: the sampling
    // stays around a percent of the run at any size.
    options.sample_every = std::max<int>(64, static_cast<int>(program->rule_count() / 2));
  }
  // A line's workers are a 64-bit set.
  int threads = std::clamp(options.threads, 1, 64);
  std::vector<std::unique_ptr<BenchWorker>> workers;
  for (int t = 0; t < threads; ++t) {
    workers.push_back(std::make_unique<BenchWorker>(*program, options));
  }
  std::vector<std::string_view> lines;
  std::vector<uint64_t> owners;
  size_t first_index = 0;
  Clock::time_point start = Clock::now();
  for (int round = 0; round < std::max(1, options.repeat); ++round) {
    std::unique_ptr<EventReader> reader = OpenEventReader(path, error);
    if (reader == nullptr) return {};
    std::string_view chunk;
    while (reader->Next(&chunk)) {
      SplitLines(chunk, &lines);
      ProcessChunk(workers, lines, first_index, &owners);
      first_index += lines.size();
    }
    if (!reader->error().empty()) {
      *error = "cannot read '" + path + "': " + reader->error();
      return {};
    }
    if (path == "-") break;  // standard input is read once
  }
  BenchResult result;
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.rule_matches.assign(program->rule_count(), 0);
  result.rule_ns.assign(program->rule_count(), 0);
  std::vector<uint64_t> samples(program->rule_count(), 0);
  std::vector<double> latencies;
  for (const auto& worker : workers) worker->MergeInto(&result, &latencies, &samples);
  // The workers ran side by side: each one's sampling delayed the end by
  // its own share.
  result.seconds = std::max(0.0, result.seconds - result.sampling_seconds / threads);
  for (size_t r = 0; r < result.rule_ns.size(); ++r) {
    result.rule_ns[r] = samples[r] > 0 ? result.rule_ns[r] / static_cast<double>(samples[r]) : 0;
  }
  result.ns_median = Percentile(latencies, 0.5);
  result.ns_p99 = Percentile(latencies, 0.99);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  result.peak_rss_kb = usage.ru_maxrss;
  return result;
}

}  // namespace syncrule::cli
