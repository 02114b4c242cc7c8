#include "runtime/rule_index.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "runtime/eval_state.h"
#include "runtime/instruction.h"
#include "runtime/jql_runtime.h"
#include "runtime/program.h"

namespace syncrule::runtime {
namespace {

// Folds ASCII letters to lower case, byte by byte, as the prefilter's
// literals are folded.
void FoldAscii(std::string_view text, std::string* out) {
  out->resize(text.size());
  for (size_t k = 0; k < text.size(); ++k) {
    char c = text[k];
    (*out)[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
  }
}

bool IsAscii(std::string_view text) {
  uint64_t high = 0;
  size_t k = 0;
  for (; k + 8 <= text.size(); k += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + k, 8);
    high |= word;
  }
  for (; k < text.size(); ++k) high |= static_cast<unsigned char>(text[k]);
  return (high & 0x8080808080808080ull) == 0;
}

// Adds a regex test to `prefilter`, sharing equal regexes.
void AddRegex(TextPrefilter& prefilter, const RegexImage& regex, Posting posting) {
  prefilter.all.push_back(posting);
  if (prefilter.broken) return;
  if (prefilter.regexes == nullptr) {
    prefilter.regexes = std::make_unique<re2::FilteredRE2>(kMinAtomLength);
  }
  std::string key = (regex.case_insensitive ? "i:" : "s:") + regex.pattern;
  auto it = prefilter.regex_ids.find(key);
  if (it == prefilter.regex_ids.end()) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(!regex.case_insensitive);
    int id = -1;
    if (prefilter.regexes->Add(regex.pattern, options, &id) != RE2::NoError) {
      // The program compiled this regex already; should FilteredRE2 still
      // refuse it, the whole prefilter stands down.
      prefilter.broken = true;
      return;
    }
    it = prefilter.regex_ids.emplace(key, id).first;
    prefilter.regex_postings.resize(static_cast<size_t>(id) + 1);
  }
  prefilter.regex_postings[static_cast<size_t>(it->second)].push_back(posting);
}

// Adds a substring test to `prefilter`, sharing equal literals.
void AddLiteral(TextPrefilter& prefilter, const std::string& literal, Posting posting) {
  prefilter.all.push_back(posting);
  std::string folded;
  FoldAscii(literal, &folded);
  auto [it, added] = prefilter.literal_ids.emplace(folded, static_cast<int>(prefilter.literals.size()));
  if (added) {
    prefilter.literals.push_back(folded);
    prefilter.literal_postings.emplace_back();
  }
  prefilter.literal_postings[static_cast<size_t>(it->second)].push_back(posting);
}

// Compiles a prefilter: the regexes' atoms and the literals into one
// matcher.
void CompilePrefilter(TextPrefilter& prefilter, IndexStats& stats) {
  if (prefilter.all.empty() || prefilter.broken) return;
  std::vector<std::string> strings;
  if (prefilter.regexes != nullptr) prefilter.regexes->Compile(&strings);
  prefilter.atom_count = strings.size();
  strings.insert(strings.end(), prefilter.literals.begin(), prefilter.literals.end());
  // The literals and FilteredRE2's atoms are lower case; the matcher
  // folds the text's letters as it reads them.
  prefilter.matcher = std::make_unique<LiteralMatcher>(strings, /*ignore_ascii_case=*/true);
  prefilter.regex_ids.clear();
  prefilter.literal_ids.clear();
  prefilter.literals.clear();
  ++stats.prefilters;
  stats.literals += strings.size();
}

// The slot of a comparison in AttributeIndex::bounds.
size_t BoundSlot(Opcode op) {
  switch (op) {
    case Opcode::kGT: return 0;
    case Opcode::kGE: return 1;
    case Opcode::kLT: return 2;
    default: return 3;  // LE
  }
}

// Builds one trigger group's index from its rules' necessary tests.
class GroupBuilder {
 public:
  GroupBuilder(const Program& program, TriggerIndex& group, IndexStats& stats)
      : program_(program), group_(group), stats_(stats) {}

