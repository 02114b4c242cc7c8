// The walk over a program: globals first (every file's consts and maps are
// visible everywhere), then connections, then each rule in file order.

#include "compiler/check/checker.h"

#include <fmt/format.h>

#include "compiler/check/check_internal.h"
#include "compiler/jql/field_catalog.h"

namespace syncrule::check {
namespace internal {

ProgramState::ProgramState(const std::vector<ParsedFile>& files,
                           const Environment& environment,
                           std::vector<DiagnosticList>& diagnostics)
    : files(files),
      environment(environment),
      diagnostics(diagnostics),
      schemas(environment) {}

SourceRange ProgramState::RangeOf(int file, ast::NodeId id) const {
  return files[file].file.RangeOf(id);
}

SourceSpan ProgramState::SpanOf(int file, ast::NodeId id) const {
  return SourceSpan{file, RangeOf(file, id)};
}

std::string_view ProgramState::TextOf(int file, SourceRange range) const {
  if (files[file].source == nullptr) return {};
  std::string_view text = files[file].source->text();
  if (range.begin > range.end || range.end > text.size()) return {};
  return text.substr(range.begin, range.end - range.begin);
}

std::string ProgramState::Where(const DeclSite& site) const {
  const Source* source = files[site.file].source.get();
  if (source == nullptr) return "another file";
  SourcePosition at = source->PositionOf(RangeOf(site.file, site.id).begin);
  return fmt::format("{}:{}:{}", source->name(), at.line, at.column);
}

Diagnostic& ProgramState::Error(int file, std::string_view code,
                                SourceRange range, std::string message) {
  return diagnostics[file].Error(std::string(code), range, std::move(message));
}

Diagnostic& ProgramState::Warning(int file, std::string_view code,
                                  SourceRange range, std::string message) {
  return diagnostics[file].Warning(std::string(code), range,
                                   std::move(message));
}

Diagnostic& RuleState::Error(std::string_view code, ast::NodeId id,
                             std::string message) {
  return state.Error(file, code, RangeOf(id), std::move(message));
}

Diagnostic& RuleState::Warning(std::string_view code, ast::NodeId id,
                               std::string message) {
  return state.Warning(file, code, RangeOf(id), std::move(message));
}

}  // namespace internal

namespace {

// Returns the catalog JQL matches resolve against: the environment's, or
// Jira's system fields when the environment names none.
std::shared_ptr<const jql::FieldCatalog> CatalogOf(
    const Environment& environment) {
  if (environment.jql_catalog != nullptr) return environment.jql_catalog;
  static const auto* const system_fields =
      new std::shared_ptr<const jql::FieldCatalog>(
          std::make_shared<jql::FieldCatalog>());
  return *system_fields;
}

}  // namespace

CheckedProgram CheckProgram(const std::vector<ParsedFile>& files,
                            const Environment& environment,
                            std::vector<DiagnosticList>& diagnostics) {
  diagnostics.resize(std::max(diagnostics.size(), files.size()));
  Environment resolved = environment;
  resolved.jql_catalog = CatalogOf(environment);
  internal::ProgramState state(files, resolved, diagnostics);
  for (const ParsedFile& file : files) {
    state.program.sources.push_back(file.source);
  }
  state.program.jql_catalog = resolved.jql_catalog;
  internal::CollectGlobals(state);
  internal::FoldAllConsts(state);
  internal::CheckMaps(state);
  internal::CheckConnections(state);
  for (size_t i = 0; i < files.size(); ++i) {
    for (const ast::Rule& rule : files[i].file.rules) {
      internal::CheckRule(state, static_cast<int>(i), rule);
    }
  }
  return std::move(state.program);
}

}  // namespace syncrule::check
