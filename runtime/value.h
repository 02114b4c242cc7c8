#ifndef SYNCRULE_RUNTIME_VALUE_H_
#define SYNCRULE_RUNTIME_VALUE_H_

// Values the VM computes with, and the arena they live in. A Value is 16
// bytes and never owns memory: strings are views into the event's parsed
// JSON, the program's constant pool or the per-event arena; lists and
// objects built by the VM are arena arrays; arrays and objects read from
// the event stay simdjson elements until something needs their items. The
// arena is reset once per event, so evaluating an event allocates nothing
// from the heap once the arena's blocks have grown to the working size.

#include <simdjson.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "stdlib/case_fold.h"

namespace syncrule::runtime {

// Hashes std::string and std::string_view alike, so sets are probed with
// views without building strings.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>{}(s);
  }
};

// A set of strings, probed with views. Small sets (most sets in rules
// hold one to three names) are probed by comparing each item, which is
// faster than hashing the probe; larger ones by a hash set.
class StringSet {
 public:
  // Sets of at most this many items are probed linearly.
  static constexpr size_t kLinearLimit = 4;

  StringSet() = default;
  template <typename Iterator>
  StringSet(Iterator first, Iterator last) : items_(first, last) {
    std::sort(items_.begin(), items_.end());
    items_.erase(std::unique(items_.begin(), items_.end()), items_.end());
    if (items_.size() > kLinearLimit) hashed_.insert(items_.begin(), items_.end());
  }

  // Returns true when `key` is an item.
  bool contains(std::string_view key) const {
    if (items_.size() > kLinearLimit) return hashed_.contains(key);
    for (const std::string& item : items_) {
      if (item == key) return true;
    }
    return false;
  }
  size_t size() const { return items_.size(); }
  // The items, sorted.
  std::vector<std::string>::const_iterator begin() const { return items_.begin(); }
  std::vector<std::string>::const_iterator end() const { return items_.end(); }

 private:
  std::vector<std::string> items_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> hashed_;
};

// What a Value holds.
enum class ValueTag : uint8_t {
  kNull,       // absent or null: comparisons with it are false
  kBool,
  kInt,        // int64
  kDouble,
  kTime,       // an instant in epoch milliseconds (int64)
  kString,     // a UTF-8 view
  kList,       // an arena array of Values
  kObject,     // an arena array of ObjectEntry
  kJson,       // an array or object of the event payload (simdjson element)
  kJqlValues,  // a JQL field's values (JqlValueList, jql_runtime.h)
};

// Returns the tag's name for messages ("string").
const char* ValueTagName(ValueTag tag);

struct ObjectEntry;
struct JqlValueList;

// A VM value: a tag, a size (string bytes, list and object items) and a
// payload. Trivially copyable.
struct Value {
  ValueTag tag = ValueTag::kNull;
  uint32_t size = 0;
  union {
    bool b;
    int64_t i;
    double d;
    const char* s;
    const Value* items;
    const ObjectEntry* entries;
    const simdjson::dom::element* json;
    const JqlValueList* jql;
  };

  Value() : i(0) {}

  static Value Null() { return Value(); }
  static Value Bool(bool v) { Value x; x.tag = ValueTag::kBool; x.b = v; return x; }
  static Value Int(int64_t v) { Value x; x.tag = ValueTag::kInt; x.i = v; return x; }
  static Value Double(double v) { Value x; x.tag = ValueTag::kDouble; x.d = v; return x; }
  static Value Time(int64_t ms) { Value x; x.tag = ValueTag::kTime; x.i = ms; return x; }
  // `text` must outlive the value (event, constant pool or arena).
  static Value String(std::string_view text) {
    Value x;
    x.tag = ValueTag::kString;
    x.size = static_cast<uint32_t>(text.size());
    x.s = text.data();
    return x;
  }
  static Value List(const Value* items, uint32_t count) {
    Value x; x.tag = ValueTag::kList; x.size = count; x.items = items; return x;
  }
  static Value Object(const ObjectEntry* entries, uint32_t count) {
    Value x; x.tag = ValueTag::kObject; x.size = count; x.entries = entries; return x;
  }
  static Value Json(const simdjson::dom::element* element) {
    Value x; x.tag = ValueTag::kJson; x.json = element; return x;
  }
  static Value Jql(const JqlValueList* list) {
    Value x; x.tag = ValueTag::kJqlValues; x.jql = list; return x;
  }

  bool is_null() const { return tag == ValueTag::kNull; }
  bool is_number() const {
    return tag == ValueTag::kInt || tag == ValueTag::kDouble;
  }
  bool is_string() const { return tag == ValueTag::kString; }
  // True only for the boolean true: conditions need a real `true`.
  bool is_true() const { return tag == ValueTag::kBool && b; }
  std::string_view str() const { return std::string_view(s, size); }
  double number() const {
    return tag == ValueTag::kDouble ? d : static_cast<double>(i);
  }
};
static_assert(sizeof(Value) == 16, "Value must stay two words");

// One member of a VM-built object.
struct ObjectEntry {
  std::string_view key;
  Value value;
};

