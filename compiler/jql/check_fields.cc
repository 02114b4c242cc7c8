// Field references and literal linting for the semantic checker.

#include <charconv>
#include <cstdint>

#include "compiler/jql/check_internal.h"
#include "compiler/jql/check_spelling.h"

namespace syncrule::jql::check_internal {
namespace {

bool IsBareChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

// True when `text` is an optionally signed run of digits that does not fit
// a Java long.
bool OutOfLongRange(std::string_view text) {
  int64_t value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc::result_out_of_range;
}

void ReportUnknownField(CheckContext& context, const FieldRef& ref) {
  const std::string& name = ref.name.text;
  Diagnostic& error = context.Error(kUnknownField, ref.id,
                                    "Field '" + name + "' does not exist.");
  if (ref.custom_field_id) return;
  const std::vector<std::string> suggestions = context.catalog.Suggest(name, 1);
  if (suggestions.empty()) return;
  const std::string& best = suggestions.front();
  error.notes.push_back("did you mean '" + best + "'?");
  SourceRange name_range = context.RangeOf(ref.name.id);
  if (name_range.end <= name_range.begin) name_range = context.RangeOf(ref.id);
  error.fixes.push_back(
      FixIt{name_range, QuoteForJql(best), "replace with '" + best + "'"});
}

void ReportAmbiguousField(CheckContext& context, const FieldRef& ref) {
  const std::vector<const FieldInfo*> candidates =
      context.catalog.CustomCandidates(ref.name.text);
  Diagnostic& error =
      context.Error(kAmbiguousField, ref.id,
                    "Field '" + ref.name.text +
                        "' is ambiguous: " + std::to_string(candidates.size()) +
                        " custom fields have this name.");
  for (const FieldInfo* field : candidates) {
    const std::string id = "cf[" + std::to_string(field->custom_id) + "]";
    error.notes.push_back(id + " has type " + FieldTypeName(field->type) +
                          " (" + field->custom_type + ").");
    error.fixes.push_back(FixIt{context.RangeOf(ref.name.id), id, "use " + id});
  }
}

// Reports `[key]` suffixes on fields without properties, and property
// fields written without a key.
void CheckProperties(CheckContext& context, const FieldRef& ref,
                     const FieldInfo& field) {
  const bool is_property_field = field.type == FieldType::kEntityProperty;
  if (is_property_field && ref.properties.empty()) {
    context.Error(kPropertyMisuse, ref.id,
                  "Field '" + ref.name.text + "' needs a property key, as in " +
                      field.name + "[key].path.");
  } else if (!is_property_field && !ref.properties.empty()) {
    context
        .Error(kPropertyMisuse, ref.id,
               "Field '" + ref.name.text + "' does not have entity properties.")
        .notes.push_back(
            "[key] suffixes work on entity-property fields such as "
            "issue.property[key].path.");
  }
}

void LintProperties(CheckContext& context, const FieldRef& ref) {
  for (const PropertyAccess& access : ref.properties) {
    LintLiteral(context, access.key);
    for (const Literal& segment : access.path) LintLiteral(context, segment);
  }
}

}  // namespace

Diagnostic& CheckContext::Error(std::string_view code, NodeId id,
                                std::string message) {
  return diagnostics.Error(std::string(code), RangeOf(id), std::move(message));
}

Diagnostic& CheckContext::Warning(std::string_view code, NodeId id,
                                  std::string message) {
  return diagnostics.Warning(std::string(code), RangeOf(id),
                             std::move(message));
}

const FieldInfo* CheckFieldRef(CheckContext& context, const FieldRef& ref) {
  LintLiteral(context, ref.name);
  LintProperties(context, ref);
  if (!ref.custom_field_id && ref.name.text.empty()) {
    context.Warning(kEmptyFieldName, ref.id, "A field name cannot be empty.")
        .notes.push_back(
            "Jira Server and Data Center reject empty field names.");
  }
  const FieldInfo* field = context.catalog.Resolve(ref);
  if (field) {
    CheckProperties(context, ref, *field);
  } else if (!ref.custom_field_id &&
             context.catalog.IsAmbiguous(ref.name.text)) {
    ReportAmbiguousField(context, ref);
  } else {
    ReportUnknownField(context, ref);
  }
  return field;
}

void LintLiteral(CheckContext& context, const Literal& literal) {
  if (literal.is_number && OutOfLongRange(literal.text)) {
    context
        .Warning(kNumberOutOfRange, literal.id,
                 "'" + literal.text +
                     "' is not a valid number. Numbers must be between "
                     "-9,223,372,036,854,775,808 and "
                     "9,223,372,036,854,775,807.")
        .notes.push_back(
            "Jira Server and Data Center reject it; Jira Cloud "
            "accepts it.");
  }
  if (literal.quoting == Quoting::kBare && !literal.is_number &&
      EqualsIgnoreCase(literal.text, "all")) {
    Diagnostic& warning = context.Warning(
        kReservedAll, literal.id,
        "'" + literal.text +
            "' is a reserved JQL word. You must surround it in quotation "
            "marks to use it in a query.");
    warning.notes.push_back(
        "'all' is reserved on Jira Server and Data Center; Jira Cloud "
        "accepts it.");
    warning.fixes.push_back(FixIt{context.RangeOf(literal.id),
                                  "\"" + literal.text + "\"",
                                  "quote the reserved word"});
  }
}

std::string QuoteForJql(std::string_view name) {
  bool bare = !name.empty();
  for (char c : name) bare = bare && IsBareChar(c);
  if (bare) return std::string(name);
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string DescribeOperators(OperatorSet set) {
  std::string text;
  for (int i = 0; i < kOperatorCount; ++i) {
    const auto op = static_cast<Operator>(i);
    if (!HasOperator(set, op)) continue;
    if (!text.empty()) text += ", ";
    text += OperatorSpelling(op);
  }
  return text;
}

}  // namespace syncrule::jql::check_internal
