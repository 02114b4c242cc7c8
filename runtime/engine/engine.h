#ifndef SYNCRULE_RUNTIME_ENGINE_ENGINE_H_
#define SYNCRULE_RUNTIME_ENGINE_ENGINE_H_

// The sync engine: a raw delivery in, effects out. It decodes the delivery
// with the connectors, parses the payload once with simdjson, runs the
// candidate rules on the VM, and keeps the links between entities, so that
// an incident triggered and then acknowledged in one stream yields
// create_issue and then a transition of that same (placeholder) issue.
//
// This layer sits above the runtime core and the connectors; the VM never
// includes a connector, and the engine is where the two meet.

#include <simdjson.h>

#include <memory>
#include <string>
#include <vector>

#include "runtime/engine/link_store.h"
#include "runtime/event.h"
#include "runtime/program.h"
#include "runtime/vm.h"

namespace syncrule::runtime {

// How the engine runs.
struct EngineOptions {
  // The clock for now() and JQL dates, epoch ms; 0 means the wall clock.
  int64_t now_ms = 0;
  std::string time_zone = "UTC";
  // Record, for every candidate rule, why it matched or not.
  bool explain = false;
  // Instructions per rule evaluation.
  uint64_t budget = kDefaultInstructionBudget;
  // When not null, the VM records what it executes here (`syncrule test
  // --coverage`); the recorder must outlive the engine.
  CoverageRecorder* coverage = nullptr;
};

// One effect, with the rule and event that produced it.
struct EffectRecord {
  std::string rule;
  Effect effect;
  EventInfo event;
};

// A create action the engine dropped because the event's entity already
// has a linked entity of that kind ("one issue per incident").
struct SkippedCreate {
  std::string rule;
  std::string action;
  EventInfo event;
  std::string linked_id;
};

// What processing one delivery produced.
struct DeliveryResult {
  // False when the delivery could not be decoded; `error` says why.
  bool ok = true;
  std::string error;
  std::vector<EventInfo> events;
  std::vector<EffectRecord> effects;
  std::vector<SkippedCreate> skipped;
  // With EngineOptions::explain: one verdict per candidate rule per event,
  // with the rule's name.
  std::vector<std::pair<std::string, RuleVerdict>> verdicts;
};

// Runs a loaded program over deliveries, one at a time, in order. Not
// thread-safe; use one engine per ordered stream.
class Engine {
 public:
  // Runs `program` with `options`. The program must outlive the engine.
  Engine(std::shared_ptr<const Program> program, EngineOptions options);

  // Processes one delivery: every event it decodes to, every rule those
  // events trigger.
  DeliveryResult Process(const RawDelivery& delivery);

  // Runs the manual rule named `rule` on `delivery` (`syncrule fire`).
  // Fails when no such rule exists or the delivery does not decode.
  DeliveryResult Fire(const std::string& rule, const RawDelivery& delivery);

  // Returns the links made so far.
  const MemoryLinkStore& links() const { return links_; }

  // Returns the links for changing, so that a test can start from links
  // that already exist.
  MemoryLinkStore& mutable_links() { return links_; }

 private:
  // Decodes and parses `delivery`; on failure sets `result->error`.
  bool Decode(const RawDelivery& delivery, DeliveryResult* result);
  // Keeps or drops `effects` of one event, making links for creates.
  void Apply(const EventInfo& event, std::vector<Effect>& effects,
             DeliveryResult* result);
  RunOptions MakeRunOptions() const;

  std::shared_ptr<const Program> program_;
  EngineOptions options_;
  EvalState state_;
  Vm vm_;
  MemoryLinkStore links_;
  simdjson::dom::parser parser_;
  simdjson::dom::element payload_;
  std::string padded_;
};

// Returns `record` as the JSON line `syncrule run` prints:
// {"rule", "action", "args", "target": {"kind", "id"}, "event": {...}}.
nlohmann::json EffectToJson(const EffectRecord& record);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_ENGINE_ENGINE_H_
