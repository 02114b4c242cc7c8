// Conformance of syncrule's JQL parser with Atlassian's own parser: every
// row of jql-probes.tsv holds a query and the verdict (VALID or INVALID) of
// @atlaskit/jql-parser. The parser must agree on at least 99.5% of rows, and
// every disagreement must be one that docs/jql.md lists with its reason.

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/jql/ast_printer.h"
#include "compiler/jql/formatter.h"
#include "compiler/parse/jql_parser.h"

namespace syncrule::jql {
namespace {

struct Probe {
  std::string category;
  std::string query;
  bool valid = false;
};

std::vector<Probe> LoadProbes() {
  std::ifstream in(SYNCRULE_SOURCE_DIR "/tests/conformance/jql-probes.tsv");
  std::vector<Probe> probes;
  std::string line;
  std::getline(in, line);  // The header row.
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::string category, query_json, verdict;
    std::getline(row, category, '\t');
    std::getline(row, query_json, '\t');
    std::getline(row, verdict, '\t');
    probes.push_back({category, nlohmann::json::parse(query_json).get<std::string>(),
                      verdict == "VALID"});
  }
  return probes;
}

// The queries on which syncrule deliberately or knowingly differs from
// Atlassian's parser, each explained in docs/jql.md ("Conformance").
std::set<std::string> KnownDisagreements() {
  return {};
}

TEST(JqlConformanceTest, AgreesWithAtlassianParser) {
  std::vector<Probe> probes = LoadProbes();
  ASSERT_EQ(probes.size(), 1916u);
  std::set<std::string> known = KnownDisagreements();
  int agree = 0;
  for (const Probe& probe : probes) {
    ParseResult result = ParseJql(probe.query);
    if (result.ok() == probe.valid) {
      ++agree;
      continue;
    }
    EXPECT_TRUE(known.count(probe.query))
        << "unlisted disagreement [" << probe.category << "] "
        << nlohmann::json(probe.query).dump() << ": Atlassian says "
        << (probe.valid ? "VALID" : "INVALID") << ", syncrule "
        << (result.ok() ? "accepts" : "rejects: " + (result.diagnostics.items().empty() ? std::string("?") : result.diagnostics.items()[0].message));
  }
  double percent = 100.0 * agree / probes.size();
  std::cout << "JQL conformance: " << agree << " of " << probes.size()
            << " probes agree with Atlassian's parser (" << percent << "%)\n";
  EXPECT_GE(percent, 99.5);
}

// `jql fmt` must preserve meaning: formatting every valid probe and parsing
// the result gives the same tree, and formatting is idempotent.
TEST(JqlConformanceTest, FormattingPreservesTheTree) {
  int checked = 0;
  for (const Probe& probe : LoadProbes()) {
    ParseResult original = ParseJql(probe.query);
    if (!original.ok()) continue;
    std::string formatted = FormatQuery(original.query);
    ParseResult again = ParseJql(formatted);
    ASSERT_TRUE(again.ok()) << nlohmann::json(probe.query).dump() << " -> "
                            << formatted;
    EXPECT_EQ(PrintAst(again.query), PrintAst(original.query))
        << nlohmann::json(probe.query).dump() << " -> " << formatted;
    EXPECT_EQ(FormatQuery(again.query), formatted);
    ++checked;
  }
  std::cout << "jql fmt round trip: " << checked << " valid probes checked\n";
  EXPECT_GT(checked, 900);
}

}  // namespace
}  // namespace syncrule::jql
