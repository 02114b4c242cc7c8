#include "compiler/jql/field_catalog.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <utility>

#include "compiler/jql/check_spelling.h"
#include "compiler/jql/functions.h"

namespace syncrule::jql {
namespace {

using T = FieldType;

// Functions field: "*" means every function whose result fits the field's
// type (FunctionNamesForType); otherwise a comma-separated list.
constexpr std::string_view kByType = "*";

// One row of the system-field table (JQL-FACTS 3.7). Lists are
// comma-separated; an empty json_path means "same as json_key".
struct SystemFieldSpec {
  std::string_view name;
  std::string_view aliases;
  FieldType type;
  std::string_view operators;
  std::string_view json_key;
  std::string_view json_path;
  bool multi_valued;
  std::string_view history_names;
  std::string_view functions;
  bool sortable;
};

constexpr auto kSystemFields = std::to_array<SystemFieldSpec>({
    {"affectedVersion", "", T::kVersion, "ERLSI", "versions", "", true,
     "Version", kByType, true},
    {"approvals", "approval", T::kApproval, "=", "", "", false, "", kByType,
     false},
    {"assignee", "", T::kUser, "ESIHC", "assignee", "", false, "assignee",
     kByType, true},
    {"attachments", "", T::kAttachment, "S", "attachment", "", true,
     "Attachment", "", false},
    {"category", "", T::kCategory, "ESI", "", "project.projectCategory", false,
     "", "", false},
    {"comment", "", T::kText, "L", "comment", "comment.comments[].body", true,
     "", "", false},
    {"component", "", T::kComponent, "ESI", "components", "", true, "Component",
     kByType, true},
    {"created", "createdDate", T::kDate, "ERSI", "created", "", false, "",
     kByType, true},
    {"creator", "", T::kUser, "ESIH", "creator", "", false, "creator", kByType,
     true},
    {"Customer Request Type", "", T::kString, "EI", "", "", false,
     "Customer Request Type", "", true},
    {"description", "", T::kText, "LS", "description", "", false, "description",
     "", true},
    {"due", "duedate", T::kDateOnly, "ERSI", "duedate", "", false, "duedate",
     kByType, true},
    {"environment", "", T::kText, "LS", "environment", "", false, "environment",
     "", true},
    {"Epic Link", "", T::kIssueKey, "ESI", "", "", false, "Epic Link",
     "issueHistory,linkedIssues,votedIssues,watchedIssues", true},
    {"filter", "request,savedFilter,searchRequest", T::kFilter, "EI", "", "",
     false, "", "", false},
    {"fixVersion", "", T::kVersion, "ERLSIHC", "fixVersions", "", true,
     "Fix Version", kByType, true},
    {"issueKey", "id,issue,key", T::kIssueKey, "ERSI", "", "", false, "",
     kByType, true},
    {"issueLinkType", "", T::kIssueLinkType, "EI", "issuelinks",
     "issuelinks[].type", true, "Link", "", false},
    {"labels", "", T::kLabel, "ESI", "labels", "", true, "labels", "", true},
    {"lastViewed", "", T::kDate, "ERSI", "lastViewed", "", false, "", kByType,
     true},
    {"level", "", T::kSecurityLevel, "ESI", "security", "", false, "security",
     "", true},
    {"originalEstimate", "timeOriginalEstimate", T::kDuration, "ERSI",
     "timeoriginalestimate", "", false, "timeoriginalestimate", "", true},
    {"parent", "", T::kIssueKey, "EI", "parent", "", false, "Parent", kByType,
     true},
    {"priority", "", T::kPriority, "ERSIHC", "priority", "", false, "priority",
     "", true},
    {"progress", "", T::kNumber, "ER", "progress", "progress.percent", false,
     "", "", true},
    {"project", "", T::kProject, "ESI", "project", "", false, "project",
     kByType, true},
    {"remainingEstimate", "timeEstimate", T::kDuration, "ERSI", "timeestimate",
     "", false, "timeestimate", "", true},
    {"reporter", "", T::kUser, "ESIHC", "reporter", "", false, "reporter",
     kByType, true},
    {"request-channel-type", "", T::kString, "ESI", "", "", false, "", "",
     false},
    {"request-last-activity-time", "", T::kDate, "ERSI", "", "", false, "",
     kByType, true},
    {"resolution", "", T::kResolution, "ERSIHC", "resolution", "", false,
     "resolution", "", true},
    {"resolved", "resolutionDate", T::kDate, "ERSI", "resolutiondate", "",
     false, "", kByType, true},
    {"sprint", "", T::kSprint, "ESI", "", "", true, "Sprint", kByType, true},
    {"status", "", T::kStatus, "ESIHC", "status", "", false, "status", "",
     true},
    {"statusCategory", "", T::kStatusCategory, "EI", "",
     "status.statusCategory", false, "", "", true},
    {"statusCategoryChangedDate", "", T::kDate, "ERSI",
     "statuscategorychangedate", "", false, "", kByType, true},
    {"summary", "", T::kText, "LS", "summary", "", false, "summary", "", true},
    {"text", "", T::kTextMaster, "~", "", "", false, "", "", false},
    {"timeSpent", "", T::kDuration, "ERSI", "timespent", "", false, "timespent",
     "", true},
    {"type", "issueType", T::kIssueType, "ESI", "issuetype", "", false,
     "issuetype", kByType, true},
    {"updated", "updatedDate", T::kDate, "ERSI", "updated", "", false, "",
     kByType, true},
    {"voter", "", T::kUser, "ESI", "", "", true, "", kByType, false},
    {"votes", "", T::kNumber, "ERI", "votes", "votes.votes", false, "", "",
     true},
    {"watcher", "", T::kUser, "ESI", "", "", true, "", kByType, false},
    {"watchers", "", T::kNumber, "ERI", "watches", "watches.watchCount", false,
     "", "", true},
    {"worklogAuthor", "", T::kUser, "ESI", "worklog",
     "worklog.worklogs[].author", true, "", kByType, false},
    {"worklogComment", "", T::kText, "L", "worklog",
     "worklog.worklogs[].comment", true, "", "", false},
    {"worklogDate", "", T::kDateOnly, "ERI", "worklog",
     "worklog.worklogs[].started", true, "", kByType, false},
    {"workRatio", "", T::kNumber, "ERSI", "workratio", "", false, "", "", true},
    // Entity properties: issue.property[key].path and friends. Their values
    // are typed by the property index, so every non-history operator goes.
    {"issue.property", "", T::kEntityProperty, "ERLSI", "", "", false, "", "",
     true},
    {"project.property", "", T::kEntityProperty, "ERLSI", "", "", false, "", "",
     true},
    {"assignee.property", "", T::kEntityProperty, "ERLSI", "", "", false, "",
     "", true},
    {"reporter.property", "", T::kEntityProperty, "ERLSI", "", "", false, "",
     "", true},
    {"creator.property", "", T::kEntityProperty, "ERLSI", "", "", false, "", "",
     true},
    {"voter.property", "", T::kEntityProperty, "ERLSI", "", "", false, "", "",
     true},
    {"watcher.property", "", T::kEntityProperty, "ERLSI", "", "", false, "", "",
     true},
    {"comment.property", "comment.prop", T::kEntityProperty, "ERLSI", "", "",
     false, "", "", true},
    {"development", "", T::kEntityProperty, "ERLSI", "", "", false, "", "",
     true},
});

// System fields whose values live in a custom field that Jira Software or
// Service Management creates; AddCustomFields points them at it.
struct CustomBackedField {
  std::string_view system_name;
  std::string_view custom_type_suffix;
};

constexpr auto kCustomBackedFields = std::to_array<CustomBackedField>({
    {"sprint", "gh-sprint"},
    {"Epic Link", "gh-epic-link"},
    {"approvals", "sd-approvals"},
    {"Customer Request Type", "vp-origin"},
});

// One custom field type, keyed by the part of schema.custom after the last
// ':' ("com.atlassian.jira.plugin.system.customfieldtypes:float" -> float).
// Type names are the "Name[Type]" spellings of Cloud and Server.
struct CustomTypeSpec {
  std::string_view suffix;
  FieldType type;
  std::string_view operators;
  std::string_view type_names;
  bool sortable;
};

constexpr auto kCustomTypes = std::to_array<CustomTypeSpec>({
    {"select", T::kOption, "ESI", "Dropdown,Select List (single choice)", true},
    {"multiselect", T::kOption, "ESI", "Select List (multiple choices)", true},
    {"radiobuttons", T::kOption, "ESI", "Radio Buttons", true},
    {"multicheckboxes", T::kOption, "ESI", "Checkboxes", true},
    {"cascadingselect", T::kCascadingOption, "ESI", "Select List (cascading)",
     true},
    {"textfield", T::kText, "LS", "Short text,Text Field (single line)", true},
    {"textarea", T::kText, "LS", "Paragraph,Text Field (multi-line)", true},
    {"readonlyfield", T::kText, "LS", "Text Field (read only)", true},
    {"float", T::kNumber, "ERSI", "Number,Number Field", true},
    {"importid", T::kNumber, "ERSI", "Import Id", true},
    {"jsw-story-points", T::kNumber, "ERSI", "Number,Story point estimate",
     true},
    {"datepicker", T::kDateOnly, "ERSI", "Date,Date Picker", true},
    {"datetime", T::kDate, "ERSI", "Date Time,Date Time Picker", true},
    {"firstresponsedate", T::kDate, "ERSI", "Date of First Response", true},
    {"userpicker", T::kUser, "ESI", "User Picker (single user),People", true},
    {"multiuserpicker", T::kUser, "ESI", "User Picker (multiple users),People",
     true},
    {"sd-request-participants", T::kUser, "ESI", "Request participants", true},
    {"url", T::kString, "ESI", "URL,URL Field", true},
    {"labels", T::kLabel, "ESI", "Labels", true},
    {"version", T::kVersion, "ESI", "Version Picker (single version)", true},
    {"multiversion", T::kVersion, "ESI", "Version Picker (multiple versions)",
     true},
    {"project", T::kProject, "ESI", "Project Picker (single project)", true},
    {"grouppicker", T::kString, "ESI", "Group Picker (single group)", true},
    {"multigrouppicker", T::kString, "ESI", "Group Picker (multiple groups)",
     true},
    {"gh-sprint", T::kSprint, "ESI", "Sprint", true},
    {"gh-epic-link", T::kIssueKey, "ESI", "Epic Link", true},
    {"gh-epic-label", T::kText, "LS", "Epic Name", true},
    {"gh-epic-status", T::kOption, "ESI", "Epic Status", true},
    {"gh-epic-color", T::kString, "ESI", "Epic Colour", true},
    {"gh-lexo-rank", T::kString, "", "Rank", true},
    {"jpo-custom-field-parent", T::kIssueKey, "ESI", "Parent Link", true},
    {"rm-teams-custom-field-team", T::kString, "ESI", "Team", true},
    {"atlassian-team", T::kString, "ESI", "Team", true},
    {"sd-sla-field", T::kSla, "ER", "SLA", true},
    {"sd-approvals", T::kApproval, "=", "Approvals", false},
    {"vp-origin", T::kString, "EI", "Customer Request Type", true},
    {"sd-customer-organizations", T::kString, "ESI", "Organizations", true},
    {"devsummary", T::kEntityProperty, "ERLSI", "Development", false},
    {"devsummarycf", T::kEntityProperty, "ERLSI", "Development", false},
});

// Operators of a custom field whose type is not recognised.
constexpr std::string_view kUnknownTypeOperators = "ESI";

std::vector<std::string> SplitList(std::string_view list) {
  std::vector<std::string> items;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    items.emplace_back(list.substr(0, comma));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return items;
}

std::unique_ptr<FieldInfo> MakeSystemField(const SystemFieldSpec& spec) {
  auto field = std::make_unique<FieldInfo>();
  field->name = spec.name;
  field->aliases = SplitList(spec.aliases);
  field->type = spec.type;
  field->operators = OperatorsFromLetters(spec.operators);
  field->json_key = spec.json_key;
  field->json_path = spec.json_path.empty() ? spec.json_key : spec.json_path;
  field->multi_valued = spec.multi_valued;
  field->history_names = SplitList(spec.history_names);
  field->functions = spec.functions == kByType ? FunctionNamesForType(spec.type)
                                               : SplitList(spec.functions);
  field->sortable = spec.sortable;
  return field;
}

std::string_view TypeSuffix(std::string_view custom_type) {
  const size_t colon = custom_type.rfind(':');
  return colon == std::string_view::npos ? custom_type
                                         : custom_type.substr(colon + 1);
}

const CustomTypeSpec* FindCustomType(std::string_view custom_type) {
  const std::string_view suffix = TypeSuffix(custom_type);
  for (const CustomTypeSpec& spec : kCustomTypes) {
    if (spec.suffix == suffix) return &spec;
  }
  return nullptr;
}

// Guesses a type from schema.type when schema.custom is not recognised.
FieldType TypeFromSchemaType(std::string_view schema_type) {
  if (schema_type == "number") return T::kNumber;
  if (schema_type == "date") return T::kDateOnly;
  if (schema_type == "datetime") return T::kDate;
  if (schema_type == "user") return T::kUser;
  return T::kUnknown;
}

std::string_view OperatorsForGuessedType(FieldType type) {
  switch (type) {
    case T::kNumber:
    case T::kDate:
    case T::kDateOnly:
      return "ERSI";
    default:
      return kUnknownTypeOperators;
  }
}

void ApplyCustomType(std::string_view schema_type, FieldInfo& field) {
  if (const CustomTypeSpec* spec = FindCustomType(field.custom_type)) {
    field.type = spec->type;
    field.operators = OperatorsFromLetters(spec->operators);
    field.type_names = SplitList(spec->type_names);
    field.sortable = spec->sortable;
  } else {
    field.type = TypeFromSchemaType(schema_type);
    field.operators = OperatorsFromLetters(OperatorsForGuessedType(field.type));
  }
  // Always accept the short type name ("number") and the raw key suffix.
  field.type_names.emplace_back(FieldTypeName(field.type));
  if (!field.custom_type.empty()) {
    field.type_names.emplace_back(TypeSuffix(field.custom_type));
  }
  field.functions = FunctionNamesForType(field.type);
}

// Parses "customfield_10010" -> 10010.
std::optional<int64_t> CustomIdFromKey(std::string_view key) {
  constexpr std::string_view kPrefix = "customfield_";
  if (!key.starts_with(kPrefix)) return std::nullopt;
  key.remove_prefix(kPrefix.size());
  int64_t id = 0;
  auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), id);
  if (error != std::errc() || end != key.data() + key.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
}

// Parses "cf[10010]" (any case) -> 10010.
std::optional<int64_t> CustomIdFromClauseName(std::string_view name) {
  if (name.size() < 5 || !EqualsIgnoreCase(name.substr(0, 3), "cf[") ||
      name.back() != ']') {
    return std::nullopt;
  }
  const std::string_view digits = name.substr(3, name.size() - 4);
  int64_t id = 0;
  auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return id;
}

// Splits "Name[Type]" into its parts; returns false for any other shape.
bool SplitTypedName(std::string_view name, std::string_view* base,
                    std::string_view* type) {
  if (name.size() < 4 || name.back() != ']') return false;
  const size_t open = name.rfind('[');
  if (open == std::string_view::npos || open == 0) return false;
  *base = name.substr(0, open);
  *type = name.substr(open + 1, name.size() - open - 2);
  return !type->empty();
}

bool HasTypeName(const FieldInfo& field, std::string_view type) {
  return std::any_of(
      field.type_names.begin(), field.type_names.end(),
      [&](const std::string& t) { return EqualsIgnoreCase(t, type); });
}

std::vector<std::string> ClauseNameAliases(const nlohmann::json& entry,
                                           const std::string& name) {
  std::vector<std::string> aliases;
  auto names = entry.find("clauseNames");
  if (names == entry.end() || !names->is_array()) return aliases;
  for (const auto& clause_name : *names) {
    if (!clause_name.is_string()) continue;
    const auto text = clause_name.get<std::string>();
    if (EqualsIgnoreCase(text, name) || CustomIdFromClauseName(text)) continue;
    aliases.push_back(text);
  }
  return aliases;
}

bool IsTrueMember(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

std::string StringMember(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// Builds a custom field from one /field entry, or returns null when the
// entry is not a usable custom field.
std::unique_ptr<FieldInfo> MakeCustomField(const nlohmann::json& entry) {
  if (!entry.is_object() || !IsTrueMember(entry, "custom")) return nullptr;
  auto field = std::make_unique<FieldInfo>();
  field->name = StringMember(entry, "name");
  field->json_key = StringMember(entry, "id");
  const nlohmann::json empty = nlohmann::json::object();
  const auto schema_it = entry.find("schema");
  const nlohmann::json& schema =
      schema_it != entry.end() && schema_it->is_object() ? *schema_it : empty;
  std::optional<int64_t> id = CustomIdFromKey(field->json_key);
  if (schema.contains("customId") && schema["customId"].is_number_integer()) {
    id = schema["customId"].get<int64_t>();
  }
  if (field->name.empty() || field->json_key.empty() || !id) return nullptr;
  field->is_custom = true;
  field->custom_id = *id;
  field->json_path = field->json_key;
  field->custom_type = StringMember(schema, "custom");
  field->multi_valued = StringMember(schema, "type") == "array";
  field->history_names = {field->name};
  field->aliases = ClauseNameAliases(entry, field->name);
  ApplyCustomType(StringMember(schema, "type"), *field);
  return field;
}

}  // namespace

const char* FieldTypeName(FieldType type) {
  switch (type) {
    case T::kText:
      return "text";
    case T::kTextMaster:
      return "text";
    case T::kString:
      return "string";
    case T::kNumber:
      return "number";
    case T::kDate:
      return "date";
    case T::kDateOnly:
      return "date";
    case T::kDuration:
      return "duration";
    case T::kUser:
      return "user";
    case T::kProject:
      return "project";
    case T::kStatus:
      return "status";
    case T::kStatusCategory:
      return "status category";
    case T::kPriority:
      return "priority";
    case T::kResolution:
      return "resolution";
    case T::kIssueType:
      return "issue type";
    case T::kComponent:
      return "component";
    case T::kVersion:
      return "version";
    case T::kLabel:
      return "label";
    case T::kIssueKey:
      return "issue";
    case T::kSecurityLevel:
      return "security level";
    case T::kSprint:
      return "sprint";
    case T::kOption:
      return "option";
    case T::kCascadingOption:
      return "cascading option";
    case T::kAttachment:
      return "attachment";
    case T::kIssueLinkType:
      return "issue link type";
    case T::kFilter:
      return "filter";
    case T::kCategory:
      return "category";
    case T::kApproval:
      return "approval";
    case T::kSla:
      return "SLA";
    case T::kEntityProperty:
      return "entity property";
    case T::kUnknown:
      return "unknown";
  }
  return "unknown";
}

FieldCatalog::FieldCatalog() { AddSystemFields(); }

void FieldCatalog::AddSystemFields() {
  for (const SystemFieldSpec& spec : kSystemFields) Add(MakeSystemField(spec));
}

void FieldCatalog::Add(std::unique_ptr<FieldInfo> field) {
  const FieldInfo* info = field.get();
  by_name_[ToLowerAscii(info->name)].push_back(info);
  for (const std::string& alias : info->aliases) {
    by_name_[ToLowerAscii(alias)].push_back(info);
  }
  if (info->is_custom) by_custom_id_.emplace(info->custom_id, info);
  fields_.push_back(std::move(field));
}

bool FieldCatalog::AddCustomFields(std::string_view json_text,
                                   std::string* error) {
  try {
    const nlohmann::json fields = nlohmann::json::parse(json_text);
    if (!fields.is_array()) {
      if (error)
        *error =
            "expected a JSON array of fields, as GET /rest/api/2/field returns";
      return false;
    }
    for (const nlohmann::json& entry : fields) {
      if (auto field = MakeCustomField(entry)) AddCustomField(std::move(field));
    }
    return true;
  } catch (const nlohmann::json::exception& e) {
    if (error) *error = std::string("invalid field JSON: ") + e.what();
    return false;
  }
}

void FieldCatalog::AddCustomField(std::unique_ptr<FieldInfo> field) {
  if (by_custom_id_.contains(field->custom_id)) return;
  const std::string_view suffix = TypeSuffix(field->custom_type);
  for (const CustomBackedField& backed : kCustomBackedFields) {
    if (backed.custom_type_suffix != suffix) continue;
    for (auto& system : fields_) {
      if (system->is_custom || system->name != backed.system_name ||
          !system->json_key.empty()) {
        continue;
      }
      system->json_key = system->json_path = field->json_key;
      system->custom_id = field->custom_id;
      system->custom_type = field->custom_type;
    }
  }
  Add(std::move(field));
}

const FieldInfo* FieldCatalog::Resolve(const FieldRef& ref) const {
  if (ref.custom_field_id) return FindCustom(*ref.custom_field_id);
  return FindByName(ref.name.text);
}

const FieldInfo* FieldCatalog::FindSystem(std::string_view lower_name) const {
  auto it = by_name_.find(std::string(lower_name));
  if (it == by_name_.end()) return nullptr;
  for (const FieldInfo* field : it->second) {
    if (!field->is_custom) return field;
  }
  return nullptr;
}

const FieldInfo* FieldCatalog::FindByName(std::string_view name) const {
  if (auto id = CustomIdFromClauseName(name)) return FindCustom(*id);
  if (const FieldInfo* system = FindSystem(ToLowerAscii(name))) return system;
  const std::vector<const FieldInfo*> customs = CustomCandidates(name);
  return customs.size() == 1 ? customs.front() : nullptr;
}

std::vector<const FieldInfo*> FieldCatalog::CustomsNamed(
    std::string_view name) const {
  std::vector<const FieldInfo*> customs;
  auto it = by_name_.find(ToLowerAscii(name));
  if (it == by_name_.end()) return customs;
  for (const FieldInfo* field : it->second) {
    if (field->is_custom) customs.push_back(field);
  }
  return customs;
}

std::vector<const FieldInfo*> FieldCatalog::CustomCandidates(
    std::string_view name) const {
  std::vector<const FieldInfo*> customs = CustomsNamed(name);
  std::string_view base, type;
  if (!customs.empty() || !SplitTypedName(name, &base, &type)) return customs;
  for (const FieldInfo* field : CustomsNamed(base)) {
    if (HasTypeName(*field, type)) customs.push_back(field);
  }
  return customs;
}

const FieldInfo* FieldCatalog::FindCustom(int64_t id) const {
  auto it = by_custom_id_.find(id);
  return it == by_custom_id_.end() ? nullptr : it->second;
}

bool FieldCatalog::IsAmbiguous(std::string_view name) const {
  return CustomCandidates(name).size() >= 2;
}

std::vector<std::string> FieldCatalog::Suggest(std::string_view name,
                                               size_t limit) const {
  std::vector<std::string> names;
  for (const auto& field : fields_) {
    names.push_back(field->name);
    names.insert(names.end(), field->aliases.begin(), field->aliases.end());
  }
  return ClosestNames(name, names, limit);
}

}  // namespace syncrule::jql
