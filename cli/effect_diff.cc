#include "cli/effect_diff.h"

#include <algorithm>
#include <optional>

namespace syncrule::cli {
namespace {

using nlohmann::json;

// Returns `effect` without its "event" unless `keep_event`, for display.
std::string Show(const json& effect, bool keep_event) {
  if (keep_event || !effect.is_object() || !effect.contains("event")) return effect.dump();
  json copy = effect;
  copy.erase("event");
  return copy.dump();
}

// Appends "path: expected X, actual Y" lines for the leaves where `expected`
// and `actual` differ. With `whole`, keys only `actual` has count too.
void DiffLeaves(const json& expected, const json& actual, const std::string& path, bool whole,
                std::string* out) {
  if (expected.is_object() && actual.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      std::string child = path.empty() ? key : path + "." + key;
      if (!actual.contains(key)) {
        *out += "      " + child + ": expected " + value.dump() + ", actual has none\n";
      } else {
        DiffLeaves(value, actual[key], child, whole, out);
      }
    }
    if (!whole) return;
    for (const auto& [key, value] : actual.items()) {
      if (expected.contains(key) || (path.empty() && key == "event")) continue;
      std::string child = path.empty() ? key : path + "." + key;
      *out += "      " + child + ": not expected, actual " + value.dump() + "\n";
    }
    return;
  }
  if (expected != actual) {
    *out += "      " + (path.empty() ? std::string("effect") : path) + ": expected " +
            expected.dump() + ", actual " + actual.dump() + "\n";
  }
}

// Scores how alike two effects are: the same rule and action count most,
// then each equal argument. Returns nullopt when neither rule nor action
// agree (then they are not a near miss).
std::optional<int> Likeness(const json& expected, const json& actual) {
  int score = 0;
  bool same_rule = expected.contains("rule") && expected["rule"] == actual.value("rule", json());
  bool same_action =
      expected.contains("action") && expected["action"] == actual.value("action", json());
  if (!same_rule && !same_action) return std::nullopt;
  score += (same_rule ? 100 : 0) + (same_action ? 100 : 0);
  if (expected.contains("args") && expected["args"].is_object() && actual.contains("args")) {
    for (const auto& [key, value] : expected["args"].items()) {
      if (actual["args"].contains(key) && actual["args"][key] == value) ++score;
    }
  }
  return score;
}

// Pairs each expected effect with the first unused actual effect that
// `matches` it. Returns, per expected effect, the actual index or -1.
template <typename Matches>
std::vector<int> Pair(const std::vector<json>& expected, const std::vector<json>& actual,
                      Matches matches) {
  std::vector<int> pairs(expected.size(), -1);
  std::vector<bool> used(actual.size(), false);
  for (size_t e = 0; e < expected.size(); ++e) {
    for (size_t a = 0; a < actual.size(); ++a) {
      if (!used[a] && matches(expected[e], actual[a])) {
        pairs[e] = static_cast<int>(a);
        used[a] = true;
        break;
      }
    }
  }
  return pairs;
}

// Writes the missing and unexpected effects of a failed comparison, with
// near misses explained key by key.
std::string Explain(ExpectMode mode, const std::vector<json>& expected,
                    const std::vector<json>& actual, const std::vector<int>& pairs) {
  std::vector<bool> used(actual.size(), false);
  for (int a : pairs) {
    if (a >= 0) used[a] = true;
  }
  std::string out;
  for (size_t e = 0; e < expected.size(); ++e) {
    if (pairs[e] >= 0) continue;
    out += "  missing effect " + std::to_string(e + 1) + ": " + Show(expected[e], true) + "\n";
    int best = -1, best_score = -1;
    for (size_t a = 0; a < actual.size(); ++a) {
      std::optional<int> score = used[a] ? std::nullopt : Likeness(expected[e], actual[a]);
      if (score && *score > best_score) {
        best = static_cast<int>(a);
        best_score = *score;
      }
    }
    if (best < 0) continue;
    used[best] = true;
    out += "    closest actual effect " + std::to_string(best + 1) + " differs:\n";
    DiffLeaves(expected[e], actual[best], "", mode == ExpectMode::kExact, &out);
  }
  if (mode == ExpectMode::kSubset) return out;
  for (size_t a = 0; a < actual.size(); ++a) {
    if (used[a]) continue;
    out += "  unexpected effect " + std::to_string(a + 1) + ": " + Show(actual[a], false) + "\n";
  }
  return out;
}

}  // namespace

bool ContainsEffect(const json& expected, const json& actual) {
  if (!expected.is_object()) return expected == actual;
  if (!actual.is_object()) return false;
  for (const auto& [key, value] : expected.items()) {
    if (!actual.contains(key) || !ContainsEffect(value, actual[key])) return false;
  }
  return true;
}

bool EqualsEffect(const json& expected, const json& actual) {
  if (!expected.is_object() || !actual.is_object() || expected.contains("event")) {
    return expected == actual;
  }
  json trimmed = actual;
  trimmed.erase("event");
  return expected == trimmed;
}

EffectComparison CompareEffects(ExpectMode mode, const std::vector<json>& expected,
                                const std::vector<json>& actual) {
  EffectComparison result;
  if (mode == ExpectMode::kNone || (mode == ExpectMode::kExact && expected.empty())) {
    result.passed = actual.empty();
    if (!result.passed) result.diff = Explain(ExpectMode::kNone, {}, actual, {});
    if (!result.passed) result.diff = "  expected no effects\n" + result.diff;
    return result;
  }
  std::vector<int> pairs = mode == ExpectMode::kExact
                               ? Pair(expected, actual, EqualsEffect)
                               : Pair(expected, actual, ContainsEffect);
  bool all_found = std::find(pairs.begin(), pairs.end(), -1) == pairs.end();
  if (mode == ExpectMode::kSubset) {
    result.passed = all_found;
  } else {
    bool in_order = actual.size() == expected.size();
    for (size_t e = 0; in_order && e < pairs.size(); ++e) in_order = pairs[e] == static_cast<int>(e);
    result.passed = all_found && in_order;
    if (all_found && actual.size() == expected.size() && !in_order) {
      result.diff = "  the effects are all there but in another order; actual order:\n";
      for (size_t a = 0; a < actual.size(); ++a) {
        result.diff += "    " + std::to_string(a + 1) + ": " + Show(actual[a], false) + "\n";
      }
      return result;
    }
  }
  if (!result.passed) result.diff = Explain(mode, expected, actual, pairs);
  return result;
}

}  // namespace syncrule::cli
