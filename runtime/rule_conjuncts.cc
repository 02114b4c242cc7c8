#include "runtime/rule_conjuncts.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "runtime/instruction.h"
#include "stdlib/builtin_names.h"

namespace syncrule::runtime {
namespace {

// The JQL view at an instruction: which issue JQL_LOAD reads there.
enum class View : uint8_t { kUnreached, kCurrent, kPrevious, kEither };

// The code of one rule with its control flow, addressed by absolute pc.
class RuleCode {
 public:
  RuleCode(const ModuleImage& image, const RuleImage& rule)
      : image_(image), begin_(rule.code_begin), end_(rule.code_end),
        is_target_(end_ - begin_, false) {
    for (uint32_t pc = begin_; pc < end_; ++pc) {
      if (IsJump(OpOf(At(pc)))) {
        if (std::optional<uint32_t> target = Target(pc)) is_target_[*target - begin_] = true;
      }
    }
  }

  uint32_t begin() const { return begin_; }
  uint32_t end() const { return end_; }
  Instruction At(uint32_t pc) const { return image_.code[pc]; }
  Opcode Op(uint32_t pc) const { return OpOf(At(pc)); }
  bool IsTarget(uint32_t pc) const { return pc < end_ && is_target_[pc - begin_]; }

  // Returns where jump `pc` goes, when inside the rule.
  std::optional<uint32_t> Target(uint32_t pc) const {
    int64_t target = static_cast<int64_t>(pc) + 1 + JumpOffset(At(pc));
    if (target < begin_ || target >= end_) return std::nullopt;
    return static_cast<uint32_t>(target);
  }

  // Calls `visit(next)` for each instruction that may run after `pc`. When
  // `forced` is set for `pc`, a conditional jump there takes only the exit
  // its value being false leads to: the jump of JMP_IF_FALSE and AND_JMP,
  // the fall-through of JMP_IF_TRUE and OR_JMP.
  template <typename Visit>
  void ForEachSuccessor(uint32_t pc, const std::vector<bool>* forced, Visit visit) const {
    Opcode op = Op(pc);
    if (op == Opcode::kRETURN || op == Opcode::kREJECT) return;
    bool falls_through = op != Opcode::kJMP && op != Opcode::kITER_LOOP;
    bool jumps = IsJump(op);
    if (forced != nullptr && (*forced)[pc - begin_]) {
      bool jumps_when_false = op == Opcode::kJMP_IF_FALSE || op == Opcode::kAND_JMP;
      falls_through = !jumps_when_false;
      jumps = jumps_when_false;
    }
    if (falls_through && pc + 1 < end_) visit(pc + 1);
    if (jumps) {
      if (std::optional<uint32_t> target = Target(pc)) visit(*target);
    }
  }

  // Returns true when some RETURN is reachable from the entry while every
  // conditional jump in `forced_false` takes its false exit.
  bool ReturnReachableWithout(const std::vector<uint32_t>& forced_false) const {
    std::vector<bool> forced(end_ - begin_, false);
    for (uint32_t pc : forced_false) forced[pc - begin_] = true;
    std::vector<bool> seen(end_ - begin_, false);
    std::vector<uint32_t> work{begin_};
    seen[0] = true;
    while (!work.empty()) {
      uint32_t pc = work.back();
      work.pop_back();
      if (Op(pc) == Opcode::kRETURN) return true;
      ForEachSuccessor(pc, &forced, [&](uint32_t next) {
        if (!seen[next - begin_]) {
          seen[next - begin_] = true;
          work.push_back(next);
        }
      });
    }
    return false;
  }

  // Returns the JQL view at every instruction (a forward data flow: the
  // entry reads the current issue, SET_VIEW changes it).
  std::vector<View> Views() const {
    std::vector<View> views(end_ - begin_, View::kUnreached);
    std::vector<uint32_t> work{begin_};
    views[0] = View::kCurrent;
    while (!work.empty()) {
      uint32_t pc = work.back();
      work.pop_back();
      View out = views[pc - begin_];
      if (Op(pc) == Opcode::kSET_VIEW) {
        out = ArgA(At(pc)) == 0 ? View::kCurrent : View::kPrevious;
      }
      ForEachSuccessor(pc, nullptr, [&](uint32_t next) {
        View& in = views[next - begin_];
        View joined = in == View::kUnreached || in == out ? out : View::kEither;
        if (joined != in) {
          in = joined;
          work.push_back(next);
        }
      });
    }
    return views;
  }

