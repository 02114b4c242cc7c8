#include "runtime/builtins.h"

#include <cctype>
#include <cmath>
#include <cstring>

#include "stdlib/jql_time.h"

namespace syncrule::runtime {
namespace {

using stdlib::Builtin;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Builds a list in the arena from parts collected in a fixed scratch.
Value MakeList(const std::vector<Value>& items, Arena& arena) {
  auto* copy = arena.AllocateArray<Value>(items.size());
  if (copy == nullptr) return Value::Null();
  std::copy(items.begin(), items.end(), copy);
  return Value::List(copy, static_cast<uint32_t>(items.size()));
}

std::vector<Value>& Scratch() {
  thread_local std::vector<Value> scratch;
  scratch.clear();
  return scratch;
}

bool IsEmptyValue(const Value& v) {
  if (v.is_null()) return true;
  if (v.is_string()) return v.size == 0;
  if (v.tag == ValueTag::kList || v.tag == ValueTag::kObject) return v.size == 0;
  if (v.tag == ValueTag::kJson) return LengthOf(v) == 0;
  return false;
}

Value Split(const Value& s, const Value& sep, Arena& arena) {
  if (!s.is_string() || !sep.is_string()) return Value::Null();
  std::vector<Value>& parts = Scratch();
  std::string_view text = s.str();
  std::string_view separator = sep.str();
  auto add = [&](std::string_view part) {
    part = Trim(part);
    if (!part.empty()) parts.push_back(Value::String(part));
  };
  if (separator.empty()) {
    add(text);
  } else {
    size_t start = 0;
    while (true) {
      size_t end = text.find(separator, start);
      if (end == std::string_view::npos) {
        add(text.substr(start));
        break;
      }
      add(text.substr(start, end - start));
      start = end + separator.size();
    }
  }
  return MakeList(parts, arena);
}

Value Join(const Value& list, const Value& sep, Arena& arena) {
  std::optional<ValueSpan> items = ListItems(list, arena);
  if (!items || !(sep.is_string() || sep.is_null())) return Value::Null();
  std::string out;
  for (uint32_t i = 0; i < items->size; ++i) {
    if (i > 0) out.append(sep.str());
    AppendStringForm(items->items[i], &out);
  }
  return Value::String(arena.CopyString(out));
}

Value Upper(const Value& s, Arena& arena) {
  if (!s.is_string()) return Value::Null();
  char* out = arena.AllocateArray<char>(s.size);
  if (out == nullptr) return Value::Null();
  for (uint32_t i = 0; i < s.size; ++i) {
    char c = s.s[i];
    out[i] = c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
  }
  return Value::String(std::string_view(out, s.size));
}

Value Contains(const Value& a, const Value& b, Arena& arena) {
  if (a.is_string()) {
    if (!b.is_string()) return Value::Bool(false);
    return Value::Bool(a.str().find(b.str()) != std::string_view::npos);
  }
  std::optional<ValueSpan> items = ListItems(a, arena);
  if (!items) return Value::Bool(false);
  for (uint32_t i = 0; i < items->size; ++i) {
    if (ValuesEqual(items->items[i], b)) return Value::Bool(true);
  }
  return Value::Bool(false);
}

Value Replace(const Value& s, const Value& from, const Value& to, Arena& arena) {
  if (!s.is_string() || !from.is_string()) return Value::Null();
  if (from.size == 0) return s;
  std::string out;
  std::string_view text = s.str();
  std::string_view needle = from.str();
  size_t start = 0;
  while (true) {
    size_t at = text.find(needle, start);
    if (at == std::string_view::npos) break;
    out.append(text.substr(start, at - start));
    AppendStringForm(to, &out);
    start = at + needle.size();
  }
  out.append(text.substr(start));
  return Value::String(arena.CopyString(out));
}

std::optional<int64_t> TimeOf(const Value& v) {
  if (v.tag == ValueTag::kTime || v.tag == ValueTag::kInt) return v.i;
  if (v.is_string()) return stdlib::ParseIsoInstant(v.str());
  return std::nullopt;
}

Value Number(const Value& v) {
  if (v.is_number()) return v;
  if (v.tag == ValueTag::kTime) return Value::Int(v.i);
  if (!v.is_string()) return Value::Null();
  std::string_view text = Trim(v.str());
  if (text.empty() || text.size() > 64) return Value::Null();
  char buffer[72];
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  char* end = nullptr;
  double d = std::strtod(buffer, &end);
  if (end != buffer + text.size() || !std::isfinite(d)) return Value::Null();
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '+' &&
        c != '.' && c != 'e' && c != 'E') {
      return Value::Null();
    }
  }
  if (d == std::floor(d) && std::fabs(d) < 9e15) return Value::Int(static_cast<int64_t>(d));
  return Value::Double(d);
}

