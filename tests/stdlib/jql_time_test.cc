#include "stdlib/jql_time.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace syncrule::stdlib {
namespace {

// Epoch milliseconds of a UTC wall-clock time.
int64_t Utc(int year, unsigned month, unsigned day, int hour = 0,
            int minute = 0, int second = 0, int millis = 0) {
  const date::sys_days days{date::year{year} / month / day};
  const int64_t day_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             days.time_since_epoch())
                             .count();
  return day_ms + ((hour * 60LL + minute) * 60 + second) * 1000 + millis;
}

TimeContext Context(int64_t now_ms, std::string zone = "UTC",
                    WeekStart week_start = WeekStart::kSunday) {
  TimeContext context;
  context.now_ms = now_ms;
  context.zone = std::move(zone);
  context.week_start = week_start;
  return context;
}

// Prints optional instants readably in failure messages.
std::string Show(std::optional<int64_t> instant) {
  return instant ? FormatIsoInstant(*instant) : std::string("nullopt");
}

// ---------------------------------------------------------------------------
// Time zones.

TEST(IsKnownTimeZoneTest, KnowsIanaNamesAndUtc) {
  EXPECT_TRUE(IsKnownTimeZone("Europe/Berlin"));
  EXPECT_TRUE(IsKnownTimeZone("America/New_York"));
  EXPECT_TRUE(IsKnownTimeZone("Asia/Kolkata"));
  EXPECT_TRUE(IsKnownTimeZone("UTC"));
  EXPECT_TRUE(IsKnownTimeZone("Etc/UTC"));
}

TEST(IsKnownTimeZoneTest, RejectsUnknownNames) {
  EXPECT_FALSE(IsKnownTimeZone(""));
  EXPECT_FALSE(IsKnownTimeZone("Mars/Olympus_Mons"));
  EXPECT_FALSE(IsKnownTimeZone("Europe/Berlin "));
  EXPECT_FALSE(IsKnownTimeZone("+01:00"));
}

// ---------------------------------------------------------------------------
// ISO instants.

struct IsoCase {
  const char* text;
  std::optional<int64_t> expected;
};

TEST(ParseIsoInstantTest, Table) {
  const std::vector<IsoCase> cases = {
      {"2026-01-31T12:00:00Z", Utc(2026, 1, 31, 12)},
      {"2026-01-31T12:00:00z", Utc(2026, 1, 31, 12)},
      {"2019-02-13T10:33:02.000+0100", Utc(2019, 2, 13, 9, 33, 2)},
      {"2019-02-13T10:33:02.123+01:00", Utc(2019, 2, 13, 9, 33, 2, 123)},
      {"2019-02-13T10:33:02-05:30", Utc(2019, 2, 13, 16, 3, 2)},
      {"2019-02-13T10:33:02+00", Utc(2019, 2, 13, 10, 33, 2)},
      {"2026-01-31T12:00Z", Utc(2026, 1, 31, 12)},
      {"2026-01-31T12:00:00.5Z", Utc(2026, 1, 31, 12, 0, 0, 500)},
      {"2026-01-31T12:00:00.123456789Z", Utc(2026, 1, 31, 12, 0, 0, 123)},
      {"2024-02-29T00:00:00Z", Utc(2024, 2, 29)},
      {"1969-12-31T23:59:59.999Z", -1},
      {"2026-01-01T00:30:00+01:00", Utc(2025, 12, 31, 23, 30)},
      // Not instants.
      {"", std::nullopt},
      {"2026-01-31", std::nullopt},
      {"2026-01-31 12:00:00Z", std::nullopt},
      {"2026-01-31T12:00:00", std::nullopt},
      {"2026-02-30T00:00:00Z", std::nullopt},
      {"2023-02-29T00:00:00Z", std::nullopt},
      {"2026-13-01T00:00:00Z", std::nullopt},
      {"2026-01-31T24:00:00Z", std::nullopt},
      {"2026-01-31T12:60:00Z", std::nullopt},
      {"2026-01-31T12:00:60Z", std::nullopt},
      {"2026-01-31T12:00:00+19:00", std::nullopt},
      {"2026-01-31T12:00:00+01:60", std::nullopt},
      {"2026-1-31T12:00:00Z", std::nullopt},
      {"2026-01-31T12:00:00.Z", std::nullopt},
      {"2026-01-31T12:00:00Zjunk", std::nullopt},
      {" 2026-01-31T12:00:00Z", std::nullopt},
  };
  for (const IsoCase& c : cases) {
    EXPECT_EQ(ParseIsoInstant(c.text), c.expected)
        << c.text << " gave " << Show(ParseIsoInstant(c.text));
  }
}

