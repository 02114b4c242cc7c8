#include "compiler/jql/ast.h"

#include <array>

namespace syncrule::jql {
namespace {

// Spellings indexed by Operator, in declaration order.
constexpr std::array<const char*, kOperatorCount> kOperatorSpellings = {
    "=",   "!=",      "~",      "!~",         "<",       ">",
    "<=",  ">=",      "IN",     "NOT IN",     "IS",      "IS NOT",
    "WAS", "WAS NOT", "WAS IN", "WAS NOT IN", "CHANGED",
};

// Jira's Operator enum names, which its messages use.
constexpr std::array<const char*, kOperatorCount> kOperatorMessageNames = {
    "EQUALS",
    "NOT_EQUALS",
    "LIKE",
    "NOT_LIKE",
    "LESS_THAN",
    "GREATER_THAN",
    "LESS_THAN_EQUALS",
    "GREATER_THAN_EQUALS",
    "IN",
    "NOT_IN",
    "IS",
    "IS_NOT",
    "WAS",
    "WAS_NOT",
    "WAS_IN",
    "WAS_NOT_IN",
    "CHANGED",
};

constexpr std::array<const char*, 7> kPredicateSpellings = {
    "AFTER", "BEFORE", "ON", "DURING", "BY", "FROM", "TO",
};

}  // namespace

const char* OperatorSpelling(Operator op) {
  const auto index = static_cast<size_t>(op);
  return index < kOperatorSpellings.size() ? kOperatorSpellings[index] : "?";
}

const char* OperatorMessageName(Operator op) {
  const auto index = static_cast<size_t>(op);
  return index < kOperatorMessageNames.size() ? kOperatorMessageNames[index]
                                              : "UNKNOWN";
}

const char* PredicateSpelling(PredicateKind kind) {
  const auto index = static_cast<size_t>(kind);
  return index < kPredicateSpellings.size() ? kPredicateSpellings[index] : "?";
}

}  // namespace syncrule::jql
