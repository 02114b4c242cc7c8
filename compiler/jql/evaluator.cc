#include "compiler/jql/evaluator.h"

#include <utility>

#include "compiler/jql/evaluator_internal.h"
#include "compiler/jql/evaluator_util.h"

namespace syncrule::jql {
namespace eval {
namespace {

bool IsHistoryOperator(Operator op) {
  return op == Operator::kWas || op == Operator::kWasNot ||
         op == Operator::kWasIn || op == Operator::kWasNotIn ||
         op == Operator::kChanged;
}

bool IsOrderingOperator(Operator op) {
  return op == Operator::kLess || op == Operator::kGreater ||
         op == Operator::kLessEquals || op == Operator::kGreaterEquals;
}

bool IsNegativeOperator(Operator op) {
  return op == Operator::kNotEquals || op == Operator::kNotIn ||
         op == Operator::kIsNot;
}

// Returns the text of a `~` operand, which the checker guarantees to be a
// single value.
std::string LikeText(const CheckedClause& clause) {
  if (!clause.operand || clause.operand->kind != OperandKind::kValue) {
    return std::string();
  }
  return clause.operand->literal.text;
}

// Joins the property accesses of issue.property[key].path into one path of
// segments: {key, path segment, ...}.
std::vector<std::string> PropertyPath(
    const std::vector<PropertyAccess>& accesses) {
  std::vector<std::string> path;
  for (const PropertyAccess& access : accesses) {
    path.push_back(access.key.text);
    for (const Literal& part : access.path) {
      for (std::string_view segment : SplitTrimmed(part.text, '.')) {
        if (!segment.empty()) path.emplace_back(segment);
      }
    }
  }
  return path;
}

void PrepareLike(const CheckedClause& clause, Term* term, const Plan& plan,
                 std::string* error) {
  std::string text = LikeText(clause);
  if (term->field->type == FieldType::kVersion) {
    term->values = PrepareOperand(*clause.operand, *term->field, term->op,
                                  plan, error);
    return;
  }
  auto query = std::make_shared<stdlib::TextQuery>(text);
  if (!query->ok()) {
    *error = "The text query '" + text + "' for field '" +
             term->field->name + "' is malformed: " + query->error();
    return;
  }
  term->text_query = std::move(query);
}

bool TermMayError(const Term& term) {
  if (IsOrderingOperator(term.op)) return true;
  std::string key = FieldKey(*term.field);
  if (key == "watcher" || key == "voter") return true;
  FieldType type = term.field->type;
  if (type == FieldType::kSla || type == FieldType::kApproval) return true;
  for (const QueryValue& value : term.values) {
    if (value.kind == ValueKind::kMatcher) return true;
  }
  return false;
}

std::unique_ptr<Term> PrepareTerm(const CheckedClause& clause,
                                  const Plan& plan, std::string* error) {
  auto term = std::make_unique<Term>();
  term->field = clause.field;
  term->op = clause.op;
  term->property_path = PropertyPath(clause.properties);
  if (term->field == nullptr) {
    *error = "A clause names no resolved field; check the query first";
    return term;
  }
  if (term->field->type == FieldType::kEntityProperty &&
      FieldKey(*term->field) != "issue.property") {
    *error = "Field '" + term->field->name + "' needs Jira server state: "
             "only issue.property[...] is read, from the issue's "
             "\"properties\"";
    return term;
  }
  if (clause.op == Operator::kLike || clause.op == Operator::kNotLike) {
    PrepareLike(clause, term.get(), plan, error);
    return term;
  }
  if (clause.operand) {
    term->values = PrepareOperand(*clause.operand, *term->field, clause.op,
                                  plan, error);
    if (!error->empty()) return term;
  }
  if (IsHistoryOperator(clause.op)) {
    term->history = PrepareHistory(clause.predicates, *term->field, plan,
                                   error);
  }
  return term;
}

Node PrepareNode(const CheckedClause& clause, const Plan& plan,
                 std::string* error) {
  Node node;
  node.kind = clause.kind;
  if (clause.kind == ClauseKind::kTerminal) {
    std::string term_error;
    node.term = PrepareTerm(clause, plan, &term_error);
    if (error->empty()) *error = std::move(term_error);
    node.may_error = TermMayError(*node.term);
    return node;
  }
  for (const CheckedClause& child : clause.children) {
    node.children.push_back(PrepareNode(child, plan, error));
    node.may_error = node.may_error || node.children.back().may_error;
  }
  return node;
}

// Collects the `fields` keys of custom text fields from `catalog`.
std::vector<std::string> TextCustomKeys(const FieldCatalog& catalog) {
  std::vector<std::string> keys;
  for (const auto& field : catalog.fields()) {
    if (field->is_custom && field->type == FieldType::kText &&
        !field->json_key.empty()) {
      keys.push_back(field->json_key);
    }
  }
  return keys;
}

// Returns Jira's default direction for ORDER BY `field` without ASC/DESC:
// descending for the fields whose NavigableField says so.
bool DefaultDescending(const FieldInfo& field) {
  if (field.is_custom) return false;
  static const char* const kDescending[] = {
      "created", "updated", "resolved", "resolutiondate", "due", "duedate",
      "lastviewed", "priority", "status", "issuetype", "type"};
  std::string key = FieldKey(field);
  for (const char* name : kDescending) {
    if (key == name) return true;
  }
  return false;
}

// --- evaluation ------------------------------------------------------------

Outcome EvaluateNode(const Node& node, const IssueDocument& issue,
                     const Plan& plan);

bool AnyEquals(const FieldInfo& field, const FieldValues& values,
               const QueryValue& query, const IssueDocument& issue) {
  if (query.kind == ValueKind::kEmpty) return values.empty();
  for (const FieldValue& value : values) {
    if (ValueEquals(field, value, query, issue)) return true;
  }
  return false;
}

// Tests one operand value for `=`: a matcher, EMPTY or a plain value.
Outcome EqualsOne(const Term& term, const FieldValues& values,
                  const QueryValue& query, const IssueDocument& issue,
                  const Plan& plan) {
  if (query.kind == ValueKind::kMatcher) {
    return MatchSpecial(*term.field, values, query, issue, plan);
  }
  return Outcome{AnyEquals(*term.field, values, query, issue), ""};
}

// `=`, `IN`, `IS`: some operand value matches.
Outcome EvaluatePositive(const Term& term, const FieldValues& values,
                         const IssueDocument& issue, const Plan& plan) {
  Outcome result;
  for (const QueryValue& query : term.values) {
    Outcome one = EqualsOne(term, values, query, issue, plan);
    if (!one.error.empty()) return one;
    result.matched = result.matched || one.matched;
  }
  return result;
}

// `!=`, `NOT IN`, `IS NOT`: the AND of `!=` over the operand values; `!= v`
// needs a value (Jira never matches empty fields with negative operators),
// except for issueLinkType, whose `!=` also returns issues without links.
Outcome EvaluateNegative(const Term& term, const FieldValues& values,
                         const IssueDocument& issue, const Plan& plan) {
  bool empty_ok = term.field->type == FieldType::kIssueLinkType;
  if (values.empty() && !empty_ok) return Outcome{};
  Outcome result{true, ""};
  for (const QueryValue& query : term.values) {
    if (query.kind == ValueKind::kEmpty) {
      result.matched = result.matched && !values.empty();
      continue;
    }
    Outcome one = EqualsOne(term, values, query, issue, plan);
    if (!one.error.empty()) return one;
    result.matched = result.matched && !one.matched;
  }
  return result;
}

bool OrderHolds(Operator op, int c) {
  switch (op) {
    case Operator::kLess: return c < 0;
    case Operator::kLessEquals: return c <= 0;
    case Operator::kGreater: return c > 0;
    case Operator::kGreaterEquals: return c >= 0;
    default: return false;
  }
}

// `> >= < <=` against a JSM SLA function (elapsed("1h"), remaining("2h")).
Outcome EvaluateSlaOrder(const Term& term, const FieldValues& values,
                         const QueryValue& query) {
  bool remaining = !query.args.empty() && query.args[0] == "remaining";
  std::optional<double> millis = SlaMillis(values, remaining);
  if (!millis || !query.number) return Outcome{};
  return Outcome{OrderHolds(term.op, ThreeWay(*millis, *query.number)), ""};
}

// `> >= < <=`: some field value compares as asked with the operand.
Outcome EvaluateOrdering(const Term& term, const FieldValues& values,
                         const Plan& plan) {
  if (term.values.size() != 1) return Outcome{};
  const QueryValue& query = term.values.front();
  if (query.kind == ValueKind::kMatcher) {
    return EvaluateSlaOrder(term, values, query);
  }
  if (query.kind == ValueKind::kEmpty) return Outcome{};
  for (const FieldValue& value : values) {
    std::string error;
    std::optional<int> c =
        CompareForOrder(*term.field, value, query, plan, &error);
    if (!error.empty()) return Outcome{false, error};
    if (c && OrderHolds(term.op, *c)) return Outcome{true, ""};
  }
  return Outcome{};
}

Outcome EvaluateTerm(const Term& term, const IssueDocument& issue,
                     const Plan& plan) {
  if (term.constant) return Outcome{*term.constant, ""};
  if (term.op == Operator::kLike || term.op == Operator::kNotLike) {
    return EvaluateLike(term, issue, plan, term.op == Operator::kNotLike);
  }
  if (IsHistoryOperator(term.op)) return EvaluateHistory(term, issue, plan);
  std::string error;
  FieldValues values =
      term.field->type == FieldType::kEntityProperty
          ? ReadProperty(issue, term.property_path)
          : ReadField(*term.field, issue, plan, &error);
  if (!error.empty()) return Outcome{false, error};
  if (IsOrderingOperator(term.op)) return EvaluateOrdering(term, values, plan);
  if (IsNegativeOperator(term.op)) {
    return EvaluateNegative(term, values, issue, plan);
  }
  return EvaluatePositive(term, values, issue, plan);
}

// AND/OR: short-circuits unless a child may report an error, in which case
// every child runs so that the first error (in query order) is reported
// whatever the other children say.
Outcome EvaluateJunction(const Node& node, const IssueDocument& issue,
                         const Plan& plan) {
  bool is_and = node.kind == ClauseKind::kAnd;
  Outcome result{is_and, ""};
  for (const Node& child : node.children) {
    Outcome one = EvaluateNode(child, issue, plan);
    if (!one.error.empty()) return one;
    result.matched = is_and ? result.matched && one.matched
                            : result.matched || one.matched;
    if (!node.may_error && result.matched != is_and) return result;
  }
  return result;
}

Outcome EvaluateNode(const Node& node, const IssueDocument& issue,
                     const Plan& plan) {
  switch (node.kind) {
    case ClauseKind::kTerminal:
      return EvaluateTerm(*node.term, issue, plan);
    case ClauseKind::kNot: {
      if (node.children.empty()) return Outcome{};
      Outcome inner = EvaluateNode(node.children.front(), issue, plan);
      if (!inner.error.empty()) return inner;
      return Outcome{!inner.matched, ""};
    }
    case ClauseKind::kAnd:
    case ClauseKind::kOr:
      return EvaluateJunction(node, issue, plan);
  }
  return Outcome{};
}

}  // namespace
}  // namespace eval

Evaluator::Evaluator(const CheckedQuery& query, const EvalContext& context,
                     const FieldCatalog* catalog) {
  auto plan = std::make_unique<eval::Plan>();
  plan->context = context;
  plan->catalog = catalog;
  if (catalog != nullptr) {
    plan->text_custom_keys = eval::TextCustomKeys(*catalog);
    plan->text_keys_known = true;
  }
  if (query.where) {
    std::string error;
    plan->where = eval::PrepareNode(*query.where, *plan, &error);
    plan->error = std::move(error);
  }
  for (const CheckedSortKey& key : query.order_by) {
    if (key.field == nullptr) continue;
    bool descending = key.direction
                          ? *key.direction == SortDirection::kDescending
                          : eval::DefaultDescending(*key.field);
    plan->order_by.push_back(eval::SortSpec{key.field, descending});
  }
  plan_ = std::move(plan);
}

Evaluator::~Evaluator() = default;
Evaluator::Evaluator(Evaluator&&) noexcept = default;
Evaluator& Evaluator::operator=(Evaluator&&) noexcept = default;

const std::string& Evaluator::error() const { return plan_->error; }

EvalResult Evaluator::Evaluate(const IssueDocument& issue) const {
  if (!plan_->error.empty()) return EvalResult{false, plan_->error};
  if (!plan_->where) return EvalResult{true, ""};
  eval::Outcome outcome = eval::EvaluateNode(*plan_->where, issue, *plan_);
  if (!outcome.error.empty()) return EvalResult{false, outcome.error};
  return EvalResult{outcome.matched, ""};
}

std::vector<size_t> Evaluator::SortOrder(
    const std::vector<IssueDocument>& issues) const {
  return eval::SortIssues(*plan_, issues);
}

}  // namespace syncrule::jql
