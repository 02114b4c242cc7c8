// Tests of the Jira schema snapshot (loading) and the lint checks against
// it (SL201-SL206). The snapshot is tests/fixtures/jira/lint_snapshot/;
// loading is also tried on Jira's own response samples in tests/fixtures.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "compiler/lint/jira_checks.h"
#include "compiler/lint/jira_snapshot.h"
#include "tests/compiler/rule_check_helpers.h"

namespace syncrule::lint {
namespace {

namespace fs = std::filesystem;
using testing_rules::CheckRun;
using testing_rules::CheckText;
using testing_rules::Codes;

const std::string kFixtures = std::string(SYNCRULE_SOURCE_DIR) + "/tests/fixtures/jira";

const JiraSnapshot& Snapshot() {
  static const JiraSnapshot* const snapshot = [] {
    SnapshotResult result = LoadJiraSnapshot(kFixtures + "/lint_snapshot");
    EXPECT_TRUE(result.ok()) << result.error;
    return new JiraSnapshot(std::move(result.snapshot));
  }();
  return *snapshot;
}

// A rule file checked and then linted against a snapshot.
struct LintRun {
  std::string text;
  CheckRun run;
  std::vector<DiagnosticList> lint;

  const DiagnosticList& list() const { return lint.at(0); }
  std::string codes() const { return Codes(list()); }
  const Diagnostic& first() const { return list().items().at(0); }
  std::string Text(SourceRange range) const {
    return text.substr(range.begin, range.end - range.begin);
  }
  // Every note of the first diagnostic, one a line.
  std::string notes() const {
    std::string out;
    for (const std::string& note : first().notes) out += note + "\n";
    return out;
  }
};

LintRun Lint(const std::string& text, const JiraSnapshot& jira = Snapshot()) {
  LintRun lint{text, CheckText(text), {}};
  EXPECT_TRUE(lint.run.parsed) << testing_rules::Printed(lint.run);
  EXPECT_FALSE(lint.run.diagnostics.at(0).has_errors())
      << testing_rules::Printed(lint.run);
  CheckAgainstJira(lint.run.program, jira, lint.lint);
  return lint;
}

// A rule on a firing Alertmanager alert that runs `action`.
std::string OnAlert(const std::string& action) {
  return "rule \"r\" {\n  on alertmanager.alert.firing\n  do " + action + "\n}\n";
}

// A create action for OPS Incident with `extra` arguments.
std::string CreateIncident(const std::string& extra) {
  return OnAlert(
      "jira.create_issue(project = \"OPS\", type = \"Incident\", summary = \"s\"" +
      extra + ")");
}

const std::string kTier = ", fields = {\"customfield_10010\": {\"value\": \"Gold\"}}";

// --- loading ---

// Removes the folders TempDir made when the test program ends.
class TempDirs : public ::testing::Environment {
 public:
  static std::vector<fs::path>& made() {
    static auto* const dirs = new std::vector<fs::path>();
    return *dirs;
  }
  void TearDown() override {
    std::error_code error;
    for (const fs::path& dir : made()) fs::remove_all(dir, error);
  }
};
const auto* const kTempDirs = ::testing::AddGlobalTestEnvironment(new TempDirs);

// A fresh folder under the system's temporary directory.
fs::path TempDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() /
      ("syncrule_lint_jira_" + name + "_" +
       std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  fs::create_directories(dir);
  TempDirs::made().push_back(dir);
  return dir;
}

void Write(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

TEST(JiraSnapshotTest, LoadsTheFixtureSnapshot) {
  const JiraSnapshot& jira = Snapshot();
  EXPECT_EQ(jira.field_names.at("customfield_10010"), "Customer Tier");
  EXPECT_EQ(jira.field_schemas.at("customfield_10011")["items"], "option");
  ASSERT_EQ(jira.create_screens.size(), 2u);
  EXPECT_EQ(jira.create_screens[0].project_key, "OPS");
  EXPECT_EQ(jira.create_screens[0].issue_type, "Incident");
  ASSERT_EQ(jira.workflows.size(), 1u);
  const Workflow& workflow = jira.workflows[0];
  EXPECT_EQ(workflow.name, "OPS Incident Workflow");
  EXPECT_EQ(workflow.initial_status, "Open");
  EXPECT_EQ(workflow.projects, std::vector<std::string>{"OPS"});
  // The "initial" transition (Create) is not a transition between statuses.
  ASSERT_EQ(workflow.transitions.size(), 4u);
  EXPECT_EQ(workflow.transitions[0].name, "Start Progress");
  EXPECT_EQ(workflow.transitions[0].from, std::vector<std::string>{"Open"});
  EXPECT_EQ(workflow.transitions[0].to, "In Progress");
  EXPECT_EQ(jira.StatusNames(),
            (std::vector<std::string>{"Open", "In Progress", "Done"}));
}

TEST(JiraSnapshotTest, CreateFieldsKeepRequiredDefaultAndOptions) {
  const CreateScreen& incident = Snapshot().create_screens[0];
  const CreateField* tier = nullptr;
  const CreateField* priority = nullptr;
  for (const CreateField& field : incident.fields) {
    if (field.id == "customfield_10010") tier = &field;
    if (field.id == "priority") priority = &field;
  }
  ASSERT_NE(tier, nullptr);
  ASSERT_NE(priority, nullptr);
  EXPECT_TRUE(tier->required);
  EXPECT_FALSE(tier->has_default);
  EXPECT_EQ(tier->allowed_values, (std::vector<std::string>{"Gold", "Silver", "Bronze"}));
  EXPECT_TRUE(priority->has_default);
  EXPECT_EQ(priority->allowed_values.at(1), "High");
}

TEST(JiraSnapshotTest, MissingFolderIsAnError) {
  const SnapshotResult result = LoadJiraSnapshot("/nonexistent/syncrule/jira-schema");
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.error.find("SL200"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("does not exist"), std::string::npos) << result.error;
}

TEST(JiraSnapshotTest, EmptyFolderIsAnError) {
  const SnapshotResult result = LoadJiraSnapshot(TempDir("empty").string());
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.error.find("holds none of field.json"), std::string::npos)
      << result.error;
}

TEST(JiraSnapshotTest, BadJsonNamesTheFileLineAndColumn) {
  const fs::path dir = TempDir("bad");
  Write(dir / "field.json", "[\n  {\"id\": \"summary\",}\n]");
  const SnapshotResult result = LoadJiraSnapshot(dir.string());
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.error.find("SL200: field.json: is not valid JSON"), std::string::npos)
      << result.error;
  EXPECT_NE(result.error.find("line 2, column 20"), std::string::npos) << result.error;
}

TEST(JiraSnapshotTest, TruncatedAndEmptyFilesAreErrorsNotCrashes) {
  for (const std::string& text : {std::string(), std::string("{\"projects\": ["),
                                  std::string("\xff\xfe"), std::string(100000, '[')}) {
    const fs::path dir = TempDir("truncated");
    Write(dir / "createmeta.json", text);
    const SnapshotResult result = LoadJiraSnapshot(dir.string());
    EXPECT_FALSE(result.ok());
    EXPECT_NE(result.error.find("createmeta.json"), std::string::npos) << result.error;
  }
}

TEST(JiraSnapshotTest, WrongDocumentShapesAreErrors) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"field.json", "{}"},
      {"createmeta.json", "[]"},
      {"workflow.json", "[{\"name\": \"W\"}]"},
      {"transitions-Open.json", "{\"expand\": \"transitions\"}"},
      {"transitions.json", "{\"transitions\": []}"},
  };
  for (const auto& [name, text] : cases) {
    const fs::path dir = TempDir("shape");
    Write(dir / name, text);
    const SnapshotResult result = LoadJiraSnapshot(dir.string());
    EXPECT_FALSE(result.ok()) << name;
    EXPECT_NE(result.error.find("SL200: " + name + ":"), std::string::npos)
        << result.error;
  }
}

