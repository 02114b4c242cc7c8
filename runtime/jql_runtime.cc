// The JQL runtime: a port of the reference evaluator's field reading and
// term evaluation (compiler/jql/evaluator_fields.cc, _compare.cc, _text.cc,
// _history.cc) from nlohmann::json to simdjson elements, with values as
// views into the payload and the arena. Keep the two in step: the
// differential test (tests/runtime/jql_differential_test.cc) compares them
// on every fixture issue.

#include "runtime/jql_runtime.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace syncrule::runtime {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using Opt = std::optional<element>;

constexpr int64_t kMinTime = std::numeric_limits<int64_t>::min() / 4;
constexpr int64_t kMaxTime = std::numeric_limits<int64_t>::max() / 4;
constexpr int64_t kDayAndAHalfMs = 36LL * 3600 * 1000;

// --- JSON helpers ----------------------------------------------------------------

bool IsObject(const Opt& e) { return e && e->type() == element_type::OBJECT; }
bool IsArray(const Opt& e) { return e && e->type() == element_type::ARRAY; }
bool IsString(const element& e) { return e.type() == element_type::STRING; }
bool IsNumber(const element& e) {
  element_type t = e.type();
  return t == element_type::INT64 || t == element_type::UINT64 ||
         t == element_type::DOUBLE;
}
double NumberOfElement(const element& e) {
  switch (e.type()) {
    case element_type::INT64: return static_cast<double>(e.get_int64().value_unsafe());
    case element_type::UINT64: return static_cast<double>(e.get_uint64().value_unsafe());
    default: return e.get_double().value_unsafe();
  }
}

// Returns object[name] when present; `keep_null` also returns null members
// (for "contains" tests).
Opt RawMember(const Opt& object, std::string_view name) {
  if (!IsObject(object)) return std::nullopt;
  element member;
  if (ObjectOf(*object).at_key(name).get(member) !=
      simdjson::SUCCESS) {
    return std::nullopt;
  }
  return member;
}

Opt Member(const Opt& object, std::string_view name) {
  Opt member = RawMember(object, name);
  if (member && member->type() == element_type::NULL_VALUE) return std::nullopt;
  return member;
}

bool Contains(const element& object, std::string_view name) {
  return RawMember(object, name).has_value();
}

// The reference's JsonScalarText: strings, and numbers written as integers
// when integral.
std::string_view ScalarText(const element& e, Arena& arena) {
  switch (e.type()) {
    case element_type::STRING: return e.get_string().value_unsafe();
    case element_type::INT64:
      return arena.CopyString(std::to_string(e.get_int64().value_unsafe()));
    case element_type::UINT64:
      return arena.CopyString(std::to_string(e.get_uint64().value_unsafe()));
    case element_type::DOUBLE: {
      double d = e.get_double().value_unsafe();
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
        return arena.CopyString(std::to_string(static_cast<int64_t>(d)));
      }
      return arena.CopyString(nlohmann::json(d).dump());
    }
    default: return std::string_view();
  }
}

std::string_view MemberText(const Opt& object, std::string_view name,
                            Arena& arena) {
  Opt member = Member(object, name);
  return member ? ScalarText(*member, arena) : std::string_view();
}

