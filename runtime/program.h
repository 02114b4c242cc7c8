#ifndef SYNCRULE_RUNTIME_PROGRAM_H_
#define SYNCRULE_RUNTIME_PROGRAM_H_

// A loaded program: a verified module linked for running. Constants are
// VM values, regexes are compiled (RE2, once), string sets are probe-ready
// StringSets, maps are hash maps, JQL terms are prepared, rules are grouped
// by the event types that trigger them, and the rule index (rule_index.h)
// is built from their bytecode. A Program is immutable once loaded and
// safe to share between threads; each thread evaluates with its own
// EvalState (eval_state.h).

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <re2/re2.h>

#include "runtime/jql_runtime.h"
#include "runtime/json_pointer.h"
#include "runtime/module.h"
#include "runtime/rule_index.h"
#include "runtime/value.h"

namespace syncrule::runtime {

// Limits on what a program may compile to; the verifier enforces them.
// Operand stack depth of one rule: expressions nest, but a rule needing
// more than this is not something people write.
inline constexpr uint32_t kMaxStackDepth = 4096;
// Iterator slots per rule: ITER_* address them with 8 bits.
inline constexpr uint32_t kMaxIterators = 256;
// Local slots per rule.
inline constexpr uint32_t kMaxLocals = 65536;
// RE2 program size (instructions) of one regex: keeps matching linear and
// memory bounded for untrusted rules, as cel-cpp's re2_options.h does.
inline constexpr int kMaxRegexProgramSize = 10000;
// RE2 memory budget of one regex.
inline constexpr int64_t kRegexMaxMemory = int64_t{8} << 20;

// A source position of an instruction.
struct SourceLocation {
  // The rule holding the instruction, or -1.
  int rule = -1;
  // Index into files(), or -1 when the line table has no entry.
  int file = -1;
  uint32_t line = 0;
  uint32_t column = 0;
};

// What the VM needs of a rule to start it, kept apart from RuleImage in
// one dense array: starting a rule touches one cache line, not the rule's
// name, triggers and source.
struct RuleStart {
  uint32_t code_begin = 0;
  uint32_t local_count = 0;
  uint32_t iterator_count = 0;
};

// A verified, linked program.
class Program {
 public:
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  // Returns the module image the program was loaded from.
  const ModuleImage& image() const { return image_; }
  // Returns the instructions.
  const std::vector<Instruction>& code() const { return image_.code; }
  // Returns constant `i` as a VM value (storage owned by the program).
  const Value& constant(uint32_t i) const { return constants_[i]; }
  // Returns the string set `i`.
  const StringSet& set(uint32_t i) const { return sets_[i]; }
  // Returns the compiled regex `i`.
  const RE2& regex(uint32_t i) const { return *regexes_[i]; }
  // Returns map `i`: key -> constant index.
  const std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>>&
  map(uint32_t i) const {
    return maps_[i];
  }
  // Returns the prepared JQL term `i`.
  const JqlTerm& jql_term(uint32_t i) const { return jql_terms_[i]; }
  // Returns the number of rules.
  size_t rule_count() const { return image_.rules.size(); }
  // Returns rule `i`.
  const RuleImage& rule(size_t i) const { return image_.rules[i]; }
  // Returns what starting rule `i` needs.
  const RuleStart& rule_start(size_t i) const { return rule_starts_[i]; }
  // Returns the index of the rule named `name`, or -1.
  int FindRule(std::string_view name) const;
  // Returns the rules (indexes, in source order) triggered by `event_type`,
  // manual rules excluded.
  std::span<const uint32_t> RulesFor(std::string_view event_type) const;
  // Returns every trigger group: event type -> rules in source order.
  const std::unordered_map<std::string, std::vector<uint32_t>, StringHash,
                           std::equal_to<>>&
  rules_by_trigger() const {
    return rules_by_trigger_;
  }
  // Returns the rule index (rule_index.h).
  const RuleIndex& index() const { return *index_; }
  // Returns the index of payload format `format` ("pagerduty.v3") among
  // the formats the program's fields know, or -1.
  int FormatIndex(std::string_view format) const;
  // Returns the path index of field `field` in format `format_index`, or -1
  // when the field has no path in that format.
  int32_t FieldPath(int format_index, uint32_t field) const {
    return field_paths_[static_cast<size_t>(format_index) * image_.fields.size() +
                        field];
  }
  // Returns the number of formats.
  size_t format_count() const { return formats_.size(); }
  // Returns interned path `path` (image().paths), parsed.
  const CompiledPointer& pointer(uint32_t path) const { return pointers_[path]; }
  // Returns the deepest operand stack any rule needs.
  uint32_t max_stack() const { return max_stack_; }
  // Returns the most local and iterator slots any rule needs.
  uint32_t max_locals() const { return max_locals_; }
  uint32_t max_iterators() const { return max_iterators_; }
  // Returns the source position of instruction `pc`.
  SourceLocation Locate(uint32_t pc) const;
  // Returns the bytes of memory the loaded program holds, roughly.
  size_t MemoryBytes() const;

 private:
  friend class ProgramLinker;
  Program() = default;

  ModuleImage image_;
  Arena constant_arena_;
  std::vector<Value> constants_;
  std::vector<StringSet> sets_;
  std::vector<std::unique_ptr<RE2>> regexes_;
  std::vector<std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>>>
      maps_;
  std::vector<JqlTerm> jql_terms_;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> formats_;
  std::vector<int32_t> field_paths_;
  std::vector<CompiledPointer> pointers_;
  std::unordered_map<std::string, std::vector<uint32_t>, StringHash,
                     std::equal_to<>>
      rules_by_trigger_;
  std::vector<uint32_t> rule_of_pc_;
  std::vector<RuleStart> rule_starts_;
  std::unique_ptr<RuleIndex> index_;
  uint32_t max_stack_ = 0;
  uint32_t max_locals_ = 0;
  uint32_t max_iterators_ = 0;
};

// A load's outcome: the program, or why the module was refused.
struct LoadResult {
  std::shared_ptr<const Program> program;
  ModuleStatus status;

  bool ok() const { return status.ok(); }
};

// Reads, verifies and links module `bytes`. A corrupt or hostile module
// yields an error naming the problem, never a crash.
LoadResult LoadModule(std::string_view bytes);

// Verifies and links `image` (for tools that build images directly).
LoadResult LoadImage(ModuleImage image);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_PROGRAM_H_
