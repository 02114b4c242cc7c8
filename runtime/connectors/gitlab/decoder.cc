// Decoding GitLab webhooks into events.

#include <optional>
#include <string>
#include <string_view>

#include "runtime/connectors/digest.h"
#include "runtime/connectors/gitlab/gitlab.h"
#include "runtime/connectors/payload.h"
#include "runtime/connectors/timestamp.h"

namespace syncrule::runtime::gitlab {
namespace {

using Element = simdjson::dom::element;

// The entity an event concerns, or why it could not be found.
struct Entity {
  std::string kind;
  std::string id;
  std::string error;
};

Entity Found(std::string kind, std::string id) {
  return Entity{std::move(kind), std::move(id), {}};
}

Entity Missing(std::string error) { return Entity{{}, {}, std::move(error)}; }

// The project's path ("group/project"), or its id when the path is absent.
std::optional<std::string> ProjectRef(Element body) {
  if (auto path = IdAt(body, "/project/path_with_namespace")) return path;
  if (auto id = IdAt(body, "/project/id")) return id;
  return IdAt(body, "/project_id");
}

// Returns `<project><separator><member at pointer>`, or an error naming
// the member.
Entity Reference(Element body, const std::string& project, std::string kind,
                 std::string_view separator, std::string_view pointer) {
  const std::optional<std::string> id = IdAt(body, pointer);
  if (!id) {
    std::string member(pointer.substr(1));
    for (char& c : member) c = c == '/' ? '.' : c;
    return Missing("has no " + member);
  }
  return Found(std::move(kind), project + std::string(separator) + *id);
}

Entity NoteEntity(Element body, const std::string& project) {
  const std::string type(
      StringAt(body, "/object_attributes/noteable_type").value_or(""));
  if (type == "MergeRequest") {
    return Reference(body, project, "merge_request", "!", "/merge_request/iid");
  }
  if (type == "Issue") {
    return Reference(body, project, "issue", "#", "/issue/iid");
  }
  if (type == "Commit") {
    if (IdAt(body, "/commit/id")) {
      return Reference(body, project, "commit", "@", "/commit/id");
    }
    return Reference(body, project, "commit", "@",
                     "/object_attributes/commit_id");
  }
  if (type == "Snippet") {
    return Reference(body, project, "snippet", "$", "/snippet/id");
  }
  return Reference(body, project, "note", "/notes/", "/object_attributes/id");
}

// One supported object_kind: its event type, format, and where the time of
// the change is.
struct Kind {
  std::string_view object_kind;
  const char* type;
  const char* format;
  const char* time_pointer;  // empty: the payload says no time
};

constexpr Kind kKinds[] = {
    {"push", "gitlab.push", kFormatPush, ""},
    {"tag_push", "gitlab.tag_push", kFormatPush, ""},
    {"merge_request", "gitlab.merge_request", kFormatMergeRequest,
     "/object_attributes/updated_at"},
    {"issue", "gitlab.issue", kFormatIssue, "/object_attributes/updated_at"},
    {"note", "gitlab.note", kFormatNote, "/object_attributes/updated_at"},
    {"pipeline", "gitlab.pipeline", kFormatPipeline,
     "/object_attributes/finished_at"},
};

const Kind* FindKind(std::string_view object_kind) {
  for (const Kind& kind : kKinds) {
    if (kind.object_kind == object_kind) return &kind;
  }
  return nullptr;
}

Entity FindEntity(Element body, const Kind& kind, const std::string& project) {
  const std::string_view name = kind.object_kind;
  if (name == "push" || name == "tag_push") {
    return Reference(body, project, "push", ":", "/ref");
  }
  if (name == "merge_request") {
    return Reference(body, project, "merge_request", "!",
                     "/object_attributes/iid");
  }
  if (name == "issue") {
    return Reference(body, project, "issue", "#", "/object_attributes/iid");
  }
  if (name == "note") return NoteEntity(body, project);
  return Reference(body, project, "pipeline", ":pipeline/",
                   "/object_attributes/id");
}

int64_t OccurredMs(Element body, const Kind& kind) {
  if (*kind.time_pointer == '\0') return 0;
  std::optional<std::string_view> text = StringAt(body, kind.time_pointer);
  // A running pipeline has no finished_at yet.
  if (!text) text = StringAt(body, "/object_attributes/created_at");
  return text ? ParseTimestampMs(*text).value_or(0) : 0;
}

}  // namespace

DecodeResult Decode(const RawDelivery& delivery, Element body) {
  const std::optional<std::string_view> object_kind =
      StringAt(body, "/object_kind");
  if (!object_kind) return DecodeResult::NotMine();
  const Kind* kind = FindKind(*object_kind);
  if (kind == nullptr) {
    return DecodeResult::Rejected(
        "GitLab object_kind " + QuoteForMessage(*object_kind) +
        " is not handled; syncrule decodes push, tag_push, merge_request, "
        "issue, note and pipeline");
  }
  const std::string where = "GitLab " + std::string(*object_kind) + " webhook ";
  const std::optional<std::string> project = ProjectRef(body);
  if (!project) return DecodeResult::Rejected(where + "names no project");
  Entity entity = FindEntity(body, *kind, *project);
  if (!entity.error.empty()) {
    return DecodeResult::Rejected(where + entity.error);
  }
  EventInfo event;
  event.source = "gitlab";
  event.type = kind->type;
  event.format = kind->format;
  // GitLab bodies carry no event id; a redelivery repeats the body.
  event.id = StableId("gitlab", {delivery.body});
  event.entity = std::move(entity.kind);
  event.entity_id = std::move(entity.id);
  event.occurred_ms = OccurredMs(body, *kind);
  return DecodeResult::Decoded(std::move(event));
}

}  // namespace syncrule::runtime::gitlab