TEST(FormatIsoInstantTest, FormatsUtcWithMillis) {
  EXPECT_EQ(FormatIsoInstant(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoInstant(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatIsoInstant(Utc(2026, 1, 31, 12, 5, 9, 42)),
            "2026-01-31T12:05:09.042Z");
  EXPECT_EQ(FormatIsoInstant(kMaxSupportedInstantMs),
            "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatIsoInstant(kMinSupportedInstantMs),
            "0001-01-01T00:00:00.000Z");
}

TEST(FormatIsoInstantTest, RoundTripsThroughParse) {
  for (int64_t instant :
       {int64_t{0}, Utc(2019, 2, 13, 9, 33, 2, 1),
        Utc(2024, 2, 29, 23, 59, 59, 999), int64_t{-86400001}}) {
    EXPECT_EQ(ParseIsoInstant(FormatIsoInstant(instant)), instant);
  }
}

TEST(FormatIsoInstantTest, ExtremeValuesDoNotOverflow) {
  const std::string min = FormatIsoInstant(std::numeric_limits<int64_t>::min());
  const std::string max = FormatIsoInstant(std::numeric_limits<int64_t>::max());
  EXPECT_EQ(min.front(), '-');
  EXPECT_EQ(max.front(), '+');
  EXPECT_EQ(max.back(), 'Z');
}

// ---------------------------------------------------------------------------
// Absolute JQL dates.

struct DateCase {
  const char* text;
  const char* zone;
  std::optional<int64_t> expected;
};

void ExpectDates(const std::vector<DateCase>& cases, int64_t now_ms) {
  for (const DateCase& c : cases) {
    const auto actual = ParseJqlDate(c.text, false, Context(now_ms, c.zone));
    EXPECT_EQ(actual, c.expected)
        << "'" << c.text << "' in " << c.zone << " gave " << Show(actual)
        << ", expected " << Show(c.expected);
  }
}

TEST(ParseJqlDateTest, AbsoluteFormatsInUtc) {
  ExpectDates(
      {
          {"2024/01/31 14:05", "UTC", Utc(2024, 1, 31, 14, 5)},
          {"2024-01-31 14:05", "UTC", Utc(2024, 1, 31, 14, 5)},
          {"2024/01/31", "UTC", Utc(2024, 1, 31)},
          {"2024-01-31", "UTC", Utc(2024, 1, 31)},
          {"2024-1-5", "UTC", Utc(2024, 1, 5)},
          {"2024/1/5 9:07", "UTC", Utc(2024, 1, 5, 9, 7)},
          {"2024-02-29", "UTC", Utc(2024, 2, 29)},
          {"2010/12/12 14:00", "UTC", Utc(2010, 12, 12, 14)},
          {"  2024-01-31  ", "UTC", Utc(2024, 1, 31)},
          {"2024-01-31 00:00", "UTC", Utc(2024, 1, 31)},
          {"2024-01-31 23:59", "UTC", Utc(2024, 1, 31, 23, 59)},
      },
      Utc(2026, 1, 1));
}

TEST(ParseJqlDateTest, AbsoluteFormatsInZonesWithDst) {
  ExpectDates(
      {
          {"2024/01/31 14:05", "Europe/Berlin", Utc(2024, 1, 31, 13, 5)},
          {"2024-07-31 14:05", "Europe/Berlin", Utc(2024, 7, 31, 12, 5)},
          {"2024-01-31", "Europe/Berlin", Utc(2024, 1, 30, 23)},
          {"2024/07/31", "Europe/Berlin", Utc(2024, 7, 30, 22)},
          {"2024-01-31", "America/New_York", Utc(2024, 1, 31, 5)},
          {"2024-07-04", "America/New_York", Utc(2024, 7, 4, 4)},
          {"2024-07-04 18:30", "America/New_York", Utc(2024, 7, 4, 22, 30)},
          {"2024-03-31 03:00", "Europe/Berlin", Utc(2024, 3, 31, 1)},
          {"2024-03-31 01:59", "Europe/Berlin", Utc(2024, 3, 31, 0, 59)},
          // The repeated hour when clocks go back: the first occurrence.
          {"2024-10-27 02:30", "Europe/Berlin", Utc(2024, 10, 27, 0, 30)},
          {"2024-11-03 01:30", "America/New_York", Utc(2024, 11, 3, 5, 30)},
          // DST after 2037, where the tz files end, follows today's rules.
          {"2050-07-01 12:00", "Europe/Berlin", Utc(2050, 7, 1, 10)},
          {"2050-01-01 12:00", "Europe/Berlin", Utc(2050, 1, 1, 11)},
          {"2045-07-04 12:00", "America/New_York", Utc(2045, 7, 4, 16)},
      },
      Utc(2026, 1, 1));
}

TEST(ParseJqlDateTest, TimeInsideDstGapIsInvalidLikeJira) {
  const TimeContext berlin = Context(0, "Europe/Berlin");
  EXPECT_EQ(ParseJqlDate("2024-03-31 02:30", false, berlin), std::nullopt);
  EXPECT_EQ(ParseJqlDate("2050-03-27 02:30", false, berlin), std::nullopt);
  const TimeContext new_york = Context(0, "America/New_York");
  EXPECT_EQ(ParseJqlDate("2024-03-10 02:30", false, new_york), std::nullopt);
  // The same wall time on another day is fine.
  EXPECT_EQ(ParseJqlDate("2024-03-11 02:30", false, new_york),
            Utc(2024, 3, 11, 6, 30));
}

TEST(ParseJqlDateTest, DateWhoseMidnightIsSkippedMeansFirstInstant) {
  // Brazil started DST at 00:00 on 2018-11-04: that day began at 01:00.
  const TimeContext sao_paulo = Context(0, "America/Sao_Paulo");
  EXPECT_EQ(ParseJqlDate("2018-11-04", false, sao_paulo), Utc(2018, 11, 4, 3));
  EXPECT_EQ(ParseJqlDate("2018-11-04 00:30", false, sao_paulo), std::nullopt);
}

TEST(ParseJqlDateTest, RejectsMalformedDates) {
  const TimeContext utc = Context(Utc(2026, 1, 1));
  for (const char* text : {"",
                           "   ",
                           "yesterday",
                           "2024-02-30",
                           "2023-02-29",
                           "2024-13-01",
                           "2024-00-10",
                           "2024-01-00",
                           "2024/01-31",
                           "2024-01/31",
                           "24-01-31",
                           "2024-01-31 24:00",
                           "2024-01-31 12:60",
                           "2024-01-31T12:00",
                           "2024-01-31 12:00:00",
                           "2024-01-31  12:00",
                           "2024-01-31 12",
                           "2024-001-31",
                           "2024-01-31Z",
                           "0000-01-01",
                           "31/01/2024",
                           "2024.01.31"}) {
    EXPECT_EQ(ParseJqlDate(text, false, utc), std::nullopt) << text;
  }
}

TEST(ParseJqlDateTest, UnknownZoneIsAnError) {
  EXPECT_EQ(ParseJqlDate("2024-01-31", false, Context(0, "Nowhere/Land")),
            std::nullopt);
  EXPECT_EQ(ParseJqlDate("-1d", false, Context(0, "Nowhere/Land")),
            std::nullopt);
}

// ---------------------------------------------------------------------------
// Relative periods.

TEST(ParseJqlDateTest, RelativePeriodsInUtc) {
  const int64_t now = Utc(2024, 3, 15, 10, 30);  // a Friday
  ExpectDates(
      {
          // Day and week periods start at midnight.
          {"-1d", "UTC", Utc(2024, 3, 14)},
          {"1d", "UTC", Utc(2024, 3, 16)},
          {"+1d", "UTC", Utc(2024, 3, 16)},
          {"-0d", "UTC", Utc(2024, 3, 15)},
          {"0d", "UTC", Utc(2024, 3, 15)},
          {"-1w", "UTC", Utc(2024, 3, 8)},
          {"-4w 2d", "UTC", Utc(2024, 2, 14)},
          {"-4w2d", "UTC", Utc(2024, 2, 14)},
          {"4w2d", "UTC", Utc(2024, 4, 14)},
          {"4w 2d", "UTC", Utc(2024, 4, 14)},
          {"-4W 2D", "UTC", Utc(2024, 2, 14)},
          {"-1w, 2d", "UTC", Utc(2024, 3, 6)},
          {"  -1d  ", "UTC", Utc(2024, 3, 14)},
          {"- 1d", "UTC", Utc(2024, 3, 14)},
          {"-366d", "UTC", Utc(2023, 3, 15)},
          // Hours and minutes are exact; a bare number is minutes.
          {"-1h", "UTC", Utc(2024, 3, 15, 9, 30)},
          {"-24h", "UTC", Utc(2024, 3, 14, 10, 30)},
          {"-5m", "UTC", Utc(2024, 3, 15, 10, 25)},
          {"-5M", "UTC", Utc(2024, 3, 15, 10, 25)},
          {"-90", "UTC", Utc(2024, 3, 15, 9)},
          {"90", "UTC", Utc(2024, 3, 15, 12)},
          {"1h 30m", "UTC", Utc(2024, 3, 15, 12)},
          {"1h30m", "UTC", Utc(2024, 3, 15, 12)},
          {"2h 15", "UTC", Utc(2024, 3, 15, 12, 45)},
          // Any hour or minute part makes the whole period exact.
          {"-1d 2h", "UTC", Utc(2024, 3, 14, 8, 30)},
          {"1w 1m", "UTC", Utc(2024, 3, 22, 10, 31)},
      },
      now);
}

TEST(ParseJqlDateTest, DayAlignedPeriodsUseTheLocalDay) {
  // 23:30 UTC on the 15th is already 00:30 on the 16th in Berlin.
  const int64_t now = Utc(2024, 3, 15, 23, 30);
  ExpectDates(
      {
          {"-1d", "Europe/Berlin", Utc(2024, 3, 14, 23)},
          {"0d", "Europe/Berlin", Utc(2024, 3, 15, 23)},
          {"-1d", "UTC", Utc(2024, 3, 14)},
          {"-1d", "America/New_York", Utc(2024, 3, 14, 4)},
          {"-1h", "Europe/Berlin", Utc(2024, 3, 15, 22, 30)},
      },
      now);
}

TEST(ParseJqlDateTest, DayAlignedPeriodsAcrossDstChanges) {
  // Berlin switched to CEST on 2024-03-31; a week earlier was still CET.
  ExpectDates({{"-1w", "Europe/Berlin", Utc(2024, 3, 24, 23)},
               {"-1d", "Europe/Berlin", Utc(2024, 3, 30, 23)},
               {"-2d", "Europe/Berlin", Utc(2024, 3, 29, 23)}},
              Utc(2024, 4, 1, 10));
  // Exact periods count elapsed time, not wall-clock time.
  ExpectDates({{"-24h", "Europe/Berlin", Utc(2024, 3, 30, 12)}},
              Utc(2024, 3, 31, 12));
  // New York switched to EDT at 02:00 on 2024-03-10.
  ExpectDates({{"-1d", "America/New_York", Utc(2024, 3, 9, 5)},
               {"0d", "America/New_York", Utc(2024, 3, 10, 5)},
               {"1d", "America/New_York", Utc(2024, 3, 11, 4)}},
              Utc(2024, 3, 10, 12));
}

TEST(ParseJqlDateTest, RejectsMalformedPeriods) {
  const TimeContext utc = Context(Utc(2024, 3, 15));
  for (const char* text :
       {"-", "+", "d", "-d", "1x", "1.5h", "2d5", "--1d", "+-1d", "1 d", "1dd",
        "1w-2d", "1y", "1s", "99999999999999999999", "-999999999999999w",
        "9999999999999m", "1e3"}) {
    EXPECT_EQ(ParseJqlDate(text, false, utc), std::nullopt) << text;
  }
}

TEST(ParseJqlDateTest, PeriodsLeavingTheSupportedRangeAreErrors) {
  EXPECT_EQ(ParseJqlDate("+1d", false, Context(kMaxSupportedInstantMs)),
            std::nullopt);
  EXPECT_EQ(ParseJqlDate("-1m", false, Context(kMinSupportedInstantMs)),
            std::nullopt);
  EXPECT_EQ(
      ParseJqlDate("-1d", false, Context(std::numeric_limits<int64_t>::max())),
      std::nullopt);
  EXPECT_EQ(ParseJqlDate("-5000000w", false, Context(0)), std::nullopt);
}

TEST(ParseJqlDateTest, NumbersAreEpochMilliseconds) {
  const TimeContext utc = Context(Utc(2024, 3, 15));
  EXPECT_EQ(ParseJqlDate("1700000000000", true, utc), 1700000000000);
  EXPECT_EQ(ParseJqlDate("0", true, utc), 0);
  EXPECT_EQ(ParseJqlDate("-5", true, utc), -5);
  EXPECT_EQ(ParseJqlDate("9223372036854775807", true, utc),
            std::numeric_limits<int64_t>::max());
  EXPECT_EQ(ParseJqlDate("-9223372036854775808", true, utc),
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(ParseJqlDate("9223372036854775808", true, utc), std::nullopt);
  EXPECT_EQ(ParseJqlDate("1.5", true, utc), std::nullopt);
  EXPECT_EQ(ParseJqlDate("-1d", true, utc), std::nullopt);
  EXPECT_EQ(ParseJqlDate("", true, utc), std::nullopt);
  // The same digits as a string are a relative period in minutes.
  EXPECT_EQ(ParseJqlDate("60", false, utc), Utc(2024, 3, 15, 1));
}

// ---------------------------------------------------------------------------
// Tracking durations.

struct DurationCase {
  const char* text;
  std::optional<int64_t> seconds;
};

TEST(ParseTrackingDurationTest, JiraDefaults) {
  const TimeContext context;  // 8 hours a day, 5 days a week
  const std::vector<DurationCase> cases = {
      {"2d", 2 * 8 * 3600},
      {"1w", 5 * 8 * 3600},
      {"1h", 3600},
      {"30m", 1800},
      {"90", 5400},
      {"0", 0},
      {"1h 30m", 5400},
      {"1h, 30m", 5400},
      {"1h30m", 5400},
      {"3w 2d 4h 5m", ((3 * 5 + 2) * 8 + 4) * 3600 + 300},
      {"4w2d", (4 * 5 + 2) * 8 * 3600},
      {"2D 4H", (2 * 8 + 4) * 3600},
      {"1.5h", 5400},
      {"0.5d", 4 * 3600},
      {".5h", 1800},
      {"  1h  ", 3600},
      {"", std::nullopt},
      {"-1h", std::nullopt},
      {"1x", std::nullopt},
      {"h", std::nullopt},
      {"0.01h", std::nullopt},  // 36 seconds: Jira keeps whole minutes
      {"1.5", std::nullopt},
      {"1.h", std::nullopt},
      {"2d5", std::nullopt},
      {"1y", std::nullopt},
      {"99999999999999999w", std::nullopt},
  };
  for (const DurationCase& c : cases) {
    EXPECT_EQ(ParseTrackingDuration(c.text, context), c.seconds) << c.text;
  }
}

TEST(ParseTrackingDurationTest, UsesTheWorkingDaySettings) {
  TimeContext context;
  context.hours_per_day = 6;
  context.days_per_week = 4;
  EXPECT_EQ(ParseTrackingDuration("1d", context), 6 * 3600);
  EXPECT_EQ(ParseTrackingDuration("1w", context), 4 * 6 * 3600);
  EXPECT_EQ(ParseTrackingDuration("1w 1d 1h", context), (24 + 6 + 1) * 3600);
  context.hours_per_day = 0;
  EXPECT_EQ(ParseTrackingDuration("1d", context), std::nullopt);
}

// ---------------------------------------------------------------------------
// Start/end functions.

struct StartEndCase {
  CalendarUnit unit;
  bool end;
  const char* increment;
  int64_t expected;
};

const char* FunctionName(CalendarUnit unit, bool end) {
  switch (unit) {
    case CalendarUnit::kDay:
      return end ? "endOfDay" : "startOfDay";
    case CalendarUnit::kWeek:
      return end ? "endOfWeek" : "startOfWeek";
    case CalendarUnit::kMonth:
      return end ? "endOfMonth" : "startOfMonth";
    case CalendarUnit::kYear:
      return end ? "endOfYear" : "startOfYear";
  }
  return "?";
}

void ExpectStartEnd(const std::vector<StartEndCase>& cases,
                    const TimeContext& context) {
  for (const StartEndCase& c : cases) {
    std::string error;
    const auto actual = StartOrEndOf(c.unit, c.end, c.increment, context,
                                     FunctionName(c.unit, c.end), &error);
    EXPECT_EQ(actual, c.expected)
        << FunctionName(c.unit, c.end) << "(\"" << c.increment << "\") in "
        << context.zone << " gave " << Show(actual) << ", expected "
        << Show(c.expected) << " " << error;
    EXPECT_EQ(error, "");
  }
}

constexpr CalendarUnit kDay = CalendarUnit::kDay;
constexpr CalendarUnit kWeek = CalendarUnit::kWeek;
constexpr CalendarUnit kMonth = CalendarUnit::kMonth;
constexpr CalendarUnit kYear = CalendarUnit::kYear;
constexpr bool kStart = false;
constexpr bool kEnd = true;

TEST(StartOrEndOfTest, DayFunctions) {
  // Wednesday 2024-03-13 15:45:30.250 UTC.
  const TimeContext context = Context(Utc(2024, 3, 13, 15, 45, 30, 250));
  ExpectStartEnd(
      {
          {kDay, kStart, "", Utc(2024, 3, 13)},
          {kDay, kEnd, "", Utc(2024, 3, 13, 23, 59, 59, 999)},
          {kDay, kStart, "-1", Utc(2024, 3, 12)},
          {kDay, kStart, "1", Utc(2024, 3, 14)},
          {kDay, kEnd, "+1", Utc(2024, 3, 14, 23, 59, 59, 999)},
          {kDay, kStart, "+1d", Utc(2024, 3, 14)},
          {kDay, kStart, "-3d", Utc(2024, 3, 10)},
          {kDay, kStart, "+10d", Utc(2024, 3, 23)},
          {kDay, kStart, "+3h", Utc(2024, 3, 13, 3)},
          {kDay, kStart, "-3h", Utc(2024, 3, 12, 21)},
          {kDay, kStart, "+3m", Utc(2024, 3, 13, 0, 3)},
          {kDay, kStart, "-3m", Utc(2024, 3, 12, 23, 57)},
          {kDay, kEnd, "+1h", Utc(2024, 3, 14, 0, 59, 59, 999)},
          {kDay, kStart, "+3w", Utc(2024, 4, 3)},
          {kDay, kStart, "-3w", Utc(2024, 2, 21)},
          {kDay, kStart, "+3M", Utc(2024, 6, 13)},
          {kDay, kStart, "-3M", Utc(2023, 12, 13)},
          {kDay, kStart, "+3y", Utc(2027, 3, 13)},
          {kDay, kStart, "-3y", Utc(2021, 3, 13)},
          {kDay, kStart, "0", Utc(2024, 3, 13)},
          {kDay, kStart, "-0", Utc(2024, 3, 13)},
          {kDay, kStart, "007d", Utc(2024, 3, 20)},
      },
      context);
}

TEST(StartOrEndOfTest, WeekFunctionsStartingSunday) {
  const TimeContext context = Context(Utc(2024, 3, 13, 15, 45));  // Wed
  ExpectStartEnd(
      {
          {kWeek, kStart, "", Utc(2024, 3, 10)},
          {kWeek, kEnd, "", Utc(2024, 3, 16, 23, 59, 59, 999)},
          {kWeek, kStart, "+1", Utc(2024, 3, 17)},
          {kWeek, kStart, "-1", Utc(2024, 3, 3)},
          {kWeek, kEnd, "-1w", Utc(2024, 3, 9, 23, 59, 59, 999)},
          {kWeek, kStart, "+1d", Utc(2024, 3, 11)},
          {kWeek, kEnd, "-1d", Utc(2024, 3, 15, 23, 59, 59, 999)},
          {kWeek, kStart, "+2h", Utc(2024, 3, 10, 2)},
          // Months and years move "now" first: the week holding 2024-02-13.
          {kWeek, kStart, "-1M", Utc(2024, 2, 11)},
          {kWeek, kEnd, "+1y", Utc(2025, 3, 15, 23, 59, 59, 999)},
      },
      context);
}

TEST(StartOrEndOfTest, WeekFunctionsStartingMonday) {
  const TimeContext context =
      Context(Utc(2024, 3, 13, 15, 45), "UTC", WeekStart::kMonday);
  ExpectStartEnd(
      {
          {kWeek, kStart, "", Utc(2024, 3, 11)},
          {kWeek, kEnd, "", Utc(2024, 3, 17, 23, 59, 59, 999)},
          {kWeek, kStart, "+1", Utc(2024, 3, 18)},
          {kWeek, kEnd, "-1", Utc(2024, 3, 10, 23, 59, 59, 999)},
      },
      context);
  // On a Sunday the two conventions disagree about the week.
  const int64_t sunday = Utc(2024, 3, 17, 12);
  ExpectStartEnd({{kWeek, kStart, "", Utc(2024, 3, 11)}},
                 Context(sunday, "UTC", WeekStart::kMonday));
  ExpectStartEnd({{kWeek, kStart, "", Utc(2024, 3, 17)}},
                 Context(sunday, "UTC", WeekStart::kSunday));
}

TEST(StartOrEndOfTest, MonthFunctions) {
  const TimeContext context = Context(Utc(2024, 3, 13, 15, 45));
  ExpectStartEnd(
      {
          {kMonth, kStart, "", Utc(2024, 3, 1)},
          {kMonth, kEnd, "", Utc(2024, 3, 31, 23, 59, 59, 999)},
          // Jira's documented examples.
          {kMonth, kStart, "+14d", Utc(2024, 3, 15)},
          {kMonth, kEnd, "+15d", Utc(2024, 4, 15, 23, 59, 59, 999)},
          {kMonth, kEnd, "+1", Utc(2024, 4, 30, 23, 59, 59, 999)},
          {kMonth, kEnd, "+1M", Utc(2024, 4, 30, 23, 59, 59, 999)},
          {kMonth, kEnd, "-1", Utc(2024, 2, 29, 23, 59, 59, 999)},
          {kMonth, kStart, "-1", Utc(2024, 2, 1)},
          {kMonth, kStart, "-12", Utc(2023, 3, 1)},
          {kMonth, kStart, "+10", Utc(2025, 1, 1)},
          {kMonth, kStart, "+1y", Utc(2025, 3, 1)},
          {kMonth, kStart, "+1w", Utc(2024, 3, 8)},
          {kMonth, kStart, "+8h", Utc(2024, 3, 1, 8)},
      },
      context);
}

TEST(StartOrEndOfTest, EndOfMonthPlusMonthsIsTheRealEndOfThatMonth) {
  // From February, "+1M" is the end of March (31st), not March 29th.
  ExpectStartEnd({{kMonth, kEnd, "+1M", Utc(2024, 3, 31, 23, 59, 59, 999)},
                  {kMonth, kEnd, "+2", Utc(2024, 4, 30, 23, 59, 59, 999)}},
                 Context(Utc(2024, 2, 10, 12)));
}

TEST(StartOrEndOfTest, MonthIncrementsClampTheDay) {
  // January 31st plus one month is the last day of February.
  ExpectStartEnd({{kDay, kStart, "+1M", Utc(2024, 2, 29)},
                  {kDay, kStart, "+13M", Utc(2025, 2, 28)},
                  {kDay, kStart, "-2M", Utc(2023, 11, 30)},
                  {kDay, kEnd, "+1M", Utc(2024, 2, 29, 23, 59, 59, 999)}},
                 Context(Utc(2024, 1, 31, 12)));
  ExpectStartEnd({{kDay, kStart, "+1M", Utc(2023, 2, 28)}},
                 Context(Utc(2023, 1, 31, 12)));
  // February 29th plus one year is February 28th.
  ExpectStartEnd({{kDay, kStart, "+1y", Utc(2025, 2, 28)},
                  {kDay, kStart, "+4y", Utc(2028, 2, 29)}},
                 Context(Utc(2024, 2, 29, 12)));
}

TEST(StartOrEndOfTest, YearFunctions) {
  const TimeContext context = Context(Utc(2024, 3, 13, 15, 45));
  ExpectStartEnd(
      {
          {kYear, kStart, "", Utc(2024, 1, 1)},
          {kYear, kEnd, "", Utc(2024, 12, 31, 23, 59, 59, 999)},
          {kYear, kStart, "-1", Utc(2023, 1, 1)},
          {kYear, kEnd, "+1", Utc(2025, 12, 31, 23, 59, 59, 999)},
          {kYear, kStart, "+1y", Utc(2025, 1, 1)},
          {kYear, kEnd, "+3M", Utc(2025, 3, 31, 23, 59, 59, 999)},
          {kYear, kEnd, "+2M", Utc(2025, 2, 28, 23, 59, 59, 999)},
          {kYear, kStart, "+6M", Utc(2024, 7, 1)},
          {kYear, kStart, "+1w", Utc(2024, 1, 8)},
          {kYear, kStart, "-1d", Utc(2023, 12, 31)},
          {kYear, kEnd, "-1m", Utc(2024, 12, 31, 23, 58, 59, 999)},
      },
      context);
}

TEST(StartOrEndOfTest, BerlinAcrossDst) {
  // 2024-03-31 is 23 hours long in Berlin: CET until 02:00, then CEST.
  const TimeContext context = Context(Utc(2024, 3, 31, 12), "Europe/Berlin");
  ExpectStartEnd(
      {
          {kDay, kStart, "", Utc(2024, 3, 30, 23)},
          {kDay, kEnd, "", Utc(2024, 3, 31, 21, 59, 59, 999)},
          {kDay, kStart, "+1", Utc(2024, 3, 31, 22)},
          {kDay, kStart, "-1", Utc(2024, 3, 29, 23)},
          // Hours are exact: three hours after midnight is 04:00 CEST.
          {kDay, kStart, "+3h", Utc(2024, 3, 31, 2)},
          {kWeek, kStart, "", Utc(2024, 3, 30, 23)},
          {kMonth, kStart, "", Utc(2024, 2, 29, 23)},
          {kMonth, kEnd, "", Utc(2024, 3, 31, 21, 59, 59, 999)},
          {kMonth, kStart, "+1", Utc(2024, 3, 31, 22)},
          {kYear, kStart, "", Utc(2023, 12, 31, 23)},
      },
      context);
}

TEST(StartOrEndOfTest, NewYorkLocalDayDiffersFromUtcDay) {
  // 02:00 UTC on Wednesday the 13th is still Tuesday evening in New York.
  const TimeContext context = Context(Utc(2024, 3, 13, 2), "America/New_York");
  ExpectStartEnd(
      {
          {kDay, kStart, "", Utc(2024, 3, 12, 4)},
          {kDay, kEnd, "", Utc(2024, 3, 13, 3, 59, 59, 999)},
          // The week began on Sunday the 10th, before the switch to EDT.
          {kWeek, kStart, "", Utc(2024, 3, 10, 5)},
          {kWeek, kEnd, "", Utc(2024, 3, 17, 3, 59, 59, 999)},
      },
      context);
}

TEST(StartOrEndOfTest, MalformedIncrementsUseJirasMessage) {
  const TimeContext context = Context(Utc(2024, 3, 13));
  for (const char* increment :
       {"+1D", "1 d", "+", "-", "1Y", "+1H", "1W", "abc", "+1.5d", " +1d",
        "+1d ", "1dd", "++1", "d1", "+99999999999d", "2147483648", "1s"}) {
    std::string error;
    EXPECT_EQ(
        StartOrEndOf(kDay, false, increment, context, "startOfDay", &error),
        std::nullopt)
        << increment;
    EXPECT_EQ(error,
              "Duration for function 'startOfDay' should have the format "
              "(+/-)n(yMwdm), e.g -1M for 1 month earlier.")
        << increment;
  }
}

TEST(StartOrEndOfTest, LargestJiraIncrementIsAccepted) {
  std::string error;
  // 2147483647 minutes is about 4083 years.
  EXPECT_TRUE(
      StartOrEndOf(kDay, false, "2147483647m", Context(0), "startOfDay", &error)
          .has_value())
      << error;
}

TEST(StartOrEndOfTest, ResultsOutsideTheRangeAreErrors) {
  std::string error;
  EXPECT_EQ(StartOrEndOf(kMonth, true, "+1M", Context(Utc(9999, 12, 15)),
                         "endOfMonth", &error),
            std::nullopt);
  EXPECT_NE(error.find("endOfMonth"), std::string::npos) << error;
  EXPECT_EQ(StartOrEndOf(kYear, false, "-2147483647y", Context(0),
                         "startOfYear", nullptr),
            std::nullopt);
  EXPECT_EQ(StartOrEndOf(kDay, false, "",
                         Context(std::numeric_limits<int64_t>::max()),
                         "startOfDay", nullptr),
            std::nullopt);
}

TEST(StartOrEndOfTest, UnknownZoneIsAnError) {
  std::string error;
  EXPECT_EQ(StartOrEndOf(kDay, false, "", Context(0, "Nowhere/Land"),
                         "startOfDay", &error),
            std::nullopt);
  EXPECT_EQ(error, "Unknown time zone 'Nowhere/Land'.");
}

TEST(StartOrEndOfTest, NullErrorPointerIsAllowed) {
  EXPECT_EQ(StartOrEndOf(kDay, false, "bad", Context(0), "startOfDay", nullptr),
            std::nullopt);
}

// ---------------------------------------------------------------------------
// StartOfLocalDay.

TEST(StartOfLocalDayTest, UsesTheZone) {
  const int64_t instant = Utc(2024, 7, 1, 22, 30);
  EXPECT_EQ(StartOfLocalDay(instant, Context(0)), Utc(2024, 7, 1));
  EXPECT_EQ(StartOfLocalDay(instant, Context(0, "Europe/Berlin")),
            Utc(2024, 7, 1, 22));
  EXPECT_EQ(StartOfLocalDay(instant, Context(0, "America/New_York")),
            Utc(2024, 7, 1, 4));
  EXPECT_EQ(StartOfLocalDay(Utc(2024, 1, 1, 3), Context(0, "America/New_York")),
            Utc(2023, 12, 31, 5));
}

TEST(StartOfLocalDayTest, FallsBackToUtcAndNeverOverflows) {
  EXPECT_EQ(StartOfLocalDay(Utc(2024, 7, 1, 22), Context(0, "Nowhere/Land")),
            Utc(2024, 7, 1));
  EXPECT_EQ(StartOfLocalDay(-1, Context(0)), -86400000);
  const int64_t min = std::numeric_limits<int64_t>::min();
  const int64_t max = std::numeric_limits<int64_t>::max();
  EXPECT_LE(StartOfLocalDay(max, Context(0, "Europe/Berlin")), max);
  EXPECT_EQ(StartOfLocalDay(min, Context(0, "Europe/Berlin")), min);
}

}  // namespace
}  // namespace syncrule::stdlib
