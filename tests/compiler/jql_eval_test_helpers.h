#ifndef SYNCRULE_TESTS_COMPILER_JQL_EVAL_TEST_HELPERS_H_
#define SYNCRULE_TESTS_COMPILER_JQL_EVAL_TEST_HELPERS_H_

// Shared helpers for the reference evaluator's tests: a field catalog with
// the custom fields the tests query, a fixed clock (2026-01-31T12:00:00Z),
// and one-call "parse, check, evaluate" functions that report syntax and
// check errors as test failures.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/diagnostic.h"
#include "compiler/jql/check.h"
#include "compiler/jql/eval_context.h"
#include "compiler/jql/evaluator.h"
#include "compiler/jql/field_catalog.h"
#include "compiler/jql/issue_document.h"
#include "compiler/parse/jql_parser.h"
#include "stdlib/jql_time.h"

namespace syncrule::jql::evaltest {

using nlohmann::json;

// The custom fields of the tests and of the fixtures they read.
inline constexpr std::string_view kEvalCustomFields = R"json([
  {"id": "customfield_10000", "name": "Text Field", "custom": true,
   "schema": {"type": "string", "customId": 10000,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:textfield"}},
  {"id": "customfield_10001", "name": "Date Field", "custom": true,
   "schema": {"type": "datetime", "customId": 10001,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:datetime"}},
  {"id": "customfield_10002", "name": "Radio Field", "custom": true,
   "schema": {"type": "option", "customId": 10002,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:radiobuttons"}},
  {"id": "customfield_10010", "name": "Story Points", "custom": true,
   "schema": {"type": "number", "customId": 10010,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float"}},
  {"id": "customfield_10011", "name": "Severity", "custom": true,
   "schema": {"type": "option", "customId": 10011,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select"}},
  {"id": "customfield_10012", "name": "Notes", "custom": true,
   "schema": {"type": "string", "customId": 10012,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:textarea"}},
  {"id": "customfield_10013", "name": "Start date", "custom": true,
   "schema": {"type": "date", "customId": 10013,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:datepicker"}},
  {"id": "customfield_10015", "name": "Tags", "custom": true,
   "schema": {"type": "array", "items": "option", "customId": 10015,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:multiselect"}},
  {"id": "customfield_10016", "name": "Location", "custom": true,
   "schema": {"type": "option-with-child", "customId": 10016,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:cascadingselect"}},
  {"id": "customfield_10017", "name": "Approvers", "custom": true,
   "schema": {"type": "array", "items": "user", "customId": 10017,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker"}},
  {"id": "customfield_10018", "name": "Owner", "custom": true,
   "schema": {"type": "user", "customId": 10018,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:userpicker"}},
  {"id": "customfield_10021", "name": "Sprint", "custom": true,
   "schema": {"type": "array", "items": "json", "customId": 10021,
     "custom": "com.pyxis.greenhopper.jira:gh-sprint"}},
  {"id": "customfield_10014", "name": "Epic Link", "custom": true,
   "schema": {"type": "any", "customId": 10014,
     "custom": "com.pyxis.greenhopper.jira:gh-epic-link"}},
  {"id": "customfield_10031", "name": "Target release", "custom": true,
   "schema": {"type": "version", "customId": 10031,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:version"}},
  {"id": "customfield_10032", "name": "Time to resolution", "custom": true,
   "schema": {"type": "sd-servicelevelagreement", "customId": 10032,
     "custom": "com.atlassian.servicedesk:sd-sla-field"}},
  {"id": "customfield_10035", "name": "Website", "custom": true,
   "schema": {"type": "string", "customId": 10035,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:url"}},
  {"id": "customfield_10036", "name": "Launch", "custom": true,
   "schema": {"type": "datetime", "customId": 10036,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:datetime"}},
  {"id": "customfield_10040", "name": "Approvals", "custom": true,
   "schema": {"type": "sd-approvals", "customId": 10040,
     "custom": "com.atlassian.servicedesk.approvals-plugin:sd-approvals"}},
  {"id": "customfield_10050", "name": "Customer Request Type", "custom": true,
   "schema": {"type": "sd-customerrequesttype", "customId": 10050,
     "custom": "com.atlassian.servicedesk:vp-origin"}},
  {"id": "customfield_10069", "name": "MJK - Date", "custom": true,
   "schema": {"type": "date", "customId": 10069,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:datepicker"}},
  {"id": "customfield_10070", "name": "MJK - Date Time", "custom": true,
   "schema": {"type": "datetime", "customId": 10070,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:datetime"}},
  {"id": "customfield_10071", "name": "MJK - Labels", "custom": true,
   "schema": {"type": "array", "items": "string", "customId": 10071,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:labels"}},
  {"id": "customfield_10074", "name": "MJK - Select", "custom": true,
   "schema": {"type": "option", "customId": 10074,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select"}},
  {"id": "customfield_10075", "name": "MJK - Checkboxes", "custom": true,
   "schema": {"type": "array", "items": "option", "customId": 10075,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes"}},
  {"id": "customfield_10077", "name": "MJK - Short text", "custom": true,
   "schema": {"type": "string", "customId": 10077,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:textfield"}},
  {"id": "customfield_10079", "name": "MJK - URL", "custom": true,
   "schema": {"type": "string", "customId": 10079,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:url"}},
  {"id": "customfield_10080", "name": "MJK - User", "custom": true,
   "schema": {"type": "user", "customId": 10080,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:userpicker"}},
  {"id": "customfield_10072", "name": "MJK - Number Field", "custom": true,
   "schema": {"type": "number", "customId": 10072,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float"}},
  {"id": "customfield_10073", "name": "MJK - Radio Buttons", "custom": true,
   "schema": {"type": "option", "customId": 10073,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:radiobuttons"}}
])json";

// Returns the catalog: system fields plus kEvalCustomFields.
inline const FieldCatalog& EvalCatalog() {
  static const FieldCatalog* catalog = [] {
    auto* loaded = new FieldCatalog();
    std::string error;
    if (!loaded->AddCustomFields(kEvalCustomFields, &error)) {
      ADD_FAILURE() << "custom fields: " << error;
    }
    return loaded;
  }();
  return *catalog;
}

// 2026-01-31T12:00:00Z, a Saturday.
inline constexpr int64_t kNowMs = 1769860800000;

// Returns a context at kNowMs in `zone`, with Jira's default week start.
inline EvalContext TestContext(const std::string& zone = "UTC") {
  EvalContext context;
  context.time.now_ms = kNowMs;
  context.time.zone = zone;
  return context;
}

// Returns the instant `iso` ("2026-01-31T12:00:00Z") or fails the test.
inline int64_t At(std::string_view iso) {
  std::optional<int64_t> instant = stdlib::ParseIsoInstant(iso);
  EXPECT_TRUE(instant.has_value()) << iso;
  return instant.value_or(0);
}

// Returns every diagnostic message of `list`, one per line.
inline std::string Messages(const DiagnosticList& list) {
  std::string out;
  for (const Diagnostic& d : list.items()) out += d.code + ": " + d.message + "\n";
  return out;
}

// Parses and checks `jql`; fails the test when either reports an error.
inline CheckedQuery CheckJql(std::string_view jql) {
  ParseResult parsed = ParseJql(jql);
  EXPECT_TRUE(parsed.ok()) << jql << "\n" << Messages(parsed.diagnostics);
  DiagnosticList diagnostics;
  CheckedQuery checked = CheckQuery(parsed.query, EvalCatalog(), diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << jql << "\n" << Messages(diagnostics);
  return checked;
}

// Returns the issue `issue` normalised, failing the test on error.
inline IssueDocument Doc(const json& issue) {
  std::string error;
  std::optional<IssueDocument> doc = IssueDocument::FromJson(issue, &error);
  EXPECT_TRUE(doc.has_value()) << error;
  return doc.value_or(IssueDocument());
}

// Reads the fixture at tests/fixtures/jira/`path`.
inline IssueDocument Fixture(const std::string& path) {
  std::ifstream in(std::string(SYNCRULE_SOURCE_DIR) + "/tests/fixtures/jira/" +
                   path);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  std::optional<IssueDocument> doc = IssueDocument::FromText(text.str(), &error);
  EXPECT_TRUE(doc.has_value()) << path << ": " << error;
  return doc.value_or(IssueDocument());
}

// Evaluates an already checked query against `issue`.
inline EvalResult EvalChecked(const CheckedQuery& checked,
                              const IssueDocument& issue,
                              const EvalContext& context = TestContext()) {
  Evaluator evaluator(checked, context, &EvalCatalog());
  return evaluator.Evaluate(issue);
}

// Evaluates `jql` against `issue` in `context`.
inline EvalResult Eval(std::string_view jql, const IssueDocument& issue,
                       const EvalContext& context = TestContext()) {
  CheckedQuery checked = CheckJql(jql);
  Evaluator evaluator(checked, context, &EvalCatalog());
  return evaluator.Evaluate(issue);
}

// Returns whether `jql` matches `issue`, failing the test on an error.
inline bool Matches(std::string_view jql, const IssueDocument& issue,
                    const EvalContext& context = TestContext()) {
  EvalResult result = Eval(jql, issue, context);
  EXPECT_TRUE(result.ok()) << jql << ": " << result.error;
  return result.matched;
}

// Overload for JSON issues.
inline bool Matches(std::string_view jql, const json& issue,
                    const EvalContext& context = TestContext()) {
  return Matches(jql, Doc(issue), context);
}

// Returns the error evaluating `jql` against `issue` reports ("" if none).
inline std::string ErrorOf(std::string_view jql, const json& issue,
                           const EvalContext& context = TestContext()) {
  return Eval(jql, Doc(issue), context).error;
}

// Returns a REST-shaped issue with `fields` and key `key`.
inline json Issue(json fields, const std::string& key = "ABC-1",
                  const std::string& id = "10001") {
  return json{{"key", key}, {"id", id}, {"fields", std::move(fields)}};
}

// Returns a Jira user object.
inline json User(const std::string& name, const std::string& display,
                 const std::string& account_id = "",
                 const std::string& email = "") {
  json user{{"name", name}, {"key", name}, {"displayName", display}};
  if (!account_id.empty()) user["accountId"] = account_id;
  if (!email.empty()) user["emailAddress"] = email;
  return user;
}

// Returns a status object in `category_key` ("new", "indeterminate",
// "done").
inline json Status(const std::string& name, const std::string& id,
                   const std::string& category_key) {
  static const std::pair<const char*, std::pair<const char*, int>> kNames[] = {
      {"new", {"To Do", 2}},
      {"indeterminate", {"In Progress", 4}},
      {"done", {"Done", 3}}};
  json category{{"key", category_key}};
  for (const auto& [key, info] : kNames) {
    if (category_key == key) {
      category["name"] = info.first;
      category["id"] = info.second;
    }
  }
  return json{{"name", name}, {"id", id}, {"statusCategory", category}};
}

}  // namespace syncrule::jql::evaltest

#endif  // SYNCRULE_TESTS_COMPILER_JQL_EVAL_TEST_HELPERS_H_
