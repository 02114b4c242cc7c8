#include "runtime/verifier.h"

#include <simdjson.h>

#include <bit>
#include <vector>

#include <fmt/format.h>

#include "runtime/program.h"
#include "stdlib/builtin_names.h"

namespace syncrule::runtime {
namespace {

ModuleStatus Error(ModuleError code, std::string message) {
  return ModuleStatus{code, std::move(message)};
}

bool IsStringConstant(const ModuleImage& m, uint32_t i) {
  return i < m.constants.size() && m.constants[i].is_string();
}

bool ValidUtf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

// True when every string in `value` (keys included) is valid UTF-8, so that
// effects built from constants always serialise.
bool ConstantIsUtf8(const nlohmann::json& value) {
  if (value.is_string()) return ValidUtf8(value.get_ref<const std::string&>());
  if (value.is_array()) {
    for (const auto& item : value) {
      if (!ConstantIsUtf8(item)) return false;
    }
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (!ValidUtf8(key) || !ConstantIsUtf8(item)) return false;
    }
  }
  return true;
}

// Checks the tables that reference each other, before any code.
ModuleStatus VerifyTables(const ModuleImage& m) {
  for (size_t c = 0; c < m.constants.size(); ++c) {
    if (!ConstantIsUtf8(m.constants[c])) {
      return Error(ModuleError::kBadValue,
                   fmt::format("constant {} holds text that is not UTF-8", c));
    }
  }
  for (size_t i = 0; i < m.sites.size(); ++i) {
    bool ok = ValidUtf8(m.sites[i].action) && ValidUtf8(m.sites[i].entity) &&
              ValidUtf8(m.sites[i].connector);
    for (const std::string& name : m.sites[i].arg_names) ok = ok && ValidUtf8(name);
    if (!ok) {
      return Error(ModuleError::kBadValue,
                   fmt::format("effect site {} has a name that is not UTF-8", i));
    }
  }
  for (size_t f = 0; f < m.fields.size(); ++f) {
    for (const auto& [format, path] : m.fields[f].paths) {
      if (path >= m.paths.size()) {
        return Error(ModuleError::kBadOperand,
                     fmt::format("field {} ('{}') names path {} of {}", f,
                                 m.fields[f].name, path, m.paths.size()));
      }
    }
  }
  for (size_t p = 0; p < m.paths.size(); ++p) {
    if (!m.paths[p].empty() && m.paths[p][0] != '/') {
      return Error(ModuleError::kBadValue,
                   fmt::format("path {} '{}' is not a JSON Pointer", p, m.paths[p]));
    }
  }
  for (size_t i = 0; i < m.maps.size(); ++i) {
    const MapImage& map = m.maps[i];
    for (const auto& [key, constant] : map.entries) {
      if (constant >= m.constants.size()) {
        return Error(ModuleError::kBadOperand,
                     fmt::format("map '{}' entry '{}' names constant {} of {}",
                                 map.name, key, constant, m.constants.size()));
      }
    }
    if (map.default_constant < -1 ||
        map.default_constant >= static_cast<int64_t>(m.constants.size())) {
      return Error(ModuleError::kBadOperand,
                   fmt::format("map '{}' default names constant {} of {}",
                               map.name, map.default_constant, m.constants.size()));
    }
  }
  for (size_t i = 0; i < m.sites.size(); ++i) {
    if (m.sites[i].arg_names.size() > kMaxStackDepth) {
      return Error(ModuleError::kBadValue,
                   fmt::format("effect site {} has {} arguments", i,
                               m.sites[i].arg_names.size()));
    }
  }
  for (size_t i = 0; i < m.jql_fields.size(); ++i) {
    int64_t path = m.jql_fields[i].path;
    if (path < -1 || path >= static_cast<int64_t>(m.paths.size())) {
      return Error(ModuleError::kBadOperand,
                   fmt::format("JQL field {} names path {} of {}", i, path,
                               m.paths.size()));
    }
  }
  for (size_t i = 0; i < m.jql_terms.size(); ++i) {
    if (m.jql_terms[i].field >= m.jql_fields.size()) {
      return Error(ModuleError::kBadOperand,
                   fmt::format("JQL term {} names field {} of {}", i,
                               m.jql_terms[i].field, m.jql_fields.size()));
    }
  }
  uint32_t last = 0;
  for (size_t i = 0; i < m.lines.size(); ++i) {
    const LineEntry& e = m.lines[i];
    if (e.pc >= m.code.size() || (i > 0 && e.pc <= last) ||
        e.file >= std::max<size_t>(m.files.size(), 1)) {
      return Error(ModuleError::kBadLineTable,
                   fmt::format("line entry {} (pc {}, file {}) is out of order "
                               "or out of range",
                               i, e.pc, e.file));
    }
    last = e.pc;
  }
  return ModuleStatus{};
}

// Checks one rule's header fields.
ModuleStatus VerifyRuleHeader(const ModuleImage& m, size_t r, uint32_t* next_begin) {
  const RuleImage& rule = m.rules[r];
  auto fail = [&](const std::string& why) {
    return Error(ModuleError::kBadRule, fmt::format("rule {} ('{}'): {}", r, rule.name, why));
  };
  if (rule.code_begin != *next_begin) {
    return fail(fmt::format("code starts at {}, expected {} (rules are "
                            "contiguous, in order)",
                            rule.code_begin, *next_begin));
  }
  if (rule.code_end <= rule.code_begin || rule.code_end > m.code.size()) {
    return fail(fmt::format("code range [{}, {}) is empty or outside the {} "
                            "instructions",
                            rule.code_begin, rule.code_end, m.code.size()));
  }
  bool utf8 = ValidUtf8(rule.name) && ValidUtf8(rule.jql);
  for (const std::string& trigger : rule.triggers) utf8 = utf8 && ValidUtf8(trigger);
  if (!utf8) {
    return Error(ModuleError::kBadValue,
                 fmt::format("rule {}: a name, trigger or query is not UTF-8", r));
  }
  if (rule.local_count > kMaxLocals) return fail("too many local slots");
  if (rule.iterator_count > kMaxIterators) return fail("too many iterator slots");
  if (rule.max_stack > kMaxStackDepth) return fail("declared stack too deep");
  if (!m.files.empty() && rule.file >= m.files.size()) {
    return fail(fmt::format("file {} of {}", rule.file, m.files.size()));
  }
  *next_begin = rule.code_end;
  return ModuleStatus{};
}

// Checks the operand of instruction `pc` of `rule`.
ModuleStatus VerifyOperand(const ModuleImage& m, const RuleImage& rule,
                           uint32_t pc) {
  Instruction i = m.code[pc];
  Opcode op = OpOf(i);
  auto bad = [&](ModuleError code, const std::string& why) {
    return Error(code, fmt::format("rule '{}' pc {} {}: {}", rule.name, pc,
                                   OpcodeName(op), why));
  };
  auto index = [&](size_t limit, const char* what) -> ModuleStatus {
    if (ArgA(i) >= limit) {
      return bad(ModuleError::kBadOperand,
                 fmt::format("{} {} out of range ({} entries)", what, ArgA(i), limit));
    }
    return ModuleStatus{};
  };
  switch (FormatOf(op)) {
    case OperandFormat::kNone:
      if (ArgA(i) != 0) return bad(ModuleError::kBadOperand, "takes no operand");
      return ModuleStatus{};
    case OperandFormat::kSignedA: return ModuleStatus{};
    case OperandFormat::kConst: {
      ModuleStatus s = index(m.constants.size(), "constant");
      if (!s.ok()) return s;
      if ((op == Opcode::kMEMBER || op == Opcode::kLINKED) &&
          !IsStringConstant(m, ArgA(i))) {
        return bad(ModuleError::kBadConstantType,
                   fmt::format("constant {} must be a string", ArgA(i)));
      }
      return ModuleStatus{};
    }
    case OperandFormat::kField: return index(m.fields.size(), "field");
    case OperandFormat::kPath: return index(m.paths.size(), "path");
    case OperandFormat::kLocal: return index(rule.local_count, "local slot");
    case OperandFormat::kSet: {
      ModuleStatus s = index(m.sets.size(), "set");
      if (!s.ok()) return s;
      bool jql = op == Opcode::kJQL_ANY_IN || op == Opcode::kJQL_NONE_IN;
      if (jql != m.sets[ArgA(i)].folded) {
        return bad(ModuleError::kBadConstantType,
                   jql ? "JQL set tests need a folded set"
                       : "IN_SET needs an unfolded set");
      }
      return ModuleStatus{};
    }
    case OperandFormat::kRegex: return index(m.regexes.size(), "regex");
    case OperandFormat::kCount:
      if (ArgA(i) > kMaxStackDepth) return bad(ModuleError::kBadOperand, "count too large");
      return ModuleStatus{};
    case OperandFormat::kObject: {
      uint32_t keys = ArgB(i);
      if (keys >= m.constants.size()) {
        return bad(ModuleError::kBadOperand, fmt::format("constant {} out of range", keys));
      }
      const nlohmann::json& list = m.constants[keys];
      if (!list.is_array() || list.size() != ArgShortA(i)) {
        return bad(ModuleError::kBadConstantType,
                   fmt::format("constant {} must be a list of {} keys", keys, ArgShortA(i)));
      }
      for (const auto& key : list) {
        if (!key.is_string()) {
          return bad(ModuleError::kBadConstantType, "object keys must be strings");
        }
      }
      return ModuleStatus{};
    }
    case OperandFormat::kMap: return index(m.maps.size(), "map");
    case OperandFormat::kCall: {
      uint32_t id = ArgShortA(i);
      uint32_t argc = ArgB(i);
      if (id >= stdlib::kBuiltins.size()) {
        return bad(ModuleError::kBadOperand, fmt::format("no builtin {}", id));
      }
      const stdlib::BuiltinDecl& decl = stdlib::kBuiltins[id];
      if (static_cast<int>(argc) < decl.min_args ||
          (decl.max_args >= 0 && static_cast<int>(argc) > decl.max_args) ||
          argc > 255) {
        return bad(ModuleError::kBadOperand,
                   fmt::format("{}() called with {} arguments", decl.name, argc));
      }
      if (decl.regex_arg >= 0) {
        return bad(ModuleError::kBadOperand,
                   fmt::format("{}() needs a precompiled regex (CALL_RE)", decl.name));
      }
      return ModuleStatus{};
    }
    case OperandFormat::kCallRegex: {
      uint32_t id = ArgShortA(i);
      if (id >= stdlib::kBuiltins.size() || stdlib::kBuiltins[id].regex_arg != 1) {
        return bad(ModuleError::kBadOperand, fmt::format("builtin {} takes no regex", id));
      }
      if (ArgB(i) >= m.regexes.size()) {
        return bad(ModuleError::kBadOperand, fmt::format("regex {} out of range", ArgB(i)));
      }
      return ModuleStatus{};
    }
    case OperandFormat::kChanged:
      if (ArgShortA(i) > 3 || ArgShortA(i) == 0) {
        return bad(ModuleError::kBadOperand, "flags must be 1..3");
      }
      if (ArgB(i) >= m.fields.size()) {
        return bad(ModuleError::kBadOperand, fmt::format("field {} out of range", ArgB(i)));
      }
      return ModuleStatus{};
    case OperandFormat::kLinkedField: {
      ModuleStatus s = index(m.constants.size(), "constant");
      if (!s.ok()) return s;
      const nlohmann::json& c = m.constants[ArgA(i)];
      if (!c.is_array() || c.size() != 2 || !c[0].is_string() || !c[1].is_string()) {
        return bad(ModuleError::kBadConstantType,
                   "constant must be a list [kind, field] of two strings");
      }
      return ModuleStatus{};
    }
    case OperandFormat::kJump:
    case OperandFormat::kIterJump: return ModuleStatus{};  // VerifyJumps
    case OperandFormat::kIter:
      if (ArgShortA(i) >= rule.iterator_count) {
        return bad(ModuleError::kBadOperand, "iterator slot out of range");
      }
      if (ArgB(i) == 0) return bad(ModuleError::kBadLoop, "loop limit 0");
      return ModuleStatus{};
    case OperandFormat::kSite: return index(m.sites.size(), "effect site");
    case OperandFormat::kView:
      if (ArgA(i) > 1) return bad(ModuleError::kBadOperand, "view must be 0 or 1");
      return ModuleStatus{};
    case OperandFormat::kJqlField: return index(m.jql_fields.size(), "JQL field");
    case OperandFormat::kJqlTerm: return index(m.jql_terms.size(), "JQL term");
  }
  return bad(ModuleError::kBadOperand, "unknown operand format");
}

// Checks the jump of instruction `pc` (if any): forward and inside the
// rule; ITER_LOOP back to its ITER_NEXT without a re-initialisation.
ModuleStatus VerifyJump(const ModuleImage& m, const RuleImage& rule, uint32_t pc) {
  Instruction i = m.code[pc];
  Opcode op = OpOf(i);
  if (!IsJump(op)) return ModuleStatus{};
  auto bad = [&](ModuleError code, const std::string& why) {
    return Error(code, fmt::format("rule '{}' pc {} {}: {}", rule.name, pc,
                                   OpcodeName(op), why));
  };
  int64_t target = static_cast<int64_t>(pc) + 1 + JumpOffset(i);
  if (target < rule.code_begin || target >= rule.code_end) {
    return bad(ModuleError::kBadJump,
               fmt::format("target {} outside the rule [{}, {})", target,
                           rule.code_begin, rule.code_end));
  }
  if (op != Opcode::kITER_LOOP) {
    if (JumpOffset(i) < 0) return bad(ModuleError::kBadJump, "backward jump");
    if (op == Opcode::kITER_NEXT && ArgShortA(i) >= rule.iterator_count) {
      return bad(ModuleError::kBadOperand, "iterator slot out of range");
    }
    return ModuleStatus{};
  }
  uint32_t slot = ArgShortA(i);
  if (JumpOffset(i) >= 0) return bad(ModuleError::kBadLoop, "ITER_LOOP must jump back");
  Instruction head = m.code[target];
  if (OpOf(head) != Opcode::kITER_NEXT || ArgShortA(head) != slot) {
    return bad(ModuleError::kBadLoop,
               fmt::format("target {} is not the ITER_NEXT of iterator {}", target, slot));
  }
  int64_t exit = target + 1 + JumpOffset(head);
  if (exit <= pc) {
    return bad(ModuleError::kBadLoop, "the loop's exit is not after its ITER_LOOP");
  }
  for (int64_t body = target + 1; body < pc; ++body) {
    Instruction b = m.code[body];
    if (OpByte(b) < kOpcodeCount && OpOf(b) == Opcode::kITER_INIT &&
        ArgShortA(b) == slot) {
      return bad(ModuleError::kBadLoop,
                 fmt::format("iterator {} is re-initialised inside its own "
                             "loop at pc {}",
                             slot, body));
    }
  }
  return ModuleStatus{};
}

// Returns whether `op` reads the JQL value list that JQL_LOAD pushes.
bool ReadsJqlValues(Opcode op) {
  return op == Opcode::kJQL_ANY_IN || op == Opcode::kJQL_NONE_IN ||
         op == Opcode::kJQL_EMPTY;
}

// Checks that JQL value lists never leave the pair that makes and reads
// them: every JQL_LOAD is followed at once by JQL_ANY_IN, JQL_NONE_IN or
// JQL_EMPTY, each of those follows a JQL_LOAD, and no jump lands between
// the two. So only those three instructions ever see a JQL value list, and
// they never see anything else.
ModuleStatus VerifyJqlPairs(const ModuleImage& m, const RuleImage& rule) {
  auto bad = [&](uint32_t pc, const std::string& why) {
    return Error(ModuleError::kBadStack,
                 fmt::format("rule '{}' pc {} {}: {}", rule.name, pc,
                             OpcodeName(OpOf(m.code[pc])), why));
  };
  for (uint32_t pc = rule.code_begin; pc < rule.code_end; ++pc) {
    Opcode op = OpOf(m.code[pc]);
    if (op == Opcode::kJQL_LOAD &&
        (pc + 1 >= rule.code_end || !ReadsJqlValues(OpOf(m.code[pc + 1])))) {
      return bad(pc, "must be followed by JQL_ANY_IN, JQL_NONE_IN or JQL_EMPTY");
    }
    if (ReadsJqlValues(op) &&
        (pc == rule.code_begin || OpOf(m.code[pc - 1]) != Opcode::kJQL_LOAD)) {
      return bad(pc, "must follow a JQL_LOAD");
    }
    if (IsJump(op)) {
      int64_t target = static_cast<int64_t>(pc) + 1 + JumpOffset(m.code[pc]);
      if (ReadsJqlValues(OpOf(m.code[target]))) {
        return bad(pc, fmt::format("jumps between a JQL_LOAD and its reader at {}", target));
      }
    }
  }
  return ModuleStatus{};
}

// Returns how many values instruction `i` reads off the stack.
int Pops(Instruction i, const ModuleImage& m) {
  switch (OpOf(i)) {
    case Opcode::kDUP: case Opcode::kSTORE_LOCAL: case Opcode::kPOP:
    case Opcode::kJMP_IF_FALSE: case Opcode::kJMP_IF_TRUE:
    case Opcode::kITER_INIT: case Opcode::kNOT: case Opcode::kNEG:
    case Opcode::kIS_NULL: case Opcode::kEQ_CONST: case Opcode::kIN_SET:
    case Opcode::kMATCH: case Opcode::kMEMBER: case Opcode::kMAP_GET:
    case Opcode::kCALL_RE: case Opcode::kJQL_ANY_IN:
    case Opcode::kJQL_NONE_IN: case Opcode::kJQL_EMPTY:
    case Opcode::kAND_JMP: case Opcode::kOR_JMP:
      return 1;
    case Opcode::kEQ: case Opcode::kNE: case Opcode::kLT: case Opcode::kLE:
    case Opcode::kGT: case Opcode::kGE: case Opcode::kBOOL_AND:
    case Opcode::kBOOL_OR: case Opcode::kADD: case Opcode::kSUB:
    case Opcode::kIN: case Opcode::kINDEX:
      return 2;
    case Opcode::kCONCAT: case Opcode::kMAKE_LIST: return static_cast<int>(ArgA(i));
    case Opcode::kMAKE_OBJECT: return static_cast<int>(ArgShortA(i));
    case Opcode::kCALL: return static_cast<int>(ArgB(i));
    case Opcode::kCHANGED_FT: return std::popcount(ArgShortA(i));
    case Opcode::kEFFECT: return -StackEffect(i, m, false);
    default: return 0;
  }
}

// Computes stack depths by abstract interpretation over the rule's
// control-flow graph.
ModuleStatus VerifyStack(const ModuleImage& m, const RuleImage& rule) {
  uint32_t size = rule.code_end - rule.code_begin;
  std::vector<int32_t> depth(size, -1);
  std::vector<uint32_t> work;
  depth[0] = 0;
  work.push_back(rule.code_begin);
  uint32_t max_depth = 0;
  auto bad = [&](uint32_t pc, const std::string& why) {
    return Error(ModuleError::kBadStack,
                 fmt::format("rule '{}' pc {} {}: {}", rule.name, pc,
                             OpcodeName(OpOf(m.code[pc])), why));
  };
  auto flow = [&](uint32_t from, uint32_t to, int32_t d) -> ModuleStatus {
    if (to >= rule.code_end) return bad(from, "execution falls off the end of the rule");
    int32_t& seen = depth[to - rule.code_begin];
    if (seen == -1) {
      seen = d;
      work.push_back(to);
    } else if (seen != d) {
      return bad(from, fmt::format("stack depth {} meets depth {} at pc {}", d, seen, to));
    }
    return ModuleStatus{};
  };
  while (!work.empty()) {
    uint32_t pc = work.back();
    work.pop_back();
    Instruction i = m.code[pc];
    Opcode op = OpOf(i);
    int32_t d = depth[pc - rule.code_begin];
    int fall = StackEffect(i, m, false);
    int pops = Pops(i, m);
    if (d < pops) return bad(pc, fmt::format("pops {} values from a stack of {}", pops, d));
    int32_t after = d + fall;
    if (after > static_cast<int32_t>(kMaxStackDepth)) return bad(pc, "stack too deep");
    max_depth = std::max<uint32_t>(max_depth, static_cast<uint32_t>(std::max(after, d)));
    if (op == Opcode::kRETURN || op == Opcode::kREJECT) continue;
    if (IsJump(op)) {
      uint32_t target = static_cast<uint32_t>(pc + 1 + JumpOffset(i));
      ModuleStatus s = flow(pc, target, d + StackEffect(i, m, true));
      if (!s.ok()) return s;
      if (op == Opcode::kJMP || op == Opcode::kITER_LOOP) continue;
    }
    ModuleStatus s = flow(pc, pc + 1, after);
    if (!s.ok()) return s;
  }
  if (max_depth > rule.max_stack) {
    return Error(ModuleError::kBadStack,
                 fmt::format("rule '{}' needs a stack of {}, declares {}",
                             rule.name, max_depth, rule.max_stack));
  }
  return ModuleStatus{};
}

}  // namespace

