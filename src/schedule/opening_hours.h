#pragma once
/// OpenStreetMap `opening_hours` values (the common subset) for compounds, gates and stations:
/// parsing with bilingual errors, "is it open now" in Beijing time, and the open intervals of
/// the coming days for offline gate devices.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace youhao::schedule {

/// A wall-clock moment without a date: what the rules of a week are evaluated against.
struct LocalTime {
  int weekday = 0;        ///< 0 = Monday … 6 = Sunday.
  int minute_of_day = 0;  ///< 0..1439.
};

/// Beijing local time (UTC+8, no daylight saving) of a Unix timestamp; defined for every value.
LocalTime BeijingTime(long long unix_seconds);

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
  /// Errors (kValidationFailed) name the offending part and its byte position in Chinese and
  /// English; months, dates, weeks, years, sunrise/sunset, "SH", "open", open ends ("+"),
  /// comments, "||" and "," between rules are unsupported and rejected, never skipped. Texts longer
  /// than kMaxTextBytes are rejected, and so are values whose ToString() would be.
  static core::Result<OpeningHours> Parse(std::string_view text);

  /// Whether open at `time`. `public_holiday` tells whether the calendar day of `time` is a public
  /// holiday; `previous_day_public_holiday` whether the day before was one (it decides which rule
  /// a range running past midnight came from). Out-of-range weekday or minute: false.
  bool IsOpen(LocalTime time, bool public_holiday = false, bool previous_day_public_holiday = false) const;

  /// The open intervals [start, end) in Unix seconds intersecting [from, to), clipped to it, merged
  /// and sorted (used to ship a week of hours to offline gate devices). `is_public_holiday` gets
  /// the Unix timestamp of a Beijing midnight and says whether that day is a public holiday; null
  /// means no holidays. At most kMaxIntervalDays past `from` are covered; empty when from >= to.
  std::vector<std::pair<long long, long long>> OpenIntervals(
      long long from, long long to, const std::function<bool(long long)>& is_public_holiday = nullptr) const;

  /// True when open at every minute of every day, holidays included ("24/7").
  bool AlwaysOpen() const;

  /// Canonical text that Parse() reads back to an equal value, e.g. "Mo-Fr 07:00-22:00; PH off".
  std::string ToString() const;

  /// A short Chinese description for UIs, e.g. "周一至周五 07:00-22:00；法定节假日不开放".
  std::string DescribeZh() const;

  bool operator==(const OpeningHours&) const = default;

 private:
  friend class OpeningHoursParser;

  const std::vector<Range>& RangesFor(int weekday, bool public_holiday) const;
  /// Restores the canonical form after each rule: flags are meaningful only where they matter.
  void Normalize();

  std::array<std::vector<Range>, 7> days_;
  std::optional<std::vector<Range>> holiday_;
  /// Bit d: weekday d was named by a rule after the last PH rule, so it wins over PH on holidays.
  std::uint8_t after_holiday_ = 0;
};

}  // namespace youhao::schedule
