// `syncrule import`: samples of PagerDuty's Jira Cloud and Jira Server rule
// APIs (tests/fixtures/import/, written to the vendor's OpenAPI schemas)
// import, the output checks cleanly, and replaying the examples' PagerDuty
// and Jira events through it gives the effects PagerDuty's documented
// behaviour implies (reasoned out per event below). Untranslatable settings
// are reported by JSON path; bad JSON is a located usage error.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/cli_test_util.h"

namespace syncrule::testing {
namespace {

using nlohmann::json;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Fixture(const std::string& name) { return SourcePath("tests/fixtures/import/" + name); }

// A fresh directory for one test's output.
std::string OutDir(const std::string& name) {
  std::string dir = ::testing::TempDir() + "/syncrule_import_" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Imports `fixture` into DIR/rules.rule; returns the run (stderr only).
RunResult Import(const std::string& integration, const std::string& fixture,
                 const std::string& dir) {
  return RunSyncrule(
      "import " + integration + " " + Fixture(fixture) + " -o " + dir + "/rules.rule", "",
      /*merge_stderr=*/true);
}

// One effect, reduced to what the vendor's behaviour decides.
struct Effect {
  std::string event_type;
  std::string entity;
  std::string action;
  json args;
  std::string target;
};

std::vector<Effect> Effects(const std::string& ndjson) {
  std::vector<Effect> out;
  std::istringstream in(ndjson);
  std::string line;
  while (std::getline(in, line)) {
    json effect = json::parse(line, nullptr, false);
    if (effect.is_discarded()) {
      ADD_FAILURE() << "not JSON: " << line;
      continue;
    }
    out.push_back({effect["event"]["type"], effect["event"]["entity"], effect["action"],
                   effect["args"], effect["target"].value("id", "")});
  }
  return out;
}

void ExpectEffects(const std::vector<Effect>& actual, const std::vector<Effect>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("effect " + std::to_string(i + 1));
    EXPECT_EQ(actual[i].event_type, expected[i].event_type);
    EXPECT_EQ(actual[i].entity, expected[i].entity);
    EXPECT_EQ(actual[i].action, expected[i].action);
    EXPECT_EQ(actual[i].args, expected[i].args) << actual[i].args.dump();
    EXPECT_EQ(actual[i].target, expected[i].target);
  }
}

RunResult Replay(const std::string& rules, const std::string& example) {
  return RunSyncrule("run " + rules + " --events " +
                     SourcePath("examples/" + example + "/events.ndjson") +
                     " --now 2026-01-31T12:00:00Z");
}

void ExpectChecksCleanly(const std::string& path) {
  RunResult check = RunSyncrule("check " + path, "", true);
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_NE(check.out.find(" 0 error(s), 0 warning(s)"), std::string::npos) << check.out;
}

// ---------------------------------------------------------------- Jira Cloud

TEST(ImportCloudTest, ASingleRuleImportsWithNothingReported) {
  std::string dir = OutDir("cloud_single");
  RunResult run = Import("pagerduty-jira-cloud", "jira-cloud-rule.json", dir);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("1 of 1 rule(s) imported, 0 setting(s) reported"), std::string::npos)
      << run.out;
  std::string text = ReadFile(dir + "/rules.rule");
  EXPECT_NE(text.find("# Every setting was translated."), std::string::npos);
  // Idiomatic: maps for status and priority, env() secrets in connections.
  EXPECT_NE(text.find("map checkout_incidents_status {"), std::string::npos) << text;
  EXPECT_NE(text.find("\"acknowledged\" => \"In Progress\""), std::string::npos) << text;
  EXPECT_NE(text.find("map checkout_incidents_priority {"), std::string::npos) << text;
  EXPECT_NE(text.find("token = env(\"JIRA_API_TOKEN\")"), std::string::npos) << text;
  EXPECT_NE(text.find("flavor = \"cloud\""), std::string::npos) << text;
  EXPECT_NE(text.find("match jql `project = SRE AND priority in (High, Highest)`"),
            std::string::npos);
  ExpectChecksCleanly(dir + "/rules.rule");
}

// PagerDuty's Jira Cloud integration, for this rule: every incident
// triggered on the service (no urgency filter exists) creates an OPS
// Incident issue in the status mapped from "triggered", with the mapped
// priority (by Jira id; P4 is unmapped, so Jira's default) and the custom
// fields; status changes move the linked issue; a priority change sets the
// linked issue's priority; one issue per incident; issues created in Jira
// that match the JQL open an incident on the service.
TEST(ImportCloudTest, RoundTripGivesTheVendorsEffects) {
  std::string dir = OutDir("cloud_round_trip");
  ASSERT_EQ(Import("pagerduty-jira-cloud", "jira-cloud-rule.json", dir).exit_code, 0);
  RunResult run = Replay(dir, "pagerduty-jira-cloud");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  auto fields = [](const char* incident, json priority) {
    return json{
        {"priority", priority},
        {"customfield_10010", std::string("https://acme.pagerduty.com/incidents/") + incident},
        {"customfield_10011", "Checkout API"},
        {"customfield_10012", "PagerDuty"},
        {"customfield_10020", {{"id", "10100"}, {"value", "SRE"}}}};
  };
  ExpectEffects(Effects(run.out),
                {
                    // 1: Q1 triggers (P1): the issue, "To Do", Jira priority 1.
                    {"pagerduty.incident.triggered",
                     "Q1CHECKOUT502",
                     "jira.create_issue",
                     {{"project", "OPS"},
                      {"type", "Incident"},
                      {"summary", "Checkout API returns 502"},
                      {"status", "To Do"},
                      {"fields", fields("Q1CHECKOUT502", {{"id", "1"}})}},
                     "pending-jira-issue-1"},
                    // 2: Q2 triggers, low urgency and P4: still an issue; P4 is unmapped.
                    {"pagerduty.incident.triggered",
                     "Q2LOWURGENCY",
                     "jira.create_issue",
                     {{"project", "OPS"},
                      {"type", "Incident"},
                      {"summary", "Nightly report is late"},
                      {"status", "To Do"},
                      {"fields", fields("Q2LOWURGENCY", nullptr)}},
                     "pending-jira-issue-2"},
                    // 3: Q1 acknowledged: its issue moves to the mapped status.
                    {"pagerduty.incident.acknowledged",
                     "Q1CHECKOUT502",
                     "jira.transition",
                     {{"to", "In Progress"}},
                     "pending-jira-issue-1"},
                    // 4: Q1's priority becomes P2: Jira priority 2.
                    {"pagerduty.incident.priority_updated",
                     "Q1CHECKOUT502",
                     "jira.set_fields",
                     {{"fields", {{"priority", {{"id", "2"}}}}}},
                     "pending-jira-issue-1"},
                    // 5: Q3 resolved without an issue: nothing (issues are created on
                    // trigger). 6: Q1 triggered again: already has its issue.
                    // 7: Q1 resolved.
                    {"pagerduty.incident.resolved",
                     "Q1CHECKOUT502",
                     "jira.transition",
                     {{"to", "Done"}},
                     "pending-jira-issue-1"},
                    // 8: SRE-201 (High) matches the JQL; WEB-77 and SRE-202 (Low) do not.
                    {"jira.issue.created",
                     "SRE-201",
                     "pagerduty.create_incident",
                     {{"service", "PSRE001"},
                      {"title", "SRE-201: Payment retries exhaust the connection pool"},
                      {"dedup_key", "SRE-201"}},
                     "pending-pagerduty-incident-1"},
                });
}

TEST(ImportCloudTest, TheManualRuleCreatesAnIssueOnDemand) {
  std::string dir = OutDir("cloud_manual");
  ASSERT_EQ(Import("pagerduty-jira-cloud", "jira-cloud-rule.json", dir).exit_code, 0);
  RunResult run =
      RunSyncrule("fire 'Checkout incidents: create an issue from this incident' --rules " + dir +
                      " --event " + SourcePath("examples/pagerduty-jira-cloud/manual-event.json") +
                      " --now 2026-01-31T12:00:00Z",
                  "", true);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("\"action\":\"jira.create_issue\""), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\"project\":\"OPS\""), std::string::npos) << run.out;
}

