#include "schedule/opening_hours.h"
#include "schedule/clock.h"
#include "schedule/holiday_calendar.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/text.h"

namespace youhao::schedule {
namespace {

constexpr int kMo = 0;
constexpr int kTu = 1;
constexpr int kWe = 2;
constexpr int kTh = 3;
constexpr int kFr = 4;
constexpr int kSa = 5;
constexpr int kSu = 6;

constexpr long long kHour = 3600;
constexpr long long kDay = 86'400;
// Monday 2024-01-01 00:00 in Beijing.
constexpr long long kMonday20240101 = 1'704'038'400;

constexpr int At(int hour, int minute) { return hour * 60 + minute; }

OpeningHours MustParse(std::string_view text) {
  auto parsed = OpeningHours::Parse(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed.ok() ? "" : parsed.error().detail);
  return parsed.ok() ? *parsed : OpeningHours{};
}

struct CanonicalCase {
  std::string_view text;
  std::string_view canonical;
};

class ParseCanonical : public testing::TestWithParam<CanonicalCase> {};

TEST_P(ParseCanonical, GivesCanonicalTextThatRoundTrips) {
  const CanonicalCase& c = GetParam();
  const OpeningHours hours = MustParse(c.text);
  EXPECT_EQ(hours.ToString(), c.canonical) << c.text;
  const OpeningHours again = MustParse(hours.ToString());
  EXPECT_EQ(again, hours) << c.text;
  EXPECT_EQ(again.ToString(), c.canonical) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    OpeningHours, ParseCanonical,
    testing::Values(
        CanonicalCase{"24/7", "24/7"}, CanonicalCase{"  24/7 ", "24/7"}, CanonicalCase{"Mo-Su 00:00-24:00", "24/7"},
        CanonicalCase{"00:00-24:00", "24/7"}, CanonicalCase{"Mo-Fr 07:00-22:00", "Mo-Fr 07:00-22:00"},
        CanonicalCase{"mo-fr 7:00 - 22:00", "Mo-Fr 07:00-22:00"},
        CanonicalCase{"Mo,We,Fr 08:00-12:00", "Mo,We,Fr 08:00-12:00"},
        CanonicalCase{"Sa-Su 10:00-14:00", "Sa,Su 10:00-14:00"},
        CanonicalCase{"Su-Tu 10:00-14:00", "Su-Tu 10:00-14:00"},
        CanonicalCase{"Fr-Mo 10:00-12:00", "Fr-Mo 10:00-12:00"},
        CanonicalCase{"Mo,Su 10:00-12:00", "Mo,Su 10:00-12:00"},
        CanonicalCase{"Mo,We,Su 10:00-12:00", "Mo,We,Su 10:00-12:00"},
        CanonicalCase{"Sa-Tu 10:00-12:00", "Sa-Tu 10:00-12:00"},
        CanonicalCase{"Mo,Tu,We 09:00-10:00", "Mo-We 09:00-10:00"},
        CanonicalCase{"Mo-Mo 09:00-10:00", "Mo 09:00-10:00"}, CanonicalCase{"09:00-10:00", "Mo-Su 09:00-10:00"},
        CanonicalCase{"17:00-22:00,07:00-09:00", "Mo-Su 07:00-09:00,17:00-22:00"},
        CanonicalCase{"07:00-10:00,09:00-12:00", "Mo-Su 07:00-12:00"},
        CanonicalCase{"07:00-09:00,09:00-12:00", "Mo-Su 07:00-12:00"},
        CanonicalCase{"22:00-02:00", "Mo-Su 22:00-02:00"}, CanonicalCase{"22:00-26:00", "Mo-Su 22:00-02:00"},
        CanonicalCase{"10:00-10:00", "Mo-Su 10:00-10:00"},
        CanonicalCase{"00:00-24:00,22:00-02:00", "Mo-Su 00:00-24:00,22:00-02:00"},
        CanonicalCase{"Mo-Fr 08:00-18:00; We off", "Mo,Tu,Th,Fr 08:00-18:00"},
        CanonicalCase{"Mo-Fr 08:00-18:00; We 10:00-12:00", "Mo,Tu,Th,Fr 08:00-18:00; We 10:00-12:00"},
        CanonicalCase{"Mo 08:00-12:00; Mo 14:00-18:00", "Mo 14:00-18:00"},
        CanonicalCase{"Mo-Fr 07:00-22:00; PH off", "Mo-Fr 07:00-22:00; PH off"},
        CanonicalCase{"Mo-Fr 07:00-22:00;PH off;", "Mo-Fr 07:00-22:00; PH off"},
        // A later weekday rule wins over PH on a holiday, and a closed PH adds nothing to closed days.
        CanonicalCase{"PH off; Mo-Fr 08:00-18:00", "Mo-Fr 08:00-18:00"},
        CanonicalCase{"PH 10:00-12:00; Mo-Fr 08:00-18:00", "PH 10:00-12:00; Mo-Fr 08:00-18:00"},
        CanonicalCase{"PH 10:00-12:00; Mo off", "PH 10:00-12:00; Mo off"},
        CanonicalCase{"Sa,Su,PH 10:00-14:00", "Sa,Su,PH 10:00-14:00"},
        // The later weekday rule wins on holidays, and the weekend already has the holiday hours:
        // the PH rule changes nothing, so the canonical form drops it.
        CanonicalCase{"PH,Sa-Su 10:00-14:00; Mo-Fr 08:00-18:00", "Mo-Fr 08:00-18:00; Sa,Su 10:00-14:00"},
        CanonicalCase{"Mo 10:00-12:00; PH 10:00-12:00", "Mo,PH 10:00-12:00"},
        CanonicalCase{"Mo-Su 08:00-18:00; PH off; Sa 10:00-12:00", "Mo-Fr,Su 08:00-18:00; PH off; Sa 10:00-12:00"},
        CanonicalCase{"PH 09:00-12:00", "PH 09:00-12:00"}, CanonicalCase{"off", "off"}, CanonicalCase{"closed", "off"},
        CanonicalCase{"Mo closed", "off"}, CanonicalCase{"PH off", "off"},
        CanonicalCase{"Mo-Fr 08:00-18:00; PH off; 10:00-12:00", "Mo-Su 10:00-12:00"},
        CanonicalCase{"Mo-Fr：08:00－18:00；Sa 09:00～12:00", "Mo-Fr 08:00-18:00; Sa 09:00-12:00"},
        CanonicalCase{"Mo-Fr: 08:00-18:00", "Mo-Fr 08:00-18:00"},
        CanonicalCase{"\tMo - Fr\n08:00 -18:00 ;  Sa , Su 09:00-12:00 ", "Mo-Fr 08:00-18:00; Sa,Su 09:00-12:00"}));

struct ErrorCase {
  std::string text;
  std::string_view reason;  ///< One of kParseProblems.
  long long position = -1;  ///< In characters; -1: a problem of the whole value.
};

class ParseError : public testing::TestWithParam<ErrorCase> {};

TEST_P(ParseError, IsACataloguedProblemWithItsPosition) {
  const ErrorCase& c = GetParam();
  const auto parsed = OpeningHours::Parse(c.text);
  ASSERT_FALSE(parsed.ok()) << c.text << " gave " << parsed->ToString();
  const core::Error& error = parsed.error();
  EXPECT_EQ(error.code, core::ErrorCode::kValidationFailed);
  EXPECT_EQ(error.Name(), "validation_failed");
  EXPECT_EQ(error.message, "hours." + std::string(c.reason)) << c.text << ": " << error.detail;
  EXPECT_NE(std::find(kParseProblems.begin(), kParseProblems.end(), c.reason), kParseProblems.end()) << c.reason;
  ASSERT_TRUE(error.fields.contains("field"));
  EXPECT_EQ(error.fields.at("field").as_string(), "opening_hours");
  EXPECT_EQ(error.fields.at("reason").as_string(), c.reason);
  EXPECT_TRUE(error.detail.starts_with("opening_hours: ")) << error.detail;
  EXPECT_TRUE(core::IsValidUtf8(error.detail)) << error.detail;
  if (c.position < 0) {
    EXPECT_FALSE(error.fields.contains("position")) << c.text;
  } else {
    ASSERT_TRUE(error.fields.contains("position")) << c.text << ": " << error.detail;
    EXPECT_EQ(error.fields.at("position").as_int64(), c.position) << c.text << ": " << error.detail;
    EXPECT_EQ(error.fields.at("column").as_int64(), c.position + 1);
    EXPECT_TRUE(core::IsValidUtf8(error.fields.at("part").as_string())) << c.text;
    EXPECT_NE(error.detail.find("at character " + std::to_string(c.position + 1)), std::string::npos) << error.detail;
  }
}

INSTANTIATE_TEST_SUITE_P(
    OpeningHours, ParseError,
    testing::Values(
        ErrorCase{"", "empty"}, ErrorCase{" \t ", "empty"}, ErrorCase{std::string(256, ' '), "too_long"},
        ErrorCase{"Mo-Fr 08:00-18:00; " + std::string(240, ' '), "too_long"},
        ErrorCase{[] {
                    // 249 bytes, 305 once written "Mo-Su 01:00-01:01,…".
                    std::string text;
                    for (int minute = 0; minute < 50; minute += 2) {
                      if (!text.empty()) text += ',';
                      text += "1:" + std::to_string(minute / 10) + std::to_string(minute % 10) +
                              "-1:" + std::to_string(minute / 10) + std::to_string(minute % 10 + 1);
                    }
                    return text;
                  }(),
                  "too_long_canonical"},
        ErrorCase{"week 1-53", "unsupported", 0}, ErrorCase{"Jan-Mar Mo-Fr 08:00-12:00", "unsupported", 0},
        ErrorCase{"Mo-Fr sunrise-sunset", "unsupported", 6}, ErrorCase{"Mo-Fr 08:00-sunset", "unsupported", 12},
        ErrorCase{"SH off", "unsupported", 0}, ErrorCase{"Mo-Fr 08:00-18:00 \"call us\"", "unsupported", 18},
        ErrorCase{"Mo-Fr 17:00+", "unsupported", 11},
        ErrorCase{"Mo-Fr 08:00-18:00 || \"by appointment\"", "unsupported", 18},
        ErrorCase{"Mo[1] 10:00-12:00", "unsupported", 2}, ErrorCase{"2024 Mo-Fr 08:00-12:00", "unsupported", 0},
        ErrorCase{"Mo-Fr 08:00-12:00, Sa 10:00-12:00", "unsupported", 19},
        ErrorCase{"Mo-Fr 10:00-16:00/90", "unsupported", 17}, ErrorCase{"Mo-Fr open", "unsupported", 6},
        ErrorCase{"Mo-Fr 08:00-18:00 off", "unsupported", 18}, ErrorCase{"PH Mo-Fr 08:00-10:00", "unsupported", 3},
        ErrorCase{"Mo-Fr 08:00-18:00; Dec 25 off", "unsupported", 19}, ErrorCase{"Mo-Fr", "missing_times", 5},
        ErrorCase{"Mo-Fr; Sa 10:00-12:00", "missing_times", 5}, ErrorCase{"Mo-Fr 25:00-26:00", "invalid_time", 6},
        ErrorCase{"Mo-Fr 08:60-09:00", "invalid_time", 6}, ErrorCase{"24:00-02:00", "invalid_time", 0},
        ErrorCase{"Mo-Fr 22:00-48:01", "invalid_time", 12}, ErrorCase{"Mo-Fr 0800-1700", "time_format", 6},
        ErrorCase{"Mo-Fr 8:0-17:00", "time_format", 6}, ErrorCase{"Mo-Fr 08:00", "missing_end", 11},
        ErrorCase{"Mo-Fr 08:00-", "missing_time", 12}, ErrorCase{"Mon-Fri 08:00-18:00", "unknown_word", 0},
        ErrorCase{"Mo-Fr 08:00-18:00;;Sa 10:00-12:00", "empty_rule", 18}, ErrorCase{";", "empty_rule", 0},
        ErrorCase{"Mo-Fr 01:00-26:00", "range_too_long", 6},
        ErrorCase{"Mo-Fr 08:00-12:00 14:00-18:00", "unexpected_number", 18},
        ErrorCase{"Mo-Fr 08:00-18:00 @", "unexpected_character", 18}, ErrorCase{"Mo-", "missing_weekday", 3},
        ErrorCase{"Mo, 10:00-12:00", "missing_weekday", 4}, ErrorCase{"\xFF\xFE", "unexpected_character", 0},
        ErrorCase{"24/7 PH off", "unsupported", 5},
        ErrorCase{std::string("Mo 08:00-09:00\0", 15), "unexpected_character", 14},
        // Positions count characters: the full-width "：" and "；" are one each.
        ErrorCase{"Mo-Fr：08:00-18:00；Sa 25:00-26:00", "invalid_time", 21}));

TEST(OpeningHoursError, NamesTheFieldAndQuotesThePart) {
  const auto parsed = OpeningHours::Parse("Mo-Fr 08:00-18:00; week 1-53", "features[2].opening_hours");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().fields.at("field").as_string(), "features[2].opening_hours");
  EXPECT_EQ(parsed.error().fields.at("part").as_string(), "week 1-53");
  EXPECT_EQ(parsed.error().detail,
            "features[2].opening_hours: unsupported opening_hours syntax at character 20: “week 1-53”");
  const auto empty = OpeningHours::Parse("", "hours");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().detail, "hours: empty");
  EXPECT_EQ(empty.error().message, "hours.empty");
}

