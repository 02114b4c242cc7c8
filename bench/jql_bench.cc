// JQL parse and evaluation benchmarks over the 107 realistic queries of the
// conformance corpus (category corpus/realistic): parsing reports queries/s,
// evaluation reports issues/s over the example issues.

#include <benchmark/benchmark.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/jql/check.h"
#include "compiler/jql/evaluator.h"
#include "compiler/jql/issue_document.h"
#include "compiler/parse/jql_parser.h"

namespace syncrule::jql {
namespace {

// Reads the realistic queries from the probe file.
const std::vector<std::string>& RealisticQueries() {
  static const std::vector<std::string> queries = [] {
    std::vector<std::string> out;
    std::ifstream in(SYNCRULE_SOURCE_DIR "/tests/conformance/jql-probes.tsv");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("corpus/realistic\t", 0) != 0) continue;
      std::string json = line.substr(line.find('\t') + 1);
      json = json.substr(0, json.rfind('\t'));
      out.push_back(nlohmann::json::parse(json).get<std::string>());
    }
    return out;
  }();
  return queries;
}

// Reads the example issues.
const std::vector<IssueDocument>& ExampleIssues() {
  static const std::vector<IssueDocument> issues = [] {
    std::vector<IssueDocument> out;
    std::ifstream in(SYNCRULE_SOURCE_DIR "/examples/jql/issues.ndjson");
    std::string line, error;
    while (std::getline(in, line)) {
      if (auto issue = IssueDocument::FromText(line, &error)) out.push_back(*issue);
    }
    return out;
  }();
  return issues;
}

void BM_ParseRealisticQueries(benchmark::State& state) {
  const std::vector<std::string>& queries = RealisticQueries();
  size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& query : queries) {
      ParseResult result = ParseJql(query);
      benchmark::DoNotOptimize(result);
      bytes += query.size();
    }
  }
  state.SetItemsProcessed(state.iterations() * queries.size());
  state.SetBytesProcessed(bytes);
  state.SetLabel("queries/s");
}
BENCHMARK(BM_ParseRealisticQueries);

void BM_EvaluateRealisticQueries(benchmark::State& state) {
  FieldCatalog catalog;
  EvalContext context;
  context.time.now_ms = 1769860800000;  // 2026-01-31T12:00:00Z
  std::vector<Evaluator> evaluators;
  std::vector<CheckedQuery> checked;
  for (const std::string& query : RealisticQueries()) {
    ParseResult parsed = ParseJql(query);
    DiagnosticList diagnostics;
    CheckedQuery q = CheckQuery(parsed.query, catalog, diagnostics);
    if (parsed.ok() && !diagnostics.has_errors()) checked.push_back(std::move(q));
  }
  for (const CheckedQuery& q : checked) evaluators.emplace_back(q, context);
  const std::vector<IssueDocument>& issues = ExampleIssues();
  int64_t matches = 0;
  for (auto _ : state) {
    for (const IssueDocument& issue : issues) {
      for (const Evaluator& evaluator : evaluators) {
        matches += evaluator.Evaluate(issue).matched;
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * issues.size());
  state.counters["queries"] = static_cast<double>(evaluators.size());
  state.counters["matches"] = static_cast<double>(matches);
  state.SetLabel("issues/s, each against every checked realistic query");
}
BENCHMARK(BM_EvaluateRealisticQueries);

}  // namespace
}  // namespace syncrule::jql

BENCHMARK_MAIN();
