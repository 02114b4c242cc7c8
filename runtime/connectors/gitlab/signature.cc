// Checking the X-Gitlab-Token header of GitLab webhooks.

#include <string>
#include <string_view>
#include <vector>

#include "runtime/connectors/digest.h"
#include "runtime/connectors/gitlab/gitlab.h"

namespace syncrule::runtime::gitlab {
namespace {

constexpr std::string_view kHeader = "x-gitlab-token";

}  // namespace

SignatureCheck VerifySignature(const RawDelivery& delivery,
                               const std::vector<std::string>& secrets) {
  if (secrets.empty()) {
    return {SignatureStatus::kNoSecret,
            "no GitLab secret token is configured; X-Gitlab-Token was not "
            "checked"};
  }
  const std::string* header = FindHeader(delivery.headers, kHeader);
  if (header == nullptr) {
    return {SignatureStatus::kMissingHeader,
            "GitLab delivery has no X-Gitlab-Token header; set a secret "
            "token on the GitLab webhook"};
  }
  // Compare with every secret, not stopping at a match, so that the time
  // taken does not tell which one matched.
  int match = -1;
  for (size_t i = 0; i < secrets.size(); ++i) {
    if (ConstantTimeTokenEquals(*header, secrets[i]) && match < 0) {
      match = static_cast<int>(i);
    }
  }
  if (match < 0) {
    return {SignatureStatus::kMismatch, "X-Gitlab-Token matches none of the " +
                                            std::to_string(secrets.size()) +
                                            " configured GitLab secret tokens"};
  }
  return {SignatureStatus::kOk,
          "X-Gitlab-Token matches configured GitLab secret token #" +
              std::to_string(match + 1)};
}

}  // namespace syncrule::runtime::gitlab