TEST(OpeningHoursError, SnippetIsCappedAtACharacterBoundary) {
  const auto parsed = OpeningHours::Parse("Mo-Fr 08:00-18:00 营业时间以门口公告为准请提前电话确认谢谢");
  ASSERT_FALSE(parsed.ok());
  EXPECT_TRUE(core::IsValidUtf8(parsed.error().detail));
  EXPECT_NE(parsed.error().detail.find("…”"), std::string::npos) << parsed.error().detail;
  EXPECT_EQ(parsed.error().fields.at("position").as_int64(), 18);
}

struct OpenCase {
  std::string_view text;
  int weekday;
  int minute;
  bool open;
  bool holiday = false;
  bool previous_holiday = false;
};

class IsOpen : public testing::TestWithParam<OpenCase> {};

TEST_P(IsOpen, AtTheGivenTime) {
  const OpenCase& c = GetParam();
  const OpeningHours hours = MustParse(c.text);
  const LocalTime time{.weekday = c.weekday,
                       .minute_of_day = c.minute,
                       .public_holiday = c.holiday,
                       .previous_day = DayRules{(c.weekday + 6) % 7, c.previous_holiday}};
  EXPECT_EQ(hours.IsOpen(time), c.open) << c.text << " weekday " << c.weekday << " minute " << c.minute << " holiday "
                                        << c.holiday;
}

