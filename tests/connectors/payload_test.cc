// Typed payload reads and timestamp parsing, the helpers every decoder uses.

#include "runtime/connectors/payload.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "runtime/connectors/timestamp.h"
#include "tests/connectors/fixture.h"

namespace syncrule::runtime::testing {
namespace {

TEST(TimestampTest, ParsesTheShapesWebhooksUse) {
  struct Case {
    const char* text;
    int64_t ms;
  } const cases[] = {
      {"1970-01-01T00:00:00Z", 0},
      {"2025-04-07T03:47:13.546Z", 1743997633546},
      {"2025-04-07T03:47:13Z", 1743997633000},
      {"2020-02-06T00:17:58.432911368Z", 1580948278432},  // nanoseconds
      {"2019-02-15T19:01:52.971-0800", 1550286112971},    // Jira
      {"2013-03-27T16:53:58.301+0000", 1364403238301},
      {"2012-01-03T23:36:29+02:00", 1325626589000},  // GitLab commit
      {"2015-05-17 17:06:40 UTC", 1431882400000},    // GitLab note
      {"2024-02-29T12:00:00.5Z", 1709208000500},
      {"2024-05-02T09:45:12.5+05:30", 1714623312500},
  };
  for (const Case& test : cases) {
    EXPECT_EQ(ParseTimestampMs(test.text), std::optional<int64_t>(test.ms))
        << test.text;
  }
}

TEST(TimestampTest, RejectsEverythingElse) {
  for (const char* text :
       {"", "2025", "2025-04-07", "2025-04-07T03:47Z", "2025-04-07T03:47:13",
        "2025-13-01T00:00:00Z", "2025-04-07T24:00:00Z", "2025-04-07T03:47:13X",
        "0001-01-01T00:00:00Z",  // Alertmanager's "not set"
        "2025-04-07T03:47:13+2", "2025-04-07T03:47:13Z trailing",
        "２０２５-04-07T03:47:13Z", "1689335086"}) {
    EXPECT_EQ(ParseTimestampMs(text), std::nullopt) << text;
  }
}

TEST(PayloadTest, ReadsTypedValuesAndTreatsNullAsAbsent) {
  auto payload = PayloadOf(R"({"s":"text","i":-7,"u":18446744073709551615,
      "big":9223372036854775807,"n":null,"o":{"k":[1,"two"]},"e":""})");
  ASSERT_TRUE(payload->parsed);
  const auto body = payload->body;
  EXPECT_EQ(StringAt(body, "/s"), "text");
  EXPECT_EQ(StringAt(body, "/i"), std::nullopt);
  EXPECT_EQ(IntAt(body, "/i"), -7);
  EXPECT_EQ(IntAt(body, "/big"), INT64_MAX);
  EXPECT_EQ(IntAt(body, "/u"), std::nullopt);  // beyond int64
  EXPECT_EQ(IntAt(body, "/s"), std::nullopt);
  EXPECT_EQ(ElementAt(body, "/n"), std::nullopt);
  EXPECT_EQ(ElementAt(body, "/missing"), std::nullopt);
  EXPECT_EQ(ElementAt(body, "/s/deeper"), std::nullopt);
  EXPECT_EQ(ElementAt(body, "no-slash"), std::nullopt);
  EXPECT_TRUE(IsObjectAt(body, "/o"));
  EXPECT_FALSE(IsObjectAt(body, "/s"));
  EXPECT_EQ(StringAt(body, "/o/k/1"), "two");
  EXPECT_EQ(IdAt(body, "/i"), "-7");
  EXPECT_EQ(IdAt(body, "/s"), "text");
  EXPECT_EQ(IdAt(body, "/e"), std::nullopt);
  EXPECT_EQ(IdAt(body, "/o"), std::nullopt);
  ASSERT_TRUE(ArrayAt(body, "/o/k").has_value());
  EXPECT_EQ(ArrayAt(body, "/o/k")->size(), 2u);
  EXPECT_FALSE(ArrayAt(body, "/o").has_value());
  EXPECT_TRUE(ElementAt(body, "").has_value());
}

TEST(PayloadTest, PointersUnescapeTildes) {
  auto payload = PayloadOf(R"({"a/b":{"c~d":1}})");
  ASSERT_TRUE(payload->parsed);
  EXPECT_EQ(IntAt(payload->body, "/a~1b/c~0d"), 1);
  EXPECT_EQ(IntAt(payload->body, "/a~2b"), std::nullopt);
}

TEST(PayloadTest, QuoteForMessageCutsAndCleans) {
  EXPECT_EQ(QuoteForMessage("abc"), "\"abc\"");
  EXPECT_EQ(QuoteForMessage("a\nb"), "\"a?b\"");
  const std::string cut = QuoteForMessage(std::string(200, 'x'));
  EXPECT_EQ(cut, "\"" + std::string(80, 'x') + "...\"");
  // A cut never splits a UTF-8 character ("é" is two bytes).
  std::string accents;
  for (int i = 0; i < 60; ++i) accents += "\xc3\xa9";
  const std::string quoted = QuoteForMessage(accents);
  EXPECT_EQ(quoted, "\"" + accents.substr(0, 80) + "...\"");
}

}  // namespace
}  // namespace syncrule::runtime::testing
