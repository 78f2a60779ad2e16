#include "accounts/login_throttle.h"

#include <gtest/gtest.h>

namespace youhao::accounts {
namespace {

using namespace std::chrono_literals;

constexpr LoginThrottle::Limits kLimits{.free_per_pair = 3,
                                        .free_per_address = 10,
                                        .free_per_account = 6,
                                        .first_delay = 2s,
                                        .longest_delay = 60s,
                                        .window = 600s};

TEST(LoginThrottle, DelaysGrowForTheFailingPairOnly) {
  LoginThrottle throttle(kLimits);
  const auto start = LoginThrottle::Clock::now();
  for (int i = 0; i < 3; ++i) throttle.RecordFailure("rider", "stranger", start);
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "stranger", start), 2) << "after the free failures: 2 s";
  throttle.RecordFailure("rider", "stranger", start + 2s);
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "stranger", start + 2s), 4) << "then 4 s";
  throttle.RecordFailure("rider", "stranger", start + 6s);
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "stranger", start + 6s), 8) << "then 8 s";
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "stranger", start + 14s), 0) << "a delay, not a lockout";
  // The rider, from their own phone's address, is not slowed by the stranger.
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "riders-phone", start + 6s), 0);
  EXPECT_EQ(throttle.RetryAfterSeconds("other", "stranger", start + 6s), 0);
}

TEST(LoginThrottle, DelaysAreCappedAndForgottenAfterTheWindow) {
  LoginThrottle throttle(kLimits);
  const auto start = LoginThrottle::Clock::now();
  for (int i = 0; i < 30; ++i) throttle.RecordFailure("rider", "stranger", start);
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "stranger", start), 60) << "capped at the longest delay";
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "stranger", start + 601s), 0) << "forgotten after the window";
}

TEST(LoginThrottle, SprayingFromOneAddressSlowsThatAddress) {
  LoginThrottle throttle(kLimits);
  const auto start = LoginThrottle::Clock::now();
  for (int i = 0; i < 10; ++i) throttle.RecordFailure("user" + std::to_string(i), "sprayer", start);
  EXPECT_GT(throttle.RetryAfterSeconds("someone-new", "sprayer", start), 0);
  EXPECT_EQ(throttle.RetryAfterSeconds("someone-new", "elsewhere", start), 0);
}

TEST(LoginThrottle, GuessingFromManyAddressesSlowsTheAccountAndSuccessClearsIt) {
  LoginThrottle throttle(kLimits);
  const auto start = LoginThrottle::Clock::now();
  for (int i = 0; i < 6; ++i) throttle.RecordFailure("rider", "bot" + std::to_string(i), start);
  EXPECT_GT(throttle.RetryAfterSeconds("rider", "riders-phone", start), 0) << "the owner signs in with a code then";
  throttle.RecordSuccess("rider");
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "riders-phone", start), 0);
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "bot0", start), 0);
}

}  // namespace
}  // namespace youhao::accounts
