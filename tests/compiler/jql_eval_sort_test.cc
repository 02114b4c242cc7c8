// ORDER BY in the reference evaluator: per-type orders, Jira's default
// directions, empty values, several keys, and stability.

#include <string>
#include <vector>

#include "tests/compiler/jql_eval_test_helpers.h"

namespace syncrule::jql::evaltest {
namespace {

struct Row {
  std::string key;
  json fields;
};

std::vector<IssueDocument> Docs(const std::vector<Row>& rows) {
  std::vector<IssueDocument> docs;
  for (const Row& row : rows) docs.push_back(Doc(Issue(row.fields, row.key)));
  return docs;
}

// Returns the keys of `rows` in the order `jql` sorts them.
std::string Sorted(std::string_view jql, const std::vector<Row>& rows,
                   const EvalContext& context = TestContext()) {
  std::vector<IssueDocument> docs = Docs(rows);
  Evaluator evaluator(CheckJql(jql), context, &EvalCatalog());
  std::string out;
  for (size_t index : evaluator.SortOrder(docs)) {
    out += (out.empty() ? "" : " ") + docs[index].key();
  }
  return out;
}

json Priority(const std::string& name) { return json{{"name", name}}; }

TEST(JqlEvalSort, WithoutOrderByKeepsInputOrder) {
  std::vector<Row> rows = {{"B-2", {}}, {"A-1", {}}, {"C-3", {}}};
  EXPECT_EQ(Sorted("project = X", rows), "B-2 A-1 C-3");
  EXPECT_EQ(Sorted("", rows), "B-2 A-1 C-3");
}

TEST(JqlEvalSort, PriorityByConfiguredOrderDefaultDescending) {
  std::vector<Row> rows = {{"A-1", {{"priority", Priority("Low")}}},
                           {"A-2", {{"priority", Priority("Highest")}}},
                           {"A-3", {}},
                           {"A-4", {{"priority", Priority("Medium")}}},
                           {"A-5", {{"priority", Priority("Critical")}}}};
  EXPECT_EQ(Sorted("order by priority", rows), "A-3 A-2 A-5 A-4 A-1");
  EXPECT_EQ(Sorted("order by priority desc", rows), "A-3 A-2 A-5 A-4 A-1");
  EXPECT_EQ(Sorted("order by priority asc", rows), "A-1 A-4 A-5 A-2 A-3");
}

TEST(JqlEvalSort, DatesDefaultDescendingEmptyLastAscending) {
  std::vector<Row> rows = {{"A-1", {{"created", "2026-01-02T00:00:00Z"},
                                    {"duedate", "2026-03-01"}}},
                           {"A-2", {{"created", "2026-01-03T00:00:00Z"}}},
                           {"A-3", {{"created", "2026-01-01T00:00:00Z"},
                                    {"duedate", "2026-02-01"}}}};
  EXPECT_EQ(Sorted("order by created", rows), "A-2 A-1 A-3");
  EXPECT_EQ(Sorted("order by created asc", rows), "A-3 A-1 A-2");
  EXPECT_EQ(Sorted("order by due asc", rows), "A-3 A-1 A-2");
  EXPECT_EQ(Sorted("order by duedate desc", rows), "A-2 A-1 A-3");
}

TEST(JqlEvalSort, IssueKeysByProjectThenNumber) {
  std::vector<Row> rows = {{"XYZ-1", {}}, {"ABC-10", {}}, {"ABC-2", {}}};
  EXPECT_EQ(Sorted("order by key", rows), "ABC-2 ABC-10 XYZ-1");
  EXPECT_EQ(Sorted("order by issuekey desc", rows), "XYZ-1 ABC-10 ABC-2");
}

TEST(JqlEvalSort, StatusByCategoryThenNameOrByConfiguredOrder) {
  std::vector<Row> rows = {{"A-1", {{"status", Status("Done", "10", "done")}}},
                           {"A-2", {{"status", Status("Review", "11", "indeterminate")}}},
                           {"A-3", {{"status", Status("Open", "1", "new")}}},
                           {"A-4", {{"status", Status("Building", "12", "indeterminate")}}}};
  EXPECT_EQ(Sorted("order by status asc", rows), "A-3 A-4 A-2 A-1");
  EXPECT_EQ(Sorted("order by status", rows), "A-1 A-2 A-4 A-3");
  EvalContext context = TestContext();
  context.status_order = {{"Open"}, {"Review"}, {"Building"}, {"Done"}};
  EXPECT_EQ(Sorted("order by status asc", rows, context), "A-3 A-2 A-4 A-1");
}

TEST(JqlEvalSort, TextUsersAndNumbers) {
  std::vector<Row> rows = {
      {"A-1", {{"summary", "beta"}, {"assignee", User("z", "Zoe")},
               {"customfield_10010", 3}, {"votes", {{"votes", 1}}}}},
      {"A-2", {{"summary", "Alpha"}, {"assignee", User("a", "adam")},
               {"customfield_10010", 13}, {"votes", {{"votes", 5}}}}},
      {"A-3", {{"summary", "alpha 2"}, {"votes", {{"votes", 5}}}}}};
  EXPECT_EQ(Sorted("order by summary asc", rows), "A-2 A-3 A-1");
  EXPECT_EQ(Sorted("order by assignee", rows), "A-2 A-1 A-3");
  EXPECT_EQ(Sorted("order by \"Story Points\" desc", rows), "A-3 A-2 A-1");
  EXPECT_EQ(Sorted("order by votes desc, summary asc", rows), "A-2 A-3 A-1");
}

TEST(JqlEvalSort, VersionsNaturallyOrByConfiguredOrder) {
  auto version = [](const std::string& name) {
    return json::array({{{"name", name}}});
  };
  std::vector<Row> rows = {{"A-1", {{"fixVersions", version("1.10")}}},
                           {"A-2", {{"fixVersions", json::array()}}},
                           {"A-3", {{"fixVersions", version("1.9")}}},
                           {"A-4", {{"fixVersions", version("1.2")}}}};
  EXPECT_EQ(Sorted("order by fixVersion", rows), "A-4 A-3 A-1 A-2");
  EvalContext context = TestContext();
  context.version_order = {{"1.10"}, {"1.2"}, {"1.9"}};
  EXPECT_EQ(Sorted("order by fixVersion asc", rows, context), "A-1 A-4 A-3 A-2");
  EXPECT_EQ(Sorted("order by fixVersion desc", rows, context), "A-2 A-3 A-4 A-1");
}

TEST(JqlEvalSort, SeveralKeysAndStability) {
  std::vector<Row> rows = {
      {"B-1", {{"project", {{"key", "B"}, {"name", "Beta"}}}, {"labels", {"x"}}}},
      {"A-1", {{"project", {{"key", "A"}, {"name", "Alpha"}}}, {"labels", {"y"}}}},
      {"B-2", {{"project", {{"key", "B"}, {"name", "Beta"}}}, {"labels", {"x"}}}},
      {"A-2", {{"project", {{"key", "A"}, {"name", "Alpha"}}}, {"labels", {"x"}}}}};
  EXPECT_EQ(Sorted("order by project", rows), "A-1 A-2 B-1 B-2");
  EXPECT_EQ(Sorted("order by project desc, labels asc", rows), "B-1 B-2 A-2 A-1");
  EXPECT_EQ(Sorted("order by labels", rows), "B-1 B-2 A-2 A-1");
}

TEST(JqlEvalSort, SortDoesNotNeedAnErrorFreeQuery) {
  // Unknown priorities sort below every known one instead of failing.
  std::vector<Row> rows = {{"A-1", {{"priority", Priority("Urgent")}}},
                           {"A-2", {{"priority", Priority("Low")}}}};
  EXPECT_EQ(Sorted("order by priority asc", rows), "A-1 A-2");
}

}  // namespace
}  // namespace syncrule::jql::evaltest
