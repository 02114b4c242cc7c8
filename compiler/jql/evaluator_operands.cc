// Preparing operands once per Evaluator: literals become typed values for
// the clause's field (instants, numbers, durations, ranks), lists are
// flattened, functions are called (evaluator_functions.cc), and history
// predicates become one time window plus BY/FROM/TO values.

#include <algorithm>
#include <string>

#include "compiler/jql/evaluator_internal.h"
#include "compiler/jql/evaluator_util.h"
#include "stdlib/jql_time.h"

namespace syncrule::jql::eval {
namespace {

constexpr int64_t kDayAndAHalfMs = 36LL * 3600 * 1000;

bool IsOrdering(Operator op) {
  return op == Operator::kLess || op == Operator::kGreater ||
         op == Operator::kLessEquals || op == Operator::kGreaterEquals;
}

std::string DateError(const std::string& text, const FieldInfo& field) {
  return "'" + text + "' is not a valid date for field '" + field.name +
         "': use \"yyyy/MM/dd [HH:mm]\", \"yyyy-MM-dd [HH:mm]\", a period "
         "such as \"-1d\" or \"-4w 2d\", or epoch milliseconds";
}

void PrepareDate(const Literal& literal, const FieldInfo& field,
                 const Plan& plan, QueryValue* value, std::string* error) {
  std::optional<int64_t> instant = stdlib::ParseJqlDate(
      literal.text, literal.is_number, plan.context.time);
  if (!instant) {
    *error = DateError(literal.text, field);
    return;
  }
  value->kind = ValueKind::kInstant;
  value->number = static_cast<double>(*instant);
  NormalizeInstant(field, plan, value);
}

void PrepareDuration(const Literal& literal, const FieldInfo& field,
                     const Plan& plan, QueryValue* value,
                     std::string* error) {
  std::optional<int64_t> seconds =
      stdlib::ParseTrackingDuration(literal.text, plan.context.time);
  if (!seconds) {
    *error = "'" + literal.text + "' is not a valid duration for field '" +
             field.name + "': use a number of minutes or periods such as "
             "\"2d 4h\" (w, d, h, m)";
    return;
  }
  value->number = static_cast<double>(*seconds);
}

void PrepareRank(const RankedNames& order, const char* what,
                 const FieldInfo& field, QueryValue* value,
                 std::string* error) {
  if (order.empty()) {
    *error = std::string("Comparing ") + what + "s with < or > needs the " +
             what + " order of your instance; none was given";
    return;
  }
  std::optional<int> rank = RankOf(order, value->text);
  if (!rank) {
    *error = std::string("The ") + what + " '" + value->text +
             "' is not in the configured " + what + " order (field '" +
             field.name + "')";
    return;
  }
  value->number = *rank;
}

void PrepareIssueKeyOrder(QueryValue* value, std::string* error) {
  if (!ParseIssueKey(value->text)) {
    *error = "Comparing issue keys with < or > needs an issue key such as "
             "ABC-123, not '" + value->text + "' (an issue id needs Jira "
             "server state to find its project)";
  }
}

QueryValue PrepareLiteral(const Literal& literal, const FieldInfo& field,
                          Operator op, const Plan& plan, std::string* error) {
  QueryValue value;
  value.text = literal.text;
  value.is_number = literal.is_number;
  switch (field.type) {
    case FieldType::kDate:
    case FieldType::kDateOnly:
      PrepareDate(literal, field, plan, &value, error);
      break;
    case FieldType::kDuration:
      PrepareDuration(literal, field, plan, &value, error);
      break;
    case FieldType::kResolution:
      if (EqualsFolded(literal.text, "unresolved")) value.kind = ValueKind::kEmpty;
      else if (IsOrdering(op)) PrepareRank(plan.context.resolution_order,
                                           "resolution", field, &value, error);
      break;
    case FieldType::kPriority:
      if (IsOrdering(op)) PrepareRank(plan.context.priority_order, "priority",
                                      field, &value, error);
      break;
    case FieldType::kIssueKey:
      if (IsOrdering(op)) PrepareIssueKeyOrder(&value, error);
      break;
    default:
      value.number = ParseNumber(literal.text);
      break;
  }
  return value;
}

// `filter = X`: the issues saved filter X returns, from the context's
// "filter" entry (keyed by filter name or id).
void FilterKeys(const Literal& literal, const Plan& plan, QueryValues* out,
                std::string* error) {
  const nlohmann::json* filters =
      plan.context.server ? plan.context.server->Find("filter") : nullptr;
  const nlohmann::json* keys = nullptr;
  if (filters != nullptr && filters->is_object()) {
    for (const auto& [name, list] : filters->items()) {
      if (EqualsFolded(name, literal.text)) keys = &list;
    }
  }
  if (keys == nullptr) {
    *error = "Field 'filter' needs Jira server state: give --context FILE "
             "with a \"filter\" entry listing the issues of filter '" +
             literal.text + "'";
    return;
  }
  for (const nlohmann::json& key : *keys) {
    QueryValue value;
    value.text = JsonScalarText(key);
    out->push_back(std::move(value));
  }
}

void Flatten(const CheckedOperand& operand, const FieldInfo& field,
             Operator op, const Plan& plan, QueryValues* out,
             std::string* error) {
  if (field.type == FieldType::kFilter &&
      operand.kind == OperandKind::kValue) {
    FilterKeys(operand.literal, plan, out, error);
    return;
  }
  switch (operand.kind) {
    case OperandKind::kEmpty:
      out->push_back(EmptyValue());
      return;
    case OperandKind::kValue:
      out->push_back(PrepareLiteral(operand.literal, field, op, plan, error));
      return;
    case OperandKind::kList:
      for (const CheckedOperand& element : operand.elements) {
        Flatten(element, field, op, plan, out, error);
        if (!error->empty()) return;
      }
      return;
    case OperandKind::kFunction: {
      QueryValues values = CallFunction(operand, field, plan, error);
      out->insert(out->end(), values.begin(), values.end());
      return;
    }
  }
}

// The field BY predicates compare against: users.
const FieldInfo& ByField() {
  static const FieldInfo* field = [] {
    auto* info = new FieldInfo;
    info->name = "by";
    info->type = FieldType::kUser;
    return info;
  }();
  return *field;
}

std::optional<int64_t> PredicateInstant(const CheckedPredicate& predicate,
                                        const Plan& plan, std::string* error) {
  std::optional<int64_t> instant = ResolveInstant(predicate.operand, plan,
                                                  error);
  if (!instant && error->empty()) {
    *error = std::string("The ") + PredicateSpelling(predicate.kind) +
             " predicate needs a date";
  }
  return instant;
}

void Narrow(TimeWindow* window, int64_t begin, int64_t end) {
  window->begin = std::max(window->begin, begin);
  window->end = std::min(window->end, end);
}

void PrepareDuring(const CheckedPredicate& predicate, const Plan& plan,
                   TimeWindow* window, std::string* error) {
  const CheckedOperand& operand = predicate.operand;
  if (operand.kind != OperandKind::kList || operand.elements.size() != 2) {
    *error = "The DURING predicate needs two dates: DURING (\"from\", \"to\")";
    return;
  }
  std::optional<int64_t> from =
      ResolveInstant(operand.elements[0], plan, error);
  std::optional<int64_t> to = ResolveInstant(operand.elements[1], plan, error);
  if (!from || !to) {
    if (error->empty()) *error = "The DURING predicate needs two dates";
    return;
  }
  Narrow(window, *from, *to + 1);
}

void PrepareTimePredicate(const CheckedPredicate& predicate, const Plan& plan,
                          TimeWindow* window, std::string* error) {
  if (predicate.kind == PredicateKind::kDuring) {
    PrepareDuring(predicate, plan, window, error);
    return;
  }
  std::optional<int64_t> t = PredicateInstant(predicate, plan, error);
  if (!t) return;
  const stdlib::TimeContext& time = plan.context.time;
  switch (predicate.kind) {
    case PredicateKind::kAfter: Narrow(window, *t + 1, kMaxTime); break;
    case PredicateKind::kBefore: Narrow(window, kMinTime, *t); break;
    case PredicateKind::kOn: {
      int64_t day = stdlib::StartOfLocalDay(*t, time);
      Narrow(window, day, stdlib::StartOfLocalDay(day + kDayAndAHalfMs, time));
      break;
    }
    default: break;
  }
}

}  // namespace

void NormalizeInstant(const FieldInfo& field, const Plan& plan,
                      QueryValue* value) {
  if (!value->number) return;
  int64_t ms = static_cast<int64_t>(*value->number);
  if (field.type == FieldType::kDateOnly) {
    value->number = static_cast<double>(
        stdlib::StartOfLocalDay(ms, plan.context.time));
    return;
  }
  int64_t s = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  value->number = static_cast<double>(s * 1000);
}

std::optional<int64_t> ResolveInstant(const CheckedOperand& operand,
                                      const Plan& plan, std::string* error) {
  if (operand.kind == OperandKind::kValue) {
    std::optional<int64_t> instant = stdlib::ParseJqlDate(
        operand.literal.text, operand.literal.is_number, plan.context.time);
    if (!instant) {
      *error = "'" + operand.literal.text + "' is not a valid date: use "
               "\"yyyy/MM/dd [HH:mm]\", \"yyyy-MM-dd [HH:mm]\", a period such "
               "as \"-1d\", or epoch milliseconds";
    }
    return instant;
  }
  if (operand.kind == OperandKind::kFunction) {
    return DateFunction(operand, plan, error);
  }
  return std::nullopt;
}

QueryValues PrepareOperand(const CheckedOperand& operand,
                           const FieldInfo& field, Operator op,
                           const Plan& plan, std::string* error) {
  QueryValues values;
  Flatten(operand, field, op, plan, &values, error);
  return values;
}

HistoryFilter PrepareHistory(const std::vector<CheckedPredicate>& predicates,
                             const FieldInfo& field, const Plan& plan,
                             std::string* error) {
  HistoryFilter filter;
  for (const CheckedPredicate& predicate : predicates) {
    switch (predicate.kind) {
      case PredicateKind::kBy:
        filter.has_by = true;
        filter.by = PrepareOperand(predicate.operand, ByField(),
                                   Operator::kWas, plan, error);
        break;
      case PredicateKind::kFrom:
        filter.has_from = true;
        filter.from = PrepareOperand(predicate.operand, field, Operator::kWas,
                                     plan, error);
        break;
      case PredicateKind::kTo:
        filter.has_to = true;
        filter.to = PrepareOperand(predicate.operand, field, Operator::kWas,
                                   plan, error);
        break;
      default:
        PrepareTimePredicate(predicate, plan, &filter.window, error);
        break;
    }
    if (!error->empty()) break;
  }
  return filter;
}

}  // namespace syncrule::jql::eval