TEST(JiraSnapshotTest, MembersOfUnexpectedTypesAreSkippedNotCrashes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"field.json", R"([1, "x", null, {"id": 5}, {"id": "a", "name": 7, "schema": 1}])"},
      {"createmeta.json", R"({"projects": [1, {"key": "A", "issuetypes": [2, {"name": 3,
          "fields": {"f": 1, "g": {"required": "yes", "allowedValues": [1, {"value": 2}]}}}]}]})"},
      {"workflow.json", R"({"values": [{"id": {"name": 1}, "statuses": 5,
          "transitions": [1, {"type": "directed", "from": "x", "to": 3}]}]})"},
      {"workflow-simple.json",
       R"({"transitions": [1, "x", {"from": [1, "A"], "to": []}]})"},
      {"transitions-Open.json",
       R"({"transitions": [1, {"to": 2}, {"name": "T", "to": {}}]})"},
  };
  for (const auto& [name, text] : cases) {
    const fs::path dir = TempDir("types");
    Write(dir / name, text);
    const SnapshotResult result = LoadJiraSnapshot(dir.string());
    EXPECT_TRUE(result.ok()) << name << ": " << result.error;
  }
}

TEST(JiraSnapshotTest, BrokenLinksAndSubfoldersAreSkipped) {
  const fs::path dir = TempDir("links");
  fs::copy_file(kFixtures + "/lint_snapshot/field.json", dir / "field.json");
  fs::create_directory(dir / "workflow-old.json");
  std::error_code error;
  fs::create_symlink(dir / "missing.json", dir / "createmeta.json", error);
  const SnapshotResult result = LoadJiraSnapshot(dir.string());
  EXPECT_TRUE(result.ok()) << result.error;
  EXPECT_FALSE(result.snapshot.field_names.empty());
}

