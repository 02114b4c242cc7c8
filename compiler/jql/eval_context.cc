#include "compiler/jql/eval_context.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "compiler/jql/evaluator_util.h"
#include "compiler/jql/issue_document.h"
#include "stdlib/jql_time.h"

namespace syncrule::jql {
namespace {

using nlohmann::json;

// The shape an entry of the server context must have.
enum class EntryShape {
  kList,         // ["ABC-1", 12, ...]
  kListMap,      // {"name": [...]}
  kStringMap,    // {"name": "value"}
  kInstant,      // "2026-01-31T08:00:00Z" or epoch ms
  kLinkMap,      // {"ABC-1": [...] or {"blocks": [...]}}
  kUpdatedBy,    // {"user": ["ABC-1" or {"issue", "at"}]}
};

struct EntrySpec {
  const char* name;
  EntryShape shape;
};

constexpr EntrySpec kEntries[] = {
    {"issueHistory", EntryShape::kList},
    {"watchedIssues", EntryShape::kList},
    {"votedIssues", EntryShape::kList},
    {"openSprints", EntryShape::kList},
    {"closedSprints", EntryShape::kList},
    {"futureSprints", EntryShape::kList},
    {"standardIssueTypes", EntryShape::kList},
    {"subtaskIssueTypes", EntryShape::kList},
    {"releasedVersions", EntryShape::kListMap},
    {"unreleasedVersions", EntryShape::kListMap},
    {"projectsLeadByUser", EntryShape::kListMap},
    {"componentsLeadByUser", EntryShape::kListMap},
    {"projectsWhereUserHasPermission", EntryShape::kListMap},
    {"projectsWhereUserHasRole", EntryShape::kListMap},
    {"issuesWithRemoteLinksByGlobalId", EntryShape::kListMap},
    {"filter", EntryShape::kListMap},
    {"latestReleasedVersion", EntryShape::kStringMap},
    {"earliestUnreleasedVersion", EntryShape::kStringMap},
    {"currentLogin", EntryShape::kInstant},
    {"lastLogin", EntryShape::kInstant},
    {"linkedIssues", EntryShape::kLinkMap},
    {"updatedBy", EntryShape::kUpdatedBy},
};

bool IsScalar(const json& value) {
  return value.is_string() || value.is_number();
}

bool IsScalarList(const json& value) {
  if (!value.is_array()) return false;
  for (const json& item : value) {
    if (!IsScalar(item)) return false;
  }
  return true;
}

bool IsMapOf(const json& value, bool (*check)(const json&)) {
  if (!value.is_object()) return false;
  for (const auto& [key, item] : value.items()) {
    if (!check(item)) return false;
  }
  return true;
}

bool IsLinkEntry(const json& value) {
  return IsScalarList(value) || IsMapOf(value, IsScalarList);
}

bool IsUpdate(const json& value) {
  if (IsScalar(value)) return true;
  return value.is_object() && value.contains("issue") &&
         IsScalar(value["issue"]);
}

bool IsUpdateList(const json& value) {
  if (!value.is_array()) return false;
  for (const json& item : value) {
    if (!IsUpdate(item)) return false;
  }
  return true;
}

bool IsInstant(const json& value) {
  if (value.is_number()) return true;
  return value.is_string() &&
         stdlib::ParseIsoInstant(value.get<std::string>()).has_value();
}

bool HasShape(const json& value, EntryShape shape) {
  switch (shape) {
    case EntryShape::kList: return IsScalarList(value);
    case EntryShape::kListMap: return IsMapOf(value, IsScalarList);
    case EntryShape::kStringMap: return IsMapOf(value, IsScalar);
    case EntryShape::kInstant: return IsInstant(value);
    case EntryShape::kLinkMap: return IsMapOf(value, IsLinkEntry);
    case EntryShape::kUpdatedBy: return IsMapOf(value, IsUpdateList);
  }
  return false;
}

const char* ShapeDescription(EntryShape shape) {
  switch (shape) {
    case EntryShape::kList: return "a list of strings or numbers";
    case EntryShape::kListMap: return "an object of lists";
    case EntryShape::kStringMap: return "an object of strings";
    case EntryShape::kInstant:
      return "an ISO instant such as \"2026-01-31T08:00:00Z\" or epoch ms";
    case EntryShape::kLinkMap:
      return "an object mapping issue keys to a list of keys or to an object "
             "of link type -> keys";
    case EntryShape::kUpdatedBy:
      return "an object mapping users to lists of issue keys or "
             "{\"issue\", \"at\"} objects";
  }
  return "";
}

const EntrySpec* FindSpec(std::string_view name) {
  for (const EntrySpec& spec : kEntries) {
    if (name == spec.name) return &spec;
  }
  return nullptr;
}

// Reads the whole file at `path`, or sets `error`.
std::optional<std::string> ReadFile(const std::string& path,
                                    std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read '" + path + "'";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<UserIdentity> ReadMember(const json& member) {
  UserIdentity identity = UserIdentity::FromJson(member);
  if (identity.ids.empty()) return std::nullopt;
  return identity;
}

}  // namespace

UserIdentity UserIdentity::FromText(std::string_view text) {
  UserIdentity identity;
  if (!text.empty()) identity.ids.emplace_back(text);
  return identity;
}

UserIdentity UserIdentity::FromJson(const json& user) {
  if (user.is_string()) return FromText(user.get<std::string>());
  UserIdentity identity;
  if (!user.is_object()) return identity;
  for (const char* key : {"accountId", "name", "key", "emailAddress"}) {
    auto it = user.find(key);
    if (it == user.end()) continue;
    std::string text = JsonScalarText(*it);
    if (!text.empty()) identity.ids.push_back(std::move(text));
  }
  return identity;
}

void GroupDirectory::Add(std::string_view name,
                         std::vector<UserIdentity> members) {
  std::vector<UserIdentity>& group = groups_[FoldCase(name)];
  for (UserIdentity& member : members) group.push_back(std::move(member));
}

const std::vector<UserIdentity>* GroupDirectory::Find(
    std::string_view name) const {
  auto it = groups_.find(FoldCase(name));
  return it == groups_.end() ? nullptr : &it->second;
}

LoadResult<GroupDirectory> ParseGroups(std::string_view json_text) {
  LoadResult<GroupDirectory> result;
  json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    result.error = "the groups file is not valid JSON";
    return result;
  }
  const json* groups = root.is_object() && root.contains("groups")
                           ? &root["groups"] : nullptr;
  if (groups == nullptr || !groups->is_object()) {
    result.error = "the groups file must be {\"groups\": {\"name\": [members]}}";
    return result;
  }
  GroupDirectory directory;
  for (const auto& [name, members] : groups->items()) {
    if (!members.is_array()) {
      result.error = "group '" + name + "' must be a list of members";
      return result;
    }
    std::vector<UserIdentity> identities;
    for (const json& member : members) {
      std::optional<UserIdentity> identity = ReadMember(member);
      if (!identity) {
        result.error = "group '" + name + "' has a member that is neither a "
                       "string nor a user object with an id";
        return result;
      }
      identities.push_back(std::move(*identity));
    }
    directory.Add(name, std::move(identities));
  }
  result.value = std::move(directory);
  return result;
}

