// Field checks of jira.create_issue and jira.set_fields against the
// snapshot: the project and issue type exist (SL205), every field is known
// (SL206), required fields are set (SL201), constant values have the shape
// Jira takes (SL202) and name existing options (SL203).

#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "compiler/jql/check_spelling.h"
#include "compiler/lint/jira_lint_internal.h"

namespace syncrule::lint::internal {
namespace {

using check::IrExpr;
using check::IrKind;
using nlohmann::json;

// A field as the checks see it.
struct FieldInfo {
  std::string id;
  std::string name;
  json schema;
  // The allowed values; empty when the snapshot does not list them.
  std::vector<std::string> options;
  // True when the options come from create screens of some project, not
  // from the one the action writes to: a miss is then only a warning.
  bool options_approximate = false;
};

// The value shapes Jira's REST API takes, by field schema.
enum class Shape {
  kUnknown,
  kText,
  kNumber,
  kDate,
  kDateTime,
  kOption,
  kNamed,
  kUser,
  kTextList,
  kOptionList,
  kNamedList,
  kUserList,
};

Shape ItemShape(const std::string& type) {
  if (type == "string") return Shape::kText;
  if (type == "number") return Shape::kNumber;
  if (type == "date") return Shape::kDate;
  if (type == "datetime") return Shape::kDateTime;
  if (type == "option" || type == "option-with-child") return Shape::kOption;
  if (type == "priority" || type == "version" || type == "component" ||
      type == "resolution" || type == "securitylevel") {
    return Shape::kNamed;
  }
  if (type == "user") return Shape::kUser;
  return Shape::kUnknown;
}

Shape ShapeOf(const json& schema) {
  const std::string type = schema.is_object() ? schema.value("type", "") : "";
  if (type != "array") return ItemShape(type);
  switch (ItemShape(schema.value("items", ""))) {
    case Shape::kText:
      return Shape::kTextList;
    case Shape::kOption:
      return Shape::kOptionList;
    case Shape::kNamed:
      return Shape::kNamedList;
    case Shape::kUser:
      return Shape::kUserList;
    default:
      return Shape::kUnknown;
  }
}

Shape ElementShape(Shape list) {
  switch (list) {
    case Shape::kTextList:
      return Shape::kText;
    case Shape::kOptionList:
      return Shape::kOption;
    case Shape::kNamedList:
      return Shape::kNamed;
    case Shape::kUserList:
      return Shape::kUser;
    default:
      return Shape::kUnknown;
  }
}

bool IsList(Shape shape) { return ElementShape(shape) != Shape::kUnknown; }

// The key Jira reads an option's or a named value's text from.
const char* OptionKey(Shape shape) { return shape == Shape::kOption ? "value" : "name"; }

std::string Label(const FieldInfo& field) {
  if (field.name.empty() || field.name == field.id) return "\"" + field.id + "\"";
  return fmt::format("\"{}\" ({})", field.name, field.id);
}

std::string KindOfValue(const json& value) {
  if (value.is_string()) return "a string";
  if (value.is_number()) return "a number";
  if (value.is_boolean()) return "a boolean";
  if (value.is_array()) return "a list";
  if (value.is_object()) return "an object";
  return "null";
}

// Reports problems of one constant value written at `span`.
class ValueChecker {
 public:
  ValueChecker(const ActionSite& site, const FieldInfo& field)
      : site_(site), field_(field) {}

  void Check(const IrExpr& expr, const json& value) {
    if (value.is_null()) return;
    const Shape shape = ShapeOf(field_.schema);
    if (IsList(shape)) {
      CheckList(expr, value, shape);
    } else {
      CheckSingle(expr.span.range, value, shape);
    }
  }

  // Checks that each string of a list is an option (the runtime wraps
  // priority and components itself).
  void CheckOptionNames(const IrExpr& expr, const json& value) {
    if (value.is_string())
      CheckOption(expr.span.range, value.get<std::string>(), std::nullopt);
    if (!value.is_array()) return;
    for (size_t i = 0; i < value.size(); ++i) {
      if (value[i].is_string()) {
        CheckOption(ElementRange(expr, i), value[i].get<std::string>(), std::nullopt);
      }
    }
  }

