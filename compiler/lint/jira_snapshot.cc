// Reads a Jira schema snapshot folder (docs/lint-jira.md, "The snapshot
// folder"): field.json, createmeta*.json, workflow*.json and
// transitions-<status>.json. Every problem is a value in SnapshotResult.

#include "compiler/lint/jira_snapshot.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>

#include "compiler/jql/check_spelling.h"

namespace syncrule::lint {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// What kind of response a snapshot file holds, from its name.
enum class FileKind { kFields, kCreatemeta, kWorkflow, kTransitions, kOther };

// A DOM parser that keeps the parse error's message (with its line and
// column) instead of throwing.
class ErrorKeepingParser : public nlohmann::detail::json_sax_dom_parser<json> {
 public:
  explicit ErrorKeepingParser(json& result)
      : nlohmann::detail::json_sax_dom_parser<json>(result, false) {}

  // Records the error; returning false stops the parse.
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::detail::exception& error) {
    message_ = error.what();
    return false;
  }

  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

// Returns `what` without nlohmann's "[json.exception.parse_error.101] ".
std::string WithoutExceptionTag(const std::string& what) {
  if (what.empty() || what[0] != '[') return what;
  const size_t close = what.find("] ");
  return close == std::string::npos ? what : what.substr(close + 2);
}

// Returns "SL200: <file>: <problem>".
std::string Problem(const fs::path& file, const std::string& problem) {
  return "SL200: " + file.filename().string() + ": " + problem;
}

FileKind KindOf(const std::string& file_name) {
  const std::string name = jql::ToLowerAscii(file_name);
  if (name.size() < 5 || name.substr(name.size() - 5) != ".json") {
    return FileKind::kOther;
  }
  if (name == "field.json" || name == "fields.json") return FileKind::kFields;
  if (name.rfind("createmeta", 0) == 0) return FileKind::kCreatemeta;
  if (name.rfind("workflow", 0) == 0) return FileKind::kWorkflow;
  if (name.rfind("transitions", 0) == 0) return FileKind::kTransitions;
  return FileKind::kOther;
}

// Reads and parses `file`; sets `error` and returns nullopt on failure.
std::optional<json> ReadJson(const fs::path& file, std::string& error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = Problem(file, "cannot be read");
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  json result;
  ErrorKeepingParser parser(result);
  const bool parsed = json::sax_parse(text.str(), &parser);
  if (!parsed || result.is_discarded()) {
    error = Problem(file, "is not valid JSON: " + WithoutExceptionTag(parser.message()));
    return std::nullopt;
  }
  return result;
}

// Returns `object[key]` as a string, or "" when absent or not a string.
std::string StringAt(const json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// Returns `object[key]` when it is an array, or an empty array.
const json& ArrayAt(const json& object, const char* key) {
  static const json* const empty = new json(json::array());
  if (!object.is_object()) return *empty;
  const auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : *empty;
}

bool BoolAt(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

// --- GET /field ---

std::string LoadFields(const json& doc, JiraSnapshot& snapshot) {
  if (!doc.is_array()) {
    return "expected the array that GET /rest/api/2/field returns";
  }
  for (const json& field : doc) {
    const std::string id = StringAt(field, "id");
    if (id.empty()) continue;
    snapshot.field_names[id] = StringAt(field, "name");
    if (field.contains("schema")) snapshot.field_schemas[id] = field["schema"];
  }
  return "";
}

// --- createmeta ---

// Returns the name (or value) of one entry of allowedValues.
std::string AllowedValueName(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  for (const char* key : {"value", "name", "key"}) {
    const std::string text = StringAt(value, key);
    if (!text.empty()) return text;
  }
  return "";
}

CreateField ReadCreateField(const std::string& id, const json& meta) {
  CreateField field;
  field.id = id;
  field.name = StringAt(meta, "name");
  field.required = BoolAt(meta, "required");
  field.has_default = BoolAt(meta, "hasDefaultValue");
  if (meta.contains("schema")) field.schema = meta["schema"];
  const auto allowed = meta.find("allowedValues");
  if (allowed != meta.end() && allowed->is_array()) {
    for (const json& value : *allowed) {
      const std::string name = AllowedValueName(value);
      if (!name.empty()) field.allowed_values.push_back(name);
    }
  }
  return field;
}

// Reads an issue type's "fields": an object by field id (GET
// .../createmeta?expand=projects.issuetypes.fields) or an array of fields
// with "fieldId" (GET .../createmeta/{project}/issuetypes/{id}).
std::vector<CreateField> ReadCreateFields(const json& fields) {
  std::vector<CreateField> out;
  if (fields.is_object()) {
    for (const auto& [id, meta] : fields.items()) {
      if (meta.is_object()) out.push_back(ReadCreateField(id, meta));
    }
  } else if (fields.is_array()) {
    for (const json& meta : fields) {
      std::string id = StringAt(meta, "fieldId");
      if (id.empty()) id = StringAt(meta, "key");
      if (!id.empty()) out.push_back(ReadCreateField(id, meta));
    }
  }
  return out;
}

std::string LoadCreatemeta(const json& doc, JiraSnapshot& snapshot) {
  if (!doc.is_object() || !doc.contains("projects") || !doc["projects"].is_array()) {
    return "expected an object with \"projects\", as GET "
           "/rest/api/2/issue/createmeta?expand=projects.issuetypes.fields "
           "returns";
  }
  for (const json& project : doc["projects"]) {
    const std::string key = StringAt(project, "key");
    if (key.empty() || !project.contains("issuetypes") ||
        !project["issuetypes"].is_array()) {
      continue;
    }
    for (const json& type : project["issuetypes"]) {
      CreateScreen screen{key, StringAt(type, "name"), {}};
      if (type.contains("fields")) screen.fields = ReadCreateFields(type["fields"]);
      snapshot.create_screens.push_back(std::move(screen));
    }
  }
  return "";
}

// --- workflows ---

std::vector<std::string> StringList(const json& value) {
  std::vector<std::string> out;
  if (!value.is_array()) return out;
  for (const json& item : value) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

// Adds `status` to the workflow's statuses unless it is there already.
void AddStatus(Workflow& workflow, const std::string& status) {
  if (status.empty()) return;
  for (const std::string& known : workflow.statuses) {
    if (jql::EqualsIgnoreCase(known, status)) return;
  }
  workflow.statuses.push_back(status);
}

// Maps Jira Cloud status ids to names; unknown ids stay as they are and are
// reported.
class StatusNamer {
 public:
  StatusNamer(const json& statuses, const fs::path& file,
              std::vector<std::string>& warnings)
      : file_(file), warnings_(warnings) {
    if (!statuses.is_array()) return;
    for (const json& status : statuses) {
      const std::string id = StringAt(status, "id");
      if (!id.empty()) names_[id] = StringAt(status, "name");
    }
  }

  std::string Name(const std::string& id) {
    const auto it = names_.find(id);
    if (it != names_.end() && !it->second.empty()) return it->second;
    if (reported_.insert(id).second) {
      warnings_.push_back(Problem(file_, "status id \"" + id +
                                             "\" is not among the workflow's statuses; "
                                             "add statuses with expand=statuses"));
    }
    return id;
  }

 private:
  const fs::path& file_;
  std::vector<std::string>& warnings_;
  std::map<std::string, std::string> names_;
  std::set<std::string> reported_;
};

// Reads one workflow of GET /rest/api/3/workflow/search?expand=
// transitions,statuses: from and to are status ids.
Workflow ReadCloudWorkflow(const json& doc, const fs::path& file,
                           std::vector<std::string>& warnings) {
  Workflow workflow;
  workflow.name = doc.contains("id") ? StringAt(doc["id"], "name") : "";
  const json& statuses = ArrayAt(doc, "statuses");
  StatusNamer namer(statuses, file, warnings);
  for (const json& status : statuses) AddStatus(workflow, StringAt(status, "name"));
  for (const json& project : ArrayAt(doc, "projects")) {
    const std::string key = StringAt(project, "key");
    if (!key.empty()) workflow.projects.push_back(key);
  }
  for (const json& transition : ArrayAt(doc, "transitions")) {
    const std::string to = namer.Name(StringAt(transition, "to"));
    if (StringAt(transition, "type") == "initial") {
      workflow.initial_status = to;
      continue;
    }
    Workflow::Transition step{StringAt(transition, "name"), {}, to};
    if (StringAt(transition, "type") != "global") {
      for (const std::string& from : StringList(ArrayAt(transition, "from"))) {
        step.from.push_back(namer.Name(from));
      }
    }
    AddStatus(workflow, to);
    workflow.transitions.push_back(std::move(step));
  }
  return workflow;
}

// Reads the simple form: {"name", "projects", "initial", "statuses",
// "transitions": [{"name", "from": [names], "to": name}]}.
Workflow ReadSimpleWorkflow(const json& doc) {
  Workflow workflow;
  workflow.name = StringAt(doc, "name");
  workflow.projects = StringList(ArrayAt(doc, "projects"));
  workflow.initial_status = StringAt(doc, "initial");
  AddStatus(workflow, workflow.initial_status);
  for (const std::string& status : StringList(ArrayAt(doc, "statuses"))) {
    AddStatus(workflow, status);
  }
  for (const json& transition : ArrayAt(doc, "transitions")) {
    Workflow::Transition step{StringAt(transition, "name"),
                              StringList(ArrayAt(transition, "from")),
                              StringAt(transition, "to")};
    for (const std::string& from : step.from) AddStatus(workflow, from);
    AddStatus(workflow, step.to);
    workflow.transitions.push_back(std::move(step));
  }
  return workflow;
}

bool IsCloudWorkflow(const json& doc) {
  return doc.is_object() && doc.contains("id") && doc["id"].is_object();
}

std::string LoadWorkflows(const json& doc, const fs::path& file, SnapshotResult& result) {
  std::vector<json> workflows;
  if (doc.is_object() && doc.contains("values") && doc["values"].is_array()) {
    workflows = doc["values"].get<std::vector<json>>();
  } else if (doc.is_array()) {
    workflows = doc.get<std::vector<json>>();
  } else if (doc.is_object()) {
    workflows.push_back(doc);
  } else {
    return "expected a workflow object, an array of them, or the page that "
           "GET /rest/api/3/workflow/search returns";
  }
  for (const json& workflow : workflows) {
    if (!workflow.is_object() || !workflow.contains("transitions")) {
      return "a workflow has no \"transitions\" (for Jira Cloud's workflow "
             "search, ask for expand=transitions,statuses)";
    }
    result.snapshot.workflows.push_back(
        IsCloudWorkflow(workflow) ? ReadCloudWorkflow(workflow, file, result.warnings)
                                  : ReadSimpleWorkflow(workflow));
    if (result.snapshot.workflows.back().name.empty()) {
      result.snapshot.workflows.back().name = file.stem().string();
    }
  }
  return "";
}

// --- GET /issue/{key}/transitions ---

// Returns the status a transitions file leaves from: its name after
// "transitions" and one separator ("transitions-In Progress.json").
std::string FromStatusOfFileName(const fs::path& file) {
  std::string stem = file.stem().string().substr(std::string("transitions").size());
  if (!stem.empty() && (stem[0] == '-' || stem[0] == '_' || stem[0] == '.')) {
    stem.erase(0, 1);
  }
  return stem;
}

std::string LoadTransitions(const json& doc, const fs::path& file, Workflow& workflow) {
  if (!doc.is_object() || !doc.contains("transitions") ||
      !doc["transitions"].is_array()) {
    return "expected an object with \"transitions\", as GET "
           "/rest/api/2/issue/{key}/transitions returns";
  }
  const std::string from = FromStatusOfFileName(file);
  if (from.empty()) {
    return "name the status these transitions leave from in the file name, "
           "for example transitions-Open.json";
  }
  AddStatus(workflow, from);
  for (const json& transition : doc["transitions"]) {
    const std::string to =
        transition.contains("to") ? StringAt(transition["to"], "name") : "";
    if (to.empty()) continue;
    AddStatus(workflow, to);
    workflow.transitions.push_back({StringAt(transition, "name"), {from}, to});
  }
  return "";
}

// Loads one file into `result`; returns false (with result.error set) when
// the file is unusable.
bool LoadFile(const fs::path& file, FileKind kind, Workflow& from_transitions,
              SnapshotResult& result) {
  std::optional<json> doc = ReadJson(file, result.error);
  if (!doc) return false;
  std::string problem;
  switch (kind) {
    case FileKind::kFields:
      problem = LoadFields(*doc, result.snapshot);
      break;
    case FileKind::kCreatemeta:
      problem = LoadCreatemeta(*doc, result.snapshot);
      break;
    case FileKind::kWorkflow:
      problem = LoadWorkflows(*doc, file, result);
      break;
    case FileKind::kTransitions:
      problem = LoadTransitions(*doc, file, from_transitions);
      break;
    case FileKind::kOther:
      break;
  }
  if (problem.empty()) return true;
  result.error = Problem(file, problem);
  return false;
}

// Returns the folder's regular files, sorted by name so that loading is
// deterministic.
std::vector<fs::path> FilesIn(const fs::path& dir, std::error_code& error) {
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    std::error_code entry_error;  // a broken link is skipped, not fatal
    if (it->is_regular_file(entry_error)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::vector<std::string> JiraSnapshot::StatusNames() const {
  std::vector<std::string> names;
  for (const Workflow& workflow : workflows) {
    for (const std::string& status : workflow.statuses) {
      if (std::find(names.begin(), names.end(), status) == names.end()) {
        names.push_back(status);
      }
    }
  }
  return names;
}

SnapshotResult LoadJiraSnapshot(const std::string& dir) {
  SnapshotResult result;
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    result.error =
        "SL200: the Jira schema folder \"" + dir + "\" does not exist or is not a folder";
    return result;
  }
  const std::vector<fs::path> files = FilesIn(dir, error);
  if (error) {
    result.error =
        "SL200: cannot list the Jira schema folder \"" + dir + "\": " + error.message();
    return result;
  }
  Workflow from_transitions;
  from_transitions.name = "transitions";
  bool any = false;
  for (const fs::path& file : files) {
    const FileKind kind = KindOf(file.filename().string());
    if (kind == FileKind::kOther) {
      result.warnings.push_back(Problem(file,
                                        "ignored: not field.json, createmeta*.json, "
                                        "workflow*.json or transitions-<status>.json"));
      continue;
    }
    if (!LoadFile(file, kind, from_transitions, result)) return result;
    any = true;
  }
  if (!from_transitions.transitions.empty()) {
    result.snapshot.workflows.push_back(std::move(from_transitions));
  }
  if (!any) {
    result.error = "SL200: the Jira schema folder \"" + dir +
                   "\" holds none of field.json, createmeta*.json, workflow*.json "
                   "or transitions-<status>.json";
  }
  return result;
}

}  // namespace syncrule::lint
