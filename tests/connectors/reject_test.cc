// Payloads a connector recognises but cannot process are rejected with a
// reason naming what is wrong; payloads nobody recognises say what was
// looked for; odd payloads never crash a decoder.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/connectors/registry.h"
#include "tests/connectors/fixture.h"

namespace syncrule::runtime::testing {
namespace {

struct RejectCase {
  const char* name;
  // A fixture under tests/fixtures when it ends in ".json", else the body.
  const char* payload;
  const char* source;  // "" decodes by shape
  DecodeStatus expected;
  const char* reason_part;
};

std::unique_ptr<Payload> Load(const RejectCase& test) {
  const std::string payload = test.payload;
  if (payload.size() > 5 && payload.substr(payload.size() - 5) == ".json") {
    return LoadFixture(payload, test.source);
  }
  return PayloadOf(payload, test.source);
}

constexpr DecodeStatus kRejected = DecodeStatus::kRejected;
constexpr DecodeStatus kNotMine = DecodeStatus::kNotMine;

const RejectCase kCases[] = {
    // Jira.
    {"jira unhandled event", R"({"webhookEvent":"worklog_created"})", "",
     kRejected, "Jira webhook event \"worklog_created\" is not handled"},
    {"jira issue without key", R"({"webhookEvent":"jira:issue_updated",
     "issue":{"id":"1"}})",
     "", kRejected, "Jira jira:issue_updated webhook has no issue.key"},
    {"jira comment without comment", R"({"webhookEvent":"comment_created"})",
     "", kRejected, "Jira comment_created webhook has no comment object"},
    {"jira comment without issue", R"({"webhookEvent":"comment_created",
     "comment":{"id":"9","self":"https://x/rest/api/2/comment/9"}})",
     "", kRejected, "Jira comment_created webhook names no issue"},
    {"jira webhookEvent not a string", R"({"webhookEvent":5})", "", kNotMine,
     "no connector recognises the payload"},
    // PagerDuty V3.
    {"pagerduty ping",
     "pagerduty/webhooks_v3/captured_aldaviva/pagey.ping.json", "", kRejected,
     "PagerDuty V3 pagey.ping is a test delivery"},
    {"pagerduty service event", "pagerduty/own/service.updated.json", "",
     kRejected,
     "PagerDuty V3 event type \"service.updated\" is not an incident event"},
    {"pagerduty no event type", "pagerduty/own/no_event_type.json", "",
     kRejected, "PagerDuty V3 webhook has no event.event_type"},
    {"pagerduty unknown incident type",
     "pagerduty/own/unknown_incident_type.json", "", kRejected,
     "\"incident.teleported\" is not known to syncrule"},
    {"pagerduty no data", R"({"event":{"event_type":"incident.triggered"}})",
     "", kRejected, "incident.triggered webhook has no event.data object"},
    {"pagerduty data without incident",
     R"({"event":{"event_type":"incident.annotated","data":{"type":"x"}}})", "",
     kRejected,
     "names no incident (no event.data.id or event.data.incident.id)"},
    {"pagerduty event_type not a string", R"({"event":{"event_type":[1]}})", "",
     kRejected, "has no event.event_type"},
    // PagerDuty V2.
    {"pagerduty v2 unknown event", "pagerduty/own/v2_unknown_event.json", "",
     kRejected, "PagerDuty V2 message 0 has event \"incident.custom\""},
    {"pagerduty v2 empty", R"({"messages":[]})", "", kRejected,
     "PagerDuty V2 webhook has no messages"},
    {"pagerduty v2 message not an object", R"({"messages":[5]})", "", kRejected,
     "PagerDuty V2 message 0 has no \"event\""},
    {"pagerduty v2 no incident id",
     R"({"messages":[{"event":"incident.trigger","incident":{}}]})", "",
     kRejected, "PagerDuty V2 message 0 has no incident.id"},
    // Flashduty.
    {"flashduty unknown code", "flashduty/own/incident_unknown_code.json", "",
     kRejected, "Flashduty event type \"i_teleport\" is not known"},
    {"flashduty incident without id", "flashduty/own/incident_no_id.json", "",
     kRejected, "Flashduty i_ack webhook has no incident.incident_id"},
    {"flashduty no event type", R"({"event_time":1,"incident":{}})", "",
     kRejected, "Flashduty webhook has no event_type"},
    {"flashduty alert without id", R"({"event_type":"a_new","alert":{}})", "",
     kRejected, "Flashduty a_new webhook has no alert.alert_id"},
    // GitLab.
    {"gitlab unhandled kind", "gitlab/own/build.json", "", kRejected,
     "GitLab object_kind \"build\" is not handled"},
    {"gitlab no project", R"({"object_kind":"push","ref":"refs/heads/x"})", "",
     kRejected, "GitLab push webhook names no project"},
    {"gitlab push without ref",
     R"({"object_kind":"push","project":{"path_with_namespace":"a/b"}})", "",
     kRejected, "GitLab push webhook has no ref"},
    {"gitlab merge request without iid",
     R"({"object_kind":"merge_request","project":{"id":3},
     "object_attributes":{}})",
     "", kRejected,
     "GitLab merge_request webhook has no object_attributes.iid"},
    {"gitlab note on a merge request it does not carry",
     R"({"object_kind":"note","project":{"id":3},
     "object_attributes":{"noteable_type":"MergeRequest","id":1}})",
     "", kRejected, "GitLab note webhook has no merge_request.iid"},
    // Alertmanager.
    {"alertmanager unknown status", "alertmanager/own/unknown_status.json", "",
     kRejected, "Alertmanager notification has status \"silenced\""},
    {"alertmanager no group key",
     R"({"status":"firing","receiver":"r","alerts":[]})", "", kRejected,
     "Alertmanager notification has no groupKey"},
    // The registry.
    {"not an object", "[1,2]", "", kNotMine, "payload is an array"},
    {"nobody's shape", R"({"hello":"world"})", "", kNotMine,
     "no connector recognises the payload; looked for Jira: a top-level "
     "\"webhookEvent\" string; PagerDuty:"},
    {"unknown source", R"({"hello":"world"})", "opsgenie", kRejected,
     "unknown source \"opsgenie\"; the connectors are jira, pagerduty, "
     "flashduty, gitlab, alertmanager"},
    {"source that does not match", "gitlab/webhooks_go_gitlab/push.json",
     "jira", kRejected,
     "payload sent as jira is not a webhook of that source; looked for "
     "Jira: a top-level \"webhookEvent\" string"},
    {"two shapes", R"({"webhookEvent":"jira:issue_created",
     "issue":{"key":"A-1"},"object_kind":"push"})",
     "", kRejected,
     "payload is ambiguous: it has the shape of jira and gitlab"},
};

