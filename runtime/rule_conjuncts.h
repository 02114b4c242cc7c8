#ifndef SYNCRULE_RUNTIME_RULE_CONJUNCTS_H_
#define SYNCRULE_RUNTIME_RULE_CONJUNCTS_H_

// Finding, in a rule's verified bytecode, the tests the rule cannot match
// without: an equality, set membership, JQL value test, regex or substring
// test on one event attribute, followed by a conditional jump, such that
// every path from the rule's entry to RETURN passes through the test's
// true exit. Where no single test is needed, a group of alternatives may
// be: `a == "x" or b in [...]` needs one of its two tests, since no path
// to RETURN avoids both true exits. The rule index (rule_index.h) answers
// these tests for all rules at once, so rules whose tests fail are never
// run.
//
// The analysis reads the bytecode, not what the compiler says about it:
// a module from anywhere is indexed, and an index cannot disagree with the
// code it stands for.

#include <cstdint>
#include <vector>

#include "runtime/instruction.h"
#include "runtime/module.h"

namespace syncrule::runtime {

// Where a tested value comes from.
enum class AttributeKind : uint8_t {
  kField,     // LOAD_FIELD: an event field of the schema
  kPath,      // LOAD_PATH: a raw payload path
  kJqlField,  // JQL_LOAD in the current view: a JQL field's values
};

// What a necessary test checks of the attribute's value.
enum class ConjunctTest : uint8_t {
  kEqualsString,  // EQ_CONST with a string constant: the value is that string
  kInSet,         // IN_SET: string(value), or some string item, is in the set
  kJqlAnyIn,      // JQL_ANY_IN: some value's folded name is in the set
  kRegex,         // MATCH: the value is a string the regex matches
  kContains,      // contains(value, "literal") with a string constant
  kCompare,       // GT, GE, LT or LE against a number constant
  kHasItem,       // "literal" IN value: a list item equal to the string
                  // (or, for a string or object, a substring or key)
};

// One necessary test of a rule.
struct Conjunct {
  AttributeKind kind = AttributeKind::kField;
  // The field, path or JQL field index.
  uint32_t attribute = 0;
  ConjunctTest test = ConjunctTest::kInSet;
  // The constant (kEqualsString, kContains, kHasItem), set (kInSet,
  // kJqlAnyIn) or regex (kRegex) index.
  uint32_t operand = 0;
  // The test's first instruction: the one that loads the attribute, or
  // for kHasItem the PUSH_CONST of the literal before it.
  uint32_t pc = 0;
  // kCompare: the comparison (the value on the left) and the number on the
  // right, exactly representable as a double (|n| <= 2^53).
  Opcode compare = Opcode::kGT;
  double threshold = 0;
  // The clause the test belongs to, numbered from 0 in the order of the
  // clauses' first tests. The rule needs every clause, and one test of
  // each: a clause of one test is that test, a clause of several is a
  // group of alternatives.
  uint32_t clause = 0;
  // True when the clause has other tests: this one alone is not needed.
  bool alternative = false;
};

// The most tests FindConjuncts weighs as alternatives in one rule; a rule
// with more is indexed by its single necessary tests only.
inline constexpr size_t kMaxAlternativeTests = 24;

// Returns the necessary tests of rule `rule` of `image`, in code order,
// and groups of alternatives among the rest (each group minimal: without
// any one of its tests, RETURN could be reached). `image` must be
// verified.
std::vector<Conjunct> FindConjuncts(const ModuleImage& image, uint32_t rule);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_RULE_CONJUNCTS_H_
