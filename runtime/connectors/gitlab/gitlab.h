#ifndef SYNCRULE_RUNTIME_CONNECTORS_GITLAB_GITLAB_H_
#define SYNCRULE_RUNTIME_CONNECTORS_GITLAB_GITLAB_H_

// The GitLab connector: push, tag push, merge request, issue, note
// (comment) and pipeline webhooks, the comment action, and the
// X-Gitlab-Token check.
//
// Each webhook kind has its own payload format, because the same entity
// sits at different places: a merge request is "object_attributes" in a
// merge request hook but "merge_request" in a note or pipeline hook.
//
// Entity ids use GitLab's reference syntax with the project path:
// "group/project!12" (merge request), "group/project#7" (issue),
// "group/project@<sha>" (commit); pushes are "group/project:<ref>" and
// pipelines "group/project:pipeline/<id>". A note's entity is what it is
// on, so comments are ordered with their merge request or issue.

#include <simdjson.h>

#include <string>
#include <vector>

#include "runtime/connectors/connector.h"

namespace syncrule::runtime::gitlab {

inline constexpr char kFormatPush[] = "gitlab.push";  // push and tag_push
inline constexpr char kFormatMergeRequest[] = "gitlab.merge_request";
inline constexpr char kFormatIssue[] = "gitlab.issue";
inline constexpr char kFormatNote[] = "gitlab.note";
inline constexpr char kFormatPipeline[] = "gitlab.pipeline";

// Returns the GitLab event types, fields and actions.
const ConnectorSchema& Schema();

// Decodes a GitLab webhook `body` by its "object_kind". Returns kNotMine
// when `body` has no top-level "object_kind" string.
DecodeResult Decode(const RawDelivery& delivery, simdjson::dom::element body);

// Compares the `X-Gitlab-Token` header with each of `secrets`, in constant
// time. (GitLab's newer signing token, "webhook-signature", is not
// checked yet.)
SignatureCheck VerifySignature(const RawDelivery& delivery,
                               const std::vector<std::string>& secrets);

// Returns the GitLab connector.
const Connector& GetConnector();

}  // namespace syncrule::runtime::gitlab

#endif  // SYNCRULE_RUNTIME_CONNECTORS_GITLAB_GITLAB_H_
