#include "schedule/holiday_calendar.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace youhao::schedule {
namespace {

constexpr int kMo = 0;
constexpr int kWe = 2;
constexpr int kTh = 3;
constexpr int kFr = 4;
constexpr int kSa = 5;
constexpr int kSu = 6;

CivilDate Date(std::string_view text) {
  const auto date = ParseDate(text);
  EXPECT_TRUE(date.has_value()) << text;
  return date.value_or(CivilDate{});
}

long long Moment(std::string_view text) {
  const auto moment = ParseMoment(text);
  EXPECT_TRUE(moment.has_value()) << text;
  return moment.value_or(0);
}

HolidayCalendar RepositoryCalendar() {
  auto calendar = HolidayCalendar::LoadDirectory(std::string(YOUHAO_SOURCE_DIR) + "/data/holidays");
  EXPECT_TRUE(calendar.ok()) << (calendar.ok() ? "" : calendar.error().detail);
  return calendar.ok() ? std::move(*calendar) : HolidayCalendar{};
}

/// Every date of `year` of the given kind, as "YYYY-MM-DD".
std::set<std::string> DaysOf(const HolidayCalendar& calendar, int year, DayKind kind) {
  std::set<std::string> days;
  for (long long day = DayNumber({year, 1, 1}); day < DayNumber({year + 1, 1, 1}); ++day) {
    if (calendar.Kind(day) != kind) continue;
    const CivilDate date = DateOfDayNumber(day);
    days.insert(fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day));
  }
  return days;
}

OpeningHours Hours(std::string_view text) {
  auto parsed = OpeningHours::Parse(text);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed.ok() ? *parsed : OpeningHours{};
}

TEST(CivilDates, RoundTripAndWeekdays) {
  EXPECT_EQ(DayNumber({1970, 1, 1}), 0);
  EXPECT_EQ(DateOfDayNumber(DayNumber({2026, 9, 20})), (CivilDate{2026, 9, 20}));
  EXPECT_EQ(WeekdayOfDayNumber(DayNumber({2026, 9, 20})), kSu);
  EXPECT_EQ(WeekdayOfDayNumber(DayNumber({2026, 10, 1})), kTh);
  EXPECT_EQ(WeekdayOfDayNumber(-1), kWe);  // 1969-12-31
  EXPECT_EQ(BeijingDayNumber(Moment("2026-09-20T00:00:00+08:00")), DayNumber({2026, 9, 20}));
  EXPECT_EQ(BeijingDayNumber(Moment("2026-09-19T23:59:59+08:00")), DayNumber({2026, 9, 19}));
  EXPECT_EQ(BeijingDayNumber(Moment("2026-09-19T16:00:00Z")), DayNumber({2026, 9, 20}));
  EXPECT_EQ(ParseDate("2028-02-29"), (CivilDate{2028, 2, 29}));
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-1-1", "20260101", "2026-01-01x", ""}) {
    EXPECT_FALSE(ParseDate(bad)) << bad;
  }
}

