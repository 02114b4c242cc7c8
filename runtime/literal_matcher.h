#ifndef SYNCRULE_RUNTIME_LITERAL_MATCHER_H_
#define SYNCRULE_RUNTIME_LITERAL_MATCHER_H_

// Finding many literal strings in a text in one pass: an Aho-Corasick
// automaton compiled to a dense DFA over the bytes the literals use (every
// other byte is one class that leads back to the start). Matching costs
// one table load per byte of text, whatever the number of literals. The
// rule index uses it to prefilter substring and regex tests (the regexes'
// required literals come from RE2's FilteredRE2).
//
// Immutable and thread-safe after construction.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace syncrule::runtime {

class LiteralMatcher {
 public:
  // Builds the automaton for `literals`; literal i is reported as id i.
  // Empty literals occur in every text. With `ignore_ascii_case`, each
  // ASCII letter of the text also matches the other case of itself: the
  // text needs no folding when the literals are lower case.
  explicit LiteralMatcher(const std::vector<std::string>& literals,
                          bool ignore_ascii_case = false);

  // Appends to `ids` the id of every literal that occurs in `text`, each
  // once, in no particular order. `seen` is scratch space the caller keeps
  // between calls (it is resized and cleared here as needed).
  void FindAll(std::string_view text, std::vector<int>* ids, std::vector<uint32_t>* seen,
               uint32_t* generation) const;

  // Returns the number of automaton states.
  size_t state_count() const { return terminal_.size(); }

 private:
  // Scans `text` with the transition table `table` (next16_ or next32_),
  // reporting each literal through `report`.
  template <typename Entry, typename Report>
  void Scan(const Entry* table, std::string_view text, Report& report) const;

  // Each byte's offset into the transition table: its class times the
  // number of states. The table is stored class by class, so that the
  // next slot is this offset plus the current state, with no
  // multiplication on the chain of dependent loads.
  std::array<uint32_t, 256> class_offset_{};
  size_t classes_ = 1;
  // The complete transition function at [class * states + state]: the
  // next state shifted left by one, with the low bit set when that state
  // ends literals (itself or through output links). In next16_ when the
  // states fit in 15 bits, else in next32_.
  std::vector<uint32_t> next32_;
  std::vector<uint16_t> next16_;
  // The literals ending at each state (first index into `ends_`, count).
  std::vector<uint32_t> terminal_;
  std::vector<uint32_t> terminal_count_;
  std::vector<int32_t> ends_;
  // The nearest proper suffix state that ends literals, or -1.
  std::vector<int32_t> output_link_;
  std::vector<int> always_;  // ids of empty literals
  size_t literal_count_ = 0;
};

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_LITERAL_MATCHER_H_
