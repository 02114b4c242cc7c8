#include "runtime/rule_conjuncts.h"

#include <cmath>
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
  // `pc` == `forced_false`, a conditional jump there only takes its false
  // exit (the jump for JMP_IF_FALSE).
  template <typename Visit>
  void ForEachSuccessor(uint32_t pc, uint32_t forced_false, Visit visit) const {
    Opcode op = Op(pc);
    if (op == Opcode::kRETURN || op == Opcode::kREJECT) return;
    bool falls_through = op != Opcode::kJMP && op != Opcode::kITER_LOOP;
    if (pc == forced_false) falls_through = false;
    if (falls_through && pc + 1 < end_) visit(pc + 1);
    if (IsJump(op)) {
      if (std::optional<uint32_t> target = Target(pc)) visit(*target);
    }
  }

  // Returns true when some RETURN is reachable from the entry while the
  // conditional jump at `forced_false` always jumps.
  bool ReturnReachableWithout(uint32_t forced_false) const {
    std::vector<bool> seen(end_ - begin_, false);
    std::vector<uint32_t> work{begin_};
    seen[0] = true;
    while (!work.empty()) {
      uint32_t pc = work.back();
      work.pop_back();
      if (Op(pc) == Opcode::kRETURN) return true;
      ForEachSuccessor(pc, forced_false, [&](uint32_t next) {
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
      ForEachSuccessor(pc, UINT32_MAX, [&](uint32_t next) {
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

std::vector<Conjunct> FindConjuncts(const ModuleImage& image, uint32_t rule_index) {
  const RuleImage& rule = image.rules[rule_index];
  std::vector<Conjunct> conjuncts;
  if (rule.code_begin >= rule.code_end) return conjuncts;
  RuleCode code(image, rule);
  std::vector<View> views = code.Views();
  for (uint32_t pc = code.begin(); pc < code.end(); ++pc) {
    uint32_t jump = 0;
    std::optional<Conjunct> c = ReadTest(code, image, views, pc, &jump);
    if (!c || jump >= code.end() || code.Op(jump) != Opcode::kJMP_IF_FALSE) continue;
    if (!code.ReturnReachableWithout(jump)) conjuncts.push_back(*c);
  }
  return conjuncts;
}

}  // namespace syncrule::runtime
