#ifndef SYNCRULE_COMPILER_JQL_EVAL_CONTEXT_H_
#define SYNCRULE_COMPILER_JQL_EVAL_CONTEXT_H_

// What the reference evaluator knows beyond the issue itself: the clock and
// time zone, the current user, groups, the orders of priorities, statuses,
// resolutions and versions, and an optional "server context" with data only
// a Jira server has (issueHistory(), openSprints(), ...). Every loader
// returns its error as a value. docs/jql-semantics.md documents the file
// shapes.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "stdlib/jql_time.h"

namespace syncrule::jql {

// The outcome of a loader: a value, or an error message saying what is
// wrong and where.
template <typename T>
struct LoadResult {
  std::optional<T> value;
  std::string error;

  // Returns true when the load succeeded.
  bool ok() const { return value.has_value(); }
};

// A user as queries name them: the identifiers that denote the user
// (account id, username, user key, e-mail address; or one literal as
// written in a query or a group file).
struct UserIdentity {
  std::vector<std::string> ids;

  // Returns the identity named by `text` as written ("jsmith",
  // "557058:...", "a@b.com", "Jane Smith").
  static UserIdentity FromText(std::string_view text);
  // Returns the identity of a Jira user object ({"accountId", "name",
  // "key", "emailAddress"}) or of a JSON string; empty for other JSON.
  static UserIdentity FromJson(const nlohmann::json& user);
};

// Named groups of users, for membersOf(). Group names compare
// case-insensitively, as in Jira.
class GroupDirectory {
 public:
  // Adds `members` to the group `name` (creating it if needed).
  void Add(std::string_view name, std::vector<UserIdentity> members);
  // Returns the members of `name`, or null when no such group is known.
  const std::vector<UserIdentity>* Find(std::string_view name) const;
  // Returns the number of groups.
  size_t size() const { return groups_.size(); }

 private:
  // Lower-cased name -> members.
  std::map<std::string, std::vector<UserIdentity>> groups_;
};

// Parses a groups file: {"groups": {"jira-administrators": ["jsmith",
// "557058:...", "a@b.com", {"accountId": "...", "name": "..."}]}}.
LoadResult<GroupDirectory> ParseGroups(std::string_view json_text);

// Reads and parses the groups file at `path`.
LoadResult<GroupDirectory> LoadGroupsFile(const std::string& path);

// An ordering of named constants, most important (or first) rank first;
// each rank lists the names and ids that share it ("Highest", "Blocker",
// "1"). Names compare case-insensitively.
using RankedNames = std::vector<std::vector<std::string>>;

// Returns the default priority order: Highest|Blocker > High|Critical >
// Medium|Major > Low|Minor > Lowest|Trivial, i.e. Jira Cloud's and Jira
// Server's default schemes side by side, rank for rank (both give these
// priorities the ids 1-5 in this order). Ids are not included, so that a
// renamed or custom priority is reported instead of silently ranked.
RankedNames DefaultPriorityOrder();

// Parses an order written as "Highest, High, Medium|Normal, Low": ranks
// separated by commas, synonyms within a rank by '|'. Returns an error for
// an empty list or an empty rank.
LoadResult<RankedNames> ParseRankedNames(std::string_view text);

// Data only a Jira server has, one JSON object keyed by function name
// (docs/jql-semantics.md, "Server context"). Immutable once loaded.
class ServerContext {
 public:
  // Creates an empty context (every server function reports missing data).
  ServerContext() = default;

  // Validates `data` and returns it as a context; the error names the first
  // entry with a wrong shape or an unknown name.
  static LoadResult<ServerContext> FromJson(const nlohmann::json& data);

  // Returns the entry `name` ("issueHistory"), or null when absent.
  const nlohmann::json* Find(std::string_view name) const;
  // Returns the whole object.
  const nlohmann::json& data() const { return data_; }

 private:
  nlohmann::json data_ = nlohmann::json::object();
};

// Parses the server-context file text.
LoadResult<ServerContext> ParseServerContext(std::string_view json_text);

// Reads and parses the server-context file at `path`.
LoadResult<ServerContext> LoadServerContextFile(const std::string& path);

// Returns the names a server context may hold, for messages and docs.
const std::vector<std::string>& ServerContextEntryNames();

// Everything the evaluator needs besides the query and the issue. A plain
// value: copy it, change it, hand it to an Evaluator.
struct EvalContext {
  // The clock ("now"), the zone for dates, week start, working hours.
  stdlib::TimeContext time;
  // The logged-in user for currentUser() and the my*() functions; unset
  // means anonymous, and those functions report an error.
  std::optional<UserIdentity> current_user;
  // Groups for membersOf(); unset means no groups file was given.
  std::optional<GroupDirectory> groups;
  // Priority order for `priority > x` and ORDER BY priority.
  RankedNames priority_order = DefaultPriorityOrder();
  // Status order for ORDER BY status; empty means by status category
  // (To Do < In Progress < Done), then by name.
  RankedNames status_order;
  // Resolution order for `resolution > x` and ORDER BY resolution; empty
  // means ordering comparisons report an error and sorting is by name.
  RankedNames resolution_order;
  // Version order (oldest first) for `fixVersion > x` and ORDER BY; empty
  // means natural alphanumeric order ("1.9" < "1.10").
  RankedNames version_order;
  // Server-only data; unset means none was given.
  std::optional<ServerContext> server;
};

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_EVAL_CONTEXT_H_
