#ifndef SYNCRULE_RUNTIME_JSON_POINTER_H_
#define SYNCRULE_RUNTIME_JSON_POINTER_H_

// JSON Pointers (RFC 6901) parsed once, when a program is linked, so that
// reading a field per event walks prepared keys and indexes instead of
// parsing the pointer's text again. Find() gives exactly what simdjson's
// element::at_pointer gives for the same text: the same escapes (~0, ~1),
// array indexes without leading zeros, "-" never found; except that an
// index of more than 18 digits finds nothing, where simdjson lets it wrap
// around 2^64.
//
// Immutable and thread-safe after construction.

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace syncrule::runtime {

class CompiledPointer {
 public:
  // Parses `pointer` ("" is the root itself). A pointer that does not
  // start with '/' finds nothing.
  explicit CompiledPointer(std::string_view pointer);

  // Returns the element at the pointer below `root`, or nullopt when
  // absent (or the pointer is malformed).
  std::optional<simdjson::dom::element> Find(simdjson::dom::element root) const;

 private:
  // One reference token: the key it names in an object (unescaped), and
  // the index it names in an array.
  struct Step {
    std::string key;
    uint64_t index = 0;
    // False when the token has a bad escape: no object member matches it.
    bool key_valid = true;
    // False when the token is not an array index.
    bool index_valid = false;
  };

  std::vector<Step> steps_;
  bool valid_ = true;
};

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_JSON_POINTER_H_
