#ifndef SYNCRULE_RUNTIME_CONNECTORS_PAYLOAD_H_
#define SYNCRULE_RUNTIME_CONNECTORS_PAYLOAD_H_

// Typed reads from a parsed webhook payload by JSON Pointer, for decoders.
// Every read treats a missing member, a JSON null and a value of another
// type alike: as absent. None of them throws.

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace syncrule::runtime {

// Returns the value at `pointer` under `root` ("" is `root` itself), or
// nullopt when it is missing or null.
std::optional<simdjson::dom::element> ElementAt(simdjson::dom::element root,
                                                std::string_view pointer);

// Returns the string at `pointer`, or nullopt when absent or not a string.
std::optional<std::string_view> StringAt(simdjson::dom::element root,
                                         std::string_view pointer);

// Returns the integer at `pointer` (signed, or unsigned within int64), or
// nullopt when absent or not an integer.
std::optional<int64_t> IntAt(simdjson::dom::element root,
                             std::string_view pointer);

// Returns the id at `pointer` as text: a string as is, an integer in
// decimal (GitLab and Flashduty ids are numbers). Nullopt otherwise, and
// for an empty string.
std::optional<std::string> IdAt(simdjson::dom::element root,
                                std::string_view pointer);

// Returns true when the value at `pointer` is a JSON object.
bool IsObjectAt(simdjson::dom::element root, std::string_view pointer);

// Returns the array at `pointer`, or nullopt when absent or not an array.
std::optional<simdjson::dom::array> ArrayAt(simdjson::dom::element root,
                                            std::string_view pointer);

// Returns the JSON type of `value` as a word for messages ("object").
const char* JsonTypeWord(simdjson::dom::element value);

// Returns `text` quoted for a message, cut to a bounded length so that a
// hostile payload cannot blow up logs.
std::string QuoteForMessage(std::string_view text);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_CONNECTORS_PAYLOAD_H_