INSTANTIATE_TEST_SUITE_P(
    Edges, IsOpen,
    testing::Values(
        OpenCase{"Mo-Fr 07:00-22:00", kMo, At(6, 59), false}, OpenCase{"Mo-Fr 07:00-22:00", kMo, At(7, 0), true},
        OpenCase{"Mo-Fr 07:00-22:00", kMo, At(21, 59), true}, OpenCase{"Mo-Fr 07:00-22:00", kMo, At(22, 0), false},
        OpenCase{"Mo-Fr 07:00-22:00", kFr, At(21, 59), true}, OpenCase{"Mo-Fr 07:00-22:00", kSa, At(12, 0), false},
        OpenCase{"07:00-09:00,17:00-22:00", kTh, At(8, 0), true},
        OpenCase{"07:00-09:00,17:00-22:00", kTh, At(12, 0), false},
        OpenCase{"07:00-09:00,17:00-22:00", kTh, At(17, 0), true},
        OpenCase{"07:00-09:00,17:00-22:00", kTh, At(22, 0), false}, OpenCase{"Mo 08:00-24:00", kMo, At(23, 59), true},
        OpenCase{"Mo 08:00-24:00", kTu, 0, false}, OpenCase{"Fr-Mo 10:00-12:00", kSu, At(11, 0), true},
        OpenCase{"Fr-Mo 10:00-12:00", kMo, At(11, 0), true}, OpenCase{"Fr-Mo 10:00-12:00", kTu, At(11, 0), false},
        OpenCase{"Fr-Mo 10:00-12:00", kTh, At(11, 0), false}, OpenCase{"24/7", kMo, 0, true},
        OpenCase{"24/7", kSu, At(23, 59), true, true, true}, OpenCase{"off", kWe, At(12, 0), false},
        OpenCase{"24/7", 7, 0, false}, OpenCase{"24/7", kMo, 1440, false}, OpenCase{"24/7", -1, 0, false}));

