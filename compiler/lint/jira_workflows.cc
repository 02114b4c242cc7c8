// Workflow checks (SL204): jira.transition(to = ...) from every status the
// issue can be in, jira.transition(transitions = [...]) as a path, and the
// `status` of jira.create_issue from the workflow's initial status. When a
// single transition cannot do it, the diagnostic names a path that can.

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>

#include "compiler/jql/check_spelling.h"
#include "compiler/lint/jira_lint_internal.h"

namespace syncrule::lint::internal {
namespace {

using check::IrExpr;
using check::IrKind;
using nlohmann::json;
using Transition = Workflow::Transition;

bool Same(const std::string& a, const std::string& b) {
  return jql::EqualsIgnoreCase(a, b);
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& known) { return Same(known, name); });
}

// Returns true when taking `transition` answers the request `target`: it
// is called `target` or it ends in status `target`.
bool Answers(const Transition& transition, const std::string& target) {
  return Same(transition.to, target) || Same(transition.name, target);
}

// Returns the transitions Jira offers while the issue is in `status`.
std::vector<const Transition*> OutOf(const Workflow& workflow,
                                     const std::string& status) {
  std::vector<const Transition*> out;
  for (const Transition& transition : workflow.transitions) {
    if (transition.from.empty() || Contains(transition.from, status))
      out.push_back(&transition);
  }
  return out;
}

const Transition* StepTo(const Workflow& workflow, const std::string& status,
                         const std::string& target) {
  for (const Transition* transition : OutOf(workflow, status)) {
    if (Answers(*transition, target)) return transition;
  }
  return nullptr;
}

// Returns true when `workflow` has a status or a transition called `name`.
bool Knows(const Workflow& workflow, const std::string& name) {
  if (Contains(workflow.statuses, name)) return true;
  return std::any_of(
      workflow.transitions.begin(), workflow.transitions.end(),
      [&](const Transition& transition) { return Same(transition.name, name); });
}

// Returns the shortest list of transitions from `from` that answers
// `target`, or an empty list when none does.
std::vector<const Transition*> PathTo(const Workflow& workflow, const std::string& from,
                                      const std::string& target) {
  std::map<std::string, std::vector<const Transition*>> path_to;  // by lower-cased status
  std::deque<std::string> queue{from};
  path_to[jql::ToLowerAscii(from)] = {};
  while (!queue.empty()) {
    const std::string status = queue.front();
    queue.pop_front();
    const std::vector<const Transition*> so_far = path_to[jql::ToLowerAscii(status)];
    for (const Transition* transition : OutOf(workflow, status)) {
      std::vector<const Transition*> path = so_far;
      path.push_back(transition);
      if (Answers(*transition, target)) return path;
      if (path_to.emplace(jql::ToLowerAscii(transition->to), path).second) {
        queue.push_back(transition->to);
      }
    }
  }
  return {};
}

// Returns "Open → In Progress → Done".
std::string PathText(const std::string& from,
                     const std::vector<const Transition*>& path) {
  std::string out = from;
  for (const Transition* transition : path) out += " → " + transition->to;
  return out;
}

json TransitionNames(const std::vector<const Transition*>& path) {
  json names = json::array();
  for (const Transition* transition : path) names.push_back(transition->name);
  return names;
}

// The statuses the issue may be in where the action runs, and why.
struct Possible {
  std::vector<std::string> statuses;
  std::string why;
};

std::vector<std::string> ReachableFrom(const Workflow& workflow,
                                       const std::string& start) {
  std::vector<std::string> seen{start};
  for (size_t i = 0; i < seen.size(); ++i) {
    for (const Transition* transition : OutOf(workflow, seen[i])) {
      if (!Contains(seen, transition->to)) seen.push_back(transition->to);
    }
  }
  return seen;
}

Possible PossibleStatuses(const Workflow& workflow, const StatusPins& pins) {
  if (!pins.statuses.empty()) {
    Possible possible{{}, "the rule's conditions pin the status"};
    for (const std::string& status : workflow.statuses) {
      if (Contains(pins.statuses, status)) possible.statuses.push_back(status);
    }
    return possible;
  }
  if (!workflow.initial_status.empty() && pins.just_created) {
    return {{workflow.initial_status},
            fmt::format("a new issue is in \"{}\"", workflow.initial_status)};
  }
  if (!workflow.initial_status.empty()) {
    return {ReachableFrom(workflow, workflow.initial_status),
            fmt::format("any status reachable from \"{}\"", workflow.initial_status)};
  }
  Possible possible{{}, "any status the snapshot lists transitions out of"};
  for (const Transition& transition : workflow.transitions) {
    for (const std::string& from : transition.from) {
      if (!Contains(possible.statuses, from)) possible.statuses.push_back(from);
    }
  }
  return possible;
}

std::string InWorkflow(const JiraSnapshot& jira, const Workflow& workflow) {
  return jira.workflows.size() > 1 ? fmt::format(" in workflow \"{}\"", workflow.name)
                                   : "";
}

