#include "runtime/posting_table.h"

#include <cstring>

namespace syncrule::runtime {
namespace {

// Mixes 64 bits (the finaliser of splitmix64).
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

}  // namespace

uint64_t PostingTable::Hash(std::string_view key) {
  uint64_t hash = 0x9e3779b97f4a7c15ull ^ key.size();
  size_t at = 0;
  for (; at + 8 <= key.size(); at += 8) {
    uint64_t word;
    std::memcpy(&word, key.data() + at, 8);
    hash = Mix(hash ^ word);
  }
  if (at < key.size()) {
    uint64_t word = 0;
    std::memcpy(&word, key.data() + at, key.size() - at);
    hash = Mix(hash ^ word ^ 0xff51afd7ed558ccdull);
  }
  return hash;
}

void PostingTable::Freeze() {
  count_ = 0;
  size_t capacity = 4;
  while (capacity < 2 * building_.size()) capacity *= 2;
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  keys_.clear();
  postings_.clear();
  for (auto& [key, postings] : building_) {
    if (postings.empty()) continue;
    uint64_t hash = Hash(key);
    size_t i = hash & mask_;
    while (slots_[i].size != 0) i = (i + 1) & mask_;
    Slot& slot = slots_[i];
    slot.hash = hash;
    slot.key_begin = static_cast<uint32_t>(keys_.size());
    slot.key_size = static_cast<uint32_t>(key.size());
    slot.postings_begin = static_cast<uint32_t>(postings_.size());
    slot.size = static_cast<uint32_t>(postings.size());
    keys_ += key;
    postings_.insert(postings_.end(), postings.begin(), postings.end());
    ++count_;
  }
  building_.clear();
  if (count_ == 0) slots_.clear();
}

}  // namespace syncrule::runtime
