#include "runtime/literal_matcher.h"

#include <algorithm>
#include <deque>

namespace syncrule::runtime {

namespace {

// Returns `literals` with ASCII letters in lower case.
std::vector<std::string> LowerAscii(std::vector<std::string> literals) {
  for (std::string& literal : literals) {
    for (char& c : literal) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    }
  }
  return literals;
}

}  // namespace

LiteralMatcher::LiteralMatcher(const std::vector<std::string>& given, bool ignore_ascii_case)
    : literal_count_(given.size()) {
  const std::vector<std::string> literals = ignore_ascii_case ? LowerAscii(given) : given;
  // Byte classes: one per byte some literal uses, class 0 for the rest.
  std::array<uint16_t, 256> byte_class{};
  for (const std::string& literal : literals) {
    for (unsigned char c : literal) {
      if (byte_class[c] == 0) byte_class[c] = static_cast<uint16_t>(classes_++);
    }
  }
  // The trie, with -1 for missing edges; ends per state as lists. It is
  // built one depth at a time, so that states are numbered breadth first:
  // the shallow states, where matching spends most of its time, sit
  // together at the front of the table.
  std::vector<std::vector<int>> ends(1);
  std::vector<int32_t> next_(classes_, -1);
  std::vector<int> at(literals.size(), 0);  // each literal's state so far
  size_t longest = 0;
  for (size_t id = 0; id < literals.size(); ++id) {
    if (literals[id].empty()) always_.push_back(static_cast<int>(id));
    longest = std::max(longest, literals[id].size());
  }
  for (size_t depth = 0; depth < longest; ++depth) {
    for (size_t id = 0; id < literals.size(); ++id) {
      if (literals[id].size() <= depth) continue;
      unsigned char c = static_cast<unsigned char>(literals[id][depth]);
      size_t slot = static_cast<size_t>(at[id]) * classes_ + byte_class[c];
      if (next_[slot] < 0) {
        next_[slot] = static_cast<int32_t>(ends.size());
        ends.emplace_back();
        next_.resize(next_.size() + classes_, -1);
      }
      at[id] = next_[slot];
      if (literals[id].size() == depth + 1) ends[static_cast<size_t>(at[id])].push_back(static_cast<int>(id));
    }
  }
  // Breadth first: failure links complete the transition function, and
  // output links chain the suffix states that end literals.
  size_t states = ends.size();
  std::vector<int32_t> failure(states, 0);
  output_link_.assign(states, -1);
  std::deque<int> queue;
  for (size_t k = 0; k < classes_; ++k) {
    int32_t& edge = next_[k];
    if (edge < 0) {
      edge = 0;
    } else {
      queue.push_back(edge);
    }
  }
  while (!queue.empty()) {
    int state = queue.front();
    queue.pop_front();
    int32_t fail = failure[static_cast<size_t>(state)];
    output_link_[static_cast<size_t>(state)] =
        !ends[static_cast<size_t>(fail)].empty() ? fail : output_link_[static_cast<size_t>(fail)];
    for (size_t k = 0; k < classes_; ++k) {
      int32_t& edge = next_[static_cast<size_t>(state) * classes_ + k];
      int32_t fallback = next_[static_cast<size_t>(fail) * classes_ + k];
      if (edge < 0) {
        edge = fallback;
      } else {
        failure[static_cast<size_t>(edge)] = fallback;
        queue.push_back(edge);
      }
    }
  }
  // Each transition holds its target shifted left by one, with the low bit
  // set when the target ends literals (itself or through output links),
  // so that matching reads one table entry per byte.
  std::vector<uint32_t> encoded(next_.size());
  for (size_t state = 0; state < states; ++state) {
    for (size_t k = 0; k < classes_; ++k) {
      size_t target = static_cast<size_t>(next_[state * classes_ + k]);
      bool emits = !ends[target].empty() || output_link_[target] >= 0;
      encoded[k * states + state] = static_cast<uint32_t>(target << 1) | (emits ? 1u : 0u);
    }
  }
  if (ignore_ascii_case) {
    for (int c = 'A'; c <= 'Z'; ++c) byte_class[c] = byte_class[c + ('a' - 'A')];
  }
  for (size_t c = 0; c < 256; ++c) {
    class_offset_[c] = static_cast<uint32_t>(byte_class[c] * states);
  }
  if (states <= UINT16_MAX / 2) {
    // Half the table, twice the states per cache line.
    next16_.assign(encoded.begin(), encoded.end());
  } else {
    next32_ = std::move(encoded);
  }
  terminal_.resize(states);
  terminal_count_.resize(states);
  for (size_t s = 0; s < states; ++s) {
    terminal_[s] = static_cast<uint32_t>(ends_.size());
    terminal_count_[s] = static_cast<uint32_t>(ends[s].size());
    ends_.insert(ends_.end(), ends[s].begin(), ends[s].end());
  }
}

void LiteralMatcher::FindAll(std::string_view text, std::vector<int>* ids,
                             std::vector<uint32_t>* seen, uint32_t* generation) const {
  if (seen->size() < literal_count_) seen->resize(literal_count_, 0);
  if (++*generation == 0) {
    std::fill(seen->begin(), seen->end(), 0);
    *generation = 1;
  }
  auto report = [&](int id) {
    uint32_t& mark = (*seen)[static_cast<size_t>(id)];
    if (mark != *generation) {
      mark = *generation;
      ids->push_back(id);
    }
  };
  for (int id : always_) report(id);
  if (next16_.empty()) {
    Scan(next32_.data(), text, report);
  } else {
    Scan(next16_.data(), text, report);
  }
}

template <typename Entry, typename Report>
void LiteralMatcher::Scan(const Entry* table, std::string_view text, Report& report) const {
  const uint32_t* offset = class_offset_.data();
  uint32_t state = 0;
  for (char c : text) {
    uint32_t step = table[offset[static_cast<unsigned char>(c)] + state];
    state = step >> 1;
    if ((step & 1) == 0) continue;
    for (int32_t s = terminal_count_[state] > 0 ? static_cast<int32_t>(state)
                                                : output_link_[state];
         s > 0; s = output_link_[static_cast<size_t>(s)]) {
      uint32_t first = terminal_[static_cast<size_t>(s)];
      for (uint32_t k = 0; k < terminal_count_[static_cast<size_t>(s)]; ++k) report(ends_[first + k]);
    }
  }
}

}  // namespace syncrule::runtime
