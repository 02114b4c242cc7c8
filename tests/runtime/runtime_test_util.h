#ifndef SYNCRULE_TESTS_RUNTIME_RUNTIME_TEST_UTIL_H_
#define SYNCRULE_TESTS_RUNTIME_RUNTIME_TEST_UTIL_H_

// Helpers shared by the runtime tests: compiling JQL and rule text through
// the whole pipeline (parse -> check -> emit -> write -> load -> verify),
// parsing payloads with simdjson, and running one rule.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/check/checker.h"
#include "compiler/emit/emitter.h"
#include "compiler/jql/check.h"
#include "compiler/parse/jql_parser.h"
#include "compiler/parse/rule_parser.h"
#include "runtime/connectors/registry.h"
#include "runtime/eval_state.h"
#include "runtime/module.h"
#include "runtime/program.h"
#include "runtime/vm.h"

namespace syncrule::runtime::testing {

// Reads a file below the source tree ("tests/fixtures/...").
inline std::string ReadSource(const std::string& path) {
  std::ifstream in(std::string(SYNCRULE_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Line 1 of examples/pagerduty-jira-cloud/events.ndjson: a PagerDuty V3
// incident.triggered delivery (Q1CHECKOUT502, high urgency, P1).
inline std::string TriggeredBody() {
  std::string all = ReadSource("examples/pagerduty-jira-cloud/events.ndjson");
  return all.substr(0, all.find('\n'));
}

// A payload parsed once, kept alive with its parser.
struct Payload {
  std::unique_ptr<simdjson::dom::parser> parser = std::make_unique<simdjson::dom::parser>();
  simdjson::padded_string text;
  simdjson::dom::element root;
  bool ok = false;

  explicit Payload(std::string_view json) : text(json) {
    ok = parser->parse(text).get(root) == simdjson::SUCCESS;
  }
};

// Emits, writes, reads back, verifies and links `image`; fails the test on
// any error.
inline std::shared_ptr<const Program> LoadOrFail(const ModuleImage& image) {
  std::string bytes = WriteModule(image);
  LoadResult loaded = LoadModule(bytes);
  EXPECT_TRUE(loaded.ok()) << ModuleErrorName(loaded.status.error) << ": "
                           << loaded.status.message;
  return loaded.program;
}

// The result of compiling a JQL query for the VM.
struct CompiledJql {
  std::shared_ptr<const Program> program;
  std::string error;  // a parse/check/emit/load error, or ""
  bool declined = false;  // the emitter declined the query
};

// Parses, checks and emits `text` against `catalog`, then loads it.
inline CompiledJql CompileJql(std::string_view text, const jql::FieldCatalog& catalog,
                              jql::CheckedQuery* checked_out = nullptr) {
  CompiledJql out;
  jql::ParseResult parsed = jql::ParseJql(text);
  if (!parsed.ok()) {
    out.error = "parse error";
    return out;
  }
  DiagnosticList diagnostics;
  jql::CheckedQuery checked = jql::CheckQuery(parsed.query, catalog, diagnostics);
  if (diagnostics.has_errors()) {
    out.error = "check error";
    return out;
  }
  emit::EmitResult emitted = emit::EmitJqlQuery(checked, text, &catalog);
  if (checked_out != nullptr) *checked_out = checked;
  if (!emitted.ok()) {
    out.declined = true;
    out.error = emitted.errors.front().message;
    return out;
  }
  std::string bytes = WriteModule(emitted.image);
  LoadResult loaded = LoadModule(bytes);
  if (!loaded.ok()) {
    out.error = std::string("load: ") + loaded.status.message;
    return out;
  }
  out.program = loaded.program;
  return out;
}

// An event of type `type` from the Jira connector.
inline EventInfo JiraEvent(std::string type = "jira.issue.updated") {
  EventInfo event;
  event.source = "jira";
  event.type = std::move(type);
  event.format = "jira.webhook";
  event.entity = "issue";
  event.entity_id = "TEST-1";
  return event;
}

// The outcome of compiling rule files through the whole pipeline.
struct CompiledRules {
  std::shared_ptr<const Program> program;
  ModuleImage image;
  std::string bytes;
  // Diagnostics and emit errors, one per line; empty when it compiled.
  std::string errors;
};

// The JQL catalog rule programs are checked against in tests.
inline std::shared_ptr<const jql::FieldCatalog> TestCatalog() {
  static std::shared_ptr<const jql::FieldCatalog> catalog =
      std::make_shared<const jql::FieldCatalog>();
  return catalog;
}

// Parses, checks, emits, writes, loads and verifies `files` (name, text).
inline CompiledRules CompileRules(
    const std::vector<std::pair<std::string, std::string>>& files) {
  CompiledRules out;
  std::vector<check::ParsedFile> parsed;
  for (const auto& [name, text] : files) {
    RuleParseResult result = ParseRuleFile(text);
    for (const Diagnostic& d : result.diagnostics.items()) {
      out.errors += name + ": " + d.code + ": " + d.message + "\n";
    }
    if (!result.ok()) return out;
    parsed.push_back(check::ParsedFile{std::make_shared<const Source>(name, text),
                                       std::move(result.file)});
  }
  check::Environment environment;
  for (const Connector* connector : AllConnectors()) {
    environment.connectors.push_back(&connector->schema());
  }
  environment.jql_catalog = TestCatalog();
  std::vector<DiagnosticList> diagnostics(parsed.size());
  check::CheckedProgram checked = check::CheckProgram(parsed, environment, diagnostics);
  bool failed = false;
  for (size_t f = 0; f < diagnostics.size(); ++f) {
    for (const Diagnostic& d : diagnostics[f].items()) {
      if (d.severity == Severity::kError) {
        failed = true;
        out.errors += files[f].first + ": " + d.code + ": " + d.message + "\n";
      }
    }
  }
  if (failed) return out;
  emit::EmitResult emitted = emit::EmitProgram(checked);
  for (const emit::EmitError& e : emitted.errors) {
    out.errors += emit::FormatEmitError(checked, e) + "\n";
  }
  if (!emitted.ok()) return out;
  out.image = emitted.image;
  out.bytes = WriteModule(emitted.image);
  LoadResult loaded = LoadModule(out.bytes);
  if (!loaded.ok()) {
    out.errors += std::string("load: ") + loaded.status.message + "\n";
    return out;
  }
  out.program = loaded.program;
  return out;
}

// Compiles one file `text` named "test.rule".
inline CompiledRules CompileRule(const std::string& text) {
  return CompileRules({{"test.rule", text}});
}

// Decodes `body` with the connectors and returns its first event.
inline std::optional<EventInfo> Decode(const Payload& payload, const std::string& body,
                                       const std::string& source = "") {
  RawDelivery delivery;
  delivery.source = source;
  delivery.body = body;
  DecodeResult result = DecodeDelivery(delivery, payload.root);
  if (!result.decoded()) return std::nullopt;
  return result.events.front();
}

}  // namespace syncrule::runtime::testing

#endif  // SYNCRULE_TESTS_RUNTIME_RUNTIME_TEST_UTIL_H_
