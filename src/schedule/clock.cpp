#include "schedule/clock.h"

#include <fmt/format.h>

#include <algorithm>

namespace youhao::schedule {
namespace {

constexpr long long kBeijingOffset = 8LL * 3600;
/// 9999-12-31T23:59:59+08:00: the last moment with a four-digit year in Beijing time.
constexpr long long kLastMoment = 253402271999;

// Days since 1970-01-01 of a civil date and back (Howard Hinnant's algorithms).
long long DaysFromCivil(long long y, long long m, long long d) {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  long long y, m, d;
};

Civil CivilFromDays(long long days) {
  const long long z = days + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

long long FloorDiv(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

std::optional<int> Digits(std::string_view text, std::size_t at, std::size_t count) {
  if (text.size() < at + count) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::string BeijingDate(long long unix_seconds) {
  const Civil c = CivilFromDays(FloorDiv(unix_seconds + kBeijingOffset, 86400));
  return fmt::format("{:04}-{:02}-{:02}", c.y, c.m, c.d);
}

std::string BeijingIso8601(long long unix_seconds) {
  const long long local = unix_seconds + kBeijingOffset;
  const long long seconds = local - FloorDiv(local, 86400) * 86400;
  return fmt::format("{}T{:02}:{:02}:{:02}+08:00", BeijingDate(unix_seconds), seconds / 3600, seconds / 60 % 60,
                     seconds % 60);
}

std::optional<long long> ParseMoment(std::string_view text) {
  if (!text.empty() && text.size() <= 12 && text.find_first_not_of("0123456789") == std::string_view::npos) {
    long long value = 0;
    for (char c : text) value = value * 10 + (c - '0');
    if (value > kLastMoment) return std::nullopt;
    return value;
  }
  const auto year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
  const auto hour = Digits(text, 11, 2), minute = Digits(text, 14, 2);
  if (!year || !month || !day || !hour || !minute || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != ' ') || text[13] != ':') {
    return std::nullopt;
  }
  std::size_t at = 16;
  int second = 0;
  if (text.size() > at && text[at] == ':') {
    const auto parsed = Digits(text, at + 1, 2);
    if (!parsed) return std::nullopt;
    second = *parsed;
    at += 3;
  }
  if (text.size() > at && text[at] == '.') {  // fractional seconds: ignored
    ++at;
    const std::size_t digits_start = at;
    while (at < text.size() && at - digits_start < 9 && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == digits_start) return std::nullopt;
  }
  long long offset = 0;
  if (text.size() == at + 1 && (text[at] == 'Z' || text[at] == 'z')) {
    offset = 0;
  } else if (text.size() == at + 6 && (text[at] == '+' || text[at] == '-' || text[at] == ' ') && text[at + 3] == ':') {
    // A '+' written unencoded in a query string arrives as a space.
    const auto oh = Digits(text, at + 1, 2), om = Digits(text, at + 4, 2);
    if (!oh || !om || *oh > 14 || *om > 59) return std::nullopt;
    offset = (*oh * 3600LL + *om * 60LL) * (text[at] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  if (*month < 1 || *month > 12 || *day < 1 || *hour > 23 || *minute > 59 || second > 59) return std::nullopt;
  const long long days = DaysFromCivil(*year, *month, *day);
  if (CivilFromDays(days).d != *day) return std::nullopt;  // 2026-02-30
  const long long moment = days * 86400 + *hour * 3600LL + *minute * 60LL + second - offset;
  if (moment < 0 || moment > kLastMoment) return std::nullopt;  // what BeijingIso8601 can write back
  return moment;
}

std::optional<long long> BeijingMidnight(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  return ParseMoment(std::string(date) + "T00:00:00+08:00");
}

long long DayNumber(CivilDate date) { return DaysFromCivil(date.year, date.month, date.day); }

CivilDate DateOfDayNumber(long long day_number) {
  const Civil c = CivilFromDays(day_number);
  return {static_cast<int>(c.y), static_cast<int>(c.m), static_cast<int>(c.d)};
}

long long BeijingDayNumber(long long unix_seconds) {
  // Clamped so that the offset cannot overflow; 2^60 s is far beyond any date anyone asks about.
  constexpr long long kLimit = 1LL << 60;
  return FloorDiv(std::clamp(unix_seconds, -kLimit, kLimit) + kBeijingOffset, 86400);
}

int WeekdayOfDayNumber(long long day_number) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const long long weekday = (day_number + 3) % 7;
  return static_cast<int>(weekday < 0 ? weekday + 7 : weekday);
}

std::optional<CivilDate> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
  if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1) return std::nullopt;
  const CivilDate date{*year, *month, *day};
  if (DateOfDayNumber(DayNumber(date)) != date) return std::nullopt;  // 2026-02-30
  return date;
}

std::optional<std::pair<long long, long long>> BeijingMonthRange(std::string_view month) {
  if (month.size() != 7) return std::nullopt;
  auto start = BeijingMidnight(std::string(month) + "-01");
  if (!start) return std::nullopt;
  // 32 days on from the first always lands inside the next month.
  auto end = BeijingMidnight(BeijingDate(*start + 32LL * 86400).substr(0, 7) + "-01");
  if (!end) return std::nullopt;
  return std::make_pair(*start, *end);
}

}  // namespace youhao::schedule
