// ORDER BY: a stable sort on the keys in order. Each issue's key value is
// read once; empty values sort after every value ascending (before them
// descending), as Jira treats them as the greatest.

#include <algorithm>
#include <numeric>
#include <string>

#include "compiler/jql/evaluator_internal.h"
#include "compiler/jql/evaluator_util.h"

namespace syncrule::jql::eval {
namespace {

using nlohmann::json;

// One issue's value for one sort key.
struct Cell {
  FieldValues values;
  // The issue's project, which versions and components sort by first.
  std::string project;
};

int CategoryRank(const std::string& key) {
  if (key == "new") return 0;
  if (key == "indeterminate") return 1;
  if (key == "done") return 2;
  return -1;  // "undefined" (No Category) and unknown keys first
}

std::string StatusCategoryKey(const FieldValue& status) {
  if (status.raw == nullptr || !status.raw->is_object()) return "";
  auto category = status.raw->find("statusCategory");
  if (category == status.raw->end() || !category->is_object()) return "";
  return FoldCase(JsonScalarText(category->value("key", json())));
}

// Compares by rank in `order` (unlisted names after listed ones), then by
// name.
int CompareRanked(const RankedNames& order, const FieldValue& a,
                  const FieldValue& b, bool reverse_rank) {
  int size = static_cast<int>(order.size());
  int ra = RankOf(order, a.text).value_or(size);
  int rb = RankOf(order, b.text).value_or(size);
  if (ra != rb) {
    // An unlisted name stays below listed ones either way.
    if (ra == size || rb == size) return ra == size ? -1 : 1;
    return reverse_rank ? ThreeWay(rb, ra) : ThreeWay(ra, rb);
  }
  return CompareFolded(a.text, b.text);
}

int CompareStatus(const Plan& plan, const FieldValue& a, const FieldValue& b) {
  if (!plan.context.status_order.empty()) {
    return CompareRanked(plan.context.status_order, a, b, false);
  }
  int c = ThreeWay(CategoryRank(StatusCategoryKey(a)),
                   CategoryRank(StatusCategoryKey(b)));
  return c != 0 ? c : CompareFolded(a.text, b.text);
}

int CompareIssueKeyValues(const FieldValue& a, const FieldValue& b) {
  std::optional<IssueKeyParts> ka = ParseIssueKey(a.text);
  std::optional<IssueKeyParts> kb = ParseIssueKey(b.text);
  if (!ka || !kb) return CompareFolded(a.text, b.text);
  int c = ka->project.compare(kb->project);
  if (c != 0) return c < 0 ? -1 : 1;
  return ThreeWay(ka->number, kb->number);
}

int CompareNumbers(const FieldValue& a, const FieldValue& b) {
  if (a.number && b.number) return ThreeWay(*a.number, *b.number);
  if (a.number || b.number) return a.number ? -1 : 1;
  return CompareFolded(a.text, b.text);
}

int CompareSprints(const FieldValue& a, const FieldValue& b) {
  std::optional<double> ia, ib;
  if (!a.ids.empty()) ia = ParseNumber(a.ids.front());
  if (!b.ids.empty()) ib = ParseNumber(b.ids.front());
  if (ia && ib && *ia != *ib) return ThreeWay(*ia, *ib);
  return NaturalCompare(a.text, b.text);
}

int CompareValues(const FieldInfo& field, const Plan& plan,
                  const FieldValue& a, const FieldValue& b) {
  switch (field.type) {
    case FieldType::kPriority:
      // The first rank is the highest priority, which sorts as greatest.
      return CompareRanked(plan.context.priority_order, a, b, true);
    case FieldType::kStatus: return CompareStatus(plan, a, b);
    case FieldType::kStatusCategory:
      return ThreeWay(CategoryRank(a.state), CategoryRank(b.state));
    case FieldType::kResolution:
      return CompareRanked(plan.context.resolution_order, a, b, false);
    case FieldType::kVersion:
      return CompareVersions(a.text, b.text, plan.context.version_order);
    case FieldType::kIssueKey: return CompareIssueKeyValues(a, b);
    case FieldType::kSprint: return CompareSprints(a, b);
    case FieldType::kDate:
    case FieldType::kDateOnly:
    case FieldType::kNumber:
    case FieldType::kDuration:
    case FieldType::kSla: return CompareNumbers(a, b);
    case FieldType::kLabel: return NaturalCompare(a.text, b.text);
    default: break;
  }
  int c = CompareFolded(a.text, b.text);
  if (c != 0 || field.type != FieldType::kCascadingOption) return c;
  std::string ca = a.child.empty() ? "" : a.child.front();
  std::string cb = b.child.empty() ? "" : b.child.front();
  return CompareFolded(ca, cb);
}

bool SortsByProject(FieldType type) {
  return type == FieldType::kVersion || type == FieldType::kComponent;
}

int CompareCells(const SortSpec& spec, const Plan& plan, const Cell& a,
                 const Cell& b) {
  if (a.values.empty() || b.values.empty()) {
    return ThreeWay(a.values.empty(), b.values.empty());
  }
  if (SortsByProject(spec.field->type)) {
    int c = CompareFolded(a.project, b.project);
    if (c != 0) return c;
  }
  size_t n = std::min(a.values.size(), b.values.size());
  for (size_t i = 0; i < n; ++i) {
    int c = CompareValues(*spec.field, plan, a.values[i], b.values[i]);
    if (c != 0) return c;
  }
  return ThreeWay(a.values.size(), b.values.size());
}

// SLA fields sort by the time remaining in their current cycle.
FieldValues SlaSortValues(const FieldValues& values) {
  FieldValues out;
  if (std::optional<double> millis = SlaMillis(values, true)) {
    FieldValue value;
    value.number = *millis;
    out.push_back(std::move(value));
  }
  return out;
}

Cell ReadCell(const SortSpec& spec, const Plan& plan,
              const IssueDocument& issue) {
  Cell cell;
  std::string ignored;
  cell.values = ReadField(*spec.field, issue, plan, &ignored);
  if (spec.field->type == FieldType::kSla) {
    cell.values = SlaSortValues(cell.values);
  }
  // A multi-valued field sorts by its values in ascending order.
  std::stable_sort(cell.values.begin(), cell.values.end(),
                   [&](const FieldValue& a, const FieldValue& b) {
                     return CompareValues(*spec.field, plan, a, b) < 0;
                   });
  if (SortsByProject(spec.field->type)) cell.project = ReadProject(issue).text;
  return cell;
}

}  // namespace

std::vector<size_t> SortIssues(const Plan& plan,
                               const std::vector<IssueDocument>& issues) {
  std::vector<size_t> order(issues.size());
  std::iota(order.begin(), order.end(), 0);
  if (plan.order_by.empty()) return order;
  std::vector<std::vector<Cell>> cells(issues.size());
  for (size_t i = 0; i < issues.size(); ++i) {
    for (const SortSpec& spec : plan.order_by) {
      cells[i].push_back(ReadCell(spec, plan, issues[i]));
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    for (size_t k = 0; k < plan.order_by.size(); ++k) {
      const SortSpec& spec = plan.order_by[k];
      int c = CompareCells(spec, plan, cells[a][k], cells[b][k]);
      if (c != 0) return spec.descending ? c > 0 : c < 0;
    }
    return false;
  });
  return order;
}

}  // namespace syncrule::jql::eval
