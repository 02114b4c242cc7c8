// THE differential test: the bytecode VM must agree with the reference JQL
// evaluator (compiler/jql/evaluator.h) on every query it runs, over every
// Jira issue in the fixtures. Queries are the conformance probes that check
// OK, the example queries, and randomly generated ones (seeded). A query
// the VM declines is counted, printed, and must be on the short documented
// list (docs/bytecode.md, "What the VM declines").

#include <filesystem>
#include <map>
#include <numeric>
#include <random>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "compiler/jql/evaluator.h"
#include "compiler/jql/issue_document.h"
#include "tests/compiler/jql_eval_test_helpers.h"
#include "tests/runtime/runtime_test_util.h"

namespace syncrule::runtime {
namespace {

using nlohmann::json;
using testing::CompileJql;
using testing::Payload;

struct Issue {
  std::string name;
  std::string text;  // the webhook-shaped JSON the VM and the reference read
  jql::IssueDocument doc;
  std::unique_ptr<Payload> payload;
};

// Every issue of the fixtures, webhook-shaped.
std::vector<Issue>& Issues() {
  static std::vector<Issue>* issues = [] {
    auto* out = new std::vector<Issue>();
    auto add = [&](const std::string& name, const json& value) {
      json wrapped;
      if (value.contains("issue") && value["issue"].is_object()) {
        wrapped = value;
      } else if (value.contains("fields") && value.contains("key")) {
        wrapped = json{{"webhookEvent", "jira:issue_updated"}, {"issue", value}};
      } else {
        return;
      }
      Issue issue;
      issue.name = name;
      issue.text = wrapped.dump();
      std::string error;
      auto doc = jql::IssueDocument::FromJson(wrapped, &error);
      if (!doc) return;
      issue.doc = std::move(*doc);
      issue.payload = std::make_unique<Payload>(issue.text);
      if (!issue.payload->ok) return;
      out->push_back(std::move(issue));
    };
    std::string root = std::string(SYNCRULE_SOURCE_DIR) + "/tests/fixtures/jira";
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      json value = json::parse(testing::ReadSource(
                                   std::filesystem::relative(path, SYNCRULE_SOURCE_DIR)),
                               nullptr, false);
      if (!value.is_discarded() && value.is_object()) add(path.filename().string(), value);
    }
    std::istringstream lines(testing::ReadSource("examples/jql/issues.ndjson"));
    std::string line;
    while (std::getline(lines, line)) {
      json value = json::parse(line, nullptr, false);
      if (!value.is_discarded()) add(value.value("key", "ndjson"), value);
    }
    return out;
  }();
  return *issues;
}

// The verdict of one side: "true", "false" or "error".
std::string Verdict(bool matched, bool error) {
  return error ? "error" : (matched ? "true" : "false");
}

struct Tally {
  int queries = 0;
  int not_checked = 0;
  int compared = 0;
  int evaluations = 0;
  int both_decline = 0;  // the reference cannot prepare it either
  std::map<std::string, int> declined;  // reason -> queries
  std::vector<std::string> mismatches;
  std::map<std::string, int> verdicts;  // "true"/"false"/"error" -> count
};

void Compare(const std::string& text, Tally& tally) {
  ++tally.queries;
  const jql::FieldCatalog& catalog = jql::evaltest::EvalCatalog();
  jql::CheckedQuery checked;
  testing::CompiledJql compiled = CompileJql(text, catalog, &checked);
  if (compiled.error == "parse error" || compiled.error == "check error") {
    ++tally.not_checked;
    return;
  }
  jql::EvalContext context = jql::evaltest::TestContext();
  jql::Evaluator reference(checked, context, &catalog);
  if (compiled.declined) {
    if (!reference.error().empty()) {
      ++tally.both_decline;
    } else {
      ++tally.declined[compiled.error.substr(0, 60)];
    }
    return;
  }
  if (!compiled.program) {
    tally.mismatches.push_back(text + " -> " + compiled.error);
    return;
  }
  ++tally.compared;
  EvalState state(*compiled.program);
  Vm vm;
  RunOptions options;
  options.now_ms = jql::evaltest::kNowMs;
  for (Issue& issue : Issues()) {
    jql::EvalResult expected = reference.Evaluate(issue.doc);
    EventInfo event = testing::JiraEvent();
    std::vector<Effect> effects;
    RuleVerdict verdict = vm.RunRule(*compiled.program, state, 0, event,
                                     issue.payload->root, options, &effects);
    ++tally.evaluations;
    ++tally.verdicts[Verdict(expected.matched, !expected.ok())];
    std::string want = Verdict(expected.matched, !expected.ok());
    std::string got = Verdict(verdict.outcome == RuleOutcome::kMatched,
                              verdict.outcome == RuleOutcome::kError ||
                                  verdict.outcome == RuleOutcome::kBudget);
    if (want != got && tally.mismatches.size() < 1000) {
      tally.mismatches.push_back(text + "  on " + issue.name + ": reference " + want +
                                 (expected.ok() ? "" : " (" + expected.error + ")") +
                                 ", vm " + got +
                                 (verdict.message.empty() ? "" : " (" + verdict.message + ")"));
    }
  }
}

void Report(const char* what, const Tally& tally) {
  std::printf("[%s] queries %d, not checked %d, compared %d (%d evaluations), "
              "declined by both %d, declined by the VM only %d, mismatches %zu\n",
              what, tally.queries, tally.not_checked, tally.compared, tally.evaluations,
              tally.both_decline,
              static_cast<int>(std::accumulate(
                  tally.declined.begin(), tally.declined.end(), 0,
                  [](int sum, const auto& entry) { return sum + entry.second; })),
              tally.mismatches.size());
  std::printf("  reference verdicts: %d true, %d false, %d error\n",
              tally.verdicts.count("true") ? tally.verdicts.at("true") : 0,
              tally.verdicts.count("false") ? tally.verdicts.at("false") : 0,
              tally.verdicts.count("error") ? tally.verdicts.at("error") : 0);
  for (const auto& [reason, count] : tally.declined) {
    std::printf("  declined %3d x %s\n", count, reason.c_str());
  }
  for (size_t i = 0; i < tally.mismatches.size() && i < 40; ++i) {
    std::printf("  MISMATCH %s\n", tally.mismatches[i].c_str());
  }
}

// The reasons the VM may decline a query the reference evaluator answers:
// JQL functions and fields that need Jira server state or JSM data.
bool IsDocumentedDecline(const std::string& reason) {
  return reason.rfind("JQL function", 0) == 0 || reason.rfind("JQL field", 0) == 0;
}

TEST(JqlDifferentialTest, FixturesLoad) {
  EXPECT_GE(Issues().size(), 15u);
}

TEST(JqlDifferentialTest, ConformanceProbes) {
  Tally tally;
  std::istringstream rows(testing::ReadSource("tests/conformance/jql-probes.tsv"));
  std::string row;
  std::getline(rows, row);  // header
  while (std::getline(rows, row)) {
    size_t tab1 = row.find('\t');
    size_t tab2 = row.rfind('\t');
    if (tab1 == std::string::npos || tab2 == tab1) continue;
    if (row.substr(tab2 + 1) != "VALID") continue;
    json query = json::parse(row.substr(tab1 + 1, tab2 - tab1 - 1), nullptr, false);
    if (!query.is_string()) continue;
    Compare(query.get<std::string>(), tally);
  }
  Report("conformance probes", tally);
  EXPECT_TRUE(tally.mismatches.empty());
  for (const auto& [reason, count] : tally.declined) {
    EXPECT_TRUE(IsDocumentedDecline(reason)) << reason;
  }
  EXPECT_GT(tally.compared, 140);
}

TEST(JqlDifferentialTest, ExampleQueries) {
  Tally tally;
  std::istringstream lines(testing::ReadSource("examples/jql/queries.jql"));
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] != '#') Compare(line, tally);
  }
  Report("example queries", tally);
  EXPECT_TRUE(tally.mismatches.empty());
}

