#include "compiler/emit/emitter.h"

#include <algorithm>

#include <fmt/format.h>

#include "compiler/emit/jql_lowering.h"
#include "runtime/value.h"
#include "stdlib/builtin_names.h"

namespace syncrule::emit {
namespace {

using check::IrExpr;
using check::IrKind;
using check::IrStatement;
using check::IrStatementKind;
using runtime::Opcode;
using nlohmann::json;

constexpr int32_t kMinPushInt = -(1 << 23);
constexpr int32_t kMaxPushInt = (1 << 23) - 1;

// The event types a JQL-only program (EmitJqlQuery) is triggered by.
const char* const kJiraIssueEvents[] = {"jira.issue.created", "jira.issue.updated",
                                        "jira.issue.deleted", "jira.comment.created"};

bool IsConst(const IrExpr& e) { return e.kind == IrKind::kConst; }
bool IsConstNull(const IrExpr& e) { return IsConst(e) && e.constant.is_null(); }
bool IsConstBool(const IrExpr& e, bool value) {
  return IsConst(e) && e.constant.is_boolean() && e.constant.get<bool>() == value;
}
bool IsScalar(const json& c) {
  return c.is_number() || c.is_string() || c.is_boolean();
}

// Folds `op` over two constants when the result cannot fail and equals
// what the VM computes; nullopt otherwise.
std::optional<json> FoldBinary(ast::Op op, const json& a, const json& b) {
  if (!IsScalar(a) || !IsScalar(b)) return std::nullopt;
  bool numbers = a.is_number() && b.is_number();
  bool strings = a.is_string() && b.is_string();
  switch (op) {
    case ast::Op::kEq:
    case ast::Op::kNe: {
      if (!numbers && a.type() != b.type()) return op == ast::Op::kNe;
      bool equal = numbers ? a.get<double>() == b.get<double>() : a == b;
      if (numbers && a.is_number_integer() && b.is_number_integer()) {
        equal = a.get<int64_t>() == b.get<int64_t>();
      }
      return op == ast::Op::kEq ? equal : !equal;
    }
    case ast::Op::kLt: case ast::Op::kLe: case ast::Op::kGt: case ast::Op::kGe: {
      if (!numbers && !strings) return std::nullopt;
      int c = numbers ? (a.get<double>() < b.get<double>() ? -1
                                                             : b.get<double>() < a.get<double>() ? 1 : 0)
                      : a.get<std::string>().compare(b.get<std::string>());
      c = c < 0 ? -1 : (c > 0 ? 1 : 0);
      if (op == ast::Op::kLt) return c < 0;
      if (op == ast::Op::kLe) return c <= 0;
      if (op == ast::Op::kGt) return c > 0;
      return c >= 0;
    }
    case ast::Op::kAnd:
      if (a.is_boolean() && b.is_boolean()) return a.get<bool>() && b.get<bool>();
      return std::nullopt;
    case ast::Op::kOr:
      if (a.is_boolean() && b.is_boolean()) return a.get<bool>() || b.get<bool>();
      return std::nullopt;
    case ast::Op::kAdd:
      if (strings) return a.get<std::string>() + b.get<std::string>();
      if (a.is_number_integer() && b.is_number_integer()) {
        int64_t sum;
        if (__builtin_add_overflow(a.get<int64_t>(), b.get<int64_t>(), &sum)) return std::nullopt;
        return sum;
      }
      return std::nullopt;
    case ast::Op::kSub:
      if (a.is_number_integer() && b.is_number_integer()) {
        int64_t diff;
        if (__builtin_sub_overflow(a.get<int64_t>(), b.get<int64_t>(), &diff)) return std::nullopt;
        return diff;
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// The string form the VM's CONCAT gives a constant.
std::string ConstantStringForm(const json& c) {
  runtime::Arena arena;
  std::string out;
  runtime::AppendStringForm(runtime::FromJson(c, arena), &out);
  return out;
}

// Folds `e` to a constant when every leaf is constant and no step can
// fail (lua's validop): nullopt otherwise.
std::optional<json> TryFold(const IrExpr& e) {
  switch (e.kind) {
    case IrKind::kConst:
      return e.constant;
    case IrKind::kUnary: {
      std::optional<json> operand = TryFold(e.children[0]);
      if (!operand) return std::nullopt;
      if (e.op == ast::Op::kNot && operand->is_boolean()) return !operand->get<bool>();
      if (e.op == ast::Op::kNegate && operand->is_number_integer() &&
          operand->get<int64_t>() != INT64_MIN) {
        return -operand->get<int64_t>();
      }
      if (e.op == ast::Op::kNegate && operand->is_number_float()) {
        return -operand->get<double>();
      }
      return std::nullopt;
    }
    case IrKind::kBinary: {
      std::optional<json> left = TryFold(e.children[0]);
      if (!left) return std::nullopt;
      std::optional<json> right = TryFold(e.children[1]);
      if (!right) return std::nullopt;
      return FoldBinary(e.op, *left, *right);
    }
    case IrKind::kList: {
      json list = json::array();
      for (const IrExpr& child : e.children) {
        std::optional<json> item = TryFold(child);
        if (!item) return std::nullopt;
        list.push_back(std::move(*item));
      }
      return list;
    }
    case IrKind::kConcat: {
      std::string text;
      for (const IrExpr& child : e.children) {
        std::optional<json> part = TryFold(child);
        if (!part) return std::nullopt;
        text += ConstantStringForm(*part);
      }
      return json(text);
    }
    default:
      return std::nullopt;
  }
}

class ProgramEmitter;

// Emits one rule's code.
class RuleEmitter {
 public:
  RuleEmitter(ProgramEmitter& program, CodeBuilder& code);

  void EmitRule(const check::IrRule& rule, runtime::RuleImage* image);

 private:
  void Position(const check::SourceSpan& span);
  void Statements(const std::vector<IrStatement>& body, JumpList* stop);
  void Statement(const IrStatement& statement, JumpList* stop);
  void Loop(const check::IrLoop& loop);
  void Do(const check::IrAction& action);
  void Match(const check::IrJqlMatch& match);
  // Adds REJECTs for `jumps`, one per clause: a jump belongs to the last
  // clause in `starts` (pc, span) that begins at or before it.
  void SplitRejects(const JumpList& jumps,
                    const std::vector<std::pair<uint32_t, check::SourceSpan>>& starts,
                    const check::SourceSpan& fallback);

  void Value(const IrExpr& e);
  void Constant(const json& c);
  void Unary(const IrExpr& e);
  void Binary(const IrExpr& e);
  void Call(const IrExpr& e);
  void Materialize(const IrExpr& e);
  void GoIfTrue(const IrExpr& e, JumpList* false_list);
  void GoIfFalse(const IrExpr& e, JumpList* true_list);
  // Gives the code of condition `e` its own position while a rule-level
  // `when` is emitted, and records where it starts.
  void MarkLeaf(const IrExpr& e);

  ProgramEmitter& program_;
  CodeBuilder& code_;
  // Out-of-line REJECTs: the jumps of each failing clause and its span.
  std::vector<std::pair<JumpList, check::SourceSpan>> rejects_;
  // While emitting a rule-level `when`: where each tested condition starts.
  std::vector<std::pair<uint32_t, check::SourceSpan>>* leaf_starts_ = nullptr;
  uint32_t loop_depth_ = 0;
  uint32_t max_loop_depth_ = 0;
};

// Emits a whole program.
class ProgramEmitter {
 public:
  explicit ProgramEmitter(const check::CheckedProgram* program) : program_(program) {}

  EmitResult Run();
  EmitResult RunJql(const jql::CheckedQuery& query, std::string_view text,
                    const jql::FieldCatalog* catalog);

  ModuleBuilder& module() { return module_; }
  std::vector<EmitError>& errors() { return errors_; }
  const check::CheckedProgram* program() const { return program_; }
  const jql::FieldCatalog* catalog() const { return catalog_; }
  uint32_t FieldIndex(int checked_index) const { return field_index_[checked_index]; }
  uint32_t MapIndex(int checked_index) const { return static_cast<uint32_t>(checked_index); }

  // Returns the position of `span`: file, line, column.
  runtime::LineEntry PositionOf(const check::SourceSpan& span) const;

 private:
  void Files();
  void Fields();
  void Maps();
  void Settings();
  void Rule(const check::IrRule& rule);

  const check::CheckedProgram* program_;
  const jql::FieldCatalog* catalog_ = nullptr;
  ModuleBuilder module_;
  std::vector<EmitError> errors_;
  std::vector<uint32_t> field_index_;
};

// --- ProgramEmitter -----------------------------------------------------------------

runtime::LineEntry ProgramEmitter::PositionOf(const check::SourceSpan& span) const {
  runtime::LineEntry entry;
  if (program_ == nullptr || span.file < 0 ||
      static_cast<size_t>(span.file) >= program_->sources.size()) {
    return entry;
  }
  SourcePosition position = program_->sources[span.file]->PositionOf(span.range.begin);
  entry.file = static_cast<uint32_t>(span.file);
  entry.line = static_cast<uint32_t>(position.line);
  entry.column = static_cast<uint32_t>(position.column);
  return entry;
}

void ProgramEmitter::Files() {
  for (const auto& source : program_->sources) {
    module_.image().files.push_back(
        runtime::FileImage{source->name(), std::string(source->text())});
  }
}

void ProgramEmitter::Fields() {
  for (const runtime::FieldDecl* decl : program_->fields) {
    runtime::FieldImage field;
    field.name = decl->name;
    field.type = decl->type;
    for (const runtime::FieldPath& path : decl->paths) {
      field.paths.emplace_back(path.format, module_.Path(path.pointer));
    }
    field_index_.push_back(static_cast<uint32_t>(module_.image().fields.size()));
    module_.image().fields.push_back(std::move(field));
  }
}

void ProgramEmitter::Maps() {
  for (const check::IrMap& map : program_->maps) {
    runtime::MapImage image;
    image.name = map.name;
    for (const auto& [key, value] : map.entries) {
      image.entries.emplace_back(key, module_.Constant(value));
    }
    if (map.default_value) image.default_constant = module_.Constant(*map.default_value);
    module_.image().maps.push_back(std::move(image));
  }
}

void ProgramEmitter::Settings() {
  json settings = json::object();
  for (const check::IrConnection& connection : program_->connections) {
    json& block = settings[connection.name];
    block = json::object();
    for (const auto& [name, value] : connection.settings) block[name] = value;
  }
  module_.image().settings = std::move(settings);
}

void ProgramEmitter::Rule(const check::IrRule& rule) {
  runtime::RuleImage image;
  image.name = rule.name;
  image.triggers = rule.triggers;
  image.manual = rule.manual;
  image.one_link_per_entity = rule.one_link_per_entity;
  image.local_count = static_cast<uint32_t>(std::max(rule.local_count, 0));
  if (rule.match) {
    image.jql = rule.match->text;
    image.becomes_true = rule.match->becomes_true;
  }
  runtime::LineEntry where = PositionOf(rule.span);
  image.file = where.file;
  image.line = where.line;
  image.column = where.column;
  CodeBuilder code(module_, &errors_);
  RuleEmitter emitter(*this, code);
  emitter.EmitRule(rule, &image);
  module_.image().rules.push_back(std::move(image));
}

EmitResult ProgramEmitter::Run() {
  catalog_ = program_->jql_catalog.get();
  Files();
  Fields();
  Maps();
  Settings();
  for (const check::IrRule& rule : program_->rules) Rule(rule);
  EmitResult result;
  result.image = std::move(module_.image());
  result.errors = std::move(errors_);
  return result;
}

EmitResult ProgramEmitter::RunJql(const jql::CheckedQuery& query, std::string_view text,
                                  const jql::FieldCatalog* catalog) {
  catalog_ = catalog;
  module_.image().files.push_back(runtime::FileImage{"<query>", std::string(text)});
  runtime::RuleImage image;
  image.name = "jql";
  for (const char* event : kJiraIssueEvents) image.triggers.emplace_back(event);
  image.jql = std::string(text);
  image.line = 1;
  image.column = 1;
  CodeBuilder code(module_, &errors_);
  image.code_begin = code.pc();
  code.SetPosition(0, 1, 1, 0, 0);
  JumpList false_list;
  if (query.where) {
    JqlLowering lowering(module_, code, catalog);
    lowering.GoIfTrue(*query.where, &false_list);
  }
  code.EmitA(Opcode::kRETURN);
  if (!false_list.empty()) {
    uint32_t reject = code.EmitA(Opcode::kREJECT);
    code.Patch(false_list, reject);
  }
  image.code_end = code.pc();
  Peephole(module_.image().code, image.code_begin, image.code_end);
  image.max_stack = static_cast<uint32_t>(code.max_depth());
  module_.image().rules.push_back(std::move(image));
  EmitResult result;
  result.image = std::move(module_.image());
  result.errors = std::move(errors_);
  return result;
}

// --- RuleEmitter ---------------------------------------------------------------------

RuleEmitter::RuleEmitter(ProgramEmitter& program, CodeBuilder& code)
    : program_(program), code_(code) {}

void RuleEmitter::Position(const check::SourceSpan& span) {
  runtime::LineEntry where = program_.PositionOf(span);
  code_.SetPosition(where.file, where.line, where.column, span.file, span.range.begin);
}

void RuleEmitter::EmitRule(const check::IrRule& rule, runtime::RuleImage* image) {
  image->code_begin = code_.pc();
  Position(rule.span);
  if (rule.match) Match(*rule.match);
  Statements(rule.body, nullptr);
  Position(rule.span);
  code_.EmitA(Opcode::kRETURN);
  for (auto& [list, span] : rejects_) {
    Position(span);
    uint32_t reject = code_.EmitA(Opcode::kREJECT);
    code_.Patch(list, reject);
  }
  image->code_end = code_.pc();
  Peephole(program_.module().image().code, image->code_begin, image->code_end);
  image->max_stack = static_cast<uint32_t>(code_.max_depth());
  image->iterator_count = max_loop_depth_;
  uint32_t locals = image->local_count;
  for (uint32_t pc = image->code_begin; pc < image->code_end; ++pc) {
    runtime::Instruction i = program_.module().image().code[pc];
    if (runtime::FormatOf(runtime::OpOf(i)) == runtime::OperandFormat::kLocal) {
      locals = std::max(locals, runtime::ArgA(i) + 1);
    }
  }
  image->local_count = locals;
}

void RuleEmitter::Match(const check::IrJqlMatch& match) {
  Position(match.span);
  if (!match.query.where) return;
  JqlLowering lowering(program_.module(), code_, program_.catalog());
  if (match.becomes_true) {
    // Fire only when the previous state (rebuilt from the changelog) did
    // not match; an event without a changelog has no previous state. A
    // rejection here points at `becomes true`.
    JumpList no_previous;
    code_.EmitA(Opcode::kHAS_PREVIOUS);
    no_previous.push_back(code_.EmitJump(Opcode::kJMP_IF_FALSE));
    code_.EmitA(Opcode::kSET_VIEW, 1);
    JumpList matched_before;
    lowering.GoIfFalse(*match.query.where, &matched_before);
    code_.PatchHere(no_previous);
    code_.EmitA(Opcode::kSET_VIEW, 0);
    rejects_.emplace_back(std::move(matched_before), match.becomes_span);
  }
  // Each tested clause's code carries the clause's position, and its false
  // jumps get a REJECT of their own, so --explain names the JQL clause that
  // failed (for OR, the last alternative tried).
  std::vector<std::pair<uint32_t, check::SourceSpan>> starts;
  lowering.set_clause_observer([&](const jql::CheckedClause& clause) {
    check::SourceSpan span{match.span.file, match.span.range};
    if (clause.id > 0 && static_cast<size_t>(clause.id) < match.clause_ranges.size()) {
      span.range = match.clause_ranges[clause.id];
    }
    Position(span);
    starts.emplace_back(code_.pc(), span);
  });
  JumpList false_list;
  lowering.GoIfTrue(*match.query.where, &false_list);
  Position(match.span);
  SplitRejects(false_list, starts, match.span);
}

void RuleEmitter::SplitRejects(
    const JumpList& jumps, const std::vector<std::pair<uint32_t, check::SourceSpan>>& starts,
    const check::SourceSpan& fallback) {
  std::vector<std::pair<JumpList, check::SourceSpan>> groups;
  for (uint32_t jump : jumps) {
    check::SourceSpan span = fallback;
    for (const auto& [pc, clause] : starts) {
      if (pc <= jump) span = clause;
    }
    auto same = [&](const auto& group) {
      return group.second.file == span.file && group.second.range.begin == span.range.begin &&
             group.second.range.end == span.range.end;
    };
    auto found = std::find_if(groups.begin(), groups.end(), same);
    if (found == groups.end()) {
      groups.emplace_back(JumpList{jump}, span);
    } else {
      found->first.push_back(jump);
    }
  }
  for (auto& group : groups) rejects_.push_back(std::move(group));
}

void RuleEmitter::Statements(const std::vector<IrStatement>& body, JumpList* stop) {
  for (const IrStatement& statement : body) Statement(statement, stop);
}

void RuleEmitter::Statement(const IrStatement& statement, JumpList* stop) {
  Position(statement.span);
  switch (statement.kind) {
    case IrStatementKind::kWhen: {
      Position(statement.expr.span);
      JumpList false_list;
      if (stop != nullptr) {
        GoIfTrue(statement.expr, &false_list);
        stop->insert(stop->end(), false_list.begin(), false_list.end());
        return;
      }
      // A rejection names the condition that failed: each tested leaf of
      // the and/or tree gets its own REJECT.
      std::vector<std::pair<uint32_t, check::SourceSpan>> starts;
      leaf_starts_ = &starts;
      GoIfTrue(statement.expr, &false_list);
      leaf_starts_ = nullptr;
      SplitRejects(false_list, starts, statement.expr.span);
      return;
    }
    case IrStatementKind::kLet:
      Value(statement.expr);
      code_.EmitA(Opcode::kSTORE_LOCAL, static_cast<uint32_t>(statement.slot));
      return;
    case IrStatementKind::kDo:
      Do(statement.action);
      return;
    case IrStatementKind::kFor:
      if (statement.loop) Loop(*statement.loop);
      return;
  }
}

void RuleEmitter::Loop(const check::IrLoop& loop) {
  uint32_t slot = loop_depth_++;
  max_loop_depth_ = std::max(max_loop_depth_, loop_depth_);
  if (slot >= 256) code_.Error("loops nest more than 256 deep");
  int64_t limit = std::clamp<int64_t>(loop.limit, 1, runtime::kMaxB);
  if (loop.limit > static_cast<int64_t>(runtime::kMaxB)) {
    code_.Error(fmt::format("loop limit {} exceeds {}", loop.limit, runtime::kMaxB));
  }
  Value(loop.iterable);
  code_.EmitAB(Opcode::kITER_INIT, slot, static_cast<uint32_t>(limit));
  uint32_t head = code_.EmitJump(Opcode::kITER_NEXT, slot);
  code_.EmitA(Opcode::kSTORE_LOCAL, static_cast<uint32_t>(loop.variable_slot));
  JumpList next_iteration;
  Statements(loop.body, &next_iteration);
  code_.PatchHere(next_iteration);
  code_.EmitLoopBack(slot, head);
  code_.Patch({head}, code_.pc());
  // ITER_NEXT's exit edge leaves the depth unchanged; the body started one
  // deeper and stored the item.
  --loop_depth_;
}

void RuleEmitter::Do(const check::IrAction& action) {
  Position(action.span);
  if (action.decl == nullptr) {
    code_.Error("an action without a declaration");
    return;
  }
  runtime::SiteImage site;
  site.action = action.decl->name;
  site.entity = action.decl->entity;
  site.connector = action.decl->name.substr(0, action.decl->name.find('.'));
  site.creates = action.decl->creates;
  for (const auto& [name, expr] : action.args) {
    site.arg_names.push_back(name);
    Value(expr);
  }
  code_.EmitA(Opcode::kEFFECT, program_.module().Site(site));
}

void RuleEmitter::Constant(const json& c) {
  if (c.is_null()) {
    code_.EmitA(Opcode::kPUSH_NULL);
  } else if (c.is_boolean()) {
    code_.EmitA(c.get<bool>() ? Opcode::kPUSH_TRUE : Opcode::kPUSH_FALSE);
  } else if (c.is_number_integer() && c.get<int64_t>() >= kMinPushInt &&
             c.get<int64_t>() <= kMaxPushInt) {
    code_.EmitSigned(Opcode::kPUSH_INT, static_cast<int32_t>(c.get<int64_t>()));
  } else {
    code_.EmitA(Opcode::kPUSH_CONST, program_.module().Constant(c));
  }
}

void RuleEmitter::Value(const IrExpr& e) {
  if (e.kind != IrKind::kConst) {
    if (std::optional<json> folded = TryFold(e)) {
      Constant(*folded);
      return;
    }
  }
  switch (e.kind) {
    case IrKind::kConst:
      Constant(e.constant);
      return;
    case IrKind::kField:
      code_.EmitA(Opcode::kLOAD_FIELD, program_.FieldIndex(e.index));
      return;
    case IrKind::kRawPath:
      code_.EmitA(Opcode::kLOAD_PATH, program_.module().Path(e.name));
      return;
    case IrKind::kLocal:
      code_.EmitA(Opcode::kLOAD_LOCAL, static_cast<uint32_t>(e.index));
      return;
    case IrKind::kMapLookup:
      Value(e.children[0]);
      code_.EmitA(Opcode::kMAP_GET, program_.MapIndex(e.index));
      return;
    case IrKind::kCall:
      Call(e);
      return;
    case IrKind::kUnary:
      Unary(e);
      return;
    case IrKind::kBinary:
      Binary(e);
      return;
    case IrKind::kList: {
      bool all_const = true;
      json list = json::array();
      for (const IrExpr& child : e.children) {
        all_const = all_const && IsConst(child);
        if (all_const) list.push_back(child.constant);
      }
      if (all_const) {
        code_.EmitA(Opcode::kPUSH_CONST, program_.module().Constant(list));
        return;
      }
      for (const IrExpr& child : e.children) Value(child);
      code_.EmitA(Opcode::kMAKE_LIST, static_cast<uint32_t>(e.children.size()));
      return;
    }
    case IrKind::kObject: {
      bool all_const = true;
      json object = json::object();
      for (size_t k = 0; k < e.children.size(); ++k) {
        all_const = all_const && IsConst(e.children[k]);
        if (all_const) object[e.keys[k]] = e.children[k].constant;
      }
      if (all_const && object.size() == e.children.size()) {
        code_.EmitA(Opcode::kPUSH_CONST, program_.module().Constant(object));
        return;
      }
      for (const IrExpr& child : e.children) Value(child);
      json keys = json::array();
      for (const std::string& key : e.keys) keys.push_back(key);
      code_.EmitAB(Opcode::kMAKE_OBJECT, static_cast<uint32_t>(e.children.size()),
                   program_.module().Constant(keys));
      return;
    }
    case IrKind::kConcat: {
      bool all_const = true;
      std::string folded;
      for (const IrExpr& child : e.children) {
        all_const = all_const && IsConst(child);
        if (all_const) folded += ConstantStringForm(child.constant);
      }
      if (all_const) {
        Constant(json(folded));
        return;
      }
      for (const IrExpr& child : e.children) Value(child);
      code_.EmitA(Opcode::kCONCAT, static_cast<uint32_t>(e.children.size()));
      return;
    }
    case IrKind::kMember:
      Value(e.children[0]);
      code_.EmitA(Opcode::kMEMBER, program_.module().Constant(json(e.name)));
      return;
    case IrKind::kIndex:
      Value(e.children[0]);
      Value(e.children[1]);
      code_.EmitA(Opcode::kINDEX);
      return;
    case IrKind::kChanged: {
      uint32_t field = program_.FieldIndex(e.index);
      if (!e.has_from && !e.has_to) {
        code_.EmitA(Opcode::kCHANGED, field);
        return;
      }
      for (const IrExpr& child : e.children) Value(child);
      code_.EmitAB(Opcode::kCHANGED_FT, (e.has_from ? 1u : 0u) | (e.has_to ? 2u : 0u),
                   field);
      return;
    }
    case IrKind::kLinked:
      code_.EmitA(Opcode::kLINKED, program_.module().Constant(json(e.name)));
      return;
    case IrKind::kLinkedField: {
      const check::CheckedProgram* program = program_.program();
      std::string field = program->fields[e.index]->name;
      code_.EmitA(Opcode::kLINKED_FIELD,
                  program_.module().Constant(json::array({e.name, field})));
      return;
    }
  }
}

void RuleEmitter::Unary(const IrExpr& e) {
  const IrExpr& operand = e.children[0];
  if (e.op == ast::Op::kNot) {
    if (IsConst(operand) && operand.constant.is_boolean()) {
      Constant(!operand.constant.get<bool>());
      return;
    }
    Value(operand);
    code_.EmitA(Opcode::kNOT);
    return;
  }
  if (IsConst(operand) && operand.constant.is_number_integer() &&
      operand.constant.get<int64_t>() != INT64_MIN) {
    Constant(-operand.constant.get<int64_t>());
    return;
  }
  if (IsConst(operand) && operand.constant.is_number_float()) {
    Constant(-operand.constant.get<double>());
    return;
  }
  Value(operand);
  code_.EmitA(Opcode::kNEG);
}

void RuleEmitter::Materialize(const IrExpr& e) {
  JumpList false_list;
  GoIfTrue(e, &false_list);
  int depth = code_.depth();
  code_.EmitA(Opcode::kPUSH_TRUE);
  uint32_t skip = code_.EmitJump(Opcode::kJMP);
  code_.PatchHere(false_list);
  code_.set_depth(depth);
  code_.EmitA(Opcode::kPUSH_FALSE);
  code_.PatchHere({skip});
}

void RuleEmitter::Binary(const IrExpr& e) {
  const IrExpr& left = e.children[0];
  const IrExpr& right = e.children[1];
  if (IsConst(left) && IsConst(right)) {
    if (std::optional<json> folded = FoldBinary(e.op, left.constant, right.constant)) {
      Constant(*folded);
      return;
    }
  }
  switch (e.op) {
    case ast::Op::kAnd:
    case ast::Op::kOr:
      Materialize(e);
      return;
    case ast::Op::kEq:
    case ast::Op::kNe: {
      const IrExpr* value = &left;
      const IrExpr* constant = &right;
      if (IsConst(left) && !IsConst(right)) std::swap(value, constant);
      if (IsConstNull(*constant)) {
        Value(*value);
        code_.EmitA(Opcode::kIS_NULL);
        if (e.op == ast::Op::kNe) code_.EmitA(Opcode::kNOT);
        return;
      }
      if (IsConst(*constant)) {
        Value(*value);
        code_.EmitA(Opcode::kEQ_CONST, program_.module().Constant(constant->constant));
        if (e.op == ast::Op::kNe) {
          // a != K is false when a is null, like every comparison with null.
          Value(*value);
          code_.EmitA(Opcode::kIS_NULL);
          code_.EmitA(Opcode::kBOOL_OR);
          code_.EmitA(Opcode::kNOT);
        }
        return;
      }
      Value(left);
      Value(right);
      code_.EmitA(e.op == ast::Op::kEq ? Opcode::kEQ : Opcode::kNE);
      return;
    }
    case ast::Op::kLt: case ast::Op::kLe: case ast::Op::kGt: case ast::Op::kGe: {
      Value(left);
      Value(right);
      Opcode op = e.op == ast::Op::kLt ? Opcode::kLT
                  : e.op == ast::Op::kLe ? Opcode::kLE
                  : e.op == ast::Op::kGt ? Opcode::kGT : Opcode::kGE;
      code_.EmitA(op);
      return;
    }
    case ast::Op::kIn:
    case ast::Op::kNotIn: {
      std::optional<json> list = TryFold(right);
      bool strings = list && list->is_array() && left.type == runtime::ValueType::kString;
      if (strings) {
        for (const json& item : *list) strings = strings && item.is_string();
      }
      Value(left);
      if (strings) {
        std::vector<std::string> items;
        for (const json& item : *list) items.push_back(item.get<std::string>());
        code_.EmitA(Opcode::kIN_SET, program_.module().Set(std::move(items), false));
      } else {
        Value(right);
        code_.EmitA(Opcode::kIN);
      }
      if (e.op == ast::Op::kNotIn) code_.EmitA(Opcode::kNOT);
      return;
    }
    case ast::Op::kMatches: {
      if (!IsConst(right) || !right.constant.is_string()) {
        code_.Error("`matches` needs a constant regular expression");
        Value(left);
        return;
      }
      Value(left);
      code_.EmitA(Opcode::kMATCH, program_.module().Regex(right.constant.get<std::string>()));
      return;
    }
    case ast::Op::kAdd:
    case ast::Op::kSub:
      Value(left);
      Value(right);
      code_.EmitA(e.op == ast::Op::kAdd ? Opcode::kADD : Opcode::kSUB);
      return;
    default:
      code_.Error(fmt::format("operator '{}' cannot be emitted", ast::OpSpelling(e.op)));
      Value(left);
      return;
  }
}

void RuleEmitter::Call(const IrExpr& e) {
  const stdlib::BuiltinDecl* decl = stdlib::FindBuiltin(e.name);
  if (decl == nullptr) {
    code_.Error(fmt::format("unknown builtin '{}'", e.name));
    code_.EmitA(Opcode::kPUSH_NULL);
    return;
  }
  uint32_t id = static_cast<uint32_t>(decl->id);
  if (decl->regex_arg >= 0) {
    const IrExpr& pattern = e.children[decl->regex_arg];
    if (!IsConst(pattern) || !pattern.constant.is_string()) {
      code_.Error(fmt::format("{}() needs a constant regular expression", decl->name));
      code_.EmitA(Opcode::kPUSH_NULL);
      return;
    }
    Value(e.children[0]);
    code_.EmitAB(Opcode::kCALL_RE, id,
                 program_.module().Regex(pattern.constant.get<std::string>()));
    return;
  }
  for (const IrExpr& child : e.children) Value(child);
  code_.EmitAB(Opcode::kCALL, id, static_cast<uint32_t>(e.children.size()));
}

void RuleEmitter::GoIfTrue(const IrExpr& e, JumpList* false_list) {
  if (std::optional<json> folded = TryFold(e)) {
    if (folded->is_boolean() && folded->get<bool>()) return;
    false_list->push_back(code_.EmitJump(Opcode::kJMP));  // never true
    return;
  }
  if (IsConst(e)) {  // false, null or a non-boolean: never true
    false_list->push_back(code_.EmitJump(Opcode::kJMP));
    return;
  }
  if (e.kind == IrKind::kUnary && e.op == ast::Op::kNot) {
    GoIfFalse(e.children[0], false_list);
    return;
  }
  if (e.kind == IrKind::kBinary && e.op == ast::Op::kAnd) {
    GoIfTrue(e.children[0], false_list);
    GoIfTrue(e.children[1], false_list);
    return;
  }
  if (e.kind == IrKind::kBinary && e.op == ast::Op::kOr) {
    JumpList true_list;
    GoIfFalse(e.children[0], &true_list);
    GoIfTrue(e.children[1], false_list);
    code_.PatchHere(true_list);
    return;
  }
  MarkLeaf(e);
  Value(e);
  false_list->push_back(code_.EmitJump(Opcode::kJMP_IF_FALSE));
}

void RuleEmitter::GoIfFalse(const IrExpr& e, JumpList* true_list) {
  if (std::optional<json> folded = TryFold(e)) {
    if (folded->is_boolean() && folded->get<bool>()) {
      true_list->push_back(code_.EmitJump(Opcode::kJMP));
    }
    return;
  }
  if (IsConstBool(e, true)) {
    true_list->push_back(code_.EmitJump(Opcode::kJMP));
    return;
  }
  if (IsConst(e)) return;
  if (e.kind == IrKind::kUnary && e.op == ast::Op::kNot) {
    GoIfTrue(e.children[0], true_list);
    return;
  }
  if (e.kind == IrKind::kBinary && e.op == ast::Op::kOr) {
    GoIfFalse(e.children[0], true_list);
    GoIfFalse(e.children[1], true_list);
    return;
  }
  if (e.kind == IrKind::kBinary && e.op == ast::Op::kAnd) {
    JumpList false_list;
    GoIfTrue(e.children[0], &false_list);
    GoIfFalse(e.children[1], true_list);
    code_.PatchHere(false_list);
    return;
  }
  MarkLeaf(e);
  Value(e);
  true_list->push_back(code_.EmitJump(Opcode::kJMP_IF_TRUE));
}

void RuleEmitter::MarkLeaf(const IrExpr& e) {
  if (leaf_starts_ == nullptr) return;
  Position(e.span);
  leaf_starts_->emplace_back(code_.pc(), e.span);
}

}  // namespace

EmitResult EmitProgram(const check::CheckedProgram& program) {
  ProgramEmitter emitter(&program);
  return emitter.Run();
}

std::string CompileModule(const check::CheckedProgram& program,
                          std::vector<EmitError>* errors) {
  EmitResult result = EmitProgram(program);
  if (!result.ok()) {
    if (errors != nullptr) *errors = std::move(result.errors);
    return std::string();
  }
  return runtime::WriteModule(result.image);
}

EmitResult EmitJqlQuery(const jql::CheckedQuery& query, std::string_view text,
                        const jql::FieldCatalog* catalog) {
  ProgramEmitter emitter(nullptr);
  return emitter.RunJql(query, text, catalog);
}

std::string FormatEmitError(const check::CheckedProgram& program, const EmitError& error) {
  if (error.file < 0 || static_cast<size_t>(error.file) >= program.sources.size()) {
    return error.message;
  }
  const Source& source = *program.sources[error.file];
  SourcePosition position = source.PositionOf(error.offset);
  return fmt::format("{}:{}:{}: {}", source.name(), position.line, position.column,
                     error.message);
}

}  // namespace syncrule::emit
