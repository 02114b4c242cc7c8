#ifndef SYNCRULE_COMPILER_CHECK_CHECK_INTERNAL_H_
#define SYNCRULE_COMPILER_CHECK_CHECK_INTERNAL_H_

// Shared state of the rule checker, split over one file per concern:
// checker.cc (the walk over a program), schema_index.cc (the environment's
// names), globals.cc (consts, maps, rules and connections by name),
// constants.cc (constant folding), maps.cc, connections.cc, rules.cc (rule
// headers: triggers, `allow`, `match`), statements.cc (bodies, `let`,
// loops), fields.cc (event fields and interning), expressions.cc,
// operators.cc, types.cc, calls.cc (builtins, raw, linked), regex.cc,
// actions.cc, jql_match.cc and suggestions.cc. Not part of the compiler's
// public API.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/ast/ast.h"
#include "compiler/check/check_codes.h"
#include "compiler/check/checker.h"
#include "compiler/check/program_ir.h"
#include "compiler/diagnostic.h"
#include "runtime/schema.h"

namespace syncrule::check::internal {

using runtime::ValueType;

// An event type with the connector that declares it.
struct EventRef {
  const runtime::ConnectorSchema* connector = nullptr;
  const runtime::EventTypeDecl* event = nullptr;
};

// The environment's names, indexed once: event types, actions, connectors,
// entity kinds ("jira.issue") and the first segments of field names
// ("incident", "issue", "changelog").
class SchemaIndex {
 public:
  // Indexes the schemas of `environment`.
  explicit SchemaIndex(const Environment& environment);

  // Returns the event type called `name`, or null.
  const EventRef* FindEvent(std::string_view name) const;
  // Returns the action called `name` ("jira.create_issue"), or null.
  const runtime::ActionDecl* FindAction(std::string_view name) const;
  // Returns the connector called `name` ("jira"), or null.
  const runtime::ConnectorSchema* FindConnector(std::string_view name) const;
  // Returns the field `name` of `connector`, or null.
  static const runtime::FieldDecl* FindField(
      const runtime::ConnectorSchema& connector, std::string_view name);
  // Returns true when `kind` ("jira.issue") is an entity some event is about.
  bool IsEntityKind(std::string_view kind) const;
  // Returns true when `name` is the first segment of some field name.
  bool IsFieldRoot(std::string_view name) const;

  const std::vector<std::string>& event_names() const { return event_names_; }
  const std::vector<std::string>& action_names() const { return action_names_; }
  const std::vector<std::string>& connector_names() const {
    return connector_names_;
  }
  const std::vector<std::string>& entity_kinds() const { return entity_kinds_; }

 private:
  std::unordered_map<std::string, EventRef> events_;
  std::unordered_map<std::string, const runtime::ActionDecl*> actions_;
  std::unordered_map<std::string, const runtime::ConnectorSchema*> connectors_;
  std::vector<std::string> event_names_;
  std::vector<std::string> action_names_;
  std::vector<std::string> connector_names_;
  std::vector<std::string> entity_kinds_;
  std::vector<std::string> field_roots_;
};

// Where a global name was declared: its file and node.
struct DeclSite {
  int file = 0;
  ast::NodeId id = 0;
};

// A `const` declaration, folded on first use (consts may refer to consts in
// any file, in any order).
struct ConstSymbol {
  enum class State { kUnresolved, kResolving, kDone };
  DeclSite site;
  const ast::ConstDecl* decl = nullptr;
  State state = State::kUnresolved;
  // The folded value; nullopt when folding failed (already reported).
  std::optional<nlohmann::json> value;
};

// A `map` declaration and its index in CheckedProgram::maps.
struct MapSymbol {
  DeclSite site;
  const ast::MapDecl* decl = nullptr;
  int index = -1;
};

// Everything one CheckProgram call works with.
struct ProgramState {
  ProgramState(const std::vector<ParsedFile>& files,
               const Environment& environment,
               std::vector<DiagnosticList>& diagnostics);

  const std::vector<ParsedFile>& files;
  const Environment& environment;
  std::vector<DiagnosticList>& diagnostics;
  SchemaIndex schemas;
  CheckedProgram program;
  std::unordered_map<std::string, ConstSymbol> consts;
  std::unordered_map<std::string, MapSymbol> maps;
  // Interned fields: the declarations behind one IR field (one, or several
  // merged across connectors) to their index in program.fields.
  std::map<std::vector<const runtime::FieldDecl*>, int> field_indexes;

