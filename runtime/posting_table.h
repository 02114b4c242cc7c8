#ifndef SYNCRULE_RUNTIME_POSTING_TABLE_H_
#define SYNCRULE_RUNTIME_POSTING_TABLE_H_

// The rule index's maps from a string value to the rules' tests that pass
// when an event holds it (Rete's alpha memories). Built once, probed once
// per attribute per event: after Freeze() the keys and their postings sit
// in three flat arrays, and a lookup is one hash of the key, a linear probe
// of an open-addressing table at most half full, and one comparison.
//
// Immutable and thread-safe after Freeze().

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace syncrule::runtime {

// A test of a rule that an index hit passes: the rule's position in its
// trigger group, and the bit of the clause the test belongs to.
struct Posting {
  uint32_t rule = 0;
  uint8_t bit = 0;
};

// The postings of one key: `size` entries from `begin`.
struct PostingList {
  const Posting* begin = nullptr;
  uint32_t size = 0;
};

class PostingTable {
 public:
  // Returns the postings of `key` for appending, while building.
  std::vector<Posting>& operator[](const std::string& key) { return building_[key]; }

  // Lays the keys and postings out flat. Call once, after the last
  // operator[] and before the first Find().
  void Freeze();

  // Returns true when no key has postings.
  bool empty() const { return count_ == 0 && building_.empty(); }

  // Returns the postings of `key` (size 0 when it has none).
  PostingList Find(std::string_view key) const {
    if (count_ == 0) return {};
    uint64_t hash = Hash(key);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.size == 0) return {};
      if (slot.hash == hash && slot.key_size == key.size() &&
          std::string_view(keys_.data() + slot.key_begin, slot.key_size) == key) {
        return {postings_.data() + slot.postings_begin, slot.size};
      }
    }
  }

  // Returns a 64-bit hash of `key` that reads it 8 bytes at a time.
  static uint64_t Hash(std::string_view key);

 private:
  // A key's place: its hash, its bytes in keys_, its postings in
  // postings_. Empty slots have size 0 (every key has a posting).
  struct Slot {
    uint64_t hash = 0;
    uint32_t key_begin = 0;
    uint32_t key_size = 0;
    uint32_t postings_begin = 0;
    uint32_t size = 0;
  };

  std::unordered_map<std::string, std::vector<Posting>> building_;
  std::vector<Slot> slots_;
  std::string keys_;
  std::vector<Posting> postings_;
  size_t mask_ = 0;
  size_t count_ = 0;
};

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_POSTING_TABLE_H_
