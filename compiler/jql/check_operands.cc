// Operands for the semantic checker: EMPTY, typed values, functions and
// lists on the right of a clause.

#include <algorithm>
#include <array>
#include <cctype>

#include "compiler/jql/check_internal.h"
#include "compiler/jql/check_spelling.h"

namespace syncrule::jql::check_internal {
namespace {

// Fields whose values must be issue keys or ids (Epic Link also takes an
// epic's name, so it is not checked).
constexpr std::array<std::string_view, 2> kIssueKeyFields = {"issueKey",
                                                             "parent"};

// The status categories Jira has, by name, key and id.
constexpr std::array<std::string_view, 12> kStatusCategoryValues = {
    "To Do", "In Progress", "Done", "No Category", "new", "indeterminate",
    "done",  "undefined",   "1",    "2",           "3",   "4"};

bool IsDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
}

// Accepts "12", "-3", and for decimal fields also "1.5" and "-0.25".
bool IsNumberText(std::string_view text, bool allow_decimal) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    text.remove_prefix(1);
  }
  const size_t dot = allow_decimal ? text.find('.') : std::string_view::npos;
  if (dot == std::string_view::npos) return IsDigits(text);
  return IsDigits(text.substr(0, dot)) && IsDigits(text.substr(dot + 1));
}

bool IsIssueKey(std::string_view text) {
  const size_t dash = text.rfind('-');
  if (dash == std::string_view::npos || dash == 0) return IsDigits(text);
  const std::string_view project = text.substr(0, dash);
  const bool project_ok =
      std::isalpha(static_cast<unsigned char>(project.front())) &&
      std::all_of(project.begin(), project.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
      });
  return project_ok && IsDigits(text.substr(dash + 1));
}

bool IsKeyOnlyField(const FieldInfo& field) {
  return !field.is_custom &&
         std::find(kIssueKeyFields.begin(), kIssueKeyFields.end(),
                   field.name) != kIssueKeyFields.end();
}

void CheckDateValue(CheckContext& context, const OperandSubject& subject,
                    const Literal& value) {
  if (stdlib::ParseJqlDate(value.text, value.is_number, context.time)) return;
  context.Error(kInvalidDate, value.id,
                "Date value '" + value.text + "' for field '" +
                    subject.field_name + "' is invalid. " +
                    std::string(kDateFormatsSentence));
}

void CheckNumberValue(CheckContext& context, const OperandSubject& subject,
                      const Literal& value) {
  if (IsNumberText(value.text, subject.field->is_custom)) return;
  context.Error(kInvalidNumber, value.id,
                "'" + value.text + "' is not a valid number for field '" +
                    subject.field_name + "'.");
}

void CheckDurationValue(CheckContext& context, const OperandSubject& subject,
                        const Literal& value) {
  if (stdlib::ParseTrackingDuration(value.text, context.time)) return;
  context.Error(kInvalidDuration, value.id,
                "Duration value '" + value.text + "' for field '" +
                    subject.field_name +
                    "' is invalid. Valid formats include '3w', '2d', '4h', "
                    "'30m', '1h 30m' or a number of minutes.");
}

void CheckIssueKeyValue(CheckContext& context, const OperandSubject& subject,
                        const Literal& value) {
  if (IsIssueKey(value.text)) return;
  context.Error(kInvalidIssueKey, value.id,
                "The issue key '" + value.text + "' for field '" +
                    subject.field_name + "' is invalid.");
}

void CheckStatusCategoryValue(CheckContext& context,
                              const OperandSubject& subject,
                              const Literal& value) {
  for (std::string_view known : kStatusCategoryValues) {
    if (EqualsIgnoreCase(known, value.text)) return;
  }
  context
      .Error(kUnknownValue, value.id,
             "The value '" + value.text + "' does not exist for the field '" +
                 subject.field_name + "'.")
      .notes.push_back(
          "status categories are \"To Do\", \"In Progress\" and \"Done\" "
          "(keys new, indeterminate, done; ids 2, 4, 3).");
}

// Checks a plain value against the type of the subject's field.
void CheckValue(CheckContext& context, const OperandSubject& subject,
                const Literal& value) {
  const FieldInfo& field = *subject.field;
  const bool text_search =
      subject.op == Operator::kLike || subject.op == Operator::kNotLike;
  if (text_search) return;
  switch (field.type) {
    case FieldType::kDate:
    case FieldType::kDateOnly:
      return CheckDateValue(context, subject, value);
    case FieldType::kNumber:
      return CheckNumberValue(context, subject, value);
    case FieldType::kDuration:
      return CheckDurationValue(context, subject, value);
    case FieldType::kStatusCategory:
      return CheckStatusCategoryValue(context, subject, value);
    case FieldType::kIssueKey:
      if (IsKeyOnlyField(field)) CheckIssueKeyValue(context, subject, value);
      return;
    default:
      return;
  }
}

