// "Did you mean" suggestions for misspelt names: events, fields, actions,
// parameters, functions, consts and maps.

#include <fmt/format.h>

#include "compiler/check/check_internal.h"
#include "compiler/jql/check_spelling.h"

namespace syncrule::check::internal {

std::vector<std::string> Suggest(std::string_view name,
                                 const std::vector<std::string>& candidates,
                                 size_t limit) {
  // Rule names are case-sensitive, so a match ignoring case is the best
  // suggestion; ClosestNames never offers one.
  std::vector<std::string> out;
  for (const std::string& candidate : candidates) {
    if (candidate != name && jql::EqualsIgnoreCase(candidate, name)) {
      out.push_back(candidate);
      break;
    }
  }
  if (!out.empty()) return out;
  // Offer only the closest names: "titel" suggests "title", not also "type".
  std::vector<std::string> close = jql::ClosestNames(name, candidates, limit);
  const int best = close.empty() ? 0 : jql::EditDistance(name, close.front());
  for (std::string& candidate : close) {
    if (jql::EditDistance(name, candidate) == best) out.push_back(std::move(candidate));
  }
  return out;
}

void AddDidYouMean(Diagnostic& diagnostic, SourceRange range,
                   const std::vector<std::string>& suggestions,
                   std::string_view replacement_prefix) {
  if (suggestions.empty()) return;
  std::string names;
  for (const std::string& s : suggestions) {
    names += (names.empty() ? "`" : " or `") + s + "`";
  }
  diagnostic.notes.push_back(fmt::format("did you mean {}?", names));
  diagnostic.fixes.push_back({range,
                              std::string(replacement_prefix) + suggestions[0],
                              fmt::format("replace with `{}`", suggestions[0])});
}

std::string JoinNames(const std::vector<std::string>& names, std::string_view last) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? fmt::format(" {} ", last) : ", ";
    out += "`" + names[i] + "`";
  }
  return out;
}

}  // namespace syncrule::check::internal
