#include "runtime/engine/engine.h"

#include <chrono>

#include "runtime/connectors/registry.h"

namespace syncrule::runtime {
namespace {

// Returns the kind of the event's entity: "pagerduty.incident".
std::string EntityKind(const EventInfo& event) {
  return event.source + "." + event.entity;
}

int64_t WallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Engine::Engine(std::shared_ptr<const Program> program, EngineOptions options)
    : program_(std::move(program)), options_(std::move(options)), state_(*program_) {}

RunOptions Engine::MakeRunOptions() const {
  RunOptions run;
  run.now_ms = options_.now_ms != 0 ? options_.now_ms : WallClockMs();
  run.time_zone = options_.time_zone;
  run.links = &links_;
  run.budget = options_.budget;
  run.coverage = options_.coverage;
  return run;
}

bool Engine::Decode(const RawDelivery& delivery, DeliveryResult* result) {
  simdjson::error_code error = parser_.parse(delivery.body).get(payload_);
  if (error) {
    result->ok = false;
    result->error = std::string("the body is not valid JSON: ") + simdjson::error_message(error);
    return false;
  }
  DecodeResult decoded = DecodeDelivery(delivery, payload_);
  if (!decoded.decoded()) {
    result->ok = false;
    result->error = decoded.reason.empty() ? "no connector recognises this payload" : decoded.reason;
    return false;
  }
  result->events = std::move(decoded.events);
  return true;
}

void Engine::Apply(const EventInfo& event, std::vector<Effect>& effects,
                   DeliveryResult* result) {
  EntityRef source{EntityKind(event), event.entity_id};
  for (Effect& effect : effects) {
    const RuleImage& rule = program_->rule(effect.rule);
    if (effect.creates) {
      std::optional<EntityRef> existing = links_.Find(source, effect.target_kind);
      if (existing && rule.one_link_per_entity) {
        result->skipped.push_back({rule.name, effect.action, event, existing->id});
        continue;
      }
      effect.target_id = links_.NextPlaceholder(effect.target_kind);
      links_.Link(source, EntityRef{effect.target_kind, effect.target_id});
    }
    result->effects.push_back({rule.name, std::move(effect), event});
  }
}

DeliveryResult Engine::Process(const RawDelivery& delivery) {
  DeliveryResult result;
  if (!Decode(delivery, &result)) return result;
  RunOptions run = MakeRunOptions();
  for (const EventInfo& event : result.events) {
    std::vector<Effect> effects;
    std::vector<RuleVerdict> verdicts;
    vm_.Run(*program_, state_, event, payload_, run, &effects,
            options_.explain ? &verdicts : nullptr);
    for (RuleVerdict& verdict : verdicts) {
      result.verdicts.emplace_back(program_->rule(verdict.rule).name, std::move(verdict));
    }
    Apply(event, effects, &result);
  }
  return result;
}

DeliveryResult Engine::Fire(const std::string& rule, const RawDelivery& delivery) {
  DeliveryResult result;
  int index = program_->FindRule(rule);
  if (index < 0) {
    result.ok = false;
    result.error = "no rule is named \"" + rule + "\"";
    return result;
  }
  if (!Decode(delivery, &result)) return result;
  RunOptions run = MakeRunOptions();
  for (const EventInfo& event : result.events) {
    std::vector<Effect> effects;
    RuleVerdict verdict = vm_.RunRule(*program_, state_, static_cast<uint32_t>(index),
                                      event, payload_, run, &effects);
    result.verdicts.emplace_back(rule, std::move(verdict));
    Apply(event, effects, &result);
  }
  return result;
}

nlohmann::json EffectToJson(const EffectRecord& record) {
  nlohmann::json out = {{"rule", record.rule},
                        {"action", record.effect.action},
                        {"args", record.effect.args}};
  if (!record.effect.target_kind.empty()) {
    out["target"] = {{"kind", record.effect.target_kind}, {"id", record.effect.target_id}};
  }
  out["event"] = {{"source", record.event.source},
                  {"type", record.event.type},
                  {"id", record.event.id},
                  {"entity", record.event.entity_id}};
  return out;
}

}  // namespace syncrule::runtime
