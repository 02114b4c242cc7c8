#ifndef SYNCRULE_RUNTIME_SCHEMA_H_
#define SYNCRULE_RUNTIME_SCHEMA_H_

// Declarations that describe what a connector offers to rule programs: the
// event types it emits, the typed fields of those events with the JSON paths
// they are read from, and the actions it executes with their parameters.
// Connectors (runtime/connectors/<name>/) fill these tables; the compiler
// resolves names and checks types against them without including any
// connector, as falco resolves field names against its field tables.

#include <string>
#include <string_view>
#include <vector>

namespace syncrule::runtime {

// The type of a field, a parameter, or an expression value.
enum class ValueType {
  kAny,      // unknown until run time (raw payload access)
  kBool,
  kInt,      // 64-bit integer
  kNumber,   // double
  kString,
  kTime,     // an instant, epoch milliseconds; written as ISO 8601 strings
  kStringList,
  kList,     // a list of any values
  kObject,   // a JSON object
  kUser,     // a user: an object with e-mail, name and ids, or a string
};

// Returns the name of `type` as the language writes it ("string", "time").
const char* ValueTypeName(ValueType type);

// One way to read a field: in payloads of `format` (a decoder's format name
// such as "pagerduty.v3"), read the JSON Pointer `pointer` ("/event/data/title").
struct FieldPath {
  std::string format;
  std::string pointer;
};

// A typed field of an entity, as rules name it: "incident.title".
struct FieldDecl {
  std::string name;
  ValueType type = ValueType::kString;
  // Where the value sits in each payload format the connector decodes.
  std::vector<FieldPath> paths;
  // One sentence for `syncrule` documentation and "did you mean" notes.
  std::string doc;
  // Every value the field can take, when the vendor defines a closed set
  // (PagerDuty's incident statuses); empty when open. `syncrule lint` checks
  // that maps keyed by the field cover them.
  std::vector<std::string> values;
};

// An event type a connector emits: "pagerduty.incident.triggered".
struct EventTypeDecl {
  std::string name;
  // The entity the event is about ("incident", "issue", "alert", "push",
  // "merge_request"); its fields are in scope for rules on this event.
  std::string entity;
  std::string doc;
};

// A parameter of an action.
struct ParamDecl {
  std::string name;
  ValueType type = ValueType::kString;
  bool required = false;
  std::string doc;
};

// An action a connector executes: "jira.create_issue".
struct ActionDecl {
  std::string name;
  std::vector<ParamDecl> params;
  // True when the action may also take arbitrary extra named fields
  // (Jira custom fields passed in `fields = {...}` do not need this).
  bool open_params = false;
  // The entity the action acts on ("issue", "incident"); actions that act on
  // an existing entity default to the event's linked one.
  std::string entity;
  // True when the action creates a new entity (and so a link).
  bool creates = false;
  // The event types the action causes at its target, for loop detection
  // ("jira.transition" causes "jira.issue.updated").
  std::vector<std::string> causes;
  std::string doc;
  // Parameters of which exactly one must be given (`to` or `transitions`);
  // empty when the action has no such choice.
  std::vector<std::string> one_of;
};

// Everything one connector declares.
struct ConnectorSchema {
  // The connector's name and the prefix of its events and actions: "jira".
  std::string name;
  std::vector<EventTypeDecl> events;
  std::vector<FieldDecl> fields;
  std::vector<ActionDecl> actions;
};

// Sets the closed value set of field `name` in `fields` (see
// FieldDecl::values); does nothing when no field has that name.
void SetFieldValues(std::vector<FieldDecl>& fields, std::string_view name,
                    std::vector<std::string> values);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_SCHEMA_H_