std::optional<double> ParseNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty() || text.size() > 64) return std::nullopt;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '+' &&
        c != '.' && c != 'e' && c != 'E') {
      return std::nullopt;
    }
  }
  char buffer[72];
  std::copy(text.begin(), text.end(), buffer);
  buffer[text.size()] = '\0';
  char* end = nullptr;
  errno = 0;
  double value = std::strtod(buffer, &end);
  if (end != buffer + text.size() || errno == ERANGE || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

template <typename T>
int ThreeWay(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int CompareFoldedText(std::string_view a, std::string_view b) {
  std::string fa, fb;
  AppendFolded(a, &fa);
  AppendFolded(b, &fb);
  int c = fa.compare(fb);
  if (c == 0) c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int CompareDigitRuns(std::string_view a, std::string_view b) {
  size_t za = a.find_first_not_of('0');
  size_t zb = b.find_first_not_of('0');
  a = za == std::string_view::npos ? std::string_view() : a.substr(za);
  b = zb == std::string_view::npos ? std::string_view() : b.substr(zb);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int NaturalCompare(std::string_view a, std::string_view b) {
  std::string fa, fb;
  AppendFolded(a, &fa);
  AppendFolded(b, &fb);
  auto run = [](const std::string& s, size_t pos, bool digits) {
    size_t end = pos;
    while (end < s.size() &&
           (std::isdigit(static_cast<unsigned char>(s[end])) != 0) == digits) {
      ++end;
    }
    return end - pos;
  };
  size_t i = 0, j = 0;
  while (i < fa.size() && j < fb.size()) {
    bool da = std::isdigit(static_cast<unsigned char>(fa[i])) != 0;
    bool db = std::isdigit(static_cast<unsigned char>(fb[j])) != 0;
    if (da != db) return da ? -1 : 1;
    size_t la = run(fa, i, da);
    size_t lb = run(fb, j, db);
    std::string_view ra(fa.data() + i, la);
    std::string_view rb(fb.data() + j, lb);
    int c = da ? CompareDigitRuns(ra, rb) : ra.compare(rb);
    if (c != 0) return c < 0 ? -1 : 1;
    i += la;
    j += lb;
  }
  if (i < fa.size() || j < fb.size()) return i < fa.size() ? 1 : -1;
  return CompareFoldedText(a, b);
}

struct KeyParts {
  std::string project;
  int64_t number = 0;
};

std::optional<KeyParts> ParseIssueKey(std::string_view key) {
  size_t dash = key.rfind('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= key.size()) {
    return std::nullopt;
  }
  KeyParts parts;
  for (size_t i = dash + 1; i < key.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(key[i]))) return std::nullopt;
    if (parts.number > (INT64_MAX - 9) / 10) return std::nullopt;
    parts.number = parts.number * 10 + (key[i] - '0');
  }
  AppendFolded(key.substr(0, dash), &parts.project);
  return parts;
}

// --- values being built -------------------------------------------------------------

struct Pending {
  std::string_view text;
  std::array<std::string_view, 8> ids;
  int id_count = 0;
  std::array<std::string_view, 2> child;
  int child_count = 0;
  bool has_number = false;
  double number = 0;
  std::string_view state;

  void AddId(std::string_view id) {
    if (!id.empty() && id_count < static_cast<int>(ids.size())) ids[id_count++] = id;
  }
  void AddChild(std::string_view name) {
    if (!name.empty() && child_count < 2) child[child_count++] = name;
  }
};
using PendingList = std::vector<Pending>;

Pending TextPending(std::string_view text) {
  Pending p;
  p.text = text;
  return p;
}

JqlValueList Finish(const PendingList& pending, Arena& arena) {
  JqlValueList list;
  if (pending.empty()) return list;
  auto* values = arena.AllocateArray<JqlValue>(pending.size());
  if (values == nullptr) return list;
  for (size_t v = 0; v < pending.size(); ++v) {
    const Pending& p = pending[v];
    JqlValue& out = values[v];
    out = JqlValue{};
    out.text = p.text;
    out.has_number = p.has_number;
    out.number = p.number;
    out.state = p.state;
    if (p.id_count > 0) {
      auto* ids = arena.AllocateArray<std::string_view>(p.id_count);
      if (ids != nullptr) {
        std::copy(p.ids.begin(), p.ids.begin() + p.id_count, ids);
        out.ids = ids;
        out.id_count = p.id_count;
      }
    }
    if (p.child_count > 0) {
      auto* child = arena.AllocateArray<std::string_view>(p.child_count);
      if (child != nullptr) {
        std::copy(p.child.begin(), p.child.begin() + p.child_count, child);
        out.child = child;
        out.child_count = p.child_count;
      }
    }
  }
  list.values = values;
  list.size = static_cast<uint32_t>(pending.size());
  return list;
}

// --- readers (evaluator_fields.cc) ------------------------------------------------

struct Reader {
  const JqlFieldImage& field;
  JqlContext& context;
  JqlIssue& issue;
  Arena& arena;
  PendingList out;
  const char* error = nullptr;
};

bool LooksLikeUser(const element& object) {
  return Contains(object, "accountId") || Contains(object, "emailAddress") ||
         (Contains(object, "displayName") && Contains(object, "name"));
}

void UserNames(const element& user, Arena& arena, Pending* p) {
  if (IsString(user)) {
    p->AddId(user.get_string().value_unsafe());
    return;
  }
  for (const char* key : {"accountId", "name", "key", "emailAddress",
                          "displayName"}) {
    p->AddId(MemberText(user, key, arena));
  }
}

Pending ReadUserValue(const element& user, Arena& arena) {
  Pending p;
  UserNames(user, arena, &p);
  p.text = MemberText(user, "displayName", arena);
  if (p.text.empty() && p.id_count > 0) p.text = p.ids[0];
  return p;
}

void ReadState(const element& object, Arena& arena, Pending* p) {
  if (Opt released = Member(object, "released")) {
    if (released->type() == element_type::BOOL) {
      p->state = released->get_bool().value_unsafe() ? "true" : "false";
    }
  } else if (Opt subtask = Member(object, "subtask")) {
    if (subtask->type() == element_type::BOOL) {
      p->state = subtask->get_bool().value_unsafe() ? "true" : "false";
    }
  } else if (Opt state = Member(object, "state")) {
    p->state = FoldCase(ScalarText(*state, arena), arena);
  }
}

std::optional<Pending> ReadObject(const element& object, Arena& arena) {
  if (LooksLikeUser(object)) return ReadUserValue(object, arena);
  Pending p;
  for (const char* key : {"value", "name", "key", "displayName"}) {
    std::string_view text = MemberText(object, key, arena);
    if (text.empty()) continue;
    if (p.text.empty()) {
      p.text = text;
    } else {
      p.AddId(text);
    }
  }
  p.AddId(MemberText(object, "id", arena));
  if (Opt child = Member(object, "child")) {
    p.AddChild(MemberText(child, "value", arena));
    p.AddChild(MemberText(child, "id", arena));
  }
  ReadState(object, arena, &p);
  if (p.text.empty() && p.id_count == 0) return std::nullopt;
  if (p.text.empty()) p.text = p.ids[0];
  return p;
}

void ReadGeneric(const element& node, Arena& arena, PendingList* out,
                 int depth = 0) {
  if (depth > 64) return;
  switch (node.type()) {
    case element_type::ARRAY:
      for (element item : ArrayOf(node)) {
        ReadGeneric(item, arena, out, depth + 1);
      }
      return;
    case element_type::OBJECT:
      if (std::optional<Pending> p = ReadObject(node, arena)) out->push_back(*p);
      return;
    case element_type::STRING: {
      std::string_view s = node.get_string().value_unsafe();
      if (!s.empty()) out->push_back(TextPending(s));
      return;
    }
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: {
      Pending p = TextPending(ScalarText(node, arena));
      p.has_number = true;
      p.number = NumberOfElement(node);
      out->push_back(p);
      return;
    }
    case element_type::BOOL:
      out->push_back(TextPending(node.get_bool().value_unsafe() ? "true" : "false"));
      return;
    default:
      return;
  }
}

void Generic(const Opt& node, Arena& arena, PendingList* out) {
  if (node) ReadGeneric(*node, arena, out);
}

std::string_view DefaultJsonKey(std::string_view folded_name) {
  static const std::pair<const char*, const char*> kKeys[] = {
      {"type", "issuetype"},          {"component", "components"},
      {"fixversion", "fixVersions"},  {"affectedversion", "versions"},
      {"resolved", "resolutiondate"}, {"due", "duedate"},
      {"lastviewed", "lastViewed"},   {"level", "security"},
      {"originalestimate", "timeoriginalestimate"},
      {"remainingestimate", "timeestimate"},
      {"watchers", "watches"},        {"attachments", "attachment"},
  };
  for (const auto& [name, key] : kKeys) {
    if (folded_name == name) return key;
  }
  return std::string_view();
}

std::string FoldedName(const JqlFieldImage& field) {
  std::string folded;
  AppendFolded(field.name, &folded);
  return folded;
}

std::string JsonKey(const JqlFieldImage& field) {
  if (!field.json_key.empty()) return field.json_key;
  std::string folded = FoldedName(field);
  std::string_view key = DefaultJsonKey(folded);
  return key.empty() ? field.name : std::string(key);
}

double ToSeconds(int64_t ms) {
  int64_t s = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  return static_cast<double>(s * 1000);
}

std::optional<int64_t> InstantOf(const element& node, const JqlContext& context) {
  if (IsNumber(node)) return static_cast<int64_t>(NumberOfElement(node));
  if (!IsString(node)) return std::nullopt;
  std::string_view text = node.get_string().value_unsafe();
  if (auto instant = stdlib::ParseIsoInstant(text)) return instant;
  return stdlib::ParseJqlDate(text, false, context.time);
}

void DateOne(const element& item, bool date_only, Reader& r) {
  std::optional<int64_t> instant = InstantOf(item, r.context);
  if (!instant) return;
  Pending p = TextPending(ScalarText(item, r.arena));
  p.has_number = true;
  p.number = date_only ? static_cast<double>(
                             stdlib::StartOfLocalDay(*instant, r.context.time))
                       : ToSeconds(*instant);
  r.out.push_back(p);
}

void DateValues(const Opt& node, bool date_only, Reader& r) {
  if (!node) return;
  if (node->type() == element_type::ARRAY) {
    for (element item : ArrayOf(*node)) DateOne(item, date_only, r);
  } else {
    DateOne(*node, date_only, r);
  }
}

std::optional<double> NumberOf(const element& node) {
  if (IsNumber(node)) return NumberOfElement(node);
  if (IsString(node)) return ParseNumber(node.get_string().value_unsafe());
  return std::nullopt;
}

void NumberValues(const Opt& node, Arena& arena, PendingList* out, int depth = 0) {
  if (!node || depth > 64) return;
  for (const char* member : {"votes", "watchCount", "value"}) {
    if (Opt inner = Member(node, member)) {
      NumberValues(inner, arena, out, depth + 1);
      return;
    }
  }
  if (node->type() == element_type::ARRAY) {
    for (element item : ArrayOf(*node)) {
      NumberValues(item, arena, out, depth + 1);
    }
    return;
  }
  if (std::optional<double> number = NumberOf(*node)) {
    Pending p = TextPending(ScalarText(*node, arena));
    p.has_number = true;
    p.number = *number;
    out->push_back(p);
  }
}

void DurationValues(Reader& r) {
  std::string key = JsonKey(r.field);
  NumberValues(r.issue.Field(key), r.arena, &r.out);
  if (!r.out.empty() || r.field.is_custom) return;
  static const std::pair<const char*, const char*> kTracking[] = {
      {"timeoriginalestimate", "originalEstimateSeconds"},
      {"timeestimate", "remainingEstimateSeconds"},
      {"timespent", "timeSpentSeconds"},
  };
  for (const auto& [flat, nested] : kTracking) {
    if (key == flat) {
      NumberValues(Member(r.issue.Field("timetracking"), nested), r.arena, &r.out);
    }
  }
}

void WorkRatio(Reader& r) {
  NumberValues(r.issue.Field("workratio"), r.arena, &r.out);
  if (!r.out.empty() && r.out.front().has_number && r.out.front().number < 0) {
    r.out.clear();
  }
}

void Progress(Reader& r) {
  Opt progress = r.issue.Field("progress");
  NumberValues(Member(progress, "percent"), r.arena, &r.out);
  if (!r.out.empty()) return;
  std::optional<double> done, total;
  if (Opt p = Member(progress, "progress")) done = NumberOf(*p);
  if (Opt t = Member(progress, "total")) total = NumberOf(*t);
  if (!done || !total || *total <= 0) return;
  Pending p;
  p.has_number = true;
  p.number = std::floor(*done * 100 / *total);
  p.text = r.arena.CopyString(nlohmann::json(p.number).dump());
  if (std::isfinite(p.number) && p.number == std::floor(p.number) &&
      std::fabs(p.number) < 1e15) {
    p.text = r.arena.CopyString(std::to_string(static_cast<int64_t>(p.number)));
  }
  r.out.push_back(p);
}

Opt ListIn(const Opt& holder, std::string_view list_key) {
  if (!holder) return std::nullopt;
  if (holder->type() == element_type::ARRAY) return holder;
  Opt list = Member(holder, list_key);
  return IsArray(list) ? list : std::nullopt;
}

void TextValue(const Opt& node, Reader& r) {
  if (!node) return;
  std::string text = JqlPlainText(*node);
  if (!text.empty()) r.out.push_back(TextPending(r.arena.CopyString(text)));
}

void ListMembers(const Opt& list, std::string_view member, bool as_text,
                 Reader& r) {
  if (!list) return;
  for (element item : ArrayOf(*list)) {
    Opt part = Member(item, member);
    if (as_text) {
      TextValue(part, r);
    } else {
      Generic(part, r.arena, &r.out);
    }
  }
}

Opt Worklogs(JqlIssue& issue) { return ListIn(issue.Field("worklog"), "worklogs"); }

// Comments, with a comment event's comment folded in as the reference's
// IssueDocument does (added or replaced; removed for comment_deleted).
void CommentValues(Reader& r) {
  Opt comments = ListIn(r.issue.Field("comment"), "comments");
  Opt event_comment = r.issue.webhook_comment();
  std::string_view event_id =
      event_comment ? MemberText(event_comment, "id", r.arena) : std::string_view();
  bool deleted = r.issue.webhook_event() == "comment_deleted";
  bool replaced = false;
  if (comments) {
    for (element item : ArrayOf(*comments)) {
      if (event_comment && MemberText(item, "id", r.arena) == event_id) {
        if (deleted || replaced) continue;
        replaced = true;
        TextValue(Member(event_comment, "body"), r);
        continue;
      }
      TextValue(Member(item, "body"), r);
    }
  }
  if (event_comment && !deleted && !replaced) {
    TextValue(Member(event_comment, "body"), r);
  }
}

void WorklogDates(Reader& r) {
  Opt logs = Worklogs(r.issue);
  if (!logs) return;
  for (element log : ArrayOf(*logs)) {
    DateValues(Member(log, "started"), true, r);
  }
}

void UserList(Reader& r, bool watchers) {
  const char* holders[] = {watchers ? "watches" : "votes",
                           watchers ? "watcher" : "voter"};
  const char* list_key = watchers ? "watchers" : "voters";
  const char* count_key = watchers ? "watchCount" : "votes";
  std::optional<double> count;
  for (const char* holder_key : holders) {
    Opt holder = r.issue.Field(holder_key);
    if (Opt list = ListIn(holder, list_key)) {
      Generic(list, r.arena, &r.out);
      return;
    }
    if (Opt c = Member(holder, count_key)) count = NumberOf(*c);
  }
  if (count && *count == 0) return;
  r.error = watchers
                ? "Field 'watcher' needs the issue's watchers list, which Jira "
                  "leaves out of issue JSON: fetch it (GET /rest/api/2/issue/"
                  "{key}/watchers) and add it as fields.watches.watchers"
                : "Field 'voter' needs the issue's voters list, which Jira "
                  "leaves out of issue JSON: fetch it (GET /rest/api/2/issue/"
                  "{key}/votes) and add it as fields.votes.voters";
}

void StatusCategory(Reader& r) {
  Opt category = Member(r.issue.Field("status"), "statusCategory");
  Generic(category, r.arena, &r.out);
  if (r.out.empty()) return;
  std::string_view key = FoldCase(MemberText(category, "key", r.arena), r.arena);
  Pending& first = r.out.front();
  first.state = key;
  if (key == "new") first.AddId("To Do");
  if (key == "indeterminate") first.AddId("In Progress");
  if (key == "done") first.AddId("Done");
  if (key == "undefined") first.AddId("No Category");
}

std::optional<Pending> ParseSprintString(std::string_view text, Arena& arena) {
  auto attribute = [&](std::string_view name) -> std::string_view {
    std::string marker = std::string(name) + "=";
    size_t begin = text.find(marker);
    if (begin == std::string_view::npos) return std::string_view();
    begin += marker.size();
    size_t end = text.size();
    for (size_t comma = text.find(',', begin); comma != std::string_view::npos;
         comma = text.find(',', comma + 1)) {
      size_t equals = text.find('=', comma);
      size_t next_comma = text.find(',', comma + 1);
      if (equals != std::string_view::npos && equals < next_comma &&
          text.find(' ', comma) > equals) {
        end = comma;
        break;
      }
    }
    if (end == text.size() && !text.empty() && text.back() == ']') --end;
    if (end < begin) return std::string_view();
    return text.substr(begin, end - begin);
  };
  Pending p;
  p.text = attribute("name");
  p.AddId(attribute("id"));
  p.state = FoldCase(attribute("state"), arena);
  if (p.text.empty() && p.id_count == 0) return std::nullopt;
  if (p.text.empty()) p.text = p.ids[0];
  return p;
}

void SprintOne(const element& item, Reader& r) {
  if (IsString(item) &&
      item.get_string().value_unsafe().find('[') != std::string_view::npos) {
    if (auto p = ParseSprintString(item.get_string().value_unsafe(), r.arena)) {
      r.out.push_back(*p);
    }
  } else {
    ReadGeneric(item, r.arena, &r.out);
  }
}

void SprintValues(const Opt& node, Reader& r) {
  if (!node) return;
  if (node->type() != element_type::ARRAY) {
    SprintOne(*node, r);
    return;
  }
  for (element item : ArrayOf(*node)) SprintOne(item, r);
}

void LinkTypes(Reader& r) {
  Opt links = r.issue.Field("issuelinks");
  if (!IsArray(links)) return;
  for (element link : ArrayOf(*links)) {
    Opt type = Member(link, "type");
    bool outward = Member(link, "outwardIssue").has_value();
    bool inward = Member(link, "inwardIssue").has_value();
    Pending p;
    p.text = MemberText(type, outward ? "outward" : "inward", r.arena);
    if (p.text.empty() || (!outward && !inward)) continue;
    r.out.push_back(p);
  }
}

void IssueKeyValues(Reader& r) {
  JqlIssue& issue = r.issue;
  if (issue.key().empty() && issue.id().empty()) return;
  Pending p = TextPending(issue.key().empty() ? issue.id() : issue.key());
  p.AddId(issue.id());
  r.out.push_back(p);
}

void ReadProject(Reader& r) {
  PendingList values;
  Generic(r.issue.Field("project"), r.arena, &values);
  if (!values.empty()) {
    r.out.push_back(values.front());
    return;
  }
  std::string_view key = r.issue.key();
  if (ParseIssueKey(key)) r.out.push_back(TextPending(key.substr(0, key.rfind('-'))));
}

void ReadUsers(Reader& r, const std::string& folded) {
  if (folded == "watcher" || folded == "voter") {
    UserList(r, folded == "watcher");
    return;
  }
  if (folded == "worklogauthor") {
    ListMembers(Worklogs(r.issue), "author", false, r);
    return;
  }
  Generic(r.issue.Field(JsonKey(r.field)), r.arena, &r.out);
}

void ReadCurrent(Reader& r) {
  const JqlFieldImage& field = r.field;
  std::string folded = FoldedName(field);
  switch (field.reader) {
    case JqlReader::kGeneric:
      Generic(r.issue.Field(JsonKey(field)), r.arena, &r.out);
      return;
    case JqlReader::kText: TextValue(r.issue.Field(JsonKey(field)), r); return;
    case JqlReader::kComment: CommentValues(r); return;
    case JqlReader::kWorklogComment:
      ListMembers(Worklogs(r.issue), "comment", true, r);
      return;
    case JqlReader::kNumber:
      NumberValues(r.issue.Field(JsonKey(field)), r.arena, &r.out);
      return;
    case JqlReader::kWorkRatio: WorkRatio(r); return;
    case JqlReader::kProgress: Progress(r); return;
    case JqlReader::kDate: DateValues(r.issue.Field(JsonKey(field)), false, r); return;
    case JqlReader::kDateOnly: DateValues(r.issue.Field(JsonKey(field)), true, r); return;
    case JqlReader::kWorklogDate: WorklogDates(r); return;
    case JqlReader::kDuration: DurationValues(r); return;
    case JqlReader::kWatchers: UserList(r, true); return;
    case JqlReader::kVoters: UserList(r, false); return;
    case JqlReader::kWorklogAuthor: ReadUsers(r, "worklogauthor"); return;
    case JqlReader::kProject: ReadProject(r); return;
    case JqlReader::kStatusCategory: StatusCategory(r); return;
    case JqlReader::kIssueKey:
      if (folded == "parent" || field.is_custom) {
        Generic(r.issue.Field(JsonKey(field)), r.arena, &r.out);
      } else {
        IssueKeyValues(r);
      }
      return;
    case JqlReader::kSprint: SprintValues(r.issue.Field(JsonKey(field)), r); return;
    case JqlReader::kLinkTypes: LinkTypes(r); return;
    case JqlReader::kCategory:
      Generic(Member(r.issue.Field("project"), "projectCategory"), r.arena, &r.out);
      return;
    case JqlReader::kTextMaster: return;
    case JqlReader::kProperty: {
      Opt node = r.issue.properties();
      for (const std::string& segment : field.history_names) {
        node = Member(node, segment);
        if (!node) return;
      }
      Generic(node, r.arena, &r.out);
      return;
    }
  }
}

// --- the previous view ------------------------------------------------------------

bool ItemIsFor(const element& item, const JqlFieldImage& field, Arena& arena) {
  std::string_view field_id = MemberText(item, "fieldId", arena);
  std::string_view name = MemberText(item, "field", arena);
  if (!field_id.empty() && !field.json_key.empty()) {
    return field_id == field.json_key;
  }
  for (const std::string& history : field.history_names) {
    if (EqualsFolded(name, history)) return true;
  }
  if (!field.history_names.empty()) return false;
  return EqualsFolded(name, field.name) ||
         (!field.json_key.empty() && EqualsFolded(name, field.json_key));
}

// A value as a changelog side writes it: display text and id.
Pending SidePending(std::string_view id, std::string_view text,
                    const JqlFieldImage& field, JqlContext& context) {
  Pending p;
  p.text = text.empty() ? id : text;
  if (!id.empty() && id != p.text) p.AddId(id);
  switch (field.reader) {
    case JqlReader::kNumber:
    case JqlReader::kDuration:
    case JqlReader::kWorkRatio:
    case JqlReader::kProgress:
      if (auto n = ParseNumber(p.text)) {
        p.has_number = true;
        p.number = *n;
      }
      break;
    case JqlReader::kDate:
    case JqlReader::kDateOnly: {
      std::optional<int64_t> at = stdlib::ParseIsoInstant(id.empty() ? p.text : id);
      if (!at) at = stdlib::ParseJqlDate(id.empty() ? p.text : id, false, context.time);
      if (at) {
        p.has_number = true;
        p.number = field.reader == JqlReader::kDateOnly
                       ? static_cast<double>(stdlib::StartOfLocalDay(*at, context.time))
                       : ToSeconds(*at);
      }
      break;
    }
    default:
      break;
  }
  return p;
}

bool PendingOverlaps(const Pending& value, std::string_view id,
                     std::string_view text) {
  auto named = [&](std::string_view name) {
    if (name.empty()) return false;
    if (EqualsFolded(value.text, name)) return true;
    for (int i = 0; i < value.id_count; ++i) {
      if (EqualsFolded(value.ids[i], name)) return true;
    }
    return false;
  };
  return named(id) || named(text);
}

// Replaces the current values in `r.out` by what the event's changelog
// says the field held before this event.
void ApplyPrevious(Reader& r) {
  Opt items = r.issue.event_items();
  if (!IsArray(items)) return;
  bool any = false;
  bool labels = r.field.json_key == "labels";
  for (element item : ArrayOf(*items)) {
    if (item.type() != element_type::OBJECT || !ItemIsFor(item, r.field, r.arena)) {
      continue;
    }
    std::string_view from = MemberText(item, "from", r.arena);
    std::string_view from_string = MemberText(item, "fromString", r.arena);
    std::string_view to = MemberText(item, "to", r.arena);
    std::string_view to_string = MemberText(item, "toString", r.arena);
    if (!r.field.multi_valued) {
      if (!any) r.out.clear();
      any = true;
      r.out.clear();
      if (!from.empty() || !from_string.empty()) {
        r.out.push_back(SidePending(from, from_string, r.field, r.context));
      }
      break;  // the first item of the field says what it was before
    }
    if (labels) {
      // Jira writes the whole label set, space-separated, on each side.
      r.out.clear();
      std::string_view rest = from_string.empty() ? from : from_string;
      while (!rest.empty()) {
        size_t space = rest.find(' ');
        std::string_view label = rest.substr(0, space);
        if (!label.empty()) r.out.push_back(TextPending(label));
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
      }
      any = true;
      continue;
    }
    // Other multi-valued fields log one item per added or removed value.
    if (!to.empty() || !to_string.empty()) {
      auto found = std::find_if(r.out.begin(), r.out.end(), [&](const Pending& p) {
        return PendingOverlaps(p, to, to_string);
      });
      if (found != r.out.end()) r.out.erase(found);
    }
    if (!from.empty() || !from_string.empty()) {
      r.out.push_back(SidePending(from, from_string, r.field, r.context));
    }
    any = true;
  }
}

// --- text (evaluator_text.cc) --------------------------------------------------------

bool IsInlineNode(std::string_view type) {
  return type == "text" || type == "hardBreak" || type == "mention" ||
         type == "emoji" || type == "inlineCard" || type == "date" ||
         type == "status";
}

void AppendAdf(const element& node, std::string* out, int depth) {
  if (depth > 128) return;
  if (node.type() == element_type::ARRAY) {
    for (element child : ArrayOf(node)) AppendAdf(child, out, depth + 1);
    return;
  }
  if (node.type() != element_type::OBJECT) return;
  Arena scratch;
  std::string_view type;
  if (Opt t = RawMember(node, "type"); t && IsString(*t)) {
    type = t->get_string().value_unsafe();
  }
  Opt attrs = RawMember(node, "attrs");
  auto attr = [&](const char* name) -> std::string {
    if (!IsObject(attrs)) return std::string();
    Opt v = RawMember(attrs, name);
    return v ? std::string(ScalarText(*v, scratch)) : std::string();
  };
  if (type == "text") {
    if (Opt t = RawMember(node, "text")) out->append(ScalarText(*t, scratch));
  }
  if (type == "hardBreak") out->push_back('\n');
  if (type == "mention" || type == "emoji") out->append(attr("text"));
  if (type == "inlineCard") out->append(attr("url"));
  if (type == "status" || type == "date") out->append(attr("text"));
  if (Opt content = RawMember(node, "content")) AppendAdf(*content, out, depth + 1);
  if (!IsInlineNode(type)) out->push_back('\n');
}

bool IsTextLike(const element& value) {
  if (IsString(value)) return true;
  if (value.type() != element_type::OBJECT) return false;
  Opt type = RawMember(value, "type");
  return type && IsString(*type) && type->get_string().value_unsafe() == "doc";
}

// --- term evaluation (evaluator.cc, evaluator_compare.cc) ---------------------

struct Resolved {
  const JqlQueryValue* query = nullptr;
  bool empty = false;
  bool instant = false;
  std::optional<double> number;
};

// The reference's IsNumericType: number, duration and date fields.
bool IsNumericType(const JqlFieldImage& field) {
  switch (field.reader) {
    case JqlReader::kNumber:
    case JqlReader::kWorkRatio:
    case JqlReader::kProgress:
    case JqlReader::kDuration:
    case JqlReader::kDate:
    case JqlReader::kDateOnly:
    case JqlReader::kWorklogDate:
      return true;
    default:
      return false;
  }
}

// Numbers compare numerically in `=` for numeric types and for fields whose
// type is unknown (entity properties, unrecognised custom fields).
bool IsNumericCompare(const JqlFieldImage& field) {
  return IsNumericType(field) || field.compare == JqlCompare::kNumeric;
}

bool IsDateOnly(const JqlFieldImage& field) {
  return field.reader == JqlReader::kDateOnly ||
         field.reader == JqlReader::kWorklogDate;
}

double Normalize(const JqlFieldImage& field, int64_t ms, const JqlContext& c) {
  if (IsDateOnly(field)) {
    return static_cast<double>(stdlib::StartOfLocalDay(ms, c.time));
  }
  return ToSeconds(ms);
}

constexpr std::pair<const char*, std::pair<stdlib::CalendarUnit, bool>> kPeriods[] = {
    {"startofday", {stdlib::CalendarUnit::kDay, false}},
    {"startofweek", {stdlib::CalendarUnit::kWeek, false}},
    {"startofmonth", {stdlib::CalendarUnit::kMonth, false}},
    {"startofyear", {stdlib::CalendarUnit::kYear, false}},
    {"endofday", {stdlib::CalendarUnit::kDay, true}},
    {"endofweek", {stdlib::CalendarUnit::kWeek, true}},
    {"endofmonth", {stdlib::CalendarUnit::kMonth, true}},
    {"endofyear", {stdlib::CalendarUnit::kYear, true}},
};

// Resolves a date operand to an instant (un-normalised).
std::optional<int64_t> ResolveInstant(const JqlQueryValue& q,
                                      const JqlContext& c, std::string* error) {
  if (q.kind == JqlOperandKind::kDateFunction) {
    if (q.text == "now") return c.time.now_ms;
    for (const auto& [name, spec] : kPeriods) {
      if (q.text != name) continue;
      std::string message;
      std::optional<int64_t> at = stdlib::StartOrEndOf(
          spec.first, spec.second, q.argument, c.time, q.text, &message);
      if (!at) *error = message;
      return at;
    }
    *error = "Function '" + q.text + "()' does not return a date";
    return std::nullopt;
  }
  std::optional<int64_t> at = stdlib::ParseJqlDate(q.text, q.is_number, c.time);
  if (!at) {
    *error = "'" + q.text + "' is not a valid date: use \"yyyy/MM/dd [HH:mm]\", "
             "\"yyyy-MM-dd [HH:mm]\", a period such as \"-1d\", or epoch "
             "milliseconds";
  }
  return at;
}

bool Resolve(const JqlFieldImage& field, const JqlQueryValue& q,
             const JqlContext& c, Resolved* out, std::string* error) {
  out->query = &q;
  out->empty = q.kind == JqlOperandKind::kEmpty;
  out->number = q.number;
  if (q.instant) {
    std::optional<int64_t> at = ResolveInstant(q, c, error);
    if (!at) return false;
    out->instant = true;
    out->number = Normalize(field, *at, c);
  }
  return true;
}

bool NameMatches(const JqlValue& value, std::string_view text) {
  if (EqualsFolded(value.text, text)) return true;
  for (uint32_t i = 0; i < value.id_count; ++i) {
    if (EqualsFolded(value.ids[i], text)) return true;
  }
  return false;
}

bool ValueEquals(const JqlFieldImage& field, const JqlValue& value,
                 const Resolved& q) {
  if (q.instant) return value.has_number && q.number && value.number == *q.number;
  if (value.has_number && q.number && IsNumericCompare(field)) {
    return value.number == *q.number;
  }
  if (NameMatches(value, q.query->text)) return true;
  if (field.compare == JqlCompare::kCascade) {
    for (uint32_t i = 0; i < value.child_count; ++i) {
      if (EqualsFolded(value.child[i], q.query->text)) return true;
    }
  }
  return false;
}

bool AnyEquals(const JqlFieldImage& field, const JqlValueList& values,
               const Resolved& q) {
  if (q.empty) return values.size == 0;
  for (uint32_t i = 0; i < values.size; ++i) {
    if (ValueEquals(field, values.values[i], q)) return true;
  }
  return false;
}

JqlOutcome Positive(const JqlTerm& term, const JqlFieldImage& field,
                    const JqlValueList& values, const JqlContext& c) {
  JqlOutcome result;
  for (const JqlQueryValue& query : term.values) {
    Resolved q;
    if (!Resolve(field, query, c, &q, &result.error)) return JqlOutcome{false, result.error};
    result.matched = result.matched || AnyEquals(field, values, q);
  }
  return result;
}

JqlOutcome Negative(const JqlTerm& term, const JqlFieldImage& field,
                    const JqlValueList& values, const JqlContext& c) {
  bool empty_ok = field.compare == JqlCompare::kLinkType;
  if (values.size == 0 && !empty_ok) return JqlOutcome{};
  JqlOutcome result{true, ""};
  for (const JqlQueryValue& query : term.values) {
    if (query.kind == JqlOperandKind::kEmpty) {
      result.matched = result.matched && values.size > 0;
      continue;
    }
    Resolved q;
    if (!Resolve(field, query, c, &q, &result.error)) return JqlOutcome{false, result.error};
    result.matched = result.matched && !AnyEquals(field, values, q);
  }
  return result;
}

bool OrderHolds(JqlOp op, int c) {
  switch (op) {
    case JqlOp::kLess: return c < 0;
    case JqlOp::kLessEquals: return c <= 0;
    case JqlOp::kGreater: return c > 0;
    case JqlOp::kGreaterEquals: return c >= 0;
    default: return false;
  }
}

std::optional<int> RankOfValue(const JqlValue& value) {
  if (auto rank = DefaultPriorityRank(value.text)) return rank;
  for (uint32_t i = 0; i < value.id_count; ++i) {
    if (auto rank = DefaultPriorityRank(value.ids[i])) return rank;
  }
  return std::nullopt;
}

std::optional<int> CompareForOrder(const JqlFieldImage& field,
                                   const JqlValue& value, const Resolved& q,
                                   std::string* error) {
  switch (field.compare) {
    case JqlCompare::kPriority: {
      std::optional<int> rank = RankOfValue(value);
      if (!rank) {
        *error = "Priority '" + std::string(value.text) +
                 "' is not in the priority order; give the order of your "
                 "instance's priorities (--priorities)";
        return std::nullopt;
      }
      if (!q.number) return std::nullopt;
      return ThreeWay(static_cast<double>(-*rank), -*q.number);
    }
    case JqlCompare::kVersion:
      return NaturalCompare(value.text, q.query->text);
    case JqlCompare::kIssueKey: {
      std::optional<KeyParts> mine = ParseIssueKey(value.text);
      if (!mine || mine->project != q.query->key_project) return std::nullopt;
      return ThreeWay(mine->number, q.query->key_number);
    }
    default:
      break;
  }
  if (value.has_number && q.number) return ThreeWay(value.number, *q.number);
  if (IsNumericType(field)) return std::nullopt;
  return CompareFoldedText(value.text, q.query->text);
}

JqlOutcome Ordering(const JqlTerm& term, const JqlFieldImage& field,
                    const JqlValueList& values, const JqlContext& c) {
  if (term.values.size() != 1) return JqlOutcome{};
  const JqlQueryValue& query = term.values.front();
  if (query.kind == JqlOperandKind::kEmpty) return JqlOutcome{};
  Resolved q;
  JqlOutcome result;
  if (!Resolve(field, query, c, &q, &result.error)) return result;
  for (uint32_t i = 0; i < values.size; ++i) {
    std::string error;
    std::optional<int> order = CompareForOrder(field, values.values[i], q, &error);
    if (!error.empty()) return JqlOutcome{false, error};
    if (order && OrderHolds(term.op, *order)) return JqlOutcome{true, ""};
  }
  return JqlOutcome{};
}

// `~` on text: the texts searched, one document per field (per comment).
void LikeTexts(const JqlFieldImage& field, const JqlValueList& values,
               JqlContext& c, std::vector<std::string>* texts) {
  if (field.reader != JqlReader::kTextMaster) {
    for (uint32_t i = 0; i < values.size; ++i) {
      if (!values.values[i].text.empty()) texts->emplace_back(values.values[i].text);
    }
    return;
  }
  JqlIssue& issue = *c.issue;
  for (const char* key : {"summary", "description", "environment"}) {
    if (Opt value = issue.Field(key)) texts->push_back(JqlPlainText(*value));
  }
  JqlFieldImage comment;
  comment.name = "comment";
  comment.reader = JqlReader::kComment;
  JqlValueList comments = ReadJqlField(comment, c);
  for (uint32_t i = 0; i < comments.size; ++i) {
    if (!comments.values[i].text.empty()) texts->emplace_back(comments.values[i].text);
  }
  // history_names of the `text` field lists the custom text fields' keys;
  // "*" means every customfield_* holding text.
  bool every = field.history_names.size() == 1 && field.history_names[0] == "*";
  if (every) {
    if (Opt fields = issue.fields()) {
      for (auto member : ObjectOf(*fields)) {
        if (member.key.substr(0, 12) == "customfield_" && IsTextLike(member.value)) {
          texts->push_back(JqlPlainText(member.value));
        }
      }
    }
    return;
  }
  for (const std::string& key : field.history_names) {
    if (Opt value = issue.Field(key)) texts->push_back(JqlPlainText(*value));
  }
}

// Returns the analysed texts of `field` in the context's view, from the
// per-event cache when there is one.
const std::vector<stdlib::AnalyzedText>& AnalyzedTexts(const JqlFieldImage& field,
                                                       const JqlValueList& values,
                                                       JqlContext& c) {
  JqlTextCache::Entry* entry = nullptr;
  thread_local JqlTextCache::Entry scratch;
  if (c.text_cache != nullptr) {
    for (JqlTextCache::Entry& e : c.text_cache->entries) {
      if (e.field == &field && e.view == c.view) entry = &e;
    }
    if (entry != nullptr && entry->generation == c.generation) return entry->texts;
    if (entry == nullptr) {
      entry = &c.text_cache->entries.emplace_back();
      entry->field = &field;
      entry->view = c.view;
    }
  } else {
    entry = &scratch;
  }
  entry->generation = c.generation;
  entry->texts.clear();
  std::vector<std::string> texts;
  LikeTexts(field, values, c, &texts);
  for (const std::string& text : texts) entry->texts.push_back(stdlib::AnalyzeText(text));
  return entry->texts;
}

JqlOutcome Like(const JqlTerm& term, const JqlFieldImage& field,
                const JqlValueList& values, JqlContext& c) {
  bool negated = term.op == JqlOp::kNotLike;
  if (field.compare == JqlCompare::kVersion) {
    if (values.error != nullptr) return JqlOutcome{false, values.error};
    if (values.size == 0) return JqlOutcome{};
    bool any = false;
    for (uint32_t i = 0; i < values.size; ++i) {
      for (const JqlQueryValue& pattern : term.values) {
        any = any || stdlib::TextQuery::WildcardEquals(pattern.text,
                                                       values.values[i].text);
      }
    }
    return JqlOutcome{negated ? !any : any, ""};
  }
  if (!term.text_query) return JqlOutcome{};
  if (values.error != nullptr) return JqlOutcome{false, values.error};
  const std::vector<stdlib::AnalyzedText>& analyzed = AnalyzedTexts(field, values, c);
  if (analyzed.empty()) return JqlOutcome{};
  bool any = false;
  for (const stdlib::AnalyzedText& text : analyzed) {
    any = term.text_query->Matches(text);
    if (any) break;
  }
  return JqlOutcome{negated ? !any : any, ""};
}

// --- history (evaluator_history.cc) ----------------------------------------------

using Names = std::vector<std::string_view>;

struct HeldValue {
  Names names;
  int64_t start = kMinTime;
  int64_t end = kMaxTime;
  Opt setter;
};

struct Change {
  int64_t at = 0;
  Opt author;
  element item;
};

void AddName(Names* names, std::string_view name) {
  if (!name.empty()) names->push_back(name);
}

Names FromNames(const element& item, Arena& arena) {
  Names names;
  AddName(&names, MemberText(item, "from", arena));
  AddName(&names, MemberText(item, "fromString", arena));
  AddName(&names, MemberText(item, "tmpFromAccountId", arena));
  return names;
}

Names ToNames(const element& item, Arena& arena) {
  Names names;
  AddName(&names, MemberText(item, "to", arena));
  AddName(&names, MemberText(item, "toString", arena));
  AddName(&names, MemberText(item, "tmpToAccountId", arena));
  return names;
}

bool Overlap(const Names& a, const Names& b) {
  for (std::string_view x : a) {
    for (std::string_view y : b) {
      if (EqualsFolded(x, y)) return true;
    }
  }
  return false;
}

std::vector<Change> ChangesOf(const JqlFieldImage& field, JqlIssue& issue,
                              Arena& arena) {
  std::vector<Change> changes;
  for (const JqlIssue::Entry& entry : issue.history()) {
    for (element item : ArrayOf(entry.items)) {
      if (item.type() == element_type::OBJECT && ItemIsFor(item, field, arena)) {
        changes.push_back(Change{entry.created_ms, entry.author, item});
      }
    }
  }
  return changes;
}

std::vector<Names> CurrentNames(const JqlValueList& values) {
  std::vector<Names> out;
  for (uint32_t v = 0; v < values.size; ++v) {
    const JqlValue& value = values.values[v];
    Names names(value.ids, value.ids + value.id_count);
    names.push_back(value.text);
    out.push_back(std::move(names));
  }
  return out;
}

int64_t CreatedAt(JqlIssue& issue) {
  Opt created = issue.Field("created");
  if (created && IsString(*created)) {
    if (auto at = stdlib::ParseIsoInstant(created->get_string().value_unsafe())) {
      return *at;
    }
  }
  return kMinTime;
}

Opt Creator(JqlIssue& issue) {
  Opt creator = issue.Field("creator");
  return creator ? creator : issue.Field("reporter");
}

Names Joined(const std::vector<Names>& values) {
  Names names;
  for (const Names& value : values) names.insert(names.end(), value.begin(), value.end());
  return names;
}

std::vector<HeldValue> SingleTimeline(const std::vector<Change>& changes,
                                      const std::vector<Names>& current,
                                      JqlIssue& issue, Arena& arena) {
  int64_t created = CreatedAt(issue);
  if (changes.empty()) {
    return {HeldValue{Joined(current), created, kMaxTime, Creator(issue)}};
  }
  std::vector<HeldValue> held;
  held.push_back(HeldValue{FromNames(changes.front().item, arena), created,
                           changes.front().at, Creator(issue)});
  for (size_t i = 0; i < changes.size(); ++i) {
    int64_t end = i + 1 < changes.size() ? changes[i + 1].at : kMaxTime;
    held.push_back(HeldValue{ToNames(changes[i].item, arena), changes[i].at, end,
                             changes[i].author});
  }
  Names now = Joined(current);
  held.back().names.insert(held.back().names.end(), now.begin(), now.end());
  return held;
}

std::vector<Names> InitialSet(const std::vector<Change>& changes,
                              std::vector<Names> set, Arena& arena) {
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    Names to = ToNames(it->item, arena);
    if (!to.empty()) {
      auto found = std::find_if(set.begin(), set.end(),
                                [&](const Names& v) { return Overlap(v, to); });
      if (found != set.end()) set.erase(found);
    }
    Names from = FromNames(it->item, arena);
    if (!from.empty()) set.push_back(from);
  }
  return set;
}

class SetTimeline {
 public:
  SetTimeline(const std::vector<Names>& initial, int64_t created, Opt creator) {
    for (const Names& value : initial) {
      open_.push_back(HeldValue{value, created, kMaxTime, creator});
    }
    if (open_.empty()) empty_since_ = created;
  }

  void Apply(const Change& change, Arena& arena) {
    Names from = FromNames(change.item, arena);
    Names to = ToNames(change.item, arena);
    if (!from.empty()) Close(from, change.at);
    if (!to.empty()) Open(to, change.at, change.author);
  }

  std::vector<HeldValue> Finish(const std::vector<Names>& current) {
    for (HeldValue& value : open_) {
      for (const Names& now : current) {
        if (Overlap(value.names, now)) {
          value.names.insert(value.names.end(), now.begin(), now.end());
        }
      }
      held_.push_back(std::move(value));
    }
    if (empty_since_) held_.push_back(HeldValue{{}, *empty_since_, kMaxTime, {}});
    return std::move(held_);
  }

 private:
  void Close(const Names& value, int64_t at) {
    auto found = std::find_if(open_.begin(), open_.end(), [&](const auto& v) {
      return Overlap(v.names, value);
    });
    if (found == open_.end()) return;
    found->end = at;
    held_.push_back(std::move(*found));
    open_.erase(found);
    if (open_.empty()) empty_since_ = at;
  }

  void Open(const Names& value, int64_t at, Opt author) {
    if (open_.empty() && empty_since_) {
      held_.push_back(HeldValue{{}, *empty_since_, at, {}});
      empty_since_.reset();
    }
    open_.push_back(HeldValue{value, at, kMaxTime, author});
  }

  std::vector<HeldValue> open_;
  std::vector<HeldValue> held_;
  std::optional<int64_t> empty_since_;
};

bool NamesMatch(const Names& names, const JqlQueryValue& query) {
  switch (query.kind) {
    case JqlOperandKind::kEmpty: return names.empty();
    case JqlOperandKind::kText: {
      for (std::string_view name : names) {
        if (EqualsFolded(name, query.text)) return true;
      }
      return false;
    }
    default: return false;
  }
}

bool AnyNamesMatch(const Names& names, const std::vector<JqlQueryValue>& values) {
  for (const JqlQueryValue& value : values) {
    if (NamesMatch(names, value)) return true;
  }
  return false;
}

bool ByMatches(const Opt& user, const JqlTerm& term, Arena& arena) {
  if (!term.has_by) return true;
  if (!user || user->type() == element_type::NULL_VALUE) return false;
  Pending names;
  UserNames(*user, arena, &names);
  for (const std::string& by : term.by) {
    for (int i = 0; i < names.id_count; ++i) {
      if (EqualsFolded(by, names.ids[i])) return true;
    }
  }
  return false;
}

struct Window {
  int64_t begin = kMinTime;
  int64_t end = kMaxTime;
};

void Narrow(Window* w, int64_t begin, int64_t end) {
  w->begin = std::max(w->begin, begin);
  w->end = std::min(w->end, end);
}

bool WindowOf(const JqlTerm& term, const JqlContext& c, Window* w,
              std::string* error) {
  for (const JqlWindowImage& p : term.windows) {
    JqlQueryValue first;
    first.kind = p.first.kind;
    first.text = p.first.text;
    first.is_number = p.first.is_number;
    first.argument = p.first.argument;
    std::optional<int64_t> t = ResolveInstant(first, c, error);
    if (!t) return false;
    switch (p.kind) {
      case JqlWindowKind::kAfter: Narrow(w, *t + 1, kMaxTime); break;
      case JqlWindowKind::kBefore: Narrow(w, kMinTime, *t); break;
      case JqlWindowKind::kOn: {
        int64_t day = stdlib::StartOfLocalDay(*t, c.time);
        Narrow(w, day, stdlib::StartOfLocalDay(day + kDayAndAHalfMs, c.time));
        break;
      }
      case JqlWindowKind::kDuring: {
        JqlQueryValue second;
        second.kind = p.second.kind;
        second.text = p.second.text;
        second.is_number = p.second.is_number;
        second.argument = p.second.argument;
        std::optional<int64_t> to = ResolveInstant(second, c, error);
        if (!to) return false;
        Narrow(w, *t, *to + 1);
        break;
      }
    }
  }
  return true;
}

JqlOutcome History(const JqlTerm& term, const JqlFieldImage& field,
                   const JqlValueList& values, JqlContext& c) {
  Arena& arena = *c.arena;
  Window window;
  std::string error;
  if (!WindowOf(term, c, &window, &error)) return JqlOutcome{false, error};
  std::vector<Change> changes = ChangesOf(field, *c.issue, arena);
  if (term.op == JqlOp::kChanged) {
    for (const Change& change : changes) {
      if (change.at < window.begin || change.at >= window.end) continue;
      if (term.has_from && !AnyNamesMatch(FromNames(change.item, arena), term.from)) continue;
      if (term.has_to && !AnyNamesMatch(ToNames(change.item, arena), term.to)) continue;
      if (ByMatches(change.author, term, arena)) return JqlOutcome{true, ""};
    }
    return JqlOutcome{};
  }
  std::vector<Names> current = CurrentNames(values);
  std::vector<HeldValue> timeline;
  if (!field.multi_valued) {
    timeline = SingleTimeline(changes, current, *c.issue, arena);
  } else {
    SetTimeline set(InitialSet(changes, current, arena), CreatedAt(*c.issue),
                    Creator(*c.issue));
    for (const Change& change : changes) set.Apply(change, arena);
    timeline = set.Finish(current);
  }
  bool any = false;
  for (const JqlQueryValue& query : term.values) {
    for (const HeldValue& held : timeline) {
      bool in_window = held.start < window.end && held.end > window.begin;
      if (in_window && NamesMatch(held.names, query) &&
          ByMatches(held.setter, term, arena)) {
        any = true;
        break;
      }
    }
  }
  bool negated = term.op == JqlOp::kWasNot || term.op == JqlOp::kWasNotIn;
  return JqlOutcome{negated ? !any : any, ""};
}

bool PrepareValue(const JqlOperandImage& image, const JqlFieldImage& field,
                  JqlOp op, JqlQueryValue* out, std::string* error) {
  out->kind = image.kind;
  out->text = image.text;
  AppendFolded(image.text, &out->folded);
  out->is_number = image.is_number;
  out->argument = image.argument;
  bool ordering = op == JqlOp::kLess || op == JqlOp::kGreater ||
                  op == JqlOp::kLessEquals || op == JqlOp::kGreaterEquals;
  if (image.kind == JqlOperandKind::kEmpty) return true;
  if (image.kind == JqlOperandKind::kDateFunction ||
      image.kind == JqlOperandKind::kDateLiteral) {
    out->instant = true;
    return true;
  }
  if (field.reader == JqlReader::kDuration) {
    stdlib::TimeContext time;
    std::optional<int64_t> seconds = stdlib::ParseTrackingDuration(image.text, time);
    if (!seconds) {
      *error = "'" + image.text + "' is not a valid duration for field '" +
               field.name + "'";
      return false;
    }
    out->number = static_cast<double>(*seconds);
    return true;
  }
  if (field.compare == JqlCompare::kPriority) {
    if (ordering) {
      std::optional<int> rank = DefaultPriorityRank(image.text);
      if (!rank) {
        *error = "The priority '" + image.text +
                 "' is not in the configured priority order (field '" +
                 field.name + "')";
        return false;
      }
      out->number = *rank;
    }
    return true;
  }
  if (field.compare == JqlCompare::kIssueKey) {
    if (ordering) {
      std::optional<KeyParts> parts = ParseIssueKey(image.text);
      if (!parts) {
        *error = "Comparing issue keys with < or > needs an issue key such as "
                 "ABC-123, not '" + image.text + "'";
        return false;
      }
      out->key_project = parts->project;
      out->key_number = parts->number;
    }
    return true;
  }
  if (field.compare == JqlCompare::kResolution) return true;
  out->number = ParseNumber(image.text);
  return true;
}

}  // namespace

