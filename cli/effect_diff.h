#ifndef SYNCRULE_CLI_EFFECT_DIFF_H_
#define SYNCRULE_CLI_EFFECT_DIFF_H_

// Compares the effects a test case produced with the ones it expects, and
// explains the difference: effects missing, effects not expected, and for
// a missing effect the closest actual one with the keys that differ.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/rule_test_file.h"

namespace syncrule::cli {

// The outcome of a comparison.
struct EffectComparison {
  bool passed = true;
  // What differs, several lines, each indented by two spaces; empty when
  // the comparison passed.
  std::string diff;
};

// Returns true when `actual` has every key of `expected` with the same
// value, recursively into objects; lists and scalars compare whole.
bool ContainsEffect(const nlohmann::json& expected, const nlohmann::json& actual);

// Returns true when `actual` equals `expected`, ignoring the actual
// effect's "event" when the expected one does not give it.
bool EqualsEffect(const nlohmann::json& expected, const nlohmann::json& actual);

// Compares `actual` (effects as `syncrule run` prints them) with `expected`
// under `mode`: exact (the same effects in the same order), subset (each
// expected effect is contained in a distinct actual one) or none.
EffectComparison CompareEffects(ExpectMode mode, const std::vector<nlohmann::json>& expected,
                                const std::vector<nlohmann::json>& actual);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_EFFECT_DIFF_H_
