#ifndef SYNCRULE_RUNTIME_CONNECTORS_DIGEST_H_
#define SYNCRULE_RUNTIME_CONNECTORS_DIGEST_H_

// Hashes for event ids and HMACs for signature checks, over OpenSSL, with
// comparisons that take the same time whatever the inputs hold.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/event.h"

namespace syncrule::runtime {

// Returns the lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// Returns the lower-case hex HMAC-SHA256 of `data` under `key`.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// Returns true when `a` equals `b`, in time that depends only on their
// lengths. Use for values whose length is public (hex digests).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Returns true when `a` equals `b`, comparing their SHA-256 digests so that
// the time taken reveals nothing about either, not even its length. Use for
// shared tokens (GitLab's X-Gitlab-Token).
bool ConstantTimeTokenEquals(std::string_view a, std::string_view b);

// Returns a stable event id: `prefix`, a colon, and the first 32 hex digits
// of the SHA-256 of `parts`, each length-prefixed so that the join is
// unambiguous whatever they hold ("jira:4f1c...").
std::string StableId(std::string_view prefix,
                     std::initializer_list<std::string_view> parts);

// Returns the index of the first of `secrets` whose hex HMAC-SHA256 of
// `body` equals one of `hex_signatures` (compared in constant time, case
// insensitively), or -1 when none does.
int FindSigningSecret(std::string_view body,
                      const std::vector<std::string>& secrets,
                      const std::vector<std::string_view>& hex_signatures);

// Returns the value of header `lower_name` (headers are stored lower-cased),
// or nullptr when absent.
const std::string* FindHeader(const Headers& headers,
                              std::string_view lower_name);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_CONNECTORS_DIGEST_H_
