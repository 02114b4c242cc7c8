#ifndef SYNCRULE_COMPILER_JQL_FIELD_CATALOG_H_
#define SYNCRULE_COMPILER_JQL_FIELD_CATALOG_H_

// The table of JQL fields: Jira's system fields with their aliases, value
// types and supported operators (docs/jql.md, "Fields"), plus custom fields
// loaded from a file in the shape of Jira's `GET /rest/api/2/field`.
// Field names resolve at check time, once, as in falco's field tables.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/jql/ast.h"

namespace syncrule::jql {

// The value type of a field, which decides how values compare.
enum class FieldType : uint8_t {
  kText,            // free text searched with ~ (summary, description, ...)
  kTextMaster,      // `text`: every text field at once
  kString,          // exact string (request-channel-type, URL fields)
  kNumber,          // votes, watchers, workRatio, number custom fields
  kDate,            // date-time (created, updated, date-time pickers)
  kDateOnly,        // local date (due, date pickers, worklogDate)
  kDuration,        // time tracking, in seconds (originalEstimate, ...)
  kUser,            // assignee, reporter, user pickers
  kProject,         // project by key, name or id
  kStatus,          // status by name or id
  kStatusCategory,  // statusCategory by name, key or id
  kPriority,        // priority by name or id, ordered
  kResolution,      // resolution by name or id; `unresolved` means empty
  kIssueType,       // issuetype by name or id
  kComponent,       // components by name or id
  kVersion,         // fixVersions / versions by name or id
  kLabel,           // labels
  kIssueKey,        // issue key or id
  kSecurityLevel,   // security level
  kSprint,          // sprint by name or id
  kOption,          // select / radio / checkbox / multi-select option
  kCascadingOption, // cascading select
  kAttachment,      // attachments (IS EMPTY only)
  kIssueLinkType,   // issueLinkType
  kFilter,          // saved filter
  kCategory,        // project category
  kApproval,        // JSM approvals
  kSla,             // JSM SLA
  kEntityProperty,  // issue.property[...] and friends
  kUnknown,         // a custom field whose type is not recognised
};

// Returns a lower-case name for `type` for messages ("date", "user").
const char* FieldTypeName(FieldType type);

// A set of operators, as a bit mask indexed by Operator.
using OperatorSet = uint32_t;

// Returns the set holding only `op`.
constexpr OperatorSet OperatorBit(Operator op) {
  return OperatorSet{1} << static_cast<int>(op);
}

// Describes one field: how JQL names it, what it holds, which operators it
// supports and where its value sits in an issue's JSON.
struct FieldInfo {
  // The canonical JQL name ("priority", "fixVersion", "Story Points").
  std::string name;
  // Other names that resolve to this field ("duedate" for "due").
  std::vector<std::string> aliases;
  FieldType type = FieldType::kUnknown;
  OperatorSet operators = 0;
  // The key under issue.fields ("priority", "customfield_10010"); empty for
  // fields computed from elsewhere (issuekey, text, statusCategory).
  std::string json_key;
  // True when the field holds several values: the JSON value is an array
  // (labels, components, versions), or json_path steps through one
  // (comment.comments[].body, worklog.worklogs[].author).
  bool multi_valued = false;
  // True for custom fields, with their numeric id.
  bool is_custom = false;
  int64_t custom_id = 0;
  // The Jira schema type of a custom field ("com.atlassian...:select").
  std::string custom_type;
  // The `field` names Jira writes in changelog items for this field
  // ("status", "assignee", "Fix Version"), matched case-insensitively.
  std::vector<std::string> history_names;
  // Functions this field accepts by canonical name ("membersOf").
  std::vector<std::string> functions;
  // Where the value sits below issue.fields when it is nested or derived:
  // a dotted path in which "[]" marks an array ("comment.comments[].body",
  // "votes.votes", "status.statusCategory"); equals json_key for plain
  // fields and is empty when the value is not in the issue's JSON at all
  // (watcher, voter, filter, text).
  std::string json_path;
  // False for fields Jira cannot ORDER BY ("text", "comment").
  bool sortable = true;
  // For custom fields: the type names accepted in the "Name[Type]" form,
  // Jira Cloud's and Server's spellings ("Number", "Number Field").
  std::vector<std::string> type_names;
};

// Returns the operators a field supports, spelled with the letters of the
// fields reference: E (= !=), R (< > <= >=), L (~ !~), S (IS, IS NOT),
// I (IN, NOT IN), H (WAS, WAS NOT, WAS IN, WAS NOT IN), C (CHANGED), plus
// '=' and '~' for those single operators. Other characters are ignored.
constexpr OperatorSet OperatorsFromLetters(std::string_view letters) {
  OperatorSet set = 0;
  for (char letter : letters) {
    switch (letter) {
      case 'E':
        set |=
            OperatorBit(Operator::kEquals) | OperatorBit(Operator::kNotEquals);
        break;
      case 'R':
        set |= OperatorBit(Operator::kLess) | OperatorBit(Operator::kGreater) |
               OperatorBit(Operator::kLessEquals) |
               OperatorBit(Operator::kGreaterEquals);
        break;
      case 'L':
        set |= OperatorBit(Operator::kLike) | OperatorBit(Operator::kNotLike);
        break;
      case 'S':
        set |= OperatorBit(Operator::kIs) | OperatorBit(Operator::kIsNot);
        break;
      case 'I':
        set |= OperatorBit(Operator::kIn) | OperatorBit(Operator::kNotIn);
        break;
      case 'H':
        set |= OperatorBit(Operator::kWas) | OperatorBit(Operator::kWasNot) |
               OperatorBit(Operator::kWasIn) | OperatorBit(Operator::kWasNotIn);
        break;
      case 'C':
        set |= OperatorBit(Operator::kChanged);
        break;
      case '=':
        set |= OperatorBit(Operator::kEquals);
        break;
      case '~':
        set |= OperatorBit(Operator::kLike);
        break;
      default:
        break;
    }
  }
  return set;
}

// Returns true when `set` holds `op`.
constexpr bool HasOperator(OperatorSet set, Operator op) {
  return (set & OperatorBit(op)) != 0;
}

// The fields a query may name. Immutable and thread-safe once loaded.
class FieldCatalog {
 public:
  // Creates a catalog holding Jira's system fields only.
  FieldCatalog();