TEST(JiraSnapshotTest, OtherFilesAreIgnoredWithAWarning) {
  const fs::path dir = TempDir("other");
  fs::copy_file(kFixtures + "/lint_snapshot/field.json", dir / "field.json");
  Write(dir / "notes.txt", "not a snapshot file");
  const SnapshotResult result = LoadJiraSnapshot(dir.string());
  EXPECT_TRUE(result.ok()) << result.error;
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("notes.txt: ignored"), std::string::npos);
}

TEST(JiraSnapshotTest, LoadsJiraServerResponses) {
  const fs::path dir = TempDir("server");
  const std::string jrjc = kFixtures + "/rest_server_v2_jrjc/";
  fs::copy_file(jrjc + "createmeta_valid.json", dir / "createmeta.json");
  fs::copy_file(kFixtures + "/rest_go_jira/all_fields.json", dir / "field.json");
  const SnapshotResult result = LoadJiraSnapshot(dir.string());
  ASSERT_TRUE(result.ok()) << result.error;
  // 4 projects with 5 issue types each; this response was not expanded.
  EXPECT_EQ(result.snapshot.create_screens.size(), 20u);
  EXPECT_EQ(result.snapshot.create_screens[0].project_key, "ANONEDIT");
  EXPECT_EQ(result.snapshot.field_names.at("description"), "Description");
  // The screens list no fields, so fields are checked against GET /field.
  const std::string create =
      "jira.create_issue(project = \"TST\", type = \"Bug\", summary = \"s\", fields = ";
  EXPECT_EQ(Lint(OnAlert(create + "{\"Description\": \"d\"})"), result.snapshot).codes(),
            "");
  EXPECT_EQ(Lint(OnAlert(create + "{\"Descripton\": \"d\"})"), result.snapshot).codes(),
            "SL206");
}

TEST(JiraSnapshotTest, LoadsJiraCloudResponses) {
  const fs::path dir = TempDir("cloud");
  const std::string cloud = kFixtures + "/rest_cloud_v3_openapi_examples/";
  fs::copy_file(cloud + "createmeta_200_response.json", dir / "createmeta.json");
  fs::copy_file(cloud + "field_list_200_response.json", dir / "field.json");
  fs::copy_file(cloud + "transitions_get_200_response.json",
                dir / "transitions-Open.json");
  const SnapshotResult result = LoadJiraSnapshot(dir.string());
  ASSERT_TRUE(result.ok()) << result.error;
  const JiraSnapshot& jira = result.snapshot;
  EXPECT_EQ(jira.field_names.at("summary"), "Summary");
  ASSERT_EQ(jira.create_screens.size(), 1u);
  ASSERT_EQ(jira.create_screens[0].fields.size(), 1u);
  EXPECT_TRUE(jira.create_screens[0].fields[0].required);
  ASSERT_EQ(jira.workflows.size(), 1u);
  EXPECT_TRUE(jira.workflows[0].initial_status.empty());
  ASSERT_EQ(jira.workflows[0].transitions.size(), 2u);
  EXPECT_EQ(jira.workflows[0].transitions[1].name, "QA Review");
  EXPECT_EQ(jira.workflows[0].transitions[1].from, std::vector<std::string>{"Open"});
  EXPECT_EQ(jira.workflows[0].transitions[1].to, "Closed");
}

