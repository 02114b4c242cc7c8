// Equality and ordering between a field value and an operand value, per
// field type.

#include <string>

#include "compiler/jql/evaluator_internal.h"
#include "compiler/jql/evaluator_util.h"

namespace syncrule::jql::eval {
namespace {

// Returns true when `text` names `value`: its primary text or one of its
// identifiers, case-insensitively.
bool NameMatches(const FieldValue& value, std::string_view text) {
  if (EqualsFolded(value.text, text)) return true;
  for (const std::string& id : value.ids) {
    if (EqualsFolded(id, text)) return true;
  }
  return false;
}

bool ChildMatches(const FieldValue& value, std::string_view text) {
  for (const std::string& name : value.child) {
    if (EqualsFolded(name, text)) return true;
  }
  return false;
}

std::vector<std::string> AllNames(const FieldValue& value) {
  std::vector<std::string> names = value.ids;
  names.push_back(value.text);
  return names;
}

// True when `issue` belongs to `project` (key, name or id).
bool InProject(const IssueDocument& issue, std::string_view project) {
  return NameMatches(ReadProject(issue), project);
}

bool IsNumericType(FieldType type) {
  return type == FieldType::kNumber || type == FieldType::kDuration ||
         type == FieldType::kDate || type == FieldType::kDateOnly;
}

bool TextEquals(const FieldInfo& field, const FieldValue& value,
                const QueryValue& query) {
  if (value.number && query.number &&
      (IsNumericType(field.type) || field.type == FieldType::kEntityProperty ||
       field.type == FieldType::kUnknown)) {
    return *value.number == *query.number;
  }
  if (NameMatches(value, query.text)) return true;
  return field.type == FieldType::kCascadingOption &&
         ChildMatches(value, query.text);
}

std::optional<int> RankOfValue(const RankedNames& order,
                               const FieldValue& value) {
  if (std::optional<int> rank = RankOf(order, value.text)) return rank;
  for (const std::string& id : value.ids) {
    if (std::optional<int> rank = RankOf(order, id)) return rank;
  }
  return std::nullopt;
}

std::optional<int> ComparePriority(const FieldValue& value,
                                   const QueryValue& query, const Plan& plan,
                                   std::string* error) {
  std::optional<int> rank = RankOfValue(plan.context.priority_order, value);
  if (!rank) {
    *error = "Priority '" + value.text + "' is not in the priority order; "
             "give the order of your instance's priorities (--priorities)";
    return std::nullopt;
  }
  if (!query.number) return std::nullopt;
  // The first rank is the highest priority, and higher is "greater".
  return ThreeWay(static_cast<double>(-*rank), -*query.number);
}

std::optional<int> CompareResolution(const FieldValue& value,
                                     const QueryValue& query,
                                     const Plan& plan, std::string* error) {
  std::optional<int> rank = RankOfValue(plan.context.resolution_order, value);
  if (!rank) {
    *error = "Resolution '" + value.text + "' is not in the resolution "
             "order; give the order of your instance's resolutions";
    return std::nullopt;
  }
  if (!query.number) return std::nullopt;
  return ThreeWay(static_cast<double>(*rank), *query.number);
}

std::optional<int> CompareIssueKeys(const FieldValue& value,
                                    const QueryValue& query) {
  std::optional<IssueKeyParts> mine = ParseIssueKey(value.text);
  std::optional<IssueKeyParts> theirs = ParseIssueKey(query.text);
  // Jira compares key numbers within the operand's project only.
  if (!mine || !theirs || mine->project != theirs->project) {
    return std::nullopt;
  }
  return ThreeWay(mine->number, theirs->number);
}

}  // namespace

std::optional<int> RankOf(const RankedNames& order, std::string_view name) {
  for (size_t rank = 0; rank < order.size(); ++rank) {
    for (const std::string& entry : order[rank]) {
      if (EqualsFolded(entry, name)) return static_cast<int>(rank);
    }
  }
  return std::nullopt;
}

int CompareVersions(std::string_view a, std::string_view b,
                    const RankedNames& order) {
  std::optional<int> ra = RankOf(order, a);
  std::optional<int> rb = RankOf(order, b);
  if (ra && rb) return ThreeWay(*ra, *rb);
  if (ra || rb) return ra ? -1 : 1;  // listed versions come first
  return NaturalCompare(a, b);
}

bool UserMatches(const std::vector<std::string>& user_ids,
                 const std::vector<std::string>& names) {
  for (const std::string& id : user_ids) {
    for (const std::string& name : names) {
      if (EqualsFolded(id, name)) return true;
    }
  }
  return false;
}

bool ValueEquals(const FieldInfo& field, const FieldValue& value,
                 const QueryValue& query, const IssueDocument& issue) {
  if (!query.project.empty() && !InProject(issue, query.project)) {
    return false;
  }
  switch (query.kind) {
    case ValueKind::kUser:
      return UserMatches(query.user_ids, AllNames(value));
    case ValueKind::kInstant:
      return value.number && query.number && *value.number == *query.number;
    case ValueKind::kText:
      return TextEquals(field, value, query);
    default:
      return false;
  }
}

std::optional<int> CompareForOrder(const FieldInfo& field,
                                   const FieldValue& value,
                                   const QueryValue& query, const Plan& plan,
                                   std::string* error) {
  switch (field.type) {
    case FieldType::kPriority:
      return ComparePriority(value, query, plan, error);
    case FieldType::kResolution:
      return CompareResolution(value, query, plan, error);
    case FieldType::kVersion:
      return CompareVersions(value.text, query.text,
                             plan.context.version_order);
    case FieldType::kIssueKey:
      return CompareIssueKeys(value, query);
    default:
      break;
  }
  if (value.number && query.number) {
    return ThreeWay(*value.number, *query.number);
  }
  if (IsNumericType(field.type)) return std::nullopt;
  return CompareFolded(value.text, query.text);
}

}  // namespace syncrule::jql::eval
