#ifndef SYNCRULE_COMPILER_JQL_ISSUE_DOCUMENT_H_
#define SYNCRULE_COMPILER_JQL_ISSUE_DOCUMENT_H_

// A Jira issue as the reference evaluator reads it, normalised from the JSON
// shapes Jira delivers:
//  - REST:     {"id", "key", "fields": {...}, "properties"?: {...}}
//  - REST with ?expand=changelog: the above plus
//              "changelog": {"histories": [{"created", "author", "items"}]}
//  - webhooks: {"webhookEvent", "timestamp": ms, "user": {...},
//              "issue": {REST shape}, "changelog": {"items": [...]}}
//    The webhook changelog is one history entry made at `timestamp` by `user`.
// docs/jql-semantics.md describes the shapes and how odd input is treated.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace syncrule::jql {

// One changed field inside a history entry. Jira writes `from`/`to` as ids
// (a status id, a username or account id) and `fromString`/`toString` as
// the display text; absent or null values are empty strings here.
struct HistoryItem {
  // The field name as Jira writes it in changelogs ("status", "Fix Version").
  std::string field;
  // The field id Jira Cloud adds ("status", "customfield_10010"), or "".
  std::string field_id;
  std::string from;
  std::string from_string;
  std::string to;
  std::string to_string;
  // Account ids Jira Cloud adds to user changes during the username
  // migration ("tmpFromAccountId"/"tmpToAccountId"), or "".
  std::string from_account_id;
  std::string to_account_id;
};

// One entry of an issue's change history: what one user changed at once.
struct HistoryEntry {
  // When the change was made, in epoch milliseconds.
  int64_t created_ms = 0;
  // The user who made it, as Jira's user JSON (null when unknown).
  nlohmann::json author;
  std::vector<HistoryItem> items;
};

// A normalised issue. Immutable and cheap to share by const reference.
class IssueDocument {
 public:
  // Creates an empty issue (no key, no fields, no history).
  IssueDocument() = default;

  // Normalises `json` (any of the shapes above) into an issue. Returns
  // nullopt and sets `error` when `json` is not an object that holds an
  // issue. Wrong types inside the issue are tolerated and read as empty.
  static std::optional<IssueDocument> FromJson(const nlohmann::json& json,
                                               std::string* error);

  // Parses `text` as JSON and normalises it like FromJson.
  static std::optional<IssueDocument> FromText(std::string_view text,
                                               std::string* error);

  // Returns the issue key ("ABC-123"), or "" when the JSON has none.
  const std::string& key() const { return key_; }
  // Returns the issue id ("10002"), or "".
  const std::string& id() const { return id_; }
  // Returns the `fields` object; always an object, perhaps empty.
  const nlohmann::json& fields() const { return fields_; }
  // Returns the issue's entity properties (REST `properties`); always an
  // object, perhaps empty.
  const nlohmann::json& properties() const { return properties_; }
  // Returns the change history, oldest entry first (stable for equal times).
  const std::vector<HistoryEntry>& history() const { return history_; }
  // Returns the webhook event name ("jira:issue_updated"), or "" for REST.
  const std::string& webhook_event() const { return webhook_event_; }

  // Returns fields()[json_key], or null when absent or when `json_key` is
  // empty.
  const nlohmann::json* Field(std::string_view json_key) const;

 private:
  void ReadIssue(const nlohmann::json& issue);
  void ReadRestChangelog(const nlohmann::json& changelog);
  void ReadWebhookChangelog(const nlohmann::json& root);

  std::string key_;
  std::string id_;
  nlohmann::json fields_ = nlohmann::json::object();
  nlohmann::json properties_ = nlohmann::json::object();
  std::vector<HistoryEntry> history_;
  std::string webhook_event_;
};

// Returns `value` as text when it is a string or a number (integers without
// a fraction: 10002 -> "10002"), else "". Used for ids that Jira writes
// either way.
std::string JsonScalarText(const nlohmann::json& value);

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_ISSUE_DOCUMENT_H_
