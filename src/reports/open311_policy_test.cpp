// The Open311 rate limit without a clock: a token bucket driven by the times it is given.
#include "reports/open311_policy.h"

#include <gtest/gtest.h>

namespace youhao::reports {
namespace {

constexpr long long kStart = 5'000'000;

TEST(TakeToken, ABurstThenOnePerSecond) {
  const Open311RateLimit limit{.per_minute = 60, .burst = 20};
  TokenBucket bucket;
  for (int i = 0; i < 20; ++i) EXPECT_EQ(TakeToken(bucket, limit, kStart), 0) << "request " << i + 1;
  EXPECT_EQ(TakeToken(bucket, limit, kStart), 1) << "the 21st at once waits a second";
  EXPECT_EQ(TakeToken(bucket, limit, kStart + 500), 1) << "half a token is not a request";
  EXPECT_EQ(TakeToken(bucket, limit, kStart + 1000), 0) << "a token a second";
  EXPECT_EQ(TakeToken(bucket, limit, kStart + 1000), 1);
  // 60 a minute sustained: one request every second for a minute all pass.
  for (int s = 2; s <= 61; ++s) EXPECT_EQ(TakeToken(bucket, limit, kStart + s * 1000LL), 0) << "second " << s;
}

TEST(TakeToken, ARefusedRequestTakesNothingAndTheBucketRefillsOnlyToItsSize) {
  const Open311RateLimit limit{.per_minute = 6, .burst = 2};
  TokenBucket bucket;
  EXPECT_EQ(TakeToken(bucket, limit, kStart), 0);
  EXPECT_EQ(TakeToken(bucket, limit, kStart), 0);
  EXPECT_EQ(TakeToken(bucket, limit, kStart), 10) << "6 a minute: a token every 10 s";
  for (int i = 0; i < 5; ++i) EXPECT_GT(TakeToken(bucket, limit, kStart + 4000), 0);
  EXPECT_EQ(TakeToken(bucket, limit, kStart + 4000), 6) << "refusals did not push the wait back";
  EXPECT_EQ(TakeToken(bucket, limit, kStart + 10'000), 0);
  // An hour of quiet refills two tokens, not 360.
  const long long later = kStart + 3'600'000;
  EXPECT_EQ(TakeToken(bucket, limit, later), 0);
  EXPECT_EQ(TakeToken(bucket, limit, later), 0);
  EXPECT_GT(TakeToken(bucket, limit, later), 0);
}

TEST(TakeToken, AClockThatStepsBackRefillsNothing) {
  const Open311RateLimit limit{.per_minute = 60, .burst = 1};
  TokenBucket bucket;
  EXPECT_EQ(TakeToken(bucket, limit, kStart), 0);
  EXPECT_EQ(TakeToken(bucket, limit, kStart - 5000), 1);
  EXPECT_EQ(TakeToken(bucket, limit, kStart + 1000), 0);
}

}  // namespace
}  // namespace youhao::reports
