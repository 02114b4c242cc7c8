#ifndef SYNCRULE_TESTS_COMPILER_RULE_CHECK_HELPERS_H_
#define SYNCRULE_TESTS_COMPILER_RULE_CHECK_HELPERS_H_

// Shared by the rule checker's tests: parse and check rule texts against the
// real connector schemas, and read the diagnostics back.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compiler/check/checker.h"
#include "compiler/diagnostic.h"
#include "compiler/parse/rule_parser.h"
#include "runtime/connectors/registry.h"

namespace syncrule::testing_rules {

// The environment of the real connectors, with Jira's system JQL fields.
inline const check::Environment& RealEnvironment() {
  static const check::Environment* const environment = [] {
    auto* env = new check::Environment();
    for (const runtime::Connector* connector : runtime::AllConnectors()) {
      env->connectors.push_back(&connector->schema());
    }
    env->jql_catalog = std::make_shared<jql::FieldCatalog>();
    return env;
  }();
  return *environment;
}

// The outcome of parsing and checking some files.
struct CheckRun {
  std::vector<check::ParsedFile> files;
  // Per file: the parse diagnostics, then the checker's.
  std::vector<DiagnosticList> diagnostics;
  check::CheckedProgram program;
  bool parsed = true;
};

// Parses each (name, text) and, when all parse, checks them as one program.
inline CheckRun CheckFiles(
    const std::vector<std::pair<std::string, std::string>>& named_texts) {
  CheckRun run;
  for (const auto& [name, text] : named_texts) {
    RuleParseResult parsed = ParseRuleFile(text);
    run.parsed = run.parsed && parsed.ok();
    run.diagnostics.push_back(parsed.diagnostics);
    run.files.push_back({std::make_shared<Source>(name, text),
                         std::move(parsed.file)});
  }
  if (!run.parsed) return run;
  run.program = check::CheckProgram(run.files, RealEnvironment(), run.diagnostics);
  return run;
}

// Parses and checks one file called "test.rule".
inline CheckRun CheckText(const std::string& text) {
  return CheckFiles({{"test.rule", text}});
}

// Returns the codes of `list`, space-separated, in order.
inline std::string Codes(const DiagnosticList& list) {
  std::string out;
  for (const Diagnostic& d : list.items()) {
    if (!out.empty()) out += ' ';
    out += d.code;
  }
  return out;
}

// Returns every diagnostic of `run` printed as the CLI prints them.
inline std::string Printed(const CheckRun& run) {
  std::string out;
  for (size_t i = 0; i < run.files.size(); ++i) {
    for (const Diagnostic& d : run.diagnostics[i].items()) {
      out += FormatDiagnostic(*run.files[i].source, d);
    }
  }
  return out;
}

}  // namespace syncrule::testing_rules

#endif  // SYNCRULE_TESTS_COMPILER_RULE_CHECK_HELPERS_H_
