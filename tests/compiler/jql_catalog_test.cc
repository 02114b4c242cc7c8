// Tests for the JQL field catalog, the function table, the spelling helpers
// and the operator/predicate spellings of ast.h.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "compiler/jql/ast.h"
#include "compiler/jql/check_spelling.h"
#include "compiler/jql/field_catalog.h"
#include "compiler/jql/functions.h"

namespace syncrule::jql {
namespace {

std::string ReadFixture(const std::string& relative_path) {
  std::ifstream file(std::string(SYNCRULE_SOURCE_DIR) + "/tests/fixtures/" +
                     relative_path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// Custom fields covering every mapped schema type, two fields sharing a
// name, a custom field named like a system field, and Jira Software's sprint
// and epic-link fields.
constexpr std::string_view kCustomFieldsJson = R"json([
  {"id": "summary", "name": "Summary", "custom": false,
   "schema": {"type": "string", "system": "summary"}},
  {"id": "customfield_10001", "name": "Severity", "custom": true,
   "clauseNames": ["cf[10001]", "Severity", "sev"],
   "schema": {"type": "option", "customId": 10001,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select"}},
  {"id": "customfield_10002", "name": "Tags", "custom": true,
   "schema": {"type": "array", "items": "option", "customId": 10002,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:multiselect"}},
  {"id": "customfield_10003", "name": "Choice", "custom": true,
   "schema": {"type": "option", "customId": 10003,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:radiobuttons"}},
  {"id": "customfield_10004", "name": "Flags", "custom": true,
   "schema": {"type": "array", "items": "option", "customId": 10004,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes"}},
  {"id": "customfield_10005", "name": "Location", "custom": true,
   "schema": {"type": "option-with-child", "customId": 10005,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:cascadingselect"}},
  {"id": "customfield_10006", "name": "Notes", "custom": true,
   "schema": {"type": "string", "customId": 10006,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:textarea"}},
  {"id": "customfield_10007", "name": "Code", "custom": true,
   "schema": {"type": "string", "customId": 10007,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:textfield"}},
  {"id": "customfield_10008", "name": "Custom number", "custom": true,
   "schema": {"type": "number", "customId": 10008,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:float"}},
  {"id": "customfield_10009", "name": "Custom number", "custom": true,
   "schema": {"type": "string", "customId": 10009,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:textfield"}},
  {"id": "customfield_10010", "name": "Start date", "custom": true,
   "schema": {"type": "date", "customId": 10010,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:datepicker"}},
  {"id": "customfield_10011", "name": "Launch", "custom": true,
   "schema": {"type": "datetime", "customId": 10011,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:datetime"}},
  {"id": "customfield_10012", "name": "Approvers", "custom": true,
   "schema": {"type": "array", "items": "user", "customId": 10012,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker"}},
  {"id": "customfield_10013", "name": "Website", "custom": true,
   "schema": {"type": "string", "customId": 10013,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:url"}},
  {"id": "customfield_10014", "name": "Keywords", "custom": true,
   "schema": {"type": "array", "items": "string", "customId": 10014,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:labels"}},
  {"id": "customfield_10015", "name": "Target release", "custom": true,
   "schema": {"type": "version", "customId": 10015,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:version"}},
  {"id": "customfield_10016", "name": "Other project", "custom": true,
   "schema": {"type": "project", "customId": 10016,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:project"}},
  {"id": "customfield_10017", "name": "Team group", "custom": true,
   "schema": {"type": "group", "customId": 10017,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:grouppicker"}},
  {"id": "customfield_10018", "name": "Mystery", "custom": true,
   "schema": {"type": "any", "customId": 10018,
     "custom": "com.example.plugin:mystery"}},
  {"id": "customfield_10019", "name": "Status", "custom": true,
   "schema": {"type": "option", "customId": 10019,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:select"}},
  {"id": "customfield_10020", "name": "Sprint", "custom": true,
   "schema": {"type": "array", "items": "json", "customId": 10020,
     "custom": "com.pyxis.greenhopper.jira:gh-sprint"}},
  {"id": "customfield_10021", "name": "Epic Link", "custom": true,
   "schema": {"type": "any", "customId": 10021,
     "custom": "com.pyxis.greenhopper.jira:gh-epic-link"}},
  {"id": "customfield_10022", "name": "Readonly", "custom": true,
   "schema": {"type": "string", "customId": 10022,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:readonlyfield"}},
  {"id": "customfield_10023", "name": "Picker", "custom": true,
   "schema": {"type": "user", "customId": 10023,
     "custom": "com.atlassian.jira.plugin.system.customfieldtypes:userpicker"}},
  {"id": "customfield_10024", "name": "Plain number", "custom": true,
   "schema": {"type": "number", "customId": 10024}}
])json";

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(catalog_.AddCustomFields(kCustomFieldsJson, &error)) << error;
  }

  const FieldInfo& Field(std::string_view name) {
    const FieldInfo* field = catalog_.FindByName(name);
    EXPECT_NE(field, nullptr) << name;
    static const FieldInfo kMissing;
    return field ? *field : kMissing;
  }

  FieldCatalog catalog_;
};

// One system field of JQL-FACTS 3.7: name, type, operator letters, key.
struct SystemFieldRow {
  const char* name;
  FieldType type;
  const char* operators;
  const char* json_key;
};

class SystemFieldTest : public ::testing::TestWithParam<SystemFieldRow> {};

TEST_P(SystemFieldTest, HasTypeOperatorsAndJsonKey) {
  const SystemFieldRow& row = GetParam();
  FieldCatalog catalog;
  const FieldInfo* field = catalog.FindByName(row.name);
  ASSERT_NE(field, nullptr) << row.name;
  EXPECT_EQ(field->type, row.type) << row.name;
  EXPECT_EQ(field->operators, OperatorsFromLetters(row.operators))
      << row.name << " has " << field->operators;
  EXPECT_EQ(field->json_key, row.json_key) << row.name;
  EXPECT_FALSE(field->is_custom);
}

INSTANTIATE_TEST_SUITE_P(
    Fields, SystemFieldTest,
    ::testing::Values(
        SystemFieldRow{"affectedVersion", FieldType::kVersion, "ERLSI",
                       "versions"},
        SystemFieldRow{"approvals", FieldType::kApproval, "=", ""},
        SystemFieldRow{"assignee", FieldType::kUser, "ESIHC", "assignee"},
        SystemFieldRow{"attachments", FieldType::kAttachment, "S",
                       "attachment"},
        SystemFieldRow{"category", FieldType::kCategory, "ESI", ""},
        SystemFieldRow{"comment", FieldType::kText, "L", "comment"},
        SystemFieldRow{"component", FieldType::kComponent, "ESI", "components"},
        SystemFieldRow{"created", FieldType::kDate, "ERSI", "created"},
        SystemFieldRow{"creator", FieldType::kUser, "ESIH", "creator"},
        SystemFieldRow{"Customer Request Type", FieldType::kString, "EI", ""},
        SystemFieldRow{"description", FieldType::kText, "LS", "description"},
        SystemFieldRow{"due", FieldType::kDateOnly, "ERSI", "duedate"},
        SystemFieldRow{"environment", FieldType::kText, "LS", "environment"},
        SystemFieldRow{"Epic Link", FieldType::kIssueKey, "ESI", ""},
        SystemFieldRow{"filter", FieldType::kFilter, "EI", ""},
        SystemFieldRow{"fixVersion", FieldType::kVersion, "ERLSIHC",
                       "fixVersions"},
        SystemFieldRow{"issueKey", FieldType::kIssueKey, "ERSI", ""},
        SystemFieldRow{"issueLinkType", FieldType::kIssueLinkType, "EI",
                       "issuelinks"},
        SystemFieldRow{"labels", FieldType::kLabel, "ESI", "labels"},
        SystemFieldRow{"lastViewed", FieldType::kDate, "ERSI", "lastViewed"},
        SystemFieldRow{"level", FieldType::kSecurityLevel, "ESI", "security"},
        SystemFieldRow{"originalEstimate", FieldType::kDuration, "ERSI",
                       "timeoriginalestimate"},
        SystemFieldRow{"parent", FieldType::kIssueKey, "EI", "parent"},
        SystemFieldRow{"priority", FieldType::kPriority, "ERSIHC", "priority"},
        SystemFieldRow{"progress", FieldType::kNumber, "ER", "progress"},
        SystemFieldRow{"project", FieldType::kProject, "ESI", "project"},
        SystemFieldRow{"remainingEstimate", FieldType::kDuration, "ERSI",
                       "timeestimate"},
        SystemFieldRow{"reporter", FieldType::kUser, "ESIHC", "reporter"},
        SystemFieldRow{"request-channel-type", FieldType::kString, "ESI", ""},
        SystemFieldRow{"request-last-activity-time", FieldType::kDate, "ERSI",
                       ""},
        SystemFieldRow{"resolution", FieldType::kResolution, "ERSIHC",
                       "resolution"},
        SystemFieldRow{"resolved", FieldType::kDate, "ERSI", "resolutiondate"},
        SystemFieldRow{"sprint", FieldType::kSprint, "ESI", ""},
        SystemFieldRow{"status", FieldType::kStatus, "ESIHC", "status"},
        SystemFieldRow{"statusCategory", FieldType::kStatusCategory, "EI", ""},
        SystemFieldRow{"summary", FieldType::kText, "LS", "summary"},
        SystemFieldRow{"text", FieldType::kTextMaster, "~", ""},
        SystemFieldRow{"timeSpent", FieldType::kDuration, "ERSI", "timespent"},
        SystemFieldRow{"type", FieldType::kIssueType, "ESI", "issuetype"},
        SystemFieldRow{"updated", FieldType::kDate, "ERSI", "updated"},
        SystemFieldRow{"voter", FieldType::kUser, "ESI", ""},
        SystemFieldRow{"votes", FieldType::kNumber, "ERI", "votes"},
        SystemFieldRow{"watcher", FieldType::kUser, "ESI", ""},
        SystemFieldRow{"watchers", FieldType::kNumber, "ERI", "watches"},
        SystemFieldRow{"worklogAuthor", FieldType::kUser, "ESI", "worklog"},
        SystemFieldRow{"worklogComment", FieldType::kText, "L", "worklog"},
        SystemFieldRow{"worklogDate", FieldType::kDateOnly, "ERI", "worklog"},
        SystemFieldRow{"workRatio", FieldType::kNumber, "ERSI", "workratio"},
        SystemFieldRow{"issue.property", FieldType::kEntityProperty, "ERLSI",
                       ""},
        SystemFieldRow{"project.property", FieldType::kEntityProperty, "ERLSI",
                       ""}));

// An alias or differently cased spelling and the canonical name it finds.
struct AliasRow {
  const char* alias;
  const char* canonical;
};

class AliasTest : public ::testing::TestWithParam<AliasRow> {};

TEST_P(AliasTest, ResolvesToCanonicalField) {
  FieldCatalog catalog;
  const FieldInfo* field = catalog.FindByName(GetParam().alias);
  ASSERT_NE(field, nullptr) << GetParam().alias;
  EXPECT_EQ(field->name, GetParam().canonical);
}

INSTANTIATE_TEST_SUITE_P(
    Aliases, AliasTest,
    ::testing::Values(
        AliasRow{"duedate", "due"}, AliasRow{"DueDate", "due"},
        AliasRow{"createdDate", "created"}, AliasRow{"updatedDate", "updated"},
        AliasRow{"resolutionDate", "resolved"}, AliasRow{"key", "issueKey"},
        AliasRow{"id", "issueKey"}, AliasRow{"issue", "issueKey"},
        AliasRow{"ISSUEKEY", "issueKey"}, AliasRow{"issuetype", "type"},
        AliasRow{"timeOriginalEstimate", "originalEstimate"},
        AliasRow{"timeEstimate", "remainingEstimate"},
        AliasRow{"request", "filter"}, AliasRow{"savedFilter", "filter"},
        AliasRow{"searchRequest", "filter"}, AliasRow{"approval", "approvals"},
        AliasRow{"comment.prop", "comment.property"},
        AliasRow{"pRoJeCt", "project"}, AliasRow{"FIXVERSION", "fixVersion"},
        AliasRow{"epic link", "Epic Link"}));

TEST(SystemFieldsTest, RecordHistoryNamesAsTheChangelogWritesThem) {
  FieldCatalog catalog;
  EXPECT_EQ(catalog.FindByName("status")->history_names,
            std::vector<std::string>{"status"});
  EXPECT_EQ(catalog.FindByName("fixVersion")->history_names,
            std::vector<std::string>{"Fix Version"});
  EXPECT_EQ(catalog.FindByName("affectedVersion")->history_names,
            std::vector<std::string>{"Version"});
  EXPECT_EQ(catalog.FindByName("assignee")->history_names,
            std::vector<std::string>{"assignee"});
}

TEST(SystemFieldsTest, RecordNestedJsonPaths) {
  FieldCatalog catalog;
  EXPECT_EQ(catalog.FindByName("comment")->json_path,
            "comment.comments[].body");
  EXPECT_EQ(catalog.FindByName("votes")->json_path, "votes.votes");
  EXPECT_EQ(catalog.FindByName("watchers")->json_path, "watches.watchCount");
  EXPECT_EQ(catalog.FindByName("statusCategory")->json_path,
            "status.statusCategory");
  EXPECT_EQ(catalog.FindByName("status")->json_path, "status");
  EXPECT_TRUE(catalog.FindByName("labels")->multi_valued);
  EXPECT_TRUE(catalog.FindByName("fixVersion")->multi_valued);
  EXPECT_FALSE(catalog.FindByName("priority")->multi_valued);
}

TEST(SystemFieldsTest, ListTheFunctionsTheyAccept) {
  FieldCatalog catalog;
  auto accepts = [&](std::string_view field, std::string_view function) {
    const auto& functions = catalog.FindByName(field)->functions;
    return std::find(functions.begin(), functions.end(), function) !=
           functions.end();
  };
  EXPECT_TRUE(accepts("assignee", "currentUser"));
  EXPECT_TRUE(accepts("assignee", "membersOf"));
  EXPECT_TRUE(accepts("created", "startOfDay"));
  EXPECT_TRUE(accepts("due", "endOfYear"));
  EXPECT_TRUE(accepts("project", "projectsWhereUserHasRole"));
  EXPECT_TRUE(accepts("fixVersion", "earliestUnreleasedVersion"));
  EXPECT_TRUE(accepts("issueKey", "linkedIssues"));
  EXPECT_TRUE(accepts("sprint", "openSprints"));
  EXPECT_TRUE(accepts("type", "subtaskIssueTypes"));
  EXPECT_TRUE(accepts("component", "componentsLeadByUser"));
  EXPECT_TRUE(accepts("approvals", "myPending"));
  EXPECT_TRUE(accepts("Epic Link", "issueHistory"));
  EXPECT_FALSE(accepts("Epic Link", "updatedBy"));
  EXPECT_FALSE(accepts("status", "now"));
  EXPECT_FALSE(accepts("created", "currentUser"));
  EXPECT_TRUE(catalog.FindByName("summary")->functions.empty());
}

TEST(SystemFieldsTest, MarkUnsortableFields) {
  FieldCatalog catalog;
  EXPECT_FALSE(catalog.FindByName("text")->sortable);
  EXPECT_FALSE(catalog.FindByName("comment")->sortable);
  EXPECT_TRUE(catalog.FindByName("priority")->sortable);
  EXPECT_TRUE(catalog.FindByName("created")->sortable);
}

TEST(SystemFieldsTest, NamesAreUnique) {
  FieldCatalog catalog;
  std::set<std::string> names;
  for (const auto& field : catalog.fields()) {
    EXPECT_TRUE(names.insert(ToLowerAscii(field->name)).second) << field->name;
    for (const auto& alias : field->aliases) {
      EXPECT_TRUE(names.insert(ToLowerAscii(alias)).second) << alias;
    }
  }
}

TEST(SystemFieldsTest, UnknownNamesDoNotResolve) {
  FieldCatalog catalog;
  EXPECT_EQ(catalog.FindByName("nosuchfield"), nullptr);
  EXPECT_EQ(catalog.FindByName(""), nullptr);
  EXPECT_EQ(catalog.FindByName("cf[10010]"), nullptr);
  EXPECT_EQ(catalog.FindCustom(10010), nullptr);
}

// A custom field name and its expected type, operators and multi-valuedness.
struct CustomFieldRow {
  const char* name;
  int64_t id;
  FieldType type;
  const char* operators;
  bool multi_valued;
};

class CustomFieldTest : public ::testing::TestWithParam<CustomFieldRow> {};

TEST_P(CustomFieldTest, MapsSchemaTypes) {
  const CustomFieldRow& row = GetParam();
  FieldCatalog catalog;
  std::string error;
  ASSERT_TRUE(catalog.AddCustomFields(kCustomFieldsJson, &error)) << error;
  const FieldInfo* field = catalog.FindCustom(row.id);
  ASSERT_NE(field, nullptr) << row.name;
  EXPECT_EQ(field->name, row.name);
  EXPECT_TRUE(field->is_custom);
  EXPECT_EQ(field->custom_id, row.id);
  EXPECT_EQ(field->json_key, "customfield_" + std::to_string(row.id));
  EXPECT_EQ(field->type, row.type) << row.name;
  EXPECT_EQ(field->operators, OperatorsFromLetters(row.operators)) << row.name;
  EXPECT_EQ(field->multi_valued, row.multi_valued) << row.name;
  EXPECT_EQ(field->history_names, std::vector<std::string>{row.name});
}

INSTANTIATE_TEST_SUITE_P(
    Types, CustomFieldTest,
    ::testing::Values(
        CustomFieldRow{"Severity", 10001, FieldType::kOption, "ESI", false},
        CustomFieldRow{"Tags", 10002, FieldType::kOption, "ESI", true},
        CustomFieldRow{"Choice", 10003, FieldType::kOption, "ESI", false},
        CustomFieldRow{"Flags", 10004, FieldType::kOption, "ESI", true},
        CustomFieldRow{"Location", 10005, FieldType::kCascadingOption, "ESI",
                       false},
        CustomFieldRow{"Notes", 10006, FieldType::kText, "LS", false},
        CustomFieldRow{"Code", 10007, FieldType::kText, "LS", false},
        CustomFieldRow{"Custom number", 10008, FieldType::kNumber, "ERSI",
                       false},
        CustomFieldRow{"Start date", 10010, FieldType::kDateOnly, "ERSI",
                       false},
        CustomFieldRow{"Launch", 10011, FieldType::kDate, "ERSI", false},
        CustomFieldRow{"Approvers", 10012, FieldType::kUser, "ESI", true},
        CustomFieldRow{"Website", 10013, FieldType::kString, "ESI", false},
        CustomFieldRow{"Keywords", 10014, FieldType::kLabel, "ESI", true},
        CustomFieldRow{"Target release", 10015, FieldType::kVersion, "ESI",
                       false},
        CustomFieldRow{"Other project", 10016, FieldType::kProject, "ESI",
                       false},
        CustomFieldRow{"Team group", 10017, FieldType::kString, "ESI", false},
        CustomFieldRow{"Mystery", 10018, FieldType::kUnknown, "ESI", false},
        CustomFieldRow{"Sprint", 10020, FieldType::kSprint, "ESI", true},
        CustomFieldRow{"Epic Link", 10021, FieldType::kIssueKey, "ESI", false},
        CustomFieldRow{"Readonly", 10022, FieldType::kText, "LS", false},
        CustomFieldRow{"Picker", 10023, FieldType::kUser, "ESI", false},
        CustomFieldRow{"Plain number", 10024, FieldType::kNumber, "ERSI",
                       false}));

TEST_F(CatalogTest, SkipsSystemEntriesOfTheFieldList) {
  EXPECT_EQ(Field("summary").type, FieldType::kText);
  EXPECT_FALSE(Field("summary").is_custom);
}

TEST_F(CatalogTest, ResolvesCustomFieldsByIdAndName) {
  FieldRef ref;
  ref.name.text = "cf[10001]";
  ref.custom_field_id = 10001;
  ASSERT_NE(catalog_.Resolve(ref), nullptr);
  EXPECT_EQ(catalog_.Resolve(ref)->name, "Severity");
  EXPECT_EQ(catalog_.FindByName("CF[10001]")->name, "Severity");
  EXPECT_EQ(catalog_.FindByName("severity")->custom_id, 10001);
  ref.custom_field_id = 424242;
  EXPECT_EQ(catalog_.Resolve(ref), nullptr);
}

TEST_F(CatalogTest, AddsClauseNamesAsAliases) {
  EXPECT_EQ(Field("sev").custom_id, 10001);
  EXPECT_EQ(Field("sev").aliases, std::vector<std::string>{"sev"});
}

TEST_F(CatalogTest, AmbiguousCustomNamesDoNotResolve) {
  EXPECT_EQ(catalog_.FindByName("Custom number"), nullptr);
  EXPECT_TRUE(catalog_.IsAmbiguous("custom NUMBER"));
  EXPECT_EQ(catalog_.CustomCandidates("Custom number").size(), 2u);
  EXPECT_FALSE(catalog_.IsAmbiguous("Severity"));
  EXPECT_FALSE(catalog_.IsAmbiguous("nosuchfield"));
}

TEST_F(CatalogTest, TypedNamesDisambiguate) {
  EXPECT_EQ(Field("Custom number[Number]").custom_id, 10008);
  EXPECT_EQ(Field("Custom number[number field]").custom_id, 10008);
  EXPECT_EQ(Field("Custom number[Short text]").custom_id, 10009);
  EXPECT_EQ(Field("Custom number[Text Field (single line)]").custom_id, 10009);
  EXPECT_EQ(Field("Severity[Dropdown]").custom_id, 10001);
  EXPECT_EQ(catalog_.FindByName("Custom number[Date]"), nullptr);
  EXPECT_EQ(catalog_.FindByName("Severity[Number]"), nullptr);
}

TEST_F(CatalogTest, SystemFieldWinsOverCustomFieldOfTheSameName) {
  EXPECT_FALSE(Field("Status").is_custom);
  EXPECT_EQ(Field("Status").type, FieldType::kStatus);
  EXPECT_EQ(catalog_.FindCustom(10019)->name, "Status");
  EXPECT_EQ(Field("Status[Dropdown]").custom_id, 10019);
}

TEST_F(CatalogTest, JiraSoftwareFieldsBackSystemFields) {
  const FieldInfo& sprint = Field("sprint");
  EXPECT_FALSE(sprint.is_custom);
  EXPECT_EQ(sprint.json_key, "customfield_10020");
  EXPECT_EQ(sprint.custom_id, 10020);
  EXPECT_EQ(Field("Epic Link").json_key, "customfield_10021");
}

TEST_F(CatalogTest, CustomFieldsAcceptFunctionsOfTheirType) {
  auto functions = [&](std::string_view name) {
    return catalog_.FindByName(name)->functions;
  };
  EXPECT_EQ(functions("Start date").size(), 11u);
  EXPECT_EQ(functions("Approvers"),
            (std::vector<std::string>{"currentUser", "membersOf"}));
  EXPECT_EQ(functions("Location"), std::vector<std::string>{"cascadeOption"});
  EXPECT_TRUE(functions("Notes").empty());
}

TEST_F(CatalogTest, ListsSystemFieldsFirst) {
  EXPECT_FALSE(catalog_.fields().front()->is_custom);
  EXPECT_TRUE(catalog_.fields().back()->is_custom);
}

TEST(CustomFieldLoadingTest, RejectsMalformedJson) {
  FieldCatalog catalog;
  std::string error;
  EXPECT_FALSE(catalog.AddCustomFields("[{", &error));
  EXPECT_NE(error.find("invalid field JSON"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(catalog.AddCustomFields(R"({"id": "x"})", &error));
  EXPECT_NE(error.find("array"), std::string::npos) << error;
  EXPECT_FALSE(catalog.AddCustomFields("", nullptr));
}

TEST(CustomFieldLoadingTest, SkipsUnusableEntries) {
  FieldCatalog catalog;
  const size_t system_count = catalog.fields().size();
  std::string error;
  ASSERT_TRUE(catalog.AddCustomFields(R"json([
    1, "x", null, {"custom": true}, {"custom": "yes", "id": "customfield_1"},
    {"custom": true, "id": "customfield_abc", "name": "No id"},
    {"custom": true, "id": "customfield_7", "name": "Seven"},
    {"custom": true, "id": "customfield_7", "name": "Seven again"}
  ])json",
                                      &error))
      << error;
  EXPECT_EQ(catalog.fields().size(), system_count + 1);
  EXPECT_EQ(catalog.FindCustom(7)->name, "Seven");
  EXPECT_EQ(catalog.FindCustom(7)->type, FieldType::kUnknown);
}

TEST(CustomFieldLoadingTest, LoadsTheJrjcCustomFieldFixture) {
  FieldCatalog catalog;
  std::string error;
  const std::string entry =
      ReadFixture("jira/rest_server_v2_jrjc/field_valid-custom-field.json");
  ASSERT_FALSE(entry.empty());
  ASSERT_TRUE(catalog.AddCustomFields("[" + entry + "]", &error)) << error;
  const FieldInfo* field = catalog.FindCustom(10000);
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->name, "MultiSelect Custom IssueField");
  EXPECT_EQ(field->type, FieldType::kOption);
  EXPECT_TRUE(field->multi_valued);
  EXPECT_EQ(field->custom_type,
            "com.atlassian.jira.plugin.system.customfieldtypes:multiselect");
}

TEST(CustomFieldLoadingTest, SystemOnlyFieldListsAddNothing) {
  for (const char* path :
       {"jira/rest_go_jira/all_fields.json",
        "jira/rest_cloud_v3_openapi_examples/field_list_200_response.json"}) {
    FieldCatalog catalog;
    const size_t system_count = catalog.fields().size();
    std::string error;
    const std::string text = ReadFixture(path);
    ASSERT_FALSE(text.empty()) << path;
    EXPECT_TRUE(catalog.AddCustomFields(text, &error)) << path << ": " << error;
    EXPECT_EQ(catalog.fields().size(), system_count) << path;
  }
}

TEST_F(CatalogTest, SuggestsCloseNames) {
  EXPECT_EQ(catalog_.Suggest("stauts"), std::vector<std::string>{"status"});
  EXPECT_EQ(catalog_.Suggest("asignee").front(), "assignee");
  EXPECT_EQ(catalog_.Suggest("fixversions").front(), "fixVersion");
  EXPECT_EQ(catalog_.Suggest("Severty").front(), "Severity");
  EXPECT_TRUE(catalog_.Suggest("qqqqqqqqqqq").empty());
  EXPECT_TRUE(catalog_.Suggest("").empty());
  EXPECT_LE(catalog_.Suggest("type", 2).size(), 2u);
}

TEST(FieldTypeNameTest, NamesTypesForMessages) {
  EXPECT_STREQ(FieldTypeName(FieldType::kDate), "date");
  EXPECT_STREQ(FieldTypeName(FieldType::kUser), "user");
  EXPECT_STREQ(FieldTypeName(FieldType::kCascadingOption), "cascading option");
  EXPECT_STREQ(FieldTypeName(FieldType::kUnknown), "unknown");
}

TEST(OperatorLettersTest, MapLettersToOperatorBits) {
  EXPECT_EQ(OperatorsFromLetters("E"),
            OperatorBit(Operator::kEquals) | OperatorBit(Operator::kNotEquals));
  EXPECT_TRUE(HasOperator(OperatorsFromLetters("R"), Operator::kGreaterEquals));
  EXPECT_TRUE(HasOperator(OperatorsFromLetters("H"), Operator::kWasNotIn));
  EXPECT_TRUE(HasOperator(OperatorsFromLetters("C"), Operator::kChanged));
  EXPECT_FALSE(HasOperator(OperatorsFromLetters("ESI"), Operator::kLike));
  EXPECT_EQ(OperatorsFromLetters("ERLSIHC"),
            (OperatorSet{1} << kOperatorCount) - 1);
}

TEST(SpellingTest, MeasuresDamerauDistance) {
  EXPECT_EQ(EditDistance("status", "status"), 0);
  EXPECT_EQ(EditDistance("status", "STATUS"), 0);
  EXPECT_EQ(EditDistance("stauts", "status"), 1);  // one swap
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(SuggestionThreshold("ab"), 2);
  EXPECT_EQ(SuggestionThreshold("originalEstimate"), 5);
}

TEST(SpellingTest, ClosestNamesSkipsExactMatchesAndCaseDuplicates) {
  EXPECT_EQ(ClosestNames("due", {"due", "DUE", "dues", "Dues"}, 3),
            std::vector<std::string>{"dues"});
}

TEST(FunctionTableTest, FindsFunctionsIgnoringCase) {
  const FunctionInfo* info = FindFunction("STARTOFDAY");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->name, "startOfDay");
  EXPECT_EQ(info->min_args, 0);
  EXPECT_EQ(info->max_args, 1);
  EXPECT_EQ(info->result, FunctionResult::kDate);
  EXPECT_FALSE(info->needs_server);
  EXPECT_EQ(FindFunction("cascadeoption")->name, "cascadeOption");
  EXPECT_EQ(FindFunction("bogus"), nullptr);
  EXPECT_EQ(FindFunction(""), nullptr);
}

TEST(FunctionTableTest, DescribesListFunctions) {
  const FunctionInfo* members = FindFunction("membersOf");
  ASSERT_NE(members, nullptr);
  EXPECT_TRUE(members->returns_list);
  EXPECT_TRUE(members->needs_server);
  EXPECT_EQ(members->min_args, 1);
  EXPECT_TRUE(HasOperator(members->operators, Operator::kIn));
  EXPECT_TRUE(HasOperator(members->operators, Operator::kWasNotIn));
  EXPECT_FALSE(HasOperator(members->operators, Operator::kEquals));
  const FunctionInfo* user = FindFunction("currentUser");
  EXPECT_FALSE(user->returns_list);
  EXPECT_TRUE(HasOperator(user->operators, Operator::kEquals));
  EXPECT_TRUE(HasOperator(user->operators, Operator::kWas));
  EXPECT_EQ(FindFunction("approver")->max_args, kUnboundedArity);
}

TEST(FunctionTableTest, NamesAreUniqueAndArityIsSane) {
  std::set<std::string> names;
  for (const FunctionInfo& info : AllFunctions()) {
    EXPECT_TRUE(names.insert(ToLowerAscii(info.name)).second) << info.name;
    EXPECT_GE(info.min_args, 0) << info.name;
    EXPECT_TRUE(info.max_args == kUnboundedArity ||
                info.max_args >= info.min_args)
        << info.name;
    EXPECT_FALSE(info.summary.empty()) << info.name;
    EXPECT_NE(info.operators, 0u) << info.name;
  }
  EXPECT_EQ(FunctionNamesForType(FieldType::kDate).size(), 11u);
  EXPECT_TRUE(FunctionNamesForType(FieldType::kText).empty());
}

TEST(FunctionTableTest, MatchesResultsToFieldTypes) {
  EXPECT_TRUE(FunctionResultFits(FunctionResult::kDate, FieldType::kDateOnly));
  EXPECT_TRUE(FunctionResultFits(FunctionResult::kUsers, FieldType::kUser));
  EXPECT_TRUE(
      FunctionResultFits(FunctionResult::kVersion, FieldType::kVersion));
  EXPECT_FALSE(FunctionResultFits(FunctionResult::kUser, FieldType::kDate));
  EXPECT_STREQ(FunctionResultName(FunctionResult::kUsers), "a list of users");
}

TEST(FunctionTableTest, SuggestsCloseFunctionNames) {
  EXPECT_EQ(SuggestFunctions("startOfDya", 1),
            std::vector<std::string>{"startOfDay"});
  EXPECT_EQ(SuggestFunctions("currentUsr", 1),
            std::vector<std::string>{"currentUser"});
  EXPECT_EQ(SuggestFunctions("membersof", 1).size(), 0u);  // exact match
  EXPECT_TRUE(SuggestFunctions("zzzzzzzzzzzz").empty());
  EXPECT_TRUE(IsPeriodFunction(*FindFunction("endOfWeek")));
  EXPECT_FALSE(IsPeriodFunction(*FindFunction("now")));
}

TEST(AstSpellingTest, SpellsOperatorsAndPredicates) {
  EXPECT_STREQ(OperatorSpelling(Operator::kEquals), "=");
  EXPECT_STREQ(OperatorSpelling(Operator::kNotLike), "!~");
  EXPECT_STREQ(OperatorSpelling(Operator::kGreaterEquals), ">=");
  EXPECT_STREQ(OperatorSpelling(Operator::kNotIn), "NOT IN");
  EXPECT_STREQ(OperatorSpelling(Operator::kIsNot), "IS NOT");
  EXPECT_STREQ(OperatorSpelling(Operator::kWasNotIn), "WAS NOT IN");
  EXPECT_STREQ(OperatorSpelling(Operator::kChanged), "CHANGED");
  EXPECT_STREQ(OperatorMessageName(Operator::kEquals), "EQUALS");
  EXPECT_STREQ(OperatorMessageName(Operator::kNotIn), "NOT_IN");
  EXPECT_STREQ(OperatorMessageName(Operator::kLessEquals), "LESS_THAN_EQUALS");
  EXPECT_STREQ(OperatorMessageName(Operator::kWasNot), "WAS_NOT");
  EXPECT_STREQ(PredicateSpelling(PredicateKind::kAfter), "AFTER");
  EXPECT_STREQ(PredicateSpelling(PredicateKind::kDuring), "DURING");
  EXPECT_STREQ(PredicateSpelling(PredicateKind::kTo), "TO");
}

}  // namespace
}  // namespace syncrule::jql