INSTANTIATE_TEST_SUITE_P(
    PastMidnight, IsOpen,
    testing::Values(OpenCase{"22:00-02:00", kMo, At(21, 59), false}, OpenCase{"22:00-02:00", kMo, At(22, 0), true},
                    OpenCase{"22:00-02:00", kMo, At(23, 59), true}, OpenCase{"22:00-02:00", kTu, 0, true},
                    OpenCase{"22:00-02:00", kTu, At(1, 59), true}, OpenCase{"22:00-02:00", kTu, At(2, 0), false},
                    OpenCase{"22:00-02:00", kMo, At(1, 0), true}, OpenCase{"Su 22:00-02:00", kSu, At(23, 0), true},
                    OpenCase{"Su 22:00-02:00", kMo, At(1, 59), true}, OpenCase{"Su 22:00-02:00", kMo, At(2, 0), false},
                    OpenCase{"Su 22:00-02:00", kSa, At(23, 0), false}, OpenCase{"Su 22:00-02:00", kSu, At(1, 0), false},
                    OpenCase{"Mo-Su 22:00-02:00; Tu off", kTu, At(1, 0), true},
                    OpenCase{"Mo-Su 22:00-02:00; Tu off", kTu, At(23, 0), false},
                    OpenCase{"Mo-Su 22:00-02:00; Tu off", kWe, At(1, 0), false},
                    OpenCase{"10:00-10:00", kWe, At(9, 59), true}, OpenCase{"Mo 10:00-10:00", kTu, At(10, 0), false}));

