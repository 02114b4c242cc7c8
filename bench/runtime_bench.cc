// Runtime micro-benchmarks: decoding one event of each connector's shape,
// VM instructions per second, the rule index's candidate lookup, and a
// whole event (index + VM) at 100 to 10,000 rules. The whole-program
// figures (parse, decode, match over a file) are `syncrule bench`'s; `make
// bench` runs both.

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/check/checker.h"
#include "compiler/emit/emitter.h"
#include "compiler/parse/rule_parser.h"
#include "runtime/connectors/registry.h"
#include "runtime/eval_state.h"
#include "runtime/program.h"
#include "runtime/vm.h"

namespace syncrule::runtime {
namespace {

std::string ReadSource(const std::string& path) {
  std::ifstream in(std::string(SYNCRULE_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Compiles rule text through the whole pipeline; aborts on errors (the
// benchmarks' rules are fixed).
std::shared_ptr<const Program> Compile(const std::string& text) {
  RuleParseResult parsed = ParseRuleFile(text);
  if (!parsed.ok()) std::abort();
  std::vector<check::ParsedFile> files{
      {std::make_shared<const Source>("bench.rule", text), std::move(parsed.file)}};
  check::Environment environment;
  for (const Connector* connector : AllConnectors()) {
    environment.connectors.push_back(&connector->schema());
  }
  environment.jql_catalog = std::make_shared<const jql::FieldCatalog>();
  std::vector<DiagnosticList> diagnostics(1);
  check::CheckedProgram checked = check::CheckProgram(files, environment, diagnostics);
  if (diagnostics[0].has_errors()) std::abort();
  emit::EmitResult emitted = emit::EmitProgram(checked);
  if (!emitted.ok()) std::abort();
  LoadResult loaded = LoadModule(WriteModule(emitted.image));
  if (!loaded.ok()) std::abort();
  return loaded.program;
}

// One example event of each connector, decoded once to find its shape.
struct Sample {
  std::string name;
  simdjson::padded_string body;
};

std::vector<Sample> Samples() {
  std::vector<Sample> samples;
  for (const char* example : {"pagerduty-jira-cloud", "flashduty-jira-sync", "gitlab-jira",
                              "alertmanager-jira"}) {
    std::string all = ReadSource(std::string("examples/") + example + "/events.ndjson");
    samples.push_back({example, simdjson::padded_string(all.substr(0, all.find('\n')))});
  }
  samples.push_back({"jira-issue-updated",
                     simdjson::padded_string(ReadSource(
                         "tests/fixtures/jira/webhooks_mattermost/"
                         "webhook-issue-updated-lowered-priority.json"))});
  return samples;
}

// Parse and decode of one event per shape: the fixed cost every event pays
// before any rule runs.
void BM_DecodeEvent(benchmark::State& state) {
  Sample sample = std::move(Samples()[static_cast<size_t>(state.range(0))]);
  simdjson::dom::parser parser;
  RawDelivery delivery;
  for (auto _ : state) {
    simdjson::dom::element root;
    if (parser.parse(sample.body).get(root) != simdjson::SUCCESS) std::abort();
    DecodeResult decoded = DecodeDelivery(delivery, root);
    benchmark::DoNotOptimize(decoded);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(sample.body.size()));
  state.SetLabel(sample.name);
}
BENCHMARK(BM_DecodeEvent)->DenseRange(0, 4);

// Decodes `sample` and begins it in `state`, for benchmarks of the match.
struct DecodedEvent {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  EventInfo event;

  explicit DecodedEvent(const simdjson::padded_string& body) {
    if (parser.parse(body).get(root) != simdjson::SUCCESS) std::abort();
    DecodeResult decoded = DecodeDelivery(RawDelivery{}, root);
    if (!decoded.decoded()) std::abort();
    event = decoded.events.front();
  }
};

// VM instructions per second on a rule of arithmetic and comparisons over
// one field (extracted once, then cached), so that dispatch is what is
// measured. The field keeps the compiler from folding the conditions.
void BM_VmInstructions(benchmark::State& state) {
  std::string conditions;
  for (int k = 0; k < 40; ++k) {
    conditions += "  when incident.number + " + std::to_string(k) + " > " + std::to_string(k) +
                  " and incident.number - 1 < incident.number + " + std::to_string(k) + "\n";
  }
  auto program = Compile("rule \"r\" {\n  on pagerduty.incident.triggered\n" + conditions +
                         "  do pagerduty.add_note(content = \"x\")\n}\n");
  DecodedEvent decoded(Samples()[0].body);
  EvalState eval(*program);
  Vm vm;
  RunOptions options;
  options.build_args = false;
  std::vector<Effect> effects;
  uint64_t instructions = 0;
  eval.BeginEvent(decoded.event, decoded.root, 0, "UTC");
  for (auto _ : state) {
    effects.clear();
    RuleVerdict verdict = vm.Evaluate(*program, eval, 0, options, &effects);
    if (verdict.outcome != RuleOutcome::kMatched) std::abort();
    instructions += verdict.steps;
  }
  state.counters["instructions/s"] =
      benchmark::Counter(static_cast<double>(instructions), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VmInstructions);

// N PagerDuty rules over services, urgencies, statuses and title words, in
// the proportions of the project's workload generator (bench/workload).
std::string PagerDutyRules(int count) {
  std::mt19937 random(7);
  const char* services[] = {"Checkout API", "Payments", "Search", "Auth", "Cart", "Ledger",
                            "Mail", "Edge", "Queue", "Billing"};
  const char* words[] = {"502", "latency", "error", "disk", "timeout", "Checkout", "down"};
  std::string rules;
  for (int r = 0; r < count; ++r) {
    rules += "rule \"r" + std::to_string(r) + "\" {\n  on pagerduty.incident.triggered\n";
    switch (random() % 4) {
      case 0:
        rules += "  when incident.service.name == \"" + std::string(services[random() % 10]) + "\"\n";
        break;
      case 1:
        rules += "  when incident.service.name in [\"" + std::string(services[random() % 10]) +
                 "\", \"" + services[random() % 10] + "\"]\n  when incident.urgency == \"high\"\n";
        break;
      case 2:
        rules += "  when contains(incident.title, \"" + std::string(words[random() % 7]) + "\")\n";
        break;
      default:
        rules += "  when incident.title matches \"(?i)" + std::string(words[random() % 7]) +
                 "\"\n  when incident.number > " + std::to_string(random() % 200) + "\n";
    }
    rules += "  do pagerduty.add_note(content = \"x\")\n}\n";
  }
  return rules;
}

// The rule index's lookup alone: candidates for one event among N rules.
void BM_IndexCandidates(benchmark::State& state) {
  auto program = Compile(PagerDutyRules(static_cast<int>(state.range(0))));
  DecodedEvent decoded(Samples()[0].body);
  EvalState eval(*program);
  std::vector<uint32_t> candidates;
  for (auto _ : state) {
    eval.BeginEvent(decoded.event, decoded.root, 0, "UTC");
    candidates.clear();
    program->index().Candidates(decoded.event.type, eval, &candidates);
    benchmark::DoNotOptimize(candidates.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["candidates"] = static_cast<double>(candidates.size());
  state.counters["rules"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_IndexCandidates)->RangeMultiplier(10)->Range(100, 10000);

// One whole match of an already parsed event: index, then the candidates
// on the VM (state.range(1) = 0 runs every rule instead, for comparison).
void BM_MatchEvent(benchmark::State& state) {
  auto program = Compile(PagerDutyRules(static_cast<int>(state.range(0))));
  DecodedEvent decoded(Samples()[0].body);
  EvalState eval(*program);
  Vm vm;
  RunOptions options;
  options.build_args = false;
  options.use_index = state.range(1) != 0;
  std::vector<Effect> effects;
  for (auto _ : state) {
    effects.clear();
    vm.Run(*program, eval, decoded.event, decoded.root, options, &effects);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["matches"] = static_cast<double>(effects.size());
  state.SetLabel(options.use_index ? "indexed" : "every rule");
}
BENCHMARK(BM_MatchEvent)->ArgsProduct({{100, 1000, 10000}, {1, 0}});

}  // namespace
}  // namespace syncrule::runtime
