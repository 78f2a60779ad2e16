#include "points/earning_policy.h"

#include <gtest/gtest.h>

#include <vector>

#include "schedule/clock.h"

namespace youhao::points {
namespace {

using enum EarningTrigger;

EarningRule Rule(std::string area, EarningTrigger trigger, long long points, long long pool = 1) {
  EarningRule rule;
  rule.area_code = std::move(area);
  rule.trigger = trigger;
  rule.points = points;
  rule.pool_account_id = pool;
  return rule;
}

TEST(EarningPolicy, TriggerNamesRoundTrip) {
  for (EarningTrigger trigger : kEarningTriggers) {
    ASSERT_FALSE(EarningTriggerName(trigger).empty());
    EXPECT_EQ(ParseEarningTrigger(EarningTriggerName(trigger)), trigger);
  }
  EXPECT_EQ(EarningTriggerName(kReportConfirmed), "report_confirmed");
  EXPECT_FALSE(ParseEarningTrigger("report"));
  EXPECT_FALSE(ParseEarningTrigger(""));
}

TEST(EarningPolicy, PathCodesReadTheTreeTopDown) {
  EXPECT_EQ(PathCodes("110000/110108/110108001/"), (std::vector<std::string>{"110000", "110108", "110108001"}));
  EXPECT_EQ(PathCodes("T-R/"), (std::vector<std::string>{"T-R"}));
  EXPECT_TRUE(PathCodes("").empty());
}

// The rules of the table below: the city pays 10 for a report and 20 for an event; district 110108
// pays 12 for a report; its street 110108001 pays 15 for a report and 80 for an honour. Its other
// street 110108002 and the district 110105 set nothing.
TEST(EarningPolicy, TheMostSpecificAreaWins) {
  const std::vector<EarningRule> rules = {
      Rule("city", kReportConfirmed, 10), Rule("110108", kReportConfirmed, 12), Rule("110108001", kReportConfirmed, 15),
      Rule("city", kEventAttended, 20),   Rule("110108001", kHonour, 80),
  };
  struct Case {
    const char* path;
    EarningTrigger trigger;
    std::optional<long long> points;
    const char* from;
  };
  const Case cases[] = {
      {"110000/110108/110108001/1101080010/", kReportConfirmed, 15, "110108001"},
      {"110000/110108/110108001/", kReportConfirmed, 15, "110108001"},
      {"110000/110108/110108002/", kReportConfirmed, 12, "110108"},
      {"110000/110105/", kReportConfirmed, 10, "city"},
      {"", kReportConfirmed, 10, "city"},
      {"110000/110108/110108001/", kEventAttended, 20, "city"},
      {"110000/110108/110108002/", kHonour, std::nullopt, ""},
      {"110000/110108/110108001/", kVolunteerHour, std::nullopt, ""},
  };
  for (const Case& c : cases) {
    const auto rule = ResolveRule(rules, c.trigger, c.path);
    ASSERT_EQ(rule.has_value(), c.points.has_value()) << c.path << " " << EarningTriggerName(c.trigger);
    if (!rule) continue;
    EXPECT_EQ(rule->points, *c.points) << c.path;
    EXPECT_EQ(rule->area_code, c.from) << c.path;
  }
}

TEST(EarningPolicy, AnInactiveOverrideSwitchesATriggerOffBelowIt) {
  std::vector<EarningRule> rules = {Rule("city", kReportConfirmed, 10), Rule("110108", kReportConfirmed, 10)};
  rules[1].active = false;
  EXPECT_FALSE(ResolveRule(rules, kReportConfirmed, "110000/110108/110108001/")->active);
  EXPECT_TRUE(ResolveRule(rules, kReportConfirmed, "110000/110105/")->active);
}

TEST(EarningPolicy, RulesCheckTheirNumbers) {
  EXPECT_TRUE(CheckRule(10, 50, 300).ok());
  EXPECT_TRUE(CheckRule(0, std::nullopt, std::nullopt).ok()) << "a rule may pay nothing";
  EXPECT_TRUE(CheckRule(kMaxRulePoints, kMaxRuleCap, kMaxRuleCap).ok());
  struct Case {
    long long points;
    std::optional<long long> daily, monthly;
    const char* field;
  };
  const Case bad[] = {
      {-1, std::nullopt, std::nullopt, "points"},
      {kMaxRulePoints + 1, std::nullopt, std::nullopt, "points"},
      {10, 0, std::nullopt, "daily_cap"},
      {10, -5, std::nullopt, "daily_cap"},
      {10, std::nullopt, kMaxRuleCap + 1, "monthly_cap"},
      {10, 100, 50, "daily_cap"},
  };
  for (const Case& c : bad) {
    const auto checked = CheckRule(c.points, c.daily, c.monthly);
    ASSERT_FALSE(checked.ok()) << c.points;
    EXPECT_EQ(checked.error().name, "bad_rule");
    EXPECT_EQ(checked.error().message, "points.bad_rule");
    EXPECT_EQ(checked.error().fields.at("field").as_string(), c.field);
  }
}

TEST(EarningPolicy, CapsPayTheRemainderOrNothing) {
  struct Case {
    long long points, today, month;
    std::optional<long long> daily, monthly;
    long long pay;
    bool capped;
  };
  const Case cases[] = {
      {10, 0, 0, 50, 300, 10, false},
      {10, 40, 40, 50, 300, 10, false},  // the fifth report of the day reaches the cap exactly
      {10, 50, 50, 50, 300, 0, true},    // the sixth pays nothing
      {10, 45, 45, 50, 300, 5, true},    // the remainder
      {10, 0, 295, 50, 300, 5, true},    // the month binds
      {10, 0, 300, 50, 300, 0, true},
      {10, 999, 9999, std::nullopt, std::nullopt, 10, false},
      {10, 70, 70, 50, std::nullopt, 0, true},  // already past a cap lowered since
      {0, 0, 0, 50, 300, 0, false},
  };
  for (const Case& c : cases) {
    const CapDecision decision = DecideCap(c.points, c.today, c.month, c.daily, c.monthly);
    EXPECT_EQ(decision.pay, c.pay) << c.points << " " << c.today << " " << c.month;
    EXPECT_EQ(decision.capped, c.capped) << c.points << " " << c.today << " " << c.month;
  }
}

long long Midnight(const char* date) { return *schedule::BeijingMidnight(date); }

TEST(EarningPolicy, TheCutoffIsTheSameDayMonthsAgoAtBeijingMidnight) {
  const long long noon = Midnight("2026-12-07") + 12LL * 3600;
  EXPECT_EQ(ExpiryCutoff(noon, 12), Midnight("2025-12-07"));
  EXPECT_EQ(ExpiryCutoff(noon, 1), Midnight("2026-11-07"));
  EXPECT_EQ(ExpiryCutoff(noon, 0), Midnight("2026-12-07"));
  // Just after midnight in Beijing is still the previous day in UTC.
  EXPECT_EQ(ExpiryCutoff(Midnight("2026-12-07") + 60, 12), Midnight("2025-12-07"));
  EXPECT_EQ(ExpiryCutoff(Midnight("2026-03-31") + 60, 1), Midnight("2026-02-28")) << "a shorter month";
  EXPECT_EQ(ExpiryCutoff(Midnight("2026-01-15"), 13), Midnight("2024-12-15"));
}

TEST(EarningPolicy, ExpiryTakesTheOldestPointsFirst) {
  struct Case {
    long long credits_before, debits, balance, expire;
  };
  const Case cases[] = {
      {100, 0, 150, 100},  // nothing spent: all old points go
      {100, 30, 120, 70},  // spending used the oldest points first
      {100, 100, 50, 0},   // the old points were all spent
      {100, 140, 10, 0},   // more spent than the old points
      {100, 0, 40, 40},    // never more than the balance
      {0, 0, 80, 0},       // nothing old enough
      {100, 0, 0, 0},
  };
  for (const Case& c : cases)
    EXPECT_EQ(PointsToExpire(c.credits_before, c.debits, c.balance), c.expire) << c.credits_before << " " << c.debits;
}

}  // namespace
}  // namespace youhao::points
