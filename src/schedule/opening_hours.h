#pragma once
/// OpenStreetMap `opening_hours` values (the common subset) for compounds, gates and stations:
/// parsing with bilingual errors, "is it open now" in Beijing time, and the open intervals of
/// the coming days for offline gate devices.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace youhao::schedule {

class HolidayCalendar;

/// How the rules read one calendar day: the weekday whose rules apply and whether PH rules do.
/// On an ordinary day that is the day's own weekday; a calendar (holiday_calendar.h) marks public
/// holidays and reads an adjusted working day (调休上班) as a working weekday.
struct DayRules {
  int weekday = 0;  ///< 0 = Monday … 6 = Sunday.
  bool public_holiday = false;
  bool operator==(const DayRules&) const = default;
};

/// A wall-clock moment without a date: what the rules of a week are evaluated against.
struct LocalTime {
  int weekday = 0;        ///< 0 = Monday … 6 = Sunday: the weekday whose rules apply.
  int minute_of_day = 0;  ///< 0..1439.
  /// PH rules apply on this day.
  bool public_holiday = false;
  /// The day before, whose ranges past midnight reach into this one; nullopt: the weekday before
  /// `weekday`, not a holiday.
  std::optional<DayRules> previous_day;
};

/// Beijing local time (UTC+8, no daylight saving) of a Unix timestamp, as an ordinary day (no
/// holidays: HolidayCalendar::At gives the time with them); defined for every value.
LocalTime BeijingTime(long long unix_seconds);

/// The names of Parse()'s problems ("reason" in the error's fields); each is worded by the
/// message catalogue's "hours.<name>" (api/messages/catalogue.cpp).
inline constexpr std::array<std::string_view, 16> kParseProblems = {
    "too_long",        "empty",        "too_long_canonical", "empty_rule",           "unexpected_end",
    "unsupported",     "unknown_word", "unexpected_number",  "unexpected_character", "missing_times",
    "missing_weekday", "missing_end",  "range_too_long",     "missing_time",         "time_format",
    "invalid_time"};

/// The Unix timestamp of the Beijing midnight that starts the day containing `unix_seconds`.
long long BeijingDayStart(long long unix_seconds);

/// A parsed `opening_hours` value. Each weekday holds sorted minute ranges that start on that
/// day and may run past midnight into the next one ("22:00-02:00"); a public-holiday (PH) rule,
/// when present, replaces the weekday's ranges on a holiday unless a later rule named that
/// weekday (OSM: the last rule whose selector matches the day wins).
class OpeningHours {
 public:
  /// Longest accepted text, in bytes.
  static constexpr std::size_t kMaxTextBytes = 255;
  /// OpenIntervals() looks at most this many days past `from`.
  static constexpr long long kMaxIntervalDays = 400;

  /// Minutes from the start of the day the range belongs to: 0 <= start < 1440 and
  /// start < end <= start + 1440, so `end` above 1440 means "into the next day".
  struct Range {
    std::uint16_t start = 0;
    std::uint16_t end = 0;
    bool operator==(const Range&) const = default;
  };

  /// Closed at all times (the value of "off").
  OpeningHours() = default;

  /// Parses the common subset of the OSM syntax:
  ///  - "24/7"; "off" / "closed";
  ///  - weekday selectors: "Mo", lists "Mo,We,Fr", ranges "Mo-Fr", wrapping ranges "Su-Tu", and "PH"
  ///    (public holidays) alone or in a list ("Sa,Su,PH");
  ///  - one or more time ranges "07:00-09:00,17:00-22:00"; an end at or before the start runs
  ///    into the next day ("22:00-02:00"), "24:00" ends at midnight, extended ends up to "48:00";
  ///  - rules separated by ";" where a later rule replaces earlier ones for the days it names;
  ///    a rule with only times applies to every day, holidays included.
  /// Case and whitespace are tolerated, as are the full-width "：；，－～" a Chinese keyboard types.
  /// Errors are catalogued problems (kValidationFailed, message "hours.<reason>") whose fields
  /// name `field`, the `reason` (one of kParseProblems) and, for a problem at a place in the text,
  /// its `position` (0-based, in characters), `column` (1-based) and the offending `part`; months,
  /// dates, weeks, years, sunrise/sunset, "SH", "open", open ends ("+"), comments, "||" and ","
  /// between rules are unsupported and rejected, never skipped. Texts longer than kMaxTextBytes are
  /// rejected, and so are values whose ToString() would be.
  static core::Result<OpeningHours> Parse(std::string_view text, std::string_view field = "opening_hours");

  /// Whether open at `time`: the rules of `time.weekday` (PH rules on a public holiday) and the
  /// ranges of the day before that run past midnight. Out-of-range weekday or minute: false.
  bool IsOpen(const LocalTime& time) const;

  /// The open intervals [start, end) in Unix seconds intersecting [from, to), clipped to it, merged
  /// and sorted (used to ship a week of hours to offline gate devices), each Beijing day read as
  /// `calendar` reads it (no calendar: every day ordinary). At most kMaxIntervalDays past `from`
  /// are covered; empty when from >= to.
  std::vector<std::pair<long long, long long>> OpenIntervals(long long from, long long to,
                                                             const HolidayCalendar* calendar = nullptr) const;

  /// True when open at every minute of every day, holidays included ("24/7").
  bool AlwaysOpen() const;

  /// Canonical text that Parse() reads back to an equal value, e.g. "Mo-Fr 07:00-22:00; PH off".
  std::string ToString() const;

  /// A short Chinese description for UIs, e.g. "周一至周五 07:00-22:00；法定节假日不开放".
  std::string DescribeZh() const;

  bool operator==(const OpeningHours&) const = default;

 private:
  friend class OpeningHoursParser;

  const std::vector<Range>& RangesFor(DayRules day) const;
  /// Restores the canonical form after each rule: flags are meaningful only where they matter.
  void Normalize();

  std::array<std::vector<Range>, 7> days_;
  std::optional<std::vector<Range>> holiday_;
  /// Bit d: weekday d was named by a rule after the last PH rule, so it wins over PH on holidays.
  std::uint8_t after_holiday_ = 0;
};

}  // namespace youhao::schedule