  void AddRule(uint32_t rule, const std::vector<Conjunct>& conjuncts) {
    uint32_t position = static_cast<uint32_t>(group_.rules.size());
    group_.rules.push_back(rule);
    // One bit per clause: any of a clause's alternatives sets it.
    uint8_t need = 0;
    for (const Conjunct& c : conjuncts) {
      if (c.clause >= static_cast<uint32_t>(kMaxIndexedTestsPerRule)) continue;
      Add(c, Posting{position, static_cast<uint8_t>(1u << c.clause)});
      need |= static_cast<uint8_t>(1u << c.clause);
      ++stats_.tests;
    }
    group_.need.push_back(need);
    ++stats_.rules;
    if (need != 0) ++stats_.indexed_rules;
  }

  void Finish() {
    size_t padded = (group_.need.size() + kMaskBlock - 1) / kMaskBlock * kMaskBlock;
    group_.need.resize(padded, 0xFF);
    for (AttributeIndex& a : group_.attributes) {
      CompilePrefilter(a.text, stats_);
      for (PostingTable* table : {&a.equals, &a.in_set, &a.jql, &a.has_item}) table->Freeze();
      for (auto& bounds : a.bounds) {
        std::sort(bounds.begin(), bounds.end(),
                  [](const auto& x, const auto& y) { return x.threshold < y.threshold; });
      }
    }
  }

 private:
  AttributeIndex& AttributeFor(const Conjunct& c) {
    for (AttributeIndex& a : group_.attributes) {
      if (a.kind == c.kind && a.attribute == c.attribute) return a;
    }
    AttributeIndex& a = group_.attributes.emplace_back();
    a.kind = c.kind;
    a.attribute = c.attribute;
    return a;
  }

  void Add(const Conjunct& c, Posting posting) {
    AttributeIndex& a = AttributeFor(c);
    const ModuleImage& image = program_.image();
    switch (c.test) {
      case ConjunctTest::kEqualsString:
        a.equals[image.constants[c.operand].get<std::string>()].push_back(posting);
        break;
      case ConjunctTest::kInSet:
        for (const std::string& key : program_.set(c.operand)) a.in_set[key].push_back(posting);
        break;
      case ConjunctTest::kJqlAnyIn:
        for (const std::string& key : program_.set(c.operand)) a.jql[key].push_back(posting);
        a.jql_all.push_back(posting);
        break;
      case ConjunctTest::kRegex:
        AddRegex(a.text, image.regexes[c.operand], posting);
        break;
      case ConjunctTest::kContains:
        AddLiteral(a.text, image.constants[c.operand].get<std::string>(), posting);
        break;
      case ConjunctTest::kHasItem:
        a.has_item[image.constants[c.operand].get<std::string>()].push_back(posting);
        a.has_item_all.push_back(posting);
        break;
      case ConjunctTest::kCompare:
        a.bounds[BoundSlot(c.compare)].push_back({c.threshold, posting});
        a.has_bounds = true;
        break;
    }
  }

