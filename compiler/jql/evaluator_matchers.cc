// Functions answered from the issue JSON itself: cascadeOption(), sprint
// states, released versions, sub-task types, the issue's own links, JSM
// approvals and SLAs.

#include <string>

#include "compiler/jql/evaluator_internal.h"
#include "compiler/jql/evaluator_util.h"

namespace syncrule::jql::eval {
namespace {

using nlohmann::json;

const json* Member(const json* object, std::string_view name) {
  if (object == nullptr || !object->is_object()) return nullptr;
  auto it = object->find(name);
  return it == object->end() || it->is_null() ? nullptr : &*it;
}

bool MemberTrue(const json* object, std::string_view name) {
  const json* member = Member(object, name);
  return member != nullptr && member->is_boolean() && member->get<bool>();
}

std::string MemberText(const json* object, std::string_view name) {
  const json* member = Member(object, name);
  return member == nullptr ? std::string() : JsonScalarText(*member);
}

bool Names(const FieldValue& value, std::string_view text) {
  if (EqualsFolded(value.text, text)) return true;
  for (const std::string& id : value.ids) {
    if (EqualsFolded(id, text)) return true;
  }
  return false;
}

bool ChildNames(const FieldValue& value, std::string_view text) {
  for (const std::string& name : value.child) {
    if (EqualsFolded(name, text)) return true;
  }
  return false;
}

Outcome Yes(bool matched) { return Outcome{matched, ""}; }

Outcome MatchCascade(const FieldValues& values, const QueryValue& query) {
  const std::string& parent = query.args[0];
  if (parent.empty()) return Yes(values.empty());
  for (const FieldValue& value : values) {
    if (!Names(value, parent)) continue;
    if (query.args.size() < 2) return Yes(true);
    const std::string& child = query.args[1];
    if (child.empty() ? value.child.empty() : ChildNames(value, child)) {
      return Yes(true);
    }
  }
  return Yes(false);
}

// Matches values whose state flag equals `state`; a value without the flag
// makes the answer unknowable, which is an error.
Outcome MatchState(const FieldValues& values, const std::string& state,
                   const std::string& what) {
  for (const FieldValue& value : values) {
    if (value.state.empty()) {
      return Outcome{false, what + " '" + value.text + "' carries no state "
                            "in the issue JSON; give --context FILE with the "
                            "function's entry"};
    }
    if (value.state == state) return Yes(true);
  }
  return Yes(false);
}

Outcome MatchReleased(const FieldValues& values, const QueryValue& query,
                      const IssueDocument& issue) {
  if (query.args.size() > 1) {
    FieldValue project = ReadProject(issue);
    bool in_project = false;
    for (size_t i = 1; i < query.args.size(); ++i) {
      in_project = in_project || Names(project, query.args[i]);
    }
    if (!in_project) return Yes(false);
  }
  return MatchState(values, query.args[0], "Version");
}

Outcome MatchSubtask(const FieldValues& values, const QueryValue& query) {
  return MatchState(values, query.args[0], "Issue type");
}

// True when the link `link` connects this issue to `key` with `type` as
// seen from `key` (linkedIssues(key, type) lists key's linked issues).
bool LinkMatches(const json& link, const std::string& key,
                 const std::string& type) {
  const json* outward = Member(&link, "outwardIssue");
  const json* other = outward != nullptr ? outward : Member(&link, "inwardIssue");
  if (other == nullptr) return false;
  if (!EqualsFolded(MemberText(other, "key"), key) &&
      MemberText(other, "id") != key) {
    return false;
  }
  if (type.empty()) return true;
  const json* link_type = Member(&link, "type");
  // This issue links outward to `key`, so `key` sees the inward side.
  std::string seen = MemberText(link_type, outward != nullptr ? "inward"
                                                              : "outward");
  return seen == type || MemberText(link_type, "name") == type;
}

Outcome MatchLinked(const QueryValue& query, const IssueDocument& issue) {
  const json* links = issue.Field("issuelinks");
  if (links == nullptr || !links->is_array()) {
    return Outcome{false, "Function 'linkedIssues()' needs the issue's links: "
                          "include fields.issuelinks, or give --context FILE "
                          "with a \"linkedIssues\" entry for " +
                          query.args[0]};
  }
  const std::string type = query.args.size() > 1 ? query.args[1] : "";
  for (const json& link : *links) {
    if (LinkMatches(link, query.args[0], type)) return Yes(true);
  }
  return Yes(false);
}

// True when one of `users` is an approver of `approval`, whose own decision
// is pending when `pending_only`.
bool HasApprover(const json& approval,
                 const std::vector<std::vector<std::string>>& users,
                 bool pending_only) {
  const json* approvers = Member(&approval, "approvers");
  if (approvers == nullptr || !approvers->is_array()) return false;
  for (const json& entry : *approvers) {
    const json* user = Member(&entry, "approver");
    if (user == nullptr) continue;
    std::string decision = FoldCase(MemberText(&entry, "approverDecision"));
    if (pending_only && decision != "pending") continue;
    for (const std::vector<std::string>& ids : users) {
      if (UserMatches(ids, UserNames(*user))) return true;
    }
  }
  return false;
}

Outcome MatchApproval(const FieldValues& values, const QueryValue& query) {
  const std::string& name = query.args[0];
  for (const FieldValue& approval : values) {
    if (name == "approved" && approval.state == "approved") return Yes(true);
    if (name == "pending" && approval.state == "pending") return Yes(true);
    if (approval.raw == nullptr) continue;
    bool by_user = name == "approver" || name == "myapproval";
    bool pending_by = name == "pendingby" || name == "mypending";
    if (by_user && HasApprover(*approval.raw, query.users, false)) {
      return Yes(true);
    }
    if (pending_by && approval.state == "pending" &&
        HasApprover(*approval.raw, query.users, true)) {
      return Yes(true);
    }
  }
  return Yes(false);
}

// The cycle an SLA's state refers to: the ongoing one, else the last
// completed one.
const json* CurrentCycle(const json& sla) {
  if (const json* ongoing = Member(&sla, "ongoingCycle")) return ongoing;
  const json* completed = Member(&sla, "completedCycles");
  if (completed == nullptr || !completed->is_array() || completed->empty()) {
    return nullptr;
  }
  return &completed->back();
}

bool AnyCycleBreached(const json& sla) {
  if (MemberTrue(Member(&sla, "ongoingCycle"), "breached")) return true;
  const json* completed = Member(&sla, "completedCycles");
  if (completed == nullptr || !completed->is_array()) return false;
  for (const json& cycle : *completed) {
    if (MemberTrue(&cycle, "breached")) return true;
  }
  return false;
}

bool SlaState(const json& sla, const std::string& name) {
  const json* ongoing = Member(&sla, "ongoingCycle");
  if (name == "breached") return MemberTrue(CurrentCycle(sla), "breached");
  if (name == "completed") {
    return ongoing == nullptr && CurrentCycle(sla) != nullptr;
  }
  if (name == "everbreached") return AnyCycleBreached(sla);
  if (name == "paused") return MemberTrue(ongoing, "paused");
  if (name == "running") {
    return ongoing != nullptr && !MemberTrue(ongoing, "paused");
  }
  if (name == "withincalendarhours") {
    return MemberTrue(ongoing, "withinCalendarHours");
  }
  return false;
}

Outcome MatchSla(const FieldValues& values, const QueryValue& query) {
  const std::string& name = query.args[0];
  if (name == "elapsed" || name == "remaining") {
    std::optional<double> millis = SlaMillis(values, name == "remaining");
    return Yes(millis && query.number && *millis == *query.number);
  }
  for (const FieldValue& value : values) {
    if (value.raw != nullptr && SlaState(*value.raw, name)) return Yes(true);
  }
  return Yes(false);
}

}  // namespace

std::optional<double> SlaMillis(const FieldValues& values, bool remaining) {
  for (const FieldValue& value : values) {
    if (value.raw == nullptr) continue;
    const json* cycle = CurrentCycle(*value.raw);
    const json* time =
        Member(cycle, remaining ? "remainingTime" : "elapsedTime");
    const json* millis = Member(time, "millis");
    if (millis != nullptr && millis->is_number()) return millis->get<double>();
  }
  return std::nullopt;
}

Outcome MatchSpecial(const FieldInfo& field, const FieldValues& values,
                     const QueryValue& query, const IssueDocument& issue,
                     const Plan& plan) {
  if (query.args.empty()) return Outcome{};
  switch (query.matcher) {
    case MatcherKind::kCascade: return MatchCascade(values, query);
    case MatcherKind::kSprintState:
      return MatchState(values, query.args[0], "Sprint");
    case MatcherKind::kVersionReleased:
      return MatchReleased(values, query, issue);
    case MatcherKind::kSubtaskType: return MatchSubtask(values, query);
    case MatcherKind::kLinkedTo: return MatchLinked(query, issue);
    case MatcherKind::kApproval: return MatchApproval(values, query);
    case MatcherKind::kSla: return MatchSla(values, query);
    case MatcherKind::kNone: break;
  }
  return Outcome{};
}

}  // namespace syncrule::jql::eval