TEST(ImportCloudTest, UntranslatableSettingsAreReportedByName) {
  std::string dir = OutDir("cloud_reported");
  RunResult run = Import("pagerduty-jira-cloud", "jira-cloud-rules.json", dir);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  for (const char* line : {
           "rules[0].autocreate_jql_disabled_until (JQL auto-creation paused by PagerDuty until "
           "2026-02-01T00:00:00Z): not translated",
           "rules[0].config.jira.custom_fields[1] (custom field mapping from "
           "'incident_acknowledgers'): "
           "not translated, because PagerDuty's incident webhooks do not carry "
           "incident_acknowledgers",
           "rules[0].config.jira.custom_fields[2] (custom field mapping of type 'attachment'): not "
           "translated, because",
           "rules[1].enabled (disabled rule \"Legacy (switched off)\"): not translated",
           "1 of 2 rule(s) imported, 4 setting(s) reported",
       }) {
    EXPECT_NE(run.out.find(line), std::string::npos) << line << "\n" << run.out;
  }
  std::string text = ReadFile(dir + "/rules.rule");
  EXPECT_NE(text.find("# Not translated (4):\n#   rules[0].config.jira.custom_fields[1]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\"customfield_10030\": incident.urgency"), std::string::npos) << text;
  EXPECT_EQ(text.find("\nrule \"Legacy"), std::string::npos) << "the disabled rule is left out";
  // Manual creation only (create_issue_on_incident_trigger is false); no
  // acknowledged mapping, so only "Closed" acts back on the incident.
  EXPECT_EQ(text.find("create an issue when an incident triggers"), std::string::npos);
  EXPECT_NE(text.find("issue moved to Closed updates the incident"), std::string::npos);
  ExpectChecksCleanly(dir + "/rules.rule");
}

