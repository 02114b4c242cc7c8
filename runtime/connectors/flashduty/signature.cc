// Flashduty webhooks are not signed.

#include <string>
#include <vector>

#include "runtime/connectors/flashduty/flashduty.h"

namespace syncrule::runtime::flashduty {

SignatureCheck VerifySignature(const RawDelivery& delivery,
                               const std::vector<std::string>& secrets) {
  return {SignatureStatus::kNotApplicable,
          "Flashduty does not sign webhooks; authenticate the endpoint with "
          "a custom header (a bearer token) checked by the HTTP layer"};
}

}  // namespace syncrule::runtime::flashduty