TEST(HolidayCalendar, ReadsTheOfficialScheduleOf2026) {
  const HolidayCalendar calendar = RepositoryCalendar();
  EXPECT_EQ(calendar.ScheduleYears(), std::vector<int>{2026});
  const std::vector<int> festival_years = calendar.FestivalYears();
  ASSERT_FALSE(festival_years.empty());
  EXPECT_EQ(festival_years.front(), 2025);
  EXPECT_GE(festival_years.back(), 2035);

  // The State Council's notice: 33 days off, 6 working Saturdays and Sundays.
  EXPECT_EQ(DaysOf(calendar, 2026, DayKind::kHoliday).size(), 33u);
  EXPECT_EQ(
      DaysOf(calendar, 2026, DayKind::kWorkday),
      (std::set<std::string>{"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}));
  EXPECT_EQ(calendar.Kind(Date("2026-10-01")), DayKind::kHoliday);
  EXPECT_EQ(calendar.Kind(Date("2026-10-07")), DayKind::kHoliday);
  EXPECT_EQ(calendar.Kind(Date("2026-10-08")), DayKind::kOrdinary);
  EXPECT_EQ(calendar.Kind(Date("2026-09-20")), DayKind::kWorkday);
  EXPECT_EQ(calendar.Kind(Date("2026-09-19")), DayKind::kOrdinary);  // an ordinary Saturday
  EXPECT_EQ(calendar.Kind(Date("2026-02-23")), DayKind::kHoliday);   // a bridging day, only in the notice
}

TEST(HolidayCalendar, ReadsAnAdjustedWorkingDayAsTheNearestWorkingWeekday) {
  const HolidayCalendar calendar = RepositoryCalendar();
  EXPECT_EQ(calendar.Rules(DayNumber(Date("2026-09-20"))), (DayRules{kMo, false}));  // a working Sunday
  EXPECT_EQ(calendar.Rules(DayNumber(Date("2026-10-10"))), (DayRules{kFr, false}));  // a working Saturday
  EXPECT_EQ(calendar.Rules(DayNumber(Date("2026-09-19"))), (DayRules{kSa, false}));
  EXPECT_EQ(calendar.Rules(DayNumber(Date("2026-10-01"))), (DayRules{kTh, true}));
  EXPECT_EQ(calendar.Rules(DayNumber(Date("2026-10-03"))), (DayRules{kSa, true}));
  EXPECT_EQ(calendar.Rules(DayNumber(Date("2026-09-21"))), (DayRules{kMo, false}));

  const LocalTime sunday = calendar.At(Moment("2026-09-20T10:00:00+08:00"));
  EXPECT_EQ(sunday.weekday, kMo);
  EXPECT_EQ(sunday.minute_of_day, 600);
  EXPECT_FALSE(sunday.public_holiday);
  EXPECT_EQ(sunday.previous_day, (DayRules{kSa, false}));
  const LocalTime national_day = calendar.At(Moment("2026-10-01T10:00:00+08:00"));
  EXPECT_EQ(national_day.weekday, kTh);
  EXPECT_TRUE(national_day.public_holiday);
  EXPECT_EQ(national_day.previous_day, (DayRules{kWe, false}));
  EXPECT_EQ(calendar.At(Moment("2026-10-02T00:30:00+08:00")).previous_day, (DayRules{kTh, true}));
}

TEST(HolidayCalendar, AppliesPublicHolidayRulesAndWorkingDays) {
  const HolidayCalendar calendar = RepositoryCalendar();
  const OpeningHours weekdays = Hours("Mo-Fr 08:00-20:00; PH off");
  EXPECT_FALSE(weekdays.IsOpen(calendar.At(Moment("2026-10-01T10:00:00+08:00")))) << "National Day";
  EXPECT_TRUE(weekdays.IsOpen(calendar.At(Moment("2026-09-20T10:00:00+08:00")))) << "a working Sunday";
  EXPECT_FALSE(weekdays.IsOpen(calendar.At(Moment("2026-09-13T10:00:00+08:00")))) << "an ordinary Sunday";
  EXPECT_TRUE(weekdays.IsOpen(calendar.At(Moment("2026-09-30T10:00:00+08:00"))));
  EXPECT_FALSE(weekdays.IsOpen(calendar.At(Moment("2026-09-25T10:00:00+08:00")))) << "Mid-Autumn, a Friday";
  // Without the calendar, 1 October is an ordinary Thursday.
  EXPECT_TRUE(weekdays.IsOpen(BeijingTime(Moment("2026-10-01T10:00:00+08:00"))));

  const OpeningHours weekends = Hours("Sa,Su 10:00-16:00");
  EXPECT_FALSE(weekends.IsOpen(calendar.At(Moment("2026-09-20T11:00:00+08:00")))) << "a working Sunday is no weekend";
  EXPECT_TRUE(weekends.IsOpen(calendar.At(Moment("2026-10-03T11:00:00+08:00")))) << "no PH rule: Saturday's";
  EXPECT_FALSE(weekends.IsOpen(calendar.At(Moment("2026-10-01T11:00:00+08:00"))));
  EXPECT_TRUE(Hours("Sa,Su,PH 10:00-16:00").IsOpen(calendar.At(Moment("2026-10-01T11:00:00+08:00"))));
}

TEST(HolidayCalendar, GivesTheStatutoryDaysOfAYearWithoutASchedule) {
  const HolidayCalendar calendar = RepositoryCalendar();
  // 2027: 正月初一 6 February, 清明 5 April, 端午 9 June, 中秋 15 September.
  EXPECT_EQ(DaysOf(calendar, 2027, DayKind::kHoliday),
            (std::set<std::string>{"2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-04-05",
                                   "2027-05-01", "2027-05-02", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02",
                                   "2027-10-03"}));
  EXPECT_TRUE(DaysOf(calendar, 2027, DayKind::kWorkday).empty()) << "adjusted days exist only in a notice";
  // 2031: the Mid-Autumn Festival falls on 1 October.
  EXPECT_EQ(DaysOf(calendar, 2031, DayKind::kHoliday).size(), 12u);
  // After the festival table: the fixed days only.
  EXPECT_EQ(
      DaysOf(calendar, 2040, DayKind::kHoliday),
      (std::set<std::string>{"2040-01-01", "2040-05-01", "2040-05-02", "2040-10-01", "2040-10-02", "2040-10-03"}));
  const HolidayCalendar empty;
  EXPECT_EQ(DaysOf(empty, 2026, DayKind::kHoliday).size(), 6u);
  EXPECT_EQ(empty.Kind(Date("2026-09-20")), DayKind::kOrdinary);
}

TEST(HolidayCalendar, RefusesMalformedData) {
  const auto refused = [](std::string_view tsv, std::string_view part) {
    HolidayCalendar calendar;
    const core::Status added = calendar.AddSchedule(2026, tsv);
    ASSERT_FALSE(added.ok()) << tsv;
    EXPECT_EQ(added.error().code, core::ErrorCode::kValidationFailed);
    EXPECT_NE(added.error().detail.find(part), std::string::npos) << added.error().detail;
    EXPECT_TRUE(calendar.ScheduleYears().empty()) << "nothing of a refused schedule is kept";
  };
  refused("# a comment\n2026-10-01\tholiday\n2027-01-01\tholiday\n", "line 3: 2027-01-01 is not in 2026");
  refused("2026-02-30\tholiday\n", "line 1");
  refused("2026-10-01\tday off\n", "holiday or workday");
  refused("2026-10-01\n", "expected a date and a kind");
  refused("2026-10-01\tholiday\n\n2026-10-01\tworkday\n", "line 3: 2026-10-01 is listed twice");

  HolidayCalendar calendar;
  ASSERT_TRUE(calendar.AddSchedule(2026, "2026-10-01\tholiday\r\n2026-09-20\tworkday\tnote\r\n").ok());
  EXPECT_EQ(calendar.Kind(Date("2026-09-20")), DayKind::kWorkday);
  EXPECT_FALSE(calendar.AddSchedule(2026, "").ok()) << "a year is added once";
  EXPECT_FALSE(calendar.AddFestivals("2030\t2030-02-03\t2030-04-05\t2030-06-05\n").ok());
  EXPECT_FALSE(calendar.AddFestivals("2030\t2030-02-03\t2030-04-05\t2030-06-05\t2031-09-12\n").ok());
  ASSERT_TRUE(calendar.AddFestivals("2030\t2030-02-03\t2030-04-05\t2030-06-05\t2030-09-12\n").ok());
  EXPECT_FALSE(calendar.AddFestivals("2030\t2030-02-03\t2030-04-05\t2030-06-05\t2030-09-12\n").ok());
  EXPECT_EQ(calendar.Kind(Date("2030-02-02")), DayKind::kHoliday);  // lunar New Year's Eve
  EXPECT_EQ(calendar.Kind(Date("2030-02-05")), DayKind::kHoliday);
  EXPECT_EQ(calendar.Kind(Date("2030-02-06")), DayKind::kOrdinary);
}

TEST(HolidayCalendar, LoadDirectoryNamesTheFileAndLine) {
  EXPECT_FALSE(HolidayCalendar::LoadDirectory("/nonexistent/holidays").ok());
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "youhao-holidays-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "README.md") << "not data\n";
  std::ofstream(dir / "cn-2027.tsv") << "2027-10-01\tholiday\n2027-10-02\tmaybe\n";
  const auto loaded = HolidayCalendar::LoadDirectory(dir.string());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().detail.find("cn-2027.tsv: line 2"), std::string::npos) << loaded.error().detail;
  std::ofstream(dir / "cn-2027.tsv") << "2027-10-01\tholiday\n";
  const auto fixed = HolidayCalendar::LoadDirectory(dir.string());
  ASSERT_TRUE(fixed.ok()) << fixed.error().detail;
  EXPECT_EQ(fixed->ScheduleYears(), std::vector<int>{2027});
  EXPECT_EQ(fixed->Kind(Date("2027-10-02")), DayKind::kOrdinary) << "the schedule alone decides its year";
  std::filesystem::remove_all(dir);
}

TEST(HolidayCalendar, NamesDayKinds) {
  EXPECT_EQ(DayKindName(DayKind::kOrdinary), "ordinary");
  EXPECT_EQ(DayKindName(DayKind::kHoliday), "holiday");
  EXPECT_EQ(DayKindName(DayKind::kWorkday), "workday");
}

}  // namespace
}  // namespace youhao::schedule