  // Returns the range of node `id` of file `file`.
  SourceRange RangeOf(int file, ast::NodeId id) const;
  // Returns the span of node `id` of file `file`.
  SourceSpan SpanOf(int file, ast::NodeId id) const;
  // Returns the text of `range` in file `file`.
  std::string_view TextOf(int file, SourceRange range) const;
  // Returns "name:line:col" for node `id` of file `file`, for notes.
  std::string Where(const DeclSite& site) const;
  // Adds an error with `code` to file `file` and returns it for notes.
  Diagnostic& Error(int file, std::string_view code, SourceRange range,
                    std::string message);
  // Adds a warning with `code` to file `file` and returns it for notes.
  Diagnostic& Warning(int file, std::string_view code, SourceRange range,
                      std::string message);
};

// A variable in scope: a `let` or a loop variable.
struct Local {
  std::string name;
  int slot = 0;
  ValueType type = ValueType::kAny;
  ast::NodeId id = 0;
};

// The state of checking one rule.
struct RuleState {
  ProgramState& state;
  int file = 0;
  const ast::Rule& rule;
  // The rule's triggers that resolved.
  std::vector<EventRef> triggers;
  // False when a trigger did not resolve: field lookups then stay quiet,
  // since the unknown trigger was already reported.
  bool triggers_known = true;
  // Nested scopes of variables, innermost last.
  std::vector<std::vector<Local>> scopes;
  int local_count = 0;
  // The product of the limits of the loops around the current statement.
  int64_t loop_product = 1;

