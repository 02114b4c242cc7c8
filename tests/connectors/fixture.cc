#include "tests/connectors/fixture.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>

namespace syncrule::runtime::testing {

std::string TestFixturesDir() { return SYNCRULE_SOURCE_DIR "/tests/fixtures"; }

std::string SharedFixturesDir() {
  // The variable lets a run pretend the corpus is elsewhere, or absent.
  if (const char* dir = std::getenv("SYNCRULE_SHARED_FIXTURES")) return dir;
  return SYNCRULE_SOURCE_DIR "/../shared/fixtures";
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::unique_ptr<Payload> PayloadOf(std::string text, std::string source) {
  auto payload = std::make_unique<Payload>();
  payload->delivery.source = std::move(source);
  payload->delivery.body = std::move(text);
  payload->parsed =
      payload->parser.parse(payload->delivery.body).get(payload->body) ==
      simdjson::SUCCESS;
  return payload;
}

std::unique_ptr<Payload> LoadFixture(std::string_view relative,
                                     std::string source) {
  std::optional<std::string> text =
      ReadFile(TestFixturesDir() + "/" + std::string(relative));
  if (!text) return std::make_unique<Payload>();
  return PayloadOf(std::move(*text), std::move(source));
}

std::string DescribeResult(const DecodeResult& result) {
  switch (result.status) {
    case DecodeStatus::kNotMine:
      return "not mine: " + result.reason;
    case DecodeStatus::kRejected:
      return "rejected: " + result.reason;
    case DecodeStatus::kDecoded:
      break;
  }
  std::string text = "decoded:";
  for (const EventInfo& event : result.events) {
    text += " " + event.type + "@" + event.entity + "/" + event.entity_id;
  }
  return text;
}

}  // namespace syncrule::runtime::testing
