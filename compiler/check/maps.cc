// Maps: constant keys (strings, numbers, bools) to constant values, with an
// optional default `_`. Keys are kept in their string form, which is what a
// lookup compares, so "1" and 1 are the same key. A repeated key is a
// warning: the first entry wins.

#include <fmt/format.h>

#include <set>

#include "compiler/check/check_internal.h"

namespace syncrule::check::internal {
namespace {

using json = nlohmann::json;

// The state of checking one map.
struct MapCheck {
  ProgramState& state;
  int file;
  const ast::MapDecl& decl;
  IrMap& ir;
  std::set<std::string> keys;
  std::vector<ValueType> value_types;
};

void ReportBareWord(MapCheck& map, const ast::Expr& key) {
  const SourceRange range = map.state.RangeOf(map.file, key.id);
  Diagnostic& d = map.state.Error(
      map.file, codes::kBadMapKey, range,
      fmt::format("Map keys are constants, but `{}` is a bare word; write "
                  "\"{}\" for the string, or `_` for the default.",
                  key.text, key.text));
  d.fixes.push_back({range, "\"" + key.text + "\"", "quote the key"});
}

// Returns the string form of a key, or nullopt when it is not a constant.
std::optional<std::string> KeyText(const ast::Expr& key) {
  switch (key.kind) {
    case ast::ExprKind::kString: return key.text;
    case ast::ExprKind::kNumber: return ConstantToString(NumberConstant(key));
    case ast::ExprKind::kBool: return key.bool_value ? "true" : "false";
    default: return std::nullopt;
  }
}

// Adds `value` under the key `key`; returns false for a repeated key.
bool AddKey(MapCheck& map, const ast::Expr& key, bool is_default,
            const json& value) {
  if (is_default && key.text != "_") {
    ReportBareWord(map, key);
    return false;
  }
  std::optional<std::string> text = is_default ? std::optional<std::string>("_")
                                               : KeyText(key);
  if (!text) return false;  // the grammar admits only constants
  // The default is kept apart from a string key "_".
  const std::string slot = is_default ? std::string("\x01_default") : *text;
  if (!map.keys.insert(slot).second) {
    map.state.Warning(
        map.file, codes::kDuplicateKey, map.state.RangeOf(map.file, key.id),
        is_default ? fmt::format("Map `{}` has two defaults; the first wins.",
                                 map.decl.name)
                   : fmt::format("The key \"{}\" appears twice in map `{}`; "
                                 "the first entry wins.",
                                 *text, map.decl.name));
    return false;
  }
  if (is_default) {
    map.ir.default_value = value;
  } else {
    map.ir.entries.emplace_back(*text, value);
  }
  return true;
}

void CheckEntry(MapCheck& map, const ast::MapEntry& entry) {
  std::optional<json> value =
      FoldConstant(map.state, map.file, entry.value, ConstContext::kMapValue);
  if (!value) return;
  if (!value->is_null()) map.value_types.push_back(TypeOfConstant(*value));
  for (size_t i = 0; i < entry.keys.size(); ++i) {
    AddKey(map, entry.keys[i], entry.key_is_default[i], *value);
  }
}

void CheckMap(ProgramState& state, int file, const ast::MapDecl& decl,
              IrMap& ir) {
  MapCheck map{state, file, decl, ir, {}, {}};
  for (const ast::MapEntry& entry : decl.entries) CheckEntry(map, entry);
  ir.value_type = CommonType(map.value_types);
}

}  // namespace

void CheckMaps(ProgramState& state) {
  for (size_t i = 0; i < state.files.size(); ++i) {
    for (const ast::MapDecl& decl : state.files[i].file.maps) {
      auto it = state.maps.find(decl.name);
      if (it == state.maps.end() || it->second.decl != &decl) continue;
      CheckMap(state, static_cast<int>(i), decl,
               state.program.maps[it->second.index]);
    }
  }
}

}  // namespace syncrule::check::internal
