#ifndef SYNCRULE_RUNTIME_VM_H_
#define SYNCRULE_RUNTIME_VM_H_

// The VM: runs the rules of a verified Program against one event and
// returns effect records. Every rule terminates: jumps go forward except
// the bounded loop instruction, and each rule evaluation also has an
// instruction budget. The dispatch loop uses computed goto where the
// compiler has it (SYNCRULE_COMPUTED_GOTO, on by default with GCC and
// Clang), a `switch` otherwise.
//
//   runtime::LoadResult loaded = runtime::LoadModule(bytes);
//   runtime::EvalState state(*loaded.program);      // one per thread
//   runtime::Vm vm;
//   std::vector<runtime::Effect> effects;
//   vm.Run(*loaded.program, state, event, payload, options, &effects);

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/coverage.h"
#include "runtime/eval_state.h"
#include "runtime/event.h"
#include "runtime/link_view.h"
#include "runtime/program.h"

namespace syncrule::runtime {

// Instructions one rule evaluation may execute by default. Loops are
// bounded (at most 65,535 iterations each, nested loops multiply), so the
// budget is the backstop that keeps a hostile program's worst case small.
inline constexpr uint64_t kDefaultInstructionBudget = 1'000'000;

// What one rule asks to be done: an action with its evaluated arguments.
struct Effect {
  // Index of the rule in the program.
  uint32_t rule = 0;
  // The action ("jira.create_issue").
  std::string action;
  // The arguments by parameter name, as JSON.
  // (Null, not allocated, for effects recorded with build_args false.)
  nlohmann::json args;
  // The entity kind the action acts on ("jira.issue"), and its id when
  // known: an explicit argument named after the entity ("issue"), else the
  // entity linked to the event's, else the event's own entity when it is of
  // that kind. Empty for actions that create their entity.
  std::string target_kind;
  std::string target_id;
  // True when the action creates a new entity (and so a link).
  bool creates = false;
  // For a create: the id of the entity of `target_kind` already linked to
  // the event's entity, or "". The engine drops such a create unless the
  // rule allows duplicates (RuleImage::one_link_per_entity is false): one
  // issue per incident. The VM itself never drops effects.
  std::string linked_id;
};

// How the VM runs one event.
struct RunOptions {
  // The clock for now() and JQL dates, epoch milliseconds.
  int64_t now_ms = 0;
  // The zone JQL dates are read in.
  std::string time_zone = "UTC";
  // Links between entities; null means nothing is linked.
  const LinkView* links = nullptr;
  // Instructions per rule evaluation.
  uint64_t budget = kDefaultInstructionBudget;
  // False to record effects with only their rule and `creates` set, no
  // action, arguments or target (benchmarks that only count matches).
  bool build_args = true;
  // True to run only the rules the rule index names as candidates (every
  // rule that can match is one). False runs every triggered rule, as Run
  // also does when verdicts or coverage are asked for: with the index, a
  // rule whose indexed tests fail is not run, so neither its failing
  // clause nor an error it would have met earlier is seen.
  bool use_index = true;
  // False to leave RuleVerdict::where unset in Run (benchmarks count
  // verdicts and never print them).
  bool locate_verdicts = true;
  // When not null, Run appends the index of every rule that matched.
  std::vector<uint32_t>* matched_rules = nullptr;
  // When not null, every executed instruction and map lookup is recorded
  // here (`syncrule test --coverage`). Null costs one branch per rule
  // evaluation, none per instruction.
  CoverageRecorder* coverage = nullptr;
};

// How one rule evaluation ended.
enum class RuleOutcome : uint8_t {
  kMatched,    // ran to RETURN: its effects were kept
  kRejected,   // a `when` or JQL clause was false (REJECT)
  kError,      // a JQL term could not be answered, or memory ran out
  kBudget,     // the instruction budget ran out
};

// Returns the outcome's name ("matched").
const char* RuleOutcomeName(RuleOutcome outcome);

// Why a rule matched or not, for --explain: the outcome and, when it did
// not match, the source position of the failing clause.
struct RuleVerdict {
  uint32_t rule = 0;
  RuleOutcome outcome = RuleOutcome::kRejected;
  // The instruction that ended the rule and its source position (`where`
  // is filled by Run when verdicts are asked for, and by RunRule).
  uint32_t pc = 0;
  SourceLocation where;
  // The error message for kError.
  std::string message;
  // Instructions executed.
  uint64_t steps = 0;
};

// Runs rules. Stateless: all per-evaluation state is in the EvalState, so
// one Vm may be shared.
class Vm {
 public:
  // Runs the rules of `program` whose triggers include `event.type`, in
  // source order, on `payload` (the parsed delivery): the rule index's
  // candidates, or every such rule when options.use_index is false or
  // `verdicts` or options.coverage is given.
  // Appends the effects of matching rules to `effects` and, when
  // `verdicts` is not null, one verdict per rule run.
  void Run(const Program& program, EvalState& state, const EventInfo& event,
           simdjson::dom::element payload, const RunOptions& options,
           std::vector<Effect>* effects,
           std::vector<RuleVerdict>* verdicts = nullptr) const;

  // Runs rule `rule` alone (manual rules: `syncrule fire`), whatever its
  // triggers. Appends its effects to `effects` when it matches.
  RuleVerdict RunRule(const Program& program, EvalState& state, uint32_t rule,
                      const EventInfo& event, simdjson::dom::element payload,
                      const RunOptions& options,
                      std::vector<Effect>* effects) const;

  // Runs rule `rule` on an event already begun in `state` (BeginEvent);
  // Run and RunRule call this. Exposed for benchmarks.
  RuleVerdict Evaluate(const Program& program, EvalState& state, uint32_t rule,
                       const RunOptions& options,
                       std::vector<Effect>* effects) const;

 private:
  // Runs rule `rule` from instruction `start_pc`: its first instruction,
  // or the rule index's start_pc after tests the index found true.
  RuleVerdict EvaluateFrom(const Program& program, EvalState& state, uint32_t rule,
                           uint32_t start_pc, const RunOptions& options,
                           std::vector<Effect>* effects) const;
};

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_VM_H_
