// Semantic checks of a parsed JQL query (the second stage after syntax).
//
// Diagnostic codes. Messages reuse Jira's wording where Jira has one; `X`
// stands for what the query wrote. docs/jql-check-codes.md has examples.
//
// | Code   | Severity | Meaning                                            |
// |--------|----------|----------------------------------------------------|
// | JQL101 | error    | Unknown field: "Field 'X' does not exist." Notes   |
// |        |          | and a fix-it offer the closest known name.         |
// | JQL102 | error    | A plain name that several custom fields share;     |
// |        |          | notes and fix-its offer cf[N] for each.            |
// | JQL103 | error    | "The operator 'O' is not supported by the 'F'      |
// |        |          | field." (includes WAS/CHANGED on fields without    |
// |        |          | history and IS on fields that cannot be empty).    |
// | JQL104 | error    | "Unable to find JQL function 'X()'." + did you mean|
// | JQL105 | error    | "Function 'now' expected '0' arguments but         |
// |        |          | received '1'." (also "between" / "at least").      |
// | JQL106 | error    | A function whose result does not fit the field:    |
// |        |          | "The field 'F' is not supported by the function    |
// |        |          | 'X'."                                              |
// | JQL107 | error    | A function after an operator it cannot follow:     |
// |        |          | "The function 'membersOf' returns a list; use it   |
// |        |          | with IN or NOT IN."                                |
// | JQL108 | error    | "Date value 'X' for field 'F' is invalid. Valid    |
// |        |          | formats include: ..."                              |
// | JQL109 | error    | "'X' is not a valid number for field 'F'."         |
// | JQL110 | error    | "Duration value 'X' for field 'F' is invalid. ..." |
// | JQL111 | error    | "The DURING predicate must be supplied with        |
// |        |          | exactly 2 date values."                            |
// | JQL112 | error    | "The BEFORE predicate must be supplied with only 1 |
// |        |          | date value." (also AFTER, ON)                      |
// | JQL113 | error    | A bad date in AFTER/BEFORE/ON/DURING: "Date value  |
// |        |          | 'X' for predicate 'after' is invalid. ..." or "A   |
// |        |          | date for the predicate 'after' provided by the     |
// |        |          | function 'X' is not valid."                        |
// | JQL114 | error    | A BY function that does not return users: "A user  |
// |        |          | for the predicate 'by' provided by the function    |
// |        |          | 'X' is not valid."                                 |
// | JQL115 | error    | EMPTY after =, !=, IN or WAS on a field without    |
// |        |          | IS: "The field 'F' does not support searching for  |
// |        |          | EMPTY values."                                     |
// | JQL116 | error    | Entity-property misuse: "[key]" after a field that |
// |        |          | has no properties, or issue.property without one.  |
// | JQL117 | error    | ORDER BY on an unsortable field: "Not able to sort |
// |        |          | using field 'F'."                                  |
// | JQL118 | error    | A bad function argument: a malformed increment     |
// |        |          | ("Duration for function 'startOfDay' should have   |
// |        |          | the format (+/-)n(yMwdm), ...") or date.           |
// | JQL119 | error    | "The issue key 'X' for field 'F' is invalid."      |
// | JQL120 | error    | A value outside a fixed set (statusCategory):      |
// |        |          | "The value 'X' does not exist for the field 'F'."  |
// | JQL150 | warning  | "A field name cannot be empty." (Server/DC reject  |
// |        |          | it when parsing; JQL101 follows as well.)          |
// | JQL151 | warning  | "'X' is not a valid number. Numbers must be        |
// |        |          | between -9,223,372,036,854,775,808 and             |
// |        |          | 9,223,372,036,854,775,807." (Server/DC only)       |
// | JQL152 | warning  | "'all' is a reserved JQL word. ..." (reserved on   |
// |        |          | Server/DC, accepted by Cloud); fix-it quotes it.   |

#include "compiler/jql/check.h"

#include "compiler/jql/check_internal.h"

namespace syncrule::jql {
namespace {

using namespace check_internal;

constexpr OperatorSet kHistoryOperators = OperatorsFromLetters("HC");

std::string OperatorNote(const FieldInfo& field, std::string_view name) {
  if (field.operators == 0) {
    return "'" + std::string(name) + "' can only be used in ORDER BY.";
  }
  return "'" + std::string(name) +
         "' supports: " + DescribeOperators(field.operators) + ".";
}

bool IsTextType(FieldType type) {
  return type == FieldType::kText || type == FieldType::kTextMaster;
}

// Reports JQL103 when `field` does not support the clause's operator;
// returns whether it does.
bool CheckOperator(CheckContext& context, const FieldInfo& field,
                   const Clause& clause) {
  if (HasOperator(field.operators, clause.op)) return true;
  const std::string& name = clause.field.name.text;
  Diagnostic& error = context.Error(
      kUnsupportedOperator, clause.id,
      "The operator '" + std::string(OperatorSpelling(clause.op)) +
          "' is not supported by the '" + name + "' field.");
  error.notes.push_back(OperatorNote(field, name));
  if (IsTextType(field.type) &&
      (clause.op == Operator::kEquals || clause.op == Operator::kNotEquals)) {
    error.notes.push_back("text fields are searched with '~' (contains).");
  }
  if ((kHistoryOperators & OperatorBit(clause.op)) != 0) {
    error.notes.push_back(
        "history operators work on assignee, fixVersion, priority, reporter, "
        "resolution and status (creator: WAS only).");
  }
  return false;
}

CheckedClause CheckClause(CheckContext& context, const Clause& clause);

CheckedClause CheckTerminal(CheckContext& context, const Clause& clause) {
  CheckedClause checked;
  checked.id = clause.id;
  checked.kind = ClauseKind::kTerminal;
  checked.op = clause.op;
  checked.properties = clause.field.properties;
  checked.field = CheckFieldRef(context, clause.field);
  OperandSubject subject{checked.field, clause.field.name.text, clause.op};
  if (checked.field) {
    subject.check_values = CheckOperator(context, *checked.field, clause);
  }
  if (clause.operand) {
    checked.operand = CheckOperand(context, subject, *clause.operand);
  }
  for (const Predicate& predicate : clause.predicates) {
    checked.predicates.push_back(CheckPredicate(context, subject, predicate));
  }
  return checked;
}

CheckedClause CheckClause(CheckContext& context, const Clause& clause) {
  if (clause.kind == ClauseKind::kTerminal) {
    return CheckTerminal(context, clause);
  }
  CheckedClause checked;
  checked.id = clause.id;
  checked.kind = clause.kind;
  checked.children.reserve(clause.children.size());
  for (const Clause& child : clause.children) {
    checked.children.push_back(CheckClause(context, child));
  }
  return checked;
}

CheckedSortKey CheckSortKey(CheckContext& context, const SortKey& key) {
  CheckedSortKey checked{key.id, CheckFieldRef(context, key.field),
                         key.direction};
  if (checked.field && !checked.field->sortable) {
    context.Error(
        kNotSortable, key.field.id,
        "Not able to sort using field '" + key.field.name.text + "'.");
  }
  return checked;
}

}  // namespace

CheckedQuery CheckQuery(const Query& query, const FieldCatalog& catalog,
                        DiagnosticList& diagnostics) {
  CheckContext context{query, catalog, diagnostics, stdlib::TimeContext{}};
  CheckedQuery checked;
  if (query.where) checked.where = CheckClause(context, *query.where);
  for (const SortKey& key : query.order_by) {
    checked.order_by.push_back(CheckSortKey(context, key));
  }
  return checked;
}

}  // namespace syncrule::jql