TEST(JiraSnapshotTest, LoadsTheSimpleWorkflowForm) {
  const fs::path dir = TempDir("simple");
  Write(dir / "workflow-support.json", R"({
    "name": "Support", "projects": ["SUP"], "initial": "New",
    "transitions": [
      {"name": "Triage", "from": ["New"], "to": "Triaged"},
      {"name": "Close", "to": "Closed"}
    ]})");
  const SnapshotResult result = LoadJiraSnapshot(dir.string());
  ASSERT_TRUE(result.ok()) << result.error;
  const Workflow& workflow = result.snapshot.workflows.at(0);
  EXPECT_EQ(workflow.name, "Support");
  EXPECT_EQ(workflow.initial_status, "New");
  EXPECT_EQ(workflow.statuses, (std::vector<std::string>{"New", "Triaged", "Closed"}));
  EXPECT_TRUE(workflow.transitions[1].from.empty());
}

TEST(JiraSnapshotTest, UnknownStatusIdsInACloudWorkflowAreWarnings) {
  const fs::path dir = TempDir("ids");
  Write(dir / "workflow.json", R"({"values": [{"id": {"name": "W"}, "statuses": [],
    "transitions": [{"id": "1", "name": "Go", "from": ["7"], "to": "8", "type": "directed"}]}]})");
  const SnapshotResult result = LoadJiraSnapshot(dir.string());
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.warnings.size(), 2u);
  EXPECT_EQ(result.snapshot.workflows.at(0).transitions.at(0).to, "8");
}

// --- SL201: required field unset ---

TEST(JiraRequiredFieldTest, MissingRequiredFieldIsReportedAtTheActionName) {
  const LintRun lint = Lint(CreateIncident(""));
  ASSERT_EQ(lint.codes(), "SL201");
  EXPECT_EQ(lint.first().severity, Severity::kError);
  EXPECT_EQ(lint.Text(lint.first().range), "jira.create_issue");
  EXPECT_NE(lint.first().message.find("\"Customer Tier\" (customfield_10010)"),
            std::string::npos);
  EXPECT_NE(lint.notes().find(R"(fields = {"customfield_10010": {"value": "Gold"}})"),
            std::string::npos)
      << lint.notes();
}

TEST(JiraRequiredFieldTest, RequiredFieldSetByIdOrByNameIsFine) {
  EXPECT_EQ(Lint(CreateIncident(kTier)).codes(), "");
  EXPECT_EQ(Lint(CreateIncident(", fields = {\"customer tier\": {\"value\": \"Gold\"}}"))
                .codes(),
            "");
}

TEST(JiraRequiredFieldTest, FieldsWithADefaultOrOnOtherScreensAreNotRequired) {
  // Bug has no Customer Tier; priority has a default.
  EXPECT_EQ(
      Lint(OnAlert(
               "jira.create_issue(project = \"OPS\", type = \"Bug\", summary = \"s\")"))
          .codes(),
      "");
}

TEST(JiraRequiredFieldTest, FieldsNotKnownBeforeTheRuleRunsAreNotChecked) {
  EXPECT_EQ(Lint("rule \"r\" {\n  on jira.issue.updated\n  do jira.create_issue(project "
                 "= \"OPS\", "
                 "type = \"Incident\", summary = \"s\", fields = issue.fields)\n}\n")
                .codes(),
            "");
}

// --- SL202: wrong shape ---

TEST(JiraShapeTest, PlainStringForASelectGetsTheValueObjectFix) {
  const LintRun lint =
      Lint(CreateIncident(", fields = {\"customfield_10010\": \"Gold\"}"));
  ASSERT_EQ(lint.codes(), "SL202");
  EXPECT_EQ(lint.Text(lint.first().range), "\"Gold\"");
  ASSERT_EQ(lint.first().fixes.size(), 1u);
  EXPECT_EQ(lint.first().fixes[0].replacement, R"({"value": "Gold"})");
}