 private:
  static SourceRange ElementRange(const IrExpr& list, size_t i) {
    if (list.kind == IrKind::kList && i < list.children.size()) {
      return list.children[i].span.range;
    }
    return list.span.range;
  }

  void CheckList(const IrExpr& expr, const json& value, Shape shape) {
    const Shape element = ElementShape(shape);
    if (!value.is_array()) {
      Diagnostic& d =
          WrongShape(expr.span.range, fmt::format("{} takes a list, but this is {}.",
                                                  Label(field_), KindOfValue(value)));
      if (value.is_string() && element != Shape::kUser) {
        json item = element == Shape::kText ? value : json{{OptionKey(element), value}};
        AddFix(d, expr.span.range, RuleText(json::array({item})), "make it a list");
      }
      return;
    }
    for (size_t i = 0; i < value.size(); ++i)
      CheckSingle(ElementRange(expr, i), value[i], element);
  }

  void CheckSingle(SourceRange range, const json& value, Shape shape) {
    switch (shape) {
      case Shape::kText:
        CheckText(range, value);
        break;
      case Shape::kNumber:
        CheckNumber(range, value);
        break;
      case Shape::kDate:
        CheckDate(range, value);
        break;
      case Shape::kDateTime:
        if (!value.is_string()) {
          WrongShape(range,
                     fmt::format("{} takes a date and time as a string "
                                 "(\"2024-05-01T10:00:00.000+0000\"), but this is {}.",
                                 Label(field_), KindOfValue(value)));
        }
        break;
      case Shape::kOption:
      case Shape::kNamed:
        CheckChoice(range, value, shape);
        break;
      case Shape::kUser:
        CheckUser(range, value);
        break;
      default:
        break;
    }
  }

  void CheckText(SourceRange range, const json& value) {
    if (value.is_string()) {
      if (field_.id == "labels") CheckLabel(range, value.get<std::string>());
      return;
    }
    Diagnostic& d = WrongShape(range, fmt::format("{} takes text, but this is {}.",
                                                  Label(field_), KindOfValue(value)));
    if (value.is_number())
      AddFix(d, range, RuleText(json(value.dump())), "write it as text");
  }

  void CheckLabel(SourceRange range, const std::string& label) {
    if (label.find(' ') == std::string::npos) return;
    Diagnostic& d = WrongShape(
        range, fmt::format("Jira labels cannot contain spaces: \"{}\".", label));
    std::string fixed = label;
    std::replace(fixed.begin(), fixed.end(), ' ', '-');
    AddFix(d, range, RuleText(json(fixed)), "use dashes");
  }

  void CheckNumber(SourceRange range, const json& value) {
    if (value.is_number()) return;
    Diagnostic& d = WrongShape(range, fmt::format("{} takes a number, but this is {}.",
                                                  Label(field_), KindOfValue(value)));
    if (!value.is_string()) return;
    const json number = json::parse(value.get<std::string>(), nullptr, false);
    if (!number.is_discarded() && number.is_number()) {
      AddFix(d, range, number.dump(), "write the number without quotes");
    }
  }

  void CheckDate(SourceRange range, const json& value) {
    static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
    if (value.is_string() && std::regex_match(value.get<std::string>(), kDate)) return;
    Diagnostic& d =
        WrongShape(range, fmt::format("{} takes a date \"YYYY-MM-DD\", but this is {}.",
                                      Label(field_), KindOfValue(value)));
    d.notes.push_back("Jira rejects other date formats for date fields");
  }

  void CheckUser(SourceRange range, const json& value) {
    if (value.is_object()) return;
    Diagnostic& d =
        WrongShape(range, fmt::format("{} is a user field: Jira takes an object, "
                                      "but this is {}.",
                                      Label(field_), KindOfValue(value)));
    d.notes.push_back(
        "Jira Cloud takes {\"accountId\": \"...\"}, Jira Server and Data Center "
        "{\"name\": \"username\"}");
  }