INSTANTIATE_TEST_SUITE_P(Override, IsOpen,
                         testing::Values(OpenCase{"Mo-Su 08:00-20:00; We off", kWe, At(12, 0), false},
                                         OpenCase{"Mo-Su 08:00-20:00; We off", kTu, At(12, 0), true},
                                         OpenCase{"Mo-Su 08:00-20:00; We off", kTh, At(12, 0), true},
                                         OpenCase{"Mo-Fr 08:00-18:00; We 10:00-12:00", kWe, At(9, 0), false},
                                         OpenCase{"Mo-Fr 08:00-18:00; We 10:00-12:00", kWe, At(11, 0), true},
                                         OpenCase{"Mo-Fr 08:00-18:00; We 10:00-12:00", kWe, At(12, 0), false},
                                         OpenCase{"Mo-Fr 08:00-18:00; We 10:00-12:00", kTu, At(9, 0), true},
                                         OpenCase{"Mo-Fr 08:00-18:00; 12:00-13:00", kTu, At(9, 0), false}));

INSTANTIATE_TEST_SUITE_P(
    PublicHolidays, IsOpen,
    testing::Values(OpenCase{"Mo-Fr 07:00-22:00; PH off", kMo, At(12, 0), false, true},
                    OpenCase{"Mo-Fr 07:00-22:00; PH off", kMo, At(12, 0), true, false},
                    OpenCase{"Mo-Fr 08:00-18:00; PH 09:00-12:00", kSa, At(10, 0), true, true},
                    OpenCase{"Mo-Fr 08:00-18:00; PH 09:00-12:00", kMo, At(8, 30), false, true},
                    OpenCase{"Mo-Fr 08:00-18:00; PH 09:00-12:00", kMo, At(9, 0), true, true},
                    OpenCase{"Mo-Fr 08:00-18:00; PH 09:00-12:00", kMo, At(12, 0), false, true},
                    OpenCase{"PH off; Mo-Fr 08:00-18:00", kMo, At(10, 0), true, true},
                    OpenCase{"PH off; Mo-Fr 08:00-18:00", kSa, At(10, 0), false, true},
                    OpenCase{"Mo-Su 08:00-18:00; PH off; Sa 10:00-12:00", kSa, At(11, 0), true, true},
                    OpenCase{"Mo-Su 08:00-18:00; PH off; Sa 10:00-12:00", kSa, At(9, 0), false, true},
                    OpenCase{"Mo-Su 08:00-18:00; PH off; Sa 10:00-12:00", kFr, At(11, 0), false, true},
                    OpenCase{"Sa,Su,PH 10:00-14:00", kWe, At(11, 0), true, true},
                    OpenCase{"Sa,Su,PH 10:00-14:00", kWe, At(11, 0), false, false},
                    OpenCase{"Sa,Su,PH 10:00-14:00", kSu, At(13, 59), true},
                    OpenCase{"Sa,Su,PH 10:00-14:00", kSu, At(14, 0), false},
                    OpenCase{"PH 20:00-02:00", kTu, At(1, 0), true, false, true},
                    OpenCase{"PH 20:00-02:00", kTu, At(1, 0), false, false, false},
                    // A holiday after a late evening: the evening's rule still runs to its end.
                    OpenCase{"Su 22:00-02:00; PH off", kMo, At(1, 0), true, true, false},
                    OpenCase{"Mo-Su 08:00-18:00; PH off; 10:00-12:00", kMo, At(11, 0), true, true}));