// --- public ---------------------------------------------------------------------------

std::optional<int> DefaultPriorityRank(std::string_view name) {
  static constexpr const char* kRanks[5][2] = {{"Highest", "Blocker"},
                                               {"High", "Critical"},
                                               {"Medium", "Major"},
                                               {"Low", "Minor"},
                                               {"Lowest", "Trivial"}};
  for (int rank = 0; rank < 5; ++rank) {
    for (const char* entry : kRanks[rank]) {
      if (EqualsFolded(entry, name)) return rank;
    }
  }
  return std::nullopt;
}

bool PrepareJqlTerm(const JqlTermImage& image, const JqlFieldImage& field,
                    JqlTerm* term, std::string* error) {
  term->field = image.field;
  term->op = image.op;
  for (const JqlOperandImage& value : image.values) {
    JqlQueryValue q;
    if (!PrepareValue(value, field, image.op, &q, error)) return false;
    term->values.push_back(std::move(q));
  }
  if ((image.op == JqlOp::kLike || image.op == JqlOp::kNotLike) &&
      field.compare != JqlCompare::kVersion) {
    auto query = std::make_shared<stdlib::TextQuery>(image.text_query);
    if (!query->ok()) {
      *error = "The text query '" + image.text_query + "' for field '" +
               field.name + "' is malformed: " + query->error();
      return false;
    }
    term->text_query = std::move(query);
  }
  term->windows = image.windows;
  term->has_by = image.has_by;
  term->by = image.by;
  term->has_from = image.has_from;
  term->has_to = image.has_to;
  for (const JqlOperandImage& value : image.from) {
    JqlQueryValue q;
    q.kind = value.kind;
    q.text = value.text;
    term->from.push_back(std::move(q));
  }
  for (const JqlOperandImage& value : image.to) {
    JqlQueryValue q;
    q.kind = value.kind;
    q.text = value.text;
    term->to.push_back(std::move(q));
  }
  return true;
}