  const Program& program_;
  TriggerIndex& group_;
  IndexStats& stats_;
};

// Marks `posting`'s clause as passed for this event.
inline void Hit(const Posting& posting, IndexScratch& scratch) {
  scratch.mask[posting.rule] |= posting.bit;
}

inline void HitAll(const std::vector<Posting>& postings, IndexScratch& scratch) {
  for (const Posting& p : postings) Hit(p, scratch);
}

inline void HitKey(const PostingTable& table, std::string_view key, IndexScratch& scratch) {
  PostingList found = table.Find(key);
  for (uint32_t k = 0; k < found.size; ++k) Hit(found.begin[k], scratch);
}

// Marks the comparisons number `value` passes: value > t for t below it,
// value >= t for t up to it, value < t for t above it, value <= t for t
// from it on. A value too large for a double to hold exactly passes them
// all (the VM compares exactly); a value that is not a number, none (the
// VM's comparison of it with a number is false).
void ProbeBounds(const AttributeIndex& a, const Value& value, IndexScratch& scratch) {
  if (!value.is_number()) return;
  double v = value.number();
  if (std::isnan(v)) return;
  auto below = [](const AttributeIndex::Bound& b, double x) { return b.threshold < x; };
  auto above = [](double x, const AttributeIndex::Bound& b) { return x < b.threshold; };
  for (size_t slot = 0; slot < 4; ++slot) {
    const auto& bounds = a.bounds[slot];
    if (bounds.empty()) continue;
    if (!(std::abs(v) <= 9007199254740992.0)) {
      for (const auto& b : bounds) Hit(b.posting, scratch);
      continue;
    }
    auto first = bounds.begin(), last = bounds.end();
    switch (slot) {
      case 0: last = std::lower_bound(bounds.begin(), bounds.end(), v, below); break;
      case 1: last = std::upper_bound(bounds.begin(), bounds.end(), v, above); break;
      case 2: first = std::upper_bound(bounds.begin(), bounds.end(), v, above); break;
      default: first = std::lower_bound(bounds.begin(), bounds.end(), v, below); break;
    }
    for (auto it = first; it != last; ++it) Hit(it->posting, scratch);
  }
}

// Marks the kHasItem tests `"literal" in value` may pass: those whose
// literal is a string item of a list value; all of them for a string
// (a substring) or an object (a key), which the VM decides.
void ProbeHasItem(const AttributeIndex& a, const Value& value, Arena& arena,
                  IndexScratch& scratch) {
  bool object = value.tag == ValueTag::kObject ||
                (value.tag == ValueTag::kJson && value.json->is_object());
  if (value.is_string() || object) return HitAll(a.has_item_all, scratch);
  std::optional<ValueSpan> items = ListItems(value, arena);
  if (!items) return;
  for (uint32_t i = 0; i < items->size; ++i) {
    if (items->items[i].is_string()) HitKey(a.has_item, items->items[i].str(), scratch);
  }
}

// Probes a text prefilter with a string value.
void ProbeText(const TextPrefilter& prefilter, std::string_view text, IndexScratch& scratch) {
  if (prefilter.all.empty()) return;
  if (prefilter.matcher == nullptr || !IsAscii(text)) return HitAll(prefilter.all, scratch);
  scratch.found.clear();
  prefilter.matcher->FindAll(text, &scratch.found, &scratch.seen,
                             &scratch.seen_generation);
  scratch.atoms.clear();
  for (int id : scratch.found) {
    if (static_cast<size_t>(id) < prefilter.atom_count) {
      scratch.atoms.push_back(id);
    } else {
      HitAll(prefilter.literal_postings[static_cast<size_t>(id) - prefilter.atom_count], scratch);
    }
  }
  if (prefilter.regexes == nullptr) return;
  scratch.allowed.clear();
  prefilter.regexes->AllPotentials(scratch.atoms, &scratch.allowed);
  for (int id : scratch.allowed) HitAll(prefilter.regex_postings[static_cast<size_t>(id)], scratch);
}

// Returns the pc after the run of exactly indexed tests that opens rule
// `rule`'s code. Each is a load, a test and a JMP_IF_FALSE that leave the
// stack as they found it, so the rule may start after them.
uint32_t StartAfterKnownTests(const ModuleImage& image, uint32_t rule,
                              const std::vector<Conjunct>& conjuncts) {
  uint32_t pc = image.rules[rule].code_begin;
  for (const Conjunct& c : conjuncts) {
    if (c.clause >= static_cast<uint32_t>(kMaxIndexedTestsPerRule)) break;
    bool exact = c.test == ConjunctTest::kEqualsString || c.test == ConjunctTest::kInSet ||
                 c.test == ConjunctTest::kJqlAnyIn;
    if (c.pc != pc || !exact || c.alternative ||
        OpOf(image.code[pc + 2]) != Opcode::kJMP_IF_FALSE) {
      break;
    }
    pc += 3;
  }
  return pc;
}

// Returns a bit per byte of the kMaskBlock bytes at `a` and `b`, set where
// they are equal.
uint64_t EqualBytes(const uint8_t* a, const uint8_t* b) {
  uint64_t bits = 0;
#if defined(__SSE2__)
  for (size_t k = 0; k < kMaskBlock; k += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + k));
    __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + k));
    uint32_t equal = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)));
    bits |= static_cast<uint64_t>(equal) << k;
  }
