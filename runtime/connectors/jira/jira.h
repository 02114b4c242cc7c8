#ifndef SYNCRULE_RUNTIME_CONNECTORS_JIRA_JIRA_H_
#define SYNCRULE_RUNTIME_CONNECTORS_JIRA_JIRA_H_

// The Jira connector (Jira Cloud and Jira Server / Data Center): issue and
// comment webhooks, issue actions, and the X-Hub-Signature check.
//
// Both products send the same webhook shape (a top-level "webhookEvent"
// string, "issue" with REST v2 "fields", "comment", "changelog"); Cloud
// names users by accountId, Server by name and key, and the `user` type
// takes either. One payload format serves both: "jira".

#include <simdjson.h>

#include <string>
#include <vector>

#include "runtime/connectors/connector.h"

namespace syncrule::runtime::jira {

// The payload format of every Jira webhook.
inline constexpr char kFormat[] = "jira";

// Returns the Jira event types, fields and actions.
const ConnectorSchema& Schema();

// Decodes a Jira webhook `body` (the parsed `delivery.body`): issue
// created / updated / deleted and comment created / updated / deleted.
// Returns kNotMine when `body` has no top-level "webhookEvent" string.
DecodeResult Decode(const RawDelivery& delivery, simdjson::dom::element body);

// Checks the `X-Hub-Signature: sha256=<hex>` header, an HMAC-SHA256 of the
// body, against each of `secrets`.
SignatureCheck VerifySignature(const RawDelivery& delivery,
                               const std::vector<std::string>& secrets);

// Returns the Jira connector.
const Connector& GetConnector();

}  // namespace syncrule::runtime::jira

#endif  // SYNCRULE_RUNTIME_CONNECTORS_JIRA_JIRA_H_