void JqlIssue::Reset(element root) {
  Clear();
  root_ = root;
  Locate(root);
}

void JqlIssue::Clear() {
  // Reset member by member: the history vector keeps its capacity, so a
  // warm state does not allocate per event.
  found_ = false;
  webhook_ = false;
  key_ = id_ = webhook_event_ = std::string_view();
  root_.reset();
  issue_.reset();
  fields_.reset();
  properties_.reset();
  comment_.reset();
  event_items_.reset();
  history_built_ = false;
  history_.clear();
}

void JqlIssue::Locate(element root) {
  if (root.type() != element_type::OBJECT) return;
  Opt event = RawMember(root, "webhookEvent");
  Opt issue = RawMember(root, "issue");
  bool webhook = event.has_value() || IsObject(issue);
  webhook_ = webhook;
  if (webhook) {
    if (event && IsString(*event)) webhook_event_ = event->get_string().value_unsafe();
    if (!IsObject(issue)) return;
    issue_ = issue;
    if (Opt comment = RawMember(root, "comment"); IsObject(comment)) comment_ = comment;
    Opt changelog = Member(root, "changelog");
    if (changelog && !RawMember(changelog, "histories")) {
      Opt items = Member(changelog, "items");
      if (IsArray(items)) event_items_ = items;
    }
  } else {
    if (!RawMember(root, "fields") && !RawMember(root, "key")) return;
    issue_ = root;
  }
  found_ = true;
  Arena scratch;
  if (Opt key = RawMember(issue_, "key"); key && IsString(*key)) {
    key_ = key->get_string().value_unsafe();
  }
  if (Opt id = RawMember(issue_, "id")) {
    id_storage_ = std::string(ScalarText(*id, scratch));
    id_ = id_storage_;
  }
  Opt fields = RawMember(issue_, "fields");
  if (IsObject(fields)) fields_ = fields;
  Opt properties = RawMember(issue_, "properties");
  if (IsObject(properties)) properties_ = properties;
}

