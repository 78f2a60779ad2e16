#include <gtest/gtest.h>

#include "conduct/conduct_service.h"
#include "schedule/clock.h"

namespace youhao::conduct {
namespace {

TEST(Conduct, KindsRoundTripAndUnknownNamesAreRefused) {
  for (int k = 0; k < kMisconductCount; ++k) {
    const auto kind = static_cast<Misconduct>(k);
    EXPECT_EQ(ParseMisconduct(MisconductName(kind)), kind);
    EXPECT_FALSE(MisconductLabelZh(kind).empty());
  }
  EXPECT_FALSE(ParseMisconduct("Speeding"));
  EXPECT_FALSE(ParseMisconduct(""));
}

TEST(Conduct, LongDigitRunsAreMaskedButShortNumbersStay) {
  EXPECT_EQ(MaskDigitRuns("电话13812345678"), "电话*******5678");
  EXPECT_EQ(MaskDigitRuns("工号 1234567 头盔黄色"), "工号 ***4567 头盔黄色");
  EXPECT_EQ(MaskDigitRuns("车牌 京A12345"), "车牌 京A12345");  // six digits: a plate, not a phone
  EXPECT_EQ(MaskDigitRuns(""), "");
  EXPECT_EQ(MaskDigitRuns("12345678 and 87654321"), "****5678 and ****4321");
}

TEST(Clock, MonthsAndDaysInBeijingTime) {
  auto november = schedule::BeijingMonthRange("2026-11");
  ASSERT_TRUE(november);
  EXPECT_EQ(schedule::BeijingIso8601(november->first), "2026-11-01T00:00:00+08:00");
  EXPECT_EQ(schedule::BeijingIso8601(november->second), "2026-12-01T00:00:00+08:00");
  auto december = schedule::BeijingMonthRange("2026-12");
  ASSERT_TRUE(december);
  EXPECT_EQ(schedule::BeijingIso8601(december->second), "2027-01-01T00:00:00+08:00");
  auto february = schedule::BeijingMonthRange("2028-02");
  ASSERT_TRUE(february);
  EXPECT_EQ((february->second - february->first) / 86400, 29);  // a leap year
  for (const char* bad : {"2026-13", "2026-1", "26-11", "2026/11", "", "2026-11-01"})
    EXPECT_FALSE(schedule::BeijingMonthRange(bad)) << bad;
  EXPECT_TRUE(schedule::BeijingMidnight("2028-02-29"));
  EXPECT_FALSE(schedule::BeijingMidnight("2027-02-29"));
  EXPECT_FALSE(schedule::BeijingMidnight("2027-2-28"));
}

}  // namespace
}  // namespace youhao::conduct
