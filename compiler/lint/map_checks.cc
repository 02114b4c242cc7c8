// Map checks: a map without default that misses values of the closed set it
// is looked up with (SL101), entries no lookup can reach (SL102), and maps
// never looked up (SL103).

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <strings.h>

#include "compiler/lint/lint_internal.h"

namespace syncrule::lint::internal {
namespace {

using check::IrExpr;
using check::IrKind;

// How one map is looked up across the program.
struct MapUse {
  std::vector<const IrExpr*> lookups;
  // The union of the closed value sets of the keys, and whether every
  // lookup's key has one.
  std::set<std::string> values;
  bool all_closed = true;
  // The first key expression with a closed set, for messages.
  const IrExpr* closed_key = nullptr;
};

std::vector<MapUse> CollectUses(const LintContext& context) {
  std::vector<MapUse> uses(context.program.maps.size());
  for (const check::IrRule& rule : context.program.rules) {
    ForEachExprInRule(rule, [&](const IrExpr& e) {
      if (e.kind != IrKind::kMapLookup || e.index < 0 || e.children.empty()) return;
      MapUse& use = uses[static_cast<size_t>(e.index)];
      use.lookups.push_back(&e);
      std::optional<std::vector<std::string>> closed = ClosedValues(context, e.children[0]);
      if (!closed) {
        use.all_closed = false;
        return;
      }
      use.values.insert(closed->begin(), closed->end());
      if (use.closed_key == nullptr) use.closed_key = &e.children[0];
    });
  }
  return uses;
}

// Returns the span of the map's name in its declaration.
check::SourceSpan NameSpan(const LintContext& context, const check::IrMap& map) {
  check::SourceSpan span = map.span;
  std::string_view text = context.TextOf(span);
  size_t at = text.find(map.name);
  if (at != std::string_view::npos) {
    span.range.begin += static_cast<uint32_t>(at);
    span.range.end = span.range.begin + static_cast<uint32_t>(map.name.size());
  }
  return span;
}

// Returns the AST declaration of `map`, for the spans of its keys.
const ast::MapDecl* DeclOf(const LintContext& context, const check::IrMap& map) {
  const ast::RuleFile& file = context.files[static_cast<size_t>(map.span.file)].file;
  for (const ast::MapDecl& decl : file.maps) {
    if (decl.name == map.name) return &decl;
  }
  return nullptr;
}

std::string Quoted(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + fmt::format("\"{}\"", v);
  return out;
}

void ReportMissing(LintContext& context, const check::IrMap& map, const MapUse& use) {
  if (map.default_value || use.values.empty()) return;
  std::vector<std::string> missing;
  for (const std::string& value : use.values) {
    bool covered = std::any_of(map.entries.begin(), map.entries.end(),
                               [&](const auto& entry) { return entry.first == value; });
    if (!covered) missing.push_back(value);
  }
  if (missing.empty()) return;
  std::string key = std::string(context.TextOf(use.closed_key->span));
  Diagnostic& d = context.Report(
      Severity::kWarning, codes::kMapMissesValues, NameSpan(context, map),
      fmt::format("Map `{}` has no default and no entry for {}, which `{}` can be; "
                  "those lookups give null.",
                  map.name, Quoted(missing), key));
  d.notes.push_back(fmt::format("looked up with `{}` at {}", key,
                                context.Where(use.closed_key->span)));
  d.notes.push_back(fmt::format("add the missing entries, or a default: `_ => ...`"));
}

void ReportUnusedEntries(LintContext& context, const check::IrMap& map, const MapUse& use) {
  if (!use.all_closed || use.values.empty()) return;
  const ast::MapDecl* decl = DeclOf(context, map);
  if (decl == nullptr) return;
  const ast::RuleFile& file = context.files[static_cast<size_t>(map.span.file)].file;
  for (const ast::MapEntry& entry : decl->entries) {
    for (size_t k = 0; k < entry.keys.size(); ++k) {
      const ast::Expr& key = entry.keys[k];
      if (entry.key_is_default[k] || key.kind != ast::ExprKind::kString) continue;
      if (use.values.count(key.text) > 0) continue;
      check::SourceSpan span{map.span.file, file.RangeOf(key.id)};
      Diagnostic& d = context.Report(
          Severity::kWarning, codes::kMapEntryNeverUsed, span,
          fmt::format("The entry \"{}\" of map `{}` is never used: `{}` is never \"{}\".",
                      key.text, map.name, context.TextOf(use.closed_key->span), key.text));
      std::vector<std::string> values(use.values.begin(), use.values.end());
      for (const std::string& value : values) {
        if (value != key.text && strcasecmp(value.c_str(), key.text.c_str()) == 0) {
          d.notes.push_back(fmt::format("map keys match exactly; did you mean \"{}\"?", value));
          d.fixes.push_back({span.range, fmt::format("\"{}\"", value),
                             fmt::format("replace with \"{}\"", value)});
        }
      }
      d.notes.push_back(fmt::format("its values are {}", Quoted(values)));
    }
  }
}

}  // namespace

void CheckMaps(LintContext& context) {
  std::vector<MapUse> uses = CollectUses(context);
  for (size_t m = 0; m < context.program.maps.size(); ++m) {
    const check::IrMap& map = context.program.maps[m];
    if (uses[m].lookups.empty()) {
      Diagnostic& d = context.Report(Severity::kWarning, codes::kMapNeverUsed,
                                     NameSpan(context, map),
                                     fmt::format("Map `{}` is never looked up.", map.name));
      d.notes.push_back("remove it, or use it: `" + map.name + "[incident.status]`");
      continue;
    }
    ReportMissing(context, map, uses[m]);
    ReportUnusedEntries(context, map, uses[m]);
  }
}

}  // namespace syncrule::lint::internal
