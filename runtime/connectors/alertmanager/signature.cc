// Alertmanager webhooks are not signed.

#include <string>
#include <vector>

#include "runtime/connectors/alertmanager/alertmanager.h"

namespace syncrule::runtime::alertmanager {

SignatureCheck VerifySignature(const RawDelivery& delivery,
                               const std::vector<std::string>& secrets) {
  return {SignatureStatus::kNotApplicable,
          "Alertmanager does not sign webhooks; authenticate the endpoint "
          "with HTTP basic auth or a bearer token (the receiver's "
          "http_config), checked by the HTTP layer"};
}

}  // namespace syncrule::runtime::alertmanager
