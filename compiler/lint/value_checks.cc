// Values Jira rejects, and secrets: labels with whitespace (SL301) and
// string constants that look like credentials (SL302). Inline secrets in
// `connection` blocks are the compiler's own error, SR171.

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>

#include "compiler/lint/lint_internal.h"

namespace syncrule::lint::internal {
namespace {

using check::IrExpr;
using check::IrKind;

// Actions whose `labels` parameter, or `fields.labels` member, Jira reads.
bool SetsJiraLabels(const check::IrAction& action) {
  return action.decl != nullptr && (action.decl->name == "jira.create_issue" ||
                                    action.decl->name == "jira.set_fields");
}

// Reports each constant label holding whitespace in `labels`.
void CheckLabelList(LintContext& context, const IrExpr& labels) {
  std::optional<nlohmann::json> value = ConstantValue(labels);
  if (!value || !value->is_array()) return;
  for (const nlohmann::json& label : *value) {
    if (!label.is_string()) continue;
    std::string text = label;
    if (text.find_first_of(" \t\r\n") == std::string::npos) continue;
    std::string fixed = text;
    for (char& c : fixed) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') c = '-';
    }
    Diagnostic& d = context.Report(
        Severity::kError, codes::kLabelWithWhitespace, labels.span,
        fmt::format("The label \"{}\" holds whitespace; Jira rejects labels with spaces, so "
                    "the whole action fails.",
                    text));
    d.notes.push_back(fmt::format("write it as \"{}\"", fixed));
  }
}

void CheckLabels(LintContext& context) {
  for (const check::IrRule& rule : context.program.rules) {
    ForEachAction(rule, [&](const check::IrAction& action, bool) {
      if (!SetsJiraLabels(action)) return;
      if (const IrExpr* labels = ArgOf(action, "labels")) CheckLabelList(context, *labels);
      const IrExpr* fields = ArgOf(action, "fields");
      if (fields == nullptr || fields->kind != IrKind::kObject) return;
      for (size_t k = 0; k < fields->keys.size() && k < fields->children.size(); ++k) {
        if (fields->keys[k] == "labels") CheckLabelList(context, fields->children[k]);
      }
    });
  }
}

// Credential shapes: vendor token prefixes and key formats that are never
// ordinary text.
const RE2::Set& SecretPatterns() {
  static const RE2::Set* const set = [] {
    auto* patterns = new RE2::Set(RE2::Options(), RE2::UNANCHORED);
    for (const char* pattern : {
             R"(\bATATT3[A-Za-z0-9_\-=]{20,})",          // Atlassian API token
             R"(\bu\+[A-Za-z0-9_\-]{18,}\b)",            // PagerDuty REST API key
             R"(\bR0[0-9A-Z]{30}\b)",                    // PagerDuty integration key
             R"(\bglpat-[A-Za-z0-9_\-]{20,})",           // GitLab personal token
             R"(\bgh[pousr]_[A-Za-z0-9]{30,})",          // GitHub token
             R"(\bxox[abposr]-[A-Za-z0-9\-]{10,})",      // Slack token
             R"(\bAKIA[0-9A-Z]{16}\b)",                  // AWS access key id
             R"(\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.)",  // JWT
             R"((?i)\b(bearer|basic|token)\s+[A-Za-z0-9+/=_\-.]{20,})",  // Authorization value
             R"(-----BEGIN [A-Z ]*PRIVATE KEY-----)",
         }) {
      patterns->Add(pattern, nullptr);
    }
    patterns->Compile();
    return patterns;
  }();
  return *set;
}

void CheckStringForSecret(LintContext& context, const IrExpr& e) {
  if (e.kind != IrKind::kConst || !e.constant.is_string()) return;
  std::string text = e.constant;
  std::vector<int> matched;
  if (!SecretPatterns().Match(text, &matched)) return;
  Diagnostic& d = context.Report(
      Severity::kError, codes::kInlineSecret, e.span,
      "This string looks like a credential; rule files live in git, so secrets must be "
      "referenced, not written inline.");
  d.notes.push_back("put it in the environment and read it in a `connection` block with "
                    "env(\"NAME\"); rotate the one written here");
}

void CheckSecrets(LintContext& context) {
  for (const check::IrRule& rule : context.program.rules) {
    ForEachExprInRule(rule, [&](const IrExpr& e) { CheckStringForSecret(context, e); });
  }
}

}  // namespace

void CheckValues(LintContext& context) {
  CheckLabels(context);
  CheckSecrets(context);
}

}  // namespace syncrule::lint::internal
