#include "cli/rule_test_runner.h"

#include <chrono>

#include "cli/effect_diff.h"
#include "cli/rule_commands_internal.h"
#include "runtime/engine/engine.h"
#include "stdlib/jql_time.h"

namespace syncrule::cli {
namespace {

// Remembers `fields` of `entity` as the engine would have seen them. Test
// files name fields as rules do after `linked(kind)`, without the entity
// ("status"); the store keys them by field name ("issue.status").
void Remember(const runtime::EntityRef& entity, const nlohmann::json& fields,
              runtime::MemoryLinkStore& links) {
  std::string prefix = entity.kind.substr(entity.kind.find('.') + 1) + ".";
  for (const auto& [field, value] : fields.items()) {
    links.Remember(entity, field.starts_with(prefix) ? field : prefix + field, value);
  }
}

// Makes the links the case says already exist.
void SeedLinks(const TestCase& test, runtime::MemoryLinkStore& links) {
  for (const TestLink& link : test.links) {
    runtime::EntityRef a{link.kind_a, link.id_a};
    runtime::EntityRef b{link.kind_b, link.id_b};
    links.Link(a, b);
    Remember(a, link.fields_a, links);
    Remember(b, link.fields_b, links);
  }
}

// Feeds every event of `test` to `engine`, appending effects to `result`.
// Returns false (with `result->diff` set) when an event cannot run.
bool FeedEvents(const TestCase& test, runtime::Engine& engine, CaseResult* result) {
  for (const TestEvent& event : test.events) {
    runtime::RawDelivery delivery = ToDelivery(event.text);
    runtime::DeliveryResult delivered =
        test.fire.empty() ? engine.Process(delivery) : engine.Fire(test.fire, delivery);
    if (!delivered.ok) {
      result->diff = "  event " + event.label + " did not run: " + delivered.error + "\n";
      return false;
    }
    for (const runtime::EffectRecord& record : delivered.effects) {
      result->actual.push_back(runtime::EffectToJson(record));
    }
  }
  return true;
}

}  // namespace

CaseResult RunTestCase(const TestCase& test, std::shared_ptr<const runtime::Program> program,
                       runtime::CoverageRecorder* coverage) {
  auto start = std::chrono::steady_clock::now();
  CaseResult result;
  runtime::EngineOptions options;
  options.now_ms = stdlib::ParseIsoInstant(test.now).value_or(0);
  options.time_zone = test.zone;
  options.coverage = coverage;
  runtime::Engine engine(std::move(program), options);
  SeedLinks(test, engine.mutable_links());
  if (FeedEvents(test, engine, &result)) {
    EffectComparison comparison = CompareEffects(test.mode, test.effects, result.actual);
    result.passed = comparison.passed;
    result.diff = comparison.diff;
  } else {
    result.error = true;
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace syncrule::cli
