// JQL functions, called once per Evaluator. Each returns the values the
// function stands for, or a matcher when the issue JSON itself holds the
// answer (a sprint's state, a version's released flag, the issue's links).
// An entry in the server context always wins over the issue JSON; without
// either, the function reports which data it needs.

#include <algorithm>
#include <string>
#include <unordered_map>

#include "compiler/jql/evaluator_internal.h"
#include "compiler/jql/evaluator_util.h"
#include "stdlib/jql_time.h"

namespace syncrule::jql::eval {
namespace {

using nlohmann::json;

// One function call being prepared.
struct Call {
  const CheckedOperand& operand;
  const FieldInfo& field;
  const Plan& plan;
  std::string* error;

  const std::string& name() const { return operand.literal.text; }
  const std::vector<Literal>& args() const { return operand.arguments; }
  std::string Arg(size_t i) const {
    return i < args().size() ? args()[i].text : std::string();
  }
  // Sets the error (keeping the first) and returns no values.
  QueryValues Fail(const std::string& message) const {
    if (error->empty()) *error = message;
    return QueryValues{};
  }
  const json* Context(std::string_view entry) const {
    return plan.context.server ? plan.context.server->Find(entry) : nullptr;
  }
  QueryValues MissingContext(std::string_view entry) const {
    return Fail("Function '" + name() + "()' needs Jira server state: give "
                "--context FILE with an \"" + std::string(entry) + "\" entry");
  }
};

using Handler = QueryValues (*)(const Call&);

QueryValue Text(std::string text) {
  QueryValue value;
  value.text = std::move(text);
  value.number = ParseNumber(value.text);
  return value;
}

QueryValue Matcher(MatcherKind kind, std::vector<std::string> args) {
  QueryValue value;
  value.kind = ValueKind::kMatcher;
  value.matcher = kind;
  value.args = std::move(args);
  return value;
}

QueryValues TextsOf(const json& list, const std::string& project = "") {
  QueryValues values;
  if (!list.is_array()) return values;
  for (const json& item : list) {
    QueryValue value = Text(JsonScalarText(item));
    value.project = project;
    if (!value.text.empty()) values.push_back(std::move(value));
  }
  return values;
}

// Finds `name` among the keys of `object`, case-insensitively.
const json* FindFolded(const json& object, std::string_view name,
                       std::string* found_key = nullptr) {
  if (!object.is_object()) return nullptr;
  for (const auto& [key, value] : object.items()) {
    if (!EqualsFolded(key, name)) continue;
    if (found_key != nullptr) *found_key = key;
    return &value;
  }
  return nullptr;
}

// --- dates -----------------------------------------------------------------

struct PeriodSpec {
  const char* name;
  stdlib::CalendarUnit unit;
  bool end;
};

constexpr PeriodSpec kPeriods[] = {
    {"startofday", stdlib::CalendarUnit::kDay, false},
    {"startofweek", stdlib::CalendarUnit::kWeek, false},
    {"startofmonth", stdlib::CalendarUnit::kMonth, false},
    {"startofyear", stdlib::CalendarUnit::kYear, false},
    {"endofday", stdlib::CalendarUnit::kDay, true},
    {"endofweek", stdlib::CalendarUnit::kWeek, true},
    {"endofmonth", stdlib::CalendarUnit::kMonth, true},
    {"endofyear", stdlib::CalendarUnit::kYear, true},
};

std::optional<int64_t> LoginTime(const Call& call, std::string_view entry) {
  const json* value = call.Context(entry);
  std::optional<int64_t> instant;
  if (value != nullptr && value->is_number()) {
    instant = static_cast<int64_t>(value->get<double>());
  } else if (value != nullptr && value->is_string()) {
    instant = stdlib::ParseIsoInstant(value->get<std::string>());
  }
  if (!instant) call.MissingContext(entry);
  return instant;
}

std::optional<int64_t> CallDate(const Call& call) {
  std::string name = FoldCase(call.name());
  const stdlib::TimeContext& time = call.plan.context.time;
  if (name == "now") return time.now_ms;
  if (name == "currentlogin") return LoginTime(call, "currentLogin");
  if (name == "lastlogin") return LoginTime(call, "lastLogin");
  for (const PeriodSpec& period : kPeriods) {
    if (name != period.name) continue;
    std::string message;
    std::optional<int64_t> instant = stdlib::StartOrEndOf(
        period.unit, period.end, call.Arg(0), time, call.name(), &message);
    if (!instant) call.Fail(message);
    return instant;
  }
  return std::nullopt;
}

bool IsDateFunction(std::string_view folded) {
  if (folded == "now" || folded == "currentlogin" || folded == "lastlogin") {
    return true;
  }
  for (const PeriodSpec& period : kPeriods) {
    if (folded == period.name) return true;
  }
  return false;
}

QueryValues DateValue(const Call& call) {
  std::optional<int64_t> instant = CallDate(call);
  if (!instant) return QueryValues{};
  QueryValue value;
  value.kind = ValueKind::kInstant;
  value.text = stdlib::FormatIsoInstant(*instant);
  value.number = static_cast<double>(*instant);
  NormalizeInstant(call.field, call.plan, &value);
  return QueryValues{value};
}

// --- users -----------------------------------------------------------------

QueryValue UserValue(const UserIdentity& identity) {
  QueryValue value;
  value.kind = ValueKind::kUser;
  value.user_ids = identity.ids;
  value.text = identity.ids.empty() ? std::string() : identity.ids.front();
  return value;
}

const UserIdentity* CurrentUser(const Call& call) {
  if (call.plan.context.current_user) return &*call.plan.context.current_user;
  call.Fail("Function '" + call.name() + "()' needs the current user: give "
            "--user USER (Jira answers it for logged-in users only)");
  return nullptr;
}

QueryValues CurrentUserValue(const Call& call) {
  const UserIdentity* user = CurrentUser(call);
  return user == nullptr ? QueryValues{} : QueryValues{UserValue(*user)};
}

QueryValues MembersOf(const Call& call) {
  if (!call.plan.context.groups) {
    return call.Fail("Function 'membersOf()' needs group memberships: give "
                     "--groups FILE");
  }
  const std::vector<UserIdentity>* members =
      call.plan.context.groups->Find(call.Arg(0));
  if (members == nullptr) {
    return call.Fail("Function 'membersOf()': the group '" + call.Arg(0) +
                     "' is not in the groups file");
  }
  QueryValues values;
  for (const UserIdentity& member : *members) values.push_back(UserValue(member));
  return values;
}

// Finds the entry for the user named by `user_text` (or the current user
// when empty) in the user-keyed map `map`.
const json* FindUserEntry(const Call& call, const json& map,
                          const std::string& user_text) {
  std::vector<std::string> ids;
  if (!user_text.empty()) {
    ids.push_back(user_text);
  } else if (const UserIdentity* user = CurrentUser(call)) {
    ids = user->ids;
  }
  for (const std::string& id : ids) {
    if (const json* entry = FindFolded(map, id)) return entry;
  }
  return nullptr;
}

// projectsLeadByUser([user]) / componentsLeadByUser([user]).
QueryValues LeadByUser(const Call& call, std::string_view entry_name) {
  const json* map = call.Context(entry_name);
  if (map == nullptr) return call.MissingContext(entry_name);
  const json* entry = FindUserEntry(call, *map, call.Arg(0));
  if (!call.error->empty()) return QueryValues{};
  if (entry == nullptr) {
    return call.Fail("Function '" + call.name() + "()': the context's \"" +
                     std::string(entry_name) + "\" entry has no user '" +
                     (call.Arg(0).empty() ? "<current user>" : call.Arg(0)) +
                     "'");
  }
  return TextsOf(*entry);
}

QueryValues ProjectsLeadByUser(const Call& call) {
  return LeadByUser(call, "projectsLeadByUser");
}

QueryValues ComponentsLeadByUser(const Call& call) {
  return LeadByUser(call, "componentsLeadByUser");
}

// projectsWhereUserHasPermission(p) / projectsWhereUserHasRole(r): the
// context lists the current user's projects per permission or role.
QueryValues KeyedList(const Call& call, std::string_view entry_name) {
  const json* map = call.Context(entry_name);
  if (map == nullptr) return call.MissingContext(entry_name);
  const json* list = FindFolded(*map, call.Arg(0));
  if (list == nullptr) {
    return call.Fail("Function '" + call.name() + "()': the context's \"" +
                     std::string(entry_name) + "\" entry has no '" +
                     call.Arg(0) + "'");
  }
  return TextsOf(*list);
}

QueryValues ProjectsWithPermission(const Call& call) {
  return KeyedList(call, "projectsWhereUserHasPermission");
}

QueryValues ProjectsWithRole(const Call& call) {
  return KeyedList(call, "projectsWhereUserHasRole");
}

// --- issues ----------------------------------------------------------------

QueryValues ContextList(const Call& call, std::string_view entry_name) {
  const json* list = call.Context(entry_name);
  if (list == nullptr) return call.MissingContext(entry_name);
  return TextsOf(*list);
}

QueryValues IssueHistory(const Call& call) {
  return ContextList(call, "issueHistory");
}
QueryValues WatchedIssues(const Call& call) {
  return ContextList(call, "watchedIssues");
}
QueryValues VotedIssues(const Call& call) {
  return ContextList(call, "votedIssues");
}

QueryValues LinkedFromContext(const Call& call, const json& entry) {
  std::string type = call.Arg(1);
  if (entry.is_array()) {
    if (!type.empty()) {
      return call.Fail("Function 'linkedIssues()': the context lists the "
                       "links of " + call.Arg(0) + " without link types");
    }
    return TextsOf(entry);
  }
  QueryValues values;
  for (const auto& [link_type, keys] : entry.items()) {
    // Link type names are case-sensitive in linkedIssues().
    if (!type.empty() && link_type != type) continue;
    QueryValues some = TextsOf(keys);
    values.insert(values.end(), some.begin(), some.end());
  }
  return values;
}

QueryValues LinkedIssues(const Call& call) {
  if (call.Arg(0).empty()) {
    return call.Fail("Function 'linkedIssues()' needs an issue key");
  }
  if (const json* map = call.Context("linkedIssues")) {
    if (const json* entry = FindFolded(*map, call.Arg(0))) {
      return LinkedFromContext(call, *entry);
    }
  }
  return QueryValues{Matcher(MatcherKind::kLinkedTo,
                             {call.Arg(0), call.Arg(1)})};
}

// The day-granular bounds of updatedBy(user, from, to).
TimeWindow UpdatedByWindow(const Call& call) {
  TimeWindow window;
  const stdlib::TimeContext& time = call.plan.context.time;
  for (size_t i = 1; i < call.args().size() && i < 3; ++i) {
    std::optional<int64_t> t = stdlib::ParseJqlDate(
        call.args()[i].text, call.args()[i].is_number, time);
    if (!t) {
      call.Fail("Function 'updatedBy()': '" + call.args()[i].text +
                "' is not a valid date");
      return window;
    }
    int64_t day = stdlib::StartOfLocalDay(*t, time);
    if (i == 1) window.begin = day;
    if (i == 2) {
      window.end = stdlib::StartOfLocalDay(day + 36LL * 3600 * 1000, time);
    }
  }
  return window;
}

// Returns the issue key of an updatedBy entry if it lies in `window`; an
// entry without "at" counts only when no dates were given.
std::string UpdateInWindow(const json& update, const TimeWindow& window,
                           bool dated) {
  if (!update.is_object()) return dated ? std::string() : JsonScalarText(update);
  std::optional<int64_t> at;
  auto it = update.find("at");
  if (it != update.end() && it->is_string()) {
    at = stdlib::ParseIsoInstant(it->get<std::string>());
  } else if (it != update.end() && it->is_number()) {
    at = static_cast<int64_t>(it->get<double>());
  }
  if (dated && (!at || *at < window.begin || *at >= window.end)) return "";
  return JsonScalarText(update.value("issue", json()));
}

QueryValues UpdatedBy(const Call& call) {
  const json* map = call.Context("updatedBy");
  if (map == nullptr) return call.MissingContext("updatedBy");
  TimeWindow window = UpdatedByWindow(call);
  if (!call.error->empty()) return QueryValues{};
  const json* updates = FindFolded(*map, call.Arg(0));
  if (updates == nullptr) {
    return call.Fail("Function 'updatedBy()': the context's \"updatedBy\" "
                     "entry has no user '" + call.Arg(0) + "'");
  }
  QueryValues values;
  bool dated = call.args().size() > 1;
  for (const json& update : *updates) {
    std::string key = UpdateInWindow(update, window, dated);
    if (!key.empty()) values.push_back(Text(key));
  }
  return values;
}

QueryValues RemoteLinks(const Call& call) {
  const json* map = call.Context("issuesWithRemoteLinksByGlobalId");
  if (map == nullptr) return call.MissingContext("issuesWithRemoteLinksByGlobalId");
  QueryValues values;
  for (const Literal& id : call.args()) {
    auto it = map->find(id.text);
    if (it == map->end()) {
      return call.Fail("Function 'issuesWithRemoteLinksByGlobalId()': the "
                       "context has no global id '" + id.text + "'");
    }
    QueryValues some = TextsOf(*it);
    values.insert(values.end(), some.begin(), some.end());
  }
  return values;
}

// --- sprints, versions, issue types -----------------------------------------

QueryValues Sprints(const Call& call, std::string_view entry_name,
                    const char* state) {
  if (const json* list = call.Context(entry_name)) return TextsOf(*list);
  return QueryValues{Matcher(MatcherKind::kSprintState, {state})};
}

QueryValues OpenSprints(const Call& call) {
  return Sprints(call, "openSprints", "active");
}
QueryValues ClosedSprints(const Call& call) {
  return Sprints(call, "closedSprints", "closed");
}
QueryValues FutureSprints(const Call& call) {
  return Sprints(call, "futureSprints", "future");
}

// The project arguments of a version function, or every project of `map`.
std::vector<std::string> ProjectArgs(const Call& call, const json* map) {
  std::vector<std::string> projects;
  for (const Literal& arg : call.args()) projects.push_back(arg.text);
  if (projects.empty() && map != nullptr && map->is_object()) {
    for (const auto& [key, value] : map->items()) projects.push_back(key);
  }
  return projects;
}

QueryValues VersionsFromContext(const Call& call, const json& map,
                                std::string_view entry_name) {
  QueryValues values;
  for (const std::string& project : ProjectArgs(call, &map)) {
    std::string key;
    const json* list = FindFolded(map, project, &key);
    if (list == nullptr) {
      return call.Fail("Function '" + call.name() + "()': the context's \"" +
                       std::string(entry_name) + "\" entry has no project '" +
                       project + "'");
    }
    QueryValues some = TextsOf(*list, key);
    values.insert(values.end(), some.begin(), some.end());
  }
  return values;
}

QueryValues VersionsByRelease(const Call& call, std::string_view entry_name,
                              bool released) {
  if (const json* map = call.Context(entry_name)) {
    return VersionsFromContext(call, *map, entry_name);
  }
  std::vector<std::string> args = {released ? "true" : "false"};
  for (const Literal& arg : call.args()) args.push_back(arg.text);
  return QueryValues{Matcher(MatcherKind::kVersionReleased, std::move(args))};
}

QueryValues ReleasedVersions(const Call& call) {
  return VersionsByRelease(call, "releasedVersions", true);
}
QueryValues UnreleasedVersions(const Call& call) {
  return VersionsByRelease(call, "unreleasedVersions", false);
}

// latestReleasedVersion(p) / earliestUnreleasedVersion(p): the explicit
// entry, else the last released / first unreleased version listed.
QueryValues EdgeVersion(const Call& call, std::string_view entry_name,
                        std::string_view list_name, bool last) {
  const json* map = call.Context(entry_name);
  const json* lists = call.Context(list_name);
  if (map == nullptr && lists == nullptr) return call.MissingContext(entry_name);
  QueryValues values;
  for (const std::string& project : ProjectArgs(call, map ? map : lists)) {
    std::string key;
    const json* version = map ? FindFolded(*map, project, &key) : nullptr;
    const json* list = lists ? FindFolded(*lists, project, &key) : nullptr;
    if (version == nullptr && list != nullptr && !list->empty()) {
      version = last ? &list->back() : &list->front();
    }
    if (version == nullptr) {
      return call.Fail("Function '" + call.name() + "()' has no version for "
                       "project '" + project + "' in the context's \"" +
                       std::string(entry_name) + "\" entry");
    }
    QueryValue value = Text(JsonScalarText(*version));
    value.project = key;
    values.push_back(std::move(value));
  }
  return values;
}

QueryValues LatestReleased(const Call& call) {
  return EdgeVersion(call, "latestReleasedVersion", "releasedVersions", true);
}
QueryValues EarliestUnreleased(const Call& call) {
  return EdgeVersion(call, "earliestUnreleasedVersion", "unreleasedVersions",
                     false);
}

QueryValues IssueTypes(const Call& call, std::string_view entry_name,
                       bool subtask) {
  if (const json* list = call.Context(entry_name)) return TextsOf(*list);
  return QueryValues{
      Matcher(MatcherKind::kSubtaskType, {subtask ? "true" : "false"})};
}

QueryValues StandardTypes(const Call& call) {
  return IssueTypes(call, "standardIssueTypes", false);
}
QueryValues SubtaskTypes(const Call& call) {
  return IssueTypes(call, "subtaskIssueTypes", true);
}

// --- cascading selects, JSM --------------------------------------------------

// cascadeOption(parent[, child]): the keyword `none` (any case) becomes ""
// ("no option"); a quoted "\"none\"" is the option named none.
std::string CascadeArg(const std::string& text) {
  if (EqualsFolded(text, "none")) return std::string();
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

QueryValues CascadeOption(const Call& call) {
  if (call.args().empty() || call.args().size() > 2) {
    return call.Fail("Function 'cascadeOption()' takes a parent option and "
                     "an optional child option");
  }
  std::vector<std::string> args = {CascadeArg(call.Arg(0))};
  if (call.args().size() == 2) args.push_back(CascadeArg(call.Arg(1)));
  return QueryValues{Matcher(MatcherKind::kCascade, std::move(args))};
}

QueryValues Approval(const Call& call) {
  std::string name = FoldCase(call.name());
  QueryValue value = Matcher(MatcherKind::kApproval, {name});
  if (name == "myapproval" || name == "mypending") {
    const UserIdentity* user = CurrentUser(call);
    if (user == nullptr) return QueryValues{};
    value.users.push_back(user->ids);
  }
  for (const Literal& arg : call.args()) value.users.push_back({arg.text});
  return QueryValues{value};
}

QueryValues Sla(const Call& call) {
  std::string name = FoldCase(call.name());
  if (name == "outdated") {
    return call.Fail("Function 'outdated()' needs Jira server state that "
                     "syncrule does not model (SLA recalculation)");
  }
  QueryValue value = Matcher(MatcherKind::kSla, {name});
  if (name == "elapsed" || name == "remaining") {
    stdlib::TimeContext clock_hours = call.plan.context.time;
    clock_hours.hours_per_day = 24;
    clock_hours.days_per_week = 7;
    std::optional<int64_t> seconds =
        stdlib::ParseTrackingDuration(call.Arg(0), clock_hours);
    if (!seconds) {
      return call.Fail("Function '" + call.name() + "()' needs a duration "
                       "such as \"2h\" or \"1d 4h\", not '" + call.Arg(0) + "'");
    }
    value.number = static_cast<double>(*seconds) * 1000;
  }
  return QueryValues{value};
}

const std::unordered_map<std::string, Handler>& Handlers() {
  static const auto* handlers = new std::unordered_map<std::string, Handler>{
      {"currentuser", CurrentUserValue},
      {"membersof", MembersOf},
      {"projectsleadbyuser", ProjectsLeadByUser},
      {"componentsleadbyuser", ComponentsLeadByUser},
      {"projectswhereuserhaspermission", ProjectsWithPermission},
      {"projectswhereuserhasrole", ProjectsWithRole},
      {"issuehistory", IssueHistory},
      {"watchedissues", WatchedIssues},
      {"votedissues", VotedIssues},
      {"linkedissues", LinkedIssues},
      {"updatedby", UpdatedBy},
      {"issueswithremotelinksbyglobalid", RemoteLinks},
      {"opensprints", OpenSprints},
      {"closedsprints", ClosedSprints},
      {"futuresprints", FutureSprints},
      {"releasedversions", ReleasedVersions},
      {"unreleasedversions", UnreleasedVersions},
      {"latestreleasedversion", LatestReleased},
      {"earliestunreleasedversion", EarliestUnreleased},
      {"standardissuetypes", StandardTypes},
      {"subtaskissuetypes", SubtaskTypes},
      {"cascadeoption", CascadeOption},
      {"approved", Approval}, {"pending", Approval},
      {"myapproval", Approval}, {"mypending", Approval},
      {"approver", Approval}, {"pendingby", Approval},
      {"breached", Sla}, {"completed", Sla}, {"everbreached", Sla},
      {"outdated", Sla}, {"paused", Sla}, {"running", Sla},
      {"withincalendarhours", Sla}, {"elapsed", Sla}, {"remaining", Sla},
  };
  return *handlers;
}

}  // namespace

std::optional<int64_t> DateFunction(const CheckedOperand& call,
                                    const Plan& plan, std::string* error) {
  static const FieldInfo* date_field = [] {
    auto* info = new FieldInfo;
    info->name = "date";
    info->type = FieldType::kDate;
    return info;
  }();
  Call c{call, *date_field, plan, error};
  if (!IsDateFunction(FoldCase(call.literal.text))) {
    c.Fail("Function '" + call.literal.text + "()' does not return a date");
    return std::nullopt;
  }
  return CallDate(c);
}

QueryValues CallFunction(const CheckedOperand& call, const FieldInfo& field,
                         const Plan& plan, std::string* error) {
  Call c{call, field, plan, error};
  std::string name = FoldCase(call.literal.text);
  if (IsDateFunction(name)) return DateValue(c);
  auto it = Handlers().find(name);
  if (it == Handlers().end()) {
    return c.Fail("Unable to find JQL function '" + call.literal.text + "()'.");
  }
  return it->second(c);
}

}  // namespace syncrule::jql::eval
