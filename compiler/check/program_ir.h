#ifndef SYNCRULE_COMPILER_CHECK_PROGRAM_IR_H_
#define SYNCRULE_COMPILER_CHECK_PROGRAM_IR_H_

// The checked program: every rule file after name resolution and type
// checking against the connectors' schemas. Names are resolved to indexes
// (fields, maps, locals, builtins, actions), every expression has a type,
// and embedded JQL is parsed and checked. The emitter (compiler/emit/)
// lowers this form to bytecode; nothing here refers to ANTLR or to a
// connector implementation.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/ast/ast.h"
#include "compiler/jql/checked_query.h"
#include "compiler/source.h"
#include "runtime/schema.h"

namespace syncrule::check {

// Where a node came from: the file (index into CheckedProgram::sources) and
// its byte range there. Kept beside the code for the line table.
struct SourceSpan {
  int file = 0;
  SourceRange range;
};

// What an IrExpr computes.
enum class IrKind : uint8_t {
  kConst,        // `constant`
  kField,        // an event field: `index` into CheckedProgram::fields
  kRawPath,      // raw("/json/pointer"): `name` is the pointer, any type
  kLocal,        // a `let` variable or a loop variable: `index` is its slot
  kMapLookup,    // map[children[0]]: `index` into CheckedProgram::maps
  kCall,         // a builtin: `name` (stdlib/builtin_names.h), children args
  kUnary,        // `op` on children[0]
  kBinary,       // `op` on children[0], children[1]; and/or short-circuit
  kList,         // [children...]
  kObject,       // {keys[i]: children[i]}
  kConcat,       // an interpolated string: the string forms of children
  kMember,       // children[0].name on a value of type object/any
  kIndex,        // children[0][children[1]]
  kChanged,      // field `index` changed in this event; optional from/to in
                 // children[0] / children[1] as flagged by has_from/has_to
  kLinked,       // linked(connector.entity): true when the event's entity
                 // has a linked entity of kind `name` ("jira.issue")
  kLinkedField,  // a field of the linked entity, kept from the last event
                 // seen for it: `name` is the entity kind, `index` the field
};

// A typed expression.
struct IrExpr {
  IrKind kind = IrKind::kConst;
  runtime::ValueType type = runtime::ValueType::kAny;
  ast::Op op = ast::Op::kEq;
  int index = -1;
  std::string name;
  // kConst: the value (null, bool, number, string, list, object).
  nlohmann::json constant;
  std::vector<IrExpr> children;
  std::vector<std::string> keys;
  bool has_from = false;
  bool has_to = false;
  SourceSpan span;
};

// An action to perform, with its evaluated arguments.
struct IrAction {
  // The action's declaration, owned by a connector schema that outlives the
  // program ("jira.create_issue").
  const runtime::ActionDecl* decl = nullptr;
  // Arguments in the order written, by parameter name.
  std::vector<std::pair<std::string, IrExpr>> args;
  SourceSpan span;
};

struct IrStatement;

// A bounded loop over a list: at most `limit` iterations.
struct IrLoop {
  int variable_slot = 0;
  IrExpr iterable;
  int64_t limit = 0;
  std::vector<IrStatement> body;
};

// What an IrStatement does.
enum class IrStatementKind : uint8_t { kWhen, kLet, kDo, kFor };

// A statement. `when` stops its body when false; `let` stores `expr` in
// `slot`; `do` emits an effect; `for` runs its loop.
struct IrStatement {
  IrStatementKind kind = IrStatementKind::kWhen;
  IrExpr expr;
  int slot = -1;
  IrAction action;
  std::shared_ptr<IrLoop> loop;
  SourceSpan span;
};

// A rule's JQL match.
struct IrJqlMatch {
  // The checked query; its FieldInfo pointers point into
  // CheckedProgram::jql_catalog.
  jql::CheckedQuery query;
  // The query text, for --explain and disassembly.
  std::string text;
  // Fire only when an update makes the issue start to match: the previous
  // state is rebuilt from the event's changelog.
  bool becomes_true = false;
  SourceSpan span;
  // The file range of each JQL node, indexed by jql::NodeId: `--explain`
  // names the JQL clause that failed, inside the backticks.
  std::vector<SourceRange> clause_ranges;
  // Where `becomes true` is written (empty unless becomes_true).
  SourceSpan becomes_span;
};

// A checked rule.
struct IrRule {
  std::string name;
  // The event types that trigger it, resolved against the schemas.
  std::vector<std::string> triggers;
  bool manual = false;
  // True unless the rule says `allow duplicates`: a create action is skipped
  // when the event's entity already has a linked entity of that kind.
  bool one_link_per_entity = true;
  std::optional<IrJqlMatch> match;
  std::vector<IrStatement> body;
  // How many local slots the rule uses.
  int local_count = 0;
  SourceSpan span;
};

// A checked map: constant keys to constant values, with an optional default.
struct IrMap {
  std::string name;
  // Keys as strings (map lookups compare the string form of the key,
  // case-sensitively), values as constants.
  std::vector<std::pair<std::string, nlohmann::json>> entries;
  std::optional<nlohmann::json> default_value;
  runtime::ValueType value_type = runtime::ValueType::kAny;
  SourceSpan span;
};

// A connection block: settings with secrets kept as references.
struct IrConnection {
  std::string name;
  // Setting name -> constant value; env("X") becomes {"env": "X"}.
  std::vector<std::pair<std::string, nlohmann::json>> settings;
  SourceSpan span;
};

// The whole checked program.
struct CheckedProgram {
  // The source files, in the order given; spans index this list.
  std::vector<std::shared_ptr<const Source>> sources;
  // The event fields the program reads, each once (interned).
  std::vector<const runtime::FieldDecl*> fields;
  // Fields that several connectors declare under one name (`incident.title`
  // in pagerduty and flashduty), merged for rules whose triggers span those
  // connectors: one declaration holding the union of their paths (formats
  // differ per connector) and their common type (`any` when they disagree).
  // Entries of `fields` point here for them; shared so that moving or
  // copying the program keeps those pointers valid.
  std::vector<std::shared_ptr<const runtime::FieldDecl>> merged_fields;
  std::vector<IrMap> maps;
  std::vector<IrConnection> connections;
  std::vector<IrRule> rules;
  // The JQL field catalog that `IrJqlMatch::query` points into.
  std::shared_ptr<const jql::FieldCatalog> jql_catalog;
};

}  // namespace syncrule::check

#endif  // SYNCRULE_COMPILER_CHECK_PROGRAM_IR_H_