TEST(RejectTest, Table) {
  for (const RejectCase& test : kCases) {
    auto payload = Load(test);
    ASSERT_TRUE(payload->parsed) << test.name;
    const DecodeResult result =
        DecodeDelivery(payload->delivery, payload->body);
    EXPECT_EQ(result.status, test.expected)
        << test.name << ": " << DescribeResult(result);
    EXPECT_NE(result.reason.find(test.reason_part), std::string::npos)
        << test.name << ": " << result.reason;
    EXPECT_TRUE(result.events.empty()) << test.name;
  }
}

TEST(RejectTest, LongValuesAreCutInReasons) {
  const std::string type(500, 'x');
  auto payload = PayloadOf(R"({"webhookEvent":")" + type + R"("})");
  const DecodeResult result = DecodeDelivery(payload->delivery, payload->body);
  ASSERT_TRUE(result.rejected());
  EXPECT_LT(result.reason.size(), 300u) << result.reason;
  EXPECT_NE(result.reason.find("...\""), std::string::npos);
}

TEST(RejectTest, PagerDutyV2BatchIsBounded) {
  std::string body = R"({"messages":[)";
  for (int i = 0; i < 101; ++i) {
    body += std::string(i ? "," : "") +
            R"({"event":"incident.trigger","incident":{"id":"P1"}})";
  }
  body += "]}";
  auto payload = PayloadOf(body);
  const DecodeResult result = DecodeDelivery(payload->delivery, payload->body);
  ASSERT_TRUE(result.rejected());
  EXPECT_NE(result.reason.find("101 messages; at most 100"), std::string::npos)
      << result.reason;
}

// Odd payloads: every fixture with each top-level member, and each member of
// its main object, removed or replaced by a value of every JSON type. The
// decoders must return some result, and a decoded event must be complete.
const char* const kReplacements[] = {"null",  "0",  "-1",     "1e300", "\"\"",
                                     "\"x\"", "[]", "[null]", "{}",    "true"};

