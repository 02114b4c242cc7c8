#ifndef SYNCRULE_RUNTIME_EVAL_STATE_H_
#define SYNCRULE_RUNTIME_EVAL_STATE_H_

// The per-thread state of evaluations: the operand stack, local and
// iterator slots, the arena, and the extraction caches (each event field,
// raw path and JQL field is read at most once per event, shared by every
// rule, as in falco's filter cache). BeginEvent resets it in O(1): caches
// are invalidated by bumping a generation number, and the arena rewinds.
// One EvalState serves any number of events of one Program; it is not
// thread-safe, so each thread owns one.

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "runtime/event.h"
#include "runtime/jql_runtime.h"
#include "runtime/program.h"
#include "runtime/rule_index.h"
#include "runtime/value.h"

namespace syncrule::runtime {

// A loop's position: the items being iterated and how many were taken.
struct Iterator {
  const Value* items = nullptr;
  uint32_t size = 0;
  uint32_t next = 0;
};

class EvalState {
 public:
  // Creates a state sized for `program` (which must outlive it).
  explicit EvalState(const Program& program);
  EvalState(const EvalState&) = delete;
  EvalState& operator=(const EvalState&) = delete;

  // Prepares for evaluating `event` whose parsed payload is `payload` (the
  // whole delivery; `event.root` selects the event within it). `now_ms`
  // and `time_zone` are the clock for now() and JQL dates. Invalidates
  // everything of the previous event.
  void BeginEvent(const EventInfo& event, simdjson::dom::element payload,
                  int64_t now_ms, std::string_view time_zone);

  const Program& program() const { return *program_; }
  const EventInfo& event() const { return *event_; }
  Arena& arena() { return arena_; }
  int64_t now_ms() const { return time_.now_ms; }

  // Returns the event's root element (payload at event.root), if found.
  const std::optional<simdjson::dom::element>& root() const { return root_; }

  // Returns event field `field`, extracting it on first use this event.
  Value Field(uint32_t field);
  // Returns the payload value at interned path `path` (cached).
  Value Path(uint32_t path);
  // Returns the values of JQL field `field` in `view` (cached per view).
  const JqlValueList& JqlField(uint32_t field, JqlView view);
  // Returns the JQL context for `view` (the issue located on first use).
  JqlContext& Jql(JqlView view);

  // Returns the rule index's per-event marks.
  IndexScratch& index_scratch() { return index_scratch_; }
  // Returns a buffer for the VM's list of candidate rules.
  std::vector<uint32_t>& candidates() { return candidates_; }

  // Slots, reset per rule by the VM.
  Value* stack() { return stack_.data(); }
  Value* locals() { return locals_.data(); }
  Iterator* iterators() { return iterators_.data(); }

 private:
  template <typename T>
  struct Cache {
    std::vector<T> values;
    std::vector<uint32_t> stamps;
    void Resize(size_t n) {
      values.resize(n);
      stamps.assign(n, 0);
    }
  };

  const Program* program_;
  const EventInfo* event_ = nullptr;
  std::optional<simdjson::dom::element> root_;
  int format_ = -1;
  uint32_t generation_ = 0;
  stdlib::TimeContext time_;
  Arena arena_;
  std::vector<Value> stack_;
  std::vector<Value> locals_;
  std::vector<Iterator> iterators_;
  Cache<Value> fields_;
  Cache<Value> paths_;
  Cache<JqlValueList> jql_[2];
  JqlIssue issue_;
  JqlTextCache text_cache_;
  bool issue_ready_ = false;
  JqlContext jql_context_[2];
  IndexScratch index_scratch_;
  std::vector<uint32_t> candidates_;
};

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_EVAL_STATE_H_