TEST(JiraShapeTest, ListsNumbersDatesLabelsAndUsers) {
  struct Case {
    std::string fields;
    std::string span;
    std::string fix;
  };
  const std::vector<Case> cases = {
      {R"("Affected Services": "api")", R"("api")", R"([{"value": "api"}])"},
      {R"("Affected Services": ["api"])", R"("api")", R"({"value": "api"})"},
      {R"("Story Points": "5")", R"("5")", "5"},
      {R"("Incident URL": 12)", "12", R"("12")"},
      {R"("duedate": "01/05/2024")", R"("01/05/2024")", ""},
      {R"("On-call": "alice@example.com")", R"("alice@example.com")", ""},
      {R"("priority": "High")", R"("High")", R"({"name": "High"})"},
  };
  for (const Case& c : cases) {
    const LintRun lint =
        Lint(CreateIncident(kTier.substr(0, kTier.size() - 1) + ", " + c.fields + "}"));
    ASSERT_EQ(lint.codes(), "SL202") << c.fields;
    EXPECT_EQ(lint.Text(lint.first().range), c.span) << c.fields;
    EXPECT_EQ(lint.first().fixes.empty() ? "" : lint.first().fixes[0].replacement, c.fix)
        << c.fields;
  }
}

TEST(JiraShapeTest, LabelsWithSpacesAreRejected) {
  const LintRun lint =
      Lint(CreateIncident(kTier + ", labels = [\"ok\", \"needs triage\"]"));
  ASSERT_EQ(lint.codes(), "SL202");
  EXPECT_EQ(lint.Text(lint.first().range), "\"needs triage\"");
  EXPECT_EQ(lint.first().fixes.at(0).replacement, "\"needs-triage\"");
}

TEST(JiraShapeTest, RightShapesPass) {
  EXPECT_EQ(
      Lint(
          CreateIncident(
              R"(, labels = ["alertmanager"], fields = {"customfield_10010": {"value": "Gold"},
          "Affected Services": [{"value": "api"}, {"id": "10301"}], "Story Points": 5,
          "duedate": "2024-05-01", "On-call": {"accountId": "5b10a2844c20165700ede21g"},
          "priority": {"name": "High"}, "Incident URL": "https://x"})"))
          .codes(),
      "");
}

TEST(JiraShapeTest, ValuesNotKnownBeforeTheRuleRunsAreSkipped) {
  EXPECT_EQ(Lint(CreateIncident(R"(, fields = {"customfield_10010": {"value": "Gold"},
          "Story Points": alert.alertname, "Affected Services": [alert.alertname]})"))
                .codes(),
            "");
}

// --- SL203: unknown option ---

TEST(JiraOptionTest, UnknownOptionGetsTheClosestOne) {
  const LintRun lint =
      Lint(CreateIncident(R"(, fields = {"customfield_10010": {"value": "Gld"}})"));
  ASSERT_EQ(lint.codes(), "SL203");
  EXPECT_EQ(lint.first().severity, Severity::kError);
  EXPECT_EQ(lint.Text(lint.first().range), R"({"value": "Gld"})");
  EXPECT_NE(lint.first().message.find("\"Gold\", \"Silver\" and \"Bronze\""),
            std::string::npos)
      << lint.first().message;
  EXPECT_EQ(lint.first().fixes.at(0).replacement, R"({"value": "Gold"})");
}

TEST(JiraOptionTest, PlainStringThatIsNoOptionIsAnUnknownOption) {
  const LintRun lint =
      Lint(CreateIncident(R"(, fields = {"customfield_10010": "Platinum"})"));
  EXPECT_EQ(lint.codes(), "SL203");
  EXPECT_TRUE(lint.first().fixes.empty());
}

TEST(JiraOptionTest, PriorityAndComponentsParameters) {
  LintRun lint = Lint(CreateIncident(kTier + ", priority = \"Hgh\""));
  ASSERT_EQ(lint.codes(), "SL203");
  EXPECT_EQ(lint.first().fixes.at(0).replacement, "\"High\"");
  lint = Lint(CreateIncident(kTier + ", components = [\"Backend\", \"Frontnd\"]"));
  ASSERT_EQ(lint.codes(), "SL203");
  EXPECT_EQ(lint.Text(lint.first().range), "\"Frontnd\"");
  EXPECT_EQ(
      Lint(CreateIncident(kTier + ", priority = \"High\", components = [\"Backend\"]"))
          .codes(),
      "");
}

