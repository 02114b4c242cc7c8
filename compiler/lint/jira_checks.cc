// The Jira snapshot checks: walks every rule's statements, keeps what the
// rule's conditions say about the status, and hands each Jira
// action to the field checks (jira_fields.cc) or the workflow checks
// (jira_workflows.cc).

#include "compiler/lint/jira_checks.h"

#include <cctype>

#include "compiler/jql/check_spelling.h"
#include "compiler/jql/field_catalog.h"
#include "compiler/lint/jira_lint_internal.h"

namespace syncrule::lint {
namespace internal {

using check::IrExpr;
using check::IrKind;
using nlohmann::json;

std::optional<json> ConstantOf(const IrExpr& expr) {
  switch (expr.kind) {
    case IrKind::kConst:
      return expr.constant;
    case IrKind::kList: {
      json list = json::array();
      for (const IrExpr& child : expr.children) {
        std::optional<json> item = ConstantOf(child);
        if (!item) return std::nullopt;
        list.push_back(std::move(*item));
      }
      return list;
    }
    case IrKind::kObject: {
      json object = json::object();
      for (size_t i = 0; i < expr.children.size() && i < expr.keys.size(); ++i) {
        std::optional<json> member = ConstantOf(expr.children[i]);
        if (!member) return std::nullopt;
        object[expr.keys[i]] = std::move(*member);
      }
      return object;
    }
    default:
      return std::nullopt;
  }
}

std::vector<std::pair<std::string, std::string>> MapStringValues(
    const check::CheckedProgram& program, const IrExpr& expr) {
  std::vector<std::pair<std::string, std::string>> out;
  if (expr.kind != IrKind::kMapLookup || expr.index < 0 ||
      static_cast<size_t>(expr.index) >= program.maps.size()) {
    return out;
  }
  const check::IrMap& map = program.maps[expr.index];
  for (const auto& [key, value] : map.entries) {
    if (value.is_string()) out.emplace_back(key, value.get<std::string>());
  }
  if (map.default_value && map.default_value->is_string()) {
    out.emplace_back("_", map.default_value->get<std::string>());
  }
  return out;
}

const IrExpr* FindArg(const check::IrAction& action, std::string_view name) {
  for (const auto& [arg_name, value] : action.args) {
    if (arg_name == name) return &value;
  }
  return nullptr;
}

namespace {

std::string_view TextOf(const ActionSite& site, int file) {
  if (file < 0 || static_cast<size_t>(file) >= site.program->sources.size()) return {};
  return site.program->sources[file]->text();
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

}  // namespace

SourceRange ActionNameRange(const ActionSite& site) {
  const check::SourceSpan& span = site.action->span;
  const std::string& name = site.action->decl->name;
  const std::string_view text = TextOf(site, span.file);
  if (span.range.begin + name.size() <= text.size() &&
      text.substr(span.range.begin, name.size()) == name) {
    return {span.range.begin, span.range.begin + static_cast<uint32_t>(name.size())};
  }
  return span.range;
}

std::optional<SourceRange> ArgumentRange(const ActionSite& site, std::string_view name,
                                         const IrExpr& value) {
  const std::string_view text = TextOf(site, value.span.file);
  size_t at = value.span.range.begin;
  if (at > text.size()) return std::nullopt;
  auto skip_space = [&] {
    while (at > 0 && std::isspace(static_cast<unsigned char>(text[at - 1])) != 0) --at;
  };
  skip_space();
  if (at == 0 || text[at - 1] != '=') return std::nullopt;
  --at;
  skip_space();
  const size_t name_end = at;
  while (at > 0 && IsNameChar(text[at - 1])) --at;
  if (text.substr(at, name_end - at) != name) return std::nullopt;
  return SourceRange{static_cast<uint32_t>(at), value.span.range.end};
}

std::string RuleText(const json& value) {
  if (value.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < value.size(); ++i) {
      out += (i == 0 ? "" : ", ") + RuleText(value[i]);
    }
    return out + "]";
  }
  if (value.is_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, member] : value.items()) {
      out += (first ? "" : ", ") + RuleText(json(key)) + ": " + RuleText(member);
      first = false;
    }
    return out + "}";
  }
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void AddFix(Diagnostic& diagnostic, SourceRange range, std::string replacement,
            std::string_view what) {
  std::string message = std::string(what) + ": " + replacement;
  diagnostic.fixes.push_back({range, std::move(replacement), std::move(message)});
}

std::string QuotedList(const std::vector<std::string>& names, size_t limit) {
  std::string out;
  const size_t shown = std::min(names.size(), limit);
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (i + 1 == shown && shown == names.size()) ? " and " : ", ";
    out += "\"" + names[i] + "\"";
  }
  if (shown < names.size()) out += ", …";
  return out;
}

