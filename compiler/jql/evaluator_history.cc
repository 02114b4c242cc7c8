// WAS, WAS NOT, WAS IN, WAS NOT IN and CHANGED, answered from the issue's
// change history. A field's timeline is rebuilt from its change items: the
// value before the first change is that change's `from` (or the current
// value when the field never changed), held since the issue was created;
// each change's `to` is held from the change until the next one.

#include <algorithm>
#include <string>

#include "compiler/jql/evaluator_internal.h"
#include "compiler/jql/evaluator_util.h"
#include "stdlib/jql_time.h"

namespace syncrule::jql::eval {
namespace {

using nlohmann::json;
using Names = std::vector<std::string>;

// A value the field held during [start, end), set by `setter`.
struct HeldValue {
  Names names;  // empty: the field was empty
  int64_t start = kMinTime;
  int64_t end = kMaxTime;
  const json* setter = nullptr;
};

// One change item of the field, with its entry's time and author.
struct Change {
  int64_t at = 0;
  const json* author = nullptr;
  const HistoryItem* item = nullptr;
};

void AddName(Names* names, const std::string& name) {
  if (!name.empty()) names->push_back(name);
}

Names FromNames(const HistoryItem& item) {
  Names names;
  AddName(&names, item.from);
  AddName(&names, item.from_string);
  AddName(&names, item.from_account_id);
  return names;
}

Names ToNames(const HistoryItem& item) {
  Names names;
  AddName(&names, item.to);
  AddName(&names, item.to_string);
  AddName(&names, item.to_account_id);
  return names;
}

bool Overlap(const Names& a, const Names& b) {
  for (const std::string& x : a) {
    for (const std::string& y : b) {
      if (EqualsFolded(x, y)) return true;
    }
  }
  return false;
}

bool ItemIsFor(const HistoryItem& item, const FieldInfo& field) {
  if (!item.field_id.empty() && !field.json_key.empty()) {
    return item.field_id == field.json_key;
  }
  for (const std::string& name : field.history_names) {
    if (EqualsFolded(item.field, name)) return true;
  }
  if (!field.history_names.empty()) return false;
  return EqualsFolded(item.field, field.name) ||
         (!field.json_key.empty() && EqualsFolded(item.field, field.json_key));
}

std::vector<Change> ChangesOf(const FieldInfo& field,
                              const IssueDocument& issue) {
  std::vector<Change> changes;
  for (const HistoryEntry& entry : issue.history()) {
    for (const HistoryItem& item : entry.items) {
      if (ItemIsFor(item, field)) {
        changes.push_back(Change{entry.created_ms, &entry.author, &item});
      }
    }
  }
  return changes;
}

std::vector<Names> CurrentValues(const FieldInfo& field,
                                 const IssueDocument& issue,
                                 const Plan& plan) {
  std::string ignored;
  std::vector<Names> out;
  for (const FieldValue& value : ReadField(field, issue, plan, &ignored)) {
    Names names = value.ids;
    names.push_back(value.text);
    out.push_back(std::move(names));
  }
  return out;
}

int64_t CreatedAt(const IssueDocument& issue) {
  const json* created = issue.Field("created");
  if (created != nullptr && created->is_string()) {
    if (auto at = stdlib::ParseIsoInstant(created->get<std::string>())) {
      return *at;
    }
  }
  return kMinTime;
}

// Who set the values an issue was created with: its creator, else its
// reporter.
const json* Creator(const IssueDocument& issue) {
  const json* creator = issue.Field("creator");
  return creator != nullptr ? creator : issue.Field("reporter");
}

Names Joined(const std::vector<Names>& values) {
  Names names;
  for (const Names& value : values) {
    names.insert(names.end(), value.begin(), value.end());
  }
  return names;
}

std::vector<HeldValue> SingleTimeline(const std::vector<Change>& changes,
                                      const std::vector<Names>& current,
                                      const IssueDocument& issue) {
  int64_t created = CreatedAt(issue);
  if (changes.empty()) {
    return {HeldValue{Joined(current), created, kMaxTime, Creator(issue)}};
  }
  std::vector<HeldValue> held;
  held.push_back(HeldValue{FromNames(*changes.front().item), created,
                           changes.front().at, Creator(issue)});
  for (size_t i = 0; i < changes.size(); ++i) {
    int64_t end = i + 1 < changes.size() ? changes[i + 1].at : kMaxTime;
    held.push_back(HeldValue{ToNames(*changes[i].item), changes[i].at, end,
                             changes[i].author});
  }
  // The current value is what the last change set; its JSON adds ids.
  Names now = Joined(current);
  held.back().names.insert(held.back().names.end(), now.begin(), now.end());
  return held;
}

// Undoes every change on the current set to find the set the issue was
// created with (multi-valued fields log one item per added/removed value).
std::vector<Names> InitialSet(const std::vector<Change>& changes,
                              std::vector<Names> set) {
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    Names to = ToNames(*it->item);
    if (!to.empty()) {
      auto found = std::find_if(set.begin(), set.end(), [&](const Names& v) {
        return Overlap(v, to);
      });
      if (found != set.end()) set.erase(found);
    }
    Names from = FromNames(*it->item);
    if (!from.empty()) set.push_back(from);
  }
  return set;
}

// Per-value intervals of a multi-valued field (fixVersion, components),
// plus intervals where the set was empty.
class SetTimeline {
 public:
  SetTimeline(const std::vector<Names>& initial, int64_t created,
              const json* creator) {
    for (const Names& value : initial) {
      open_.push_back(HeldValue{value, created, kMaxTime, creator});
    }
    if (open_.empty()) empty_since_ = created;
  }

