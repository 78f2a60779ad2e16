#include "accounts/password.h"

#include <gtest/gtest.h>

#include "core/random.h"

namespace youhao::accounts {
namespace {

TEST(Password, HashIsArgon2idAndVerifies) {
  core::InitCrypto();
  const std::string hash = HashPassword("correct horse 骑手");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(hash, "correct horse 骑手"));
  EXPECT_FALSE(VerifyPassword(hash, "correct horse"));
  EXPECT_NE(hash, HashPassword("correct horse 骑手"));  // salted
}

TEST(Password, MalformedHashNeverMatches) {
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(VerifyPassword("$argon2id$garbage", "x"));
}

TEST(Password, RulesForNewPasswords) {
  EXPECT_FALSE(PasswordProblem("short").empty());
  EXPECT_TRUE(PasswordProblem("long enough").empty());
  EXPECT_FALSE(PasswordProblem(std::string(129, 'x')).empty());
}

}  // namespace
}  // namespace youhao::accounts