TEST(JiraOptionTest, EveryValueOfAPriorityMapMustBeAnOption) {
  const std::string rule =
      "map sev {\n  \"critical\" => \"Highest\"\n  _ => \"%s\"\n}\n" +
      CreateIncident(kTier + ", priority = sev[alert.alertname]");
  const LintRun bad = Lint(std::string(rule).replace(rule.find("%s"), 2, "Normal"));
  ASSERT_EQ(bad.codes(), "SL203");
  EXPECT_EQ(bad.Text(bad.first().range), "sev[alert.alertname]");
  EXPECT_EQ(Lint(std::string(rule).replace(rule.find("%s"), 2, "Medium")).codes(), "");
}

TEST(JiraOptionTest, CaseDifferenceIsAWarning) {
  const LintRun lint =
      Lint(CreateIncident(R"(, fields = {"customfield_10010": {"value": "gold"}})"));
  ASSERT_EQ(lint.codes(), "SL203");
  EXPECT_EQ(lint.first().severity, Severity::kWarning);
}

TEST(JiraOptionTest, SetFieldsUsesOptionsOfAnyScreenAsAWarning) {
  const std::string rule =
      "rule \"r\" {\n  on jira.issue.updated\n  do jira.set_fields(fields = "
      "{\"Customer Tier\": {\"value\": \"%s\"}})\n}\n";
  const LintRun bad = Lint(std::string(rule).replace(rule.find("%s"), 2, "Platinum"));
  ASSERT_EQ(bad.codes(), "SL203");
  EXPECT_EQ(bad.first().severity, Severity::kWarning);
  EXPECT_EQ(Lint(std::string(rule).replace(rule.find("%s"), 2, "Silver")).codes(), "");
}

// --- SL204: unreachable transition ---

std::string OnIssueUpdate(const std::string& when, const std::string& action) {
  return "rule \"r\" {\n  on jira.issue.updated\n" + when + "  do " + action + "\n}\n";
}

TEST(JiraTransitionTest, TargetNotReachableFromSomeStatusesSaysWhichPathWorks) {
  const LintRun lint = Lint(
      "rule \"r\" {\n  on alertmanager.alert.resolved\n  when "
      "linked(jira.issue)\n  do jira.transition(to = \"Done\")\n}\n");
  ASSERT_EQ(lint.codes(), "SL204");
  EXPECT_EQ(lint.first().severity, Severity::kWarning);
  EXPECT_EQ(lint.Text(lint.first().range), "\"Done\"");
  EXPECT_NE(lint.first().message.find("while it is in \"Open\""), std::string::npos)
      << lint.first().message;
  EXPECT_NE(lint.notes().find("Open → In Progress → Done"), std::string::npos)
      << lint.notes();
  ASSERT_EQ(lint.first().fixes.size(), 1u);
  EXPECT_EQ(lint.Text(lint.first().fixes[0].range), "to = \"Done\"");
  EXPECT_EQ(lint.first().fixes[0].replacement,
            R"(transitions = ["Start Progress", "Resolve"])");
}

TEST(JiraTransitionTest, PinnedToAStatusWithoutTheTransitionIsAnError) {
  const LintRun lint = Lint(OnIssueUpdate("  when issue.status == \"Open\"\n",
                                          "jira.transition(to = \"Done\")"));
  ASSERT_EQ(lint.codes(), "SL204");
  EXPECT_EQ(lint.first().severity, Severity::kError);
  const LintRun changed = Lint(OnIssueUpdate("  when issue.status changed to \"Open\"\n",
                                             "jira.transition(to = \"Done\")"));
  EXPECT_EQ(changed.codes(), "SL204");
}

