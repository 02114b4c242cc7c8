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

// The instants that date arithmetic supports: 0001-01-01T00:00:00.000Z to
// 9999-12-31T23:59:59.999Z. Jira's formats have 4-digit years, and bounding
// the range keeps every calendar computation free of overflow. Relative
// dates and start/end functions whose result falls outside are errors.
inline constexpr int64_t kMinSupportedInstantMs = -62135596800000;
inline constexpr int64_t kMaxSupportedInstantMs = 253402300799999;

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

// Returns true when `zone` names a time zone known to the tz database
// (names are case-sensitive; "UTC" and "GMT" need no database).
bool IsKnownTimeZone(std::string_view zone);

// Parses an ISO 8601 instant such as "2026-01-31T12:00:00Z" or
// "2019-02-13T10:33:02.000+0100" (the form Jira's REST API writes) into
// epoch milliseconds. Seconds and a fraction of 1 to 9 digits (truncated to
// milliseconds) are optional; the offset is required: "Z", "+hh", "+hhmm" or
// "+hh:mm" (at most 18 hours). Returns nullopt when `text` is not such an
// instant.
std::optional<int64_t> ParseIsoInstant(std::string_view text);

// Parses a date as JQL accepts it on the right of a date comparison and
// returns the instant it denotes:
//  - "yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd", "yyyy-MM-dd",
//    in `context.zone` (a date alone means its midnight, or the day's first
//    instant where midnight is skipped). As in Jira, fields may have one
//    digit ("2024-1-5 9:07"), nothing may be out of range, and a time that
//    a DST change skips ("2024-03-31 02:30" in Berlin) is invalid; a
//    repeated time takes its first occurrence;
//  - a relative period: optional sign, then one or more of N followed by
//    w, d, h or m (any case; minutes when no unit), separated by spaces or
//    commas or written together: "-1d", "-4w 2d", "4w2d", "-5", "1h, 30m".
//    A unitless number must be a part of its own. Periods of only weeks and
//    days are day-aligned: "-1d" starts at 00:00 yesterday in the zone.
//    With any hour or minute part the whole period is exact, counting a day
//    as 24 hours ("-1d 2h" is 26 hours ago);
//  - a bare integer with `is_number` set: epoch milliseconds.
// Surrounding white space is ignored. Returns nullopt when `text` is none of
// these, when `context.zone` is unknown, or when a period leaves the
// supported range.
std::optional<int64_t> ParseJqlDate(std::string_view text, bool is_number,
                                    const TimeContext& context);

// Parses a time-tracking duration such as "2d", "1h 30m", "3w" or a bare
// number of minutes into seconds, using the working-day settings of
// `context`. Parts combine as in ParseJqlDate, and may be fractional as in
// Jira ("1.5h") as long as the part is a whole number of minutes. Returns
// nullopt when `text` is not a duration (negative ones included).
std::optional<int64_t> ParseTrackingDuration(std::string_view text,
                                             const TimeContext& context);

// The period a start/end function works on.
enum class CalendarUnit { kDay, kWeek, kMonth, kYear };

// Computes startOfDay/Week/Month/Year (when `end` is false) or endOf...
// (when true), shifted by `increment`, one of "(+|-)nn(y|M|w|d|h|m)" where
// the unit defaults to `unit` and the sign to "+". An empty increment means
// no shift. A start is 00:00:00.000 and an end 23:59:59.999, local time.
// As in Jira, an increment in the function's own unit or a coarser one moves
// "now" before the period is taken (endOfMonth("+1M") is the last moment of
// next month), and a finer one is added to the start or end
// (endOfMonth("+15d") is 15 days after the end of this month). Year, month,
// week and day increments move the calendar date, clamping the day of month
// (Jan 31 + 1M = Feb 28/29), and keep the wall-clock time; hours and minutes
// are exact. Returns nullopt and sets `error` (when not null) to Jira's
// wording when the increment is malformed ("Duration for function
// 'startOfDay' should have the format (+/-)n(yMwdm), e.g -1M for 1 month
// earlier."), or to another message when the zone is unknown or the result
// leaves the supported range. `function_name` is used only in messages.
std::optional<int64_t> StartOrEndOf(CalendarUnit unit, bool end,
                                    std::string_view increment,
                                    const TimeContext& context,
                                    std::string_view function_name,
                                    std::string* error);

// Returns the start of the local calendar day that holds `instant_ms` in
// `context.zone`, as epoch milliseconds. Falls back to the UTC day when the
// zone is unknown or the instant is outside the supported range.
int64_t StartOfLocalDay(int64_t instant_ms, const TimeContext& context);

// Formats `instant_ms` as "yyyy-MM-ddTHH:mm:ss.SSSZ" in UTC. Years outside
// 0000-9999 are written with a sign ("+292278994-08-17T07:12:55.807Z").
std::string FormatIsoInstant(int64_t instant_ms);

}  // namespace syncrule::stdlib

#endif  // SYNCRULE_STDLIB_JQL_TIME_H_
