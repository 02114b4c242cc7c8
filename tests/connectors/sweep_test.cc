// The sweep: every JSON file of the shared fixture corpus
// (../shared/fixtures, beside the repository) that is a webhook body must
// decode, or be rejected or left unrecognised with the reason this table
// expects. Files that are not webhook bodies are listed with the reason they
// are skipped. When the corpus is absent the sweep is skipped.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "runtime/connectors/registry.h"
#include "tests/connectors/fixture.h"

namespace syncrule::runtime::testing {
namespace {

namespace fs = std::filesystem;

// Files (or folders, ending in "/") that are not webhook bodies.
struct Skip {
  const char* prefix;
  const char* reason;
};

constexpr Skip kNotWebhooks[] = {
    {"jira/openapi/", "the Jira Cloud REST OpenAPI specification"},
    {"jira/rest_cloud_v3_openapi_examples/",
     "Jira REST requests and responses from the OpenAPI examples"},
    {"jira/rest_go_jira/", "Jira REST responses (go-jira mocks)"},
    {"jira/rest_server_v2_jrjc/",
     "Jira Server REST responses (JRJC test resources)"},
    {"pagerduty/openapi/", "PagerDuty REST and Events API specifications"},
    {"pagerduty/rest/", "PagerDuty REST requests and responses"},
    {"pagerduty/events_v2/",
     "Events API v2 requests sent to PagerDuty, not webhooks from it"},
    {"pagerduty/webhooks_v3/data_",
     "a V3 event.data object without its webhook envelope"},
    {"pagerduty/webhooks_v3/captured_aldaviva/signature_vectors.json",
     "signature test vectors"},
    {"pagerduty/webhooks_v3/go_pagerduty/signature_vectors.json",
     "signature test vectors"},
    {"flashduty/openapi/", "the Flashduty On-call OpenAPI specification"},
    {"flashduty/rest/", "Flashduty Open API requests and responses"},
};

// Webhook bodies that are not decoded, and the reason each must give.
struct NotDecoded {
  const char* file;
  DecodeStatus status;
  const char* reason_part;
};

constexpr NotDecoded kNotDecoded[] = {
    {"opsgenie/zulip_close.json", DecodeStatus::kNotMine,
     "no connector recognises the payload; looked for Jira:"},
    {"opsgenie/zulip_create.json", DecodeStatus::kNotMine,
     "no connector recognises the payload; looked for Jira:"},
    {"pagerduty/webhooks_v3/captured_aldaviva/pagey.ping.json",
     DecodeStatus::kRejected, "PagerDuty V3 pagey.ping is a test delivery"},
    {"pagerduty/webhooks_v3/service.updated.json", DecodeStatus::kRejected,
     "PagerDuty V3 event type \"service.updated\" is not an incident event"},
};

// Webhook bodies of the corpus that are not copied into tests/fixtures
// (their licence does not allow it), with the event type they must decode
// to; every other decoded file is checked for a declared type only.
struct DecodedType {
  const char* file;
  const char* type;
};

constexpr DecodedType kDecodedTypes[] = {
    {"flashduty/incident_webhook_i_new.json", "flashduty.incident.triggered"},
    {"flashduty/incident_webhook_i_new.zh.json",
     "flashduty.incident.triggered"},
    {"flashduty/alert_webhook_example.json", "flashduty.alert.merged"},
    {"pagerduty/webhooks_v3/incident.priority_updated.json",
     "pagerduty.incident.priority_updated"},
    {"pagerduty/webhooks_v2/incident.trigger.json",
     "pagerduty.incident.triggered"},
    {"pagerduty/webhooks_v2/incident.acknowledge.json",
     "pagerduty.incident.acknowledged"},
    {"pagerduty/webhooks_v2/incident.assign.json",
     "pagerduty.incident.reassigned"},
    {"pagerduty/webhooks_v2/incident.resolve.json",
     "pagerduty.incident.resolved"},
};

const Skip* FindSkip(const std::string& file) {
  for (const Skip& skip : kNotWebhooks) {
    if (file.rfind(skip.prefix, 0) == 0) return &skip;
  }
  return nullptr;
}

const NotDecoded* FindNotDecoded(const std::string& file) {
  for (const NotDecoded& entry : kNotDecoded) {
    if (file == entry.file) return &entry;
  }
  return nullptr;
}

bool IsDeclared(const EventInfo& event) {
  const Connector* connector = FindConnector(event.source);
  if (connector == nullptr) return false;
  for (const EventTypeDecl& type : connector->schema().events) {
    if (type.name == event.type) return true;
  }
  return false;
}

std::vector<std::string> JsonFiles(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(fs::relative(entry.path(), dir).generic_string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Checks one corpus file; adds the table entries it matched to `used`.
void CheckFile(const std::string& dir, const std::string& file,
               std::set<std::string>& used) {
  auto payload = PayloadOf(ReadFile(dir + "/" + file).value_or(""));
  ASSERT_TRUE(payload->parsed) << file << " is not JSON";
  const DecodeResult result = DecodeDelivery(payload->delivery, payload->body);
  const NotDecoded* expected = FindNotDecoded(file);
  if (expected != nullptr) {
    used.insert(expected->file);
    EXPECT_EQ(result.status, expected->status)
        << file << ": " << DescribeResult(result);
    EXPECT_NE(result.reason.find(expected->reason_part), std::string::npos)
        << file << ": " << result.reason;
    return;
  }
  ASSERT_TRUE(result.decoded()) << file << ": " << DescribeResult(result);
  for (const DecodedType& expected_type : kDecodedTypes) {
    if (file != expected_type.file) continue;
    used.insert(expected_type.file);
    ASSERT_EQ(result.events.size(), 1u) << file;
    EXPECT_EQ(result.events[0].type, expected_type.type) << file;
  }
  for (const EventInfo& event : result.events) {
    EXPECT_TRUE(IsDeclared(event)) << file << ": " << event.type;
    EXPECT_FALSE(event.id.empty()) << file;
    EXPECT_FALSE(event.entity_id.empty()) << file;
  }
}

TEST(SharedFixtureSweepTest, EveryWebhookBodyDecodesOrGivesItsReason) {
  const std::string dir = SharedFixturesDir();
  if (!fs::is_directory(dir)) {
    GTEST_SKIP() << "sweep skipped: " << dir << " is absent";
  }
  std::set<std::string> used_skips;
  std::set<std::string> used_entries;
  int decoded_or_explained = 0;
  for (const std::string& file : JsonFiles(dir)) {
    if (const Skip* skip = FindSkip(file)) {
      used_skips.insert(skip->prefix);
      continue;
    }
    CheckFile(dir, file, used_entries);
    ++decoded_or_explained;
  }
  for (const Skip& skip : kNotWebhooks) {
    EXPECT_TRUE(used_skips.count(skip.prefix)) << "stale skip: " << skip.prefix;
  }
  for (const NotDecoded& entry : kNotDecoded) {
    EXPECT_TRUE(used_entries.count(entry.file))
        << "stale entry: " << entry.file;
  }
  for (const DecodedType& entry : kDecodedTypes) {
    EXPECT_TRUE(used_entries.count(entry.file))
        << "stale entry: " << entry.file;
  }
  EXPECT_GT(decoded_or_explained, 40);
}

}  // namespace
}  // namespace syncrule::runtime::testing