TEST(JiraTransitionTest, ReachableTargetsPass) {
  EXPECT_EQ(Lint(OnIssueUpdate("  when issue.status == \"In Progress\"\n",
                               "jira.transition(to = \"Done\")"))
                .codes(),
            "");
  EXPECT_EQ(Lint(OnIssueUpdate("", "jira.transition(to = \"Open\")")).codes(), "");
  EXPECT_EQ(
      Lint("rule \"r\" {\n  on alertmanager.alert.resolved\n  when "
           "linked(jira.issue).status == \"In Progress\"\n  do jira.transition(to = "
           "\"Resolve\")\n}\n")
          .codes(),
      "");
}

TEST(JiraTransitionTest, MatchQueriesPinTheStatus) {
  const std::string rule =
      "rule \"r\" {\n  on jira.issue.updated\n  match jql `%s`\n"
      "  do jira.transition(to = \"Done\")\n}\n";
  auto with = [&](const std::string& query) {
    return std::string(rule).replace(rule.find("%s"), 2, query);
  };
  EXPECT_EQ(Lint(with("project = OPS AND status = \"In Progress\"")).codes(), "");
  const LintRun open = Lint(with("project = OPS AND status in (Open, \"To Do\")"));
  ASSERT_EQ(open.codes(), "SL204");
  EXPECT_EQ(open.first().severity, Severity::kError);
  // OR does not pin: the issue may be in any status.
  EXPECT_EQ(Lint(with("status = \"In Progress\" OR priority = High")).first().severity,
            Severity::kWarning);
}

TEST(JiraTransitionTest, ConditionsOnTheEventIssueDoNotPinAnotherIssue) {
  const LintRun lint =
      Lint(OnIssueUpdate("  when issue.status == \"Open\"\n",
                         "jira.transition(issue = \"OPS-1\", to = \"Done\")"));
  ASSERT_EQ(lint.codes(), "SL204");
  EXPECT_EQ(lint.first().severity, Severity::kWarning);
}

TEST(JiraTransitionTest, UnknownStatusGetsTheClosestName) {
  const LintRun lint = Lint(OnIssueUpdate("", "jira.transition(to = \"Dnoe\")"));
  ASSERT_EQ(lint.codes(), "SL204");
  EXPECT_EQ(lint.first().severity, Severity::kError);
  EXPECT_EQ(lint.first().fixes.at(0).replacement, "\"Done\"");
}

TEST(JiraTransitionTest, TransitionListsAreFollowedAsPaths) {
  EXPECT_EQ(
      Lint(OnIssueUpdate(
               "", R"(jira.transition(transitions = ["Start Progress", "Resolve"]))"))
          .codes(),
      "");
  const LintRun stops = Lint(OnIssueUpdate(
      "", R"(jira.transition(transitions = ["Resolve", "Start Progress"]))"));
  ASSERT_EQ(stops.codes(), "SL204");
  EXPECT_EQ(stops.Text(stops.first().range), R"(["Resolve", "Start Progress"])");
  const LintRun unknown = Lint(OnIssueUpdate(
      "", R"(jira.transition(transitions = ["Start Progres", "Resolve"]))"));
  ASSERT_EQ(unknown.codes(), "SL204");
  EXPECT_EQ(unknown.Text(unknown.first().range), R"("Start Progres")");
}

TEST(JiraTransitionTest, CreateStatusMustBeOneTransitionFromTheInitialStatus) {
  const LintRun lint = Lint(CreateIncident(kTier + ", status = \"Done\""));
  ASSERT_EQ(lint.codes(), "SL204");
  EXPECT_NE(lint.notes().find("Open → In Progress → Done"), std::string::npos)
      << lint.notes();
  EXPECT_EQ(Lint(CreateIncident(kTier + ", status = \"In Progress\"")).codes(), "");
}

TEST(JiraTransitionTest, TargetsNotKnownBeforeTheRuleRunsAreSkipped) {
  EXPECT_EQ(Lint(OnIssueUpdate("", "jira.transition(to = issue.summary)")).codes(), "");
}

