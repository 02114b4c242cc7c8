#include "cli/rule_build.h"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "cli/cli_io.h"
#include "compiler/check/checker.h"
#include "compiler/emit/emitter.h"
#include "compiler/parse/rule_parser.h"
#include "runtime/connectors/registry.h"

namespace syncrule::cli {
namespace {

namespace fs = std::filesystem;

// Prints `list` for `source` in the chosen format and counts it.
void PrintDiagnostics(const Source& source, const DiagnosticList& list,
                      const BuildOptions& options, std::ostream& out,
                      BuiltProgram* built) {
  // In source order, as a reader goes through the file; the checker finds
  // them pass by pass.
  std::vector<Diagnostic> sorted = list.items();
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.range.begin < b.range.begin;
  });
  for (const Diagnostic& d : sorted) {
    if (d.severity == Severity::kError) ++built->error_count;
    if (d.severity == Severity::kWarning) ++built->warning_count;
    if (options.format == "json") {
      nlohmann::json line = DiagnosticToJson(source, d);
      line["file"] = source.name();
      out << line.dump() << '\n';
    } else {
      out << FormatDiagnostic(source, d);
    }
  }
}

// Appends the clauses of `body` (and of the loops in it) to `out`.
void OutlineStatements(const check::CheckedProgram& program, size_t rule,
                       const std::vector<check::IrStatement>& body,
                       std::vector<RuleClause>* out);

// Appends one clause of kind `kind` written at `span` to `out`.
void AddClause(const check::CheckedProgram& program, size_t rule, const char* kind,
               const check::SourceSpan& span, std::vector<RuleClause>* out) {
  if (span.file < 0 || static_cast<size_t>(span.file) >= program.sources.size()) return;
  const Source& source = *program.sources[span.file];
  out->push_back(RuleClause{rule, kind, span.file, source.PositionOf(span.range.begin),
                            source.PositionOf(span.range.end)});
}

void OutlineStatements(const check::CheckedProgram& program, size_t rule,
                       const std::vector<check::IrStatement>& body,
                       std::vector<RuleClause>* out) {
  static constexpr const char* kKinds[] = {"when", "let", "do", "for"};
  for (const check::IrStatement& statement : body) {
    AddClause(program, rule, kKinds[static_cast<int>(statement.kind)], statement.span, out);
    if (statement.kind == check::IrStatementKind::kFor && statement.loop) {
      OutlineStatements(program, rule, statement.loop->body, out);
    }
  }
}

// Returns every clause of every rule of `program`.
std::vector<RuleClause> OutlineClauses(const check::CheckedProgram& program) {
  std::vector<RuleClause> clauses;
  for (size_t r = 0; r < program.rules.size(); ++r) {
    const check::IrRule& rule = program.rules[r];
    if (rule.match) AddClause(program, r, "match", rule.match->span, &clauses);
    OutlineStatements(program, r, rule.body, &clauses);
  }
  return clauses;
}

check::Environment MakeEnvironment(std::shared_ptr<const jql::FieldCatalog> catalog) {
  check::Environment environment;
  for (const runtime::Connector* connector : runtime::AllConnectors()) {
    environment.connectors.push_back(&connector->schema());
  }
  environment.jql_catalog = std::move(catalog);
  return environment;
}

}  // namespace

std::vector<std::string> FindRuleFiles(const std::vector<std::string>& paths,
                                       std::string* error) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".rule") {
          files.push_back(entry.path().string());
        }
      }
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      *error = "'" + path + "' does not exist";
      return {};
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  if (files.empty()) *error = "no .rule files found";
  return files;
}

bool ParseAndCheck(const std::vector<std::string>& paths, const std::string& fields_path,
                   CheckedRules* out, std::string* error) {
  std::vector<std::string> files = FindRuleFiles(paths, error);
  if (files.empty()) return false;
  auto catalog = std::make_shared<jql::FieldCatalog>();
  std::string catalog_text;
  if (!fields_path.empty()) {
    if (!ReadInput(fields_path, &catalog_text, error)) return false;
    if (!catalog->AddCustomFields(catalog_text, error)) {
      *error = fields_path + ": " + *error;
      return false;
    }
  }
  bool parsed = true;
  for (const std::string& file : files) {
    std::string text;
    if (!ReadInput(file, &text, error)) return false;
    auto source = std::make_shared<const Source>(file, std::move(text));
    RuleParseResult result = ParseRuleFile(source->text());
    parsed = parsed && result.ok();
    out->diagnostics.push_back(std::move(result.diagnostics));
    out->files.push_back({source, std::move(result.file)});
  }
  if (!parsed) return true;
  out->program = check::CheckProgram(out->files, MakeEnvironment(catalog), out->diagnostics);
  out->checked = std::none_of(out->diagnostics.begin(), out->diagnostics.end(),
                              [](const DiagnosticList& list) { return list.has_errors(); });
  return true;
}

bool BuildRules(const std::vector<std::string>& paths, const BuildOptions& options,
                std::ostream& out, BuiltProgram* built, std::string* error) {
  CheckedRules rules;
  if (!ParseAndCheck(paths, options.fields_path, &rules, error)) return false;
  built->file_count = static_cast<int>(rules.files.size());
  for (size_t i = 0; i < rules.files.size(); ++i) {
    PrintDiagnostics(*rules.files[i].source, rules.diagnostics[i], options, out, built);
  }
  const check::CheckedProgram& checked = rules.program;
  if (built->error_count > 0 || options.check_only) return built->error_count == 0;
  std::vector<emit::EmitError> emit_errors;
  built->module = emit::CompileModule(checked, &emit_errors);
  for (const emit::EmitError& e : emit_errors) {
    out << emit::FormatEmitError(checked, e) << '\n';
    ++built->error_count;
  }
  if (built->error_count > 0) return false;
  runtime::LoadResult loaded = runtime::LoadModule(built->module);
  if (!loaded.ok()) {
    *error = "the compiled module does not verify: " + loaded.status.message;
    return false;
  }
  built->program = loaded.program;
  built->clauses = OutlineClauses(checked);
  return true;
}

}  // namespace syncrule::cli
