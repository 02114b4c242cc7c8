#include "stdlib/jql_time.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace syncrule::stdlib {
namespace {

constexpr int64_t kMsPerSecond = 1000;
constexpr int64_t kMsPerMinute = 60 * kMsPerSecond;
constexpr int64_t kMsPerHour = 60 * kMsPerMinute;
constexpr int64_t kMsPerDay = 24 * kMsPerHour;
constexpr int64_t kSecondsPerMinute = 60;
constexpr int64_t kSecondsPerHour = 3600;

// Days between 1970-01-01 and the first and last day of the supported range.
constexpr int64_t kMinSupportedDay = kMinSupportedInstantMs / kMsPerDay;
constexpr int64_t kMaxSupportedDay = kMaxSupportedInstantMs / kMsPerDay;

// A period number longer than this cannot denote a date inside the supported
// range in any unit, and rejecting it early keeps the arithmetic overflow-free.
constexpr size_t kMaxPeriodDigits = 15;
// Fractions such as "1.5h" in tracking durations: more digits than this cannot
// yield a whole number of minutes for any unit we know, and bounding them
// keeps 10^digits inside int64.
constexpr size_t kMaxFractionDigits = 9;
// Jira parses a start/end increment with Integer.parseInt.
constexpr int64_t kMaxIncrementAmount = 2147483647;
// Java's ZoneOffset accepts offsets up to +-18:00.
constexpr int kMaxOffsetHours = 18;

// ---------------------------------------------------------------------------
// Integer calendar arithmetic on the proleptic Gregorian calendar, in int64 so
// that no input can overflow it (H. Hinnant's days_from_civil algorithms).

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t FloorMod(int64_t a, int64_t b) {
  const int64_t r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

struct CivilDate {
  int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

int64_t DaysFromCivil(const CivilDate& date) {
  const int64_t y = date.month <= 2 ? date.year - 1 : date.year;
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t mp = (date.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  CivilDate date;
  date.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  date.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  date.year = yoe + era * 400 + (date.month <= 2 ? 1 : 0);
  return date;
}

bool IsLeapYear(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Day 0 of the week is Sunday; 1970-01-01 was a Thursday.
int WeekdayFromDays(int64_t days) {
  return static_cast<int>(FloorMod(days + 4, 7));
}

// Adds `months` to a day, clamping the day of month as java.util.Calendar
// does (Jan 31 + 1 month = Feb 28/29). Returns nullopt outside the range.
std::optional<int64_t> AddMonths(int64_t days, int64_t months) {
  if (months > 12 * 10000 || months < -12 * 10000) return std::nullopt;
  const CivilDate date = CivilFromDays(days);
  const int64_t index = date.year * 12 + (date.month - 1) + months;
  CivilDate shifted;
  shifted.year = FloorDiv(index, 12);
  shifted.month = static_cast<int>(FloorMod(index, 12)) + 1;
  const int last = DaysInMonth(shifted.year, shifted.month);
  shifted.day = date.day > last ? last : date.day;
  return DaysFromCivil(shifted);
}

bool InSupportedRange(int64_t instant_ms) {
  return instant_ms >= kMinSupportedInstantMs &&
         instant_ms <= kMaxSupportedInstantMs;
}

// Converts a local day number plus a time of day to local milliseconds, or
// nullopt when the day is outside the supported range (this also keeps the
// multiplication from overflowing).
std::optional<int64_t> LocalDayToMs(int64_t day, int64_t ms_of_day) {
  if (day < kMinSupportedDay - 1 || day > kMaxSupportedDay + 1) {
    return std::nullopt;
  }
  return day * kMsPerDay + ms_of_day;
}

// ---------------------------------------------------------------------------
// Time zones. A null `tz` is UTC, which needs no tz database at all.

struct Zone {
  const date::time_zone* tz = nullptr;
};

bool IsUtcName(std::string_view name) {
  return name == "UTC" || name == "Etc/UTC" || name == "GMT" ||
         name == "Etc/GMT";
}

// Looks `name` up in the tz database; nullopt when it is unknown.
std::optional<Zone> ResolveZone(std::string_view name) {
  if (IsUtcName(name)) return Zone{};
  if (name.empty()) return std::nullopt;
  try {
    return Zone{date::locate_zone(name)};
  } catch (...) {
    return std::nullopt;
  }
}

// The system's compiled tz files list transitions only up to 2037, and the
// date library does not read the rule that continues them, so later years
// would lose daylight saving time. Those years are looked up in the year of
// [kRuleYearsBegin, kRuleYearsEnd) that has the same calendar (leap or not,
// same weekday on January 1st), which assumes today's rules go on.
constexpr int64_t kRuleYearsBegin = 2010;
constexpr int64_t kRuleYearsEnd = 2038;

// Returns the number of milliseconds to add to a time in a year past
// kRuleYearsEnd to move it into a year with the same calendar; 0 otherwise.
int64_t FarFutureShiftMs(int64_t ms) {
  const int64_t year = CivilFromDays(FloorDiv(ms, kMsPerDay)).year;
  if (year < kRuleYearsEnd) return 0;
  const int64_t jan1 = DaysFromCivil(CivilDate{year, 1, 1});
  for (int64_t candidate = kRuleYearsEnd - 1; candidate >= kRuleYearsBegin;
       --candidate) {
    const int64_t candidate_jan1 = DaysFromCivil(CivilDate{candidate, 1, 1});
    if (IsLeapYear(candidate) == IsLeapYear(year) &&
        WeekdayFromDays(candidate_jan1) == WeekdayFromDays(jan1)) {
      return (candidate_jan1 - jan1) * kMsPerDay;
    }
  }
  return 0;  // unreachable: 28 consecutive years hold every calendar
}

// Returns the UTC offset of `zone` at `instant_ms`, in milliseconds.
int64_t OffsetAt(Zone zone, int64_t instant_ms) {
  if (zone.tz == nullptr) return 0;
  const int64_t shifted = instant_ms + FarFutureShiftMs(instant_ms);
  const date::sys_seconds at{std::chrono::seconds{FloorDiv(shifted, 1000)}};
  return zone.tz->get_info(at).offset.count() * kMsPerSecond;
}

date::local_info LocalInfo(Zone zone, int64_t local_ms) {
  const int64_t shifted = local_ms + FarFutureShiftMs(local_ms);
  const date::local_seconds at{std::chrono::seconds{FloorDiv(shifted, 1000)}};
  return zone.tz->get_info(at);
}

int64_t ToLocalMs(Zone zone, int64_t instant_ms) {
  return instant_ms + OffsetAt(zone, instant_ms);
}

// Maps a local wall-clock time to an instant. An ambiguous time (the repeated
// hour when clocks go back) takes the earlier instant; a time inside a gap
// (clocks go forward) is shifted forward by the gap's length. Both are what
// java.util.Calendar does, and both are "local minus the offset in force
// before the transition".
int64_t LocalToInstant(Zone zone, int64_t local_ms) {
  if (zone.tz == nullptr) return local_ms;
  return local_ms -
         LocalInfo(zone, local_ms).first.offset.count() * kMsPerSecond;
}

bool IsNonexistentLocal(Zone zone, int64_t local_ms) {
  if (zone.tz == nullptr) return false;
  return LocalInfo(zone, local_ms).result == date::local_info::nonexistent;
}

// Returns the start of local day `day` as an instant, or nullopt outside the
// supported range.
std::optional<int64_t> StartOfDayInstant(Zone zone, int64_t day) {
  const std::optional<int64_t> local = LocalDayToMs(day, 0);
  if (!local) return std::nullopt;
  const int64_t instant = LocalToInstant(zone, *local);
  if (!InSupportedRange(instant)) return std::nullopt;
  return instant;
}

// ---------------------------------------------------------------------------
// Small scanners.

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// Reads between `min_digits` and `max_digits` decimal digits from the front
// of `*text`, consuming them. Returns nullopt (consuming nothing) otherwise.
std::optional<int64_t> ReadDigits(std::string_view* text, size_t min_digits,
                                  size_t max_digits) {
  size_t n = 0;
  int64_t value = 0;
  while (n < text->size() && IsDigit((*text)[n])) {
    if (n == max_digits) return std::nullopt;
    value = value * 10 + ((*text)[n] - '0');
    ++n;
  }
  if (n < min_digits) return std::nullopt;
  text->remove_prefix(n);
  return value;
}

// Reads exactly `count` digits from the front of `*text`, whatever follows.
std::optional<int64_t> ReadFixedDigits(std::string_view* text, size_t count) {
  if (text->size() < count) return std::nullopt;
  std::string_view head = text->substr(0, count);
  int64_t value = 0;
  for (char c : head) {
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  text->remove_prefix(count);
  return value;
}

bool ReadChar(std::string_view* text, char c) {
  if (text->empty() || text->front() != c) return false;
  text->remove_prefix(1);
  return true;
}

// Parses a whole string as a signed 64-bit decimal integer.
std::optional<int64_t> ParseInt64(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
    const int digit = c - '0';
    // Accumulate negatively so that INT64_MIN parses.
    if (__builtin_mul_overflow(value, 10, &value) ||
        __builtin_sub_overflow(value, digit, &value)) {
      return std::nullopt;
    }
  }
  if (negative) return value;
  if (value == INT64_MIN) return std::nullopt;
  return -value;
}

// ---------------------------------------------------------------------------
// Durations: "4w 2d", "4w2d", "1h, 30m", "90", "1.5h".

// One "N[unit]" part of a duration. `unit` is 0 when there was none.
struct DurationPart {
  int64_t whole = 0;
  int64_t fraction = 0;  // the digits after '.', as an integer
  int fraction_digits = 0;
  char unit = 0;  // 'w', 'd', 'h', 'm' or 0
};

char LowerUnit(char c) {
  switch (c) {
    case 'w':
    case 'W':
      return 'w';
    case 'd':
    case 'D':
      return 'd';
    case 'h':
    case 'H':
      return 'h';
    case 'm':
    case 'M':
      return 'm';
    default:
      return 0;
  }
}

// Reads "N" or "N.F" or ".F" (the latter two only with `allow_fraction`).
bool ReadNumber(std::string_view* text, bool allow_fraction,
                DurationPart* part) {
  const std::optional<int64_t> whole = ReadDigits(text, 0, kMaxPeriodDigits);
  if (!whole) return false;
  part->whole = *whole;
  std::string_view rest = *text;
  if (allow_fraction && ReadChar(&rest, '.')) {
    const size_t before = rest.size();
    const std::optional<int64_t> fraction =
        ReadDigits(&rest, 1, kMaxFractionDigits);
    if (!fraction) return false;
    part->fraction = *fraction;
    part->fraction_digits = static_cast<int>(before - rest.size());
    *text = rest;
  }
  return true;
}

// Splits one whitespace/comma-free token into parts. A token is either a
// bare number (minutes) or one or more numbers each followed by a unit.
bool ParseDurationToken(std::string_view token, bool allow_fraction,
                        std::vector<DurationPart>* parts) {
  const size_t first_part = parts->size();
  while (!token.empty()) {
    DurationPart part;
    const size_t before = token.size();
    if (!ReadNumber(&token, allow_fraction, &part)) return false;
    if (token.size() == before) return false;  // no digits at all
    if (!token.empty()) {
      part.unit = LowerUnit(token.front());
      if (part.unit == 0) return false;
      token.remove_prefix(1);
    } else if (parts->size() != first_part) {
      return false;  // "2d5": a unitless number must stand alone
    }
    parts->push_back(part);
  }
  return parts->size() != first_part;
}

bool IsSeparator(char c) { return IsSpace(c) || c == ','; }

// Parses the unsigned body of a duration into its parts.
std::optional<std::vector<DurationPart>> ParseDurationParts(
    std::string_view text, bool allow_fraction) {
  std::vector<DurationPart> parts;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSeparator(text[i])) ++i;
    size_t end = i;
    while (end < text.size() && !IsSeparator(text[end])) ++end;
    if (end > i &&
        !ParseDurationToken(text.substr(i, end - i), allow_fraction, &parts)) {
      return std::nullopt;
    }
    i = end;
  }
  if (parts.empty()) return std::nullopt;
  return parts;
}

// A relative date period, split into its calendar-day part (w, d) and its
// exact part (h, m, bare minutes).
struct Period {
  bool negative = false;
  int64_t days = 0;
  int64_t exact_ms = 0;
  bool has_exact_part = false;
};

// Adds `count` * `unit` to `*total`, failing on overflow.
bool AddScaled(int64_t count, int64_t unit, int64_t* total) {
  int64_t product = 0;
  return !__builtin_mul_overflow(count, unit, &product) &&
         !__builtin_add_overflow(*total, product, total);
}

std::optional<Period> ParsePeriod(std::string_view text) {
  Period period;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    period.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const auto parts = ParseDurationParts(text, /*allow_fraction=*/false);
  if (!parts) return std::nullopt;
  for (const DurationPart& part : *parts) {
    bool ok = true;
    switch (part.unit) {
      case 'w':
        ok = AddScaled(part.whole, 7, &period.days);
        break;
      case 'd':
        ok = AddScaled(part.whole, 1, &period.days);
        break;
      case 'h':
        ok = AddScaled(part.whole, kMsPerHour, &period.exact_ms);
        break;
      default:
        ok = AddScaled(part.whole, kMsPerMinute, &period.exact_ms);
    }
    if (!ok) return std::nullopt;
    if (part.unit != 'w' && part.unit != 'd') period.has_exact_part = true;
  }
  return period;
}

// Day-only periods start at local midnight; any h/m part makes the whole
// period exact, with a day of 24 hours (as Jira's own duration arithmetic).
std::optional<int64_t> ApplyPeriod(const Period& period, int64_t now_ms,
                                   Zone zone) {
  if (!InSupportedRange(now_ms)) return std::nullopt;
  const int64_t sign = period.negative ? -1 : 1;
  if (!period.has_exact_part) {
    const int64_t today = FloorDiv(ToLocalMs(zone, now_ms), kMsPerDay);
    if (period.days > kMaxSupportedDay - kMinSupportedDay) return std::nullopt;
    return StartOfDayInstant(zone, today + sign * period.days);
  }
  int64_t offset = period.exact_ms;
  if (!AddScaled(period.days, kMsPerDay, &offset)) return std::nullopt;
  int64_t result = 0;
  if (__builtin_mul_overflow(offset, sign, &offset) ||
      __builtin_add_overflow(now_ms, offset, &result) ||
      !InSupportedRange(result)) {
    return std::nullopt;
  }
  return result;
}

// ---------------------------------------------------------------------------
// Absolute dates: "yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd",
// "yyyy-MM-dd". Like Jira's strict SimpleDateFormat: 4+ digit year, 1-2
// digit fields, no field out of range.

struct LocalDateTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  bool has_time = false;
};

bool ValidDate(const CivilDate& date) {
  return date.year >= 1 && date.year <= 9999 && date.month >= 1 &&
         date.month <= 12 && date.day >= 1 &&
         date.day <= DaysInMonth(date.year, date.month);
}

std::optional<LocalDateTime> ParseAbsolute(std::string_view text) {
  LocalDateTime result;
  const auto year = ReadDigits(&text, 4, 6);
  if (!year || text.empty() || (text.front() != '/' && text.front() != '-')) {
    return std::nullopt;
  }
  const char separator = text.front();
  text.remove_prefix(1);
  const auto month = ReadDigits(&text, 1, 2);
  if (!month || !ReadChar(&text, separator)) return std::nullopt;
  const auto day = ReadDigits(&text, 1, 2);
  if (!day) return std::nullopt;
  result.date =
      CivilDate{*year, static_cast<int>(*month), static_cast<int>(*day)};
  if (!ValidDate(result.date)) return std::nullopt;
  if (text.empty()) return result;
  if (!ReadChar(&text, ' ')) return std::nullopt;
  const auto hour = ReadDigits(&text, 1, 2);
  if (!hour || !ReadChar(&text, ':')) return std::nullopt;
  const auto minute = ReadDigits(&text, 1, 2);
  if (!minute || !text.empty() || *hour > 23 || *minute > 59) {
    return std::nullopt;
  }
  result.hour = static_cast<int>(*hour);
  result.minute = static_cast<int>(*minute);
  result.has_time = true;
  return result;
}

// Resolves a parsed absolute date in `zone`. A date-time inside a DST gap does
// not exist and is rejected, as Jira's strict parser rejects it; a date alone
// means the first instant of that day even where midnight is skipped.
std::optional<int64_t> ResolveAbsolute(const LocalDateTime& value, Zone zone) {
  const int64_t day = DaysFromCivil(value.date);
  const int64_t ms_of_day =
      value.hour * kMsPerHour + value.minute * kMsPerMinute;
  const std::optional<int64_t> local = LocalDayToMs(day, ms_of_day);
  if (!local) return std::nullopt;
  if (value.has_time && IsNonexistentLocal(zone, *local)) return std::nullopt;
  const int64_t instant = LocalToInstant(zone, *local);
  if (!InSupportedRange(instant)) return std::nullopt;
  return instant;
}

// ---------------------------------------------------------------------------
// ISO 8601 instants.

// Reads "Z" or "+hh", "+hhmm", "+hh:mm" (or '-'), returning the offset in ms.
std::optional<int64_t> ReadZoneOffset(std::string_view* text) {
  if (ReadChar(text, 'Z') || ReadChar(text, 'z')) return 0;
  if (text->empty() || (text->front() != '+' && text->front() != '-')) {
    return std::nullopt;
  }
  const int64_t sign = text->front() == '-' ? -1 : 1;
  text->remove_prefix(1);
  const auto hours = ReadFixedDigits(text, 2);
  if (!hours || *hours > kMaxOffsetHours) return std::nullopt;
  int64_t minutes = 0;
  if (!text->empty()) {
    ReadChar(text, ':');  // "+hh:mm" and "+hhmm" are both accepted
    const auto mm = ReadFixedDigits(text, 2);
    if (!mm || *mm > 59) return std::nullopt;
    minutes = *mm;
  }
  return sign * (*hours * kMsPerHour + minutes * kMsPerMinute);
}

// Reads ".f" with 1 to 9 digits and returns milliseconds (truncated).
std::optional<int64_t> ReadFraction(std::string_view* text) {
  if (!ReadChar(text, '.') && !ReadChar(text, ',')) return 0;
  const size_t before = text->size();
  const auto digits = ReadDigits(text, 1, 9);
  if (!digits) return std::nullopt;
  int64_t value = *digits;
  for (size_t n = before - text->size(); n < 3; ++n) value *= 10;
  for (size_t n = before - text->size(); n > 3; --n) value /= 10;
  return value;
}

std::optional<int64_t> ParseIsoInstantImpl(std::string_view text) {
  const auto year = ReadFixedDigits(&text, 4);
  if (!year || !ReadChar(&text, '-')) return std::nullopt;
  const auto month = ReadFixedDigits(&text, 2);
  if (!month || !ReadChar(&text, '-')) return std::nullopt;
  const auto day = ReadFixedDigits(&text, 2);
  if (!day || !(ReadChar(&text, 'T') || ReadChar(&text, 't'))) {
    return std::nullopt;
  }
  const CivilDate date{*year, static_cast<int>(*month), static_cast<int>(*day)};
  if (!ValidDate(date)) return std::nullopt;
  const auto hour = ReadFixedDigits(&text, 2);
  if (!hour || *hour > 23 || !ReadChar(&text, ':')) return std::nullopt;
  const auto minute = ReadFixedDigits(&text, 2);
  if (!minute || *minute > 59) return std::nullopt;
  int64_t second = 0;
  int64_t millis = 0;
  if (ReadChar(&text, ':')) {
    const auto ss = ReadFixedDigits(&text, 2);
    if (!ss || *ss > 59) return std::nullopt;
    second = *ss;
    const auto fraction = ReadFraction(&text);
    if (!fraction) return std::nullopt;
    millis = *fraction;
  }
  const auto offset = ReadZoneOffset(&text);
  if (!offset || !text.empty()) return std::nullopt;
  const int64_t local = DaysFromCivil(date) * kMsPerDay + *hour * kMsPerHour +
                        *minute * kMsPerMinute + second * kMsPerSecond + millis;
  return local - *offset;
}

// ---------------------------------------------------------------------------
// Start/end functions.

// Units of a start/end increment, ordered from finest to coarsest.
enum class IncrementUnit { kMinute, kHour, kDay, kWeek, kMonth, kYear };

struct Increment {
  int64_t amount = 0;
  IncrementUnit unit = IncrementUnit::kDay;
};

IncrementUnit FromCalendarUnit(CalendarUnit unit) {
  switch (unit) {
    case CalendarUnit::kDay:
      return IncrementUnit::kDay;
    case CalendarUnit::kWeek:
      return IncrementUnit::kWeek;
    case CalendarUnit::kMonth:
      return IncrementUnit::kMonth;
    case CalendarUnit::kYear:
      return IncrementUnit::kYear;
  }
  return IncrementUnit::kDay;
}

// Jira's pattern is ([-\+]?)(\d+)([mhdwMy]?), matched against the whole
// argument: case matters (M months, m minutes) and no spaces are allowed.
std::optional<Increment> ParseIncrement(std::string_view text,
                                        CalendarUnit default_unit) {
  Increment increment;
  increment.unit = FromCalendarUnit(default_unit);
  if (text.empty()) return increment;
  int64_t sign = 1;
  if (text.front() == '-' || text.front() == '+') {
    sign = text.front() == '-' ? -1 : 1;
    text.remove_prefix(1);
  }
  const auto amount = ReadDigits(&text, 1, kMaxPeriodDigits);
  if (!amount || *amount > kMaxIncrementAmount || text.size() > 1) {
    return std::nullopt;
  }
  increment.amount = sign * *amount;
  if (text.empty()) return increment;
  switch (text.front()) {
    case 'm':
      increment.unit = IncrementUnit::kMinute;
      break;
    case 'h':
      increment.unit = IncrementUnit::kHour;
      break;
    case 'd':
      increment.unit = IncrementUnit::kDay;
      break;
    case 'w':
      increment.unit = IncrementUnit::kWeek;
      break;
    case 'M':
      increment.unit = IncrementUnit::kMonth;
      break;
    case 'y':
      increment.unit = IncrementUnit::kYear;
      break;
    default:
      return std::nullopt;
  }
  return increment;
}

// Shifts a local day by a calendar increment (days, weeks, months, years).
std::optional<int64_t> ShiftDay(int64_t day, const Increment& increment) {
  switch (increment.unit) {
    case IncrementUnit::kYear:
      return AddMonths(day, increment.amount * 12);
    case IncrementUnit::kMonth:
      return AddMonths(day, increment.amount);
    case IncrementUnit::kWeek:
      return day + increment.amount * 7;
    case IncrementUnit::kDay:
      return day + increment.amount;
    default:
      return day;
  }
}

// Returns the first (or, with `end`, the last) local day of the period that
// holds `day`.
int64_t AlignDay(int64_t day, CalendarUnit unit, bool end,
                 WeekStart week_start) {
  const CivilDate date = CivilFromDays(day);
  switch (unit) {
    case CalendarUnit::kDay:
      return day;
    case CalendarUnit::kWeek: {
      const int first = week_start == WeekStart::kMonday ? 1 : 0;
      const int64_t start = day - FloorMod(WeekdayFromDays(day) - first, 7);
      return end ? start + 6 : start;
    }
    case CalendarUnit::kMonth:
      return DaysFromCivil(CivilDate{
          date.year, date.month, end ? DaysInMonth(date.year, date.month) : 1});
    case CalendarUnit::kYear:
      return DaysFromCivil(CivilDate{date.year, end ? 12 : 1, end ? 31 : 1});
  }
  return day;
}

std::string IncrementError(std::string_view function_name) {
  return fmt::format(
      "Duration for function '{}' should have the format (+/-)n(yMwdm), e.g "
      "-1M for 1 month earlier.",
      function_name);
}

std::string RangeError(std::string_view function_name) {
  return fmt::format(
      "Function '{}' produces a date outside the supported range (years 1 to "
      "9999).",
      function_name);
}

// Jira's order: an increment in the function's own unit or a coarser one
// moves "now" before the period is taken (endOfMonth("+1M") is the real end
// of next month); a finer one is added to the computed start or end
// (endOfMonth("+15d") is 15 days after the end of this month). Days and
// coarser units move the local calendar date and keep the wall-clock time;
// hours and minutes are exact.
std::optional<int64_t> ComputeStartOrEnd(CalendarUnit unit, bool end,
                                         const Increment& increment,
                                         const TimeContext& context,
                                         Zone zone) {
  const bool shift_first = increment.unit >= FromCalendarUnit(unit);
  int64_t day = FloorDiv(ToLocalMs(zone, context.now_ms), kMsPerDay);
  if (shift_first) {
    const auto shifted = ShiftDay(day, increment);
    if (!shifted) return std::nullopt;
    day = *shifted;
  }
  if (day < kMinSupportedDay - 1 || day > kMaxSupportedDay + 1) {
    return std::nullopt;
  }
  day = AlignDay(day, unit, end, context.week_start);
  const int64_t ms_of_day = end ? kMsPerDay - 1 : 0;
  if (!shift_first && increment.unit >= IncrementUnit::kDay) {
    const auto shifted = ShiftDay(day, increment);
    if (!shifted) return std::nullopt;
    day = *shifted;
  }
  const auto local = LocalDayToMs(day, ms_of_day);
  if (!local) return std::nullopt;
  int64_t instant = LocalToInstant(zone, *local);
  if (!shift_first && increment.unit == IncrementUnit::kHour) {
    instant += increment.amount * kMsPerHour;
  } else if (!shift_first && increment.unit == IncrementUnit::kMinute) {
    instant += increment.amount * kMsPerMinute;
  }
  if (!InSupportedRange(instant)) return std::nullopt;
  return instant;
}

std::optional<int64_t> StartOrEndOfImpl(CalendarUnit unit, bool end,
                                        std::string_view increment_text,
                                        const TimeContext& context,
                                        std::string_view function_name,
                                        std::string* error) {
  const std::optional<Increment> increment =
      ParseIncrement(increment_text, unit);
  if (!increment) {
    if (error != nullptr) *error = IncrementError(function_name);
    return std::nullopt;
  }
  const std::optional<Zone> zone = ResolveZone(context.zone);
  if (!zone) {
    if (error != nullptr) {
      *error = fmt::format("Unknown time zone '{}'.", context.zone);
    }
    return std::nullopt;
  }
  std::optional<int64_t> result;
  if (InSupportedRange(context.now_ms)) {
    result = ComputeStartOrEnd(unit, end, *increment, context, *zone);
  }
  if (!result && error != nullptr) *error = RangeError(function_name);
  return result;
}

// ---------------------------------------------------------------------------
// Tracking durations.

std::optional<int64_t> TrackingSeconds(const DurationPart& part,
                                       const TimeContext& context) {
  int64_t unit_seconds = kSecondsPerMinute;
  const int64_t day_seconds =
      static_cast<int64_t>(context.hours_per_day) * kSecondsPerHour;
  switch (part.unit) {
    case 'w':
      unit_seconds = day_seconds * context.days_per_week;
      break;
    case 'd':
      unit_seconds = day_seconds;
      break;
    case 'h':
      unit_seconds = kSecondsPerHour;
      break;
    default:
      break;
  }
  int64_t seconds = 0;
  if (!AddScaled(part.whole, unit_seconds, &seconds)) return std::nullopt;
  if (part.fraction_digits > 0) {
    int64_t scale = 1;
    for (int i = 0; i < part.fraction_digits; ++i) scale *= 10;
    int64_t scaled = 0;
    if (__builtin_mul_overflow(part.fraction, unit_seconds, &scaled) ||
        scaled % scale != 0) {
      return std::nullopt;  // not a whole number of seconds
    }
    seconds += scaled / scale;
  }
  // Jira keeps estimates to the minute and rejects finer fractions.
  if (seconds % kSecondsPerMinute != 0) return std::nullopt;
  return seconds;
}

std::optional<int64_t> ParseTrackingDurationImpl(std::string_view text,
                                                 const TimeContext& context) {
  if (context.hours_per_day <= 0 || context.days_per_week <= 0) {
    return std::nullopt;
  }
  const auto parts = ParseDurationParts(Trim(text), /*allow_fraction=*/true);
  if (!parts) return std::nullopt;
  int64_t total = 0;
  for (const DurationPart& part : *parts) {
    const auto seconds = TrackingSeconds(part, context);
    if (!seconds || __builtin_add_overflow(total, *seconds, &total)) {
      return std::nullopt;
    }
  }
  return total;
}

}  // namespace

bool IsKnownTimeZone(std::string_view zone) {
  return ResolveZone(zone).has_value();
}

std::optional<int64_t> ParseIsoInstant(std::string_view text) {
  try {
    return ParseIsoInstantImpl(text);
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<int64_t> ParseJqlDate(std::string_view text, bool is_number,
                                    const TimeContext& context) {
  try {
    const std::string_view trimmed = Trim(text);
    if (is_number) return ParseInt64(trimmed);
    const std::optional<Zone> zone = ResolveZone(context.zone);
    if (!zone) return std::nullopt;
    if (const auto period = ParsePeriod(trimmed)) {
      return ApplyPeriod(*period, context.now_ms, *zone);
    }
    if (const auto absolute = ParseAbsolute(trimmed)) {
      return ResolveAbsolute(*absolute, *zone);
    }
    return std::nullopt;
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<int64_t> ParseTrackingDuration(std::string_view text,
                                             const TimeContext& context) {
  try {
    return ParseTrackingDurationImpl(text, context);
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<int64_t> StartOrEndOf(CalendarUnit unit, bool end,
                                    std::string_view increment,
                                    const TimeContext& context,
                                    std::string_view function_name,
                                    std::string* error) {
  try {
    return StartOrEndOfImpl(unit, end, increment, context, function_name,
                            error);
  } catch (...) {
    if (error != nullptr) *error = RangeError(function_name);
    return std::nullopt;
  }
}

int64_t StartOfLocalDay(int64_t instant_ms, const TimeContext& context) {
  int64_t utc_start = instant_ms;
  if (__builtin_sub_overflow(instant_ms, FloorMod(instant_ms, kMsPerDay),
                             &utc_start)) {
    return instant_ms;
  }
  if (!InSupportedRange(instant_ms)) return utc_start;
  try {
    const Zone zone = ResolveZone(context.zone).value_or(Zone{});
    const int64_t day = FloorDiv(ToLocalMs(zone, instant_ms), kMsPerDay);
    return StartOfDayInstant(zone, day).value_or(utc_start);
  } catch (...) {
    return utc_start;
  }
}

std::string FormatIsoInstant(int64_t instant_ms) {
  const int64_t day = FloorDiv(instant_ms, kMsPerDay);
  const int64_t ms = FloorMod(instant_ms, kMsPerDay);
  const CivilDate date = CivilFromDays(day);
  const std::string year = date.year >= 0 && date.year <= 9999
                               ? fmt::format("{:04d}", date.year)
                               : fmt::format("{:+05d}", date.year);
  return fmt::format("{}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}Z", year,
                     date.month, date.day, ms / kMsPerHour,
                     ms / kMsPerMinute % 60, ms / kMsPerSecond % 60,
                     ms % kMsPerSecond);
}

}  // namespace syncrule::stdlib
