// Conditions that can never be true (SL401) or are always true (SL402):
// constants, a field compared with a value outside its closed set, a list
// that holds all or none of that set, and two `==` tests of one field
// against different values in the same rule.

#include <fmt/format.h>
#include <strings.h>

#include <algorithm>
#include <map>

#include "compiler/lint/lint_internal.h"

namespace syncrule::lint::internal {
namespace {

using check::IrExpr;
using check::IrKind;

// What a leaf condition is known to do, with why.
struct Verdict {
  enum Kind { kUnknown, kNever, kAlways } kind = kUnknown;
  std::string why;
  std::vector<std::string> notes;
};

std::string Quoted(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + fmt::format("\"{}\"", v);
  return out;
}

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Returns a note naming the value of `values` that `text` differs from only
// in case, or "".
std::string CaseNote(const std::vector<std::string>& values, const std::string& text) {
  for (const std::string& v : values) {
    if (strcasecmp(v.c_str(), text.c_str()) == 0) {
      return fmt::format("strings compare exactly; did you mean \"{}\"?", v);
    }
  }
  return "";
}

// A field compared with constants: `f == "x"`, `f != "x"`, `f in [...]`.
Verdict AgainstClosedSet(const LintContext& context, const IrExpr& e) {
  if (e.kind != IrKind::kBinary || e.children.size() != 2) return {};
  std::optional<std::vector<std::string>> closed = ClosedValues(context, e.children[0]);
  std::optional<nlohmann::json> value = ConstantValue(e.children[1]);
  if (!closed || !value) return {};
  std::string field(context.TextOf(e.children[0].span));
  std::string values_note = fmt::format("`{}` is one of {}", field, Quoted(*closed));
  if ((e.op == ast::Op::kEq || e.op == ast::Op::kNe) && value->is_string()) {
    std::string text = *value;
    if (Contains(*closed, text)) return {};
    Verdict v{e.op == ast::Op::kEq ? Verdict::kNever : Verdict::kAlways,
              fmt::format("`{}` is never \"{}\"", field, text), {values_note}};
    if (std::string note = CaseNote(*closed, text); !note.empty()) v.notes.push_back(note);
    return v;
  }
  if ((e.op == ast::Op::kIn || e.op == ast::Op::kNotIn) && value->is_array()) {
    size_t known = 0;
    for (const std::string& c : *closed) {
      if (std::find(value->begin(), value->end(), nlohmann::json(c)) != value->end()) ++known;
    }
    bool in = e.op == ast::Op::kIn;
    if (known == 0) {
      return {in ? Verdict::kNever : Verdict::kAlways,
              fmt::format("the list holds none of the values `{}` can be", field), {values_note}};
    }
    if (known == closed->size()) {
      return {in ? Verdict::kAlways : Verdict::kNever,
              fmt::format("the list holds every value `{}` can be", field), {values_note}};
    }
  }
  return {};
}

Verdict Judge(const LintContext& context, const IrExpr& e) {
  if (std::optional<nlohmann::json> value = ConstantValue(e)) {
    if (value->is_boolean() && value->get<bool>()) return {Verdict::kAlways, "it is the constant true", {}};
    return {Verdict::kNever, fmt::format("it is the constant {}", value->dump()), {}};
  }
  if (e.kind == IrKind::kBinary && e.children.size() == 2 && e.op == ast::Op::kEq) {
    std::optional<nlohmann::json> left = ConstantValue(e.children[0]);
    std::optional<nlohmann::json> right = ConstantValue(e.children[1]);
    if (left && right && !left->is_null() && !right->is_null()) {
      return {*left == *right ? Verdict::kAlways : Verdict::kNever,
              "it compares two constants", {}};
    }
  }
  return AgainstClosedSet(context, e);
}

void Report(LintContext& context, const IrExpr& e, const Verdict& v) {
  bool never = v.kind == Verdict::kNever;
  Diagnostic& d = context.Report(
      Severity::kWarning, never ? codes::kNeverTrue : codes::kAlwaysTrue, e.span,
      never ? fmt::format("This condition is never true: {}; the rule never acts.", v.why)
            : fmt::format("This condition is always true: {}; it tests nothing.", v.why));
  d.notes = v.notes;
}

// Two `field == "a"` and `field == "b"` tests in one rule.
void CheckContradictions(LintContext& context, const std::vector<const IrExpr*>& conjuncts) {
  std::map<int, const IrExpr*> equal_tests;
  for (const IrExpr* e : conjuncts) {
    if (e->kind != IrKind::kBinary || e->op != ast::Op::kEq || e->children.size() != 2) continue;
    if (e->children[0].kind != IrKind::kField) continue;
    std::optional<nlohmann::json> value = ConstantValue(e->children[1]);
    if (!value || value->is_null()) continue;
    auto [it, inserted] = equal_tests.emplace(e->children[0].index, e);
    if (inserted) continue;
    std::optional<nlohmann::json> first = ConstantValue(it->second->children[1]);
    if (first && *first != *value) {
      Diagnostic& d = context.Report(
          Severity::kWarning, codes::kNeverTrue, e->span,
          fmt::format("This condition is never true together with `{}`: `{}` cannot be "
                      "both {} and {}.",
                      context.TextOf(it->second->span), context.TextOf(e->children[0].span),
                      first->dump(), value->dump()));
      d.notes.push_back(fmt::format("the other test is at {}; use `in [...]` for either",
                                    context.Where(it->second->span)));
    }
  }
}

}  // namespace

void CheckConditions(LintContext& context) {
  for (const check::IrRule& rule : context.program.rules) {
    std::vector<const IrExpr*> conjuncts = Conjuncts(rule);
    for (const IrExpr* e : conjuncts) {
      Verdict v = Judge(context, *e);
      if (v.kind != Verdict::kUnknown) Report(context, *e, v);
    }
    CheckContradictions(context, conjuncts);
  }
}

}  // namespace syncrule::lint::internal
