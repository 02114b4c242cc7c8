// Reading field values from an issue's JSON, by FieldInfo::type and
// json_key. Wrong JSON types anywhere read as EMPTY; only data that Jira
// leaves out of an issue on purpose (watcher lists) produces an error.

#include <cmath>
#include <string>
#include <utility>

#include "compiler/jql/evaluator_internal.h"
#include "compiler/jql/evaluator_util.h"
#include "stdlib/jql_time.h"

namespace syncrule::jql::eval {
namespace {

using nlohmann::json;

const json* Member(const json* object, std::string_view name) {
  if (object == nullptr || !object->is_object()) return nullptr;
  auto it = object->find(name);
  return it == object->end() || it->is_null() ? nullptr : &*it;
}

std::string MemberText(const json* object, std::string_view name) {
  const json* member = Member(object, name);
  return member == nullptr ? std::string() : JsonScalarText(*member);
}

void AddId(std::vector<std::string>* ids, std::string id) {
  if (!id.empty()) ids->push_back(std::move(id));
}

// Fills `value.state` from the flags some functions test.
void ReadState(const json& object, FieldValue* value) {
  if (const json* released = Member(&object, "released")) {
    if (released->is_boolean()) value->state = released->get<bool>() ? "true"
                                                                       : "false";
  } else if (const json* subtask = Member(&object, "subtask")) {
    if (subtask->is_boolean()) value->state = subtask->get<bool>() ? "true"
                                                                    : "false";
  } else if (const json* state = Member(&object, "state")) {
    value->state = FoldCase(JsonScalarText(*state));
  }
}

bool LooksLikeUser(const json& object) {
  return object.contains("accountId") || object.contains("emailAddress") ||
         (object.contains("displayName") && object.contains("name"));
}

FieldValue ReadUserValue(const json& user) {
  FieldValue value;
  value.ids = UserNames(user);
  value.text = MemberText(&user, "displayName");
  if (value.text.empty() && !value.ids.empty()) value.text = value.ids.front();
  value.raw = &user;
  return value;
}

// Reads an object that names something: an option {value, id}, a constant
// {name, id}, a project {key, name, id}, an issue {key, id}, a user.
std::optional<FieldValue> ReadObject(const json& object) {
  if (LooksLikeUser(object)) return ReadUserValue(object);
  // JSM's Customer Request Type wraps the request type.
  if (const json* request_type = Member(&object, "requestType")) {
    if (request_type->is_object() && !request_type->contains("requestType")) {
      return ReadObject(*request_type);
    }
  }
  FieldValue value;
  for (const char* key : {"value", "name", "key", "displayName"}) {
    std::string text = MemberText(&object, key);
    if (text.empty()) continue;
    if (value.text.empty()) {
      value.text = std::move(text);
    } else {
      AddId(&value.ids, std::move(text));
    }
  }
  AddId(&value.ids, MemberText(&object, "id"));
  if (const json* child = Member(&object, "child")) {
    AddId(&value.child, MemberText(child, "value"));
    AddId(&value.child, MemberText(child, "id"));
  }
  ReadState(object, &value);
  value.raw = &object;
  if (value.text.empty() && value.ids.empty()) return std::nullopt;
  if (value.text.empty()) value.text = value.ids.front();
  return value;
}

// Arrays nested deeper than this are ignored (hostile JSON).
constexpr int kMaxArrayDepth = 8;

// Reads any JSON value into field values: strings, numbers, booleans,
// objects (see ReadObject) and arrays of those.
void ReadGeneric(const json& node, FieldValues* out, int depth = 0) {
  if (node.is_array()) {
    if (depth >= kMaxArrayDepth) return;
    for (const json& item : node) ReadGeneric(item, out, depth + 1);
  } else if (node.is_object()) {
    if (std::optional<FieldValue> value = ReadObject(node)) {
      out->push_back(std::move(*value));
    }
  } else if (node.is_string()) {
    if (!node.get_ref<const std::string&>().empty()) {
      out->push_back(TextValue(node.get<std::string>()));
    }
  } else if (node.is_number()) {
    FieldValue value = TextValue(JsonScalarText(node));
    value.number = node.get<double>();
    out->push_back(std::move(value));
  } else if (node.is_boolean()) {
    out->push_back(TextValue(node.get<bool>() ? "true" : "false"));
  }
}

FieldValues Generic(const json* node) {
  FieldValues out;
  if (node != nullptr) ReadGeneric(*node, &out);
  return out;
}

// The `fields` key of a system field whose catalog entry has no json_key.
std::string DefaultJsonKey(const FieldInfo& field) {
  static const std::pair<const char*, const char*> kKeys[] = {
      {"type", "issuetype"},        {"component", "components"},
      {"fixversion", "fixVersions"}, {"affectedversion", "versions"},
      {"resolved", "resolutiondate"}, {"due", "duedate"},
      {"lastviewed", "lastViewed"}, {"level", "security"},
      {"originalestimate", "timeoriginalestimate"},
      {"remainingestimate", "timeestimate"},
      {"watchers", "watches"},       {"attachments", "attachment"},
  };
  std::string key = FieldKey(field);
  for (const auto& [name, json_key] : kKeys) {
    if (key == name) return json_key;
  }
  return field.name;
}

std::string JsonKey(const FieldInfo& field) {
  return field.json_key.empty() ? DefaultJsonKey(field) : field.json_key;
}

// Truncates an instant to whole seconds, the resolution Jira indexes
// date-times at.
double ToSeconds(int64_t ms) {
  int64_t s = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  return static_cast<double>(s * 1000);
}

std::optional<int64_t> InstantOf(const json& node, const Plan& plan) {
  if (node.is_number()) return static_cast<int64_t>(node.get<double>());
  if (!node.is_string()) return std::nullopt;
  const std::string& text = node.get_ref<const std::string&>();
  if (auto instant = stdlib::ParseIsoInstant(text)) return instant;
  return stdlib::ParseJqlDate(text, false, plan.context.time);
}

FieldValues DateValues(const json* node, bool date_only, const Plan& plan) {
  FieldValues out;
  if (node == nullptr) return out;
  const json* items = node;
  json single = json::array();
  if (!node->is_array()) {
    single.push_back(*node);
    items = &single;
  }
  for (const json& item : *items) {
    std::optional<int64_t> instant = InstantOf(item, plan);
    if (!instant) continue;
    FieldValue value = TextValue(JsonScalarText(item));
    value.number = date_only
                       ? static_cast<double>(stdlib::StartOfLocalDay(
                             *instant, plan.context.time))
                       : ToSeconds(*instant);
    out.push_back(std::move(value));
  }
  return out;
}

std::optional<double> NumberOf(const json& node) {
  if (node.is_number()) return node.get<double>();
  if (node.is_string()) return ParseNumber(node.get<std::string>());
  return std::nullopt;
}

FieldValues NumberValues(const json* node, int depth = 0) {
  FieldValues out;
  if (node == nullptr || depth >= kMaxArrayDepth) return out;
  for (const char* member : {"votes", "watchCount", "value"}) {
    if (const json* inner = Member(node, member)) {
      return NumberValues(inner, depth + 1);
    }
  }
  if (node->is_array()) {
    for (const json& item : *node) {
      FieldValues one = NumberValues(&item, depth + 1);
      out.insert(out.end(), one.begin(), one.end());
    }
    return out;
  }
  if (std::optional<double> number = NumberOf(*node)) {
    FieldValue value = TextValue(JsonScalarText(*node));
    value.number = *number;
    out.push_back(std::move(value));
  }
  return out;
}

// Time tracking in seconds: the flat field, else fields.timetracking.
FieldValues DurationValues(const FieldInfo& field, const IssueDocument& issue) {
  std::string key = JsonKey(field);
  FieldValues out = NumberValues(issue.Field(key));
  if (!out.empty() || field.is_custom) return out;
  static const std::pair<const char*, const char*> kTracking[] = {
      {"timeoriginalestimate", "originalEstimateSeconds"},
      {"timeestimate", "remainingEstimateSeconds"},
      {"timespent", "timeSpentSeconds"},
  };
  for (const auto& [flat, nested] : kTracking) {
    if (key == flat) {
      return NumberValues(Member(issue.Field("timetracking"), nested));
    }
  }
  return out;
}

FieldValues WorkRatio(const IssueDocument& issue) {
  FieldValues out = NumberValues(issue.Field("workratio"));
  // Jira writes -1 when there is no original estimate: no ratio.
  if (!out.empty() && out.front().number && *out.front().number < 0) {
    out.clear();
  }
  return out;
}

FieldValues Progress(const IssueDocument& issue) {
  const json* progress = issue.Field("progress");
  FieldValues out = NumberValues(Member(progress, "percent"));
  if (!out.empty()) return out;
  std::optional<double> done, total;
  if (const json* p = Member(progress, "progress")) done = NumberOf(*p);
  if (const json* t = Member(progress, "total")) total = NumberOf(*t);
  if (!done || !total || *total <= 0) return out;
  FieldValue value;
  value.number = std::floor(*done * 100 / *total);
  value.text = JsonScalarText(json(*value.number));
  out.push_back(std::move(value));
  return out;
}

// Returns the list in `holder` under `list_key`, or `holder` itself when it
// is an array (Cloud REST v3 writes comments as a bare array).
const json* ListIn(const json* holder, std::string_view list_key) {
  if (holder == nullptr) return nullptr;
  if (holder->is_array()) return holder;
  const json* list = Member(holder, list_key);
  return list != nullptr && list->is_array() ? list : nullptr;
}

FieldValues TextValues(const json* node) {
  FieldValues out;
  if (node == nullptr) return out;
  std::string text = PlainText(*node);
  if (!text.empty()) out.push_back(TextValue(std::move(text)));
  return out;
}

FieldValues ListMembers(const json* list, std::string_view member,
                        bool as_text) {
  FieldValues out;
  if (list == nullptr) return out;
  for (const json& item : *list) {
    const json* part = Member(&item, member);
    FieldValues one = as_text ? TextValues(part) : Generic(part);
    out.insert(out.end(), one.begin(), one.end());
  }
  return out;
}

const json* Worklogs(const IssueDocument& issue) {
  return ListIn(issue.Field("worklog"), "worklogs");
}

FieldValues CommentValues(const IssueDocument& issue) {
  return ListMembers(ListIn(issue.Field("comment"), "comments"), "body", true);
}

FieldValues WorklogDates(const IssueDocument& issue, const Plan& plan) {
  FieldValues out;
  const json* logs = Worklogs(issue);
  if (logs == nullptr) return out;
  for (const json& log : *logs) {
    FieldValues one = DateValues(Member(&log, "started"), true, plan);
    out.insert(out.end(), one.begin(), one.end());
  }
  return out;
}

// voter / watcher: the user list when Jira included it; an empty result
// when the count is 0; an error otherwise.
FieldValues UserList(const IssueDocument& issue, bool watchers,
                     std::string* error) {
  const char* holders[] = {watchers ? "watches" : "votes",
                           watchers ? "watcher" : "voter"};
  const char* list_key = watchers ? "watchers" : "voters";
  const char* count_key = watchers ? "watchCount" : "votes";
  std::optional<double> count;
  for (const char* holder_key : holders) {
    const json* holder = issue.Field(holder_key);
    if (const json* list = ListIn(holder, list_key)) return Generic(list);
    if (const json* c = Member(holder, count_key)) count = NumberOf(*c);
  }
  if (count && *count == 0) return FieldValues{};
  *error = std::string("Field '") + (watchers ? "watcher" : "voter") +
           "' needs the issue's " + list_key + " list, which Jira leaves "
           "out of issue JSON: fetch it (GET /rest/api/2/issue/{key}/" +
           (watchers ? "watchers" : "votes") + ") and add it as fields." +
           (watchers ? "watches.watchers" : "votes.voters");
  return FieldValues{};
}

FieldValues StatusCategory(const IssueDocument& issue) {
  const json* category = Member(issue.Field("status"), "statusCategory");
  FieldValues out = Generic(category);
  if (out.empty()) return out;
  std::string key = FoldCase(MemberText(category, "key"));
  out.front().state = key;
  // Older instances call "To Do" "New"; the key is stable.
  if (key == "new") out.front().ids.push_back("To Do");
  if (key == "indeterminate") out.front().ids.push_back("In Progress");
  if (key == "done") out.front().ids.push_back("Done");
  if (key == "undefined") out.front().ids.push_back("No Category");
  return out;
}

// Parses Jira Server's sprint strings
// "com.atlassian.greenhopper.service.sprint.Sprint@1f[id=1,state=ACTIVE,
// name=Sprint 1,goal=...]" into {id, state, name}.
std::optional<FieldValue> ParseSprintString(const std::string& text) {
  auto attribute = [&](std::string_view name) -> std::string {
    std::string marker = std::string(name) + "=";
    size_t begin = text.find(marker);
    if (begin == std::string::npos) return std::string();
    begin += marker.size();
    size_t end = text.size();
    // A value ends where the next ",word=" starts (names may hold commas).
    for (size_t comma = text.find(',', begin); comma != std::string::npos;
         comma = text.find(',', comma + 1)) {
      size_t equals = text.find('=', comma);
      size_t next_comma = text.find(',', comma + 1);
      if (equals != std::string::npos && equals < next_comma &&
          text.find(' ', comma) > equals) {
        end = comma;
        break;
      }
    }
    if (end == text.size() && !text.empty() && text.back() == ']') --end;
    return text.substr(begin, end - begin);
  };
  FieldValue value;
  value.text = attribute("name");
  AddId(&value.ids, attribute("id"));
  value.state = FoldCase(attribute("state"));
  if (value.text.empty() && value.ids.empty()) return std::nullopt;
  if (value.text.empty()) value.text = value.ids.front();
  return value;
}

FieldValues SprintValues(const json* node) {
  FieldValues out;
  if (node == nullptr) return out;
  if (!node->is_array()) {
    json list = json::array({*node});
    FieldValues values = SprintValues(&list);
    for (FieldValue& value : values) value.raw = nullptr;
    return values;
  }
  for (const json& item : *node) {
    if (item.is_string() && item.get_ref<const std::string&>().find("[") !=
                                std::string::npos) {
      if (auto value = ParseSprintString(item.get<std::string>())) {
        out.push_back(std::move(*value));
      }
    } else {
      ReadGeneric(item, &out);
    }
  }
  return out;
}

// issueLinkType: the link descriptions as seen from this issue ("blocks"
// for an outward link, "is blocked by" for an inward one).
FieldValues LinkTypes(const IssueDocument& issue) {
  FieldValues out;
  const json* links = issue.Field("issuelinks");
  if (links == nullptr || !links->is_array()) return out;
  for (const json& link : *links) {
    const json* type = Member(&link, "type");
    bool outward = Member(&link, "outwardIssue") != nullptr;
    bool inward = Member(&link, "inwardIssue") != nullptr;
    FieldValue value;
    value.text = MemberText(type, outward ? "outward" : "inward");
    if (value.text.empty() || (!outward && !inward)) continue;
    value.raw = &link;
    out.push_back(std::move(value));
  }
  return out;
}

FieldValues IssueKeyValues(const IssueDocument& issue) {
  FieldValues out;
  if (issue.key().empty() && issue.id().empty()) return out;
  FieldValue value = TextValue(issue.key().empty() ? issue.id() : issue.key());
  AddId(&value.ids, issue.id());
  out.push_back(std::move(value));
  return out;
}

// Approvals (JSM): the approval objects themselves, from the field's key or,
// without one, from the first field that holds approval objects.
FieldValues ApprovalValues(const FieldInfo& field, const IssueDocument& issue) {
  const json* list = issue.Field(field.json_key);
  if (list == nullptr) {
    for (const auto& [key, value] : issue.fields().items()) {
      if (value.is_array() && !value.empty() && value[0].is_object() &&
          value[0].contains("finalDecision")) {
        list = &value;
        break;
      }
    }
  }
  FieldValues out;
  if (list == nullptr || !list->is_array()) return out;
  for (const json& approval : *list) {
    if (!approval.is_object()) continue;
    FieldValue value = TextValue(MemberText(&approval, "name"));
    AddId(&value.ids, MemberText(&approval, "id"));
    value.state = FoldCase(MemberText(&approval, "finalDecision"));
    value.raw = &approval;
    out.push_back(std::move(value));
  }
  return out;
}

FieldValues RawObject(const json* node) {
  FieldValues out;
  if (node == nullptr || !node->is_object()) return out;
  FieldValue value = TextValue(MemberText(node, "name"));
  value.raw = node;
  out.push_back(std::move(value));
  return out;
}

FieldValues ReadUsers(const FieldInfo& field, const IssueDocument& issue,
                      std::string* error) {
  std::string key = FieldKey(field);
  if (key == "watcher" || key == "voter") {
    return UserList(issue, key == "watcher", error);
  }
  if (key == "worklogauthor") {
    return ListMembers(Worklogs(issue), "author", false);
  }
  return Generic(issue.Field(JsonKey(field)));
}

FieldValues ReadTexts(const FieldInfo& field, const IssueDocument& issue) {
  std::string key = FieldKey(field);
  if (key == "comment") return CommentValues(issue);
  if (key == "worklogcomment") {
    return ListMembers(Worklogs(issue), "comment", true);
  }
  return TextValues(issue.Field(JsonKey(field)));
}

FieldValues ReadNumbers(const FieldInfo& field, const IssueDocument& issue) {
  std::string key = FieldKey(field);
  if (!field.is_custom && key == "workratio") return WorkRatio(issue);
  if (!field.is_custom && key == "progress") return Progress(issue);
  return NumberValues(issue.Field(JsonKey(field)));
}

FieldValues ReadDates(const FieldInfo& field, const IssueDocument& issue,
                      const Plan& plan) {
  bool date_only = field.type == FieldType::kDateOnly;
  if (FieldKey(field) == "worklogdate") return WorklogDates(issue, plan);
  return DateValues(issue.Field(JsonKey(field)), date_only, plan);
}

FieldValues ReadCategory(const IssueDocument& issue) {
  return Generic(Member(issue.Field("project"), "projectCategory"));
}

FieldValues ReadFilter(const IssueDocument& issue) {
  return IssueKeyValues(issue);
}

}  // namespace

std::string FieldKey(const FieldInfo& field) { return FoldCase(field.name); }

std::vector<std::string> UserNames(const json& user) {
  std::vector<std::string> names;
  if (user.is_string()) {
    AddId(&names, user.get<std::string>());
    return names;
  }
  for (const char* key :
       {"accountId", "name", "key", "emailAddress", "displayName"}) {
    AddId(&names, MemberText(&user, key));
  }
  return names;
}

FieldValue ReadProject(const IssueDocument& issue) {
  FieldValues values = Generic(issue.Field("project"));
  if (!values.empty()) return values.front();
  // Without a project object, the key prefix names the project.
  FieldValue value;
  if (std::optional<IssueKeyParts> parts = ParseIssueKey(issue.key())) {
    value.text = issue.key().substr(0, issue.key().rfind('-'));
  }
  return value;
}

FieldValues ReadField(const FieldInfo& field, const IssueDocument& issue,
                      const Plan& plan, std::string* error) {
  const json* node = issue.Field(JsonKey(field));
  switch (field.type) {
    case FieldType::kText: return ReadTexts(field, issue);
    case FieldType::kTextMaster: return FieldValues{};
    case FieldType::kNumber: return ReadNumbers(field, issue);
    case FieldType::kDate:
    case FieldType::kDateOnly: return ReadDates(field, issue, plan);
    case FieldType::kDuration: return DurationValues(field, issue);
    case FieldType::kUser: return ReadUsers(field, issue, error);
    case FieldType::kProject: {
      FieldValue project = ReadProject(issue);
      if (project.text.empty()) return FieldValues{};
      return FieldValues{std::move(project)};
    }
    case FieldType::kStatusCategory: return StatusCategory(issue);
    case FieldType::kIssueKey:
      // issueKey is the issue itself; parent, Epic Link and Parent Link
      // hold another issue's key.
      if (FieldKey(field) == "issuekey") return IssueKeyValues(issue);
      return Generic(node);
    case FieldType::kSprint: return SprintValues(node);
    case FieldType::kIssueLinkType: return LinkTypes(issue);
    case FieldType::kFilter: return ReadFilter(issue);
    case FieldType::kCategory: return ReadCategory(issue);
    case FieldType::kApproval: return ApprovalValues(field, issue);
    case FieldType::kSla: return RawObject(node);
    case FieldType::kEntityProperty: return FieldValues{};
    default: return Generic(node);
  }
}

FieldValues ReadProperty(const IssueDocument& issue,
                         const std::vector<std::string>& path) {
  const json* node = &issue.properties();
  for (const std::string& segment : path) {
    node = Member(node, segment);
    if (node == nullptr) return FieldValues{};
  }
  return Generic(node);
}

}  // namespace syncrule::jql::eval
