#ifndef SYNCRULE_COMPILER_LINT_JIRA_SNAPSHOT_H_
#define SYNCRULE_COMPILER_LINT_JIRA_SNAPSHOT_H_

// A snapshot of one Jira instance's schema, read from files a user saves
// from Jira's REST API (`syncrule lint --jira-schema DIR`): the fields
// (GET /rest/api/2/field), the create metadata (GET .../issue/createmeta
// with expand=projects.issuetypes.fields) and the workflows (statuses and
// transitions). The lint checks of compiler/lint/jira_checks.h read it.
// The folder layout and file formats are in docs/lint-jira.md: field.json,
// createmeta*.json, workflow*.json (Jira Cloud's workflow search or a simple
// form) and transitions-<from status>.json.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace syncrule::lint {

// One field of an issue type's create screen.
struct CreateField {
  std::string id;    // "customfield_10010", "priority"
  std::string name;  // "Customer", "Priority"
  bool required = false;
  bool has_default = false;
  // The field's schema as Jira gives it: {"type": "option", "custom": ...}.
  nlohmann::json schema;
  // The allowed values' names or values, when Jira lists them.
  std::vector<std::string> allowed_values;
};

// The create screen of one issue type in one project.
struct CreateScreen {
  std::string project_key;
  std::string issue_type;
  std::vector<CreateField> fields;
};

// A workflow: its statuses and the transitions between them.
struct Workflow {
  std::string name;
  // The keys of the projects that use the workflow; empty when unknown.
  std::vector<std::string> projects;
  // The status an issue starts in; empty when unknown (workflows built from
  // saved GET /issue/{key}/transitions responses).
  std::string initial_status;
  std::vector<std::string> statuses;
  struct Transition {
    std::string name;
    // Status names the transition leaves from; empty means from any status
    // (a global transition).
    std::vector<std::string> from;
    std::string to;
  };
  std::vector<Transition> transitions;
};

// Everything read from a snapshot folder.
struct JiraSnapshot {
  std::vector<CreateScreen> create_screens;
  std::vector<Workflow> workflows;
  // Field id -> name, from GET /field.
  std::map<std::string, std::string> field_names;
  // Field id -> schema ({"type": "option", ...}), from GET /field.
  std::map<std::string, nlohmann::json> field_schemas;

  // Returns the names of every status of every workflow.
  std::vector<std::string> StatusNames() const;
};

// What loading a snapshot produced: the snapshot, or an error naming the
// file (and JSON position) that could not be read.
struct SnapshotResult {
  JiraSnapshot snapshot;
  // "SL200: <file>: <problem>"; empty when the snapshot loaded.
  std::string error;
  // Problems that did not stop loading (an ignored file, a status id that a
  // workflow does not list), each "SL200: <file>: <problem>".
  std::vector<std::string> warnings;
  bool ok() const { return error.empty(); }
};

// Reads the snapshot files in `dir`. Never throws.
SnapshotResult LoadJiraSnapshot(const std::string& dir);

}  // namespace syncrule::lint

#endif  // SYNCRULE_COMPILER_LINT_JIRA_SNAPSHOT_H_
