#ifndef SYNCRULE_RUNTIME_RULE_INDEX_H_
#define SYNCRULE_RUNTIME_RULE_INDEX_H_

// The rule index: which rules can match an event, found without running
// them. Rules are first grouped by the event types that trigger them.
// Within a group, each rule's necessary tests (rule_conjuncts.h) are
// indexed by the attribute they read, in the manner of Rete's alpha
// memories:
//   - equality and set tests by a hash map from value to the rules needing
//     it;
//   - JQL value tests by the folded names of the values, and list
//     membership ("x" in labels) by the list's items;
//   - regex and substring tests by one RE2::Set per attribute, so that an
//     event's title is scanned once for every pattern of every rule.
// Per event, each indexed attribute is extracted once (through the
// EvalState caches the VM then reuses), its keys are probed, and each hit
// sets one bit of its rule's mask: the bit of the test's clause, which
// the alternatives of a clause share. Rules whose masks are complete, plus
// rules with no indexed test, are the candidates; the VM runs only those,
// in source order, and still checks everything itself.
//
// The index is built when a program is loaded and immutable afterwards;
// the per-event marks live in an IndexScratch that each thread owns.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/filtered_re2.h>

#include "runtime/literal_matcher.h"
#include "runtime/posting_table.h"
#include "runtime/rule_conjuncts.h"
#include "runtime/value.h"

namespace syncrule::runtime {

class EvalState;
class Program;

// Limits of the index. A rule has at most this many indexed clauses (the
// rest are left to the VM); the mask is one byte.
inline constexpr int kMaxIndexedTestsPerRule = 8;
// FilteredRE2 drops required literals shorter than this: they occur in
// most texts, and a regex left without literals simply always passes.
inline constexpr int kMinAtomLength = 3;

// The regex and substring tests of one attribute, prefiltered by literals:
// each regex's required literals (RE2's FilteredRE2 atoms) and each
// substring test's literal go into one LiteralMatcher, run once over the
// event's text folded to lower case. A regex passes when FilteredRE2 says
// the literals found allow it to match; a substring test passes when its
// literal was found. Both are then checked exactly by the VM. Text with
// bytes outside ASCII makes every test pass (the VM decides), since the
// atoms assume Unicode case folding.
struct TextPrefilter {
  std::unique_ptr<re2::FilteredRE2> regexes;
  // Hit lists by FilteredRE2 regex id, and by substring literal.
  std::vector<std::vector<Posting>> regex_postings;
  std::vector<std::vector<Posting>> literal_postings;
  // Matcher ids below `atom_count` are FilteredRE2 atoms; the rest are
  // substring literals (id - atom_count).
  std::unique_ptr<LiteralMatcher> matcher;
  size_t atom_count = 0;
  // Every posting, for text the prefilter cannot answer.
  std::vector<Posting> all;
  // While building: regex (case flag + pattern) and literal -> id.
  std::unordered_map<std::string, int> regex_ids;
  std::unordered_map<std::string, int> literal_ids;
  std::vector<std::string> literals;
  // Set when FilteredRE2 refused a regex: every test then passes.
  bool broken = false;
};

// The indexed tests of one attribute within one trigger group.
struct AttributeIndex {
  AttributeKind kind = AttributeKind::kField;
  uint32_t attribute = 0;
  PostingTable equals;  // kEqualsString: the value is the key
  PostingTable in_set;  // kInSet: string(value) or a string item is the key
  PostingTable jql;   // kJqlAnyIn: a folded name of a value is the key
  PostingTable has_item;  // kHasItem: a string item of a list is the key
  // kHasItem, for a string or object value (substring, key): all pass.
  std::vector<Posting> has_item_all;
  std::vector<Posting> jql_all;  // for JQL values that could not be read
  // Regex and substring tests.
  TextPrefilter text;
  // Comparisons with numbers, by operator (GT, GE, LT, LE), sorted by the
  // number: the tests a value passes are a prefix or a suffix.
  struct Bound {
    double threshold = 0;
    Posting posting;
  };
  std::vector<Bound> bounds[4];
  bool has_bounds = false;
};

// The rules one event type triggers, with their index.
struct TriggerIndex {
  // Program rule indexes, in source order.
  std::vector<uint32_t> rules;
  // Per rule: the mask of its indexed clauses (0: none, so the rule is
  // always a candidate), padded with 0xFF to a multiple of kMaskBlock
  // entries, a mask no rule reaches.
  std::vector<uint8_t> need;
  std::vector<AttributeIndex> attributes;
};

// Masks are compared kMaskBlock rules at a time.
inline constexpr size_t kMaskBlock = 64;

// Per-thread marks of one event's probes.
struct IndexScratch {
  // Per rule of the event's group: the bits of the clauses passed, cleared
  // for each event (a multiple of kMaskBlock long).
  std::vector<uint8_t> mask;
  // Text prefilter scratch: the literals found, the atoms among them,
  // the regexes they allow, and the matcher's marks.
  std::vector<int> found;
  std::vector<int> atoms;
  std::vector<int> allowed;
  std::vector<uint32_t> seen;
  uint32_t seen_generation = 0;
  // Set when a JQL field of this event could not be read.
  bool jql_error = false;
};

// Figures of an index, for `syncrule bench` and tests.
struct IndexStats {
  size_t rules = 0;          // rule entries over all trigger groups
  size_t indexed_rules = 0;  // entries with at least one indexed test
  size_t tests = 0;          // indexed tests
  size_t prefilters = 0;     // text prefilters built
  size_t literals = 0;       // literals their matchers look for
};

// The index of a loaded program. Immutable and thread-safe after Build.
class RuleIndex {
 public:
  // Builds the index of `program`'s rules (the program's rules and
  // trigger groups must be final).
  static std::unique_ptr<RuleIndex> Build(const Program& program);

  // Appends to `candidates` (program rule indexes, in source order) the
  // rules of event type `event_type` that may match the event begun in
  // `state`. Every rule that would match is among them. Returns true when
  // each candidate may start at its start_pc(): false when a JQL field
  // could not be read, since a test on it must then run to report that.
  bool Candidates(std::string_view event_type, EvalState& state,
                  std::vector<uint32_t>* candidates) const;

  // Returns where candidate `rule` starts: after the tests at the head of
  // its code that the index answers exactly (equality, set membership and
  // JQL value tests, each a load, a test and a JMP_IF_FALSE), which hold
  // for every candidate; the rule's first instruction when there are none.
  uint32_t start_pc(uint32_t rule) const { return start_pc_[rule]; }

  // Returns the size of the largest trigger group (scratch sizing).
  size_t largest_group() const { return largest_group_; }

  // Returns the index's figures.
  const IndexStats& stats() const { return stats_; }

 private:
  RuleIndex() = default;
  // Extracts attribute `attribute` of the event in `state` and marks the
  // tests its value passes.
  static void Probe(const AttributeIndex& attribute, EvalState& state);

  std::unordered_map<std::string, TriggerIndex, StringHash, std::equal_to<>> groups_;
  std::vector<uint32_t> start_pc_;
  size_t largest_group_ = 0;
  IndexStats stats_;
};

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_RULE_INDEX_H_
