#ifndef SYNCRULE_COMPILER_AST_AST_H_
#define SYNCRULE_COMPILER_AST_AST_H_

// syncrule's rule-language syntax tree. The parser (compiler/parse/) builds
// it from the ANTLR parse tree of each .rule file. Every node has an id;
// source ranges live in the side table `RuleFile::ranges`, keyed by id.
// Embedded JQL stays as text with its range; the checker parses it with the
// JQL front end so that JQL diagnostics point inside the backticks.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source.h"

namespace syncrule::ast {

// Identifies one node of one file; ids are dense, starting at 1.
using NodeId = int32_t;

// What kind of expression an Expr node is.
enum class ExprKind : uint8_t {
  kNull,        // null
  kBool,        // true / false: `bool_value`
  kNumber,      // 12, 1.5, -3: `number_value`, `text` as written
  kString,      // "plain": `text` is the decoded value
  kInterpolated,// "a ${b} c": `children` are the parts, strings and exprs
  kName,        // incident: `text`
  kMember,      // incident.title: children[0] . `text`
  kIndex,       // a[b]: children[0], children[1]
  kCall,        // split(a, ","): `text` is the function, `children` the
                // arguments, `arg_names` their names ("" when positional)
  kList,        // [a, b]
  kObject,      // {"k": v}: `arg_names` the keys, `children` the values
  kUnary,       // not a, -a: `op`, children[0]
  kBinary,      // a + b, a == b, a and b, a in b, a matches b: `op`
  kChanged,     // a changed [from b] [to c]: children[0], then optional
                // `from`/`to` in children[1..] as flagged by has_from/has_to
};

// The operator of a kUnary or kBinary node.
enum class Op : uint8_t {
  kNot, kNegate,
  kAnd, kOr,
  kEq, kNe, kLt, kLe, kGt, kGe,
  kIn, kNotIn, kMatches,
  kAdd, kSub,
};

// Returns the operator as the language writes it ("==", "not in").
const char* OpSpelling(Op op);

// An expression node.
struct Expr {
  NodeId id = 0;
  ExprKind kind = ExprKind::kNull;
  Op op = Op::kEq;
  bool bool_value = false;
  double number_value = 0;
  bool is_integer = false;
  std::string text;
  std::vector<Expr> children;
  std::vector<std::string> arg_names;
  bool has_from = false;
  bool has_to = false;
};

// A named argument of an action: `summary = incident.title`.
struct NamedArg {
  NodeId id = 0;
  std::string name;
  Expr value;
};

// An action call: `jira.create_issue(project = "OPS", ...)`.
struct Action {
  NodeId id = 0;
  // The dotted name, e.g. "jira.create_issue".
  std::string name;
  std::vector<NamedArg> args;
};

// A JQL match clause: the query text between backticks, and where it sits.
struct JqlMatch {
  NodeId id = 0;
  std::string text;
  // The byte offset of the query's first character in the file.
  uint32_t offset = 0;
  // True for `match jql `...` becomes true`: fire only when an update makes
  // the issue start to match.
  bool becomes_true = false;
};

struct Statement;

// A bounded loop: `for key in expr limit 50 { ... }`.
struct ForLoop {
  NodeId id = 0;
  std::string variable;
  Expr iterable;
  // The written bound, or nullopt for the default bound.
  std::optional<int64_t> limit;
  std::vector<Statement> body;
};

// What a Statement is.
enum class StatementKind : uint8_t { kWhen, kLet, kDo, kFor };

// A statement of a rule body or a loop body. Statements run in order: a
// `when` that is false stops the rest of its body.
struct Statement {
  NodeId id = 0;
  StatementKind kind = StatementKind::kWhen;
  // kLet: the variable name.
  std::string name;
  // kWhen: the condition; kLet: the value.
  Expr expr;
  // kDo: the action.
  Action action;
  // kFor: the loop (boxed, as loops nest).
  std::shared_ptr<ForLoop> loop;
};

// An event type named in `on`: "pagerduty.incident.triggered".
struct Trigger {
  NodeId id = 0;
  std::string name;
};

// A rule.
struct Rule {
  NodeId id = 0;
  // The rule's name as written between quotes.
  std::string name;
  NodeId name_id = 0;
  std::vector<Trigger> triggers;
  // True for `manual`: the rule fires only through `syncrule fire`.
  bool manual = false;
  // The node of the (last) `manual` clause, for its range; 0 when none.
  NodeId manual_id = 0;
  std::optional<JqlMatch> match;
  // `allow ...` options, such as "duplicates" (create even when linked).
  std::vector<std::string> allowances;
  // The node of each word of `allowances`, for its range.
  std::vector<NodeId> allowance_ids;
  std::vector<Statement> body;
};

// One entry of a map: one or more keys and a value. A key of `_` is the
// default.
struct MapEntry {
  NodeId id = 0;
  std::vector<Expr> keys;
  std::vector<bool> key_is_default;
  Expr value;
};

// A map: `map pd_to_jira_priority { "P1" => "Highest" _ => "Medium" }`.
struct MapDecl {
  NodeId id = 0;
  std::string name;
  std::vector<MapEntry> entries;
};

// A constant: `const labels = "pagerduty,oncall"`.
struct ConstDecl {
  NodeId id = 0;
  std::string name;
  Expr value;
};

// A connection block: `connection jira { url = "...", token = env("X") }`.
struct Connection {
  NodeId id = 0;
  std::string name;
  std::vector<NamedArg> settings;
};

// A `#` comment: the parser keeps comments beside the tree, for tools that
// print a file back (syncrule fmt). `text` starts at the `#` and has no
// line break.
struct Comment {
  SourceRange range;
  std::string text;
};

// One parsed .rule file.
struct RuleFile {
  std::vector<Connection> connections;
  std::vector<ConstDecl> constants;
  std::vector<MapDecl> maps;
  std::vector<Rule> rules;
  // The source range of each node, indexed by NodeId (index 0 is unused).
  std::vector<SourceRange> ranges;

  // Returns the range of node `id`, or an empty range for an unknown id.
  SourceRange RangeOf(NodeId id) const {
    return id > 0 && static_cast<size_t>(id) < ranges.size() ? ranges[id]
                                                              : SourceRange{};
  }
};

}  // namespace syncrule::ast

#endif  // SYNCRULE_COMPILER_AST_AST_H_
