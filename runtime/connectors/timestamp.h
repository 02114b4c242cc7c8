#ifndef SYNCRULE_RUNTIME_CONNECTORS_TIMESTAMP_H_
#define SYNCRULE_RUNTIME_CONNECTORS_TIMESTAMP_H_

// Parsing the timestamps webhook payloads carry into epoch milliseconds.

#include <cstdint>
#include <optional>
#include <string_view>

namespace syncrule::runtime {

// Parses a payload timestamp into epoch milliseconds (UTC). Accepts ISO 8601
// / RFC 3339 instants with "Z" or a numeric offset, with or without a colon
// ("2025-04-07T03:47:13.546Z", "2019-02-15T19:01:52.971-0800",
// "2012-01-03T23:36:29+02:00"), and GitLab's "2015-05-17 17:06:40 UTC".
// Fractions beyond milliseconds are truncated. Returns nullopt for anything
// else, and for a year before 1970 (Alertmanager's "0001-01-01T00:00:00Z"
// means "not set").
std::optional<int64_t> ParseTimestampMs(std::string_view text);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_CONNECTORS_TIMESTAMP_H_
