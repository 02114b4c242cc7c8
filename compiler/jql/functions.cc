#include "compiler/jql/functions.h"

#include <array>

#include "compiler/jql/check_spelling.h"

namespace syncrule::jql {
namespace {

constexpr OperatorSet Bits(std::initializer_list<Operator> ops) {
  OperatorSet set = 0;
  for (Operator op : ops) set |= OperatorBit(op);
  return set;
}

// A single value may follow equality, relational, IN-list and history
// operators; the field's own operators narrow this further.
constexpr OperatorSet kSingleValueOps =
    Bits({Operator::kEquals, Operator::kNotEquals, Operator::kLess,
          Operator::kGreater, Operator::kLessEquals, Operator::kGreaterEquals,
          Operator::kIn, Operator::kNotIn, Operator::kWas, Operator::kWasNot,
          Operator::kWasIn, Operator::kWasNotIn});
// A list may follow only the list operators.
constexpr OperatorSet kListOps = Bits(
    {Operator::kIn, Operator::kNotIn, Operator::kWasIn, Operator::kWasNotIn});
// JSM approval functions follow `=` only.
constexpr OperatorSet kApprovalOps = Bits({Operator::kEquals});
// cascadeOption() follows IN and NOT IN only (functions reference).
constexpr OperatorSet kCascadeOps = Bits({Operator::kIn, Operator::kNotIn});

constexpr int kAny = kUnboundedArity;
using R = FunctionResult;

constexpr FunctionInfo Single(std::string_view name, int min, int max, R result,
                              bool server, std::string_view summary) {
  return {name, min, max, result, false, kSingleValueOps, server, summary};
}

constexpr FunctionInfo List(std::string_view name, int min, int max, R result,
                            bool server, std::string_view summary) {
  return {name, min, max, result, true, kListOps, server, summary};
}

constexpr FunctionInfo Approval(std::string_view name, int min, int max,
                                bool server, std::string_view summary) {
  return {name, min, max, R::kApprovals, false, kApprovalOps, server, summary};
}

// The functions reference (JQL-FACTS 3.8), grouped as the docs group them.
constexpr auto kFunctions = std::to_array<FunctionInfo>({
    // Dates.
    Single("now", 0, 0, R::kDate, false, "the current instant"),
    Single("currentLogin", 0, 0, R::kDate, true,
           "the start of the searching user's session"),
    Single("lastLogin", 0, 0, R::kDate, true,
           "the start of the searching user's previous session"),
    Single("startOfDay", 0, 1, R::kDate, false, "the start of today, shifted"),
    Single("startOfWeek", 0, 1, R::kDate, false,
           "the start of this week, shifted"),
    Single("startOfMonth", 0, 1, R::kDate, false,
           "the start of this month, shifted"),
    Single("startOfYear", 0, 1, R::kDate, false,
           "the start of this year, shifted"),
    Single("endOfDay", 0, 1, R::kDate, false, "the end of today, shifted"),
    Single("endOfWeek", 0, 1, R::kDate, false, "the end of this week, shifted"),
    Single("endOfMonth", 0, 1, R::kDate, false,
           "the end of this month, shifted"),
    Single("endOfYear", 0, 1, R::kDate, false, "the end of this year, shifted"),
    // Users.
    Single("currentUser", 0, 0, R::kUser, true, "the searching user"),
    List("membersOf", 1, 1, R::kUsers, true, "the members of a group"),
    // JSM approvals.
    Approval("approved", 0, 0, false, "approvals that were approved"),
    Approval("pending", 0, 0, false, "approvals still pending"),
    Approval("myApproval", 0, 0, true,
             "approvals the searching user takes part in"),
    Approval("myPending", 0, 0, true,
             "approvals pending on the searching user"),
    Approval("approver", 1, kAny, true, "approvals decided by these users"),
    Approval("pendingBy", 1, kAny, true, "approvals pending on these users"),
    // JSM SLAs.
    Single("breached", 0, 0, R::kSlaCondition, false, "SLAs breached now"),
    Single("completed", 0, 0, R::kSlaCondition, false,
           "SLAs with a completed cycle"),
    Single("everbreached", 0, 0, R::kSlaCondition, false, "SLAs ever breached"),
    Single("outdated", 0, 0, R::kSlaCondition, false,
           "SLAs to be recalculated"),
    Single("paused", 0, 0, R::kSlaCondition, false, "SLAs paused now"),
    Single("running", 0, 0, R::kSlaCondition, false, "SLAs running now"),
    Single("withinCalendarHours", 0, 0, R::kSlaCondition, false,
           "SLAs within their calendar's working hours"),
    Single("elapsed", 1, 1, R::kSlaCondition, false, "SLA time elapsed"),
    Single("remaining", 1, 1, R::kSlaCondition, false, "SLA time remaining"),
    // Options, sprints, components, projects.
    {"cascadeOption", 1, 2, R::kCascadingOption, false, kCascadeOps, false,
     "a cascading-select parent option and optional child"},
    List("closedSprints", 0, 0, R::kSprints, true, "completed sprints"),
    List("openSprints", 0, 0, R::kSprints, true, "active sprints"),
    List("futureSprints", 0, 0, R::kSprints, true, "sprints not started"),
    List("componentsLeadByUser", 0, 1, R::kComponents, true,
         "components led by a user"),
    List("projectsLeadByUser", 0, 1, R::kProjects, true,
         "projects led by a user"),
    List("projectsWhereUserHasPermission", 1, 1, R::kProjects, true,
         "projects where the searching user has a permission"),
    List("projectsWhereUserHasRole", 1, 1, R::kProjects, true,
         "projects where the searching user has a role"),
    // Versions. Server accepts zero or several projects for each of these.
    List("releasedVersions", 0, kAny, R::kVersions, true,
         "released versions of projects"),
    List("unreleasedVersions", 0, kAny, R::kVersions, true,
         "unreleased versions of projects"),
    Single("latestReleasedVersion", 0, kAny, R::kVersion, true,
           "a project's most recently released version"),
    Single("earliestUnreleasedVersion", 0, kAny, R::kVersion, true,
           "a project's next unreleased version"),
    // Issue types and issues.
    List("standardIssueTypes", 0, 0, R::kIssueTypes, true,
         "issue types that are not sub-tasks"),
    List("subtaskIssueTypes", 0, 0, R::kIssueTypes, true,
         "sub-task issue types"),
    List("issueHistory", 0, 0, R::kIssues, true,
         "issues the searching user viewed recently"),
    List("linkedIssues", 1, 2, R::kIssues, true,
         "issues linked to an issue, optionally by link type"),
    List("votedIssues", 0, 0, R::kIssues, true,
         "issues the searching user voted for"),
    List("watchedIssues", 0, 0, R::kIssues, true,
         "issues the searching user watches"),
    List("updatedBy", 1, 3, R::kIssues, true,
         "issues a user updated, optionally within dates"),
    List("issuesWithRemoteLinksByGlobalId", 1, 100, R::kIssues, true,
         "issues with remote links of these global ids"),
});

}  // namespace

const FunctionInfo* FindFunction(std::string_view name) {
  for (const FunctionInfo& info : kFunctions) {
    if (EqualsIgnoreCase(info.name, name)) return &info;
  }
  return nullptr;
}

std::span<const FunctionInfo> AllFunctions() { return kFunctions; }

const char* FunctionResultName(FunctionResult result) {
  switch (result) {
    case R::kDate:
      return "a date";
    case R::kUser:
      return "a user";
    case R::kUsers:
      return "a list of users";
    case R::kIssues:
      return "a list of issues";
    case R::kVersion:
      return "a version";
    case R::kVersions:
      return "a list of versions";
    case R::kProjects:
      return "a list of projects";
    case R::kComponents:
      return "a list of components";
    case R::kIssueTypes:
      return "a list of issue types";
    case R::kSprints:
      return "a list of sprints";
    case R::kCascadingOption:
      return "a cascading-select option";
    case R::kApprovals:
      return "an approval condition";
    case R::kSlaCondition:
      return "an SLA condition";
  }
  return "a value";
}

bool FunctionResultFits(FunctionResult result, FieldType type) {
  switch (result) {
    case R::kDate:
      return type == FieldType::kDate || type == FieldType::kDateOnly;
    case R::kUser:
    case R::kUsers:
      return type == FieldType::kUser;
    case R::kIssues:
      return type == FieldType::kIssueKey;
    case R::kVersion:
    case R::kVersions:
      return type == FieldType::kVersion;
    case R::kProjects:
      return type == FieldType::kProject;
    case R::kComponents:
      return type == FieldType::kComponent;
    case R::kIssueTypes:
      return type == FieldType::kIssueType;
    case R::kSprints:
      return type == FieldType::kSprint;
    case R::kCascadingOption:
      return type == FieldType::kCascadingOption;
    case R::kApprovals:
      return type == FieldType::kApproval;
    case R::kSlaCondition:
      return type == FieldType::kSla;
  }
  return false;
}

std::vector<std::string> FunctionNamesForType(FieldType type) {
  std::vector<std::string> names;
  for (const FunctionInfo& info : kFunctions) {
    if (FunctionResultFits(info.result, type)) names.emplace_back(info.name);
  }
  return names;
}

std::vector<std::string> SuggestFunctions(std::string_view name, size_t limit) {
  std::vector<std::string> names;
  for (const FunctionInfo& info : kFunctions) names.emplace_back(info.name);
  return ClosestNames(name, names, limit);
}

bool IsPeriodFunction(const FunctionInfo& info) {
  return info.name.starts_with("startOf") || info.name.starts_with("endOf");
}

}  // namespace syncrule::jql