void CheckEmpty(CheckContext& context, const OperandSubject& subject,
                const Operand& operand) {
  const bool is_operator =
      subject.op == Operator::kIs || subject.op == Operator::kIsNot;
  if (!subject.field || !subject.check_values || is_operator ||
      subject.in_change_predicate ||
      HasOperator(subject.field->operators, Operator::kIs)) {
    return;
  }
  context.Error(kEmptyNotSupported, operand.id,
                "The field '" + subject.field_name +
                    "' does not support searching for EMPTY values.");
}

bool FieldAcceptsFunction(const FieldInfo& field, const FunctionInfo& info) {
  if (field.type == FieldType::kEntityProperty ||
      field.type == FieldType::kUnknown) {
    return true;
  }
  return std::find(field.functions.begin(), field.functions.end(), info.name) !=
         field.functions.end();
}

bool IsHistoryOperator(Operator op) {
  return op == Operator::kWas || op == Operator::kWasNot ||
         op == Operator::kWasIn || op == Operator::kWasNotIn;
}

void ReportFunctionNotForField(CheckContext& context,
                               const OperandSubject& subject,
                               const FunctionInfo& info, NodeId id) {
  const std::string name(info.name);
  Diagnostic& error =
      context.Error(kFunctionNotForField, id,
                    "The field '" + subject.field_name +
                        "' is not supported by the function '" + name + "'.");
  error.notes.push_back("'" + name + "' returns " +
                        FunctionResultName(info.result) + "; '" +
                        subject.field_name + "' holds " +
                        FieldTypeName(subject.field->type) + " values.");
}

void ReportFunctionNotForOperator(CheckContext& context, Operator op,
                                  const FunctionInfo& info, NodeId id) {
  const std::string name(info.name);
  const std::string list_operators =
      IsHistoryOperator(op) ? "WAS IN or WAS NOT IN" : "IN or NOT IN";
  if (info.returns_list) {
    context.Error(kFunctionNotForOperator, id,
                  "The function '" + name + "' returns a list; use it with " +
                      list_operators + ".");
    return;
  }
  context
      .Error(kFunctionNotForOperator, id,
             "The operator '" + std::string(OperatorSpelling(op)) +
                 "' is not supported by the function '" + name + "'.")
      .notes.push_back("'" + name + "' works with: " +
                       DescribeOperators(info.operators) + ".");
}

CheckedOperand CheckFunctionOperand(CheckContext& context,
                                    const OperandSubject& subject,
                                    const Operand& operand) {
  const FunctionInfo* info = ResolveFunction(context, operand);
  if (info && subject.field && subject.check_values) {
    if (!FieldAcceptsFunction(*subject.field, *info)) {
      ReportFunctionNotForField(context, subject, *info, operand.id);
    } else if (!HasOperator(info->operators, subject.op)) {
      ReportFunctionNotForOperator(context, subject.op, *info, operand.id);
    }
  }
  return CheckedFunction(operand, info);
}

// Inside a list, elements are compared as IN (or WAS IN) compares them.
OperandSubject ElementSubject(const OperandSubject& subject) {
  OperandSubject element = subject;
  element.op = IsHistoryOperator(subject.op) ? Operator::kWasIn : Operator::kIn;
  return element;
}

}  // namespace

CheckedOperand CheckOperand(CheckContext& context,
                            const OperandSubject& subject,
                            const Operand& operand) {
  CheckedOperand checked{operand.id, operand.kind, operand.literal, {}, {}};
  switch (operand.kind) {
    case OperandKind::kEmpty:
      CheckEmpty(context, subject, operand);
      break;
    case OperandKind::kValue:
      LintLiteral(context, operand.literal);
      if (subject.field && subject.check_values) {
        CheckValue(context, subject, operand.literal);
      }
      break;
    case OperandKind::kFunction:
      return CheckFunctionOperand(context, subject, operand);
    case OperandKind::kList: {
      const OperandSubject element = ElementSubject(subject);
      for (const Operand& item : operand.elements) {
        checked.elements.push_back(CheckOperand(context, element, item));
      }
      break;
    }
  }
  return checked;
}

CheckedOperand CheckedFunction(const Operand& operand,
                               const FunctionInfo* info) {
  CheckedOperand checked{
      operand.id, operand.kind, operand.literal, operand.arguments, {}};
  if (info) checked.literal.text = std::string(info->name);
  return checked;
}

}  // namespace syncrule::jql::check_internal