  void Apply(const Change& change) {
    Names from = FromNames(*change.item);
    Names to = ToNames(*change.item);
    if (!from.empty()) Close(from, change.at);
    if (!to.empty()) Open(to, change.at, change.author);
  }

  std::vector<HeldValue> Finish(const std::vector<Names>& current) {
    for (HeldValue& value : open_) {
      for (const Names& now : current) {
        if (Overlap(value.names, now)) {
          value.names.insert(value.names.end(), now.begin(), now.end());
        }
      }
      held_.push_back(std::move(value));
    }
    if (empty_since_) held_.push_back(HeldValue{{}, *empty_since_, kMaxTime});
    return std::move(held_);
  }

 private:
  void Close(const Names& value, int64_t at) {
    auto found = std::find_if(open_.begin(), open_.end(), [&](const auto& v) {
      return Overlap(v.names, value);
    });
    if (found == open_.end()) return;
    found->end = at;
    held_.push_back(std::move(*found));
    open_.erase(found);
    if (open_.empty()) empty_since_ = at;
  }

  void Open(const Names& value, int64_t at, const json* author) {
    if (open_.empty() && empty_since_) {
      held_.push_back(HeldValue{{}, *empty_since_, at});
      empty_since_.reset();
    }
    open_.push_back(HeldValue{value, at, kMaxTime, author});
  }

  std::vector<HeldValue> open_;
  std::vector<HeldValue> held_;
  std::optional<int64_t> empty_since_;
};

std::vector<HeldValue> Timeline(const FieldInfo& field,
                                const IssueDocument& issue,
                                const Plan& plan) {
  std::vector<Change> changes = ChangesOf(field, issue);
  std::vector<Names> current = CurrentValues(field, issue, plan);
  if (!field.multi_valued) return SingleTimeline(changes, current, issue);
  SetTimeline timeline(InitialSet(changes, current), CreatedAt(issue),
                       Creator(issue));
  for (const Change& change : changes) timeline.Apply(change);
  return timeline.Finish(current);
}

// True when `names` (a held value or a change side) is the operand value.
bool NamesMatch(const Names& names, const QueryValue& query) {
  switch (query.kind) {
    case ValueKind::kEmpty: return names.empty();
    case ValueKind::kUser: return UserMatches(query.user_ids, names);
    case ValueKind::kText: return Overlap(names, Names{query.text});
    default: return false;
  }
}

bool AnyNamesMatch(const Names& names, const QueryValues& values) {
  for (const QueryValue& value : values) {
    if (NamesMatch(names, value)) return true;
  }
  return false;
}

// True when `user` (a Jira user object) is one of the BY users.
bool ByMatches(const json* user, const HistoryFilter& filter) {
  if (!filter.has_by) return true;
  if (user == nullptr || user->is_null()) return false;
  Names names = UserNames(*user);
  for (const QueryValue& by : filter.by) {
    Names ids = by.kind == ValueKind::kUser ? by.user_ids : Names{by.text};
    if (UserMatches(ids, names)) return true;
  }
  return false;
}

bool Held(const std::vector<HeldValue>& timeline, const QueryValue& query,
          const HistoryFilter& filter) {
  for (const HeldValue& value : timeline) {
    // A value replaced in the instant it was set was never held.
    if (value.start >= value.end) continue;
    bool in_window = value.start < filter.window.end &&
                     value.end > filter.window.begin;
    if (in_window && NamesMatch(value.names, query) &&
        ByMatches(value.setter, filter)) {
      return true;
    }
  }
  return false;
}

Outcome EvaluateWas(const Term& term, const IssueDocument& issue,
                    const Plan& plan) {
  std::vector<HeldValue> timeline = Timeline(*term.field, issue, plan);
  bool any = false;
  for (const QueryValue& query : term.values) {
    any = any || Held(timeline, query, term.history);
  }
  bool negated = term.op == Operator::kWasNot || term.op == Operator::kWasNotIn;
  return Outcome{negated ? !any : any, ""};
}

bool ChangeMatches(const Change& change, const HistoryFilter& filter) {
  if (change.at < filter.window.begin || change.at >= filter.window.end) {
    return false;
  }
  if (filter.has_from && !AnyNamesMatch(FromNames(*change.item), filter.from)) {
    return false;
  }
  if (filter.has_to && !AnyNamesMatch(ToNames(*change.item), filter.to)) {
    return false;
  }
  return ByMatches(change.author, filter);
}

Outcome EvaluateChanged(const Term& term, const IssueDocument& issue) {
  for (const Change& change : ChangesOf(*term.field, issue)) {
    if (ChangeMatches(change, term.history)) return Outcome{true, ""};
  }
  return Outcome{};
}

}  // namespace

Outcome EvaluateHistory(const Term& term, const IssueDocument& issue,
                        const Plan& plan) {
  if (term.op == Operator::kChanged) return EvaluateChanged(term, issue);
  return EvaluateWas(term, issue, plan);
}

}  // namespace syncrule::jql::eval