TEST(JiraTransitionTest, EveryValueOfAMapLookupMustBeAStatus) {
  const std::string rule =
      "map to_status {\n  \"acknowledged\" => \"In Progress\"\n  \"resolved\" => "
      "\"%s\"\n}\n"
      "rule \"r\" {\n  on pagerduty.incident.resolved\n  when linked(jira.issue)\n"
      "  do jira.transition(to = to_status[incident.status])\n}\n";
  const LintRun bad = Lint(std::string(rule).replace(rule.find("%s"), 2, "Resolved"));
  ASSERT_EQ(bad.codes(), "SL204");
  EXPECT_EQ(bad.Text(bad.first().range), "to_status[incident.status]");
  EXPECT_NE(bad.first().message.find("\"Resolved\" for \"resolved\""), std::string::npos)
      << bad.first().message;
  EXPECT_EQ(Lint(std::string(rule).replace(rule.find("%s"), 2, "Done")).codes(), "");
}

TEST(JiraTransitionTest, TransitionsFilesGiveTheFromStatusInTheirName) {
  const fs::path dir = TempDir("transitions");
  fs::copy_file(
      kFixtures + "/rest_cloud_v3_openapi_examples/transitions_get_200_response.json",
      dir / "transitions-Open.json");
  const SnapshotResult result = LoadJiraSnapshot(dir.string());
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(Lint(OnIssueUpdate("", "jira.transition(to = \"Closed\")"), result.snapshot)
                .codes(),
            "");
  EXPECT_EQ(
      Lint(OnIssueUpdate("", "jira.transition(to = \"Done\")"), result.snapshot).codes(),
      "SL204");
}

// --- SL205 / SL206: unknown project, issue type or field ---

TEST(JiraProjectTest, UnknownProjectAndTypeGetTheClosestName) {
  LintRun lint = Lint(
      OnAlert("jira.create_issue(project = \"OPX\", type = \"Bug\", summary = \"s\")"));
  ASSERT_EQ(lint.codes(), "SL205");
  EXPECT_EQ(lint.Text(lint.first().range), "\"OPX\"");
  EXPECT_EQ(lint.first().severity, Severity::kWarning);
  EXPECT_EQ(lint.first().fixes.at(0).replacement, "\"OPS\"");
  lint = Lint(OnAlert(
      "jira.create_issue(project = \"OPS\", type = \"Incdent\", summary = \"s\")"));
  ASSERT_EQ(lint.codes(), "SL205");
  EXPECT_EQ(lint.first().fixes.at(0).replacement, "\"Incident\"");
  EXPECT_EQ(lint.first().severity, Severity::kError);
}

TEST(JiraFieldTest, FieldNotOnTheCreateScreenIsAnError) {
  const LintRun lint = Lint(CreateIncident(kTier.substr(0, kTier.size() - 1) +
                                           R"(, "Custmer Tier": {"value": "Gold"}})"));
  ASSERT_EQ(lint.codes(), "SL206");
  EXPECT_NE(lint.notes().find("did you mean \"Customer Tier\"?"), std::string::npos);
}

TEST(JiraSnapshotChecksTest, AnEmptySnapshotChecksNothing) {
  const JiraSnapshot empty;
  EXPECT_EQ(
      Lint(CreateIncident(R"(, fields = {"x": "y"}, status = "Nope")"), empty).codes(),
      "");
  EXPECT_EQ(Lint(OnIssueUpdate("", "jira.transition(to = \"Nope\")"), empty).codes(), "");
}

}  // namespace
}  // namespace syncrule::lint

namespace syncrule::lint {
namespace {

// The printed form, as `syncrule lint` shows it.
TEST(JiraPrintedTest, TransitionWarningNamesThePathAndTheFix) {
  const LintRun lint = Lint(
      "rule \"r\" {\n  on alertmanager.alert.resolved\n  when linked(jira.issue)\n"
      "  do jira.transition(to = \"Done\")\n}\n");
  ASSERT_EQ(lint.codes(), "SL204");
  EXPECT_EQ(
      FormatDiagnostic(*lint.run.files[0].source, lint.first()),
      R"(test.rule:4:27: warning[SL204]: Jira cannot move the issue to "Done" in one transition while it is in "Open".
 4 |   do jira.transition(to = "Done")
   |                           ^^^^^^
   = note: the issue can be in "Open", "In Progress" and "Done" (any status reachable from "Open")
   = note: from "Open" this path works: Open → In Progress → Done (transitions ["Start Progress", "Resolve"])
   = help: go through the workflow from "Open": transitions = ["Start Progress", "Resolve"]
)");
}

}  // namespace
}  // namespace syncrule::lint