std::optional<element> JqlIssue::Field(std::string_view key) const {
  if (key.empty()) return std::nullopt;
  return Member(fields_, key);
}

void JqlIssue::AddHistories(element changelog) {
  Opt histories = RawMember(changelog, "histories");
  if (!IsArray(histories)) return;
  for (element history : ArrayOf(*histories)) {
    if (history.type() != element_type::OBJECT) continue;
    Entry entry;
    Opt created = RawMember(history, "created");
    if (created && IsNumber(*created)) {
      double ms = NumberOfElement(*created);
      entry.created_ms = std::isfinite(ms) ? static_cast<int64_t>(ms) : 0;
    } else if (created && IsString(*created)) {
      entry.created_ms =
          stdlib::ParseIsoInstant(created->get_string().value_unsafe()).value_or(0);
    }
    if (Opt author = RawMember(history, "author")) entry.author = author;
    Opt items = RawMember(history, "items");
    if (!IsArray(items)) continue;
    entry.items = *items;
    history_.push_back(entry);
  }
}

const std::vector<JqlIssue::Entry>& JqlIssue::history() {
  if (history_built_) return history_;
  history_built_ = true;
  if (!found_) return history_;
  if (Opt changelog = RawMember(issue_, "changelog")) AddHistories(*changelog);
  if (webhook_) {
    Opt changelog = RawMember(root_, "changelog");
    if (changelog && RawMember(changelog, "histories")) {
      AddHistories(*changelog);
    } else if (changelog) {
      Opt items = RawMember(changelog, "items");
      bool has_items = false;
      if (IsArray(items)) {
        for (element item : ArrayOf(*items)) {
          if (item.type() == element_type::OBJECT) has_items = true;
        }
      }
      if (has_items) {
        Entry entry;
        Opt timestamp = RawMember(root_, "timestamp");
        if (timestamp && IsNumber(*timestamp)) {
          double ms = NumberOfElement(*timestamp);
          entry.created_ms = std::isfinite(ms) ? static_cast<int64_t>(ms) : 0;
        } else if (timestamp && IsString(*timestamp)) {
          entry.created_ms =
              stdlib::ParseIsoInstant(timestamp->get_string().value_unsafe()).value_or(0);
        }
        if (Opt user = RawMember(root_, "user")) entry.author = user;
        entry.items = *items;
        history_.push_back(entry);
      }
    }
  }
  std::stable_sort(history_.begin(), history_.end(),
                   [](const Entry& a, const Entry& b) {
                     return a.created_ms < b.created_ms;
                   });
  return history_;
}

