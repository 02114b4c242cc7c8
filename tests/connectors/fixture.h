#ifndef SYNCRULE_TESTS_CONNECTORS_FIXTURE_H_
#define SYNCRULE_TESTS_CONNECTORS_FIXTURE_H_

// Loading webhook payloads for connector tests: from tests/fixtures, from
// ../shared/fixtures, or from a string.

#include <simdjson.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/connectors/connector.h"
#include "runtime/event.h"

namespace syncrule::runtime::testing {

// The copied fixtures, present in every checkout.
std::string TestFixturesDir();
// The shared fixture corpus beside the repository (or where
// SYNCRULE_SHARED_FIXTURES says); it may be absent.
std::string SharedFixturesDir();

// Returns the bytes of `path`, or nullopt when it cannot be read.
std::optional<std::string> ReadFile(const std::string& path);

// A delivery and its parsed body; the body lives as long as the parser.
struct Payload {
  RawDelivery delivery;
  simdjson::dom::parser parser;
  simdjson::dom::element body;
  bool parsed = false;
};

// Returns `text` as a delivery from `source`, parsed.
std::unique_ptr<Payload> PayloadOf(std::string text, std::string source = {});

// Returns tests/fixtures/`relative` as a delivery from `source`, parsed;
// `parsed` is false when the file is missing or not JSON.
std::unique_ptr<Payload> LoadFixture(std::string_view relative,
                                     std::string source = {});

// Returns a one-line description of `result` for failure messages.
std::string DescribeResult(const DecodeResult& result);

}  // namespace syncrule::runtime::testing

#endif  // SYNCRULE_TESTS_CONNECTORS_FIXTURE_H_