  // A select list, radio buttons, priority, version, component: an object
  // with "value" (options) or "name"; or {"id": ...}.
  void CheckChoice(SourceRange range, const json& value, Shape shape) {
    const char* key = OptionKey(shape);
    if (value.is_object()) {
      if (value.contains(key) && value[key].is_string()) {
        CheckOption(range, value[key].get<std::string>(), key);
      } else if (!value.contains("id")) {
        WrongShape(range,
                   fmt::format("{} takes {{\"{}\": ...}} or {{\"id\": ...}}; this object "
                               "has neither.",
                               Label(field_), key));
      }
      return;
    }
    if (!value.is_string()) {
      WrongShape(range, fmt::format("{} takes {{\"{}\": ...}}, but this is {}.",
                                    Label(field_), key, KindOfValue(value)));
      return;
    }
    const std::string text = value.get<std::string>();
    if (CheckOption(range, text, key)) {
      Diagnostic& d = WrongShape(
          range,
          fmt::format("{} is {}: Jira takes {}, not a plain string.", Label(field_),
                      shape == Shape::kOption ? "a select list" : "a named value",
                      RuleText(json{{key, text}})));
      AddFix(d, range, RuleText(json{{key, text}}), "wrap the value");
    }
  }

  // Reports `text` when it is not an option. The fix replaces `range` with
  // the option, inside {"<wrap_key>": ...} when `wrap_key` is set. Returns
  // true when `text` is an option (or the options are unknown).
  bool CheckOption(SourceRange range, const std::string& text,
                   std::optional<const char*> wrap_key) {
    if (field_.options.empty()) return true;
    for (const std::string& option : field_.options) {
      if (option == text) return true;
    }
    auto wrap = [&](const std::string& option) {
      return wrap_key ? RuleText(json{{*wrap_key, option}}) : RuleText(json(option));
    };
    for (const std::string& option : field_.options) {
      if (!jql::EqualsIgnoreCase(option, text)) continue;
      Diagnostic& d = site_.diagnostics->Warning(
          codes::kUnknownOption, range,
          fmt::format("\"{}\" differs in case from the option \"{}\" of {}.", text,
                      option, Label(field_)));
      AddFix(d, range, wrap(option), "use the option's spelling");
      return false;
    }
    Diagnostic& d = UnknownOption(range, text);
    const std::vector<std::string> close = jql::ClosestNames(text, field_.options, 1);
    if (!close.empty()) {
      AddFix(d, range, wrap(close[0]), "did you mean");
    }
    return false;
  }

  Diagnostic& UnknownOption(SourceRange range, const std::string& text) {
    const std::string message =
        fmt::format("\"{}\" is not an option of {}; its options are {}.", text,
                    Label(field_), QuotedList(field_.options));
    if (field_.options_approximate) {
      Diagnostic& d = site_.diagnostics->Warning(codes::kUnknownOption, range, message);
      d.notes.push_back(
          "the options come from the snapshot's create screens; the issue's "
          "own project may differ");
      return d;
    }
    return site_.diagnostics->Error(codes::kUnknownOption, range, message);
  }

  Diagnostic& WrongShape(SourceRange range, const std::string& message) {
    return site_.diagnostics->Error(codes::kWrongShape, range, message);
  }

