#include "runtime/json_pointer.h"

namespace syncrule::runtime {
namespace {

// Unescapes ~0 and ~1 in `token` into `*key`; false on any other '~'.
bool Unescape(std::string_view token, std::string* key) {
  key->clear();
  for (size_t k = 0; k < token.size(); ++k) {
    if (token[k] != '~') {
      key->push_back(token[k]);
      continue;
    }
    if (k + 1 >= token.size() || (token[k + 1] != '0' && token[k + 1] != '1')) return false;
    key->push_back(token[k + 1] == '0' ? '~' : '/');
    ++k;
  }
  return true;
}

// Reads `token` as an array index: digits only, no leading zero, and small
// enough that no array can be that long.
bool ParseIndex(std::string_view token, uint64_t* index) {
  if (token.empty() || token.size() > 18 || (token.size() > 1 && token[0] == '0')) return false;
  uint64_t value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  *index = value;
  return true;
}

}  // namespace

CompiledPointer::CompiledPointer(std::string_view pointer) {
  if (pointer.empty()) return;
  if (pointer[0] != '/') {
    valid_ = false;
    return;
  }
  size_t at = 1;
  for (;;) {
    size_t slash = pointer.find('/', at);
    std::string_view token =
        pointer.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at);
    Step& step = steps_.emplace_back();
    step.key_valid = Unescape(token, &step.key);
    step.index_valid = ParseIndex(token, &step.index);
    if (slash == std::string_view::npos) break;
    at = slash + 1;
  }
}

std::optional<simdjson::dom::element> CompiledPointer::Find(simdjson::dom::element root) const {
  if (!valid_) return std::nullopt;
  simdjson::dom::element at = root;
  for (const Step& step : steps_) {
    simdjson::dom::element next;
    switch (at.type()) {
      case simdjson::dom::element_type::OBJECT:
        if (!step.key_valid) return std::nullopt;
        if (at.get_object().value_unsafe().at_key(step.key).get(next) != simdjson::SUCCESS) {
          return std::nullopt;
        }
        break;
      case simdjson::dom::element_type::ARRAY:
        if (!step.index_valid) return std::nullopt;
        if (at.get_array().value_unsafe().at(static_cast<size_t>(step.index)).get(next) !=
            simdjson::SUCCESS) {
          return std::nullopt;
        }
        break;
      default:
        return std::nullopt;
    }
    at = next;
  }
  return at;
}

}  // namespace syncrule::runtime
