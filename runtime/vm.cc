#include "runtime/vm.h"

#include <cmath>
#include <span>

#include "runtime/builtins.h"
#include "runtime/field_extraction.h"

namespace syncrule::runtime {
namespace {

// The "<connector>.<entity>" kind of the event's own entity.
std::string EventKind(const EventInfo& event) {
  return event.source + "." + event.entity;
}

// The changelog item of this event for event field `field`, if any: the
// field's key is the path segment after /fields/ in its payload path
// (Jira's changelog names fields by that id).
// One field's change in the event: a Jira changelog item (sides "from" /
// "fromString", "to" / "toString") or a GitLab `changes` member (sides
// "previous" / "current").
struct Change {
  simdjson::dom::element item;
  bool gitlab = false;
  // True for GitLab's state_id, whose numbers stand for state names.
  bool state_ids = false;
};

// GitLab's merge request and issue hooks report state changes as state_id.
constexpr std::pair<std::string_view, std::string_view> kGitlabStates[] = {
    {"1", "opened"}, {"2", "closed"}, {"3", "merged"}, {"4", "locked"}};

// Finds field F[field]'s change in a GitLab hook's `changes` object.
std::optional<Change> GitlabChange(const simdjson::dom::element& root, std::string_view pointer) {
  std::string_view key = pointer.substr(pointer.rfind('/') + 1);
  bool state_ids = key == "state";
  if (state_ids) key = "state_id";
  auto changes = AtPointer(root, "/changes");
  if (!changes || !changes->is_object()) return std::nullopt;
  simdjson::dom::element item;
  if ((*changes)[key].get(item) != simdjson::SUCCESS || !item.is_object()) return std::nullopt;
  return Change{item, true, state_ids};
}

// Finds the change of event field F[field] in this event, if any.
std::optional<Change> ChangeItem(EvalState& state, uint32_t field) {
  const auto& root = state.root();
  if (!root) return std::nullopt;
  const Program& program = state.program();
  int format = program.FormatIndex(state.event().format);
  if (format < 0) return std::nullopt;
  int32_t path = program.FieldPath(format, field);
  if (path < 0) return std::nullopt;
  std::string_view pointer = program.image().paths[path];
  if (state.event().source == "gitlab") return GitlabChange(*root, pointer);
  size_t at = pointer.find("/fields/");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view key = pointer.substr(at + 8);
  key = key.substr(0, key.find('/'));
  auto items = AtPointer(*root, "/changelog/items");
  if (!items || !items->is_array()) return std::nullopt;
  for (simdjson::dom::element item : ArrayOf(*items)) {
    std::string_view id, name;
    if (item["fieldId"].get(id) == simdjson::SUCCESS && id == key) return Change{item};
    if (item["field"].get(name) == simdjson::SUCCESS && EqualsFolded(name, key)) {
      return Change{item};
    }
  }
  return std::nullopt;
}

// True when one side of `change` (`to` selects the new side) is `expected`.
bool SideIs(const Change& change, bool to, const Value& expected, Arena& arena) {
  std::string_view want = StringForm(expected, arena);
  const char* jira_keys[] = {to ? "toString" : "fromString", to ? "to" : "from"};
  const char* gitlab_keys[] = {to ? "current" : "previous"};
  std::span<const char* const> keys = change.gitlab ? std::span<const char* const>(gitlab_keys)
                                                    : std::span<const char* const>(jira_keys);
  for (const char* key : keys) {
    simdjson::dom::element side;
    if (change.item[key].get(side) != simdjson::SUCCESS) continue;
    if (side.is_null()) {
      if (expected.is_null()) return true;
      continue;
    }
    std::string_view got = StringForm(FromElement(side, arena), arena);
    if (change.state_ids) {
      for (const auto& [id, name] : kGitlabStates) {
        if (got == id && side.is_number()) got = name;
      }
    }
    if (!expected.is_null() && EqualsFolded(got, want)) return true;
  }
  return false;
}

// Returns the items of list `a` followed by those of list `b`; null unless
// both are lists (or when the arena is exhausted).
Value ConcatLists(const Value& a, const Value& b, Arena& arena) {
  std::optional<ValueSpan> left = ListItems(a, arena);
  std::optional<ValueSpan> right = left ? ListItems(b, arena) : std::nullopt;
  if (!left || !right) return Value::Null();
  uint32_t n = left->size + right->size;
  Value* items = arena.AllocateArray<Value>(n);
  if (items == nullptr && n > 0) return Value::Null();
  std::copy(left->items, left->items + left->size, items);
  std::copy(right->items, right->items + right->size, items + left->size);
  return Value::List(items, n);
}

Value Add(const Value& a, const Value& b, Arena& arena) {
  if (a.tag == ValueTag::kInt && b.tag == ValueTag::kInt) {
    int64_t sum;
    if (!__builtin_add_overflow(a.i, b.i, &sum)) return Value::Int(sum);
    return Value::Double(static_cast<double>(a.i) + static_cast<double>(b.i));
  }
  if (a.is_number() && b.is_number()) return Value::Double(a.number() + b.number());
  if (a.tag == ValueTag::kTime && b.tag == ValueTag::kInt) return Value::Time(a.i + b.i);
  if (a.is_string() || b.is_string()) {
    std::string out;
    AppendStringForm(a, &out);
    AppendStringForm(b, &out);
    return Value::String(arena.CopyString(out));
  }
  return ConcatLists(a, b, arena);
}

Value Sub(const Value& a, const Value& b) {
  if (a.tag == ValueTag::kInt && b.tag == ValueTag::kInt) {
    int64_t diff;
    if (!__builtin_sub_overflow(a.i, b.i, &diff)) return Value::Int(diff);
    return Value::Double(static_cast<double>(a.i) - static_cast<double>(b.i));
  }
  if (a.is_number() && b.is_number()) return Value::Double(a.number() - b.number());
  if (a.tag == ValueTag::kTime && b.tag == ValueTag::kTime) return Value::Int(a.i - b.i);
  if (a.tag == ValueTag::kTime && b.tag == ValueTag::kInt) return Value::Time(a.i - b.i);
  return Value::Null();
}

bool In(const Value& item, const Value& container, Arena& arena) {
  if (item.is_null()) return false;
  if (container.is_string()) {
    return item.is_string() && container.str().find(item.str()) != std::string_view::npos;
  }
  if (container.tag == ValueTag::kObject ||
      (container.tag == ValueTag::kJson && container.json->is_object())) {
    return item.is_string() && !MemberOf(container, item.str(), arena).is_null();
  }
  std::optional<ValueSpan> items = ListItems(container, arena);
  if (!items) return false;
  for (uint32_t i = 0; i < items->size; ++i) {
    if (ValuesEqual(items->items[i], item)) return true;
  }
  return false;
}

bool InSet(const Value& value, const StringSet& set, Arena& arena) {
  return AnySetKey(value, arena, [&](std::string_view key) { return set.contains(key); });
}

Value Index(const Value& container, const Value& key, Arena& arena) {
  if (key.is_string()) return MemberOf(container, key.str(), arena);
  if (key.tag != ValueTag::kInt) return Value::Null();
  if (container.tag == ValueTag::kList) {
    if (key.i < 0 || key.i >= container.size) return Value::Null();
    return container.items[key.i];
  }
  if (container.tag == ValueTag::kJson && container.json->is_array()) {
    simdjson::dom::element item;
    if (key.i < 0 ||
        ArrayOf(*container.json).at(static_cast<size_t>(key.i)).get(item) !=
            simdjson::SUCCESS) {
      return Value::Null();
    }
    return FromElement(item, arena);
  }
  return Value::Null();
}

// Builds the effect of site `site` from `args` (in the site's order).
void RecordEffect(const SiteImage& site, uint32_t rule, const Value* args,
                  EvalState& state, const RunOptions& options,
                  std::vector<Effect>* effects) {
  if (!options.build_args) {
    // Counted, not carried out: the rule and the action's kind suffice.
    Effect& effect = effects->emplace_back();
    effect.rule = rule;
    effect.creates = site.creates;
    return;
  }
  const EventInfo& event = state.event();
  std::string kind = site.connector + "." + site.entity;
  Effect effect;
  effect.rule = rule;
  effect.action = site.action;
  effect.creates = site.creates;
  effect.target_kind = kind;
  effect.args = nlohmann::json::object();
  for (size_t i = 0; i < site.arg_names.size(); ++i) {
    effect.args[site.arg_names[i]] = ToJson(args[i]);
  }
  if (site.creates && options.links != nullptr) {
    // The engine drops the create unless the rule allows duplicates; the VM
    // only reports what is already linked.
    if (std::optional<std::string> linked =
            options.links->LinkedId(EventKind(event), event.entity_id, kind)) {
      effect.linked_id = *linked;
    }
  }
  if (!site.creates) {
    const Value* explicit_target = nullptr;
    for (size_t i = 0; i < site.arg_names.size(); ++i) {
      if (site.arg_names[i] == site.entity) explicit_target = &args[i];
    }
    if (explicit_target != nullptr && explicit_target->is_string()) {
      effect.target_id = std::string(explicit_target->str());
    } else if (std::optional<std::string> linked =
                   options.links != nullptr
                       ? options.links->LinkedId(EventKind(event), event.entity_id, kind)
                       : std::nullopt) {
      effect.target_id = *linked;
    } else if (EventKind(event) == kind) {
      effect.target_id = event.entity_id;
    }
  }
  effects->push_back(std::move(effect));
}

}  // namespace

const char* RuleOutcomeName(RuleOutcome outcome) {
  switch (outcome) {
    case RuleOutcome::kMatched: return "matched";
    case RuleOutcome::kRejected: return "rejected";
    case RuleOutcome::kError: return "error";
    case RuleOutcome::kBudget: return "budget";
  }
  return "?";
}

void Vm::Run(const Program& program, EvalState& state, const EventInfo& event,
             simdjson::dom::element payload, const RunOptions& options,
             std::vector<Effect>* effects, std::vector<RuleVerdict>* verdicts) const {
  state.BeginEvent(event, payload, options.now_ms, options.time_zone);
  std::span<const uint32_t> rules = program.RulesFor(event.type);
  std::vector<uint32_t>& candidates = state.candidates();
  // With the index, a candidate's exactly indexed tests at the head of its
  // code are known to hold, and it starts after them.
  bool skip_known = false;
  // Verdicts and coverage are about every triggered rule, so they run
  // without the index.
  if (options.use_index && verdicts == nullptr && options.coverage == nullptr) {
    candidates.clear();
    skip_known = program.index().Candidates(event.type, state, &candidates);
    rules = candidates;
  }
  for (uint32_t rule : rules) {
    uint32_t start =
        skip_known ? program.index().start_pc(rule) : program.rule_start(rule).code_begin;
    RuleVerdict verdict = EvaluateFrom(program, state, rule, start, options, effects);
    if (options.matched_rules != nullptr && verdict.outcome == RuleOutcome::kMatched) {
      options.matched_rules->push_back(rule);
    }
    if (verdicts != nullptr) {
      if (options.locate_verdicts) verdict.where = program.Locate(verdict.pc);
      verdicts->push_back(std::move(verdict));
    }
  }
}

RuleVerdict Vm::RunRule(const Program& program, EvalState& state, uint32_t rule,
                        const EventInfo& event, simdjson::dom::element payload,
                        const RunOptions& options,
                        std::vector<Effect>* effects) const {
  state.BeginEvent(event, payload, options.now_ms, options.time_zone);
  RuleVerdict verdict = Evaluate(program, state, rule, options, effects);
  verdict.where = program.Locate(verdict.pc);
  return verdict;
}

namespace {

// The dispatch loop: the one long function. Locals: `pc` the next
// instruction, `i` the current one, `sp` one past the stack's top. With
// kRecord, each instruction and map lookup is noted in options.coverage;
// without it the loop has no trace of coverage at all.
template <bool kRecord>
RuleVerdict Dispatch(const Program& program, EvalState& state, uint32_t rule_index,
                     uint32_t start_pc, const RunOptions& options,
                     std::vector<Effect>* effects) {
  const RuleStart& rule = program.rule_start(rule_index);
  const ModuleImage& image = program.image();
  const Instruction* const code = program.code().data();
  Arena& arena = state.arena();
  Value* const stack = state.stack();
  Value* sp = stack;
  Value* const locals = state.locals();
  Iterator* const iterators = state.iterators();
  for (uint32_t l = 0; l < rule.local_count; ++l) locals[l] = Value::Null();
  for (uint32_t l = 0; l < rule.iterator_count; ++l) iterators[l] = Iterator{};
  const size_t effects_start = effects->size();
  const uint64_t budget = options.budget;
  uint64_t steps = 0;
  uint32_t pc = start_pc;
  Instruction i = 0;
  JqlView view = JqlView::kCurrent;
  BuiltinContext builtins{&arena, options.now_ms};
  RuleVerdict verdict;
  verdict.rule = rule_index;

#define TOP (sp[-1])
#define PUSH(v) (*sp++ = (v))
#define BINARY(expr)             \
  do {                           \
    const Value b = *--sp;       \
    const Value a = sp[-1];      \
    sp[-1] = (expr);             \
  } while (0)
#define COMPARE(test)                                      \
  BINARY(([&] {                                            \
    std::optional<int> c = CompareValues(a, b);            \
    return Value::Bool(c.has_value() && (*c test 0));      \
  })())

#if defined(SYNCRULE_COMPUTED_GOTO)
  static const void* const kDispatch[] = {
#define OP(name, format, effect) &&L_##name,
#include "runtime/opcodes.def"
#undef OP
  };
#define VM_CASE(name) L_##name:
#define VM_NEXT()                                   \
  do {                                              \
    if (steps++ >= budget) goto budget_exhausted;   \
    if constexpr (kRecord) options.coverage->Executed(pc); \
    i = code[pc++];                                 \
    goto* kDispatch[OpByte(i)];                     \
  } while (0)
  VM_NEXT();
#else
#define VM_CASE(name) case Opcode::k##name:
#define VM_NEXT() continue
  for (;;) {
    if (steps++ >= budget) goto budget_exhausted;
    if constexpr (kRecord) options.coverage->Executed(pc);
    i = code[pc++];
    switch (OpOf(i)) {
#endif

  VM_CASE(NOP) VM_NEXT();
  VM_CASE(PUSH_NULL) PUSH(Value::Null()); VM_NEXT();
  VM_CASE(PUSH_TRUE) PUSH(Value::Bool(true)); VM_NEXT();
  VM_CASE(PUSH_FALSE) PUSH(Value::Bool(false)); VM_NEXT();
  VM_CASE(PUSH_INT) PUSH(Value::Int(ArgSJ(i))); VM_NEXT();
  VM_CASE(PUSH_CONST) PUSH(program.constant(ArgA(i))); VM_NEXT();
  VM_CASE(LOAD_FIELD) PUSH(state.Field(ArgA(i))); VM_NEXT();
  VM_CASE(LOAD_PATH) PUSH(state.Path(ArgA(i))); VM_NEXT();
  VM_CASE(LOAD_LOCAL) PUSH(locals[ArgA(i)]); VM_NEXT();
  VM_CASE(STORE_LOCAL) locals[ArgA(i)] = *--sp; VM_NEXT();
  VM_CASE(POP) --sp; VM_NEXT();
  VM_CASE(DUP) { Value top = TOP; PUSH(top); } VM_NEXT();

  VM_CASE(NOT) TOP = Value::Bool(!TOP.is_true()); VM_NEXT();
  VM_CASE(NEG) {
    Value v = TOP;
    if (v.tag == ValueTag::kInt && v.i != INT64_MIN) {
      TOP = Value::Int(-v.i);
    } else if (v.is_number()) {
      TOP = Value::Double(-v.number());
    } else {
      TOP = Value::Null();
    }
  }
  VM_NEXT();
  VM_CASE(IS_NULL) TOP = Value::Bool(TOP.is_null()); VM_NEXT();
  VM_CASE(EQ) BINARY(Value::Bool(ValuesEqual(a, b))); VM_NEXT();
  VM_CASE(NE) BINARY(Value::Bool(!a.is_null() && !b.is_null() && !ValuesEqual(a, b))); VM_NEXT();
  VM_CASE(LT) COMPARE(<); VM_NEXT();
  VM_CASE(LE) COMPARE(<=); VM_NEXT();
  VM_CASE(GT) COMPARE(>); VM_NEXT();
  VM_CASE(GE) COMPARE(>=); VM_NEXT();
  VM_CASE(BOOL_AND) BINARY(Value::Bool(a.is_true() && b.is_true())); VM_NEXT();
  VM_CASE(BOOL_OR) BINARY(Value::Bool(a.is_true() || b.is_true())); VM_NEXT();
  VM_CASE(EQ_CONST) TOP = Value::Bool(ValuesEqual(TOP, program.constant(ArgA(i)))); VM_NEXT();
  VM_CASE(ADD) BINARY(Add(a, b, arena)); VM_NEXT();
  VM_CASE(SUB) BINARY(Sub(a, b)); VM_NEXT();
  VM_CASE(IN) BINARY(Value::Bool(In(a, b, arena))); VM_NEXT();
  VM_CASE(IN_SET) TOP = Value::Bool(InSet(TOP, program.set(ArgA(i)), arena)); VM_NEXT();
  VM_CASE(MATCH) {
    Value v = TOP;
    TOP = Value::Bool(v.is_string() &&
                      RE2::PartialMatch(re2::StringPiece(v.s, v.size),
                                        program.regex(ArgA(i))));
  }
  VM_NEXT();
  VM_CASE(CONCAT) {
    uint32_t n = ArgA(i);
    std::string out;
    for (uint32_t k = 0; k < n; ++k) AppendStringForm(sp[static_cast<ptrdiff_t>(k) - static_cast<ptrdiff_t>(n)], &out);
    sp -= n;
    PUSH(Value::String(arena.CopyString(out)));
  }
  VM_NEXT();
  VM_CASE(MAKE_LIST) {
    uint32_t n = ArgA(i);
    Value* items = arena.AllocateArray<Value>(n);
    if (items != nullptr) std::copy(sp - n, sp, items);
    sp -= n;
    PUSH(items != nullptr ? Value::List(items, n) : Value::Null());
  }
  VM_NEXT();
  VM_CASE(MAKE_OBJECT) {
    uint32_t n = ArgShortA(i);
    const Value& keys = program.constant(ArgB(i));
    ObjectEntry* entries = arena.AllocateArray<ObjectEntry>(n);
    if (entries != nullptr) {
      for (uint32_t k = 0; k < n; ++k) {
        entries[k].key = keys.items[k].str();
        entries[k].value = sp[static_cast<ptrdiff_t>(k) - static_cast<ptrdiff_t>(n)];
      }
    }
    sp -= n;
    PUSH(entries != nullptr ? Value::Object(entries, n) : Value::Null());
  }
  VM_NEXT();
  VM_CASE(MEMBER) TOP = MemberOf(TOP, program.constant(ArgA(i)).str(), arena); VM_NEXT();
  VM_CASE(INDEX) BINARY(Index(a, b, arena)); VM_NEXT();
  VM_CASE(MAP_GET) {
    const auto& map = program.map(ArgA(i));
    std::string_view key = StringForm(TOP, arena);
    auto found = map.find(key);
    int64_t fallback = image.maps[ArgA(i)].default_constant;
    if constexpr (kRecord) {
      if (found != map.end()) {
        options.coverage->MapKeyHit(ArgA(i), key);
      } else if (fallback >= 0) {
        options.coverage->MapDefaultHit(ArgA(i));
      }
    }
    if (found != map.end()) {
      TOP = program.constant(found->second);
    } else {
      TOP = fallback >= 0 ? program.constant(static_cast<uint32_t>(fallback)) : Value::Null();
    }
  }
  VM_NEXT();
  VM_CASE(CALL) {
    uint32_t argc = ArgB(i);
    Value result = CallBuiltin(static_cast<stdlib::Builtin>(ArgShortA(i)), sp - argc,
                               argc, builtins);
    sp -= argc;
    PUSH(result);
  }
  VM_NEXT();
  VM_CASE(CALL_RE)
    TOP = CallRegexBuiltin(static_cast<stdlib::Builtin>(ArgShortA(i)), TOP,
                           program.regex(ArgB(i)), builtins);
  VM_NEXT();

  VM_CASE(CHANGED) PUSH(Value::Bool(ChangeItem(state, ArgA(i)).has_value())); VM_NEXT();
  VM_CASE(CHANGED_FT) {
    uint32_t flags = ArgShortA(i);
    Value to = (flags & 2) ? *--sp : Value::Null();
    Value from = (flags & 1) ? *--sp : Value::Null();
    std::optional<Change> change = ChangeItem(state, ArgB(i));
    bool changed = change.has_value();
    if (changed && (flags & 1)) changed = SideIs(*change, false, from, arena);
    if (changed && (flags & 2)) changed = SideIs(*change, true, to, arena);
    PUSH(Value::Bool(changed));
  }
  VM_NEXT();
  VM_CASE(LINKED) {
    const EventInfo& event = state.event();
    bool linked = options.links != nullptr &&
                  options.links->LinkedId(EventKind(event), event.entity_id,
                                          program.constant(ArgA(i)).str());
    PUSH(Value::Bool(linked));
  }
  VM_NEXT();
  VM_CASE(LINKED_FIELD) {
    const EventInfo& event = state.event();
    const Value& spec = program.constant(ArgA(i));
    Value result;
    if (options.links != nullptr) {
      std::string_view kind = spec.items[0].str();
      if (auto id = options.links->LinkedId(EventKind(event), event.entity_id, kind)) {
        result = FromJson(options.links->LinkedField(kind, *id, spec.items[1].str()), arena);
      }
    }
    PUSH(result);
  }
  VM_NEXT();

  VM_CASE(JMP) pc += ArgSJ(i); VM_NEXT();
  VM_CASE(JMP_IF_FALSE) if (!(*--sp).is_true()) pc += ArgSJ(i); VM_NEXT();
  VM_CASE(JMP_IF_TRUE) if ((*--sp).is_true()) pc += ArgSJ(i); VM_NEXT();
  VM_CASE(AND_JMP) if (!TOP.is_true()) { pc += ArgSJ(i); } else { --sp; } VM_NEXT();
  VM_CASE(OR_JMP) if (TOP.is_true()) { pc += ArgSJ(i); } else { --sp; } VM_NEXT();
  VM_CASE(ITER_INIT) {
    Value list = *--sp;
    Iterator& it = iterators[ArgShortA(i)];
    it = Iterator{};
    if (std::optional<ValueSpan> items = ListItems(list, arena, ArgB(i))) {
      it.items = items->items;
      it.size = items->size;
    }
  }
  VM_NEXT();
  VM_CASE(ITER_NEXT) {
    Iterator& it = iterators[ArgShortA(i)];
    if (it.next < it.size) {
      PUSH(it.items[it.next++]);
    } else {
      pc += ArgSB(i);
    }
  }
  VM_NEXT();
  VM_CASE(ITER_LOOP) pc += ArgSB(i); VM_NEXT();
  VM_CASE(EFFECT) {
    const SiteImage& site = image.sites[ArgA(i)];
    uint32_t n = static_cast<uint32_t>(site.arg_names.size());
    sp -= n;
    RecordEffect(site, rule_index, sp, state, options, effects);
  }
  VM_NEXT();
  VM_CASE(RETURN) {
    if (arena.exceeded()) {
      verdict.outcome = RuleOutcome::kError;
      verdict.message = "the rule ran out of evaluation memory";
      goto not_matched;
    }
    verdict.outcome = RuleOutcome::kMatched;
    goto done;
  }
  VM_CASE(REJECT) {
    verdict.outcome = RuleOutcome::kRejected;
    goto not_matched;
  }

  VM_CASE(HAS_PREVIOUS) {
    JqlContext& context = state.Jql(JqlView::kPrevious);
    PUSH(Value::Bool(context.issue->found() && context.issue->event_items().has_value()));
  }
  VM_NEXT();
  VM_CASE(SET_VIEW) view = static_cast<JqlView>(ArgA(i)); VM_NEXT();
  VM_CASE(JQL_LOAD) PUSH(Value::Jql(&state.JqlField(ArgA(i), view))); VM_NEXT();
  VM_CASE(JQL_ANY_IN) {
    const JqlValueList& list = *TOP.jql;
    if (list.error != nullptr) {
      verdict.message = list.error;
      goto jql_error;
    }
    TOP = Value::Bool(JqlAnyNamed(list, *list.field, program.set(ArgA(i)), arena));
  }
  VM_NEXT();
  VM_CASE(JQL_NONE_IN) {
    const JqlValueList& list = *TOP.jql;
    if (list.error != nullptr) {
      verdict.message = list.error;
      goto jql_error;
    }
    TOP = Value::Bool(list.size > 0 &&
                      !JqlAnyNamed(list, *list.field, program.set(ArgA(i)), arena));
  }
  VM_NEXT();
  VM_CASE(JQL_EMPTY) {
    const JqlValueList& list = *TOP.jql;
    if (list.error != nullptr) {
      verdict.message = list.error;
      goto jql_error;
    }
    TOP = Value::Bool(list.size == 0);
  }
  VM_NEXT();
  VM_CASE(JQL_TERM) {
    const JqlTerm& term = program.jql_term(ArgA(i));
    const JqlFieldImage& field = image.jql_fields[term.field];
    const JqlValueList& values = state.JqlField(term.field, view);
    JqlOutcome outcome = EvaluateJqlTerm(term, field, values, state.Jql(view));
    if (!outcome.error.empty()) {
      verdict.message = std::move(outcome.error);
      goto jql_error;
    }
    PUSH(Value::Bool(outcome.matched));
  }
  VM_NEXT();

#if !defined(SYNCRULE_COMPUTED_GOTO)
      default:
        __builtin_unreachable();
    }
  }
#endif

#undef VM_CASE
#undef VM_NEXT
#undef TOP
#undef PUSH
#undef BINARY
#undef COMPARE

budget_exhausted:
  verdict.outcome = RuleOutcome::kBudget;
  verdict.message = "the rule exceeded its instruction budget";
  goto not_matched;
jql_error:
  verdict.outcome = RuleOutcome::kError;
not_matched:
  effects->resize(effects_start);
done:
  verdict.pc = pc > 0 ? pc - 1 : 0;
  verdict.steps = steps;
  return verdict;
}

}  // namespace

RuleVerdict Vm::Evaluate(const Program& program, EvalState& state,
                         uint32_t rule_index, const RunOptions& options,
                         std::vector<Effect>* effects) const {
  return EvaluateFrom(program, state, rule_index, program.rule_start(rule_index).code_begin,
                      options, effects);
}

RuleVerdict Vm::EvaluateFrom(const Program& program, EvalState& state, uint32_t rule_index,
                             uint32_t start_pc, const RunOptions& options,
                             std::vector<Effect>* effects) const {
  if (options.coverage != nullptr) {
    return Dispatch<true>(program, state, rule_index, start_pc, options, effects);
  }
  return Dispatch<false>(program, state, rule_index, start_pc, options, effects);
}

}  // namespace syncrule::runtime