  const ActionSite& site_;
  const FieldInfo& field_;
};

// --- finding fields ---

FieldInfo InfoOf(const CreateField& field, const JiraSnapshot& jira) {
  FieldInfo info{field.id, field.name, field.schema, field.allowed_values, false};
  const auto schema = jira.field_schemas.find(field.id);
  if (info.schema.is_null() && schema != jira.field_schemas.end())
    info.schema = schema->second;
  return info;
}

// Returns the id of the field `key` names in GET /field: its id, or its
// name ignoring case.
std::optional<std::string> IdFromFieldList(const JiraSnapshot& jira,
                                           const std::string& key) {
  if (jira.field_names.count(key) != 0) return key;
  for (const auto& [id, name] : jira.field_names) {
    if (jql::EqualsIgnoreCase(name, key)) return id;
  }
  return std::nullopt;
}

const CreateField* OnScreen(const CreateScreen& screen, const std::string& key,
                            const JiraSnapshot& jira) {
  for (const CreateField& field : screen.fields) {
    if (field.id == key) return &field;
  }
  for (const CreateField& field : screen.fields) {
    if (jql::EqualsIgnoreCase(field.name, key)) return &field;
  }
  const std::optional<std::string> id = IdFromFieldList(jira, key);
  if (!id) return nullptr;
  for (const CreateField& field : screen.fields) {
    if (field.id == *id) return &field;
  }
  return nullptr;
}

// Finds `key` anywhere in the snapshot: GET /field, then the create
// screens; options are the union of the screens' options.
std::optional<FieldInfo> InSnapshot(const JiraSnapshot& jira, const std::string& key) {
  std::optional<FieldInfo> info;
  if (std::optional<std::string> id = IdFromFieldList(jira, key)) {
    info = FieldInfo{*id, jira.field_names.at(*id), json(), {}, true};
    if (jira.field_schemas.count(*id) != 0) info->schema = jira.field_schemas.at(*id);
  }
  for (const CreateScreen& screen : jira.create_screens) {
    const CreateField* field = OnScreen(screen, info ? info->id : key, jira);
    if (field == nullptr) continue;
    if (!info) info = FieldInfo{field->id, field->name, field->schema, {}, true};
    if (info->schema.is_null()) info->schema = field->schema;
    for (const std::string& option : field->allowed_values) {
      if (std::find(info->options.begin(), info->options.end(), option) ==
          info->options.end()) {
        info->options.push_back(option);
      }
    }
  }
  return info;
}

std::vector<std::string> KnownFieldNames(const JiraSnapshot& jira,
                                         const CreateScreen* screen) {
  std::vector<std::string> names;
  if (screen != nullptr) {
    for (const CreateField& field : screen->fields) names.push_back(field.name);
    for (const CreateField& field : screen->fields) names.push_back(field.id);
    return names;
  }
  for (const auto& [id, name] : jira.field_names) names.push_back(name);
  for (const auto& [id, name] : jira.field_names) names.push_back(id);
  return names;
}

// --- the action ---

// The parameters of jira.create_issue that set a Jira field, by field id.
const std::vector<std::pair<std::string, std::string>>& NamedParams() {
  static const auto* const params = new std::vector<std::pair<std::string, std::string>>{
      {"project", "project"},      {"type", "issuetype"},
      {"summary", "summary"},      {"description", "description"},
      {"priority", "priority"},    {"labels", "labels"},
      {"assignee", "assignee"},    {"reporter", "reporter"},
      {"components", "components"}};
  return *params;
}

class FieldsCheck {
 public:
  FieldsCheck(const ActionSite& site, const JiraSnapshot& jira)
      : site_(site), jira_(jira) {}

  void Run() {
    const bool create = site_.action->decl->name == "jira.create_issue";
    if (create && !FindScreen()) return;
    const IrExpr* fields = FindArg(*site_.action, "fields");
    const bool keys_known = fields == nullptr || CheckFieldsArg(*fields);
    if (!create) return;
    CheckNamedParams();
    if (screen_ != nullptr && keys_known) CheckRequired();
  }