LoadResult<GroupDirectory> LoadGroupsFile(const std::string& path) {
  LoadResult<GroupDirectory> result;
  std::optional<std::string> text = ReadFile(path, &result.error);
  if (!text) return result;
  result = ParseGroups(*text);
  if (!result.ok()) result.error = path + ": " + result.error;
  return result;
}

RankedNames DefaultPriorityOrder() {
  return {{"Highest", "Blocker"},
          {"High", "Critical"},
          {"Medium", "Major"},
          {"Low", "Minor"},
          {"Lowest", "Trivial"}};
}

LoadResult<RankedNames> ParseRankedNames(std::string_view text) {
  LoadResult<RankedNames> result;
  RankedNames ranks;
  for (std::string_view rank_text : SplitTrimmed(text, ',')) {
    std::vector<std::string> names;
    for (std::string_view name : SplitTrimmed(rank_text, '|')) {
      if (!name.empty()) names.emplace_back(name);
    }
    if (names.empty()) {
      result.error = "an order list has an empty entry: '" +
                     std::string(text) + "'";
      return result;
    }
    ranks.push_back(std::move(names));
  }
  if (ranks.empty()) {
    result.error = "an order list must name at least one value";
    return result;
  }
  result.value = std::move(ranks);
  return result;
}

LoadResult<ServerContext> ServerContext::FromJson(const json& data) {
  LoadResult<ServerContext> result;
  if (!data.is_object()) {
    result.error = "the server context must be a JSON object keyed by "
                   "function name";
    return result;
  }
  for (const auto& [name, value] : data.items()) {
    const EntrySpec* spec = FindSpec(name);
    if (spec == nullptr) {
      result.error = "unknown server-context entry '" + name + "'";
      return result;
    }
    if (!HasShape(value, spec->shape)) {
      result.error = "server-context entry '" + name + "' must be " +
                     ShapeDescription(spec->shape);
      return result;
    }
  }
  ServerContext context;
  context.data_ = data;
  result.value = std::move(context);
  return result;
}

const json* ServerContext::Find(std::string_view name) const {
  auto it = data_.find(name);
  return it == data_.end() ? nullptr : &*it;
}

LoadResult<ServerContext> ParseServerContext(std::string_view json_text) {
  json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    LoadResult<ServerContext> result;
    result.error = "the server context is not valid JSON";
    return result;
  }
  return ServerContext::FromJson(root);
}

LoadResult<ServerContext> LoadServerContextFile(const std::string& path) {
  LoadResult<ServerContext> result;
  std::optional<std::string> text = ReadFile(path, &result.error);
  if (!text) return result;
  result = ParseServerContext(*text);
  if (!result.ok()) result.error = path + ": " + result.error;
  return result;
}

const std::vector<std::string>& ServerContextEntryNames() {
  static const std::vector<std::string>* names = [] {
    auto* out = new std::vector<std::string>;
    for (const EntrySpec& spec : kEntries) out->push_back(spec.name);
    return out;
  }();
  return *names;
}

}  // namespace syncrule::jql
