#include "compiler/emit/module_builder.h"

#include <algorithm>

#include <fmt/format.h>

#include "runtime/verifier.h"

namespace syncrule::emit {

using runtime::Instruction;
using runtime::Opcode;

// --- tables ------------------------------------------------------------------------

uint32_t ModuleBuilder::Constant(const nlohmann::json& value) {
  // The key keeps 1 and 1.0 apart (dump writes "1" and "1.0").
  std::string key = value.dump();
  auto [it, added] = constants_.emplace(key, image_.constants.size());
  if (added) image_.constants.push_back(value);
  return it->second;
}

uint32_t ModuleBuilder::Path(std::string_view pointer) {
  auto it = paths_.find(pointer);
  if (it != paths_.end()) return it->second;
  uint32_t index = static_cast<uint32_t>(image_.paths.size());
  image_.paths.emplace_back(pointer);
  paths_.emplace(std::string(pointer), index);
  return index;
}

uint32_t ModuleBuilder::Set(std::vector<std::string> items, bool folded) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  auto key = std::make_pair(folded, items);
  auto it = sets_.find(key);
  if (it != sets_.end()) return it->second;
  uint32_t index = static_cast<uint32_t>(image_.sets.size());
  image_.sets.push_back(runtime::SetImage{folded, std::move(items)});
  sets_.emplace(std::move(key), index);
  return index;
}

uint32_t ModuleBuilder::Regex(std::string_view pattern, bool case_insensitive) {
  auto key = std::make_pair(std::string(pattern), case_insensitive);
  auto [it, added] = regexes_.emplace(key, image_.regexes.size());
  if (added) {
    image_.regexes.push_back(runtime::RegexImage{std::string(pattern), case_insensitive});
  }
  return it->second;
}

uint32_t ModuleBuilder::Site(const runtime::SiteImage& site) {
  std::string key = site.action + "|" + site.entity + "|" + site.connector + "|" +
                    (site.creates ? "1" : "0");
  for (const std::string& name : site.arg_names) key += "|" + name;
  auto [it, added] = sites_.emplace(key, image_.sites.size());
  if (added) image_.sites.push_back(site);
  return it->second;
}

uint32_t ModuleBuilder::JqlField(const runtime::JqlFieldImage& field) {
  std::string key = field.name + "|" + field.json_key;
  for (const std::string& name : field.history_names) key += "|" + name;
  auto [it, added] = jql_fields_.emplace(key, image_.jql_fields.size());
  if (added) image_.jql_fields.push_back(field);
  return it->second;
}

uint32_t ModuleBuilder::JqlTerm(runtime::JqlTermImage term) {
  image_.jql_terms.push_back(std::move(term));
  return static_cast<uint32_t>(image_.jql_terms.size() - 1);
}

// --- code --------------------------------------------------------------------------

CodeBuilder::CodeBuilder(ModuleBuilder& module, std::vector<EmitError>* errors)
    : module_(module), errors_(errors) {}

void CodeBuilder::SetPosition(uint32_t file, uint32_t line, uint32_t column,
                              int error_file, uint32_t error_offset) {
  if (!position_set_ || position_.file != file || position_.line != line ||
      position_.column != column) {
    position_ = runtime::LineEntry{0, file, line, column};
    position_set_ = true;
    position_changed_ = true;
  }
  error_file_ = error_file;
  error_offset_ = error_offset;
}

uint32_t CodeBuilder::pc() const {
  return static_cast<uint32_t>(module_.image().code.size());
}

void CodeBuilder::Error(std::string message) {
  errors_->push_back(EmitError{error_file_, error_offset_, std::move(message)});
}

void CodeBuilder::Track(Instruction i) {
  runtime::Opcode op = runtime::OpOf(i);
  int pops = 0;
  int effect = runtime::StackEffect(i, module_.image(), false);
  (void)pops;
  if (op == Opcode::kAND_JMP || op == Opcode::kOR_JMP) effect = -1;
  depth_ += effect;
  max_depth_ = std::max(max_depth_, depth_ + (op == Opcode::kDUP ? 0 : 0));
  max_depth_ = std::max(max_depth_, depth_);
}