 private:
  // Finds the create screen of a constant project and type; returns false
  // after reporting SL205 when the snapshot does not have them.
  bool FindScreen() {
    if (jira_.create_screens.empty()) return true;
    const IrExpr* project = FindArg(*site_.action, "project");
    const IrExpr* type = FindArg(*site_.action, "type");
    const std::optional<json> project_key = project ? ConstantOf(*project) : std::nullopt;
    const std::optional<json> type_name = type ? ConstantOf(*type) : std::nullopt;
    if (!project_key || !project_key->is_string()) return true;
    std::vector<const CreateScreen*> in_project;
    std::vector<std::string> projects;
    for (const CreateScreen& screen : jira_.create_screens) {
      if (jql::EqualsIgnoreCase(screen.project_key, project_key->get<std::string>())) {
        in_project.push_back(&screen);
      }
      if (std::find(projects.begin(), projects.end(), screen.project_key) ==
          projects.end()) {
        projects.push_back(screen.project_key);
      }
    }
    if (in_project.empty()) {
      ReportUnknown(
          *project, project_key->get<std::string>(), projects,
          fmt::format("The Jira snapshot has no project \"{}\" to create issues "
                      "in; its projects are {}.",
                      project_key->get<std::string>(), QuotedList(projects)),
          Severity::kWarning);
      return false;
    }
    if (!type_name || !type_name->is_string()) return true;
    std::vector<std::string> types;
    for (const CreateScreen* screen : in_project) {
      if (jql::EqualsIgnoreCase(screen->issue_type, type_name->get<std::string>())) {
        // Without expand=projects.issuetypes.fields the screen lists no
        // fields: check against the whole snapshot instead.
        screen_ = screen->fields.empty() ? nullptr : screen;
        return true;
      }
      types.push_back(screen->issue_type);
    }
    ReportUnknown(*type, type_name->get<std::string>(), types,
                  fmt::format("Project {} has no issue type \"{}\" in the Jira snapshot; "
                              "its types are {}.",
                              in_project[0]->project_key, type_name->get<std::string>(),
                              QuotedList(types)),
                  Severity::kError);
    return false;
  }

  // Reports an unknown project (a warning: the snapshot may hold only some
  // projects) or issue type (an error: a project lists all its types).
  void ReportUnknown(const IrExpr& value, const std::string& text,
                     const std::vector<std::string>& known, std::string message,
                     Severity severity) {
    Diagnostic& d =
        severity == Severity::kError
            ? site_.diagnostics->Error(codes::kUnknownProjectOrType, value.span.range,
                                       std::move(message))
            : site_.diagnostics->Warning(codes::kUnknownProjectOrType, value.span.range,
                                         std::move(message));
    const std::vector<std::string> close = jql::ClosestNames(text, known, 1);
    if (!close.empty()) {
      AddFix(d, value.span.range, RuleText(json(close[0])), "did you mean");
    }
  }

  std::optional<FieldInfo> Lookup(const std::string& key) const {
    if (screen_ == nullptr) return InSnapshot(jira_, key);
    const CreateField* field = OnScreen(*screen_, key, jira_);
    if (field == nullptr) return std::nullopt;
    return InfoOf(*field, jira_);
  }

  // Checks each member of `fields`; returns false when its keys are not
  // known before the rule runs.
  bool CheckFieldsArg(const IrExpr& fields) {
    if (fields.kind == IrKind::kObject) {
      for (size_t i = 0; i < fields.keys.size() && i < fields.children.size(); ++i) {
        CheckMember(fields.keys[i], fields.children[i], fields.span.range);
      }
      return true;
    }
    if (fields.kind == IrKind::kConst && fields.constant.is_object()) {
      for (const auto& [key, value] : fields.constant.items()) {
        IrExpr member = fields;
        member.constant = value;
        CheckMember(key, member, fields.span.range);
      }
      return true;
    }
    return false;
  }

  void CheckMember(const std::string& key, const IrExpr& value,
                   SourceRange object_range) {
    const std::optional<FieldInfo> field = Lookup(key);
    if (!field) {
      ReportUnknownField(key, value.span.range.begin > object_range.begin
                                  ? value.span.range
                                  : object_range);
      return;
    }
    given_.push_back(field->id);
    if (const std::optional<json> constant = ConstantOf(value)) {
      ValueChecker(site_, *field).Check(value, *constant);
    }
  }