int StackEffect(Instruction i, const ModuleImage& image, bool taken) {
  Opcode op = OpOf(i);
  switch (op) {
    case Opcode::kCONCAT:
    case Opcode::kMAKE_LIST: return 1 - static_cast<int>(ArgA(i));
    case Opcode::kMAKE_OBJECT: return 1 - static_cast<int>(ArgShortA(i));
    case Opcode::kCALL: return 1 - static_cast<int>(ArgB(i));
    case Opcode::kCHANGED_FT: return 1 - std::popcount(ArgShortA(i));
    case Opcode::kEFFECT:
      return ArgA(i) < image.sites.size()
                 ? -static_cast<int>(image.sites[ArgA(i)].arg_names.size())
                 : 0;
    case Opcode::kAND_JMP:
    case Opcode::kOR_JMP: return taken ? 0 : -1;
    case Opcode::kITER_NEXT: return taken ? 0 : 1;
    case Opcode::kJMP_IF_FALSE:
    case Opcode::kJMP_IF_TRUE: return -1;
    default: return DeclaredEffect(op);
  }
}

ModuleStatus VerifyModule(const ModuleImage& m) {
  ModuleStatus status = VerifyTables(m);
  if (!status.ok()) return status;
  uint32_t next_begin = 0;
  for (size_t r = 0; r < m.rules.size(); ++r) {
    status = VerifyRuleHeader(m, r, &next_begin);
    if (!status.ok()) return status;
    const RuleImage& rule = m.rules[r];
    for (uint32_t pc = rule.code_begin; pc < rule.code_end; ++pc) {
      if (OpByte(m.code[pc]) >= kOpcodeCount) {
        return Error(ModuleError::kBadOpcode,
                     fmt::format("rule '{}' pc {}: byte {} is not an opcode",
                                 rule.name, pc, OpByte(m.code[pc])));
      }
      status = VerifyOperand(m, rule, pc);
      if (!status.ok()) return status;
      status = VerifyJump(m, rule, pc);
      if (!status.ok()) return status;
    }
    status = VerifyJqlPairs(m, rule);
    if (!status.ok()) return status;
    status = VerifyStack(m, rule);
    if (!status.ok()) return status;
  }
  if (next_begin != m.code.size()) {
    return Error(ModuleError::kBadRule,
                 fmt::format("instructions {}..{} belong to no rule", next_begin,
                             m.code.size()));
  }
  return ModuleStatus{};
}

}  // namespace syncrule::runtime