 private:
  const ModuleImage& image_;
  uint32_t begin_;
  uint32_t end_;
  std::vector<bool> is_target_;
};

bool IsStringConstant(const ModuleImage& image, uint32_t constant) {
  return constant < image.constants.size() && image.constants[constant].is_string();
}

// The largest magnitude a double holds every integer up to: thresholds
// and values beyond it are left to the VM.
constexpr double kExactDoubleLimit = 9007199254740992.0;  // 2^53

// Reads `load; PUSH_INT|PUSH_CONST number; GT|GE|LT|LE` at c.pc, with no
// jump landing inside, into a kCompare test.
std::optional<Conjunct> ReadComparison(const RuleCode& code, const ModuleImage& image,
                                       Conjunct c, uint32_t* jump) {
  uint32_t pc = c.pc;
  if (pc + 3 >= code.end() || code.IsTarget(pc + 3) || c.kind == AttributeKind::kJqlField) {
    return std::nullopt;
  }
  Instruction push = code.At(pc + 1);
  double threshold = 0;
  if (OpOf(push) == Opcode::kPUSH_INT) {
    threshold = static_cast<double>(ArgSJ(push));
  } else {
    uint32_t k = ArgA(push);
    if (k >= image.constants.size() || !image.constants[k].is_number()) return std::nullopt;
    threshold = image.constants[k].get<double>();
    if (!(std::abs(threshold) <= kExactDoubleLimit)) return std::nullopt;  // NaN too
  }
  Opcode op = code.Op(pc + 2);
  if (op != Opcode::kGT && op != Opcode::kGE && op != Opcode::kLT && op != Opcode::kLE) {
    return std::nullopt;
  }
  c.test = ConjunctTest::kCompare;
  c.compare = op;
  c.threshold = threshold;
  *jump = pc + 3;
  return c;
}

// Reads `PUSH_CONST "literal"; LOAD_FIELD|LOAD_PATH; IN` at `pc`, with no
// jump landing inside, into a kHasItem test.
std::optional<Conjunct> ReadHasItem(const RuleCode& code, const ModuleImage& image,
                                    uint32_t pc, uint32_t* jump) {
  if (pc + 3 >= code.end() || code.IsTarget(pc + 1) || code.IsTarget(pc + 2) ||
      code.IsTarget(pc + 3) || code.Op(pc + 2) != Opcode::kIN ||
      !IsStringConstant(image, ArgA(code.At(pc)))) {
    return std::nullopt;
  }
  Conjunct c;
  switch (code.Op(pc + 1)) {
    case Opcode::kLOAD_FIELD: c.kind = AttributeKind::kField; break;
    case Opcode::kLOAD_PATH: c.kind = AttributeKind::kPath; break;
    default: return std::nullopt;
  }
  c.test = ConjunctTest::kHasItem;
  c.attribute = ArgA(code.At(pc + 1));
  c.operand = ArgA(code.At(pc));
  c.pc = pc;
  *jump = pc + 3;
  return c;
}

// Reads the test at `pc` when it is one the index answers: the load, the
// test, and (for contains) the literal, with no jump landing inside.
// Returns the test and sets `*jump` to the conditional jump after it.
std::optional<Conjunct> ReadTest(const RuleCode& code, const ModuleImage& image,
                                 const std::vector<View>& views, uint32_t pc,
                                 uint32_t* jump) {
  Conjunct c;
  c.pc = pc;
  Instruction load = code.At(pc);
  switch (OpOf(load)) {
    case Opcode::kLOAD_FIELD: c.kind = AttributeKind::kField; break;
    case Opcode::kLOAD_PATH: c.kind = AttributeKind::kPath; break;
    case Opcode::kJQL_LOAD:
      if (views[pc - code.begin()] != View::kCurrent) return std::nullopt;
      c.kind = AttributeKind::kJqlField;
      break;
    case Opcode::kPUSH_CONST: return ReadHasItem(code, image, pc, jump);
    default: return std::nullopt;
  }
  c.attribute = ArgA(load);
  if (pc + 2 >= code.end() || code.IsTarget(pc + 1) || code.IsTarget(pc + 2)) {
    return std::nullopt;
  }
  Instruction test = code.At(pc + 1);
  c.operand = ArgA(test);
  *jump = pc + 2;
  bool jql = c.kind == AttributeKind::kJqlField;
  switch (OpOf(test)) {
    case Opcode::kJQL_ANY_IN:
      if (!jql) return std::nullopt;
      c.test = ConjunctTest::kJqlAnyIn;
      return c;
    case Opcode::kIN_SET: c.test = ConjunctTest::kInSet; break;
    case Opcode::kMATCH: c.test = ConjunctTest::kRegex; break;
    case Opcode::kEQ_CONST:
      if (!IsStringConstant(image, c.operand)) return std::nullopt;
      c.test = ConjunctTest::kEqualsString;
      break;
    case Opcode::kPUSH_INT:
    case Opcode::kPUSH_CONST: {
      if (std::optional<Conjunct> compared = ReadComparison(code, image, c, jump)) {
        return compared;
      }
      if (OpOf(test) != Opcode::kPUSH_CONST) return std::nullopt;
      Instruction call = code.At(pc + 2);
      if (pc + 3 >= code.end() || code.IsTarget(pc + 3) || OpOf(call) != Opcode::kCALL ||
          ArgShortA(call) != static_cast<uint32_t>(stdlib::Builtin::kContains) ||
          ArgB(call) != 2 || !IsStringConstant(image, c.operand)) {
        return std::nullopt;
      }
      c.test = ConjunctTest::kContains;
      *jump = pc + 3;
      break;
    }
    default: return std::nullopt;
  }
  if (jql) return std::nullopt;
  return c;
}

}  // namespace

namespace {

bool IsConditionalJump(Opcode op) {
  return op == Opcode::kJMP_IF_FALSE || op == Opcode::kJMP_IF_TRUE ||
         op == Opcode::kAND_JMP || op == Opcode::kOR_JMP;
}

// A test the index could answer, with the conditional jump that reads it.
struct Candidate {
  Conjunct conjunct;
  uint32_t jump = 0;
};

std::vector<uint32_t> JumpsOf(const std::vector<Candidate>& tests) {
  std::vector<uint32_t> jumps;
  for (const Candidate& t : tests) jumps.push_back(t.jump);
  return jumps;
}

// Returns a minimal group of `tests` without all of which RETURN cannot be
// reached, or an empty group when there is none: each test is dropped in
// turn, and stays out when the rest still cut every path.
std::vector<Candidate> MinimalAlternatives(const RuleCode& code, std::vector<Candidate> tests) {
  if (tests.size() < 2 || code.ReturnReachableWithout(JumpsOf(tests))) return {};
  for (size_t k = 0; k < tests.size();) {
    std::vector<Candidate> rest = tests;
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(k));
    if (!code.ReturnReachableWithout(JumpsOf(rest))) {
      tests = std::move(rest);
    } else {
      ++k;
    }
  }
  return tests;
}

// Renumbers the clauses of `conjuncts` (sorted by pc; each clause holding
// a distinct key) from 0 in order of their first tests.
void NumberClauses(std::vector<Conjunct>& conjuncts) {
  std::map<uint32_t, uint32_t> numbers;
  for (Conjunct& c : conjuncts) {
    auto [it, added] = numbers.emplace(c.clause, static_cast<uint32_t>(numbers.size()));
    c.clause = it->second;
  }
}

}  // namespace