TEST(ImportCloudTest, SecretsAreReplacedAndReported) {
  json rule = json::parse(ReadFile(Fixture("jira-cloud-rule.json")));
  rule["config"]["jira"]["api_token"] = "ATATT3xFfGF0secretsecretsecret";
  std::string dir = OutDir("cloud_secret");
  RunResult run =
      RunSyncrule("import pagerduty-jira-cloud - -o " + dir + "/rules.rule", rule.dump(), true);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find(
                "config.jira.api_token (secret 'api_token'): replaced by env(\"JIRA_API_TOKEN\") "
                "in connection jira; the value is not written to the rules"),
            std::string::npos)
      << run.out;
  std::string text = ReadFile(dir + "/rules.rule");
  EXPECT_EQ(text.find("ATATT3"), std::string::npos) << text;
  EXPECT_NE(text.find("env(\"JIRA_API_TOKEN\")"), std::string::npos);
  ExpectChecksCleanly(dir + "/rules.rule");
}

TEST(ImportCloudTest, OutDirWritesConnectionsAndOneFilePerRule) {
  std::string dir = OutDir("cloud_out_dir");
  RunResult run = RunSyncrule(
      "import pagerduty-jira-cloud " + Fixture("jira-cloud-rules.json") + " --out-dir " + dir, "",
      true);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_TRUE(std::filesystem::exists(dir + "/connections.rule"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/web_bugs.rule"));
  EXPECT_NE(ReadFile(dir + "/web_bugs.rule").find("custom_fields[2]"), std::string::npos);
  EXPECT_NE(ReadFile(dir + "/connections.rule").find("rules[1].enabled"), std::string::npos);
  ExpectChecksCleanly(dir);
}

// --------------------------------------------------------------- Jira Server

TEST(ImportServerTest, ARuleImportsWithNothingReported) {
  std::string dir = OutDir("server_single");
  RunResult run = Import("pagerduty-jira-server", "jira-server-rule.json", dir);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  std::string text = ReadFile(dir + "/rules.rule");
  EXPECT_NE(text.find("flavor = \"server\""), std::string::npos) << text;
  EXPECT_NE(text.find("token = env(\"JIRA_PAT\")"), std::string::npos) << text;
  EXPECT_NE(text.find("when incident.priority_id in [\"PPRI001\", \"PPRI002\"]"), std::string::npos)
      << text;
  ExpectChecksCleanly(dir + "/rules.rule");
}

// PagerDuty's Jira Server integration, for this rule: a high-urgency P1/P2
// incident on the service, on any of the listed incident actions, creates an
// OPS Bug (priority Highest, description from the tokens), once per
// incident; acknowledge and resolve move the linked issue; notes become
// comments and comments notes; an OPS issue that comes to match the JQL
// (on create or update) opens a P1 incident on POPS001; the linked issue
// moving to Done resolves its incident.
TEST(ImportServerTest, RoundTripGivesTheVendorsEffects) {
  std::string dir = OutDir("server_round_trip");
  ASSERT_EQ(Import("pagerduty-jira-server", "jira-server-rule.json", dir).exit_code, 0);
  RunResult run = Replay(dir, "pagerduty-jira-server");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  ExpectEffects(
      Effects(run.out),
      {
          // Q4 triggers (P1, high). Q5 (P5, low) does not match.
          {"pagerduty.incident.triggered",
           "Q4DBFAILOVER",
           "jira.create_issue",
           {{"project", "OPS"},
            {"type", "Bug"},
            {"summary", "Primary database failover"},
            {"priority", "Highest"},
            {"description",
             "Created from PagerDuty\nIncident URL: "
             "https://acme.pagerduty.com/incidents/Q4DBFAILOVER"}},
           "pending-jira-issue-1"},
          // Q4 escalated: a create event too, but Q4 has its issue already.
          // Q4 acknowledged.
          {"pagerduty.incident.acknowledged",
           "Q4DBFAILOVER",
           "jira.transition",
           {{"to", "In Progress"}},
           "pending-jira-issue-1"},
          // A note on Q4 (sync_comments).
          {"pagerduty.incident.annotated",
           "Q4DBFAILOVER",
           "jira.comment",
           {{"body", "PagerDuty note: Failover finished; replication lag is back to normal."}},
           "pending-jira-issue-1"},
          // OPS-900 is created and moved to In Progress without the label:
          // no match, no linked incident. The label makes it match.
          {"jira.issue.updated",
           "OPS-900",
           "pagerduty.create_incident",
           {{"service", "POPS001"},
            {"title", "OPS-900: Orders stuck in pending"},
            {"dedup_key", "OPS-900"},
            {"priority", "P1"}},
           "pending-pagerduty-incident-1"},
          // Done resolves the linked incident (no second incident).
          {"jira.issue.updated", "OPS-900", "pagerduty.resolve", json::object(),
           "pending-pagerduty-incident-1"},
          // The comment becomes a note.
          {"jira.comment.created",
           "OPS-900",
           "pagerduty.add_note",
           {{"content",
             "Jira comment by Sam Developer: Root cause: a stuck consumer; fixed in release 42."}},
           "pending-pagerduty-incident-1"},
      });
}

// An update item with Jira field actions: on the escalation of a linked,
// high-urgency P1 incident, the issue gets the priority, the labels (Set
// Labels replaces them), the assignees appended to its description (empty
// before: no leading line break) and the issue type.
TEST(ImportServerTest, IncidentUpdatesSetTheLinkedIssuesFields) {
  std::string dir = OutDir("server_updates");
  ASSERT_EQ(Import("pagerduty-jira-server", "jira-server-updates.json", dir).exit_code, 0);
  ExpectChecksCleanly(dir + "/rules.rule");
  RunResult run = Replay(dir, "pagerduty-jira-server");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  std::vector<Effect> escalated;
  for (const Effect& effect : Effects(run.out)) {
    if (effect.event_type == "pagerduty.incident.escalated") escalated.push_back(effect);
  }
  ExpectEffects(escalated, {{"pagerduty.incident.escalated",
                             "Q4DBFAILOVER",
                             "jira.set_fields",
                             {{"fields",
                               {{"priority", {{"name", "Highest"}}},
                                {"labels", {"Checkout API", "escalated"}},
                                {"description", "Escalated to: Lin Responder"},
                                {"issuetype", {{"name", "Incident"}}}}}},
                             "pending-jira-issue-1"}});
}

TEST(ImportServerTest, APagerDutyKeyIsReplacedAndReported) {
  json rule = json::parse(ReadFile(Fixture("jira-server-rule.json")));
  rule["rule"]["api_key"] = "y_NbAkKc66ryYTWUXYEu";
  std::string dir = OutDir("server_secret");
  RunResult run =
      RunSyncrule("import pagerduty-jira-server - -o " + dir + "/rules.rule", rule.dump(), true);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("rule.api_key (secret 'api_key'): replaced by "
                         "env(\"PAGERDUTY_API_TOKEN\") in connection pagerduty"),
            std::string::npos)
      << run.out;
  std::string text = ReadFile(dir + "/rules.rule");
  EXPECT_EQ(text.find("y_NbAkKc66ryYTWUXYEu"), std::string::npos) << text;
  EXPECT_NE(text.find("token = env(\"PAGERDUTY_API_TOKEN\")"), std::string::npos);
  ExpectChecksCleanly(dir + "/rules.rule");
}

TEST(ImportServerTest, UntranslatableSettingsAreReportedByName) {
  std::string dir = OutDir("server_reported");
  RunResult run = Import("pagerduty-jira-server", "jira-server-rules.json", dir);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  for (const char* line : {
           "rules[0].config.autocreate_issues_config[0].actions_params.jira_append_description[1] "
           "(incident attribute 'log_entries.channel.details'): not translated",
           "rules[0].config.autocreate_issues_config[0].actions_params.jira_append_description[2] "
           "(incident attribute 'incident.impacted_services.name'): not translated",
           "rules[0].config.react_on_incident_event_config[0].actions_params.jira_field_set_"
           "assignee "
           "(assignee from 'incident.assignee'): translated approximately",
           "rules[0].config.react_on_issue_status_change_config[0].actions_params.pd_add_"
           "responders "
           "(action 'pd_add_responders'): not translated, because the pagerduty connector has no "
           "action",
           "rules[1].enabled (disabled rule \"Old rule\"): not translated",
       }) {
    EXPECT_NE(run.out.find(line), std::string::npos) << line << "\n" << run.out;
  }
  std::string text = ReadFile(dir + "/rules.rule");
  // autocreate_issues is off: the item is an on-demand (manual) rule.
  EXPECT_NE(text.find("rule \"Helpdesk: create an issue from this incident\" {\n  manual\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("# autocreate_incidents is off in PagerDuty"), std::string::npos) << text;
  ExpectChecksCleanly(dir + "/rules.rule");
}

// ------------------------------------------------------------------- Input

TEST(ImportInputTest, BadJsonIsALocatedUsageError) {
  RunResult run = RunSyncrule("import pagerduty-jira-server -",
                              "{\n  \"rules\": [\n    {\"name\": \"x\",}\n  ]\n}\n", true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("syncrule import: -:3:18: syntax error"), std::string::npos) << run.out;
}

TEST(ImportInputTest, TheOtherIntegrationsRulesAreAUsageError) {
  RunResult run =
      RunSyncrule("import pagerduty-jira-cloud " + Fixture("jira-server-rule.json"), "", true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("rule is not a pagerduty-jira-cloud rule"), std::string::npos) << run.out;
}

TEST(ImportInputTest, AMissingFileIsAUsageError) {
  RunResult run = RunSyncrule("import pagerduty-jira-cloud /nonexistent/rules.json", "", true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("cannot read '/nonexistent/rules.json'"), std::string::npos) << run.out;
}

TEST(ImportInputTest, AJsonDocumentWithoutRulesIsAUsageError) {
  RunResult run = RunSyncrule("import pagerduty-jira-cloud -", "{\"limit\": 25}", true);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("expected a rule object"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace syncrule::testing
