// The rule index: which tests it finds in bytecode, the literal matcher
// under it, and the property that matters: running the index's candidates
// gives exactly the effects of running every triggered rule.

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "runtime/literal_matcher.h"
#include "runtime/rule_conjuncts.h"
#include "tests/runtime/runtime_test_util.h"

namespace syncrule::runtime {
namespace {

using testing::CompileRule;
using testing::Payload;

std::vector<Conjunct> ConjunctsOf(const std::string& rules, uint32_t rule = 0) {
  testing::CompiledRules compiled = CompileRule(rules);
  EXPECT_EQ(compiled.errors, "");
  if (!compiled.program) return {};
  return FindConjuncts(compiled.program->image(), rule);
}

std::vector<ConjunctTest> TestsOf(const std::vector<Conjunct>& conjuncts) {
  std::vector<ConjunctTest> tests;
  for (const Conjunct& c : conjuncts) tests.push_back(c.test);
  return tests;
}

TEST(RuleConjunctsTest, FindsEveryTestARuleNeeds) {
  auto found = ConjunctsOf(R"(rule "r" {
    on pagerduty.incident.triggered
    when incident.urgency == "high" and incident.service.name in ["a", "b"]
    when contains(incident.title, "down")
    when incident.title matches "(?i)db[0-9]+"
    when incident.number > 5
    when incident.number <= 7.5
    do pagerduty.add_note(content = "x")
  })");
  EXPECT_EQ(TestsOf(found),
            (std::vector<ConjunctTest>{ConjunctTest::kEqualsString, ConjunctTest::kInSet,
                                       ConjunctTest::kContains, ConjunctTest::kRegex,
                                       ConjunctTest::kCompare, ConjunctTest::kCompare}));
  ASSERT_EQ(found.size(), 6u);
  EXPECT_EQ(found[4].compare, Opcode::kGT);
  EXPECT_EQ(found[4].threshold, 5.0);
  EXPECT_EQ(found[5].compare, Opcode::kLE);
  EXPECT_EQ(found[5].threshold, 7.5);
}

TEST(RuleConjunctsTest, FindsListMembership) {
  auto found = ConjunctsOf(R"(rule "r" {
    on jira.issue.updated
    when "sync" in issue.labels
    do jira.comment(body = "x")
  })");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].test, ConjunctTest::kHasItem);
  EXPECT_EQ(found[0].kind, AttributeKind::kField);
}

TEST(RuleConjunctsTest, NegationsAreNotNeeded) {
  EXPECT_TRUE(ConjunctsOf(R"(rule "r" {
    on pagerduty.incident.triggered
    when not incident.priority == "P1"
    when not incident.urgency == "high" or incident.status == "triggered"
    do pagerduty.add_note(content = "x")
  })").empty());
}

TEST(RuleConjunctsTest, AlternativesFormOneClause) {
  // Neither test is needed alone, but no path to RETURN avoids both: they
  // form a clause, after the single test on the priority.
  auto found = ConjunctsOf(R"(rule "r" {
    on pagerduty.incident.triggered
    when incident.priority == "P1"
    when incident.urgency == "high" or incident.service.name in ["a", "b"]
    do pagerduty.add_note(content = "x")
  })");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_FALSE(found[0].alternative);
  EXPECT_EQ(found[0].clause, 0u);
  EXPECT_EQ(TestsOf({found[1], found[2]}),
            (std::vector<ConjunctTest>{ConjunctTest::kEqualsString, ConjunctTest::kInSet}));
  for (int k : {1, 2}) {
    EXPECT_TRUE(found[k].alternative);
    EXPECT_EQ(found[k].clause, 1u);
  }
}

TEST(RuleConjunctsTest, AlternativesAcrossJqlFieldsFormOneClause) {
  auto found = ConjunctsOf(R"(rule "r" {
    on jira.issue.updated
    match jql `project = ML OR labels = observability OR labels = sre`
    do jira.comment(body = "x")
  })");
  ASSERT_EQ(found.size(), 3u);
  for (const Conjunct& c : found) {
    EXPECT_TRUE(c.alternative);
    EXPECT_EQ(c.clause, 0u);
    EXPECT_EQ(c.test, ConjunctTest::kJqlAnyIn);
  }
}