// Every status and transition name of the snapshot, for suggestions.
std::vector<std::string> AllNames(const JiraSnapshot& jira, bool statuses) {
  std::vector<std::string> names;
  for (const Workflow& workflow : jira.workflows) {
    if (statuses)
      names.insert(names.end(), workflow.statuses.begin(), workflow.statuses.end());
    for (const Transition& transition : workflow.transitions)
      names.push_back(transition.name);
  }
  return names;
}

class TransitionCheck {
 public:
  TransitionCheck(const ActionSite& site, const JiraSnapshot& jira)
      : site_(site), jira_(jira) {}

  void Run() {
    if (jira_.workflows.empty()) return;
    if (site_.action->decl->name == "jira.create_issue") {
      CheckCreateStatus();
      return;
    }
    if (const IrExpr* to = FindArg(*site_.action, "to")) CheckTo(*to);
    if (const IrExpr* list = FindArg(*site_.action, "transitions")) CheckList(*list);
  }

 private:
  // Returns the workflows that know `name`; reports SL204 when none does.
  std::vector<const Workflow*> WorkflowsKnowing(
      const std::string& name, SourceRange range,
      const std::vector<std::string>& projects) {
    std::vector<const Workflow*> found;
    for (const Workflow& workflow : jira_.workflows) {
      const bool in_project = projects.empty() || workflow.projects.empty() ||
                              std::any_of(projects.begin(), projects.end(), [&](auto& p) {
                                return Contains(workflow.projects, p);
                              });
      if (in_project && Knows(workflow, name)) found.push_back(&workflow);
    }
    if (found.empty()) ReportUnknownName(name, range);
    return found;
  }

  void ReportUnknownName(const std::string& name, SourceRange range) {
    Diagnostic& d = site_.diagnostics->Error(
        codes::kUnreachableStatus, range,
        fmt::format(
            "No workflow in the Jira snapshot has a status or transition called \"{}\".",
            name));
    const std::vector<std::string> close =
        jql::ClosestNames(name, AllNames(jira_, true), 1);
    if (!close.empty()) {
      AddFix(d, range, RuleText(json(close[0])), "did you mean");
    }
  }

  // Each value of a map `to` looks up must be a status or transition.
  void CheckMapTargets(const IrExpr& to) {
    const std::vector<std::string> known = AllNames(jira_, true);
    for (const auto& [key, value] : MapStringValues(*site_.program, to)) {
      if (std::any_of(jira_.workflows.begin(), jira_.workflows.end(),
                      [&](const Workflow& workflow) { return Knows(workflow, value); })) {
        continue;
      }
      Diagnostic& d = site_.diagnostics->Error(
          codes::kUnreachableStatus, to.span.range,
          fmt::format("Map `{}` gives \"{}\" for \"{}\", but no workflow in the Jira "
                      "snapshot has a status or transition called \"{}\".",
                      to.name, value, key, value));
      const std::vector<std::string> close = jql::ClosestNames(value, known, 1);
      if (!close.empty())
        d.notes.push_back(fmt::format("did you mean \"{}\"?", close[0]));
    }
  }

  void CheckTo(const IrExpr& to) {
    CheckMapTargets(to);
    const std::optional<json> target = ConstantOf(to);
    if (!target || !target->is_string()) return;
    for (const Workflow* workflow :
         WorkflowsKnowing(target->get<std::string>(), to.span.range, {})) {
      CheckToIn(*workflow, to, target->get<std::string>());
    }
  }

  void CheckToIn(const Workflow& workflow, const IrExpr& to, const std::string& target) {
    const Possible possible = PossibleStatuses(workflow, site_.pins);
    std::vector<std::string> stuck;
    size_t others = 0;
    for (const std::string& status : possible.statuses) {
      if (Same(status, target)) continue;
      ++others;
      if (StepTo(workflow, status, target) == nullptr) stuck.push_back(status);
    }
    if (stuck.empty()) return;
    const std::string message = fmt::format(
        "Jira cannot move the issue to \"{}\" in one transition while it is in {}{}.",
        target, QuotedList(stuck), InWorkflow(jira_, workflow));
    Diagnostic& d =
        stuck.size() == others
            ? site_.diagnostics->Error(codes::kUnreachableStatus, to.span.range, message)
            : site_.diagnostics->Warning(codes::kUnreachableStatus, to.span.range,
                                         message);
    d.notes.push_back(fmt::format("the issue can be in {} ({})",
                                  QuotedList(possible.statuses), possible.why));
    AddPaths(d, workflow, stuck, target, to);
  }

