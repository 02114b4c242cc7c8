#include "runtime/connectors/timestamp.h"

namespace syncrule::runtime {
namespace {

// Years outside this range are not plausible event times; rejecting them
// keeps the day arithmetic far from overflow.
constexpr int kMinYear = 1970;
constexpr int kMaxYear = 9999;

// Reads `count` decimal digits at `pos`, advancing it.
std::optional<int> Digits(std::string_view text, size_t& pos, int count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (int i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

// Consumes `expected` at `pos`.
bool Expect(std::string_view text, size_t& pos, char expected) {
  if (pos >= text.size() || text[pos] != expected) return false;
  ++pos;
  return true;
}

// Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = year / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year =
      (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// Reads an optional fraction of a second as milliseconds.
int64_t FractionMs(std::string_view text, size_t& pos) {
  if (pos >= text.size() || text[pos] != '.') return 0;
  ++pos;
  int64_t ms = 0;
  int digits = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    if (digits < 3) ms = ms * 10 + (text[pos] - '0');
    ++digits;
    ++pos;
  }
  for (; digits < 3; ++digits) ms *= 10;
  return ms;
}

// Reads the zone suffix: "Z", " UTC", "+hh:mm", "+hhmm" or "+hh". Returns
// the offset east of UTC in minutes.
std::optional<int> ZoneOffsetMinutes(std::string_view text, size_t& pos) {
  const std::string_view rest = text.substr(pos);
  if (rest == "Z" || rest == "z" || rest == " UTC") {
    pos = text.size();
    return 0;
  }
  if (rest.empty() || (rest[0] != '+' && rest[0] != '-')) return std::nullopt;
  const int sign = rest[0] == '-' ? -1 : 1;
  ++pos;
  std::optional<int> hours = Digits(text, pos, 2);
  if (!hours) return std::nullopt;
  int minutes = 0;
  if (pos < text.size()) {
    Expect(text, pos, ':');
    std::optional<int> parsed = Digits(text, pos, 2);
    if (!parsed) return std::nullopt;
    minutes = *parsed;
  }
  if (*hours > 23 || minutes > 59) return std::nullopt;
  return sign * (*hours * 60 + minutes);
}

}  // namespace

std::optional<int64_t> ParseTimestampMs(std::string_view text) {
  size_t pos = 0;
  std::optional<int> year = Digits(text, pos, 4);
  if (!year || !Expect(text, pos, '-')) return std::nullopt;
  std::optional<int> month = Digits(text, pos, 2);
  if (!month || !Expect(text, pos, '-')) return std::nullopt;
  std::optional<int> day = Digits(text, pos, 2);
  if (!day || pos >= text.size() || (text[pos] != 'T' && text[pos] != ' ')) {
    return std::nullopt;
  }
  ++pos;
  std::optional<int> hour = Digits(text, pos, 2);
  if (!hour || !Expect(text, pos, ':')) return std::nullopt;
  std::optional<int> minute = Digits(text, pos, 2);
  if (!minute || !Expect(text, pos, ':')) return std::nullopt;
  std::optional<int> second = Digits(text, pos, 2);
  if (!second) return std::nullopt;
  const int64_t ms = FractionMs(text, pos);
  std::optional<int> offset = ZoneOffsetMinutes(text, pos);
  if (!offset || pos != text.size()) return std::nullopt;
  if (*year < kMinYear || *year > kMaxYear || *month < 1 || *month > 12 ||
      *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const int64_t days = DaysFromCivil(*year, *month, *day);
  const int64_t seconds = ((days * 24 + *hour) * 60 + *minute) * 60 + *second -
                          int64_t{*offset} * 60;
  return seconds * 1000 + ms;
}

}  // namespace syncrule::runtime