  // Adds the custom fields in `json_text`, a JSON array in the shape of
  // `GET /rest/api/2/field` (entries with "custom": true and a "schema").
  // System entries in the array are ignored. Returns false and sets `error`
  // when the text is not such an array.
  bool AddCustomFields(std::string_view json_text, std::string* error);

  // Resolves `ref` as Jira does: `cf[N]`, then system names and aliases,
  // then custom field names, case-insensitively; "Name[Type]" selects among
  // custom fields of the same name. Returns null when nothing matches, or
  // when a custom-field name is ambiguous (see IsAmbiguous).
  const FieldInfo* Resolve(const FieldRef& ref) const;

  // Resolves a plain field name the same way.
  const FieldInfo* FindByName(std::string_view name) const;

  // Returns the custom field with id `id`, or null.
  const FieldInfo* FindCustom(int64_t id) const;

  // Returns true when `name` names two or more custom fields.
  bool IsAmbiguous(std::string_view name) const;

  // Returns the custom fields that `name` (plain or "Name[Type]") could mean,
  // for the notes of an ambiguity error.
  std::vector<const FieldInfo*> CustomCandidates(std::string_view name) const;

  // Returns up to `limit` known names close to `name`, best first, for
  // "did you mean" suggestions.
  std::vector<std::string> Suggest(std::string_view name, size_t limit = 3) const;

  // Returns every field, system fields first.
  const std::vector<std::unique_ptr<FieldInfo>>& fields() const { return fields_; }

 private:
  void Add(std::unique_ptr<FieldInfo> field);
  void AddSystemFields();
  void AddCustomField(std::unique_ptr<FieldInfo> field);
  const FieldInfo* FindSystem(std::string_view lower_name) const;
  std::vector<const FieldInfo*> CustomsNamed(std::string_view name) const;

  std::vector<std::unique_ptr<FieldInfo>> fields_;
  // Lower-cased name or alias -> fields with that name (custom names repeat).
  std::unordered_map<std::string, std::vector<const FieldInfo*>> by_name_;
  std::unordered_map<int64_t, const FieldInfo*> by_custom_id_;
};

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_FIELD_CATALOG_H_