TEST(RuleConjunctsTest, AGroupIsMinimal) {
  // Either test of the `and` with the status test cuts every path; the
  // group holds one of them, not both (all three would not be minimal).
  auto found = ConjunctsOf(R"(rule "r" {
    on pagerduty.incident.triggered
    when incident.urgency == "high" and contains(incident.title, "db") or incident.status == "triggered"
    do pagerduty.add_note(content = "x")
  })");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].clause, found[1].clause);
  EXPECT_TRUE(found[0].alternative && found[1].alternative);
  EXPECT_EQ(found[1].test, ConjunctTest::kEqualsString);
}

TEST(RuleConjunctsTest, FindsAJqlClauseAfterAnAlternative) {
  // The OR comes first, but every path to RETURN still passes project = HR.
  auto found = ConjunctsOf(R"(rule "r" {
    on jira.issue.updated
    match jql `(status = Open OR labels = docs) AND project = HR`
    do jira.comment(body = "x")
  })");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_TRUE(found[0].alternative && found[1].alternative);
  EXPECT_FALSE(found[2].alternative);
  EXPECT_NE(found[2].clause, found[0].clause);
  EXPECT_EQ(found[2].test, ConjunctTest::kJqlAnyIn);
  EXPECT_EQ(found[2].kind, AttributeKind::kJqlField);
}

TEST(RuleConjunctsTest, BecomesTrueIndexesOnlyTheCurrentIssue) {
  testing::CompiledRules compiled = CompileRule(R"(rule "r" {
    on jira.issue.updated
    match jql `project = HR and status = Done` becomes true
    do jira.comment(body = "x")
  })");
  ASSERT_EQ(compiled.errors, "");
  const ModuleImage& image = compiled.program->image();
  std::vector<Conjunct> found = FindConjuncts(image, 0);
  ASSERT_EQ(found.size(), 2u);
  // Both tests come after SET_VIEW current; the previous-issue copies come
  // before it and are not needed (a first transition has no previous).
  for (const Conjunct& c : found) {
    bool after_current_view = false;
    for (uint32_t pc = image.rules[0].code_begin; pc < c.pc; ++pc) {
      Instruction i = image.code[pc];
      if (OpOf(i) == Opcode::kSET_VIEW) after_current_view = ArgA(i) == 0;
    }
    EXPECT_TRUE(after_current_view) << "pc " << c.pc;
  }
}

TEST(RuleConjunctsTest, CandidatesStartAfterTheTestsTheIndexProved) {
  testing::CompiledRules compiled = CompileRule(R"(rule "r" {
    on pagerduty.incident.triggered
    when incident.urgency == "high"
    when incident.service.name in ["a", "b"]
    when incident.number > 5
    do pagerduty.add_note(content = "x")
  })");
  ASSERT_EQ(compiled.errors, "");
  const Program& program = *compiled.program;
  // Two load/test/jump triples are skipped; the comparison is indexed but
  // not skipped (a number too large for a double makes it pass the index).
  EXPECT_EQ(program.index().start_pc(0), program.rule(0).code_begin + 6);
}

TEST(RuleConjunctsTest, CandidatesDoNotSkipAlternatives) {
  testing::CompiledRules compiled = CompileRule(R"(rule "r" {
    on pagerduty.incident.triggered
    when incident.urgency == "high" or incident.status == "triggered"
    do pagerduty.add_note(content = "x")
  })");
  ASSERT_EQ(compiled.errors, "");
  // A candidate passed one of the two, not necessarily the first.
  EXPECT_EQ(compiled.program->index().start_pc(0), compiled.program->rule(0).code_begin);
}

// Returns a word of up to `max` bytes, each one of the 8 of `alphabet`.
std::string RandomWord(std::mt19937& random, const char (&alphabet)[9], int max) {
  std::string w;
  int n = std::uniform_int_distribution<int>(0, max)(random);
  for (int k = 0; k < n; ++k) w += alphabet[random() % 8];
  return w;
}

