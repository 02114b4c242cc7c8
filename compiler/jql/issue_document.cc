#include "compiler/jql/issue_document.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "stdlib/jql_time.h"

namespace syncrule::jql {
namespace {

using nlohmann::json;

// Returns member `name` of `object`, or null when `object` is not an object
// or has no such member.
const json* Member(const json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

// Returns member `name` as text (see JsonScalarText), or "".
std::string MemberText(const json& object, std::string_view name) {
  const json* member = Member(object, name);
  return member == nullptr ? std::string() : JsonScalarText(*member);
}

// Reads an instant written as an ISO string or as epoch milliseconds.
std::optional<int64_t> ReadInstant(const json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_number()) {
    double ms = value->get<double>();
    if (!std::isfinite(ms)) return std::nullopt;
    return static_cast<int64_t>(ms);
  }
  if (value->is_string()) {
    return stdlib::ParseIsoInstant(value->get_ref<const std::string&>());
  }
  return std::nullopt;
}

HistoryItem ReadItem(const json& item) {
  HistoryItem out;
  out.field = MemberText(item, "field");
  out.field_id = MemberText(item, "fieldId");
  out.from = MemberText(item, "from");
  out.from_string = MemberText(item, "fromString");
  out.to = MemberText(item, "to");
  out.to_string = MemberText(item, "toString");
  out.from_account_id = MemberText(item, "tmpFromAccountId");
  out.to_account_id = MemberText(item, "tmpToAccountId");
  return out;
}

std::vector<HistoryItem> ReadItems(const json* items) {
  std::vector<HistoryItem> out;
  if (items == nullptr || !items->is_array()) return out;
  for (const json& item : *items) {
    if (item.is_object()) out.push_back(ReadItem(item));
  }
  return out;
}

// Returns the index of the comment with id `id` in `comments`, or -1.
int FindComment(const json& comments, const std::string& id) {
  for (size_t i = 0; i < comments.size(); ++i) {
    if (MemberText(comments[i], "id") == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

std::string JsonScalarText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return value.dump();
  if (value.is_number_float()) {
    double d = value.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
      return std::to_string(static_cast<int64_t>(d));
    }
    return value.dump();
  }
  return std::string();
}

const json* IssueDocument::Field(std::string_view json_key) const {
  if (json_key.empty()) return nullptr;
  const json* value = Member(fields_, json_key);
  return value == nullptr || value->is_null() ? nullptr : value;
}

std::optional<IssueDocument> IssueDocument::FromText(std::string_view text,
                                                     std::string* error) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    if (error != nullptr) *error = "the issue is not valid JSON";
    return std::nullopt;
  }
  return FromJson(parsed, error);
}

std::optional<IssueDocument> IssueDocument::FromJson(const json& root,
                                                     std::string* error) {
  auto fail = [&](const char* message) -> std::optional<IssueDocument> {
    if (error != nullptr) *error = message;
    return std::nullopt;
  };
  if (!root.is_object()) return fail("the issue JSON is not an object");
  IssueDocument doc;
  const json* event = Member(root, "webhookEvent");
  const json* issue = Member(root, "issue");
  if (event != nullptr || (issue != nullptr && issue->is_object())) {
    if (event != nullptr) doc.webhook_event_ = JsonScalarText(*event);
    if (issue == nullptr || !issue->is_object()) {
      return fail("the webhook event carries no \"issue\" object");
    }
    doc.ReadIssue(*issue);
    doc.ReadWebhookChangelog(root);
    return doc;
  }
  if (Member(root, "fields") == nullptr && Member(root, "key") == nullptr) {
    return fail("the JSON holds no issue: expected \"key\" and \"fields\"");
  }
  doc.ReadIssue(root);
  return doc;
}

void IssueDocument::ReadIssue(const json& issue) {
  key_ = MemberText(issue, "key");
  id_ = MemberText(issue, "id");
  const json* fields = Member(issue, "fields");
  if (fields != nullptr && fields->is_object()) fields_ = *fields;
  const json* properties = Member(issue, "properties");
  if (properties != nullptr && properties->is_object()) {
    properties_ = *properties;
  }
  // Issues fetched with expand=changelog keep it beside the fields.
  if (const json* changelog = Member(issue, "changelog")) {
    ReadRestChangelog(*changelog);
  }
}

void IssueDocument::ReadRestChangelog(const json& changelog) {
  const json* histories = Member(changelog, "histories");
  if (histories == nullptr || !histories->is_array()) return;
  for (const json& history : *histories) {
    if (!history.is_object()) continue;
    HistoryEntry entry;
    entry.created_ms = ReadInstant(Member(history, "created")).value_or(0);
    if (const json* author = Member(history, "author")) entry.author = *author;
    entry.items = ReadItems(Member(history, "items"));
    history_.push_back(std::move(entry));
  }
  std::stable_sort(history_.begin(), history_.end(),
                   [](const HistoryEntry& a, const HistoryEntry& b) {
                     return a.created_ms < b.created_ms;
                   });
}

void IssueDocument::ReadWebhookChangelog(const json& root) {
  // A comment event carries the comment beside the issue; fold it into
  // fields.comment.comments so that `comment ~` sees it.
  const json* comment = Member(root, "comment");
  if (comment != nullptr && comment->is_object()) {
    json& holder = fields_["comment"];
    if (!holder.is_object()) holder = json::object();
    json& comments = holder["comments"];
    if (!comments.is_array()) comments = json::array();
    int at = FindComment(comments, MemberText(*comment, "id"));
    bool deleted = webhook_event_ == "comment_deleted";
    if (deleted && at >= 0) comments.erase(comments.begin() + at);
    if (!deleted && at >= 0) comments[at] = *comment;
    if (!deleted && at < 0) comments.push_back(*comment);
  }
  const json* changelog = Member(root, "changelog");
  if (changelog == nullptr) return;
  if (Member(*changelog, "histories") != nullptr) {
    ReadRestChangelog(*changelog);
    return;
  }
  HistoryEntry entry;
  entry.created_ms = ReadInstant(Member(root, "timestamp")).value_or(0);
  if (const json* user = Member(root, "user")) entry.author = *user;
  entry.items = ReadItems(Member(*changelog, "items"));
  if (!entry.items.empty()) history_.push_back(std::move(entry));
}

}  // namespace syncrule::jql
