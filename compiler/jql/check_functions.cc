// Function calls for the semantic checker: name resolution, arity and
// arguments.

#include <optional>

#include "compiler/jql/check_internal.h"
#include "compiler/jql/check_spelling.h"

namespace syncrule::jql::check_internal {
namespace {

// Returns "name(arg1, arg2)", the way Jira echoes a call in its messages.
std::string CallText(const Operand& operand) {
  std::string text = operand.literal.text + "(";
  for (size_t i = 0; i < operand.arguments.size(); ++i) {
    if (i > 0) text += ", ";
    text += operand.arguments[i].text;
  }
  return text + ")";
}

SourceRange NameRange(const CheckContext& context, const Operand& operand) {
  const SourceRange name = context.RangeOf(operand.literal.id);
  return name.end > name.begin ? name : context.RangeOf(operand.id);
}

void ReportUnknownFunction(CheckContext& context, const Operand& operand) {
  const std::string& name = operand.literal.text;
  Diagnostic& error =
      context.Error(kUnknownFunction, operand.id,
                    "Unable to find JQL function '" + CallText(operand) + "'.");
  if (name.empty()) {
    error.notes.push_back("A function name cannot be empty.");
    return;
  }
  const std::vector<std::string> suggestions = SuggestFunctions(name, 1);
  if (suggestions.empty()) return;
  const std::string& best = suggestions.front();
  error.notes.push_back("did you mean '" + best + "()'?");
  error.fixes.push_back(
      FixIt{NameRange(context, operand), best, "replace with '" + best + "'"});
}

std::string ArityExpectation(const FunctionInfo& info) {
  const std::string min = "'" + std::to_string(info.min_args) + "'";
  if (info.max_args == info.min_args) return min;
  if (info.max_args == kUnboundedArity) return "at least " + min;
  return "between " + min + " and '" + std::to_string(info.max_args) + "'";
}

// Reports JQL105 and returns false when the call has the wrong arity.
bool CheckArity(CheckContext& context, const Operand& operand,
                const FunctionInfo& info) {
  const int count = static_cast<int>(operand.arguments.size());
  const bool fits =
      count >= info.min_args &&
      (info.max_args == kUnboundedArity || count <= info.max_args);
  if (fits) return true;
  context.Error(kFunctionArity, operand.id,
                "Function '" + operand.literal.text + "' expected " +
                    ArityExpectation(info) + " arguments but received '" +
                    std::to_string(count) + "'.");
  return false;
}

stdlib::CalendarUnit PeriodUnit(std::string_view name) {
  if (name.ends_with("Week")) return stdlib::CalendarUnit::kWeek;
  if (name.ends_with("Month")) return stdlib::CalendarUnit::kMonth;
  if (name.ends_with("Year")) return stdlib::CalendarUnit::kYear;
  return stdlib::CalendarUnit::kDay;
}

void CheckPeriodIncrement(CheckContext& context, const FunctionInfo& info,
                          const Literal& increment) {
  std::string error;
  const bool end = info.name.starts_with("endOf");
  if (stdlib::StartOrEndOf(PeriodUnit(info.name), end, increment.text,
                           context.time, info.name, &error)) {
    return;
  }
  if (error.empty()) {
    error = "Duration for function '" + std::string(info.name) +
            "' should have the format (+/-)n(yMwdm), e.g -1M for 1 month "
            "earlier.";
  }
  context.Error(kInvalidFunctionArgument, increment.id, std::move(error));
}

// updatedBy(user, dateFrom, dateTo): the dates must parse.
void CheckUpdatedByDates(CheckContext& context, const Operand& operand) {
  for (size_t i = 1; i < operand.arguments.size(); ++i) {
    const Literal& date = operand.arguments[i];
    if (stdlib::ParseJqlDate(date.text, date.is_number, context.time)) continue;
    context.Error(kInvalidFunctionArgument, date.id,
                  "Date value '" + date.text + "' for function '" +
                      operand.literal.text + "' is invalid. " +
                      std::string(kDateFormatsSentence));
  }
}

void CheckArguments(CheckContext& context, const Operand& operand,
                    const FunctionInfo& info) {
  if (IsPeriodFunction(info) && operand.arguments.size() == 1) {
    CheckPeriodIncrement(context, info, operand.arguments.front());
  } else if (info.name == "updatedBy") {
    CheckUpdatedByDates(context, operand);
  }
}

}  // namespace

const FunctionInfo* ResolveFunction(CheckContext& context,
                                    const Operand& operand) {
  LintLiteral(context, operand.literal);
  for (const Literal& argument : operand.arguments) {
    LintLiteral(context, argument);
  }
  const FunctionInfo* info = FindFunction(operand.literal.text);
  if (!info) {
    ReportUnknownFunction(context, operand);
    return nullptr;
  }
  if (CheckArity(context, operand, *info)) {
    CheckArguments(context, operand, *info);
  }
  return info;
}

}  // namespace syncrule::jql::check_internal
