// Checking the X-Hub-Signature header of Jira webhooks.

#include <string>
#include <string_view>
#include <vector>

#include "runtime/connectors/digest.h"
#include "runtime/connectors/jira/jira.h"

namespace syncrule::runtime::jira {
namespace {

constexpr std::string_view kHeader = "x-hub-signature";
constexpr std::string_view kScheme = "sha256=";

}  // namespace

SignatureCheck VerifySignature(const RawDelivery& delivery,
                               const std::vector<std::string>& secrets) {
  if (secrets.empty()) {
    return {SignatureStatus::kNoSecret,
            "no Jira webhook secret is configured; X-Hub-Signature was not "
            "checked"};
  }
  const std::string* header = FindHeader(delivery.headers, kHeader);
  if (header == nullptr) {
    return {SignatureStatus::kMissingHeader,
            "Jira delivery has no X-Hub-Signature header; set a secret on the "
            "Jira webhook"};
  }
  const std::string_view value(*header);
  if (value.substr(0, kScheme.size()) != kScheme) {
    return {SignatureStatus::kMismatch,
            "X-Hub-Signature is not of the form sha256=<hex>; only "
            "HMAC-SHA256 signatures are accepted"};
  }
  const int match =
      FindSigningSecret(delivery.body, secrets, {value.substr(kScheme.size())});
  if (match < 0) {
    return {SignatureStatus::kMismatch, "X-Hub-Signature matches none of the " +
                                            std::to_string(secrets.size()) +
                                            " configured Jira secrets"};
  }
  return {SignatureStatus::kOk,
          "X-Hub-Signature matches configured Jira "
          "secret #" +
              std::to_string(match + 1)};
}

}  // namespace syncrule::runtime::jira
