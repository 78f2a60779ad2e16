// Ratings without a database: the month a rating belongs to, and the damped friendliness score.
#include "entry/rating_policy.h"

#include <gtest/gtest.h>

namespace youhao::entry {
namespace {

TEST(RatingMonth, IsTheBeijingCalendarMonth) {
  // 2026-11-30 16:00 UTC is 2026-12-01 00:00 in Beijing.
  constexpr long long kDecemberInBeijing = 1'796'054'400;
  EXPECT_EQ(RatingMonth(kDecemberInBeijing), "2026-12");
  EXPECT_EQ(RatingMonth(kDecemberInBeijing - 1), "2026-11");  // 23:59:59 on 30 November in Beijing
  // 2026-12-31 15:59:59 UTC is the last second of the year in Beijing; a second later it is 2027.
  constexpr long long kNewYearInBeijing = 1'798'732'800;
  EXPECT_EQ(RatingMonth(kNewYearInBeijing - 1), "2026-12");
  EXPECT_EQ(RatingMonth(kNewYearInBeijing), "2027-01");
  EXPECT_EQ(RatingMonth(0), "1970-01");
}

TEST(DampedScore, FewRatingsAreNotEnough) {
  for (long long n : {0LL, 1LL, 2LL}) {
    const FriendlinessScore score = DampedScore(n, 5 * n);
    EXPECT_FALSE(score.enough_ratings) << n;
    EXPECT_FALSE(score.score) << n;
  }
  const FriendlinessScore three = DampedScore(3, 15);
  EXPECT_TRUE(three.enough_ratings);
  ASSERT_TRUE(three.score);
  EXPECT_DOUBLE_EQ(*three.score, 3.75);  // (5·3 + 15) / (5 + 3)
}

TEST(DampedScore, PullsSmallCountsTowardsThePriorAndLargeOnesTowardsTheirMean) {
  struct Row {
    long long ratings;
    long long sum;
    double expected;
  };
  const Row rows[] = {
      {3, 3, 2.25},        // three 1-star ratings: (15 + 3) / 8
      {5, 25, 4.0},        // five 5-star ratings: (15 + 25) / 10
      {10, 20, 2.33},      // ten 2-star ratings: (15 + 20) / 15 = 2.333…
      {100, 450, 4.43},    // many 4.5 averages: (15 + 450) / 105 = 4.428…
      {1000, 1000, 1.01},  // a thousand 1-star ratings: (15 + 1000) / 1005
  };
  for (const Row& row : rows) {
    const auto score = DampedScore(row.ratings, row.sum).score;
    ASSERT_TRUE(score) << row.ratings;
    EXPECT_DOUBLE_EQ(*score, row.expected) << row.ratings << " ratings summing to " << row.sum;
  }
  // The same mean ranks higher with more ratings behind it.
  EXPECT_LT(*DampedScore(3, 15).score, *DampedScore(30, 150).score);
}

TEST(DampedScore, TheBoundsOfThePriorAreConfigurable) {
  const FriendlinessPrior strict{.mean = 4.0, .weight = 10.0, .min_ratings = 10};
  EXPECT_FALSE(DampedScore(9, 45, strict).score);
  ASSERT_TRUE(DampedScore(10, 20, strict).score);
  EXPECT_DOUBLE_EQ(*DampedScore(10, 20, strict).score, 3.0);  // (40 + 20) / 20
  const FriendlinessPrior none{.mean = 3.0, .weight = 0.0, .min_ratings = 1};
  EXPECT_DOUBLE_EQ(*DampedScore(1, 4, none).score, 4.0);  // no damping: the plain mean
}

}  // namespace
}  // namespace youhao::entry