JqlValueList ReadJqlField(const JqlFieldImage& field, JqlContext& context) {
  thread_local PendingList scratch;
  Reader r{field, context, *context.issue, *context.arena, {}, nullptr};
  r.out.swap(scratch);
  r.out.clear();
  if (context.issue->found()) {
    ReadCurrent(r);
    if (context.view == JqlView::kPrevious) ApplyPrevious(r);
  }
  JqlValueList list = Finish(r.out, *context.arena);
  list.error = r.error;
  list.field = &field;
  r.out.swap(scratch);
  return list;
}

JqlOutcome EvaluateJqlTerm(const JqlTerm& term, const JqlFieldImage& field,
                           const JqlValueList& values, JqlContext& context) {
  switch (term.op) {
    case JqlOp::kLike:
    case JqlOp::kNotLike:
      return Like(term, field, values, context);
    case JqlOp::kWas:
    case JqlOp::kWasNot:
    case JqlOp::kWasIn:
    case JqlOp::kWasNotIn:
    case JqlOp::kChanged:
      return History(term, field, values, context);
    default:
      break;
  }
  if (values.error != nullptr) return JqlOutcome{false, values.error};
  switch (term.op) {
    case JqlOp::kLess:
    case JqlOp::kGreater:
    case JqlOp::kLessEquals:
    case JqlOp::kGreaterEquals:
      return Ordering(term, field, values, context);
    case JqlOp::kNotEquals:
    case JqlOp::kNotIn:
    case JqlOp::kIsNot:
      return Negative(term, field, values, context);
    default:
      return Positive(term, field, values, context);
  }
}

std::string JqlPlainText(element value) {
  if (IsString(value)) return std::string(value.get_string().value_unsafe());
  std::string out;
  if (value.type() == element_type::OBJECT || value.type() == element_type::ARRAY) {
    AppendAdf(value, &out, 0);
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

void FoldJqlNames(JqlValueList& list, Arena& arena) {
  if (list.field == nullptr) return;
  uint32_t count = 0;
  for (uint32_t v = 0; v < list.size; ++v) {
    count += 1 + list.values[v].id_count;
    if (list.field->compare == JqlCompare::kCascade) count += list.values[v].child_count;
  }
  auto* names = arena.AllocateArray<std::string_view>(count);
  if (names == nullptr && count > 0) return;  // out of memory: fold per test
  uint32_t n = 0;
  AnyJqlName(list, *list.field, arena, [&](std::string_view name) {
    names[n++] = name;
    return false;
  });
  list.names = names;
  list.name_count = n;
  list.names_ready = true;
}

}  // namespace syncrule::runtime
