#ifndef SYNCRULE_COMPILER_EMIT_MODULE_BUILDER_H_
#define SYNCRULE_COMPILER_EMIT_MODULE_BUILDER_H_

// Builds a runtime::ModuleImage: deduplicated tables (constants, paths,
// fields, sets, regexes, effect sites, JQL fields) and, per rule, a
// CodeBuilder that appends instructions, tracks the operand stack depth,
// records the line table, and manages jump lists patched later (lua's
// lcode.c: a jump list is the pcs of jumps waiting for one target).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/instruction.h"
#include "runtime/module.h"

namespace syncrule::emit {

// An error found while emitting: a limit exceeded, or a construct the VM
// declines to run (docs/bytecode.md, "What the VM declines").
struct EmitError {
  // The file (index into the program's sources) and byte offset, or -1.
  int file = -1;
  uint32_t offset = 0;
  std::string message;
};

// The tables of a module being built.
class ModuleBuilder {
 public:
  runtime::ModuleImage& image() { return image_; }

  // Returns the index of constant `value`, adding it once.
  uint32_t Constant(const nlohmann::json& value);
  // Returns the index of the interned JSON Pointer `pointer`.
  uint32_t Path(std::string_view pointer);
  // Returns the index of the set of `items` (folded or not), adding it once.
  uint32_t Set(std::vector<std::string> items, bool folded);
  // Returns the index of regex `pattern`, adding it once.
  uint32_t Regex(std::string_view pattern, bool case_insensitive = false);
  // Returns the index of the effect site `site`, adding it once.
  uint32_t Site(const runtime::SiteImage& site);
  // Returns the index of JQL field `field` (by name), adding it once.
  uint32_t JqlField(const runtime::JqlFieldImage& field);
  // Adds JQL term `term` and returns its index.
  uint32_t JqlTerm(runtime::JqlTermImage term);

 private:
  runtime::ModuleImage image_;
  std::map<std::string, uint32_t> constants_;
  std::map<std::string, uint32_t, std::less<>> paths_;
  std::map<std::pair<bool, std::vector<std::string>>, uint32_t> sets_;
  std::map<std::pair<std::string, bool>, uint32_t> regexes_;
  std::map<std::string, uint32_t> sites_;
  std::map<std::string, uint32_t> jql_fields_;
};

// A list of jumps waiting for the same target (pcs of the jumps).
using JumpList = std::vector<uint32_t>;

// Appends one rule's code to the module's code.
class CodeBuilder {
 public:
  // Starts a rule's code at the end of `module`'s code; `errors` receives
  // range errors of patches.
  CodeBuilder(ModuleBuilder& module, std::vector<EmitError>* errors);

  // Sets the source position recorded for the next instructions.
  void SetPosition(uint32_t file, uint32_t line, uint32_t column, int error_file,
                   uint32_t error_offset);

  // Appends an instruction with operand A (kMaxA at most) and returns its pc.
  uint32_t EmitA(runtime::Opcode op, uint32_t a = 0);
  // Appends an instruction with a signed A.
  uint32_t EmitSigned(runtime::Opcode op, int32_t a);
  // Appends an instruction with 8-bit A and 16-bit B.
  uint32_t EmitAB(runtime::Opcode op, uint32_t a, uint32_t b);
  // Appends a jump whose target is patched later; returns its pc.
  uint32_t EmitJump(runtime::Opcode op, uint32_t slot = 0);
  // Appends ITER_LOOP back to `head` (an ITER_NEXT).
  void EmitLoopBack(uint32_t slot, uint32_t head);

  // Points every jump of `list` at `target`, checking the offset range.
  void Patch(const JumpList& list, uint32_t target);
  // Points every jump of `list` at the next instruction.
  void PatchHere(const JumpList& list) { Patch(list, pc()); }

  // The pc of the next instruction.
  uint32_t pc() const;
  // The operand stack depth at the next instruction, as emitted so far.
  int depth() const { return depth_; }
  // Sets the depth (at a label reached only by jumps).
  void set_depth(int depth) { depth_ = depth; }
  // The deepest stack seen.
  int max_depth() const { return max_depth_; }
  // Records that an error arose at the current position.
  void Error(std::string message);

 private:
  void Track(runtime::Instruction i);
  uint32_t Append(runtime::Instruction i);

  ModuleBuilder& module_;
  std::vector<EmitError>* errors_;
  runtime::LineEntry position_;
  bool position_set_ = false;
  bool position_changed_ = false;
  int error_file_ = -1;
  uint32_t error_offset_ = 0;
  int depth_ = 0;
  int max_depth_ = 0;
};

// Retargets jumps whose target is an unconditional JMP to that JMP's final
// target (lua's luaK_finish), and turns jumps to the next instruction into
// NOPs. Runs over `code[begin, end)`.
void Peephole(std::vector<runtime::Instruction>& code, uint32_t begin, uint32_t end);

}  // namespace syncrule::emit

#endif  // SYNCRULE_COMPILER_EMIT_MODULE_BUILDER_H_
