#include "runtime/value.h"

#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "stdlib/jql_time.h"

namespace syncrule::runtime {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

bool ElementsEqual(element a, element b);

bool JsonArraysEqual(simdjson::dom::array a, simdjson::dom::array b) {
  if (a.size() != b.size()) return false;
  auto ib = b.begin();
  for (element item : a) {
    if (!ElementsEqual(item, *ib)) return false;
    ++ib;
  }
  return true;
}

bool JsonObjectsEqual(simdjson::dom::object a, simdjson::dom::object b) {
  if (a.size() != b.size()) return false;
  for (auto field : a) {
    element other;
    if (b.at_key(field.key).get(other) != simdjson::SUCCESS) return false;
    if (!ElementsEqual(field.value, other)) return false;
  }
  return true;
}

bool ElementsEqual(element a, element b) {
  Arena scratch;
  return ValuesEqual(FromElement(a, scratch), FromElement(b, scratch));
}

std::string ShortestDouble(double d) {
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
    return std::to_string(static_cast<int64_t>(d));
  }
  return fmt::format("{}", d);
}

}  // namespace

const char* ValueTagName(ValueTag tag) {
  switch (tag) {
    case ValueTag::kNull: return "null";
    case ValueTag::kBool: return "bool";
    case ValueTag::kInt: return "int";
    case ValueTag::kDouble: return "number";
    case ValueTag::kTime: return "time";
    case ValueTag::kString: return "string";
    case ValueTag::kList: return "list";
    case ValueTag::kObject: return "object";
    case ValueTag::kJson: return "json";
    case ValueTag::kJqlValues: return "jql values";
  }
  return "?";
}

// --- Arena -------------------------------------------------------------------

void* Arena::Allocate(size_t bytes, size_t align) {
  if (exceeded_ || bytes > kMaxBytes || used_ + bytes > kMaxBytes) {
    exceeded_ = true;
    return nullptr;
  }
  while (true) {
    if (block_ < blocks_.size()) {
      Block& block = blocks_[block_];
      size_t start = (offset_ + align - 1) & ~(align - 1);
      if (start + bytes <= block.size) {
        offset_ = start + bytes;
        used_ += bytes;
        return block.data.get() + start;
      }
      if (block_ + 1 < blocks_.size()) {
        ++block_;
        offset_ = 0;
        continue;
      }
    }
    size_t size = std::max(kBlockBytes, bytes + align);
    blocks_.push_back(Block{std::make_unique<char[]>(size), size});
    capacity_ += size;
    block_ = blocks_.size() - 1;
    offset_ = 0;
  }
}

std::string_view Arena::CopyString(std::string_view text) {
  if (text.empty()) return std::string_view();
  char* copy = AllocateArray<char>(text.size());
  if (copy == nullptr) return std::string_view();
  std::memcpy(copy, text.data(), text.size());
  return std::string_view(copy, text.size());
}

void Arena::Reset() {
  block_ = 0;
  offset_ = 0;
  used_ = 0;
  exceeded_ = false;
}

// --- conversions -------------------------------------------------------------

Value FromElement(element e, Arena& arena) {
  switch (e.type()) {
    case element_type::NULL_VALUE: return Value::Null();
    case element_type::BOOL: return Value::Bool(e.get_bool().value_unsafe());
    case element_type::INT64: return Value::Int(e.get_int64().value_unsafe());
    case element_type::UINT64: {
      uint64_t u = e.get_uint64().value_unsafe();
      return u <= static_cast<uint64_t>(INT64_MAX)
                 ? Value::Int(static_cast<int64_t>(u))
                 : Value::Double(static_cast<double>(u));
    }
    case element_type::DOUBLE: return Value::Double(e.get_double().value_unsafe());
    case element_type::STRING: return Value::String(e.get_string().value_unsafe());
    case element_type::ARRAY:
    case element_type::OBJECT: {
      auto* copy = arena.AllocateArray<element>(1);
      if (copy == nullptr) return Value::Null();
      new (copy) element(e);
      return Value::Json(copy);
    }
  }
  return Value::Null();
}