Value FirstOrLast(const Value& list, bool last, Arena& arena) {
  std::optional<ValueSpan> items = ListItems(list, arena);
  if (!items || items->size == 0) return Value::Null();
  return items->items[last ? items->size - 1 : 0];
}

Value UserByEmail(const Value& email, Arena& arena) {
  if (!email.is_string()) return Value::Null();
  auto* entry = arena.AllocateArray<ObjectEntry>(1);
  if (entry == nullptr) return Value::Null();
  entry->key = "email";
  entry->value = email;
  return Value::Object(entry, 1);
}

}  // namespace

std::optional<int64_t> ParseDurationMs(std::string_view text) {
  text = Trim(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  int64_t total = 0;
  while (!text.empty()) {
    while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
    if (text.empty()) break;
    int64_t n = 0;
    size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) {
      if (n > 1'000'000'000) return std::nullopt;
      n = n * 10 + (text[digits] - '0');
      ++digits;
    }
    if (digits == 0 || digits >= text.size()) return std::nullopt;
    int64_t unit = 0;
    switch (std::tolower(static_cast<unsigned char>(text[digits]))) {
      case 'w': unit = 7LL * 24 * 3600 * 1000; break;
      case 'd': unit = 24LL * 3600 * 1000; break;
      case 'h': unit = 3600LL * 1000; break;
      case 'm': unit = 60LL * 1000; break;
      case 's': unit = 1000; break;
      default: return std::nullopt;
    }
    total += n * unit;
    if (total > (int64_t{1} << 52)) return std::nullopt;
    text.remove_prefix(digits + 1);
  }
  return negative ? -total : total;
}

Value CallBuiltin(Builtin id, const Value* a, uint32_t argc, BuiltinContext& c) {
  Arena& arena = *c.arena;
  switch (id) {
    case Builtin::kSplit: return Split(a[0], a[1], arena);
    case Builtin::kJoin: return Join(a[0], a[1], arena);
    case Builtin::kLower:
      return a[0].is_string() ? Value::String(FoldCase(a[0].str(), arena)) : Value::Null();
    case Builtin::kUpper: return Upper(a[0], arena);
    case Builtin::kTrim:
      return a[0].is_string() ? Value::String(Trim(a[0].str())) : Value::Null();
    case Builtin::kContains: return Contains(a[0], a[1], arena);
    case Builtin::kStartsWith:
      if (!a[0].is_string() || !a[1].is_string()) return Value::Bool(false);
      return Value::Bool(a[0].str().substr(0, a[1].size) == a[1].str());
    case Builtin::kEndsWith:
      if (!a[0].is_string() || !a[1].is_string() || a[1].size > a[0].size) {
        return Value::Bool(false);
      }
      return Value::Bool(a[0].str().substr(a[0].size - a[1].size) == a[1].str());
    case Builtin::kReplace: return Replace(a[0], a[1], a[2], arena);
    case Builtin::kLen: return Value::Int(LengthOf(a[0]));
    case Builtin::kNow: return Value::Time(c.now_ms);
    case Builtin::kDuration: {
      if (!a[0].is_string()) return Value::Null();
      std::optional<int64_t> ms = ParseDurationMs(a[0].str());
      return ms ? Value::Int(*ms) : Value::Null();
    }
    case Builtin::kAddDuration: {
      std::optional<int64_t> t = TimeOf(a[0]);
      std::optional<int64_t> d;
      if (a[1].is_string()) d = ParseDurationMs(a[1].str());
      if (a[1].tag == ValueTag::kInt) d = a[1].i;
      if (!t || !d) return Value::Null();
      return Value::Time(*t + *d);
    }
    case Builtin::kFormatTime: {
      std::optional<int64_t> t = TimeOf(a[0]);
      if (!t) return Value::Null();
      return Value::String(arena.CopyString(stdlib::FormatIsoInstant(*t)));
    }
    case Builtin::kParseTime: {
      if (!a[0].is_string()) return a[0].tag == ValueTag::kTime ? a[0] : Value::Null();
      std::optional<int64_t> t = stdlib::ParseIsoInstant(a[0].str());
      return t ? Value::Time(*t) : Value::Null();
    }
    case Builtin::kCoalesce:
      for (uint32_t i = 0; i < argc; ++i) {
        if (!IsEmptyValue(a[i])) return a[i];
      }
      return Value::Null();
    case Builtin::kDefault: return IsEmptyValue(a[0]) ? a[1] : a[0];
    case Builtin::kToString: return Value::String(StringForm(a[0], arena));
    case Builtin::kToNumber: return Number(a[0]);
    case Builtin::kFirst: return FirstOrLast(a[0], false, arena);
    case Builtin::kLast: return FirstOrLast(a[0], true, arena);
    case Builtin::kUserByEmail: return UserByEmail(a[0], arena);
    case Builtin::kRegexMatch:
    case Builtin::kRegexExtract:
    case Builtin::kExtractAll:
      return Value::Null();  // CALL_RE only; the verifier refuses CALL
  }
  return Value::Null();
}

Value CallRegexBuiltin(Builtin id, const Value& subject, const RE2& re,
                       BuiltinContext& c) {
  if (!subject.is_string()) {
    return id == Builtin::kRegexMatch ? Value::Bool(false) : Value::Null();
  }
  re2::StringPiece text(subject.s, subject.size);
  switch (id) {
    case Builtin::kRegexMatch:
      return Value::Bool(RE2::PartialMatch(text, re));
    case Builtin::kRegexExtract: {
      re2::StringPiece groups[2];
      int n = re.NumberOfCapturingGroups() >= 1 ? 2 : 1;
      if (!re.Match(text, 0, text.size(), RE2::UNANCHORED, groups, n)) {
        return Value::Null();
      }
      re2::StringPiece found = groups[n - 1];
      if (found.data() == nullptr) return Value::Null();
      return Value::String(std::string_view(found.data(), found.size()));
    }
    case Builtin::kExtractAll: {
      std::vector<Value>& out = Scratch();
      int n = re.NumberOfCapturingGroups() >= 1 ? 2 : 1;
      size_t pos = 0;
      re2::StringPiece groups[2];
      while (pos <= text.size() && out.size() < kMaxExtractMatches) {
        if (!re.Match(text, pos, text.size(), RE2::UNANCHORED, groups, n)) break;
        re2::StringPiece found = groups[n - 1];
        if (found.data() != nullptr) {
          Value v = Value::String(std::string_view(found.data(), found.size()));
          bool seen = false;
          for (const Value& prior : out) seen = seen || prior.str() == v.str();
          if (!seen) out.push_back(v);
        }
        size_t end = static_cast<size_t>(groups[0].data() - text.data()) + groups[0].size();
        pos = groups[0].size() == 0 ? end + 1 : end;
      }
      return MakeList(out, *c.arena);
    }
    default:
      return Value::Null();
  }
}

}  // namespace syncrule::runtime