namespace {

// Returns true when `expr` reads the status: `issue.status` on a
// Jira event, or `linked(jira.issue).status` on another connector's event.
bool ReadsStatus(const check::CheckedProgram& program, const IrExpr& expr,
                 bool jira_event) {
  if (expr.index < 0 || static_cast<size_t>(expr.index) >= program.fields.size())
    return false;
  const bool status = program.fields[expr.index]->name == "issue.status";
  if (expr.kind == IrKind::kField) return jira_event && status;
  return expr.kind == IrKind::kLinkedField && !jira_event && expr.name == "jira.issue" &&
         status;
}

// Returns the strings of a constant string or list of strings.
std::vector<std::string> ConstantStrings(const IrExpr& expr) {
  std::vector<std::string> out;
  const std::optional<json> value = ConstantOf(expr);
  if (!value) return out;
  if (value->is_string()) out.push_back(value->get<std::string>());
  if (value->is_array()) {
    for (const json& item : *value) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  }
  return out;
}

// Narrows `pins` to `statuses` (the conditions of one `when` hold together
// with the earlier ones).
void Narrow(StatusPins& pins, const std::vector<std::string>& statuses) {
  if (statuses.empty()) return;
  if (pins.statuses.empty()) {
    pins.statuses = statuses;
    return;
  }
  std::vector<std::string> both;
  for (const std::string& status : pins.statuses) {
    for (const std::string& other : statuses) {
      if (jql::EqualsIgnoreCase(status, other)) both.push_back(status);
    }
  }
  // Contradictory conditions: the action never runs; keep the earlier pins.
  if (!both.empty()) pins.statuses = both;
}

// Adds what `condition` says about the status to `pins`.
void PinFrom(const check::CheckedProgram& program, const IrExpr& condition,
             bool jira_event, StatusPins& pins) {
  if (condition.kind == IrKind::kBinary && condition.children.size() == 2) {
    const IrExpr& left = condition.children[0];
    const IrExpr& right = condition.children[1];
    if (condition.op == ast::Op::kAnd) {
      PinFrom(program, left, jira_event, pins);
      PinFrom(program, right, jira_event, pins);
    } else if (condition.op == ast::Op::kEq && ReadsStatus(program, left, jira_event)) {
      Narrow(pins, ConstantStrings(right));
    } else if (condition.op == ast::Op::kEq && ReadsStatus(program, right, jira_event)) {
      Narrow(pins, ConstantStrings(left));
    } else if (condition.op == ast::Op::kIn && ReadsStatus(program, left, jira_event)) {
      Narrow(pins, ConstantStrings(right));
    }
    return;
  }
  if (condition.kind == IrKind::kChanged && condition.has_to && jira_event &&
      condition.index >= 0 &&
      static_cast<size_t>(condition.index) < program.fields.size() &&
      program.fields[condition.index]->name == "issue.status") {
    const size_t to = condition.has_from ? 1 : 0;
    if (to < condition.children.size())
      Narrow(pins, ConstantStrings(condition.children[to]));
  }
}

// Returns the literal texts of a JQL operand: one value or a list of them.
std::vector<std::string> JqlValues(const jql::CheckedOperand& operand) {
  std::vector<std::string> out;
  if (operand.kind == jql::OperandKind::kValue && !operand.literal.is_number) {
    out.push_back(operand.literal.text);
  }
  if (operand.kind == jql::OperandKind::kList) {
    for (const jql::CheckedOperand& element : operand.elements) {
      if (element.kind != jql::OperandKind::kValue || element.literal.is_number)
        return {};
      out.push_back(element.literal.text);
    }
  }
  return out;
}

// Adds what a `match` query says about the status to `pins`: `status =
// "X"` and `status in ("X", "Y")`, alone or under AND.
void PinFromJql(const jql::CheckedClause& clause, StatusPins& pins) {
  if (clause.kind == jql::ClauseKind::kAnd) {
    for (const jql::CheckedClause& child : clause.children) PinFromJql(child, pins);
    return;
  }
  if (clause.kind != jql::ClauseKind::kTerminal || clause.field == nullptr ||
      !jql::EqualsIgnoreCase(clause.field->name, "status") || !clause.operand ||
      !clause.predicates.empty()) {
    return;
  }
  if (clause.op == jql::Operator::kEquals || clause.op == jql::Operator::kIn) {
    Narrow(pins, JqlValues(*clause.operand));
  }
}

// Walks statements in order, keeping the status pins of the `when`s seen.
class RuleWalker {
 public:
  RuleWalker(const check::CheckedProgram& program, const JiraSnapshot& jira,
             std::vector<DiagnosticList>& by_file, const check::IrRule& rule)
      : program_(program), jira_(jira), by_file_(by_file) {
    jira_event_ = !rule.triggers.empty();
    for (const std::string& trigger : rule.triggers) {
      jira_event_ = jira_event_ && trigger.rfind("jira.", 0) == 0;
    }
    just_created_ = rule.triggers.size() == 1 && rule.triggers[0] == "jira.issue.created";
    if (jira_event_ && rule.match && rule.match->query.where) {
      PinFromJql(*rule.match->query.where, match_pins_);
    }
  }

