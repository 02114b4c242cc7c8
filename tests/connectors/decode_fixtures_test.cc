// Every copied fixture decodes to the exact expected event: type, format,
// id, entity and time. Expected ids were computed independently (by a
// script re-implementing the id recipes), not by running the decoders.

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "runtime/connectors/registry.h"
#include "tests/connectors/fixture.h"

namespace syncrule::runtime::testing {
namespace {

struct ExpectedEvent {
  const char* file;  // under tests/fixtures
  const char* type;
  const char* format;
  const char* root;
  const char* id;
  const char* entity;
  const char* entity_id;
  int64_t occurred_ms;
};

// Events of one file appear in delivery order (V2 batches have several).
constexpr ExpectedEvent kExpected[] = {
    {"jira/webhooks_mattermost/webhook-cloud-comment-created.json",
     "jira.comment.created", "jira", "",
     "jira:9ad90d28ccdf0c7d0016c3fd642ef129", "issue", "TES-41",
     1550286678321LL},
    {"jira/webhooks_mattermost/webhook-cloud-comment-deleted.json",
     "jira.comment.deleted", "jira", "",
     "jira:5ecad2079b26f07faf50d5c173ccbed1", "issue", "KT-7", 1570513345538LL},
    {"jira/webhooks_mattermost/webhook-cloud-comment-updated.json",
     "jira.comment.updated", "jira", "",
     "jira:ec9455e7f85f875ecd9b5bb17e11ecdc", "issue", "TES-41",
     1550286728432LL},
    {"jira/webhooks_mattermost/webhook-cloud-issue-created-many-fields.json",
     "jira.issue.created", "jira", "", "jira:6723461a4e1ea4ed14dc2bc3b79ac2c9",
     "issue", "KT-22", 1566935004475LL},
    {"jira/webhooks_mattermost/webhook-cloud-issue-updated-custom-field.json",
     "jira.issue.updated", "jira", "", "jira:50a670835b33d1ce1305b920a94764e2",
     "issue", "TES-14", 1565574553414LL},
    {"jira/webhooks_mattermost/webhook-issue-created.json",
     "jira.issue.created", "jira", "", "jira:ea66b0f47142e5bfef02fd278e03164c",
     "issue", "TES-41", 1550286113023LL},
    {"jira/webhooks_mattermost/webhook-issue-deleted.json",
     "jira.issue.deleted", "jira", "", "jira:152765e96d3239ad1dd4294ab0d09a13",
     "issue", "IDT-19", 1562177136176LL},
    {"jira/webhooks_mattermost/webhook-issue-updated-assigned.json",
     "jira.issue.updated", "jira", "", "jira:b36b85e02a35621d01774ffe3c236a92",
     "issue", "TES-41", 1550287081752LL},
    {"jira/webhooks_mattermost/webhook-issue-updated-labels.json",
     "jira.issue.updated", "jira", "", "jira:d318ef36f7ae676661860ac5948e3bdf",
     "issue", "TES-41", 1550351530065LL},
    {"jira/webhooks_mattermost/webhook-issue-updated-lowered-priority.json",
     "jira.issue.updated", "jira", "", "jira:30c3c20629e1fca95a7af05190971047",
     "issue", "TES-41", 1550351632565LL},
    {"jira/webhooks_mattermost/"
     "webhook-issue-updated-multiple-custom-fields.json",
     "jira.issue.updated", "jira", "", "jira:d318ef36f7ae676661860ac5948e3bdf",
     "issue", "TES-41", 1550351530065LL},
    {"jira/webhooks_mattermost/webhook-issue-updated-raised-priority.json",
     "jira.issue.updated", "jira", "", "jira:e048da1732f23cee78d8f9bf503cd819",
     "issue", "TES-41", 1550351716080LL},
    {"jira/webhooks_mattermost/webhook-issue-updated-reopened.json",
     "jira.issue.updated", "jira", "", "jira:bae0b6d56627a9546743ffd4ca661a1c",
     "issue", "TES-41", 1550287026531LL},
    {"jira/webhooks_mattermost/webhook-issue-updated-resolved.json",
     "jira.issue.updated", "jira", "", "jira:680733336a007b5863042f652a4c4971",
     "issue", "TES-41", 1550286940507LL},
    {"jira/webhooks_mattermost/webhook-server-comment-created.json",
     "jira.comment.created", "jira", "",
     "jira:4af3395523c178fbee24899149f01c4f", "issue", "10013",
     1559607317234LL},
    {"jira/webhooks_mattermost/webhook-server-issue-updated-closed.json",
     "jira.issue.updated", "jira", "", "jira:6d22cc7f8104c103cd4f9783dc17bb3c",
     "issue", "TES-4", 1565752078358LL},
    {"jira/webhooks_mattermost/webhook-server-issue-updated-commented-2.json",
     "jira.issue.updated", "jira", "", "jira:2150abb2d04dcadcd4f854a879fb0669",
     "issue", "PRJA-42", 1561757536066LL},
    {"jira/webhooks_mattermost/webhook-server-issue-updated-in-progress.json",
     "jira.issue.updated", "jira", "", "jira:30e182a17377f7ce98a8572ac6671135",
     "issue", "TES-4", 1565751753680LL},
    {"jira/webhooks_mattermost/webhook-server-issue-updated-many-fields.json",
     "jira.issue.updated", "jira", "", "jira:d7600d6325d3e7c3293c1b1f5023106a",
     "issue", "HEY-15", 1567490619156LL},
    {"jira/webhooks_mattermost/webhook-server-issue-updated-reopened.json",
     "jira.issue.updated", "jira", "", "jira:e5185f755317fe347d1672c102ccc79c",
     "issue", "TES-4", 1565751703657LL},
    {"jira/webhooks_mattermost/webhook-server-issue-updated-resolved.json",
     "jira.issue.updated", "jira", "", "jira:9fa1f7a63815f5cd00cb492290d66d87",
     "issue", "TES-4", 1565652182025LL},
    {"jira/webhooks_mattermost/webhook-server-updated-custom-field.json",
     "jira.issue.updated", "jira", "", "jira:acd00be5c3be95e407ad31df26ae6e18",
     "issue", "TES-8", 1565574060611LL},
    {"jira/webhooks_zulip/created_v2.json", "jira.issue.created", "jira", "",
     "jira:4a81f19fd68ccd323f95e38e044b8d4d", "issue", "BUG-15",
     1364403238369LL},
    {"gitlab/own/note_commit.json", "gitlab.note", "gitlab.note", "",
     "gitlab:13d9433fe50e5466ff0d3192c9e047fc", "commit",
     "shop/checkout@c0ffee1234567890c0ffee1234567890c0ffee12", 1714644000000LL},
    {"gitlab/webhooks_go_gitlab/issue.json", "gitlab.issue", "gitlab.issue", "",
     "gitlab:c5b47a24a748dbd2b5c3bf6232850948", "issue",
     "gitlabhq/gitlab-test#23", 1386090943000LL},
    {"gitlab/webhooks_go_gitlab/merge_request.json", "gitlab.merge_request",
     "gitlab.merge_request", "", "gitlab:210046429beedd08f9652cd07b772dbf",
     "merge_request", "gitlabhq/gitlab-test!1", 1386091414000LL},
    {"gitlab/webhooks_go_gitlab/note_issue.json", "gitlab.note", "gitlab.note",
     "", "gitlab:89f6424b40e07acab3e39017a30ea6f4", "issue",
     "gitlab-org/gitlab-test#17", 1431882400000LL},
    {"gitlab/webhooks_go_gitlab/note_merge_request.json", "gitlab.note",
     "gitlab.note", "", "gitlab:2dccabbfa520346fc001c1206345fc9a",
     "merge_request", "gitlab-org/gitlab-test!1", 1431886896000LL},
    {"gitlab/webhooks_go_gitlab/pipeline.json", "gitlab.pipeline",
     "gitlab.pipeline", "", "gitlab:a19e92d157bb218158e49cf7710f13b0",
     "pipeline", "gitlab-org/gitlab-test:pipeline/31", 1471015589000LL},
    {"gitlab/webhooks_go_gitlab/push.json", "gitlab.push", "gitlab.push", "",
     "gitlab:6248e33b63ffcde8b69174c0518b3fb7", "push",
     "mike/diaspora:refs/heads/master", 0LL},
    {"gitlab/webhooks_go_gitlab/tag_push.json", "gitlab.tag_push",
     "gitlab.push", "", "gitlab:e83832c489213093c39c6c036478c03b", "push",
     "jsmith/example:refs/tags/v1.0.0", 0LL},
    {"alertmanager/own/resolved.json", "alertmanager.alert.resolved",
     "alertmanager.v4", "", "alertmanager:d0931bf520f0065ffbf42115b09a5ca4",
     "alert", "{}/{severity=\"page\"}:{alertname=\"DiskFull\"}",
     1714643112500LL},
    {"alertmanager/webhooks_zulip/alert.json", "alertmanager.alert.firing",
     "alertmanager.v4", "", "alertmanager:40f790655162529f9d4af28e5849474a",
     "alert", "{}/{}:{}", 1580948278432LL},
    {"pagerduty/webhooks_v2/go_pagerduty/incident.trigger.json",
     "pagerduty.incident.triggered", "pagerduty.v2", "/messages/0",
     "69a7ced0-a2cd-11e7-a799-22000a15839c", "incident", "PRORDTY",
     1506438876000LL},
    {"pagerduty/webhooks_v3/captured_aldaviva/incident.acknowledged.json",
     "pagerduty.incident.acknowledged", "pagerduty.v3", "",
     "01FKZSRAQJLP9S3OPM2VALGUPJ", "incident", "Q2CKYRLH85UNN4",
     1743997633546LL},
    {"pagerduty/webhooks_v3/captured_aldaviva/incident.annotated.json",
     "pagerduty.incident.annotated", "pagerduty.v3.incident_ref", "",
     "01FKZSYEOK0YQYTT9OZQJDS1P4", "incident", "Q2CKYRLH85UNN4",
     1743997776680LL},
    {"pagerduty/webhooks_v3/captured_aldaviva/incident.resolved.json",
     "pagerduty.incident.resolved", "pagerduty.v3", "",
     "01FKZSYE5HCMM576S6JUVIGLQT", "incident", "Q2CKYRLH85UNN4",
     1743997776358LL},
    {"pagerduty/webhooks_v3/captured_aldaviva/incident.triggered.json",
     "pagerduty.incident.triggered", "pagerduty.v3", "",
     "01FKZSRAPTMF55RE69G8BQHGC6", "incident", "Q2CKYRLH85UNN4",
     1743997633414LL},
    {"pagerduty/webhooks_v3/go_pagerduty/"
     "incident.priority_updated.signed_body.json",
     "pagerduty.incident.priority_updated", "pagerduty.v3", "",
     "01BWDWL3NYY7LUFPZCC28QUCMK", "incident", "PGR0VU2", 1619458587458LL},
    {"pagerduty/webhooks_v3/zulip/delegated_v3.json",
     "pagerduty.incident.delegated", "pagerduty.v3", "",
     "01GI0KCK1VJGU2A90B814E1RF0", "incident", "Q3B15VLMF3ASBD",
     1775009600295LL},
    {"pagerduty/webhooks_v3/zulip/escalate_v3.json",
     "pagerduty.incident.escalated", "pagerduty.v3", "",
     "01GI0JWUU28G8XE5M6IIT4BZ39", "incident", "Q3B15VLMF3ASBD",
     1775009284642LL},
    {"pagerduty/webhooks_v3/zulip/reassigned_v3.json",
     "pagerduty.incident.reassigned", "pagerduty.v3", "",
     "01BZY282OVDQMFPDC3VB98DR1L", "incident", "PIQUG8X", 1622801874838LL},
    {"pagerduty/webhooks_v3/zulip/reopened_v3.json",
     "pagerduty.incident.reopened", "pagerduty.v3", "",
     "01GI0KHLHVH4YZ44BJY1VLT6F2", "incident", "Q05XJA8GDXGOB3",
     1775009702274LL},
    {"pagerduty/webhooks_v3/zulip/responder_added.json",
     "pagerduty.incident.responder.added", "pagerduty.v3.incident_ref", "",
     "01GI0KX4BFZXPEDNCS4USCAH22", "incident", "Q3B15VLMF3ASBD",
     1775010014737LL},
    {"pagerduty/webhooks_v3/zulip/status_updated_v3.json",
     "pagerduty.incident.status_update_published", "pagerduty.v3.incident_ref",
     "", "01GI0KPHX6I892N2PFKDLH25XK", "incident", "Q3B15VLMF3ASBD",
     1775009861211LL},
    {"pagerduty/webhooks_v3/zulip/unacknowledged_v3.json",
     "pagerduty.incident.unacknowledged", "pagerduty.v3", "",
     "01BZYK5B3WC0QI62S87MJX7FCD", "incident", "PQ1K5C8", 1622814863185LL},
    {"pagerduty/own/incident.conference_bridge.updated.json",
     "pagerduty.incident.conference_bridge.updated",
     "pagerduty.v3.incident_ref", "", "01SYNCBRIDGE00000000000001", "incident",
     "Q1SYNCRULE0001", 1714644930250LL},
    {"pagerduty/own/incident.custom_field_values.updated.json",
     "pagerduty.incident.custom_field_values.updated",
     "pagerduty.v3.incident_ref", "", "01SYNCFIELDS00000000000001", "incident",
     "Q1SYNCRULE0001", 1714644930250LL},
    {"pagerduty/own/incident.responder.replied.json",
     "pagerduty.incident.responder.replied", "pagerduty.v3.incident_ref", "",
     "01SYNCREPLIED0000000000001", "incident", "Q1SYNCRULE0001",
     1714644930250LL},
    {"pagerduty/own/incident.workflow.started.json",
     "pagerduty.incident.workflow.started", "pagerduty.v3.incident_ref", "",
     "01SYNCWORKFLOW000000000001", "incident", "Q1SYNCRULE0001",
     1714644930250LL},
    {"pagerduty/own/v2_batch.json", "pagerduty.incident.unacknowledged",
     "pagerduty.v2", "/messages/0", "a1b2c3d0-0801-11ef-9c1a-000000000004",
     "incident", "PSYNCV2", 1714641000000LL},
    {"pagerduty/own/v2_batch.json", "pagerduty.incident.escalated",
     "pagerduty.v2", "/messages/1", "a1b2c3d0-0801-11ef-9c1a-000000000005",
     "incident", "PSYNCV2", 1714641001000LL},
    {"pagerduty/own/v2_batch.json", "pagerduty.incident.annotated",
     "pagerduty.v2", "/messages/2", "a1b2c3d0-0801-11ef-9c1a-000000000006",
     "incident", "PSYNCV2", 1714641060000LL},
    {"pagerduty/own/v2_incident.acknowledge.json",
     "pagerduty.incident.acknowledged", "pagerduty.v2", "/messages/0",
     "a1b2c3d0-0801-11ef-9c1a-000000000001", "incident", "PSYNCV2",
     1714640460000LL},
    {"pagerduty/own/v2_incident.assign.json", "pagerduty.incident.reassigned",
     "pagerduty.v2", "/messages/0", "a1b2c3d0-0801-11ef-9c1a-000000000003",
     "incident", "PSYNCV2", 1714640700000LL},
    {"pagerduty/own/v2_incident.resolve.json", "pagerduty.incident.resolved",
     "pagerduty.v2", "/messages/0", "a1b2c3d0-0801-11ef-9c1a-000000000002",
     "incident", "PSYNCV2", 1714642200000LL},
    {"flashduty/own/alert_a_close.json", "flashduty.alert.closed",
     "flashduty.alert", "", "d0c1e0000000000000000000000000b2", "alert",
     "6633a1f0c0ffee00000000b1", 1714647000100LL},
    {"flashduty/own/alert_a_new.json", "flashduty.alert.triggered",
     "flashduty.alert", "", "d0c1e0000000000000000000000000b1", "alert",
     "6633a1f0c0ffee00000000b1", 1714644925300LL},
    {"flashduty/own/incident_i_ack.json", "flashduty.incident.acknowledged",
     "flashduty.incident", "", "d0c1e0000000000000000000000000a2", "incident",
     "6633a1f0c0ffee0000000001", 1714645010001LL},
    {"flashduty/own/incident_i_comm.json", "flashduty.incident.commented",
     "flashduty.incident", "", "d0c1e0000000000000000000000000a4", "incident",
     "6633a1f0c0ffee0000000001", 1714645100000LL},
    {"flashduty/own/incident_i_new.json", "flashduty.incident.triggered",
     "flashduty.incident", "", "d0c1e0000000000000000000000000a1", "incident",
     "6633a1f0c0ffee0000000001", 1714644930512LL},
    {"flashduty/own/incident_i_r_severity.json",
     "flashduty.incident.severity_updated", "flashduty.incident", "",
     "d0c1e0000000000000000000000000a5", "incident", "6633a1f0c0ffee0000000001",
     1714645200000LL},
    {"flashduty/own/incident_i_rslv.json", "flashduty.incident.resolved",
     "flashduty.incident", "", "d0c1e0000000000000000000000000a3", "incident",
     "6633a1f0c0ffee0000000001", 1714646800250LL},
};

// The source each fixture folder belongs to.
std::string SourceOf(const std::string& file) {
  return file.substr(0, file.find('/'));
}

std::map<std::string, std::vector<const ExpectedEvent*>> ByFile() {
  std::map<std::string, std::vector<const ExpectedEvent*>> files;
  for (const ExpectedEvent& expected : kExpected) {
    files[expected.file].push_back(&expected);
  }
  return files;
}

void ExpectEvents(const std::string& file,
                  const std::vector<const ExpectedEvent*>& expected,
                  const DecodeResult& result) {
  ASSERT_TRUE(result.decoded()) << file << ": " << DescribeResult(result);
  ASSERT_EQ(result.events.size(), expected.size()) << file;
  for (size_t i = 0; i < expected.size(); ++i) {
    const EventInfo& event = result.events[i];
    const ExpectedEvent& want = *expected[i];
    SCOPED_TRACE(file + " event " + std::to_string(i));
    EXPECT_EQ(event.source, SourceOf(file));
    EXPECT_EQ(event.type, want.type);
    EXPECT_EQ(event.format, want.format);
    EXPECT_EQ(event.root, want.root);
    EXPECT_EQ(event.id, want.id);
    EXPECT_EQ(event.entity, want.entity);
    EXPECT_EQ(event.entity_id, want.entity_id);
    EXPECT_EQ(event.occurred_ms, want.occurred_ms);
  }
}

TEST(DecodeFixturesTest, ByShapeEveryFixtureDecodesToItsEvent) {
  for (const auto& [file, expected] : ByFile()) {
    auto payload = LoadFixture(file);
    ASSERT_TRUE(payload->parsed) << file;
    ExpectEvents(file, expected,
                 DecodeDelivery(payload->delivery, payload->body));
  }
}

TEST(DecodeFixturesTest, WithDeclaredSourceEveryFixtureDecodesToItsEvent) {
  for (const auto& [file, expected] : ByFile()) {
    auto payload = LoadFixture(file, SourceOf(file));
    ASSERT_TRUE(payload->parsed) << file;
    ExpectEvents(file, expected,
                 DecodeDelivery(payload->delivery, payload->body));
  }
}

TEST(DecodeFixturesTest, OnlyTheOwningConnectorClaimsEachFixture) {
  for (const auto& [file, expected] : ByFile()) {
    auto payload = LoadFixture(file);
    ASSERT_TRUE(payload->parsed) << file;
    for (const Connector* connector : AllConnectors()) {
      const DecodeResult result =
          connector->Decode(payload->delivery, payload->body);
      EXPECT_EQ(!result.not_mine(), connector->name() == SourceOf(file))
          << file << " by " << connector->name() << ": "
          << DescribeResult(result);
    }
  }
}

TEST(DecodeFixturesTest, EveryDecodedTypeIsDeclaredWithItsEntity) {
  for (const ExpectedEvent& expected : kExpected) {
    const Connector* connector = FindConnector(SourceOf(expected.file));
    ASSERT_NE(connector, nullptr) << expected.file;
    bool declared = false;
    for (const EventTypeDecl& event : connector->schema().events) {
      declared = declared || event.name == expected.type;
    }
    EXPECT_TRUE(declared) << expected.type;
  }
}

// The Mattermost fixtures for "labels" and "multiple custom fields" were made
// by editing one captured delivery: same event, issue, changelog id and
// timestamp. By Jira's identity they are one event, so they share an id.
TEST(DecodeFixturesTest, JiraIdsFollowJiraIdentityNotBodyBytes) {
  auto labels =
      LoadFixture("jira/webhooks_mattermost/webhook-issue-updated-labels.json");
  auto custom = LoadFixture(
      "jira/webhooks_mattermost/"
      "webhook-issue-updated-multiple-custom-fields.json");
  const DecodeResult a = DecodeDelivery(labels->delivery, labels->body);
  const DecodeResult b = DecodeDelivery(custom->delivery, custom->body);
  ASSERT_TRUE(a.decoded() && b.decoded());
  EXPECT_NE(labels->delivery.body, custom->delivery.body);
  EXPECT_EQ(a.events[0].id, b.events[0].id);
}

}  // namespace
}  // namespace syncrule::runtime::testing
