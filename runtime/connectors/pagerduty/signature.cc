// Checking the X-PagerDuty-Signature header of V3 webhooks.

#include <string>
#include <string_view>
#include <vector>

#include "runtime/connectors/digest.h"
#include "runtime/connectors/pagerduty/pagerduty.h"

namespace syncrule::runtime::pagerduty {
namespace {

constexpr std::string_view kHeader = "x-pagerduty-signature";
constexpr std::string_view kVersion = "v1=";
// Most signatures read from one header. PagerDuty sends one per signing
// secret, and a subscription has one or two during a rotation; the bound
// caps the HMAC comparisons a forged header can cost.
constexpr size_t kMaxSignatures = 16;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// Returns the hex digests of the header's "v1=" entries; entries of other
// versions are skipped, as PagerDuty's documentation says.
std::vector<std::string_view> V1Signatures(std::string_view header) {
  std::vector<std::string_view> signatures;
  while (!header.empty() && signatures.size() < kMaxSignatures) {
    const size_t comma = header.find(',');
    const std::string_view entry = Trim(header.substr(0, comma));
    if (entry.substr(0, kVersion.size()) == kVersion) {
      signatures.push_back(entry.substr(kVersion.size()));
    }
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return signatures;
}

}  // namespace

SignatureCheck VerifySignature(const RawDelivery& delivery,
                               const std::vector<std::string>& secrets) {
  if (secrets.empty()) {
    return {SignatureStatus::kNoSecret,
            "no PagerDuty signing secret is configured; "
            "X-PagerDuty-Signature was not checked"};
  }
  const std::string* header = FindHeader(delivery.headers, kHeader);
  if (header == nullptr) {
    return {SignatureStatus::kMissingHeader,
            "PagerDuty delivery has no X-PagerDuty-Signature header (V2 "
            "webhooks are never signed)"};
  }
  const std::vector<std::string_view> signatures = V1Signatures(*header);
  if (signatures.empty()) {
    return {SignatureStatus::kMismatch,
            "X-PagerDuty-Signature holds no v1= signature"};
  }
  const int match = FindSigningSecret(delivery.body, secrets, signatures);
  if (match < 0) {
    return {SignatureStatus::kMismatch,
            "none of the " + std::to_string(signatures.size()) +
                " v1 signatures in X-PagerDuty-Signature matches the " +
                std::to_string(secrets.size()) +
                " configured PagerDuty secrets"};
  }
  return {SignatureStatus::kOk,
          "X-PagerDuty-Signature matches configured PagerDuty secret #" +
              std::to_string(match + 1)};
}

}  // namespace syncrule::runtime::pagerduty