  // Checks the rule's statements.
  void WalkRule(const check::IrRule& rule) { Walk(rule.body, match_pins_); }

 private:
  void Walk(const std::vector<check::IrStatement>& body, StatusPins pins) {
    pins.just_created = just_created_;
    for (const check::IrStatement& statement : body) {
      switch (statement.kind) {
        case check::IrStatementKind::kWhen:
          PinFrom(program_, statement.expr, jira_event_, pins);
          break;
        case check::IrStatementKind::kDo:
          Check(statement.action, pins);
          break;
        case check::IrStatementKind::kFor:
          if (statement.loop) Walk(statement.loop->body, pins);
          break;
        case check::IrStatementKind::kLet:
          break;
      }
    }
  }

  void Check(const check::IrAction& action, const StatusPins& pins) {
    if (action.decl == nullptr || action.span.file < 0 ||
        static_cast<size_t>(action.span.file) >= by_file_.size()) {
      return;
    }
    ActionSite site{&program_, &action, &by_file_[action.span.file], pins};
    // Conditions on the event's issue say nothing about another issue.
    if (FindArg(action, "issue") != nullptr) site.pins = StatusPins{};
    const std::string& name = action.decl->name;
    if (name == "jira.create_issue" || name == "jira.set_fields") {
      CheckFieldsOfAction(site, jira_);
    }
    if (name == "jira.create_issue" || name == "jira.transition") {
      CheckTransitionsOfAction(site, jira_);
    }
  }

  const check::CheckedProgram& program_;
  const JiraSnapshot& jira_;
  std::vector<DiagnosticList>& by_file_;
  bool jira_event_ = false;
  bool just_created_ = false;
  // What the rule's `match` query pins.
  StatusPins match_pins_;
};

}  // namespace
}  // namespace internal

void CheckAgainstJira(const check::CheckedProgram& program, const JiraSnapshot& jira,
                      std::vector<DiagnosticList>& by_file) {
  if (by_file.size() < program.sources.size()) by_file.resize(program.sources.size());
  for (const check::IrRule& rule : program.rules) {
    internal::RuleWalker(program, jira, by_file, rule).WalkRule(rule);
  }
}

}  // namespace syncrule::lint