TEST(BeijingTime, IsUtcPlusEightWithoutDaylightSaving) {
  struct Case {
    long long unix_seconds;
    int weekday;
    int minute;
  };
  const Case cases[] = {
      {0, kTh, At(8, 0)},
      {1'700'000'000, kWe, At(6, 13)},
      {-1, kTh, At(7, 59)},
      {-28'800, kTh, 0},
      {-28'801, kWe, At(23, 59)},
      {kMonday20240101, kMo, 0},
      {946'656'000, kSa, 0},
      {4'102'444'800, kFr, At(8, 0)},
      // Mid-July and mid-January: the same offset all year round.
      {1'720'000'000, kWe, At(17, 46)},
      {1'705'000'000, kFr, At(3, 6)},
  };
  for (const Case& c : cases) {
    const LocalTime time = BeijingTime(c.unix_seconds);
    EXPECT_EQ(time.weekday, c.weekday) << c.unix_seconds;
    EXPECT_EQ(time.minute_of_day, c.minute) << c.unix_seconds;
  }
  EXPECT_EQ(BeijingDayStart(kMonday20240101 + 23 * kHour + 59LL * 60), kMonday20240101);
  EXPECT_EQ(BeijingDayStart(kMonday20240101 - 1), kMonday20240101 - kDay);
  const LocalTime extreme = BeijingTime(std::numeric_limits<long long>::max());
  EXPECT_GE(extreme.weekday, 0);
  EXPECT_LT(extreme.minute_of_day, 1440);
  EXPECT_GE(BeijingTime(std::numeric_limits<long long>::min()).minute_of_day, 0);
}

TEST(OpenIntervals, CrossesTheWeekBoundaryFromSundayToMonday) {
  const OpeningHours hours = MustParse("Su 22:00-02:00");
  const long long next_monday = kMonday20240101 + 7 * kDay;
  const auto intervals = hours.OpenIntervals(next_monday - 2 * kHour, next_monday + 12 * kHour);
  ASSERT_EQ(intervals.size(), 1u);
  EXPECT_EQ(intervals[0], std::make_pair(next_monday - 2 * kHour, next_monday + 2 * kHour));
}

TEST(OpenIntervals, ClipsToTheWindowAndIncludesTheSpillFromTheDayBefore) {
  const OpeningHours hours = MustParse("22:00-02:00");
  const auto intervals = hours.OpenIntervals(kMonday20240101 + kHour, kMonday20240101 + kDay);
  ASSERT_EQ(intervals.size(), 2u);
  EXPECT_EQ(intervals[0], std::make_pair(kMonday20240101 + kHour, kMonday20240101 + 2 * kHour));
  EXPECT_EQ(intervals[1], std::make_pair(kMonday20240101 + 22 * kHour, kMonday20240101 + kDay));
}

TEST(OpenIntervals, SkipsPublicHolidays) {
  const OpeningHours hours = MustParse("Mo-Fr 07:00-22:00; PH off");
  const HolidayCalendar statutory;  // 1 January is a holiday in every year
  const auto intervals = hours.OpenIntervals(kMonday20240101, kMonday20240101 + 7 * kDay, &statutory);
  ASSERT_EQ(intervals.size(), 4u);
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    const long long day = kMonday20240101 + static_cast<long long>(i + 1) * kDay;
    EXPECT_EQ(intervals[i], std::make_pair(day + 7 * kHour, day + 22 * kHour));
  }
  EXPECT_EQ(hours.OpenIntervals(kMonday20240101, kMonday20240101 + 7 * kDay).size(), 5u) << "without a calendar";
}

TEST(OpenIntervals, ReadAnAdjustedWorkingSundayAsAMondayAndTheHolidayBeforeItsMidnight) {
  // Sunday 7 January 2024 made a working day (invented for the test), Saturday the 6th a holiday.
  HolidayCalendar calendar;
  ASSERT_TRUE(calendar.AddSchedule(2024, "2024-01-06\tholiday\n2024-01-07\tworkday\n").ok());
  const OpeningHours hours = MustParse("Mo 09:00-10:00; Sa,Su 20:00-21:00; PH 22:00-01:00");
  const long long saturday = kMonday20240101 + 5 * kDay, sunday = saturday + kDay;
  const auto intervals = hours.OpenIntervals(saturday, sunday + kDay, &calendar);
  ASSERT_EQ(intervals.size(), 2u);
  EXPECT_EQ(intervals[0], std::make_pair(saturday + 22 * kHour, sunday + kHour)) << "PH on Saturday, past midnight";
  EXPECT_EQ(intervals[1], std::make_pair(sunday + 9 * kHour, sunday + 10 * kHour)) << "Monday's hours on Sunday";
}

TEST(OpenIntervals, MergesAcrossMidnight) {
  const OpeningHours hours = MustParse("18:00-24:00,00:00-02:00");
  const auto intervals = hours.OpenIntervals(kMonday20240101, kMonday20240101 + 2 * kDay);
  ASSERT_EQ(intervals.size(), 3u);
  EXPECT_EQ(intervals[0], std::make_pair(kMonday20240101, kMonday20240101 + 2 * kHour));
  EXPECT_EQ(intervals[1], std::make_pair(kMonday20240101 + 18 * kHour, kMonday20240101 + kDay + 2 * kHour));
  EXPECT_EQ(intervals[2], std::make_pair(kMonday20240101 + kDay + 18 * kHour, kMonday20240101 + 2 * kDay));
}

TEST(OpenIntervals, AlwaysOpenIsOneIntervalCappedAtTheLimit) {
  const OpeningHours hours = MustParse("24/7");
  const auto intervals = hours.OpenIntervals(0, std::numeric_limits<long long>::max());
  ASSERT_EQ(intervals.size(), 1u);
  EXPECT_EQ(intervals[0], std::make_pair(0LL, OpeningHours::kMaxIntervalDays * kDay));
  EXPECT_TRUE(hours.OpenIntervals(100, 100).empty());
  EXPECT_TRUE(hours.OpenIntervals(100, 50).empty());
  EXPECT_TRUE(MustParse("off").OpenIntervals(0, 7 * kDay).empty());
}

TEST(OpenIntervals, AgreeWithIsOpenOverAWeek) {
  const OpeningHours hours = MustParse("Mo-Fr 07:00-09:00,17:00-02:00; Sa 10:00-10:00; Su off; PH 12:00-13:00");
  // Wednesday 3 January a holiday, Sunday 7 January a working day (invented for the test).
  HolidayCalendar calendar;
  ASSERT_TRUE(calendar.AddSchedule(2024, "2024-01-03\tholiday\n2024-01-07\tworkday\n").ok());
  const auto intervals = hours.OpenIntervals(kMonday20240101, kMonday20240101 + 8 * kDay, &calendar);
  for (long long t = kMonday20240101; t < kMonday20240101 + 8 * kDay; t += 15LL * 60) {
    const bool in_interval = std::any_of(intervals.begin(), intervals.end(), [t](const auto& interval) {
      return interval.first <= t && t < interval.second;
    });
    EXPECT_EQ(in_interval, hours.IsOpen(calendar.At(t))) << t;
  }
}

TEST(OpeningHours, AlwaysOpen) {
  EXPECT_TRUE(MustParse("24/7").AlwaysOpen());
  EXPECT_TRUE(MustParse("12:00-12:00").AlwaysOpen());
  EXPECT_TRUE(MustParse("00:00-12:00,12:00-24:00").AlwaysOpen());
  EXPECT_FALSE(MustParse("Mo-Su 00:00-24:00; PH off").AlwaysOpen());
  EXPECT_FALSE(MustParse("Mo-Sa 00:00-24:00").AlwaysOpen());
  EXPECT_FALSE(MustParse("00:00-23:59").AlwaysOpen());
  EXPECT_FALSE(OpeningHours{}.AlwaysOpen());
}

TEST(OpeningHours, DescribesInChinese) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"Mo-Fr 07:00-22:00; PH off", "周一至周五 07:00-22:00；法定节假日不开放"},
      {"24/7", "全天 24 小时开放"},
      {"off", "不开放"},
      {"Sa,Su,PH 10:00-14:00", "周六、周日及法定节假日 10:00-14:00"},
      {"22:00-02:00", "每天 22:00-次日02:00"},
      {"Mo,We,Fr 00:00-24:00", "周一、周三、周五 全天"},
      {"07:00-09:00,17:00-22:00", "每天 07:00-09:00、17:00-22:00"},
      {"PH 09:00-10:00; Mo 10:00-12:00", "法定节假日 09:00-10:00；周一（含节假日） 10:00-12:00"},
      {"PH off; Mo 10:00-12:00", "周一 10:00-12:00"},
  };
  for (const auto& [text, description] : cases) EXPECT_EQ(MustParse(text).DescribeZh(), description) << text;
}

}  // namespace

TEST(Clock, ParsesMomentsAndFormatsBeijingTime) {
  // 2026-11-23T23:00:00+08:00 is 15:00 UTC.
  const long long expected = 1795446000;
  EXPECT_EQ(ParseMoment("2026-11-23T23:00:00+08:00"), expected);
  EXPECT_EQ(ParseMoment("2026-11-23T15:00:00Z"), expected);
  EXPECT_EQ(ParseMoment("2026-11-23T15:00:00.000Z"), expected);
  EXPECT_EQ(ParseMoment("2026-11-23 23:00 08:00"), expected);  // '+' lost in a query string
  EXPECT_EQ(ParseMoment("1795446000"), expected);
  EXPECT_EQ(BeijingIso8601(expected), "2026-11-23T23:00:00+08:00");
  EXPECT_EQ(BeijingDate(expected + 3600), "2026-11-24");
  for (const char* bad :
       {"", "yesterday", "2026-02-30T10:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T10:00",
        "2026-11-23T10:00:00+15:00", "2026-11-23T10:00:00.Z", "566974656697", "1969-12-31T23:00:00Z"}) {
    EXPECT_FALSE(ParseMoment(bad)) << bad;
  }
}

}  // namespace youhao::schedule
