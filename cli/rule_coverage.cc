#include "cli/rule_coverage.h"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace syncrule::cli {
namespace {

// Returns true when (line, column) `at` lies in [begin, end).
bool Inside(const RuleClause& clause, uint32_t line, uint32_t column) {
  auto before = [](int l1, int c1, int l2, int c2) { return l1 < l2 || (l1 == l2 && c1 < c2); };
  int l = static_cast<int>(line), c = static_cast<int>(column);
  return !before(l, c, clause.begin.line, clause.begin.column) &&
         before(l, c, clause.end.line, clause.end.column);
}

// Returns the index of the innermost clause of rule `rule` that holds the
// position `where`, or -1. Clauses nest only inside `for`, whose body
// clauses come after it, so the last holder is the innermost.
int InnermostClause(const std::vector<RuleClause>& clauses, size_t rule,
                    const runtime::SourceLocation& where) {
  int found = -1;
  for (size_t c = 0; c < clauses.size(); ++c) {
    const RuleClause& clause = clauses[c];
    if (clause.rule == rule && clause.file == where.file && Inside(clause, where.line, where.column)) {
      found = static_cast<int>(c);
    }
  }
  return found;
}

// Marks the clauses and rules whose instructions ran.
void CoverCode(const runtime::Program& program, const std::vector<RuleClause>& clauses,
               const runtime::CoverageRecorder& recorder, std::vector<bool>* clause_hit,
               std::vector<bool>* rule_hit) {
  const auto& code = program.code();
  for (size_t r = 0; r < program.rule_count(); ++r) {
    const runtime::RuleImage& rule = program.rule(r);
    for (uint32_t pc = rule.code_begin; pc < rule.code_end; ++pc) {
      if (!recorder.WasExecuted(pc)) continue;
      runtime::Opcode op = runtime::OpOf(code[pc]);
      if (op == runtime::Opcode::kRETURN) (*rule_hit)[r] = true;
      // A loop's back edge sits at its body's last clause, and a failed
      // `when` in the body jumps to it: it says nothing about that clause.
      if (op == runtime::Opcode::kITER_LOOP) continue;
      int clause = InnermostClause(clauses, r, program.Locate(pc));
      if (clause >= 0) (*clause_hit)[clause] = true;
    }
  }
}

// Returns "file:line:col" of a clause.
std::string Where(const runtime::Program& program, const RuleClause& clause) {
  const auto& files = program.image().files;
  std::string file = clause.file >= 0 && static_cast<size_t>(clause.file) < files.size()
                         ? files[clause.file].name
                         : "?";
  return fmt::format("{}:{}:{}", file, clause.begin.line, clause.begin.column);
}

// Counts map entries and notes the ones no lookup hit.
void CoverMaps(const runtime::Program& program, const runtime::CoverageRecorder& recorder,
               CoverageReport* report) {
  const auto& maps = program.image().maps;
  for (uint32_t m = 0; m < maps.size(); ++m) {
    std::vector<std::string> missed;
    for (const auto& [key, constant] : maps[m].entries) {
      ++report->map_entries.total;
      if (recorder.WasKeyHit(m, key)) {
        ++report->map_entries.covered;
      } else {
        missed.push_back(nlohmann::json(key).dump());
      }
    }
    if (maps[m].default_constant >= 0) {
      ++report->map_entries.total;
      if (recorder.WasDefaultHit(m)) {
        ++report->map_entries.covered;
      } else {
        missed.push_back("_");
      }
    }
    if (!missed.empty()) {
      std::string list;
      for (const std::string& key : missed) list += (list.empty() ? "" : ", ") + key;
      report->missed.push_back(fmt::format("map {}: {}", maps[m].name, list));
    }
  }
}

}  // namespace

CoverageReport ComputeCoverage(const runtime::Program& program,
                               const std::vector<RuleClause>& clauses,
                               const runtime::CoverageRecorder& recorder) {
  CoverageReport report;
  std::vector<bool> clause_hit(clauses.size(), false);
  std::vector<bool> rule_hit(program.rule_count(), false);
  CoverCode(program, clauses, recorder, &clause_hit, &rule_hit);
  for (size_t r = 0; r < program.rule_count(); ++r) {
    const runtime::RuleImage& rule = program.rule(r);
    ++report.rules.total;
    if (rule_hit[r]) {
      ++report.rules.covered;
    } else {
      const auto& files = program.image().files;
      std::string file = rule.file < files.size() ? files[rule.file].name : "?";
      report.missed.push_back(fmt::format("{}:{}:{}: rule \"{}\" never matched", file, rule.line,
                                          rule.column, rule.name));
    }
  }
  for (size_t c = 0; c < clauses.size(); ++c) {
    ++report.clauses.total;
    if (clause_hit[c]) {
      ++report.clauses.covered;
    } else {
      report.missed.push_back(fmt::format("{}: `{}` in rule \"{}\" never ran",
                                          Where(program, clauses[c]), clauses[c].kind,
                                          program.rule(clauses[c].rule).name));
    }
  }
  CoverMaps(program, recorder, &report);
  return report;
}

void PrintCoverage(std::ostream& out, const std::string& title, const CoverageReport& report) {
  out << "coverage of " << title << ":\n";
  auto line = [&](const char* what, const CoverageCount& count) {
    out << fmt::format("  {:<12} {:>4}/{:<4} {:5.1f}%\n", what, count.covered, count.total,
                       count.Percent());
  };
  line("rules", report.rules);
  line("clauses", report.clauses);
  line("map entries", report.map_entries);
  if (report.missed.empty()) return;
  out << "  not covered:\n";
  for (const std::string& missed : report.missed) out << "    " << missed << '\n';
}

}  // namespace syncrule::cli
