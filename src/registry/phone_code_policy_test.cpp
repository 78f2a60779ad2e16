// The one-time code rules, without a database: sending spaced and capped, checking by expiry,
// attempts and use.
#include "registry/phone_code_policy.h"

#include <gtest/gtest.h>

namespace youhao::registry {
namespace {

constexpr long long kNow = 1'800'000'000;

TEST(MaySendCode, SpacesAndCapsCodesPerPhoneAddressAndOverall) {
  const CodeLimits limits;
  EXPECT_TRUE(MaySendCode({}, limits, kNow).ok());
  auto soon = MaySendCode({.newest_for_phone_at = kNow - 20}, limits, kNow);
  ASSERT_FALSE(soon.ok());
  EXPECT_EQ(soon.error().code, core::ErrorCode::kRateLimited);
  EXPECT_EQ(soon.error().retry_after_seconds, 40);
  EXPECT_EQ(soon.error().fields.at("retry_after_s").as_int64(), 40);
  EXPECT_TRUE(MaySendCode({.newest_for_phone_at = kNow - 61, .for_phone_last_hour = 4}, limits, kNow).ok());
  EXPECT_FALSE(MaySendCode({.newest_for_phone_at = kNow - 61, .for_phone_last_hour = 5}, limits, kNow).ok());
  EXPECT_FALSE(MaySendCode({.for_address_last_hour = 20}, limits, kNow).ok());
  EXPECT_TRUE(MaySendCode({.for_address_last_hour = 19}, limits, kNow).ok());
  EXPECT_FALSE(MaySendCode({.everyone_last_minute = 300}, limits, kNow).ok());
}

TEST(CheckCode, MatchesOnlyALiveUnspentCode) {
  const CodeLimits limits;
  const StoredCode live{.expires_at = kNow + 100, .attempts = 0};
  EXPECT_EQ(CheckCode(&live, true, limits, kNow), CodeCheck::kMatches);
  EXPECT_EQ(CheckCode(&live, false, limits, kNow), CodeCheck::kWrong);
  EXPECT_EQ(CheckCode(nullptr, true, limits, kNow), CodeCheck::kNone);
  const StoredCode expired{.expires_at = kNow, .attempts = 0};
  EXPECT_EQ(CheckCode(&expired, true, limits, kNow), CodeCheck::kExpired);
  const StoredCode guessed{.expires_at = kNow + 100, .attempts = 5};
  EXPECT_EQ(CheckCode(&guessed, true, limits, kNow), CodeCheck::kSpent) << "five wrong guesses spend it";
  const StoredCode used{.expires_at = kNow + 100, .attempts = 0, .used = true};
  EXPECT_EQ(CheckCode(&used, true, limits, kNow), CodeCheck::kSpent);
}

TEST(CodeProblem, SaysHowManyGuessesAreLeftOrToAskAgain) {
  const core::Error wrong = CodeProblem(CodeCheck::kWrong, 3);
  EXPECT_EQ(wrong.Name(), "code_invalid");
  EXPECT_EQ(wrong.fields.at("attempts_left").as_int64(), 3);
  EXPECT_EQ(CodeProblem(CodeCheck::kWrong, 0).Name(), "code_expired");
  EXPECT_EQ(CodeProblem(CodeCheck::kExpired, 5).Name(), "code_expired");
  EXPECT_EQ(CodeProblem(CodeCheck::kNone, 5).Name(), "code_expired");
}

TEST(IsCodeShaped, SixDigits) {
  EXPECT_TRUE(IsCodeShaped("012345"));
  EXPECT_FALSE(IsCodeShaped("12345"));
  EXPECT_FALSE(IsCodeShaped("12345a"));
  EXPECT_FALSE(IsCodeShaped("1234567"));
}

}  // namespace
}  // namespace youhao::registry
