#pragma once
/// Mainland China's public holidays and adjusted working days (调休上班), kept as data the city
/// updates each year (data/holidays/): each year's official schedule as the State Council
/// publishes it, and for a year without one the statutory days alone. It tells how
/// `opening_hours` rules read a day: whether PH rules apply, and which weekday's rules.

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "schedule/clock.h"
#include "schedule/opening_hours.h"

namespace youhao::schedule {

enum class DayKind {
  kOrdinary,  ///< its weekday: a working day Monday to Friday, a rest day at the weekend
  kHoliday,   ///< a public holiday (a day off of the official schedule, or a statutory day)
  kWorkday,   ///< an adjusted working day: a Saturday or Sunday people work
};

/// "ordinary", "holiday", "workday".
std::string_view DayKindName(DayKind kind);

class HolidayCalendar {
 public:
  /// No schedule and no festival dates: only the fixed statutory days (1 January, 1–2 May,
  /// 1–3 October) are holidays.
  HolidayCalendar() = default;

  /// Reads every `cn-YYYY.tsv` (AddSchedule) and `cn-festivals.tsv` (AddFestivals) in `directory`;
  /// other files are ignored. Errors (kValidationFailed) name the file and the line; a directory
  /// that cannot be read is one too.
  static core::Result<HolidayCalendar> LoadDirectory(const std::string& directory);

  /// Adds `year`'s official schedule: lines "YYYY-MM-DD<TAB>holiday|workday[<TAB>festival]", "#"
  /// comments and blank lines ignored. Every date must lie in `year` and appear once, and a year
  /// is added once. Once added, the schedule alone decides the year's days.
  core::Status AddSchedule(int year, std::string_view tsv);

  /// Adds the dates of the moving statutory festivals: lines "YYYY<TAB>spring_festival<TAB>
  /// qingming<TAB>dragon_boat<TAB>mid_autumn", each a date of that year (spring_festival is
  /// 正月初一). Used for the years without a schedule.
  core::Status AddFestivals(std::string_view tsv);

  /// The kind of a day (a day number, see clock.h).
  DayKind Kind(long long day_number) const;
  DayKind Kind(CivilDate date) const { return Kind(DayNumber(date)); }

  /// How opening_hours rules read the day: a holiday applies PH rules on its own weekday; an
  /// adjusted working day is a working day, read as the nearest working weekday (a Saturday as
  /// Friday, a Sunday as Monday), so that neither "Sa,Su" rules nor PH rules apply to it.
  DayRules Rules(long long day_number) const;

  /// Beijing local time at `unix_seconds` with the day's rules and the day before's.
  LocalTime At(long long unix_seconds) const;

  /// Years with an official schedule, and years with festival dates, ascending.
  std::vector<int> ScheduleYears() const;
  std::vector<int> FestivalYears() const;

 private:
  /// Day numbers of 正月初一, 清明, 端午 and 中秋.
  using Festivals = std::array<long long, 4>;

  std::set<int> schedule_years_;
  std::map<long long, DayKind> scheduled_;
  std::map<int, Festivals> festivals_;
};

}  // namespace youhao::schedule