void ExpectSaneResult(const std::string& what, const std::string& text) {
  auto payload = PayloadOf(text);
  ASSERT_TRUE(payload->parsed) << what;
  const DecodeResult result = DecodeDelivery(payload->delivery, payload->body);
  if (result.decoded()) {
    ASSERT_FALSE(result.events.empty()) << what;
    for (const EventInfo& event : result.events) {
      EXPECT_FALSE(event.type.empty()) << what;
      EXPECT_FALSE(event.id.empty()) << what;
      EXPECT_FALSE(event.entity_id.empty()) << what;
    }
  } else {
    EXPECT_FALSE(result.reason.empty()) << what << " gave no reason";
  }
}

// Returns `body` with the member `key` of the object at `path` (a chain of
// keys) replaced by `value`, or removed when `value` is empty, by
// re-serializing through simdjson's minifier.
std::string Mutate(simdjson::dom::element root,
                   const std::vector<std::string>& path, size_t depth,
                   const std::string& key, const std::string& value) {
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return simdjson::minify(root);
  }
  std::string out = "{";
  bool first = true;
  for (auto [member, child] : object) {
    std::string text;
    if (depth < path.size() && member == path[depth]) {
      text = Mutate(child, path, depth + 1, key, value);
    } else if (depth == path.size() && member == key) {
      if (value.empty()) continue;
      text = value;
    } else {
      text = simdjson::minify(child);
    }
    out += std::string(first ? "" : ",") + "\"" + std::string(member) +
           "\":" + text;
    first = false;
  }
  return out + "}";
}

void MutateMembers(const std::string& file, simdjson::dom::element root,
                   const std::vector<std::string>& path) {
  simdjson::dom::element target = root;
  for (const std::string& key : path) {
    if (target[key].get(target) != simdjson::SUCCESS) return;
  }
  simdjson::dom::object object;
  if (target.get_object().get(object) != simdjson::SUCCESS) return;
  for (auto [member, child] : object) {
    const std::string key(member);
    ExpectSaneResult(file + " without " + key, Mutate(root, path, 0, key, ""));
    for (const char* value : kReplacements) {
      ExpectSaneResult(file + " with " + key + "=" + value,
                       Mutate(root, path, 0, key, value));
    }
  }
}

TEST(RobustnessTest, MutatedFixturesNeverCrash) {
  const char* const kFiles[] = {
      "jira/webhooks_mattermost/webhook-cloud-comment-created.json",
      "jira/webhooks_mattermost/webhook-issue-updated-assigned.json",
      "pagerduty/webhooks_v3/captured_aldaviva/incident.triggered.json",
      "pagerduty/webhooks_v3/captured_aldaviva/incident.annotated.json",
      "pagerduty/own/v2_batch.json",
      "flashduty/own/incident_i_ack.json",
      "flashduty/own/alert_a_new.json",
      "gitlab/webhooks_go_gitlab/note_merge_request.json",
      "gitlab/webhooks_go_gitlab/pipeline.json",
      "gitlab/own/note_commit.json",
      "alertmanager/webhooks_zulip/alert.json",
  };
  const std::vector<std::vector<std::string>> kPaths = {
      {},           {"event"}, {"event", "data"},     {"issue"},  {"comment"},
      {"incident"}, {"alert"}, {"object_attributes"}, {"project"}};
  for (const char* file : kFiles) {
    auto payload = LoadFixture(file);
    ASSERT_TRUE(payload->parsed) << file;
    for (const std::vector<std::string>& path : kPaths) {
      MutateMembers(file, payload->body, path);
    }
  }
}

TEST(RobustnessTest, ScalarsAndEmptyContainersAreNobodys) {
  for (const char* text : {"null", "0", "\"x\"", "[]", "{}", "true"}) {
    auto payload = PayloadOf(text);
    ASSERT_TRUE(payload->parsed) << text;
    const DecodeResult result =
        DecodeDelivery(payload->delivery, payload->body);
    EXPECT_TRUE(result.not_mine()) << text << ": " << DescribeResult(result);
    EXPECT_FALSE(result.reason.empty()) << text;
  }
}

}  // namespace
}  // namespace syncrule::runtime::testing
