// `syncrule jql eval`: the reference evaluator over a file of issues.

#include <chrono>
#include <iostream>

#include "cli/jql_commands_internal.h"
#include "cli/jql_front_end.h"
#include "compiler/jql/evaluator.h"
#include "stdlib/jql_time.h"

namespace syncrule::cli {
namespace {

// Fills `context` from the options; returns false with `*error` set when an
// option or one of the files it names is wrong.
bool BuildContext(const EvalOptions& options, jql::EvalContext* context,
                  std::string* error) {
  if (options.now.empty()) {
    context->time.now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now().time_since_epoch()).count();
  } else if (auto now = stdlib::ParseIsoInstant(options.now)) {
    context->time.now_ms = *now;
  } else {
    *error = "--now '" + options.now + "' is not an ISO 8601 instant such as 2026-01-31T12:00:00Z";
    return false;
  }
  if (!stdlib::IsKnownTimeZone(options.zone)) {
    *error = "--tz '" + options.zone + "' is not a known time zone (try Europe/Berlin or UTC)";
    return false;
  }
  context->time.zone = options.zone;
  if (!options.user.empty()) context->current_user = jql::UserIdentity::FromText(options.user);
  if (!options.groups_path.empty()) {
    auto groups = jql::LoadGroupsFile(options.groups_path);
    if (!groups.ok()) return *error = groups.error, false;
    context->groups = std::move(*groups.value);
  }
  if (!options.context_path.empty()) {
    auto server = jql::LoadServerContextFile(options.context_path);
    if (!server.ok()) return *error = server.error, false;
    context->server = std::move(*server.value);
  }
  if (!options.priority_order.empty()) {
    auto order = jql::ParseRankedNames(options.priority_order);
    if (!order.ok()) return *error = "--priorities: " + order.error, false;
    context->priority_order = std::move(*order.value);
  }
  return true;
}

// Reads the issues file; each line is one issue. Returns false with
// `*error` naming the file and line of the first bad one.
bool ReadIssues(const std::string& path, std::vector<jql::IssueDocument>* issues,
                std::vector<std::string>* lines, std::string* error) {
  std::string text;
  if (!ReadInput(path, &text, error)) return false;
  std::vector<std::string> all = SplitLines(text);
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].find_first_not_of(" \t") == std::string::npos) continue;
    std::string detail;
    auto issue = jql::IssueDocument::FromText(all[i], &detail);
    if (!issue.has_value()) {
      *error = path + ":" + std::to_string(i + 1) + ": " + detail;
      return false;
    }
    issues->push_back(std::move(*issue));
    lines->push_back(std::move(all[i]));
  }
  return true;
}

}  // namespace

int RunEval(const EvalOptions& options) {
  jql::FieldCatalog catalog;
  jql::EvalContext context;
  std::vector<jql::IssueDocument> issues;
  std::vector<std::string> lines;
  std::string error;
  if (!LoadCatalog(options.fields_path, &catalog, &error) ||
      !BuildContext(options, &context, &error) ||
      !ReadIssues(options.issues_path, &issues, &lines, &error)) {
    std::cerr << "syncrule jql eval: " << error << '\n';
    return kExitUsage;
  }
  AnalyzedQuery analyzed = AnalyzeQuery(options.query, catalog);
  Source source("<query>", options.query);
  for (const Diagnostic& d : analyzed.diagnostics.items()) {
    std::cerr << FormatDiagnostic(source, d);
  }
  if (!analyzed.ok()) return kExitUsage;
  jql::Evaluator evaluator(analyzed.checked, context, &catalog);
  std::vector<size_t> matching;
  for (size_t i = 0; i < issues.size(); ++i) {
    jql::EvalResult result = evaluator.Evaluate(issues[i]);
    if (!result.ok()) {
      std::cerr << "syncrule jql eval: " << options.issues_path << ": issue "
                << (issues[i].key().empty() ? "#" + std::to_string(i + 1) : issues[i].key())
                << ": " << result.error << '\n';
      return kExitUsage;
    }
    if (result.matched) matching.push_back(i);
  }
  std::vector<jql::IssueDocument> matched;
  for (size_t i : matching) matched.push_back(issues[i]);
  for (size_t order : evaluator.SortOrder(matched)) {
    size_t i = matching[order];
    std::cout << (options.print_json ? lines[i] : issues[i].key()) << '\n';
  }
  return kExitOk;
}

}  // namespace syncrule::cli
