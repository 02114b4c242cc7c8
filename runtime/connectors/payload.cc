#include "runtime/connectors/payload.h"

#include <limits>

namespace syncrule::runtime {
namespace {

// Longest payload text quoted in a message; longer text is cut with "...".
// Event types and ids are short; anything longer is not worth logging whole.
constexpr size_t kMaxQuotedChars = 80;

}  // namespace

std::optional<simdjson::dom::element> ElementAt(simdjson::dom::element root,
                                                std::string_view pointer) {
  simdjson::dom::element value;
  if (root.at_pointer(pointer).get(value) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  if (value.is_null()) return std::nullopt;
  return value;
}

std::optional<std::string_view> StringAt(simdjson::dom::element root,
                                         std::string_view pointer) {
  std::optional<simdjson::dom::element> value = ElementAt(root, pointer);
  std::string_view text;
  if (!value || value->get_string().get(text) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return text;
}

std::optional<int64_t> IntAt(simdjson::dom::element root,
                             std::string_view pointer) {
  std::optional<simdjson::dom::element> value = ElementAt(root, pointer);
  if (!value) return std::nullopt;
  int64_t signed_value = 0;
  if (value->get_int64().get(signed_value) == simdjson::SUCCESS) {
    return signed_value;
  }
  uint64_t unsigned_value = 0;
  if (value->get_uint64().get(unsigned_value) == simdjson::SUCCESS &&
      unsigned_value <=
          static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return static_cast<int64_t>(unsigned_value);
  }
  return std::nullopt;
}

std::optional<std::string> IdAt(simdjson::dom::element root,
                                std::string_view pointer) {
  if (std::optional<std::string_view> text = StringAt(root, pointer)) {
    if (text->empty()) return std::nullopt;
    return std::string(*text);
  }
  if (std::optional<int64_t> number = IntAt(root, pointer)) {
    return std::to_string(*number);
  }
  return std::nullopt;
}

bool IsObjectAt(simdjson::dom::element root, std::string_view pointer) {
  std::optional<simdjson::dom::element> value = ElementAt(root, pointer);
  return value && value->is_object();
}

std::optional<simdjson::dom::array> ArrayAt(simdjson::dom::element root,
                                            std::string_view pointer) {
  std::optional<simdjson::dom::element> value = ElementAt(root, pointer);
  simdjson::dom::array array;
  if (!value || value->get_array().get(array) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return array;
}

const char* JsonTypeWord(simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      return "a number";
    case simdjson::dom::element_type::STRING:
      return "a string";
    case simdjson::dom::element_type::BOOL:
      return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

std::string QuoteForMessage(std::string_view text) {
  size_t end = text.size();
  if (end > kMaxQuotedChars) {
    end = kMaxQuotedChars;
    // Back off to a UTF-8 character boundary.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
  }
  std::string quoted = "\"";
  for (char c : text.substr(0, end)) {
    // Control characters would break one-line logs.
    quoted.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
  }
  if (end < text.size()) quoted.append("...");
  quoted.push_back('"');
  return quoted;
}

}  // namespace syncrule::runtime
