#include "accounts/login_throttle.h"

#include <gtest/gtest.h>

namespace youhao::accounts {
namespace {

using namespace std::chrono_literals;

TEST(LoginThrottle, LocksAnAccountAfterRepeatedFailures) {
  LoginThrottle throttle({.per_account = 3, .per_address = 100, .window = 60s, .lockout = 30s});
  const auto start = LoginThrottle::Clock::now();
  for (int i = 0; i < 2; ++i) throttle.RecordFailure("rider", "10.0.0.1", start);
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "10.0.0.1", start), 0);
  throttle.RecordFailure("rider", "10.0.0.2", start);
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "10.0.0.9", start), 30);
  EXPECT_EQ(throttle.RetryAfterSeconds("other", "10.0.0.1", start), 0);
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "10.0.0.1", start + 31s), 0);
}

TEST(LoginThrottle, LocksAnAddressAcrossAccounts) {
  LoginThrottle throttle({.per_account = 100, .per_address = 4, .window = 60s, .lockout = 10s});
  const auto start = LoginThrottle::Clock::now();
  for (int i = 0; i < 4; ++i) throttle.RecordFailure("user" + std::to_string(i), "10.0.0.1", start);
  EXPECT_GT(throttle.RetryAfterSeconds("someone-else", "10.0.0.1", start), 0);
  EXPECT_EQ(throttle.RetryAfterSeconds("someone-else", "10.0.0.2", start), 0);
}

TEST(LoginThrottle, FailuresOutsideTheWindowDoNotAddUp) {
  LoginThrottle throttle({.per_account = 2, .per_address = 100, .window = 60s, .lockout = 10s});
  const auto start = LoginThrottle::Clock::now();
  throttle.RecordFailure("rider", "a", start);
  throttle.RecordFailure("rider", "a", start + 61s);
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "a", start + 61s), 0);
}

TEST(LoginThrottle, SuccessClearsTheAccount) {
  LoginThrottle throttle({.per_account = 2, .per_address = 100, .window = 60s, .lockout = 10s});
  const auto start = LoginThrottle::Clock::now();
  throttle.RecordFailure("rider", "a", start);
  throttle.RecordSuccess("rider");
  throttle.RecordFailure("rider", "a", start);
  EXPECT_EQ(throttle.RetryAfterSeconds("rider", "a", start), 0);
}

}  // namespace
}  // namespace youhao::accounts
