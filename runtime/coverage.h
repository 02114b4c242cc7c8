#ifndef SYNCRULE_RUNTIME_COVERAGE_H_
#define SYNCRULE_RUNTIME_COVERAGE_H_

// What a run exercised, for `syncrule test --coverage`: the instructions
// the VM executed and the map entries its lookups hit. The VM records into
// a CoverageRecorder only when RunOptions::coverage points at one; without
// it the dispatch loop is the same code as before (Evaluate picks an
// instantiation of the loop once per rule evaluation). Turning pcs into
// rules and clauses is the tools' business: the module's line table maps a
// pc to its source position.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/program.h"

namespace syncrule::runtime {

// Instructions executed and map entries hit, accumulated over any number
// of evaluations of one program.
class CoverageRecorder {
 public:
  // Makes an empty record sized for `program`.
  explicit CoverageRecorder(const Program& program)
      : executed_(program.code().size(), 0),
        map_keys_(program.image().maps.size()),
        map_defaults_(program.image().maps.size(), 0) {}

  // Notes that the instruction at `pc` ran.
  void Executed(uint32_t pc) { executed_[pc] = 1; }

  // Notes that a lookup in map `map` found key `key`.
  void MapKeyHit(uint32_t map, std::string_view key) {
    if (map_keys_[map].find(key) == map_keys_[map].end()) map_keys_[map].emplace(key);
  }

  // Notes that a lookup in map `map` found no key and took the default.
  void MapDefaultHit(uint32_t map) { map_defaults_[map] = 1; }

  // Returns true when the instruction at `pc` ran at least once.
  bool WasExecuted(uint32_t pc) const { return pc < executed_.size() && executed_[pc] != 0; }

  // Returns true when a lookup in map `map` found key `key`.
  bool WasKeyHit(uint32_t map, std::string_view key) const {
    return map < map_keys_.size() && map_keys_[map].find(key) != map_keys_[map].end();
  }

  // Returns true when a lookup in map `map` used its default.
  bool WasDefaultHit(uint32_t map) const {
    return map < map_defaults_.size() && map_defaults_[map] != 0;
  }

 private:
  std::vector<uint8_t> executed_;
  std::vector<std::set<std::string, std::less<>>> map_keys_;
  std::vector<uint8_t> map_defaults_;
};

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_COVERAGE_H_