Value FromJson(const nlohmann::json& json, Arena& arena) {
  switch (json.type()) {
    case nlohmann::json::value_t::boolean: return Value::Bool(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return Value::Int(json.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
      uint64_t u = json.get<uint64_t>();
      return u <= static_cast<uint64_t>(INT64_MAX)
                 ? Value::Int(static_cast<int64_t>(u))
                 : Value::Double(static_cast<double>(u));
    }
    case nlohmann::json::value_t::number_float:
      return Value::Double(json.get<double>());
    case nlohmann::json::value_t::string:
      return Value::String(arena.CopyString(json.get_ref<const std::string&>()));
    case nlohmann::json::value_t::array: {
      auto* items = arena.AllocateArray<Value>(json.size());
      if (items == nullptr) return Value::Null();
      uint32_t n = 0;
      for (const auto& item : json) items[n++] = FromJson(item, arena);
      return Value::List(items, n);
    }
    case nlohmann::json::value_t::object: {
      auto* entries = arena.AllocateArray<ObjectEntry>(json.size());
      if (entries == nullptr) return Value::Null();
      uint32_t n = 0;
      for (const auto& [key, item] : json.items()) {
        entries[n].key = arena.CopyString(key);
        entries[n].value = FromJson(item, arena);
        ++n;
      }
      return Value::Object(entries, n);
    }
    default: return Value::Null();
  }
}

std::optional<ValueSpan> ListItems(const Value& value, Arena& arena,
                                   uint32_t limit) {
  if (value.tag == ValueTag::kList) {
    return ValueSpan{value.items, std::min(value.size, limit)};
  }
  if (value.tag != ValueTag::kJson || !value.json->is_array()) {
    return std::nullopt;
  }
  simdjson::dom::array array = ArrayOf(*value.json);
  uint32_t count = static_cast<uint32_t>(std::min<size_t>(array.size(), limit));
  auto* items = arena.AllocateArray<Value>(count);
  if (items == nullptr) return ValueSpan{};
  uint32_t n = 0;
  for (element item : array) {
    if (n == count) break;
    items[n++] = FromElement(item, arena);
  }
  return ValueSpan{items, n};
}

Value MemberOf(const Value& value, std::string_view key, Arena& arena) {
  if (value.tag == ValueTag::kObject) {
    for (uint32_t i = 0; i < value.size; ++i) {
      if (value.entries[i].key == key) return value.entries[i].value;
    }
    return Value::Null();
  }
  if (value.tag != ValueTag::kJson || !value.json->is_object()) {
    return Value::Null();
  }
  element member;
  if (ObjectOf(*value.json).at_key(key).get(member) !=
      simdjson::SUCCESS) {
    return Value::Null();
  }
  return FromElement(member, arena);
}

int64_t LengthOf(const Value& value) {
  switch (value.tag) {
    case ValueTag::kString: {
      int64_t n = 0;
      for (uint32_t i = 0; i < value.size; ++i) {
        if ((static_cast<unsigned char>(value.s[i]) & 0xC0) != 0x80) ++n;
      }
      return n;
    }
    case ValueTag::kList:
    case ValueTag::kObject: return value.size;
    case ValueTag::kJson:
      if (value.json->is_array()) {
        return static_cast<int64_t>(ArrayOf(*value.json).size());
      }
      return static_cast<int64_t>(ObjectOf(*value.json).size());
    default: return 0;
  }
}

bool ValuesEqual(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return false;
  if (a.is_number() && b.is_number()) {
    if (a.tag == ValueTag::kInt && b.tag == ValueTag::kInt) return a.i == b.i;
    return a.number() == b.number();
  }
  if (a.tag == ValueTag::kTime || b.tag == ValueTag::kTime) {
    return a.tag == b.tag && a.i == b.i;
  }
  if (a.tag == ValueTag::kString && b.tag == ValueTag::kString) {
    return a.str() == b.str();
  }
  if (a.tag == ValueTag::kBool && b.tag == ValueTag::kBool) return a.b == b.b;
  if (a.tag == ValueTag::kJson && b.tag == ValueTag::kJson) {
    if (a.json->is_array() && b.json->is_array()) {
      return JsonArraysEqual(ArrayOf(*a.json), ArrayOf(*b.json));
    }
    if (a.json->is_object() && b.json->is_object()) {
      return JsonObjectsEqual(ObjectOf(*a.json), ObjectOf(*b.json));
    }
    return false;
  }
  // Mixed list/object forms (VM-built against payload): compare as JSON.
  bool a_composite = a.tag == ValueTag::kList || a.tag == ValueTag::kObject ||
                     a.tag == ValueTag::kJson;
  bool b_composite = b.tag == ValueTag::kList || b.tag == ValueTag::kObject ||
                     b.tag == ValueTag::kJson;
  if (a_composite && b_composite) return ToJson(a) == ToJson(b);
  return false;
}

std::optional<int> CompareValues(const Value& a, const Value& b) {
  auto three_way = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (a.is_number() && b.is_number()) {
    if (a.tag == ValueTag::kInt && b.tag == ValueTag::kInt) {
      return three_way(a.i, b.i);
    }
    double x = a.number();
    double y = b.number();
    if (std::isnan(x) || std::isnan(y)) return std::nullopt;
    return three_way(x, y);
  }
  if (a.tag == ValueTag::kTime && b.tag == ValueTag::kTime) {
    return three_way(a.i, b.i);
  }
  if (a.tag == ValueTag::kString && b.tag == ValueTag::kString) {
    int c = a.str().compare(b.str());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return std::nullopt;
}

void AppendStringForm(const Value& value, std::string* out) {
  switch (value.tag) {
    case ValueTag::kNull: return;
    case ValueTag::kBool: out->append(value.b ? "true" : "false"); return;
    case ValueTag::kInt: out->append(std::to_string(value.i)); return;
    case ValueTag::kDouble: out->append(ShortestDouble(value.d)); return;
    case ValueTag::kTime: out->append(stdlib::FormatIsoInstant(value.i)); return;
    case ValueTag::kString: out->append(value.str()); return;
    default:
      out->append(ToJson(value).dump(-1, ' ', false,
                                     nlohmann::json::error_handler_t::replace));
      return;
  }
}

std::string_view StringForm(const Value& value, Arena& arena) {
  if (value.tag == ValueTag::kString) return value.str();
  if (value.tag == ValueTag::kNull) return std::string_view();
  if (value.tag == ValueTag::kInt) {
    char buffer[24];
    auto result = fmt::format_to_n(buffer, sizeof buffer, "{}", value.i);
    return arena.CopyString(std::string_view(buffer, result.size));
  }
  std::string text;
  AppendStringForm(value, &text);
  return arena.CopyString(text);
}

nlohmann::json ElementToJson(element e) {
  switch (e.type()) {
    case element_type::NULL_VALUE: return nullptr;
    case element_type::BOOL: return e.get_bool().value_unsafe();
    case element_type::INT64: return e.get_int64().value_unsafe();
    case element_type::UINT64: return e.get_uint64().value_unsafe();
    case element_type::DOUBLE: return e.get_double().value_unsafe();
    case element_type::STRING:
      return std::string(e.get_string().value_unsafe());
    case element_type::ARRAY: {
      nlohmann::json out = nlohmann::json::array();
      for (element item : ArrayOf(e)) {
        out.push_back(ElementToJson(item));
      }
      return out;
    }
    case element_type::OBJECT: {
      nlohmann::json out = nlohmann::json::object();
      for (auto field : ObjectOf(e)) {
        out[std::string(field.key)] = ElementToJson(field.value);
      }
      return out;
    }
  }
  return nullptr;
}

nlohmann::json ToJson(const Value& value) {
  switch (value.tag) {
    case ValueTag::kNull: return nullptr;
    case ValueTag::kBool: return value.b;
    case ValueTag::kInt: return value.i;
    case ValueTag::kDouble: return value.d;
    case ValueTag::kTime: return stdlib::FormatIsoInstant(value.i);
    case ValueTag::kString: return std::string(value.str());
    case ValueTag::kList: {
      nlohmann::json out = nlohmann::json::array();
      for (uint32_t i = 0; i < value.size; ++i) out.push_back(ToJson(value.items[i]));
      return out;
    }
    case ValueTag::kObject: {
      nlohmann::json out = nlohmann::json::object();
      for (uint32_t i = 0; i < value.size; ++i) {
        out[std::string(value.entries[i].key)] = ToJson(value.entries[i].value);
      }
      return out;
    }
    case ValueTag::kJson: return ElementToJson(*value.json);
    case ValueTag::kJqlValues: return nullptr;
  }
  return nullptr;
}

// --- case folding --------------------------------------------------------------

std::string_view FoldCase(std::string_view text, Arena& arena) {
  bool plain = true;
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || (byte >= 'A' && byte <= 'Z')) {
      plain = false;
      break;
    }
  }
  if (plain) return text;
  std::string folded;
  stdlib::AppendFolded(text, &folded);
  return arena.CopyString(folded);
}


}  // namespace syncrule::runtime
