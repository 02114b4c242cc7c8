#ifndef SYNCRULE_COMPILER_JQL_EVALUATOR_H_
#define SYNCRULE_COMPILER_JQL_EVALUATOR_H_

// The reference evaluator: decides whether a Jira issue matches a checked
// JQL query, and sorts issues by the query's ORDER BY, without a Jira
// server. It favours clarity and exactness over speed, as it is the oracle
// that the bytecode VM is tested against. docs/jql-semantics.md describes
// what it does for every field type and operator, and where it differs
// from Jira on purpose.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "compiler/jql/checked_query.h"
#include "compiler/jql/eval_context.h"
#include "compiler/jql/field_catalog.h"
#include "compiler/jql/issue_document.h"

namespace syncrule::jql {

namespace eval {
struct Plan;
}  // namespace eval

// The outcome of evaluating a query against one issue. When `error` is set
// the query could not be answered for this issue (it needs server state
// the context lacks, say) and `matched` is false: an error is never a
// silent "no match".
struct EvalResult {
  bool matched = false;
  std::string error;

  // Returns true when the query was answered.
  bool ok() const { return error.empty(); }
};

// Evaluates one checked query in one context. Built once per (query,
// context): operands, dates, text queries and function results are
// prepared at construction. Immutable and thread-safe afterwards.
class Evaluator {
 public:
  // Prepares `query` for evaluation in `context`. The FieldInfo pointers in
  // `query` must outlive the Evaluator (they point into a FieldCatalog);
  // the query and context themselves are copied as needed. `catalog`, when
  // given, tells which custom fields are text fields for `text ~`; without
  // it every string-valued custom field is searched.
  Evaluator(const CheckedQuery& query, const EvalContext& context,
            const FieldCatalog* catalog = nullptr);
  ~Evaluator();
  Evaluator(Evaluator&&) noexcept;
  Evaluator& operator=(Evaluator&&) noexcept;

  // Returns the error found while preparing the query, or "" when none.
  // Such an error (an unknown group, missing server state, a malformed
  // date) is reported by every Evaluate call.
  const std::string& error() const;

  // Returns whether `issue` matches the query's WHERE clause; a query
  // without one matches every issue.
  EvalResult Evaluate(const IssueDocument& issue) const;

  // Returns the indices of `issues` in ORDER BY order. The sort is stable;
  // without ORDER BY the input order is kept.
  std::vector<size_t> SortOrder(const std::vector<IssueDocument>& issues) const;

 private:
  std::unique_ptr<const eval::Plan> plan_;
};

}  // namespace syncrule::jql

#endif  // SYNCRULE_COMPILER_JQL_EVALUATOR_H_
