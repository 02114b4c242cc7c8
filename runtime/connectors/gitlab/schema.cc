// The GitLab schema: event types, fields with their paths in each webhook
// kind's payload, and the comment action.

#include "runtime/schema.h"

#include <string>
#include <utility>
#include <vector>

#include "runtime/connectors/gitlab/gitlab.h"
#include "runtime/connectors/static_connector.h"

namespace syncrule::runtime::gitlab {
namespace {

using VT = ValueType;

FieldDecl Field(std::string name, ValueType type, std::vector<FieldPath> paths,
                std::string doc) {
  return FieldDecl{std::move(name), type, std::move(paths), std::move(doc)};
}

constexpr const char* kAllFormats[] = {kFormatPush, kFormatMergeRequest,
                                       kFormatIssue, kFormatNote,
                                       kFormatPipeline};

// A field at the same pointer in every format.
FieldDecl Everywhere(std::string name, ValueType type,
                     const std::string& pointer, std::string doc) {
  std::vector<FieldPath> paths;
  for (const char* format : kAllFormats) paths.push_back({format, pointer});
  return Field(std::move(name), type, std::move(paths), std::move(doc));
}

// A field of the acting user: flat "user_*" members in push hooks, a "user"
// object elsewhere.
FieldDecl UserField(std::string name, const std::string& push_member,
                    const std::string& user_member, std::string doc) {
  std::vector<FieldPath> paths = {{kFormatPush, "/" + push_member}};
  for (const char* format : kAllFormats) {
    if (std::string(format) != kFormatPush) {
      paths.push_back({format, "/user/" + user_member});
    }
  }
  return Field(std::move(name), VT::kString, std::move(paths), std::move(doc));
}

std::vector<FieldDecl> CommonFields() {
  return {
      Everywhere("project.id", VT::kInt, "/project/id", "The project id."),
      Everywhere("project.path", VT::kString, "/project/path_with_namespace",
                 "The project path (\"group/project\")."),
      Everywhere("project.name", VT::kString, "/project/name",
                 "The project name."),
      Everywhere("project.url", VT::kString, "/project/web_url",
                 "The project's web page."),
      Everywhere("project.default_branch", VT::kString,
                 "/project/default_branch", "The default branch."),
      Everywhere("event.object_kind", VT::kString, "/object_kind",
                 "GitLab's hook kind (\"merge_request\")."),
      Field("event.user", VT::kUser,
            {{kFormatMergeRequest, "/user"},
             {kFormatIssue, "/user"},
             {kFormatNote, "/user"},
             {kFormatPipeline, "/user"}},
            "Who acted: \"name\", \"username\", \"email\" (not in push "
            "hooks; use event.username)."),
      UserField("event.user_name", "user_name", "name",
                "The acting user's display name."),
      UserField("event.username", "user_username", "username",
                "The acting user's username."),
      UserField("event.user_email", "user_email", "email",
                "The acting user's e-mail, when GitLab discloses it."),
  };
}

std::vector<FieldDecl> PushFields() {
  const auto push = [](std::string name, ValueType type, std::string pointer,
                       std::string doc) {
    return Field(std::move(name), type, {{kFormatPush, std::move(pointer)}},
                 std::move(doc));
  };
  return {
      push("push.ref", VT::kString, "/ref",
           "The pushed ref (\"refs/heads/main\", \"refs/tags/v1.0\")."),
      push("push.before", VT::kString, "/before",
           "The ref's commit before the push (zeros for a new ref)."),
      push("push.after", VT::kString, "/after",
           "The ref's commit after the push (zeros for a deleted ref)."),
      push("push.checkout_sha", VT::kString, "/checkout_sha",
           "The commit checked out by the push."),
      push("push.commits", VT::kList, "/commits",
           "The pushed commits (at most 20): \"id\", \"message\", "
           "\"title\", \"timestamp\", \"url\", \"author\"."),
      push("push.total_commits", VT::kInt, "/total_commits_count",
           "How many commits were pushed, beyond the 20 listed."),
      push("push.project", VT::kString, "/project/path_with_namespace",
           "The project path (\"group/project\")."),
  };
}

// Where else than a merge request hook a merge request field is found.
enum MrAlso { kInNote = 1, kInPipeline = 2 };

// A merge request field: `member` under object_attributes in merge request
// hooks, and under merge_request in the note and pipeline hooks `also`
// names (the pipeline hook's object is smaller; the note hook's has no url).
FieldDecl MrField(std::string name, ValueType type, const std::string& member,
                  int also, std::string doc) {
  std::vector<FieldPath> paths = {
      {kFormatMergeRequest, "/object_attributes/" + member}};
  if (also & kInNote)
    paths.push_back({kFormatNote, "/merge_request/" + member});
  if (also & kInPipeline) {
    paths.push_back({kFormatPipeline, "/merge_request/" + member});
  }
  return Field(std::move(name), type, std::move(paths), std::move(doc));
}

std::vector<FieldDecl> MergeRequestFields() {
  return {
      MrField("merge_request.id", VT::kInt, "id", kInNote | kInPipeline,
              "The merge request's global id."),
      MrField("merge_request.iid", VT::kInt, "iid", kInNote | kInPipeline,
              "The merge request's number in its project (!12)."),
      MrField("merge_request.title", VT::kString, "title",
              kInNote | kInPipeline, "The title."),
      MrField("merge_request.description", VT::kString, "description", kInNote,
              "The description."),
      MrField("merge_request.url", VT::kString, "url", kInPipeline,
              "The merge request's web page."),
      MrField("merge_request.state", VT::kString, "state",
              kInNote | kInPipeline,
              "\"opened\", \"closed\", \"merged\" or \"locked\"."),
      Field("merge_request.action", VT::kString,
            {{kFormatMergeRequest, "/object_attributes/action"}},
            "What happened: \"open\", \"update\", \"merge\", \"close\", "
            "\"reopen\", \"approved\", ..."),
      MrField("merge_request.source_branch", VT::kString, "source_branch",
              kInNote | kInPipeline, "The branch to merge."),
      MrField("merge_request.target_branch", VT::kString, "target_branch",
              kInNote | kInPipeline, "The branch merged into."),
      MrField("merge_request.merge_status", VT::kString, "merge_status",
              kInNote | kInPipeline,
              "\"can_be_merged\", \"cannot_be_merged\", \"unchecked\", ..."),
      MrField("merge_request.work_in_progress", VT::kBool, "work_in_progress",
              kInNote, "True for a draft."),
      MrField("merge_request.author_id", VT::kInt, "author_id", kInNote,
              "The author's user id."),
      MrField("merge_request.last_commit", VT::kObject, "last_commit", kInNote,
              "The head commit: \"id\", \"message\", \"url\", \"author\"."),
      MrField("merge_request.created_at", VT::kTime, "created_at", kInNote,
              "When it was opened."),
      MrField("merge_request.updated_at", VT::kTime, "updated_at", kInNote,
              "When it last changed."),
      Field("merge_request.labels", VT::kList,
            {{kFormatMergeRequest, "/labels"},
             {kFormatNote, "/merge_request/labels"}},
            "The labels, objects with \"title\"."),
      Field("merge_request.assignees", VT::kList,
            {{kFormatMergeRequest, "/assignees"}},
            "The assignees: \"name\", \"username\"."),
      Field("merge_request.reviewers", VT::kList,
            {{kFormatMergeRequest, "/reviewers"}},
            "The reviewers: \"name\", \"username\"."),
      Field("merge_request.changes", VT::kObject,
            {{kFormatMergeRequest, "/changes"}},
            "What changed: member name to \"previous\" and \"current\"."),
  };
}

// An issue field: under object_attributes in issue hooks, under issue in
// note hooks unless `issue_hook_only`.
FieldDecl IssueField(std::string name, ValueType type,
                     const std::string& member, bool issue_hook_only,
                     std::string doc) {
  std::vector<FieldPath> paths = {
      {kFormatIssue, "/object_attributes/" + member}};
  if (!issue_hook_only) paths.push_back({kFormatNote, "/issue/" + member});
  return Field(std::move(name), type, std::move(paths), std::move(doc));
}

std::vector<FieldDecl> IssueFields() {
  return {
      IssueField("issue.id", VT::kInt, "id", false, "The issue's global id."),
      IssueField("issue.iid", VT::kInt, "iid", false,
                 "The issue's number in its project (#7)."),
      IssueField("issue.title", VT::kString, "title", false, "The title."),
      IssueField("issue.description", VT::kString, "description", false,
                 "The description."),
      IssueField("issue.url", VT::kString, "url", true,
                 "The issue's web page."),
      IssueField("issue.state", VT::kString, "state", false,
                 "\"opened\" or \"closed\"."),
      IssueField("issue.action", VT::kString, "action", true,
                 "What happened: \"open\", \"update\", \"close\", "
                 "\"reopen\"."),
      IssueField("issue.confidential", VT::kBool, "confidential", true,
                 "True for a confidential issue."),
      IssueField("issue.severity", VT::kString, "severity", true,
                 "The incident severity (\"high\"), for incident issues."),
      IssueField("issue.due_date", VT::kString, "due_date", true,
                 "The due date, \"YYYY-MM-DD\"; null when not set."),
      IssueField("issue.created_at", VT::kTime, "created_at", false,
                 "When it was opened."),
      IssueField("issue.updated_at", VT::kTime, "updated_at", false,
                 "When it last changed."),
      Field("issue.labels", VT::kList,
            {{kFormatIssue, "/labels"}, {kFormatNote, "/issue/labels"}},
            "The labels, objects with \"title\"."),
      Field("issue.assignees", VT::kList, {{kFormatIssue, "/assignees"}},
            "The assignees: \"name\", \"username\"."),
      Field("issue.changes", VT::kObject, {{kFormatIssue, "/changes"}},
            "What changed: member name to \"previous\" and \"current\"."),
  };
}

std::vector<FieldDecl> NoteFields() {
  const auto note = [](std::string name, ValueType type, std::string pointer,
                       std::string doc) {
    return Field(std::move(name), type, {{kFormatNote, std::move(pointer)}},
                 std::move(doc));
  };
  return {
      note("note.id", VT::kInt, "/object_attributes/id", "The note's id."),
      note("note.body", VT::kString, "/object_attributes/note",
           "The comment text, in Markdown."),
      note("note.noteable_type", VT::kString,
           "/object_attributes/noteable_type",
           "What it is on: \"MergeRequest\", \"Issue\", \"Commit\" or "
           "\"Snippet\"."),
      note("note.url", VT::kString, "/object_attributes/url",
           "The note's web page."),
      note("note.system", VT::kBool, "/object_attributes/system",
           "True for notes GitLab writes itself."),
      note("note.action", VT::kString, "/object_attributes/action",
           "\"create\" or \"update\"."),
      note("note.created_at", VT::kTime, "/object_attributes/created_at",
           "When it was written."),
      note("commit.id", VT::kString, "/commit/id",
           "The commit's SHA, for notes on commits."),
      note("commit.message", VT::kString, "/commit/message",
           "The commit's message, for notes on commits."),
  };
}

std::vector<FieldDecl> PipelineFields() {
  const auto pipeline = [](std::string name, ValueType type, std::string member,
                           std::string doc) {
    return Field(std::move(name), type,
                 {{kFormatPipeline, "/object_attributes/" + member}},
                 std::move(doc));
  };
  return {
      pipeline("pipeline.id", VT::kInt, "id", "The pipeline's id."),
      pipeline("pipeline.iid", VT::kInt, "iid",
               "The pipeline's number in its project."),
      pipeline("pipeline.ref", VT::kString, "ref",
               "The branch or tag it ran on."),
      pipeline("pipeline.tag", VT::kBool, "tag", "True when ref is a tag."),
      pipeline("pipeline.sha", VT::kString, "sha", "The commit it ran on."),
      pipeline("pipeline.status", VT::kString, "status",
               "\"running\", \"success\", \"failed\", \"canceled\", ..."),
      pipeline("pipeline.detailed_status", VT::kString, "detailed_status",
               "The status as shown (\"passed\", \"failed\")."),
      pipeline("pipeline.source", VT::kString, "source",
               "What started it (\"push\", \"merge_request_event\")."),
      pipeline("pipeline.duration", VT::kInt, "duration",
               "How long it ran, seconds."),
      pipeline("pipeline.stages", VT::kStringList, "stages",
               "The stage names."),
      pipeline("pipeline.created_at", VT::kTime, "created_at",
               "When it was created."),
      pipeline("pipeline.finished_at", VT::kTime, "finished_at",
               "When it finished; null while running."),
      Field("pipeline.builds", VT::kList, {{kFormatPipeline, "/builds"}},
            "The jobs: \"name\", \"stage\", \"status\", ..."),
      Field("pipeline.commit", VT::kObject, {{kFormatPipeline, "/commit"}},
            "The commit: \"id\", \"message\", \"url\", \"author\"."),
  };
}

std::vector<FieldDecl> Fields() {
  std::vector<FieldDecl> fields;
  for (auto* part : {&CommonFields, &PushFields, &MergeRequestFields,
                     &IssueFields, &NoteFields, &PipelineFields}) {
    for (FieldDecl& field : part()) fields.push_back(std::move(field));
  }
  return fields;
}

std::vector<EventTypeDecl> Events() {
  return {
      {"gitlab.push", "push", "Commits were pushed to a branch."},
      {"gitlab.tag_push", "push", "A tag was pushed or deleted."},
      {"gitlab.merge_request", "merge_request",
       "A merge request was opened, updated, merged, closed, approved; "
       "merge_request.action says which."},
      {"gitlab.issue", "issue",
       "An issue was opened, updated, closed or reopened; issue.action says "
       "which."},
      {"gitlab.note", "note",
       "A comment was written on a merge request, issue, commit or "
       "snippet."},
      {"gitlab.pipeline", "pipeline", "A CI pipeline changed status."},
  };
}

ActionDecl Comment() {
  return ActionDecl{
      "gitlab.comment",
      {{"body", VT::kString, true, "The comment text, in Markdown."},
       {"project", VT::kString, false,
        "The project path or id; defaults to the event's project."},
       {"merge_request", VT::kInt, false,
        "The merge request's iid; defaults to the linked one."},
       {"issue", VT::kInt, false, "An issue's iid, to comment there."},
       {"commit", VT::kString, false, "A commit SHA, to comment there."}},
      false,
      "merge_request",
      false,
      {"gitlab.note"},
      "Comments on a merge request, an issue or a commit."};
}

ConnectorSchema Build() {
  ConnectorSchema schema;
  schema.name = "gitlab";
  schema.events = Events();
  schema.fields = Fields();
  SetFieldValues(schema.fields, "merge_request.state", {"opened", "closed", "merged", "locked"});
  SetFieldValues(schema.fields, "issue.state", {"opened", "closed"});
  schema.actions = {Comment()};
  return schema;
}

}  // namespace

const ConnectorSchema& Schema() {
  static const ConnectorSchema* const schema = new ConnectorSchema(Build());
  return *schema;
}

const Connector& GetConnector() {
  static const StaticConnector connector(
      &Schema, "GitLab: a top-level \"object_kind\" string", &Decode,
      &VerifySignature);
  return connector;
}

}  // namespace syncrule::runtime::gitlab