// Generates random queries from the values the fixture issues hold.
class QueryGenerator {
 public:
  explicit QueryGenerator(uint32_t seed) : random_(seed) {}

  std::string Query(int depth = 0) {
    int pick = Pick(depth >= 2 ? 6 : 10);
    if (pick == 6) return Query(depth + 1) + " AND " + Query(depth + 1);
    if (pick == 7) return Query(depth + 1) + " OR " + Query(depth + 1);
    if (pick == 8) return "NOT (" + Query(depth + 1) + ")";
    if (pick == 9) return "(" + Query(depth + 1) + ")";
    return Clause();
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
  template <typename T>
  const T& One(const std::vector<T>& list) { return list[Pick(static_cast<int>(list.size()))]; }

  std::string Quote(const std::string& text) { return json(text).dump(); }

  std::string Clause() {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> kNames = {
        {"project", {"SRE", "OPS", "WEB", "Site Reliability", "10000", "TEST", "sre"}},
        {"status", {"Open", "Done", "In Progress", "open", "To Do", "1", "Closed", "Resolved"}},
        {"priority", {"Highest", "High", "Medium", "Low", "Lowest", "Major", "Critical", "1"}},
        {"issuetype", {"Bug", "Incident", "Task", "Story", "bug"}},
        {"labels", {"customer-impact", "oncall", "flaky", "backend", "x"}},
        {"assignee", {"akim", "jsmith", "Alex Kim", "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077"}},
        {"reporter", {"akim", "jsmith", "admin", "Jane Smith"}},
        {"component", {"api", "checkout", "web", "Backend"}},
        {"fixVersion", {"2026.1", "2026.2", "1.0", "3.14"}},
        {"resolution", {"Fixed", "Done", "unresolved", "Won't Fix"}},
        {"statusCategory", {"To Do", "In Progress", "Done", "new"}},
        {"key", {"SRE-101", "OPS-7", "TEST-1", "WEB-55"}},
        {"Severity", {"Sev1", "Sev2", "Critical"}},
        {"Tags", {"alpha", "beta"}},
        {"Location", {"London", "Paris", "Milan"}},
    };
    static const std::vector<std::string> kWords = {
        "checkout", "502", "load", "error", "customize", "\"full screen\"", "win*",
        "api", "timeout", "database", "crash", "login"};
    static const std::vector<std::string> kDates = {
        "-1d", "-2w", "2026-01-01", "2025/12/31 10:00", "-4w 2d", "\"2026-01-30\""};
    switch (Pick(11)) {
      case 0:
      case 1: {
        const auto& [field, values] = One(kNames);
        static const char* kOps[] = {"=", "!="};
        return Quote(field) + " " + kOps[Pick(2)] + " " + Quote(One(values));
      }
      case 2: {
        const auto& [field, values] = One(kNames);
        std::string list = Quote(One(values)) + ", " + Quote(One(values));
        if (Pick(4) == 0) list += ", EMPTY";
        return Quote(field) + (Pick(2) ? " IN (" : " NOT IN (") + list + ")";
      }
      case 3: {
        const auto& [field, values] = One(kNames);
        return Quote(field) + (Pick(2) ? " IS EMPTY" : " IS NOT EMPTY");
      }
      case 4: {
        static const char* kFields[] = {"summary", "description", "text", "comment",
                                        "environment"};
        return std::string(kFields[Pick(5)]) + (Pick(4) ? " ~ " : " !~ ") +
               Quote(One(kWords));
      }
      case 5: {
        static const char* kFields[] = {"created", "updated", "due", "resolved",
                                        "\"Date Field\"", "\"Start date\""};
        static const char* kOps[] = {"<", ">", "<=", ">=", "="};
        std::string date = One(kDates);
        if (date[0] != '"') date = Quote(date);
        if (Pick(3) == 0) {
          static const char* kFns[] = {"now()", "startOfDay()", "endOfMonth(\"+1M\")",
                                       "startOfWeek(-1)", "startOfYear()"};
          date = kFns[Pick(5)];
        }
        return std::string(kFields[Pick(6)]) + " " + kOps[Pick(5)] + " " + date;
      }
      case 6: {
        static const char* kFields[] = {"votes", "watchers", "\"Story Points\"",
                                        "originalEstimate", "remainingEstimate",
                                        "timespent", "workRatio"};
        static const char* kOps[] = {"<", ">", "<=", ">=", "=", "!="};
        static const char* kValues[] = {"0", "1", "2", "3.5", "10", "2d", "1h"};
        return std::string(kFields[Pick(7)]) + " " + kOps[Pick(6)] + " " + kValues[Pick(7)];
      }
      case 7: {
        static const char* kOps[] = {">", "<", ">=", "<="};
        static const char* kValues[] = {"High", "Medium", "Low", "Highest", "Major"};
        return std::string("priority ") + kOps[Pick(4)] + " " + kValues[Pick(5)];
      }
      case 8: {
        static const char* kFields[] = {"status", "assignee", "priority", "labels",
                                        "fixVersion", "resolution"};
        const char* field = kFields[Pick(6)];
        const auto& values = kNames[Pick(3)].second;
        std::string out = std::string(field) + " CHANGED";
        if (Pick(2)) out += " FROM " + Quote(One(values));
        if (Pick(2)) out += " TO " + Quote(One(values));
        if (Pick(3) == 0) out += " AFTER \"-30d\"";
        if (Pick(3) == 0) out += " BY akim";
        return out;
      }
      case 9: {
        static const char* kFields[] = {"status", "assignee", "priority", "fixVersion"};
        const auto& values = kNames[Pick(4)].second;
        static const char* kOps[] = {" WAS ", " WAS NOT "};
        std::string out = std::string(kFields[Pick(4)]) + kOps[Pick(2)] + Quote(One(values));
        if (Pick(3) == 0) out += " BEFORE \"2026-01-15\"";
        if (Pick(4) == 0) out += " DURING (\"2025-01-01\", \"2026-12-31\")";
        return out;
      }
      default: {
        static const char* kOps[] = {"<", ">", ">="};
        static const char* kKeys[] = {"SRE-101", "OPS-7", "SRE-103"};
        if (Pick(2)) return std::string("key ") + kOps[Pick(3)] + " " + kKeys[Pick(3)];
        static const char* kVersions[] = {"2026.1", "1.10", "3.14"};
        return std::string("fixVersion ") + kOps[Pick(3)] + " " + Quote(kVersions[Pick(3)]);
      }
    }
  }

  std::mt19937 random_;
};

TEST(JqlDifferentialTest, RandomQueries) {
  Tally tally;
  QueryGenerator generator(20260131);
  std::set<std::string> seen;
  while (seen.size() < 1500) {
    std::string query = generator.Query();
    if (seen.insert(query).second) Compare(query, tally);
  }
  Report("random queries (seed 20260131)", tally);
  EXPECT_TRUE(tally.mismatches.empty());
  EXPECT_GT(tally.compared, 1000);
}

}  // namespace
}  // namespace syncrule::runtime
