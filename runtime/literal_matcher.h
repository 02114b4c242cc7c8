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
  // Empty literals occur in every text.
  explicit LiteralMatcher(const std::vector<std::string>& literals);

  // Appends to `ids` the id of every literal that occurs in `text`, each
  // once, in no particular order. `seen` is scratch space the caller keeps
  // between calls (it is resized and cleared here as needed).
  void FindAll(std::string_view text, std::vector<int>* ids, std::vector<uint32_t>* seen,
               uint32_t* generation) const;

  // Returns the number of automaton states.
  size_t state_count() const { return terminal_.size(); }

 private:
  // Returns the transition from `state` on `byte`: the next state shifted
  // left by one, with the low bit set when that state ends literals.
  uint32_t Step(uint32_t state, unsigned char byte) const {
    size_t slot = static_cast<size_t>(state) * classes_ + byte_class_[byte];
    return next16_.empty() ? next32_[slot] : next16_[slot];
  }

  std::array<uint16_t, 256> byte_class_{};
  size_t classes_ = 1;
  // The complete transition function, encoded as Step returns it, at
  // [state * classes_ + class]: in next16_ when the states fit in 15 bits,
  // else in next32_.
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