// A bump allocator reset once per event. Blocks are kept across resets, so
// a warmed-up arena allocates from the heap only when an event needs more
// than any before it. Not thread-safe: each EvalState owns one.
class Arena {
 public:
  // Bytes one evaluation may allocate: a hostile rule (joining a long list
  // inside a 1,000-iteration loop) stops with an error instead of eating
  // the machine's memory.
  static constexpr size_t kMaxBytes = size_t{64} << 20;

  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Returns `bytes` bytes aligned to `align`, or null when the evaluation
  // would exceed kMaxBytes (exceeded() then stays true until Reset).
  void* Allocate(size_t bytes, size_t align = alignof(std::max_align_t));

  // Returns an uninitialised array of `count` T, or null (see Allocate).
  template <typename T>
  T* AllocateArray(size_t count) {
    return static_cast<T*>(Allocate(sizeof(T) * (count == 0 ? 1 : count),
                                    alignof(T)));
  }

  // Copies `text` into the arena and returns the copy ("" on exhaustion).
  std::string_view CopyString(std::string_view text);

  // Forgets every allocation, keeping the blocks.
  void Reset();

  // True once an allocation failed since the last Reset.
  bool exceeded() const { return exceeded_; }
  // Bytes handed out since the last Reset.
  size_t used() const { return used_; }
  // Bytes of blocks held (the arena's footprint).
  size_t capacity() const { return capacity_; }

 private:
  struct Block {
    std::unique_ptr<char[]> data;
    size_t size = 0;
  };
  static constexpr size_t kBlockBytes = 64 * 1024;

  std::vector<Block> blocks_;
  size_t block_ = 0;   // index of the block being filled
  size_t offset_ = 0;  // bytes used in that block
  size_t used_ = 0;
  size_t capacity_ = 0;
  bool exceeded_ = false;
};

// Returns the array (object) of `element`, which must be one, by value: a
// range-for over `e.get_array().value_unsafe()` would iterate a reference
// into a destroyed temporary.
inline simdjson::dom::array ArrayOf(const simdjson::dom::element& element) {
  simdjson::dom::array array;
  auto error = element.get_array().get(array);
  (void)error;
  return array;
}
inline simdjson::dom::object ObjectOf(const simdjson::dom::element& element) {
  simdjson::dom::object object;
  auto error = element.get_object().get(object);
  (void)error;
  return object;
}

// Returns `element` as a Value: scalars directly (strings as views into the
// parsed document), arrays and objects as kJson (copied into `arena`).
Value FromElement(simdjson::dom::element element, Arena& arena);

// Returns `json` as a Value whose storage is in `arena` (constants, link
// fields).
Value FromJson(const nlohmann::json& json, Arena& arena);

// Returns the items of `value` when it is a list (a kList, or a kJson array
// converted into `arena`); nullopt for other values. `limit` bounds how many
// items are converted.
struct ValueSpan {
  const Value* items = nullptr;
  uint32_t size = 0;
};
std::optional<ValueSpan> ListItems(const Value& value, Arena& arena,
                                   uint32_t limit = UINT32_MAX);

// Returns member `key` of an object value (kObject or kJson object), or
// null when absent or when `value` is not an object.
Value MemberOf(const Value& value, std::string_view key, Arena& arena);

// Returns the number of items of a list or object, the number of code
// points of a string, 0 otherwise.
int64_t LengthOf(const Value& value);

// Returns true when `a` equals `b`: numbers by value (int == double), times
// by instant, strings by bytes, lists and objects item by item. Null equals
// nothing, itself included; the VM tests null with IS_NULL.
bool ValuesEqual(const Value& a, const Value& b);

// Orders `a` against `b` (-1, 0, 1) when both are numbers, both times, or
// both strings; nullopt otherwise.
std::optional<int> CompareValues(const Value& a, const Value& b);

// Appends the string form of `value` to `out`: strings as they are, null as
// "", numbers in shortest form, times as ISO 8601, the rest as JSON.
void AppendStringForm(const Value& value, std::string* out);

// Returns the string form of `value`, in `arena` unless it already is a
// string.
std::string_view StringForm(const Value& value, Arena& arena);

// Calls `visit(key)` with each string IN_SET looks up for `value`, until
// one call returns true: a string itself; a number or boolean in its
// string form; each string item of a list. Returns true when a call did.
// The VM's IN_SET and the rule index both use it, so they cannot differ.
template <typename Visit>
bool AnySetKey(const Value& value, Arena& arena, Visit visit) {
  if (value.is_string()) return visit(value.str());
  if (value.is_number() || value.tag == ValueTag::kBool) {
    return visit(StringForm(value, arena));
  }
  std::optional<ValueSpan> items = ListItems(value, arena);
  if (!items) return false;
  for (uint32_t i = 0; i < items->size; ++i) {
    if (items->items[i].is_string() && visit(items->items[i].str())) return true;
  }
  return false;
}

// Converts `value` to JSON (effect arguments, tests).
nlohmann::json ToJson(const Value& value);

// Converts a simdjson element to JSON.
nlohmann::json ElementToJson(simdjson::dom::element element);

// Returns `text` folded to lower case as JQL compares names (ASCII,
// Latin-1, Latin Extended-A, Greek, Cyrillic), written into `arena`; the
// same folding as the reference evaluator's FoldCase.
std::string_view FoldCase(std::string_view text, Arena& arena);

// Folding without an arena (stdlib/case_fold.h), under the runtime's names.
using stdlib::AppendFolded;
using stdlib::EqualsFolded;

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_VALUE_H_