  // Adds a note with a working path from each stuck status, and a fix that
  // walks the path from the first one.
  void AddPaths(Diagnostic& d, const Workflow& workflow,
                const std::vector<std::string>& stuck, const std::string& target,
                const IrExpr& to) {
    bool fixed = false;
    for (size_t i = 0; i < stuck.size() && i < 3; ++i) {
      const std::vector<const Transition*> path = PathTo(workflow, stuck[i], target);
      if (path.empty()) {
        d.notes.push_back(
            fmt::format("from \"{}\" no path leads to \"{}\"", stuck[i], target));
        continue;
      }
      d.notes.push_back(fmt::format("from \"{}\" this path works: {} (transitions {})",
                                    stuck[i], PathText(stuck[i], path),
                                    RuleText(TransitionNames(path))));
      const std::optional<SourceRange> argument = ArgumentRange(site_, "to", to);
      if (fixed || !argument) continue;
      AddFix(d, *argument, "transitions = " + RuleText(TransitionNames(path)),
             fmt::format("go through the workflow from \"{}\"", stuck[i]));
      fixed = true;
    }
  }

  // Returns the index of the first name of `names` that Jira cannot take
  // from `status`, or names.size() when the whole list runs.
  static size_t StopsAt(const Workflow& workflow, std::string status,
                        const std::vector<std::string>& names) {
    for (size_t i = 0; i < names.size(); ++i) {
      const Transition* step = StepTo(workflow, status, names[i]);
      if (step == nullptr) return i;
      status = step->to;
    }
    return names.size();
  }

  void CheckList(const IrExpr& list) {
    const std::optional<json> value = ConstantOf(list);
    if (!value || !value->is_array() || value->empty()) return;
    std::vector<std::string> names;
    for (const json& item : *value) {
      if (!item.is_string()) return;
      names.push_back(item.get<std::string>());
    }
    bool all_known = true;
    for (size_t i = 0; i < names.size(); ++i) {
      const SourceRange range = list.kind == IrKind::kList && i < list.children.size()
                                    ? list.children[i].span.range
                                    : list.span.range;
      all_known = !WorkflowsKnowing(names[i], range, {}).empty() && all_known;
    }
    if (!all_known) return;
    for (const Workflow& workflow : jira_.workflows) {
      if (Knows(workflow, names[0])) CheckListIn(workflow, list, names);
    }
  }

  void CheckListIn(const Workflow& workflow, const IrExpr& list,
                   const std::vector<std::string>& names) {
    const Possible possible = PossibleStatuses(workflow, site_.pins);
    for (const std::string& status : possible.statuses) {
      if (StopsAt(workflow, status, names) == names.size()) return;
    }
    if (possible.statuses.empty()) return;
    Diagnostic& d = site_.diagnostics->Error(
        codes::kUnreachableStatus, list.span.range,
        fmt::format(
            "These transitions stop early from every status the issue can be in{}.",
            InWorkflow(jira_, workflow)));
    d.notes.push_back(fmt::format("the issue can be in {} ({})",
                                  QuotedList(possible.statuses), possible.why));
    for (size_t i = 0; i < possible.statuses.size() && i < 3; ++i) {
      const size_t stop = StopsAt(workflow, possible.statuses[i], names);
      d.notes.push_back(fmt::format("from \"{}\" it stops at \"{}\"",
                                    possible.statuses[i], names[stop]));
    }
  }

  // jira.create_issue(status = ...): one transition from the initial status.
  void CheckCreateStatus() {
    const IrExpr* status = FindArg(*site_.action, "status");
    const std::optional<json> target = status ? ConstantOf(*status) : std::nullopt;
    if (!target || !target->is_string()) return;
    std::vector<std::string> projects;
    const IrExpr* project = FindArg(*site_.action, "project");
    if (const std::optional<json> key = project ? ConstantOf(*project) : std::nullopt;
        key && key->is_string()) {
      projects.push_back(key->get<std::string>());
    }
    const std::string name = target->get<std::string>();
    for (const Workflow* workflow :
         WorkflowsKnowing(name, status->span.range, projects)) {
      const std::string& initial = workflow->initial_status;
      if (initial.empty() || Same(initial, name) ||
          StepTo(*workflow, initial, name) != nullptr) {
        continue;
      }
      Diagnostic& d = site_.diagnostics->Warning(
          codes::kUnreachableStatus, status->span.range,
          fmt::format(
              "A new issue starts in \"{}\"{}, and no single transition leads from "
              "there to \"{}\".",
              initial, InWorkflow(jira_, *workflow), name));
      const std::vector<const Transition*> path = PathTo(*workflow, initial, name);
      if (!path.empty()) {
        d.notes.push_back(
            fmt::format("this path works: {}; follow with "
                        "jira.transition(transitions = {})",
                        PathText(initial, path), RuleText(TransitionNames(path))));
      }
    }
  }

  const ActionSite& site_;
  const JiraSnapshot& jira_;
};

}  // namespace

void CheckTransitionsOfAction(const ActionSite& site, const JiraSnapshot& jira) {
  TransitionCheck(site, jira).Run();
}

}  // namespace syncrule::lint::internal
