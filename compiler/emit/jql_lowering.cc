#include "compiler/emit/jql_lowering.h"

#include <fmt/format.h>

#include "runtime/jql_runtime.h"
#include "runtime/value.h"
#include "stdlib/jql_time.h"
#include "stdlib/text_search.h"

namespace syncrule::emit {
namespace {

using jql::CheckedClause;
using jql::CheckedOperand;
using jql::ClauseKind;
using jql::FieldInfo;
using jql::FieldType;
using jql::Operator;
using jql::OperandKind;
using runtime::JqlCompare;
using runtime::JqlOperandImage;
using runtime::JqlOperandKind;
using runtime::JqlReader;
using runtime::Opcode;

std::string Folded(std::string_view text) {
  std::string out;
  runtime::AppendFolded(text, &out);
  return out;
}

bool IsOrdering(Operator op) {
  return op == Operator::kLess || op == Operator::kGreater ||
         op == Operator::kLessEquals || op == Operator::kGreaterEquals;
}

bool IsHistory(Operator op) {
  return op == Operator::kWas || op == Operator::kWasNot || op == Operator::kWasIn ||
         op == Operator::kWasNotIn || op == Operator::kChanged;
}

bool IsDateType(FieldType type) {
  return type == FieldType::kDate || type == FieldType::kDateOnly;
}

// How the runtime reads the field (the reference's ReadField cases).
JqlReader ReaderOf(const FieldInfo& field) {
  std::string key = Folded(field.name);
  switch (field.type) {
    case FieldType::kText:
      if (key == "comment") return JqlReader::kComment;
      if (key == "worklogcomment") return JqlReader::kWorklogComment;
      return JqlReader::kText;
    case FieldType::kTextMaster: return JqlReader::kTextMaster;
    case FieldType::kNumber:
      if (!field.is_custom && key == "workratio") return JqlReader::kWorkRatio;
      if (!field.is_custom && key == "progress") return JqlReader::kProgress;
      return JqlReader::kNumber;
    case FieldType::kDate:
      return key == "worklogdate" ? JqlReader::kWorklogDate : JqlReader::kDate;
    case FieldType::kDateOnly:
      return key == "worklogdate" ? JqlReader::kWorklogDate : JqlReader::kDateOnly;
    case FieldType::kDuration: return JqlReader::kDuration;
    case FieldType::kUser:
      if (key == "watcher") return JqlReader::kWatchers;
      if (key == "voter") return JqlReader::kVoters;
      if (key == "worklogauthor") return JqlReader::kWorklogAuthor;
      return JqlReader::kGeneric;
    case FieldType::kProject: return JqlReader::kProject;
    case FieldType::kStatusCategory: return JqlReader::kStatusCategory;
    case FieldType::kIssueKey: return JqlReader::kIssueKey;
    case FieldType::kSprint: return JqlReader::kSprint;
    case FieldType::kIssueLinkType: return JqlReader::kLinkTypes;
    case FieldType::kCategory: return JqlReader::kCategory;
    default: return JqlReader::kGeneric;
  }
}

JqlCompare CompareOf(const FieldInfo& field) {
  switch (field.type) {
    case FieldType::kPriority: return JqlCompare::kPriority;
    case FieldType::kResolution: return JqlCompare::kResolution;
    case FieldType::kVersion: return JqlCompare::kVersion;
    case FieldType::kIssueKey: return JqlCompare::kIssueKey;
    case FieldType::kIssueLinkType: return JqlCompare::kLinkType;
    case FieldType::kCascadingOption: return JqlCompare::kCascade;
    case FieldType::kUnknown:
    case FieldType::kEntityProperty: return JqlCompare::kNumeric;
    case FieldType::kText:
    case FieldType::kTextMaster: return JqlCompare::kText;
    default: return JqlCompare::kName;
  }
}

// True when `=`/`IN` on the field is a folded name-set test (no numeric,
// date or link-type semantics).
bool IsNameField(const FieldInfo& field) {
  JqlReader reader = ReaderOf(field);
  JqlCompare compare = CompareOf(field);
  if (compare == JqlCompare::kNumeric || compare == JqlCompare::kLinkType) return false;
  switch (reader) {
    case JqlReader::kNumber: case JqlReader::kWorkRatio: case JqlReader::kProgress:
    case JqlReader::kDate: case JqlReader::kDateOnly: case JqlReader::kWorklogDate:
    case JqlReader::kDuration: case JqlReader::kTextMaster:
      return false;
    default:
      return true;
  }
}

// Date functions the VM answers from its clock.
bool IsClockFunction(std::string_view folded) {
  static const char* const kNames[] = {"now", "startofday", "startofweek",
                                       "startofmonth", "startofyear", "endofday",
                                       "endofweek", "endofmonth", "endofyear"};
  for (const char* name : kNames) {
    if (folded == name) return true;
  }
  return false;
}

std::optional<stdlib::CalendarUnit> UnitOf(std::string_view folded, bool* end) {
  struct Spec { const char* name; stdlib::CalendarUnit unit; bool end; };
  static const Spec kSpecs[] = {
      {"startofday", stdlib::CalendarUnit::kDay, false},
      {"startofweek", stdlib::CalendarUnit::kWeek, false},
      {"startofmonth", stdlib::CalendarUnit::kMonth, false},
      {"startofyear", stdlib::CalendarUnit::kYear, false},
      {"endofday", stdlib::CalendarUnit::kDay, true},
      {"endofweek", stdlib::CalendarUnit::kWeek, true},
      {"endofmonth", stdlib::CalendarUnit::kMonth, true},
      {"endofyear", stdlib::CalendarUnit::kYear, true},
  };
  for (const Spec& spec : kSpecs) {
    if (folded == spec.name) {
      *end = spec.end;
      return spec.unit;
    }
  }
  return std::nullopt;
}

// A clock for validating date operands at compile time; run-time dates use
// the evaluation clock.
stdlib::TimeContext CompileClock() {
  stdlib::TimeContext time;
  time.now_ms = 1767225600000;  // 2026-01-01T00:00:00Z
  return time;
}

}  // namespace

JqlLowering::JqlLowering(ModuleBuilder& module, CodeBuilder& code,
                         const jql::FieldCatalog* catalog)
    : module_(module), code_(code), catalog_(catalog) {}

void JqlLowering::Decline(std::string message) { code_.Error(std::move(message)); }

bool JqlLowering::MayError(const CheckedClause& clause) {
  if (clause.kind != ClauseKind::kTerminal) {
    for (const CheckedClause& child : clause.children) {
      if (MayError(child)) return true;
    }
    return false;
  }
  if (clause.field == nullptr) return false;
  // Of the ordering comparisons only priorities can fail at run time (a
  // priority missing from the order); dates, numbers, versions and keys
  // order without errors in the runtime, so they keep short-circuiting.
  if (IsOrdering(clause.op) && clause.field->type == FieldType::kPriority) return true;
  std::string key = Folded(clause.field->name);
  return key == "watcher" || key == "voter";
}

uint32_t JqlLowering::FieldIndex(const FieldInfo& field) {
  runtime::JqlFieldImage image;
  image.name = field.name;
  image.reader = ReaderOf(field);
  image.compare = CompareOf(field);
  image.json_key = field.json_key;
  image.multi_valued = field.multi_valued;
  image.is_custom = field.is_custom;
  image.history_names = field.history_names;
  if (field.type == FieldType::kEntityProperty) {
    image.reader = JqlReader::kProperty;
    image.history_names = property_path_;
  }
  if (image.reader == JqlReader::kTextMaster) {
    // `text ~` searches these custom fields besides the system text fields.
    image.history_names.clear();
    if (catalog_ == nullptr) {
      image.history_names.push_back("*");
    } else {
      for (const auto& f : catalog_->fields()) {
        if (f->is_custom && f->type == FieldType::kText && !f->json_key.empty()) {
          image.history_names.push_back(f->json_key);
        }
      }
    }
  }
  if (!field.json_key.empty()) {
    image.path = module_.Path("/issue/fields/" + field.json_key);
  }
  return module_.JqlField(image);
}

bool JqlLowering::PrepareOperand(const CheckedOperand& operand, const FieldInfo& field,
                                 std::vector<JqlOperandImage>* out) {
  switch (operand.kind) {
    case OperandKind::kEmpty:
      out->push_back(JqlOperandImage{JqlOperandKind::kEmpty, "", false, ""});
      return true;
    case OperandKind::kList:
      for (const CheckedOperand& element : operand.elements) {
        if (!PrepareOperand(element, field, out)) return false;
      }
      return true;
    case OperandKind::kValue: {
      const jql::Literal& literal = operand.literal;
      if (IsDateType(field.type)) {
        if (!stdlib::ParseJqlDate(literal.text, literal.is_number, CompileClock())) {
          Decline(fmt::format(
              "'{}' is not a valid date for field '{}': use \"yyyy/MM/dd "
              "[HH:mm]\", \"yyyy-MM-dd [HH:mm]\", a period such as \"-1d\" or "
              "\"-4w 2d\", or epoch milliseconds",
              literal.text, field.name));
          return false;
        }
        out->push_back(JqlOperandImage{JqlOperandKind::kDateLiteral, literal.text,
                                       literal.is_number, ""});
        return true;
      }
      if (field.type == FieldType::kResolution && Folded(literal.text) == "unresolved") {
        out->push_back(JqlOperandImage{JqlOperandKind::kEmpty, "", false, ""});
        return true;
      }
      if (field.type == FieldType::kDuration &&
          !stdlib::ParseTrackingDuration(literal.text, stdlib::TimeContext{})) {
        Decline(fmt::format("'{}' is not a valid duration for field '{}'",
                            literal.text, field.name));
        return false;
      }
      out->push_back(JqlOperandImage{JqlOperandKind::kText, literal.text,
                                     literal.is_number, ""});
      return true;
    }
    case OperandKind::kFunction: {
      std::string name = Folded(operand.literal.text);
      if (!IsClockFunction(name)) {
        Decline(fmt::format("JQL function '{}()' needs data only a Jira server has "
                            "(users, groups, filters, sprints, versions, links); "
                            "the rule VM answers date functions only",
                            operand.literal.text));
        return false;
      }
      std::string argument =
          operand.arguments.empty() ? std::string() : operand.arguments[0].text;
      bool end = false;
      if (std::optional<stdlib::CalendarUnit> unit = UnitOf(name, &end)) {
        std::string error;
        if (!stdlib::StartOrEndOf(*unit, end, argument, CompileClock(),
                                  operand.literal.text, &error)) {
          Decline(error);
          return false;
        }
      }
      out->push_back(JqlOperandImage{JqlOperandKind::kDateFunction, name, false, argument});
      return true;
    }
  }
  return false;
}

bool JqlLowering::PrepareWindow(const jql::CheckedPredicate& predicate,
                                runtime::JqlTermImage* term) {
  runtime::JqlWindowImage window;
  auto one = [&](const CheckedOperand& operand, JqlOperandImage* out) {
    if (operand.kind == OperandKind::kValue) {
      if (!stdlib::ParseJqlDate(operand.literal.text, operand.literal.is_number,
                                CompileClock())) {
        Decline(fmt::format("'{}' is not a valid date", operand.literal.text));
        return false;
      }
      *out = JqlOperandImage{JqlOperandKind::kDateLiteral, operand.literal.text,
                             operand.literal.is_number, ""};
      return true;
    }
    if (operand.kind == OperandKind::kFunction) {
      FieldInfo date;
      date.name = "date";
      date.type = FieldType::kDate;
      std::vector<JqlOperandImage> values;
      if (!PrepareOperand(operand, date, &values)) return false;
      *out = values.front();
      return true;
    }
    Decline(fmt::format("The {} predicate needs a date",
                        jql::PredicateSpelling(predicate.kind)));
    return false;
  };
  switch (predicate.kind) {
    case jql::PredicateKind::kAfter: window.kind = runtime::JqlWindowKind::kAfter; break;
    case jql::PredicateKind::kBefore: window.kind = runtime::JqlWindowKind::kBefore; break;
    case jql::PredicateKind::kOn: window.kind = runtime::JqlWindowKind::kOn; break;
    case jql::PredicateKind::kDuring: {
      window.kind = runtime::JqlWindowKind::kDuring;
      const CheckedOperand& operand = predicate.operand;
      if (operand.kind != OperandKind::kList || operand.elements.size() != 2) {
        Decline("The DURING predicate needs two dates: DURING (\"from\", \"to\")");
        return false;
      }
      if (!one(operand.elements[0], &window.first) ||
          !one(operand.elements[1], &window.second)) {
        return false;
      }
      term->windows.push_back(std::move(window));
      return true;
    }
    default: return false;
  }
  if (!one(predicate.operand, &window.first)) return false;
  term->windows.push_back(std::move(window));
  return true;
}

bool JqlLowering::TrySetTest(const CheckedClause& clause) {
  const FieldInfo& field = *clause.field;
  Operator op = clause.op;
  bool positive = op == Operator::kEquals || op == Operator::kIn || op == Operator::kIs;
  bool negative = op == Operator::kNotEquals || op == Operator::kNotIn ||
                  op == Operator::kIsNot;
  if ((!positive && !negative) || !clause.operand) return false;
  const CheckedOperand& operand = *clause.operand;
  bool all_empty = operand.kind == OperandKind::kEmpty;
  if (all_empty && CompareOf(field) != JqlCompare::kLinkType) {
    code_.EmitA(Opcode::kJQL_LOAD, FieldIndex(field));
    code_.EmitA(Opcode::kJQL_EMPTY);
    if (negative) code_.EmitA(Opcode::kNOT);
    return true;
  }
  if (!IsNameField(field)) return false;
  // Only plain text literals become a set.
  std::vector<std::string> names;
  std::vector<const CheckedOperand*> stack{&operand};
  while (!stack.empty()) {
    const CheckedOperand* o = stack.back();
    stack.pop_back();
    if (o->kind == OperandKind::kList) {
      for (const CheckedOperand& e : o->elements) stack.push_back(&e);
      continue;
    }
    if (o->kind != OperandKind::kValue) return false;
    if (field.type == FieldType::kResolution && Folded(o->literal.text) == "unresolved") {
      return false;
    }
    names.push_back(Folded(o->literal.text));
  }
  if (names.empty()) return false;
  uint32_t set = module_.Set(std::move(names), /*folded=*/true);
  code_.EmitA(Opcode::kJQL_LOAD, FieldIndex(field));
  code_.EmitA(positive ? Opcode::kJQL_ANY_IN : Opcode::kJQL_NONE_IN, set);
  return true;
}

void JqlLowering::Terminal(const CheckedClause& clause) {
  if (observer_) observer_(clause);
  if (clause.field == nullptr) {
    Decline("a JQL clause names no resolved field");
    code_.EmitA(Opcode::kPUSH_FALSE);
    return;
  }
  const FieldInfo& field = *clause.field;
  auto fail = [&](std::string message) {
    Decline(std::move(message));
    code_.EmitA(Opcode::kPUSH_FALSE);
  };
  switch (field.type) {
    case FieldType::kFilter:
      return fail("JQL field 'filter' needs the issues of a saved filter, which only "
                  "a Jira server has");
    case FieldType::kApproval:
    case FieldType::kSla:
      return fail(fmt::format("JQL field '{}' (Jira Service Management) is not "
                              "answered by the rule VM",
                              field.name));
    default:
      break;
  }
  property_path_.clear();
  if (field.type == FieldType::kEntityProperty && Folded(field.name) != "issue.property") {
    return fail(fmt::format("JQL field '{}' needs Jira server state: only "
                            "issue.property[...] is read, from the issue's "
                            "\"properties\"",
                            field.name));
  }
  if (field.type == FieldType::kEntityProperty) {
    // issue.property[key].a.b: the key, then the dotted path's segments.
    for (const jql::PropertyAccess& access : clause.properties) {
      property_path_.push_back(access.key.text);
      for (const jql::Literal& part : access.path) {
        std::string_view rest = part.text;
        while (!rest.empty()) {
          size_t dot = rest.find('.');
          std::string_view segment = rest.substr(0, dot);
          while (!segment.empty() && segment.front() == ' ') segment.remove_prefix(1);
          while (!segment.empty() && segment.back() == ' ') segment.remove_suffix(1);
          if (!segment.empty()) property_path_.emplace_back(segment);
          if (dot == std::string_view::npos) break;
          rest.remove_prefix(dot + 1);
        }
      }
    }
  }
  if (TrySetTest(clause)) return;
  runtime::JqlTermImage term;
  term.field = FieldIndex(field);
  term.op = static_cast<runtime::JqlOp>(clause.op);
  Operator op = clause.op;
  if (op == Operator::kLike || op == Operator::kNotLike) {
    if (field.type == FieldType::kVersion) {
      if (clause.operand && !PrepareOperand(*clause.operand, field, &term.values)) {
        code_.EmitA(Opcode::kPUSH_FALSE);
        return;
      }
    } else {
      if (clause.operand && clause.operand->kind == OperandKind::kValue) {
        term.text_query = clause.operand->literal.text;
      }
      stdlib::TextQuery query(term.text_query);
      if (!query.ok()) {
        return fail(fmt::format("The text query '{}' for field '{}' is malformed: {}",
                                term.text_query, field.name, query.error()));
      }
    }
  } else if (clause.operand) {
    if (!PrepareOperand(*clause.operand, field, &term.values)) {
      code_.EmitA(Opcode::kPUSH_FALSE);
      return;
    }
  }
  if (IsOrdering(op) && !term.values.empty() &&
      term.values[0].kind == JqlOperandKind::kText) {
    const std::string& text = term.values[0].text;
    if (field.type == FieldType::kResolution) {
      return fail("Comparing resolutions with < or > needs the resolution order of "
                  "your instance; none was given");
    }
    if (field.type == FieldType::kPriority && !runtime::DefaultPriorityRank(text)) {
      return fail(fmt::format("The priority '{}' is not in the configured priority "
                              "order (field '{}')",
                              text, field.name));
    }
  }
  if (IsHistory(op)) {
    for (const jql::CheckedPredicate& predicate : clause.predicates) {
      switch (predicate.kind) {
        case jql::PredicateKind::kBy: {
          term.has_by = true;
          FieldInfo by;
          by.name = "by";
          by.type = FieldType::kUser;
          std::vector<JqlOperandImage> users;
          if (!PrepareOperand(predicate.operand, by, &users)) {
            code_.EmitA(Opcode::kPUSH_FALSE);
            return;
          }
          for (const JqlOperandImage& user : users) {
            if (user.kind == JqlOperandKind::kText) term.by.push_back(user.text);
          }
          break;
        }
        case jql::PredicateKind::kFrom:
          term.has_from = true;
          if (!PrepareOperand(predicate.operand, field, &term.from)) {
            code_.EmitA(Opcode::kPUSH_FALSE);
            return;
          }
          break;
        case jql::PredicateKind::kTo:
          term.has_to = true;
          if (!PrepareOperand(predicate.operand, field, &term.to)) {
            code_.EmitA(Opcode::kPUSH_FALSE);
            return;
          }
          break;
        default:
          if (!PrepareWindow(predicate, &term)) {
            code_.EmitA(Opcode::kPUSH_FALSE);
            return;
          }
          break;
      }
    }
  }
  code_.EmitA(Opcode::kJQL_TERM, module_.JqlTerm(std::move(term)));
}

void JqlLowering::PushValue(const CheckedClause& clause) {
  switch (clause.kind) {
    case ClauseKind::kTerminal:
      Terminal(clause);
      return;
    case ClauseKind::kNot:
      if (clause.children.empty()) {
        code_.EmitA(Opcode::kPUSH_FALSE);
        return;
      }
      PushValue(clause.children.front());
      code_.EmitA(Opcode::kNOT);
      return;
    case ClauseKind::kAnd:
    case ClauseKind::kOr: {
      if (!MayError(clause)) {
        // Short-circuit, then materialise the verdict.
        JumpList false_list;
        GoIfTrue(clause, &false_list);
        int depth = code_.depth();
        code_.EmitA(Opcode::kPUSH_TRUE);
        uint32_t skip = code_.EmitJump(Opcode::kJMP);
        code_.PatchHere(false_list);
        code_.set_depth(depth);
        code_.EmitA(Opcode::kPUSH_FALSE);
        code_.PatchHere({skip});
        return;
      }
      bool is_and = clause.kind == ClauseKind::kAnd;
      for (size_t k = 0; k < clause.children.size(); ++k) {
        PushValue(clause.children[k]);
        if (k > 0) code_.EmitA(is_and ? Opcode::kBOOL_AND : Opcode::kBOOL_OR);
      }
      if (clause.children.empty()) code_.EmitA(is_and ? Opcode::kPUSH_TRUE : Opcode::kPUSH_FALSE);
      return;
    }
  }
}

void JqlLowering::GoIfTrue(const CheckedClause& clause, JumpList* false_list) {
  if (clause.kind == ClauseKind::kTerminal || MayError(clause)) {
    PushValue(clause);
    if (observer_ && clause.kind != ClauseKind::kTerminal) observer_(clause);
    false_list->push_back(code_.EmitJump(Opcode::kJMP_IF_FALSE));
    return;
  }
  switch (clause.kind) {
    case ClauseKind::kNot:
      if (!clause.children.empty()) GoIfFalse(clause.children.front(), false_list);
      return;
    case ClauseKind::kAnd:
      for (const CheckedClause& child : clause.children) GoIfTrue(child, false_list);
      return;
    case ClauseKind::kOr: {
      JumpList true_list;
      for (size_t k = 0; k + 1 < clause.children.size(); ++k) {
        GoIfFalse(clause.children[k], &true_list);
      }
      if (!clause.children.empty()) GoIfTrue(clause.children.back(), false_list);
      code_.PatchHere(true_list);
      return;
    }
    default:
      return;
  }
}

void JqlLowering::GoIfFalse(const CheckedClause& clause, JumpList* true_list) {
  if (clause.kind == ClauseKind::kTerminal || MayError(clause)) {
    PushValue(clause);
    if (observer_ && clause.kind != ClauseKind::kTerminal) observer_(clause);
    true_list->push_back(code_.EmitJump(Opcode::kJMP_IF_TRUE));
    return;
  }
  switch (clause.kind) {
    case ClauseKind::kNot:
      if (!clause.children.empty()) GoIfTrue(clause.children.front(), true_list);
      return;
    case ClauseKind::kOr:
      for (const CheckedClause& child : clause.children) GoIfFalse(child, true_list);
      return;
    case ClauseKind::kAnd: {
      JumpList false_list;
      for (size_t k = 0; k + 1 < clause.children.size(); ++k) {
        GoIfTrue(clause.children[k], &false_list);
      }
      if (!clause.children.empty()) GoIfFalse(clause.children.back(), true_list);
      code_.PatchHere(false_list);
      return;
    }
    default:
      return;
  }
}

}  // namespace syncrule::emit
