// History predicates (AFTER, BEFORE, ON, DURING, BY, FROM, TO) for the
// semantic checker.

#include "compiler/jql/check_internal.h"
#include "compiler/jql/check_spelling.h"

namespace syncrule::jql::check_internal {
namespace {

// The lower-case keyword Jira uses in predicate messages ("after").
std::string PredicateWord(PredicateKind kind) {
  return ToLowerAscii(PredicateSpelling(kind));
}

// Lints and resolves an operand without comparing it with any field.
CheckedOperand CheckUntyped(CheckContext& context, const Operand& operand) {
  return CheckOperand(context, OperandSubject{}, operand);
}

CheckedOperand CheckDateFunction(CheckContext& context, PredicateKind kind,
                                 const Operand& operand) {
  const FunctionInfo* info = ResolveFunction(context, operand);
  if (info && info->result != FunctionResult::kDate) {
    context.Error(kInvalidPredicateDate, operand.id,
                  "A date for the predicate '" + PredicateWord(kind) +
                      "' provided by the function '" + operand.literal.text +
                      "' is not valid.");
  }
  return CheckedFunction(operand, info);
}

void CheckDateLiteral(CheckContext& context, PredicateKind kind,
                      const Literal& value) {
  LintLiteral(context, value);
  if (stdlib::ParseJqlDate(value.text, value.is_number, context.time)) return;
  context.Error(kInvalidPredicateDate, value.id,
                "Date value '" + value.text + "' for predicate '" +
                    PredicateWord(kind) + "' is invalid. " +
                    std::string(kDateFormatsSentence));
}

// Checks one date operand of AFTER, BEFORE, ON or DURING; a nested list is
// left to the caller's count check.
CheckedOperand CheckDateOperand(CheckContext& context, PredicateKind kind,
                                const Operand& operand) {
  switch (operand.kind) {
    case OperandKind::kEmpty:
      context.Error(kInvalidPredicateDate, operand.id,
                    "A date for the predicate '" + PredicateWord(kind) +
                        "' cannot be EMPTY.");
      return CheckedOperand{operand.id, operand.kind, operand.literal, {}, {}};
    case OperandKind::kValue:
      CheckDateLiteral(context, kind, operand.literal);
      return CheckedOperand{operand.id, operand.kind, operand.literal, {}, {}};
    case OperandKind::kFunction:
      return CheckDateFunction(context, kind, operand);
    case OperandKind::kList:
      break;
  }
  return CheckUntyped(context, operand);
}

bool IsNestedList(const Operand& operand) {
  return operand.kind == OperandKind::kList;
}

CheckedOperand CheckSingleDate(CheckContext& context,
                               const Predicate& predicate) {
  const Operand& operand = predicate.operand;
  const bool is_list = operand.kind == OperandKind::kList;
  if (!is_list) return CheckDateOperand(context, predicate.kind, operand);
  if (operand.elements.size() != 1 || IsNestedList(operand.elements.front())) {
    context.Error(kPredicateArity, predicate.id,
                  "The " + std::string(PredicateSpelling(predicate.kind)) +
                      " predicate must be supplied with only 1 date value.");
    return CheckUntyped(context, operand);
  }
  CheckedOperand checked{operand.id, operand.kind, operand.literal, {}, {}};
  checked.elements.push_back(
      CheckDateOperand(context, predicate.kind, operand.elements.front()));
  return checked;
}

CheckedOperand CheckDuring(CheckContext& context, const Predicate& predicate) {
  const Operand& operand = predicate.operand;
  const bool two_dates =
      operand.kind == OperandKind::kList && operand.elements.size() == 2 &&
      !IsNestedList(operand.elements[0]) && !IsNestedList(operand.elements[1]);
  if (!two_dates) {
    context.Error(kDuringArity, predicate.id,
                  "The DURING predicate must be supplied with exactly 2 date "
                  "values.");
    return CheckUntyped(context, operand);
  }
  CheckedOperand checked{operand.id, operand.kind, operand.literal, {}, {}};
  for (const Operand& element : operand.elements) {
    checked.elements.push_back(
        CheckDateOperand(context, predicate.kind, element));
  }
  return checked;
}

bool ReturnsUsers(const FunctionInfo& info) {
  return info.result == FunctionResult::kUser ||
         info.result == FunctionResult::kUsers;
}

CheckedOperand CheckBy(CheckContext& context, const Operand& operand) {
  if (operand.kind == OperandKind::kList) {
    CheckedOperand checked{operand.id, operand.kind, operand.literal, {}, {}};
    for (const Operand& element : operand.elements) {
      checked.elements.push_back(CheckBy(context, element));
    }
    return checked;
  }
  if (operand.kind != OperandKind::kFunction) {
    return CheckUntyped(context, operand);
  }
  const FunctionInfo* info = ResolveFunction(context, operand);
  if (info && !ReturnsUsers(*info)) {
    context.Error(kInvalidPredicateUser, operand.id,
                  "A user for the predicate 'by' provided by the function '" +
                      operand.literal.text + "' is not valid.");
  }
  return CheckedFunction(operand, info);
}

// FROM and TO take values of the clause's own field.
CheckedOperand CheckChangeValue(CheckContext& context,
                                const OperandSubject& subject,
                                const Operand& operand) {
  OperandSubject change = subject;
  change.op = Operator::kEquals;
  change.in_change_predicate = true;
  return CheckOperand(context, change, operand);
}

}  // namespace

CheckedPredicate CheckPredicate(CheckContext& context,
                                const OperandSubject& subject,
                                const Predicate& predicate) {
  CheckedPredicate checked{predicate.id, predicate.kind, {}};
  switch (predicate.kind) {
    case PredicateKind::kAfter:
    case PredicateKind::kBefore:
    case PredicateKind::kOn:
      checked.operand = CheckSingleDate(context, predicate);
      break;
    case PredicateKind::kDuring:
      checked.operand = CheckDuring(context, predicate);
      break;
    case PredicateKind::kBy:
      checked.operand = CheckBy(context, predicate.operand);
      break;
    case PredicateKind::kFrom:
    case PredicateKind::kTo:
      checked.operand = CheckChangeValue(context, subject, predicate.operand);
      break;
  }
  return checked;
}

}  // namespace syncrule::jql::check_internal
