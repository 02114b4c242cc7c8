// Event fields: resolving dotted paths against the schemas of a rule's
// triggers, checking that every trigger has the field, and interning each
// field once per program. A field several connectors declare under one name
// (a rule on PagerDuty and Flashduty incidents reading `incident.title`) is
// merged into one declaration holding every connector's paths.

#include <fmt/format.h>

#include <algorithm>

#include "compiler/check/check_internal.h"

namespace syncrule::check::internal {
namespace {

using ast::Expr;
using ast::ExprKind;

// Returns segments[0..count) joined with dots.
std::string Join(const std::vector<std::string>& segments, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out += '.';
    out += segments[i];
  }
  return out;
}

// The declarations of one field name for each trigger: null where the
// trigger's connector does not declare it.
std::vector<const runtime::FieldDecl*> DeclsFor(const RuleState& rule,
                                                std::string_view name) {
  std::vector<const runtime::FieldDecl*> decls;
  for (const EventRef& trigger : rule.triggers) {
    decls.push_back(SchemaIndex::FindField(*trigger.connector, name));
  }
  return decls;
}

bool AnyFound(const std::vector<const runtime::FieldDecl*>& decls) {
  return std::any_of(decls.begin(), decls.end(),
                     [](const runtime::FieldDecl* d) { return d != nullptr; });
}

// Returns the names of every field the rule's triggers offer.
std::vector<std::string> FieldNames(const RuleState& rule) {
  std::vector<std::string> names;
  for (const EventRef& trigger : rule.triggers) {
    for (const runtime::FieldDecl& field : trigger.connector->fields) {
      if (std::find(names.begin(), names.end(), field.name) == names.end()) {
        names.push_back(field.name);
      }
    }
  }
  return names;
}

// Returns "`pagerduty.incident.triggered` events" or "the events of this
// rule's triggers".
std::string TriggerWords(const RuleState& rule) {
  if (rule.triggers.size() == 1) {
    return fmt::format("`{}` events", rule.triggers[0].event->name);
  }
  return "the events this rule is triggered by";
}

void ReportNoTriggers(RuleState& rule, const MemberChain& chain) {
  const std::string name = Join(chain.segments, chain.segments.size());
  Diagnostic& d = rule.Error(
      codes::kUnknownField, chain.nodes.back()->id,
      fmt::format("`{}` is not available: this rule has no `on` trigger, so "
                  "no event fields are in scope.",
                  name));
  d.notes.push_back(
      "list the events a manual rule accepts with `on`, or read the payload "
      "with raw(\"/json/pointer\")");
}

// Reports a name that is only the first segment of fields (`incident`).
void ReportFieldRoot(RuleState& rule, const MemberChain& chain) {
  const std::string& root = chain.segments[0];
  std::string example;
  for (const std::string& name : FieldNames(rule)) {
    if (name.rfind(root + ".", 0) == 0) {
      example = name;
      break;
    }
  }
  Diagnostic& d = rule.Error(
      codes::kNotAValue, chain.root->id,
      fmt::format("`{}` is not a value by itself; name one of its fields{}.",
                  root, example.empty() ? "" : ", such as `" + example + "`"));
  if (example.empty()) {
    d.notes.push_back(fmt::format("{} have no `{}.…` fields",
                                  TriggerWords(rule), root));
  }
}

void ReportUnknownField(RuleState& rule, const MemberChain& chain) {
  if (chain.segments.size() == 1 &&
      rule.state.schemas.IsFieldRoot(chain.segments[0])) {
    return ReportFieldRoot(rule, chain);
  }
  const Expr& node = *chain.nodes.back();
  const std::string name = Join(chain.segments, chain.segments.size());
  Diagnostic& d = rule.Error(
      codes::kUnknownField, node.id,
      fmt::format("`{}` is not a field of {}.", name, TriggerWords(rule)));
  AddDidYouMean(d, rule.RangeOf(node.id), Suggest(name, FieldNames(rule)));
}

void ReportMissingOnTrigger(RuleState& rule, const Expr& node,
                            const std::string& name,
                            const std::vector<const runtime::FieldDecl*>& decls) {
  for (size_t i = 0; i < decls.size(); ++i) {
    if (decls[i] != nullptr) continue;
    const EventRef& trigger = rule.triggers[i];
    Diagnostic& d = rule.Error(
        codes::kFieldNotOnTrigger, node.id,
        fmt::format("`{}` is not a field of `{}` events, one of this rule's "
                    "triggers.",
                    name, trigger.event->name));
    d.notes.push_back(fmt::format(
        "a rule may read only the fields every trigger has; `{}` has no "
        "field `{}`. Split the rule, or read the payload with "
        "raw(\"/json/pointer\")",
        trigger.connector->name, name));
    return;
  }
}

// Returns the type of a field declared by `decls`: theirs when they agree,
// number for numbers of both kinds, any otherwise.
ValueType MergedType(const std::vector<const runtime::FieldDecl*>& decls) {
  std::vector<ValueType> types;
  for (const runtime::FieldDecl* decl : decls) types.push_back(decl->type);
  return CommonType(types);
}

// Builds the field node and the member accesses after it.
IrExpr FieldNode(RuleState& rule, const MemberChain& chain, size_t count,
                 std::vector<const runtime::FieldDecl*> decls, IrKind kind) {
  const Expr& node = *chain.nodes[count - 1];
  IrExpr ir;
  ir.kind = kind;
  ir.index = InternField(rule.state, std::move(decls));
  ir.type = rule.state.program.fields[ir.index]->type;
  ir.name = kind == IrKind::kLinkedField
                ? LinkedKind(*chain.root)
                : rule.state.program.fields[ir.index]->name;
  ir.span = rule.SpanOf(node.id);
  for (size_t i = count; i < chain.nodes.size(); ++i) {
    ir = MemberOf(rule, *chain.nodes[i], std::move(ir));
  }
  return ir;
}

}  // namespace