uint32_t CodeBuilder::Append(Instruction i) {
  runtime::ModuleImage& image = module_.image();
  uint32_t at = pc();
  if (position_changed_) {
    if (!image.lines.empty() && image.lines.back().pc == at) {
      image.lines.back() = runtime::LineEntry{at, position_.file, position_.line,
                                              position_.column};
    } else {
      image.lines.push_back(runtime::LineEntry{at, position_.file, position_.line,
                                               position_.column});
    }
    position_changed_ = false;
  }
  image.code.push_back(i);
  Track(i);
  return at;
}

uint32_t CodeBuilder::EmitA(Opcode op, uint32_t a) {
  if (a > runtime::kMaxA) {
    Error(fmt::format("operand {} of {} exceeds the 24-bit limit", a,
                      runtime::OpcodeName(op)));
    a = 0;
  }
  return Append(runtime::EncodeA(op, a));
}

uint32_t CodeBuilder::EmitSigned(Opcode op, int32_t a) {
  return Append(runtime::EncodeSJ(op, a));
}

uint32_t CodeBuilder::EmitAB(Opcode op, uint32_t a, uint32_t b) {
  if (a > runtime::kMaxShortA || b > runtime::kMaxB) {
    Error(fmt::format("operands {}, {} of {} exceed their 8/16-bit limits", a, b,
                      runtime::OpcodeName(op)));
    a = b = 0;
  }
  return Append(runtime::EncodeAB(op, a, b));
}

uint32_t CodeBuilder::EmitJump(Opcode op, uint32_t slot) {
  if (op == Opcode::kITER_NEXT) return Append(runtime::EncodeASB(op, slot, 0));
  return Append(runtime::EncodeSJ(op, 0));
}

void CodeBuilder::EmitLoopBack(uint32_t slot, uint32_t head) {
  int64_t offset = static_cast<int64_t>(head) - (static_cast<int64_t>(pc()) + 1);
  if (offset < runtime::kMinShortJump) {
    Error("loop body too large: ITER_LOOP cannot jump back more than 32,768 "
          "instructions");
    offset = -1;
  }
  Append(runtime::EncodeASB(Opcode::kITER_LOOP, slot, static_cast<int32_t>(offset)));
}

void CodeBuilder::Patch(const JumpList& list, uint32_t target) {
  std::vector<Instruction>& code = module_.image().code;
  for (uint32_t at : list) {
    int64_t offset = static_cast<int64_t>(target) - (static_cast<int64_t>(at) + 1);
    bool short_jump = runtime::OpOf(code[at]) == Opcode::kITER_NEXT;
    int64_t max = short_jump ? runtime::kMaxShortJump : runtime::kMaxJump;
    if (offset < 0 || offset > max) {
      Error(fmt::format("jump from {} to {} is out of range (offset {}, limit {})",
                        at, target, offset, max));
      continue;
    }
    code[at] = runtime::WithJumpOffset(code[at], static_cast<int32_t>(offset));
  }
}

// --- peephole ---------------------------------------------------------------------

namespace {

// Follows a chain of unconditional jumps from `target` (bounded, so a
// malformed chain cannot loop).
uint32_t FinalTarget(const std::vector<Instruction>& code, uint32_t target,
                     uint32_t end) {
  for (int hops = 0; hops < 100 && target < end; ++hops) {
    Instruction i = code[target];
    if (runtime::OpOf(i) != Opcode::kJMP) break;
    target = static_cast<uint32_t>(target + 1 + runtime::ArgSJ(i));
  }
  return target;
}

}  // namespace

void Peephole(std::vector<Instruction>& code, uint32_t begin, uint32_t end) {
  for (uint32_t pc = begin; pc < end; ++pc) {
    Instruction i = code[pc];
    Opcode op = runtime::OpOf(i);
    if (!runtime::IsJump(op) || op == Opcode::kITER_LOOP) continue;
    uint32_t target = static_cast<uint32_t>(pc + 1 + runtime::JumpOffset(i));
    uint32_t final_target = FinalTarget(code, target, end);
    int64_t offset = static_cast<int64_t>(final_target) - (pc + 1);
    int64_t max = op == Opcode::kITER_NEXT ? runtime::kMaxShortJump : runtime::kMaxJump;
    if (final_target != target && offset >= 0 && offset <= max) {
      code[pc] = runtime::WithJumpOffset(i, static_cast<int32_t>(offset));
    }
    if (op == Opcode::kJMP && runtime::ArgSJ(code[pc]) == 0) {
      code[pc] = runtime::EncodeA(Opcode::kNOP, 0);
    }
  }
}

}  // namespace syncrule::emit
