#pragma once
/// Calendar dates and ISO 8601 times in Beijing time (UTC+8), for APIs that take or show a moment.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace youhao::schedule {

/// "2026-11-23" for the Beijing calendar day containing `unix_seconds`.
std::string BeijingDate(long long unix_seconds);
/// "2026-11-23T23:00:00+08:00".
std::string BeijingIso8601(long long unix_seconds);
/// Unix seconds from "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)" (a space may replace the T, and the
/// offset's '+', which an unencoded query string turns into a space) or from a plain
/// non-negative integer of Unix seconds; nullopt for anything else, an impossible date, or a moment
/// before 1970 or after the year 9999.
std::optional<long long> ParseMoment(std::string_view text);

/// Unix seconds of Beijing midnight starting the day "YYYY-MM-DD"; nullopt unless a real date so written.
std::optional<long long> BeijingMidnight(std::string_view date);
/// Unix seconds of Beijing midnight starting the month "YYYY-MM" and the month after; nullopt if malformed.
std::optional<std::pair<long long, long long>> BeijingMonthRange(std::string_view month);

/// A day of the proleptic Gregorian calendar.
struct CivilDate {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
  auto operator<=>(const CivilDate&) const = default;
};

/// Days since 1970-01-01 (negative before it).
long long DayNumber(CivilDate date);
/// The date of a day number; DayNumber(DateOfDayNumber(n)) == n.
CivilDate DateOfDayNumber(long long day_number);
/// The day number of the Beijing calendar day containing `unix_seconds`.
long long BeijingDayNumber(long long unix_seconds);
/// Weekday of a day number: 0 = Monday … 6 = Sunday.
int WeekdayOfDayNumber(long long day_number);
/// "YYYY-MM-DD" as a real date; nullopt for anything else.
std::optional<CivilDate> ParseDate(std::string_view text);

}  // namespace youhao::schedule
