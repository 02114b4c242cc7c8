#ifndef SYNCRULE_STDLIB_JQL_TIME_H_
#define SYNCRULE_STDLIB_JQL_TIME_H_

// Dates and times as JQL reads them: absolute dates in a user's time zone,
// relative periods ("-1d", "-4w 2d"), epoch milliseconds, time-tracking
// durations ("2d 4h"), and the start/end-of-period functions with their
// increments ("startOfMonth(-1)", "endOfDay(\"+1\")"). Instants are
// milliseconds since 1970-01-01T00:00:00Z.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace syncrule::stdlib {

// The first day of a week, which startOfWeek()/endOfWeek() use.
enum class WeekStart { kMonday, kSunday };

// The clock and zone a query is evaluated in. Injectable, so that tests and
// `syncrule jql eval --now --tz` are deterministic.
struct TimeContext {
  // "Now", in milliseconds since the epoch.
  int64_t now_ms = 0;
  // An IANA zone name such as "Europe/Berlin"; "UTC" by default.
  std::string zone = "UTC";
  // Jira's default locale (en_US) starts weeks on Sunday.
  WeekStart week_start = WeekStart::kSunday;
  // Time tracking: hours in a working day and days in a working week, Jira's
  // defaults 8 and 5, used to turn "2d" into seconds for estimates.
  int hours_per_day = 8;
  int days_per_week = 5;
};

// Returns true when `zone` names a time zone known to the tz database.
bool IsKnownTimeZone(std::string_view zone);

// Parses an ISO 8601 instant such as "2026-01-31T12:00:00Z" or
// "2019-02-13T10:33:02.000+0100" (the form Jira's REST API writes) into
// epoch milliseconds. Returns nullopt when `text` is not such an instant.
std::optional<int64_t> ParseIsoInstant(std::string_view text);

// Parses a date as JQL accepts it on the right of a date comparison and
// returns the instant it denotes:
//  - "yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd", "yyyy-MM-dd",
//    in `context.zone` (a date alone means its midnight);
//  - a relative period: optional sign, then one or more of N followed by
//    w, d, h or m (minutes when no unit), separated by optional spaces:
//    "-1d", "-4w 2d", "4w2d", "-5". Week and day periods are day-aligned:
//    "-1d" starts at 00:00 yesterday in the zone (docs/jql.md explains);
//  - a bare integer with `is_number` set: epoch milliseconds.
// Returns nullopt when `text` is none of these.
std::optional<int64_t> ParseJqlDate(std::string_view text, bool is_number,
                                    const TimeContext& context);

// Parses a time-tracking duration such as "2d", "1h 30m", "3w" or a bare
// number of minutes into seconds, using the working-day settings of
// `context`. Returns nullopt when `text` is not a duration.
std::optional<int64_t> ParseTrackingDuration(std::string_view text,
                                             const TimeContext& context);

// The period a start/end function works on.
enum class CalendarUnit { kDay, kWeek, kMonth, kYear };

// Computes startOfDay/Week/Month/Year (when `end` is false) or endOf...
// (when true), shifted by `increment`, one of "(+|-)nn(y|M|w|d|h|m)" where
// the unit defaults to `unit` and the sign to "+". An empty increment means
// no shift. Returns nullopt and sets `error` to Jira's wording when the
// increment is malformed ("Duration for function 'startOfDay' should have
// the format (+/-)n(yMwdm), e.g -1M for 1 month earlier.").
// `function_name` is used only in that message.
std::optional<int64_t> StartOrEndOf(CalendarUnit unit, bool end,
                                    std::string_view increment,
                                    const TimeContext& context,
                                    std::string_view function_name,
                                    std::string* error);

// Returns the start of the local calendar day that holds `instant_ms` in
// `context.zone`, as epoch milliseconds.
int64_t StartOfLocalDay(int64_t instant_ms, const TimeContext& context);

// Formats `instant_ms` as "yyyy-MM-ddTHH:mm:ss.SSSZ" in UTC.
std::string FormatIsoInstant(int64_t instant_ms);

}  // namespace syncrule::stdlib

#endif  // SYNCRULE_STDLIB_JQL_TIME_H_