std::vector<Conjunct> FindConjuncts(const ModuleImage& image, uint32_t rule_index) {
  const RuleImage& rule = image.rules[rule_index];
  std::vector<Conjunct> conjuncts;
  if (rule.code_begin >= rule.code_end) return conjuncts;
  RuleCode code(image, rule);
  std::vector<View> views = code.Views();
  std::vector<Candidate> optional;
  for (uint32_t pc = code.begin(); pc < code.end(); ++pc) {
    uint32_t jump = 0;
    std::optional<Conjunct> c = ReadTest(code, image, views, pc, &jump);
    if (!c || jump >= code.end() || !IsConditionalJump(code.Op(jump))) continue;
    if (!code.ReturnReachableWithout({jump})) {
      c->clause = pc;  // a key of its own, renumbered below
      conjuncts.push_back(*c);
    } else if (optional.size() < kMaxAlternativeTests) {
      optional.push_back({*c, jump});
    }
  }
  // Groups of alternatives among the tests no path needs alone.
  while (true) {
    std::vector<Candidate> group = MinimalAlternatives(code, optional);
    if (group.empty()) break;
    for (const Candidate& member : group) {
      Conjunct c = member.conjunct;
      c.alternative = true;
      // The group's key, apart from every single test's (a pc).
      c.clause = UINT32_MAX - group.front().jump;
      conjuncts.push_back(c);
      std::erase_if(optional, [&](const Candidate& t) { return t.jump == member.jump; });
    }
  }
  std::sort(conjuncts.begin(), conjuncts.end(),
            [](const Conjunct& a, const Conjunct& b) { return a.pc < b.pc; });
  NumberClauses(conjuncts);
  return conjuncts;
}

}  // namespace syncrule::runtime