// Signature checks against the vectors in the fixtures (PagerDuty), vectors
// computed with the openssl command line (Jira), RFC 4231 (the HMAC
// itself), and tables of good, bad, rotated and missing signatures.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/connectors/alertmanager/alertmanager.h"
#include "runtime/connectors/digest.h"
#include "runtime/connectors/flashduty/flashduty.h"
#include "runtime/connectors/gitlab/gitlab.h"
#include "runtime/connectors/jira/jira.h"
#include "runtime/connectors/pagerduty/pagerduty.h"
#include "tests/connectors/fixture.h"

namespace syncrule::runtime::testing {
namespace {

RawDelivery Delivery(std::string body, Headers headers = {}) {
  RawDelivery delivery;
  delivery.body = std::move(body);
  delivery.headers = std::move(headers);
  return delivery;
}

std::string FixtureText(const std::string& relative) {
  return ReadFile(TestFixturesDir() + "/" + relative).value_or("");
}

// A check's message must never reveal a secret or a signature it expected.
void ExpectNoSecretIn(const SignatureCheck& check, const RawDelivery& delivery,
                      const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    EXPECT_EQ(check.message.find(secret), std::string::npos) << check.message;
    EXPECT_EQ(check.message.find(HmacSha256Hex(secret, delivery.body)),
              std::string::npos)
        << check.message;
  }
}

// ---------------------------------------------------------------------------
// Primitives.

TEST(DigestTest, Sha256OfAbc) {
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(DigestTest, HmacSha256MatchesRfc4231) {
  EXPECT_EQ(HmacSha256Hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(DigestTest, ConstantTimeComparisons) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("", ""));  // an empty signature never matches
  EXPECT_TRUE(ConstantTimeTokenEquals("token", "token"));
  EXPECT_FALSE(ConstantTimeTokenEquals("token", "token2"));
  EXPECT_FALSE(ConstantTimeTokenEquals("", "token"));
}

TEST(DigestTest, StableIdIsUnambiguous) {
  EXPECT_EQ(StableId("x", {"ab", "c"}), StableId("x", {"ab", "c"}));
  EXPECT_NE(StableId("x", {"ab", "c"}), StableId("x", {"a", "bc"}));
  EXPECT_NE(StableId("x", {"a"}), StableId("y", {"a"}));
  EXPECT_EQ(StableId("jira", {"a"}).size(), 5u + 32u);
}

// ---------------------------------------------------------------------------
// PagerDuty: the vectors shipped with the fixtures.

struct Vector {
  std::string file;
  std::string header;
};

std::vector<Vector> AldavivaVectors(std::string& secret) {
  auto vectors = LoadFixture(
      "pagerduty/webhooks_v3/captured_aldaviva/signature_vectors.json");
  EXPECT_TRUE(vectors->parsed);
  std::string_view text;
  EXPECT_EQ(vectors->body["secret"].get(text), simdjson::SUCCESS);
  secret = std::string(text);
  std::vector<Vector> result;
  simdjson::dom::array entries;
  EXPECT_EQ(vectors->body["vectors"].get(entries), simdjson::SUCCESS);
  for (simdjson::dom::element entry : entries) {
    std::string_view file, header;
    EXPECT_EQ(entry["file"].get(file), simdjson::SUCCESS);
    EXPECT_EQ(entry["X-PagerDuty-Signature"].get(header), simdjson::SUCCESS);
    result.push_back({std::string(file), std::string(header)});
  }
  return result;
}

TEST(PagerDutySignatureTest, AldavivaCapturedDeliveriesVerify) {
  std::string secret;
  const std::vector<Vector> vectors = AldavivaVectors(secret);
  ASSERT_EQ(vectors.size(), 5u);
  for (const Vector& vector : vectors) {
    const RawDelivery delivery = Delivery(
        FixtureText("pagerduty/webhooks_v3/captured_aldaviva/" + vector.file),
        {{"x-pagerduty-signature", vector.header}});
    ASSERT_FALSE(delivery.body.empty()) << vector.file;
    const SignatureCheck check = pagerduty::VerifySignature(delivery, {secret});
    EXPECT_EQ(check.status, SignatureStatus::kOk)
        << vector.file << ": " << check.message;
    ExpectNoSecretIn(check, delivery, {secret});
  }
}

constexpr char kGoSecret[] =
    "lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK";
constexpr char kGoValid[] =
    "v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd";
constexpr char kGoMismatch[] =
    "v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5";

std::string GoBody() {
  return FixtureText(
      "pagerduty/webhooks_v3/go_pagerduty/"
      "incident.priority_updated.signed_body.json");
}

TEST(PagerDutySignatureTest, GoPagerDutyVectorsMatchTheFixtureFile) {
  // The constants above are those of signature_vectors.json.
  const std::string vectors =
      FixtureText("pagerduty/webhooks_v3/go_pagerduty/signature_vectors.json");
  EXPECT_NE(vectors.find(kGoSecret), std::string::npos);
  EXPECT_NE(vectors.find(kGoValid), std::string::npos);
  EXPECT_NE(vectors.find(kGoMismatch), std::string::npos);
}

struct PagerDutyCase {
  const char* name;
  std::vector<std::string> secrets;
  const char* header;  // nullptr: no header
  bool tamper_body;
  SignatureStatus expected;
};

TEST(PagerDutySignatureTest, Table) {
  const std::string valid = std::string(kGoValid);
  const std::string upper = "v1=" + std::string(
                                        "0C0B9495B893A39E70D1FEA2FE11"
                                        "FBE0A825F88B9F67846F6CC07DD2"
                                        "BC5476CD");
  const std::string rotated = std::string(kGoMismatch) + "," + valid;
  const std::string spaced = std::string(kGoMismatch) + ", " + valid;
  const std::string other_versions = "v0=abcdef, " + valid + " ,v2=00";
  const PagerDutyCase cases[] = {
      {"valid", {kGoSecret}, valid.c_str(), false, SignatureStatus::kOk},
      {"upper-case hex",
       {kGoSecret},
       upper.c_str(),
       false,
       SignatureStatus::kOk},
      {"mismatch vector",
       {kGoSecret},
       kGoMismatch,
       false,
       SignatureStatus::kMismatch},
      {"second of two signatures",
       {kGoSecret},
       rotated.c_str(),
       false,
       SignatureStatus::kOk},
      {"signatures with spaces",
       {kGoSecret},
       spaced.c_str(),
       false,
       SignatureStatus::kOk},
      {"other versions skipped",
       {kGoSecret},
       other_versions.c_str(),
       false,
       SignatureStatus::kOk},
      {"second of two secrets",
       {"old-secret", kGoSecret},
       valid.c_str(),
       false,
       SignatureStatus::kOk},
      {"wrong secret",
       {"not-the-secret"},
       valid.c_str(),
       false,
       SignatureStatus::kMismatch},
      {"tampered body",
       {kGoSecret},
       valid.c_str(),
       true,
       SignatureStatus::kMismatch},
      {"no v1 entry",
       {kGoSecret},
       "v2=0c0b9495",
       false,
       SignatureStatus::kMismatch},
      {"empty header", {kGoSecret}, "", false, SignatureStatus::kMismatch},
      {"empty v1", {kGoSecret}, "v1=", false, SignatureStatus::kMismatch},
      {"missing header",
       {kGoSecret},
       nullptr,
       false,
       SignatureStatus::kMissingHeader},
      {"no secret configured",
       {},
       valid.c_str(),
       false,
       SignatureStatus::kNoSecret},
  };
  for (const PagerDutyCase& test : cases) {
    RawDelivery delivery = Delivery(GoBody());
    ASSERT_FALSE(delivery.body.empty());
    if (test.tamper_body)
      delivery.body.replace(delivery.body.find("P1"), 2, "P5");
    if (test.header != nullptr) {
      delivery.headers["x-pagerduty-signature"] = test.header;
    }
    const SignatureCheck check =
        pagerduty::VerifySignature(delivery, test.secrets);
    EXPECT_EQ(check.status, test.expected)
        << test.name << ": " << SignatureStatusName(check.status) << " "
        << check.message;
    EXPECT_FALSE(check.message.empty()) << test.name;
    ExpectNoSecretIn(check, delivery, test.secrets);
  }
}

TEST(PagerDutySignatureTest, OkNamesWhichSecretMatched) {
  const RawDelivery delivery =
      Delivery(GoBody(), {{"x-pagerduty-signature", kGoValid}});
  const SignatureCheck check =
      pagerduty::VerifySignature(delivery, {"old-secret", kGoSecret});
  EXPECT_TRUE(check.ok());
  EXPECT_NE(check.message.find("#2"), std::string::npos) << check.message;
}

// ---------------------------------------------------------------------------
// Jira: X-Hub-Signature, vectors from
//   openssl dgst -sha256 -hmac "syncrule jira webhook secret" <file>

constexpr char kJiraFile[] =
    "jira/webhooks_mattermost/webhook-issue-created.json";
constexpr char kJiraSecret[] = "syncrule jira webhook secret";
constexpr char kJiraHmac[] =
    "7a12b56f30d245e8de1a97cb2d04230fc0e5606d1468c6a4e42ef818856de81c";
// The same file with one "x" appended.
constexpr char kJiraTamperedHmac[] =
    "d2489b46ccb4e910bd54a9b025417646642daf5fb198ad60174cabef466fba3f";

TEST(JiraSignatureTest, MatchesOpensslVectors) {
  const std::string body = FixtureText(kJiraFile);
  ASSERT_FALSE(body.empty());
  EXPECT_EQ(HmacSha256Hex(kJiraSecret, body), kJiraHmac);
  EXPECT_EQ(HmacSha256Hex(kJiraSecret, body + "x"), kJiraTamperedHmac);
}

struct HeaderCase {
  const char* name;
  std::vector<std::string> secrets;
  const char* header;  // nullptr: no header
  bool tamper_body;
  SignatureStatus expected;
};

TEST(JiraSignatureTest, Table) {
  const std::string good = std::string("sha256=") + kJiraHmac;
  const std::string tampered_sig = std::string("sha256=") + kJiraTamperedHmac;
  const HeaderCase cases[] = {
      {"valid", {kJiraSecret}, good.c_str(), false, SignatureStatus::kOk},
      {"second of two secrets",
       {"older", kJiraSecret},
       good.c_str(),
       false,
       SignatureStatus::kOk},
      {"wrong secret",
       {"older"},
       good.c_str(),
       false,
       SignatureStatus::kMismatch},
      {"tampered body",
       {kJiraSecret},
       good.c_str(),
       true,
       SignatureStatus::kMismatch},
      {"signature of the tampered body",
       {kJiraSecret},
       tampered_sig.c_str(),
       true,
       SignatureStatus::kOk},
      {"sha1 scheme",
       {kJiraSecret},
       "sha1=0123456789abcdef",
       false,
       SignatureStatus::kMismatch},
      {"bare hex", {kJiraSecret}, kJiraHmac, false, SignatureStatus::kMismatch},
      {"missing header",
       {kJiraSecret},
       nullptr,
       false,
       SignatureStatus::kMissingHeader},
      {"no secret configured",
       {},
       good.c_str(),
       false,
       SignatureStatus::kNoSecret},
  };
  for (const HeaderCase& test : cases) {
    RawDelivery delivery = Delivery(FixtureText(kJiraFile));
    if (test.tamper_body) delivery.body += "x";
    if (test.header != nullptr)
      delivery.headers["x-hub-signature"] = test.header;
    const SignatureCheck check = jira::VerifySignature(delivery, test.secrets);
    EXPECT_EQ(check.status, test.expected)
        << test.name << ": " << check.message;
    ExpectNoSecretIn(check, delivery, test.secrets);
  }
}

// ---------------------------------------------------------------------------
// GitLab: X-Gitlab-Token equality.

TEST(GitLabSignatureTest, Table) {
  const HeaderCase cases[] = {
      {"equal", {"s3cret-token"}, "s3cret-token", false, SignatureStatus::kOk},
      {"second of two",
       {"old", "s3cret-token"},
       "s3cret-token",
       false,
       SignatureStatus::kOk},
      {"different",
       {"s3cret-token"},
       "s3cret-tokem",
       false,
       SignatureStatus::kMismatch},
      {"prefix", {"s3cret-token"}, "s3cret", false, SignatureStatus::kMismatch},
      {"empty header", {"s3cret-token"}, "", false, SignatureStatus::kMismatch},
      {"missing header",
       {"s3cret-token"},
       nullptr,
       false,
       SignatureStatus::kMissingHeader},
      {"no secret configured",
       {},
       "s3cret-token",
       false,
       SignatureStatus::kNoSecret},
  };
  for (const HeaderCase& test : cases) {
    RawDelivery delivery =
        Delivery(FixtureText("gitlab/webhooks_go_gitlab/push.json"));
    if (test.header != nullptr)
      delivery.headers["x-gitlab-token"] = test.header;
    const SignatureCheck check =
        gitlab::VerifySignature(delivery, test.secrets);
    EXPECT_EQ(check.status, test.expected)
        << test.name << ": " << check.message;
    ExpectNoSecretIn(check, delivery, test.secrets);
    if (test.header != nullptr && *test.header != '\0') {
      EXPECT_EQ(check.message.find(test.header), std::string::npos)
          << "the received token must not be logged either";
    }
  }
}

// ---------------------------------------------------------------------------
// Sources that do not sign.

TEST(UnsignedSourcesTest, AlertmanagerAndFlashdutyAreNotApplicable) {
  const RawDelivery delivery = Delivery("{}", {{"authorization", "Bearer x"}});
  for (const std::vector<std::string>& secrets :
       {std::vector<std::string>{}, std::vector<std::string>{"secret"}}) {
    EXPECT_EQ(alertmanager::VerifySignature(delivery, secrets).status,
              SignatureStatus::kNotApplicable);
    EXPECT_EQ(flashduty::VerifySignature(delivery, secrets).status,
              SignatureStatus::kNotApplicable);
  }
  EXPECT_NE(
      alertmanager::VerifySignature(delivery, {}).message.find("basic auth"),
      std::string::npos);
}

TEST(SignatureStatusTest, Names) {
  EXPECT_STREQ(SignatureStatusName(SignatureStatus::kOk), "ok");
  EXPECT_STREQ(SignatureStatusName(SignatureStatus::kMissingHeader),
               "missing_header");
  EXPECT_STREQ(SignatureStatusName(SignatureStatus::kMismatch), "mismatch");
  EXPECT_STREQ(SignatureStatusName(SignatureStatus::kNotApplicable),
               "not_applicable");
  EXPECT_STREQ(SignatureStatusName(SignatureStatus::kNoSecret), "no_secret");
}

}  // namespace
}  // namespace syncrule::runtime::testing
