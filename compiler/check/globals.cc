// Global names: consts and maps share one namespace across all files of a
// program; rule names and connection names are unique program-wide too.

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "compiler/check/check_internal.h"

namespace syncrule::check::internal {
namespace {

// Returns the range of `name` inside declaration `id` of file `file`, found
// after its keyword; the whole declaration when the name is not found.
SourceRange NameRange(const ProgramState& state, int file, ast::NodeId id,
                      const std::string& name, size_t keyword_length) {
  SourceRange whole = state.RangeOf(file, id);
  std::string_view text = state.TextOf(file, whole);
  size_t at = text.find(name, std::min(keyword_length, text.size()));
  if (at == std::string_view::npos) return whole;
  uint32_t begin = whole.begin + static_cast<uint32_t>(at);
  return SourceRange{begin, begin + static_cast<uint32_t>(name.size())};
}

// Reports that `quoted` (a `what`, quoted as messages write it) at `range`
// of `file` repeats the one at `first`.
void ReportDuplicate(ProgramState& state, int file, SourceRange range,
                     const std::string& quoted, std::string_view what,
                     const DeclSite& first) {
  Diagnostic& d = state.Error(
      file, codes::kDuplicateName, range,
      fmt::format("{} {} is defined twice.", what, quoted));
  d.notes.push_back(fmt::format("{} is first defined at {}.", quoted,
                                state.Where(first)));
}

std::string Quoted(const std::string& name) { return "`" + name + "`"; }

// Returns where the const or map `name` is declared, or null.
const DeclSite* FindGlobal(const ProgramState& state, const std::string& name) {
  if (auto it = state.consts.find(name); it != state.consts.end()) {
    return &it->second.site;
  }
  if (auto it = state.maps.find(name); it != state.maps.end()) {
    return &it->second.site;
  }
  return nullptr;
}

void CollectConst(ProgramState& state, int file, const ast::ConstDecl& decl) {
  SourceRange range = NameRange(state, file, decl.id, decl.name, 5);
  if (const DeclSite* first = FindGlobal(state, decl.name)) {
    ReportDuplicate(state, file, range, Quoted(decl.name), "The name", *first);
    return;
  }
  if (!CheckDeclaredName(state, file, range, decl.name, "const")) return;
  ConstSymbol symbol;
  symbol.site = DeclSite{file, decl.id};
  symbol.decl = &decl;
  state.consts.emplace(decl.name, std::move(symbol));
}

void CollectMap(ProgramState& state, int file, const ast::MapDecl& decl) {
  SourceRange range = NameRange(state, file, decl.id, decl.name, 3);
  if (const DeclSite* first = FindGlobal(state, decl.name)) {
    ReportDuplicate(state, file, range, Quoted(decl.name), "The name", *first);
    return;
  }
  if (!CheckDeclaredName(state, file, range, decl.name, "map")) return;
  MapSymbol symbol;
  symbol.site = DeclSite{file, decl.id};
  symbol.decl = &decl;
  symbol.index = static_cast<int>(state.program.maps.size());
  IrMap map;
  map.name = decl.name;
  map.span = state.SpanOf(file, decl.id);
  state.program.maps.push_back(std::move(map));
  state.maps.emplace(decl.name, symbol);
}

// Reports rules and connections whose names repeat an earlier one's.
void CollectRuleNames(ProgramState& state) {
  std::unordered_map<std::string, DeclSite> rules;
  std::unordered_map<std::string, DeclSite> connections;
  for (size_t i = 0; i < state.files.size(); ++i) {
    const int file = static_cast<int>(i);
    for (const ast::Rule& rule : state.files[i].file.rules) {
      auto [it, added] = rules.emplace(rule.name, DeclSite{file, rule.name_id});
      if (!added) {
        ReportDuplicate(state, file, state.RangeOf(file, rule.name_id),
                        "\"" + rule.name + "\"", "The rule", it->second);
      }
    }
    for (const ast::Connection& c : state.files[i].file.connections) {
      auto [it, added] = connections.emplace(c.name, DeclSite{file, c.id});
      if (!added) {
        ReportDuplicate(state, file, NameRange(state, file, c.id, c.name, 10),
                        Quoted(c.name), "The connection", it->second);
      }
    }
  }
}

}  // namespace

bool CheckDeclaredName(ProgramState& state, int file, SourceRange range,
                       const std::string& name, std::string_view what) {
  if (name == "_") {
    state.Error(file, codes::kReservedName, range,
                fmt::format("`_` cannot name a {}: it is the default key of "
                            "maps.",
                            what));
    return false;
  }
  if (state.schemas.IsFieldRoot(name)) {
    Diagnostic& d = state.Error(
        file, codes::kReservedName, range,
        fmt::format("`{}` cannot name a {}: it begins event field names such "
                    "as `{}.…`.",
                    name, what, name));
    d.notes.push_back("choose a name that no event field starts with");
    return false;
  }
  return true;
}

void CollectGlobals(ProgramState& state) {
  for (size_t i = 0; i < state.files.size(); ++i) {
    const int file = static_cast<int>(i);
    const ast::RuleFile& ast_file = state.files[i].file;
    // In source order, so that "first defined" is the earlier declaration.
    std::vector<std::pair<uint32_t, std::function<void()>>> declarations;
    for (const ast::ConstDecl& decl : ast_file.constants) {
      declarations.emplace_back(ast_file.RangeOf(decl.id).begin,
                                [&, file] { CollectConst(state, file, decl); });
    }
    for (const ast::MapDecl& decl : ast_file.maps) {
      declarations.emplace_back(ast_file.RangeOf(decl.id).begin,
                                [&, file] { CollectMap(state, file, decl); });
    }
    std::stable_sort(declarations.begin(), declarations.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [begin, collect] : declarations) collect();
  }
  CollectRuleNames(state);
}

}  // namespace syncrule::check::internal
