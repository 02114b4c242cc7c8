// Decoding Jira webhooks into events.

#include <optional>
#include <string>
#include <string_view>

#include "runtime/connectors/digest.h"
#include "runtime/connectors/jira/jira.h"
#include "runtime/connectors/payload.h"

namespace syncrule::runtime::jira {
namespace {

struct EventMapping {
  std::string_view webhook_event;
  std::string_view type;
  bool is_comment;
};

constexpr EventMapping kEventMappings[] = {
    {"jira:issue_created", "jira.issue.created", false},
    {"jira:issue_updated", "jira.issue.updated", false},
    {"jira:issue_deleted", "jira.issue.deleted", false},
    {"comment_created", "jira.comment.created", true},
    {"comment_updated", "jira.comment.updated", true},
    {"comment_deleted", "jira.comment.deleted", true},
};

const EventMapping* FindMapping(std::string_view webhook_event) {
  for (const EventMapping& mapping : kEventMappings) {
    if (mapping.webhook_event == webhook_event) return &mapping;
  }
  return nullptr;
}

// Returns the issue id in a comment's REST URL
// (".../rest/api/2/issue/10013/comment/10082"): Jira Server's comment
// webhooks carry no issue object.
std::optional<std::string> IssueIdFromCommentUrl(std::string_view url) {
  constexpr std::string_view kIssue = "/issue/";
  const size_t start = url.rfind(kIssue);
  if (start == std::string_view::npos) return std::nullopt;
  const size_t begin = start + kIssue.size();
  const size_t end = url.find('/', begin);
  if (end == std::string_view::npos || end == begin) return std::nullopt;
  const std::string_view id = url.substr(begin, end - begin);
  for (char c : id) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::string(id);
}

// Returns the id of the issue a comment event concerns: its key when the
// payload has the issue, else its numeric id from the comment's URL.
std::optional<std::string> CommentIssue(simdjson::dom::element body) {
  if (std::optional<std::string> key = IdAt(body, "/issue/key")) return key;
  if (std::optional<std::string_view> url = StringAt(body, "/comment/self")) {
    return IssueIdFromCommentUrl(*url);
  }
  return std::nullopt;
}

std::string Unsupported(std::string_view webhook_event) {
  return "Jira webhook event " + QuoteForMessage(webhook_event) +
         " is not handled; syncrule decodes jira:issue_created, "
         "jira:issue_updated, jira:issue_deleted, comment_created, "
         "comment_updated and comment_deleted";
}

// Returns the event's id: a hash of what identifies the change (the event,
// issue, comment, changelog and Jira's timestamp), or of the whole body
// when Jira's timestamp is missing. Jira Cloud's X-Atlassian-Webhook-
// Identifier header is not used, so that a delivery replayed from a file
// keeps its id.
std::string EventId(const RawDelivery& delivery, simdjson::dom::element body,
                    std::string_view webhook_event,
                    std::string_view entity_id) {
  const std::optional<int64_t> timestamp = IntAt(body, "/timestamp");
  if (!timestamp) return StableId("jira", {delivery.body});
  const std::string comment_id = IdAt(body, "/comment/id").value_or("");
  const std::string changelog_id = IdAt(body, "/changelog/id").value_or("");
  const std::string issue_id =
      IdAt(body, "/issue/id").value_or(std::string(entity_id));
  return StableId("jira", {webhook_event, issue_id, comment_id, changelog_id,
                           std::to_string(*timestamp)});
}

}  // namespace

DecodeResult Decode(const RawDelivery& delivery, simdjson::dom::element body) {
  const std::optional<std::string_view> webhook_event =
      StringAt(body, "/webhookEvent");
  if (!webhook_event) return DecodeResult::NotMine();
  const EventMapping* mapping = FindMapping(*webhook_event);
  if (mapping == nullptr) {
    return DecodeResult::Rejected(Unsupported(*webhook_event));
  }
  std::optional<std::string> entity_id;
  if (mapping->is_comment) {
    if (!IsObjectAt(body, "/comment")) {
      return DecodeResult::Rejected("Jira " + std::string(*webhook_event) +
                                    " webhook has no comment object");
    }
    entity_id = CommentIssue(body);
    if (!entity_id) {
      return DecodeResult::Rejected(
          "Jira " + std::string(*webhook_event) +
          " webhook names no issue: no issue.key, and comment.self has no "
          "/issue/<id>/");
    }
  } else {
    entity_id = IdAt(body, "/issue/key");
    if (!entity_id) {
      return DecodeResult::Rejected("Jira " + std::string(*webhook_event) +
                                    " webhook has no issue.key");
    }
  }
  EventInfo event;
  event.source = "jira";
  event.type = std::string(mapping->type);
  event.format = kFormat;
  event.id = EventId(delivery, body, *webhook_event, *entity_id);
  event.entity = "issue";
  event.entity_id = *entity_id;
  event.occurred_ms = IntAt(body, "/timestamp").value_or(0);
  return DecodeResult::Decoded(std::move(event));
}

}  // namespace syncrule::runtime::jira