#else
  for (size_t k = 0; k < kMaskBlock; ++k) bits |= static_cast<uint64_t>(a[k] == b[k]) << k;
#endif
  return bits;
}

}  // namespace

std::unique_ptr<RuleIndex> RuleIndex::Build(const Program& program) {
  std::unique_ptr<RuleIndex> index(new RuleIndex());
  std::vector<std::vector<Conjunct>> conjuncts(program.rule_count());
  index->start_pc_.resize(program.rule_count());
  for (uint32_t r = 0; r < program.rule_count(); ++r) {
    conjuncts[r] = FindConjuncts(program.image(), r);
    index->start_pc_[r] = StartAfterKnownTests(program.image(), r, conjuncts[r]);
  }
  for (const auto& [trigger, rules] : program.rules_by_trigger()) {
    TriggerIndex& group = index->groups_[trigger];
    GroupBuilder builder(program, group, index->stats_);
    for (uint32_t rule : rules) builder.AddRule(rule, conjuncts[rule]);
    builder.Finish();
    index->largest_group_ = std::max(index->largest_group_, group.rules.size());
  }
  return index;
}

void RuleIndex::Probe(const AttributeIndex& a, EvalState& state) {
  IndexScratch& scratch = state.index_scratch();
  Arena& arena = state.arena();
  if (a.kind == AttributeKind::kJqlField) {
    const JqlValueList& list = state.JqlField(a.attribute, JqlView::kCurrent);
    if (list.error != nullptr) {
      scratch.jql_error = true;
      return HitAll(a.jql_all, scratch);
    }
    AnyJqlName(list, *list.field, arena, [&](std::string_view name) {
      HitKey(a.jql, name, scratch);
      return false;
    });
    return;
  }
  Value value = a.kind == AttributeKind::kField ? state.Field(a.attribute)
                                                : state.Path(a.attribute);
  if (!a.in_set.empty()) {
    AnySetKey(value, arena, [&](std::string_view key) {
      HitKey(a.in_set, key, scratch);
      return false;
    });
  }
  if (!a.has_item_all.empty()) ProbeHasItem(a, value, arena, scratch);
  if (a.has_bounds) ProbeBounds(a, value, scratch);
  if (value.is_string()) {
    if (!a.equals.empty()) HitKey(a.equals, value.str(), scratch);
    ProbeText(a.text, value.str(), scratch);
  } else if (!a.text.all.empty() && ListItems(value, arena)) {
    // contains() on a list compares items; the VM decides.
    for (const auto& postings : a.text.literal_postings) HitAll(postings, scratch);
  }
}

bool RuleIndex::Candidates(std::string_view event_type, EvalState& state,
                           std::vector<uint32_t>* candidates) const {
  auto it = groups_.find(event_type);
  if (it == groups_.end()) return true;
  const TriggerIndex& group = it->second;
  IndexScratch& scratch = state.index_scratch();
  std::fill_n(scratch.mask.begin(), group.need.size(), 0);
  scratch.jql_error = false;
  for (const AttributeIndex& a : group.attributes) Probe(a, state);
  // Candidates: the rules whose masks are complete, in source order.
  for (size_t base = 0; base < group.need.size(); base += kMaskBlock) {
    for (uint64_t w = EqualBytes(&scratch.mask[base], &group.need[base]); w != 0; w &= w - 1) {
      candidates->push_back(group.rules[base + static_cast<size_t>(std::countr_zero(w))]);
    }
  }
  return !scratch.jql_error;
}

}  // namespace syncrule::runtime
