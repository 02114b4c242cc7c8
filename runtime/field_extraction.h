#ifndef SYNCRULE_RUNTIME_FIELD_EXTRACTION_H_
#define SYNCRULE_RUNTIME_FIELD_EXTRACTION_H_

// Reading event fields out of a parsed payload, falco-style: the program
// interns every field path it uses; an event selects the paths of its
// payload format once; each field is extracted at most once per event, on
// first use, and cached in the EvalState for every rule that reads it
// (EvalState::Field, implemented here).

#include <simdjson.h>

#include <optional>
#include <string_view>

#include "runtime/schema.h"
#include "runtime/value.h"

namespace syncrule::runtime {

// Returns the element at JSON Pointer `pointer` below `root` ("" is `root`
// itself), or nullopt when absent.
std::optional<simdjson::dom::element> AtPointer(simdjson::dom::element root,
                                                std::string_view pointer);

// Converts an extracted element to the Value a field of `type` holds: time
// fields become kTime (ISO 8601 strings and epoch milliseconds), other
// values as FromElement gives them. Unparsable times are null.
Value ConvertField(simdjson::dom::element element, ValueType type, Arena& arena);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_FIELD_EXTRACTION_H_