  void ReportUnknownField(const std::string& key, SourceRange range) {
    if (screen_ == nullptr && jira_.field_names.empty()) return;
    const std::string where = screen_ != nullptr
                                  ? fmt::format("the create screen of {} {}",
                                                screen_->project_key, screen_->issue_type)
                                  : "the Jira snapshot's fields";
    Diagnostic& d = site_.diagnostics->Error(
        codes::kUnknownField, range,
        fmt::format("There is no field \"{}\" on {}; Jira refuses fields it cannot set.",
                    key, where));
    const std::vector<std::string> close =
        jql::ClosestNames(key, KnownFieldNames(jira_, screen_), 1);
    if (!close.empty()) d.notes.push_back(fmt::format("did you mean \"{}\"?", close[0]));
  }

  void CheckNamedParams() {
    for (const auto& [param, id] : NamedParams()) {
      const IrExpr* arg = FindArg(*site_.action, param);
      if (arg == nullptr) continue;
      given_.push_back(id);
      if (id != "priority" && id != "components" && id != "labels") continue;
      const std::optional<FieldInfo> field = Lookup(id);
      if (!field) continue;
      if (id == "priority") CheckMapOptions(*arg, *field);
      const std::optional<json> value = ConstantOf(*arg);
      if (!value) continue;
      if (id == "labels") {
        ValueChecker(site_, *field).Check(*arg, *value);
      } else {
        ValueChecker(site_, *field).CheckOptionNames(*arg, *value);
      }
    }
  }

  // Each value of a map the parameter looks up must be an option.
  void CheckMapOptions(const IrExpr& arg, const FieldInfo& field) {
    if (field.options.empty()) return;
    for (const auto& [key, value] : MapStringValues(*site_.program, arg)) {
      if (std::any_of(field.options.begin(), field.options.end(),
                      [&](const std::string& option) {
                        return jql::EqualsIgnoreCase(option, value);
                      })) {
        continue;
      }
      Diagnostic& d = site_.diagnostics->Error(
          codes::kUnknownOption, arg.span.range,
          fmt::format("Map `{}` gives \"{}\" for \"{}\", which is not an option of {}; "
                      "its options are {}.",
                      arg.name, value, key, Label(field), QuotedList(field.options)));
      const std::vector<std::string> close = jql::ClosestNames(value, field.options, 1);
      if (!close.empty())
        d.notes.push_back(fmt::format("did you mean \"{}\"?", close[0]));
    }
  }

  void CheckRequired() {
    for (const CreateField& field : screen_->fields) {
      if (!field.required || field.has_default) continue;
      if (std::find(given_.begin(), given_.end(), field.id) != given_.end()) continue;
      ReportRequired(InfoOf(field, jira_));
    }
  }

  void ReportRequired(const FieldInfo& field) {
    Diagnostic& d = site_.diagnostics->Error(
        codes::kRequiredFieldUnset, ActionNameRange(site_),
        fmt::format(
            "This creates an issue of type {} in {} without the required field {}; "
            "Jira refuses to create it.",
            screen_->issue_type, screen_->project_key, Label(field)));
    const Shape shape = ShapeOf(field.schema);
    std::string example = "...";
    if (!field.options.empty() && (shape == Shape::kOption || shape == Shape::kNamed)) {
      example = RuleText(json{{OptionKey(shape), field.options[0]}});
    }
    d.notes.push_back(
        fmt::format("set it: fields = {{{}: {}}}", RuleText(json(field.id)), example));
    if (!field.options.empty()) {
      d.notes.push_back(fmt::format("its options are {}", QuotedList(field.options)));
    }
  }

  const ActionSite& site_;
  const JiraSnapshot& jira_;
  const CreateScreen* screen_ = nullptr;
  std::vector<std::string> given_;
};

}  // namespace

void CheckFieldsOfAction(const ActionSite& site, const JiraSnapshot& jira) {
  FieldsCheck(site, jira).Run();
}

}  // namespace syncrule::lint::internal