// Returns `text` with ASCII letters in lower case.
std::string LowerAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Matches random literals (up to `max_literals` of up to 5 bytes) in
// random texts over `alphabet`, and expects every literal found, each
// once, as std::string::find finds it (both folded when `ignore_case`).
void ExpectAgreesWithFind(uint32_t seed, const char (&alphabet)[9], int max_literals,
                          bool ignore_case) {
  std::mt19937 random(seed);
  auto fold = [&](const std::string& text) { return ignore_case ? LowerAscii(text) : text; };
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> literals;
    int count = std::uniform_int_distribution<int>(1, max_literals)(random);
    for (int k = 0; k < count; ++k) literals.push_back(RandomWord(random, alphabet, 5));
    LiteralMatcher matcher(literals, ignore_case);
    std::vector<uint32_t> seen;
    uint32_t generation = 0;
    for (int t = 0; t < 20; ++t) {
      std::string text = RandomWord(random, alphabet, 60);
      std::vector<int> ids;
      matcher.FindAll(text, &ids, &seen, &generation);
      std::set<int> got(ids.begin(), ids.end());
      ASSERT_EQ(got.size(), ids.size()) << "an id was reported twice";
      std::set<int> want;
      for (size_t k = 0; k < literals.size(); ++k) {
        if (fold(text).find(fold(literals[k])) != std::string::npos) {
          want.insert(static_cast<int>(k));
        }
      }
      ASSERT_EQ(got, want) << "text '" << text << "'";
    }
  }
}

// Every literal found, each once, against std::string::find.
TEST(LiteralMatcherTest, AgreesWithFindOnRandomTexts) {
  ExpectAgreesWithFind(20261122, "abcab\xC3\xA9 ", 40, /*ignore_case=*/false);
}

// Ignoring case, letters match either case; '[' and 'Z' differ by one bit,
// as 'a' and 'A' do, but only letters fold.
TEST(LiteralMatcherTest, IgnoringCaseAgreesWithFindOnFoldedTexts) {
  ExpectAgreesWithFind(20261207, "abAB-Zz[", 30, /*ignore_case=*/true);
}

// An automaton too large for 16-bit transitions (the 32-bit table) finds
// the same literals.
TEST(LiteralMatcherTest, LargeAutomatonsAgreeWithFind) {
  std::mt19937 random(7);
  std::vector<std::string> literals;
  for (int k = 0; k < 3000; ++k) {
    std::string literal;
    for (int c = 0; c < 16; ++c) literal += "abcdefgh"[random() % 8];
    literals.push_back(literal);
  }
  LiteralMatcher matcher(literals);
  ASSERT_GT(matcher.state_count(), size_t{UINT16_MAX / 2});
  std::vector<uint32_t> seen;
  uint32_t generation = 0;
  for (int t = 0; t < 50; ++t) {
    // Texts built of literals and random bytes, so that some occur.
    std::string text;
    for (int part = 0; part < 6; ++part) {
      text += random() % 2 == 0 ? literals[random() % literals.size()]
                                : std::string(1, "abcdefgh"[random() % 8]);
    }
    std::vector<int> ids;
    matcher.FindAll(text, &ids, &seen, &generation);
    std::set<int> got(ids.begin(), ids.end());
    std::set<int> want;
    for (size_t k = 0; k < literals.size(); ++k) {
      if (text.find(literals[k]) != std::string::npos) want.insert(static_cast<int>(k));
    }
    ASSERT_EQ(got, want) << "text '" << text << "'";
    ASSERT_EQ(got.size(), ids.size());
  }
}

// --- Indexed and unindexed runs agree -------------------------------------------

