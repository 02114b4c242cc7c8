// `syncrule run` (a dry run over an events file) and `syncrule fire`.

#include <iostream>

#include "cli/cli_io.h"
#include "cli/rule_build.h"
#include "cli/rule_commands_internal.h"
#include "runtime/engine/engine.h"
#include "stdlib/jql_time.h"

namespace syncrule::cli {
namespace {

// Builds the program quietly unless there are diagnostics; returns null and
// sets `*code` on failure.
std::shared_ptr<const runtime::Program> Build(const RuleCommandOptions& options,
                                              const char* command, int* code) {
  BuildOptions build;
  build.fields_path = options.fields_path;
  BuiltProgram built;
  std::string error;
  bool ok = BuildRules(options.paths, build, std::cerr, &built, &error);
  if (!error.empty()) std::cerr << "syncrule " << command << ": " << error << '\n';
  if (!ok) {
    *code = built.error_count > 0 ? kExitFindings : kExitUsage;
    return nullptr;
  }
  return built.program;
}

// Reads the engine options from the flags; false on a bad flag.
bool MakeEngineOptions(const RuleCommandOptions& options, runtime::EngineOptions* out) {
  if (!options.now.empty()) {
    auto now = stdlib::ParseIsoInstant(options.now);
    if (!now) {
      std::cerr << "--now '" << options.now << "' is not an ISO 8601 instant\n";
      return false;
    }
    out->now_ms = *now;
  }
  if (!stdlib::IsKnownTimeZone(options.zone)) {
    std::cerr << "--tz '" << options.zone << "' is not a known time zone\n";
    return false;
  }
  out->time_zone = options.zone;
  out->explain = options.explain;
  return true;
}

}  // namespace

runtime::RawDelivery ToDelivery(const std::string& line) {
  runtime::RawDelivery delivery;
  nlohmann::json value = nlohmann::json::parse(line, nullptr, false);
  bool envelope = value.is_object() && value.contains("body") &&
                  (value.contains("source") || value.contains("headers"));
  if (!envelope) {
    delivery.body = line;
    return delivery;
  }
  if (value["source"].is_string()) delivery.source = value["source"];
  if (value["headers"].is_object()) {
    for (auto& [name, v] : value["headers"].items()) {
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      delivery.headers[lower] = v.is_string() ? v.get<std::string>() : v.dump();
    }
  }
  delivery.body = value["body"].is_string() ? value["body"].get<std::string>() : value["body"].dump();
  return delivery;
}

namespace {

// Returns the number of code points in `text` (UTF-8).
size_t CodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// Prints the source line of `where` with a caret under its column.
void PrintClause(const runtime::Program& program, const runtime::SourceLocation& where) {
  const runtime::FileImage& file = program.image().files[where.file];
  Source source(file.name, file.text);
  std::string_view text = source.LineText(static_cast<int>(where.line));
  size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return;
  size_t indent = CodePoints(text.substr(0, first));
  size_t column = where.column > 0 ? where.column - 1 : 0;
  size_t caret = column > indent ? column - indent : 0;
  std::cerr << "      " << text.substr(first) << "\n      " << std::string(caret, ' ') << "^\n";
}

// Prints why each candidate rule matched or not, for --explain: for a rule
// that did not match, the clause that failed (inside a JQL match, the JQL
// clause) with a caret under it.
void PrintVerdicts(const runtime::Program& program, const runtime::DeliveryResult& result) {
  for (const auto& [name, verdict] : result.verdicts) {
    std::cerr << "  rule \"" << name << "\": " << runtime::RuleOutcomeName(verdict.outcome);
    bool located = verdict.outcome != runtime::RuleOutcome::kMatched && verdict.where.file >= 0;
    if (located) {
      const runtime::FileImage& file = program.image().files[verdict.where.file];
      std::cerr << " at " << file.name << ":" << verdict.where.line << ":" << verdict.where.column;
    }
    if (!verdict.message.empty()) std::cerr << " (" << verdict.message << ")";
    std::cerr << '\n';
    if (located) PrintClause(program, verdict.where);
  }
}

// Skipped creates are listed one by one up to this many per run; beyond it
// they are counted (a replay of a busy day would print thousands).
constexpr size_t kSkipNotesListed = 20;

// Prints the effects and skipped creates of one delivery; `skips` counts
// the skipped creates of the whole run so far.
void PrintResult(const runtime::Program& program, const runtime::DeliveryResult& result,
                 bool explain, size_t* skips) {
  if (explain) {
    for (const runtime::EventInfo& event : result.events) {
      std::cerr << "event " << event.type << " " << event.entity_id << " (" << event.id << ")\n";
    }
    PrintVerdicts(program, result);
  }
  for (const runtime::EffectRecord& record : result.effects) {
    std::cout << runtime::EffectToJson(record).dump() << '\n';
  }
  for (const runtime::SkippedCreate& skip : result.skipped) {
    if ((*skips)++ >= kSkipNotesListed) continue;
    std::cerr << "note: rule \"" << skip.rule << "\" did not " << skip.action << " for "
              << skip.event.entity_id << ": it is already linked to " << skip.linked_id
              << " (one per entity; `allow duplicates` changes this)\n";
  }
}

}  // namespace

int RunRun(const RuleCommandOptions& options) {
  int code = kExitOk;
  runtime::EngineOptions engine_options;
  if (!MakeEngineOptions(options, &engine_options)) return kExitUsage;
  std::shared_ptr<const runtime::Program> program = Build(options, "run", &code);
  if (program == nullptr) return code;
  std::string text, error;
  if (!ReadInput(options.events, &text, &error)) {
    std::cerr << "syncrule run: " << error << '\n';
    return kExitUsage;
  }
  runtime::Engine engine(program, engine_options);
  std::vector<std::string> lines = SplitLines(text);
  size_t events = 0, effects = 0, rejected = 0, skips = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find_first_not_of(" \t") == std::string::npos) continue;
    runtime::DeliveryResult result = engine.Process(ToDelivery(lines[i]));
    if (!result.ok) {
      ++rejected;
      std::cerr << options.events << ":" << i + 1 << ": skipped: " << result.error << '\n';
      continue;
    }
    events += result.events.size();
    effects += result.effects.size();
    PrintResult(*program, result, options.explain, &skips);
  }
  if (skips > kSkipNotesListed) {
    std::cerr << "note: " << skips - kSkipNotesListed << " more creates were skipped the same "
              << "way (entities already linked)\n";
  }
  std::cerr << "syncrule run: " << events << " events, " << effects << " effects, "
            << rejected << " deliveries skipped, " << engine.links().size() << " links\n";
  return kExitOk;
}

int RunFire(const RuleCommandOptions& options) {
  RuleCommandOptions with_rules = options;
  if (with_rules.paths.empty()) with_rules.paths = {"."};
  int code = kExitOk;
  runtime::EngineOptions engine_options;
  if (!MakeEngineOptions(options, &engine_options)) return kExitUsage;
  std::shared_ptr<const runtime::Program> program = Build(with_rules, "fire", &code);
  if (program == nullptr) return code;
  std::string text, error;
  if (!ReadInput(options.events, &text, &error)) {
    std::cerr << "syncrule fire: " << error << '\n';
    return kExitUsage;
  }
  runtime::Engine engine(program, engine_options);
  runtime::DeliveryResult result = engine.Fire(options.rule, ToDelivery(text));
  if (!result.ok) {
    std::cerr << "syncrule fire: " << result.error << '\n';
    return kExitUsage;
  }
  size_t skips = 0;
  PrintResult(*program, result, true, &skips);
  return result.effects.empty() ? kExitFindings : kExitOk;
}

}  // namespace syncrule::cli