std::optional<MemberChain> ChainOf(const ast::Expr& expr) {
  MemberChain chain;
  const Expr* node = &expr;
  std::vector<const Expr*> members;
  while (node->kind == ExprKind::kMember) {
    members.push_back(node);
    node = &node->children[0];
  }
  const bool linked = node->kind == ExprKind::kCall && node->text == "linked";
  if (node->kind != ExprKind::kName && !linked) return std::nullopt;
  chain.root = node;
  if (!linked) {
    chain.segments.push_back(node->text);
    chain.nodes.push_back(node);
  }
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    chain.segments.push_back((*it)->text);
    chain.nodes.push_back(*it);
  }
  return chain;
}

std::optional<IrExpr> ResolveFieldPath(RuleState& rule,
                                       const MemberChain& chain) {
  if (rule.triggers.empty()) {
    if (rule.triggers_known) ReportNoTriggers(rule, chain);
    return std::nullopt;
  }
  for (size_t count = chain.segments.size(); count > 0; --count) {
    const std::string name = Join(chain.segments, count);
    std::vector<const runtime::FieldDecl*> decls = DeclsFor(rule, name);
    if (!AnyFound(decls)) continue;
    if (std::find(decls.begin(), decls.end(), nullptr) != decls.end()) {
      ReportMissingOnTrigger(rule, *chain.nodes[count - 1], name, decls);
      return std::nullopt;
    }
    return FieldNode(rule, chain, count, std::move(decls), IrKind::kField);
  }
  if (rule.triggers_known) ReportUnknownField(rule, chain);
  return std::nullopt;
}

std::optional<IrExpr> ResolveLinkedField(RuleState& rule,
                                         const MemberChain& chain) {
  const std::string kind = LinkedKind(*chain.root);
  CheckExpr(rule, *chain.root);  // reports a bad linked() argument
  const size_t dot = kind.find('.');
  const runtime::ConnectorSchema* connector =
      dot == std::string::npos ? nullptr
                               : rule.state.schemas.FindConnector(kind.substr(0, dot));
  if (connector == nullptr || !rule.state.schemas.IsEntityKind(kind)) {
    return std::nullopt;
  }
  std::vector<std::string> segments = chain.segments;
  segments.insert(segments.begin(), kind.substr(dot + 1));
  for (size_t count = segments.size(); count > 1; --count) {
    const std::string name = Join(segments, count);
    if (const runtime::FieldDecl* decl = SchemaIndex::FindField(*connector, name)) {
      return FieldNode(rule, chain, count - 1, {decl}, IrKind::kLinkedField);
    }
  }
  std::vector<std::string> names;
  for (const runtime::FieldDecl& field : connector->fields) {
    if (field.name.rfind(segments[0] + ".", 0) == 0) {
      names.push_back(field.name.substr(segments[0].size() + 1));
    }
  }
  const Expr& node = *chain.nodes.back();
  const std::string written = Join(chain.segments, chain.segments.size());
  Diagnostic& d = rule.Error(
      codes::kUnknownField, node.id,
      fmt::format("A linked `{}` has no field `{}`.", kind, written));
  d.notes.push_back(fmt::format("the linked entity's fields are those of `{}.…`",
                                segments[0]));
  AddDidYouMean(d, rule.RangeOf(node.id), Suggest(written, names),
                "linked(" + kind + ").");
  return std::nullopt;
}

int InternField(ProgramState& state,
                std::vector<const runtime::FieldDecl*> decls) {
  std::vector<const runtime::FieldDecl*> key = decls;
  std::sort(key.begin(), key.end());
  key.erase(std::unique(key.begin(), key.end()), key.end());
  auto [it, added] = state.field_indexes.emplace(
      key, static_cast<int>(state.program.fields.size()));
  if (!added) return it->second;
  if (key.size() == 1) {
    state.program.fields.push_back(key[0]);
    return it->second;
  }
  // Merge in the order the triggers named the connectors.
  decls.erase(std::unique(decls.begin(), decls.end()), decls.end());
  auto merged = std::make_shared<runtime::FieldDecl>(*decls[0]);
  merged->type = MergedType(decls);
  for (size_t i = 1; i < decls.size(); ++i) {
    if (std::find(decls.begin(), decls.begin() + i, decls[i]) != decls.begin() + i) {
      continue;
    }
    merged->paths.insert(merged->paths.end(), decls[i]->paths.begin(),
                         decls[i]->paths.end());
  }
  state.program.fields.push_back(merged.get());
  state.program.merged_fields.push_back(std::move(merged));
  return it->second;
}

}  // namespace syncrule::check::internal