// Every event the examples and the webhook fixtures hold.
std::vector<std::string> AllEventBodies() {
  std::vector<std::string> bodies;
  namespace fs = std::filesystem;
  fs::path root = fs::path(SYNCRULE_SOURCE_DIR);
  for (const auto& entry : fs::recursive_directory_iterator(root / "examples")) {
    if (entry.path().filename() != "events.ndjson") continue;
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) bodies.push_back(line);
    }
  }
  for (const char* dir : {"tests/fixtures/jira/webhooks_mattermost", "tests/fixtures/pagerduty"}) {
    if (!fs::exists(root / dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path());
      bodies.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  return bodies;
}

// Generates random rules over the fields the index handles, with values
// taken from the events so that many tests pass.
class RandomRules {
 public:
  explicit RandomRules(uint32_t seed) : random_(seed) {}

  std::string Make(int count) {
    std::string out;
    for (int r = 0; r < count; ++r) {
      out += random_() % 2 == 0 ? PagerDutyRule(r) : JiraRule(r);
    }
    return out;
  }

 private:
  std::string Pick(const std::vector<std::string>& values) {
    return values[random_() % values.size()];
  }
  std::string Quoted(const std::vector<std::string>& values) { return "\"" + Pick(values) + "\""; }
  std::string List(const std::vector<std::string>& values) {
    return "[" + Quoted(values) + ", " + Quoted(values) + "]";
  }

  std::string PagerDutyCondition() {
    static const std::vector<std::string> services = {"Checkout API", "checkout-api", "Payments",
                                                      "nope"};
    static const std::vector<std::string> urgencies = {"high", "low"};
    static const std::vector<std::string> statuses = {"triggered", "acknowledged", "resolved"};
    static const std::vector<std::string> words = {"Checkout", "checkout", "502", "API", "db",
                                                   "error", "", "zz"};
    switch (random_() % 10) {
      case 8: return Quoted(words) + " in incident.title";
      case 0: return "incident.service.name == " + Quoted(services);
      case 1: return "incident.service.name in " + List(services);
      case 2: return "incident.urgency == " + Quoted(urgencies);
      case 3: return "incident.status in " + List(statuses);
      case 4: return "contains(incident.title, " + Quoted(words) + ")";
      case 5: return "incident.title matches \"" + Pick(words) + "[ 0-9]*\"";
      case 6: return "incident.title matches \"(?i)" + Pick(words) + "\"";
      case 7: {
        static const char* ops[] = {" > ", " >= ", " < ", " <= "};
        std::string number = random_() % 3 == 0 ? std::to_string(random_() % 200) + ".5"
                                                : std::to_string(random_() % 200);
        return "incident.number" + std::string(ops[random_() % 4]) + number;
      }
      default: return "not incident.urgency == " + Quoted(urgencies);
    }
  }

  std::string JiraClause() {
    static const std::vector<std::string> projects = {"SRE", "OPS", "MM", "TEST", "sre"};
    static const std::vector<std::string> statuses = {"Open", "\"In Progress\"", "Done",
                                                      "Backlog"};
    static const std::vector<std::string> labels = {"customer-impact", "sync", "x"};
    switch (random_() % 5) {
      case 0: return "project = " + Pick(projects);
      case 1: return "status in (" + Pick(statuses) + ", " + Pick(statuses) + ")";
      case 2: return "labels = " + Pick(labels);
      case 3: return "priority in (High, Highest, Medium)";
      default: return "NOT status = " + Pick(statuses);
    }
  }

  std::string JiraCondition() {
    static const std::vector<std::string> words = {"Checkout", "API", "bug", "the", "zz"};
    static const std::vector<std::string> labels = {"customer-impact", "sync", "x"};
    switch (random_() % 4) {
      case 3: return Quoted(labels) + " in issue.labels";
      case 0: return "contains(issue.summary, \"" + Pick(words) + "\")";
      case 1: return "issue.summary matches \"(?i)" + Pick(words) + "\"";
      default: return "issue.status == \"Open\" or issue.priority in [\"High\", \"Low\"]";
    }
  }

  std::string PagerDutyRule(int r) {
    static const std::vector<std::string> types = {"triggered", "acknowledged", "resolved",
                                                   "annotated"};
    std::string rule = "rule \"p" + std::to_string(r) + "\" {\n  on pagerduty.incident." +
                       Pick(types) + "\n";
    int conditions = 1 + static_cast<int>(random_() % 3);
    for (int c = 0; c < conditions; ++c) {
      switch (random_() % 6) {
        case 0: rule += "  when " + PagerDutyCondition() + " or " + PagerDutyCondition() + "\n"; break;
        case 1:
          rule += "  when (" + PagerDutyCondition() + " and " + PagerDutyCondition() + ") or " +
                  PagerDutyCondition() + " or " + PagerDutyCondition() + "\n";
          break;
        default: rule += "  when " + PagerDutyCondition() + "\n"; break;
      }
    }
    return rule + "  do pagerduty.add_note(content = \"p" + std::to_string(r) + "\")\n}\n";
  }

  std::string JiraRule(int r) {
    std::string jql = JiraClause();
    int clauses = static_cast<int>(random_() % 3);
    for (int c = 0; c < clauses; ++c) {
      jql += random_() % 4 == 0 ? " OR " + JiraClause() : " AND " + JiraClause();
    }
    std::string rule = "rule \"j" + std::to_string(r) +
                       "\" {\n  on jira.issue.updated, jira.issue.created\n  match jql `" + jql +
                       "`" + (random_() % 5 == 0 ? " becomes true" : "") + "\n";
    if (random_() % 2 == 0) rule += "  when " + JiraCondition() + "\n";
    return rule + "  do jira.comment(body = \"j" + std::to_string(r) + "\")\n}\n";
  }

  std::mt19937 random_;
};

// Runs every body with and without the index and compares the effects.
void ExpectIndexAgrees(const Program& program, const std::vector<std::string>& bodies,
                       size_t* candidates, size_t* triggered, size_t* matched) {
  EvalState state(program);
  Vm vm;
  for (const std::string& body : bodies) {
    Payload payload(body);
    if (!payload.ok) continue;
    std::optional<EventInfo> event = testing::Decode(payload, body);
    if (!event) continue;
    RunOptions indexed;
    RunOptions every;
    every.use_index = false;
    std::vector<Effect> with_index, without;
    vm.Run(program, state, *event, payload.root, indexed, &with_index);
    *candidates += state.candidates().size();
    vm.Run(program, state, *event, payload.root, every, &without);
    *triggered += program.RulesFor(event->type).size();
    *matched += without.size();
    ASSERT_EQ(with_index.size(), without.size()) << event->type << " " << body.substr(0, 120);
    for (size_t k = 0; k < without.size(); ++k) {
      EXPECT_EQ(with_index[k].rule, without[k].rule);
      EXPECT_EQ(with_index[k].args, without[k].args);
    }
  }
}

TEST(RuleIndexTest, IndexedRunsGiveTheEffectsOfRunningEveryRule) {
  std::vector<std::string> bodies = AllEventBodies();
  ASSERT_GT(bodies.size(), 30u);
  size_t candidates = 0, triggered = 0, matched = 0;
  for (uint32_t seed = 1; seed <= 12; ++seed) {
    std::string rules = RandomRules(seed).Make(150);
    testing::CompiledRules compiled = CompileRule(rules);
    ASSERT_EQ(compiled.errors, "") << rules;
    ExpectIndexAgrees(*compiled.program, bodies, &candidates, &triggered, &matched);
  }
  // The comparison means something only if rules matched, and the index
  // is worth having only if it ran fewer rules than were triggered.
  EXPECT_GT(matched, 100u);
  EXPECT_LT(candidates, triggered / 2);
  std::printf("rule index: %zu candidates of %zu triggered rule runs, %zu effects\n",
              candidates, triggered, matched);
}

TEST(RuleIndexTest, EveryExampleRunsTheSameWithAndWithoutTheIndex) {
  std::vector<std::string> bodies = AllEventBodies();
  namespace fs = std::filesystem;
  size_t candidates = 0, triggered = 0, matched = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(SYNCRULE_SOURCE_DIR) / "examples")) {
    if (!entry.is_directory()) continue;
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& file : fs::directory_iterator(entry.path())) {
      if (file.path().extension() != ".rule") continue;
      files.emplace_back(file.path().string(), testing::ReadSource(
          fs::relative(file.path(), SYNCRULE_SOURCE_DIR).string()));
    }
    if (files.empty()) continue;
    testing::CompiledRules compiled = testing::CompileRules(files);
    ASSERT_EQ(compiled.errors, "") << entry.path();
    ExpectIndexAgrees(*compiled.program, bodies, &candidates, &triggered, &matched);
  }
  EXPECT_GT(matched, 0u);
}

}  // namespace
}  // namespace syncrule::runtime