  // Returns the range of node `id` in the rule's file.
  SourceRange RangeOf(ast::NodeId id) const { return state.RangeOf(file, id); }
  // Returns the span of node `id` in the rule's file.
  SourceSpan SpanOf(ast::NodeId id) const { return state.SpanOf(file, id); }
  // Adds an error at node `id` and returns it for notes.
  Diagnostic& Error(std::string_view code, ast::NodeId id, std::string message);
  // Adds a warning at node `id` and returns it for notes.
  Diagnostic& Warning(std::string_view code, ast::NodeId id,
                      std::string message);
};

// --- globals.cc ---

// Registers the consts, maps, connections and rule names of every file,
// reporting duplicates and names that hide event fields.
void CollectGlobals(ProgramState& state);

// Returns true when `name` may name a const or map (a global name); otherwise
// reports why at `range` of `file`.
bool CheckDeclaredName(ProgramState& state, int file, SourceRange range,
                       const std::string& name, std::string_view what);

// --- constants.cc ---

// Returns the value of const `name` (folding it on first use), or nullopt
// when it is not a const or could not be folded.
std::optional<nlohmann::json> ResolveConst(ProgramState& state,
                                           const std::string& name);

// Folds every const of the program, so that each reports its errors once.
void FoldAllConsts(ProgramState& state);

// What a constant expression may contain besides literals and consts.
enum class ConstContext { kConst, kMapValue, kSetting };

// Folds `expr` of file `file` to a constant, reporting what is not constant.
// In kSetting, env("NAME") folds to {"env": "NAME"}.
std::optional<nlohmann::json> FoldConstant(ProgramState& state, int file,
                                           const ast::Expr& expr,
                                           ConstContext context);

// Returns the string form of a constant, as concatenation and interpolation
// write it: strings as they are, integers in decimal, other numbers in their
// shortest round-trip form, true/false, "" for null, JSON for the rest.
std::string ConstantToString(const nlohmann::json& value);

// Returns the constant of a number literal: an integer when written as one.
nlohmann::json NumberConstant(const ast::Expr& expr);

// --- maps.cc ---

// Checks every map and adds it to the program.
void CheckMaps(ProgramState& state);

// --- connections.cc ---

// Checks every connection block and adds it to the program.
void CheckConnections(ProgramState& state);

// --- rules.cc ---

// Checks rule `rule` of file `file` and adds it to the program.
void CheckRule(ProgramState& state, int file, const ast::Rule& rule);

// --- statements.cc ---

// Checks the statements `body` in a new scope and returns their IR.
std::vector<IrStatement> CheckBody(RuleState& rule,
                                   const std::vector<ast::Statement>& body);

// Returns the innermost variable called `name`, or null.
const Local* FindLocal(const RuleState& rule, std::string_view name);

// --- fields.cc ---

// A chain of member accesses rooted at a name or at a linked() call:
// `incident.service.name`, `linked(jira.issue).status`.
struct MemberChain {
  // The kName node, or the kCall node of linked().
  const ast::Expr* root = nullptr;
  // The names: for a kName root its name first, then each member.
  std::vector<std::string> segments;
  // nodes[i] is the node that spells segments[0..i].
  std::vector<const ast::Expr*> nodes;
};

// Returns the chain `expr` (a kName or kMember) spells, or nullopt when it
// is rooted at something else.
std::optional<MemberChain> ChainOf(const ast::Expr& expr);

// Resolves a chain rooted at a name to an event field of the rule's
// triggers: the longest prefix that names a field, then member accesses for
// the rest. Reports unknown fields and fields some trigger lacks; returns
// nullopt when it reported.
std::optional<IrExpr> ResolveFieldPath(RuleState& rule,
                                       const MemberChain& chain);

// Resolves a chain rooted at linked(kind) to a field of the linked entity
// (`linked(jira.issue).status` reads jira's `issue.status`), or nullopt
// after reporting.
std::optional<IrExpr> ResolveLinkedField(RuleState& rule,
                                         const MemberChain& chain);

// Returns the index in program.fields of the field declared by `decls` (one
// declaration, or several merged), adding it on first use.
int InternField(ProgramState& state,
                std::vector<const runtime::FieldDecl*> decls);

// Checks `.name` (node `member`, a kMember) on the already checked `base`.
IrExpr MemberOf(RuleState& rule, const ast::Expr& member, IrExpr base);

// --- expressions.cc ---

// Checks `expr` and returns its typed IR. Never fails: an expression with
// errors becomes a `null` constant of type any, so that one mistake is
// reported once.
IrExpr CheckExpr(RuleState& rule, const ast::Expr& expr);

// Returns a constant node of `value`, typed by its value, at `span`.
IrExpr ConstNode(nlohmann::json value, SourceSpan span);

// Returns the node that stands for an expression with errors.
IrExpr ErrorNode(SourceSpan span);

// Returns true when `ir` is a constant string.
bool IsConstString(const IrExpr& ir);

// Returns true when `ir` is the constant null.
bool IsNull(const IrExpr& ir);

// --- operators.cc ---

// Checks a kUnary or kBinary node whose operands are already checked.
IrExpr CheckOperator(RuleState& rule, const ast::Expr& expr,
                     std::vector<IrExpr> operands);

// Requires `ir` (written at node `id`) to be usable as a condition: bool,
// any or null. `what` names the place ("`when`", "`and`").
void RequireCondition(RuleState& rule, const IrExpr& ir, ast::NodeId id,
                      std::string_view what);

// Checks `left == right`-style comparability of `left` and `right`, written
// at node `id` with operator spelling `op`; reports SR120 when never equal.
void CheckComparable(RuleState& rule, const IrExpr& left, const IrExpr& right,
                     ast::NodeId id, std::string_view op);

// --- types.cc ---

// The classes of values comparisons and parameters reason about.
enum class TypeClass { kAny, kNumber, kString, kBool, kTime, kList, kObject,
                       kUser };

// Returns the class of `type`.
TypeClass ClassOf(ValueType type);

// Returns the class's name with its article: "a number", "an object".
std::string_view ClassWithArticle(TypeClass type_class);

// Returns the type of a constant value.
ValueType TypeOfConstant(const nlohmann::json& value);

// Returns the type of a list whose items have `types`: list<string> when
// every item is a string, list otherwise.
ValueType ListTypeOf(const std::vector<ValueType>& types);

// Returns the common type of `types`: the type when all agree, number when
// they are all numbers, any otherwise.
ValueType CommonType(const std::vector<ValueType>& types);

// Returns the type of an item of a value of type `type` (string for
// list<string>, any otherwise).
ValueType ItemType(ValueType type);

// Returns true when a value of `type` may be a list.
bool MayBeList(ValueType type);

// Returns "`text`" for messages: the source text of `ir`'s span, or the
// type when the text is long.
std::string Describe(const RuleState& rule, const IrExpr& ir);

// --- calls.cc ---

// Checks a kCall node: raw(), linked(), env() or a builtin.
IrExpr CheckCall(RuleState& rule, const ast::Expr& expr);

// Returns the entity kind named by the argument of linked() ("jira.issue"),
// or "" when the argument is not a dotted name.
std::string LinkedKind(const ast::Expr& call);

// --- regex.cc ---

// Compiles the constant pattern `ir` (written at node `id`) with RE2 and
// reports its error, if any, at the pattern. `where` names the use.
bool CheckRegex(RuleState& rule, const IrExpr& ir, ast::NodeId id,
                std::string_view where);

// --- actions.cc ---

// Checks a `do` action and returns its IR.
IrAction CheckAction(RuleState& rule, const ast::Action& action);

// --- jql_match.cc ---

// Checks the `match jql` clause of the rule.
std::optional<IrJqlMatch> CheckJqlMatch(RuleState& rule,
                                        const ast::JqlMatch& match);

// --- suggestions.cc ---

// Returns up to `limit` names of `candidates` that `name` is a likely
// misspelling of: the one that matches ignoring case if any, otherwise
// those at the smallest edit distance (within jql::SuggestionThreshold).
std::vector<std::string> Suggest(std::string_view name,
                                 const std::vector<std::string>& candidates,
                                 size_t limit = 3);

// Adds a "did you mean" note and a fix-it replacing `range` with
// `replacement_prefix` and the first of `suggestions`. Does nothing when
// there is no suggestion.
void AddDidYouMean(Diagnostic& diagnostic, SourceRange range,
                   const std::vector<std::string>& suggestions,
                   std::string_view replacement_prefix = "");

// Returns `names` as "`a`, `b` and `c`" (or with `last` in place of "and").
std::string JoinNames(const std::vector<std::string>& names, std::string_view last = "and");

}  // namespace syncrule::check::internal

#endif  // SYNCRULE_COMPILER_CHECK_CHECK_INTERNAL_H_
