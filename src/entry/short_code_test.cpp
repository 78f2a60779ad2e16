// Digit codes: the derivation (RFC 6238's SHA-256 vectors, truncated to six digits), the tag, the
// typed forms, the window of ± one step, and the wrong-code limits. The service's look-up runs on
// SQLite, and on PostgreSQL when YOUHAO_TEST_PG_URL is set (ctest's unit_entry_postgres).
#include "entry/short_code.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <cstring>
#include <set>

#include "core/base64.h"
#include "entry/short_code_service.h"
#include "storage/test_databases.h"

namespace youhao::entry {
namespace {

ShortCodeSecret Rfc6238Key() {
  ShortCodeSecret key{};
  std::memcpy(key.data(), "12345678901234567890123456789012", key.size());
  return key;
}

ShortCodeSecret SecretOf(unsigned char fill) {
  ShortCodeSecret secret{};
  secret.fill(fill);
  return secret;
}

TEST(ShortCode, IsTheSixDigitTailOfRfc6238Sha256) {
  ASSERT_GE(sodium_init(), 0);
  // RFC 6238, appendix B, SHA-256, 8 digits: 46119246, 68084774, 67062674, 91819424, 90698825, 77737706.
  const struct {
    long long time;
    std::uint32_t code;
  } vectors[] = {{59, 119246},         {1111111109, 84774},  {1111111111, 62674},
                 {1234567890, 819424}, {2000000000, 698825}, {20000000000, 737706}};
  for (const auto& vector : vectors) {
    EXPECT_EQ(ShortCodeAt(Rfc6238Key(), ShortCodeStep(vector.time)), vector.code) << vector.time;
  }
}

TEST(ShortCode, StepsAreTheQrWindows) {
  EXPECT_EQ(ShortCodeStep(0), 0);
  EXPECT_EQ(ShortCodeStep(29), 0);
  EXPECT_EQ(ShortCodeStep(30), 1);
  EXPECT_EQ(ShortCodeStep(1'800'000'015), 60'000'000);
  EXPECT_EQ(ShortCodeStep(-1), -1);
}

TEST(ShortCode, TheTagIsThePassNumberModuloTenThousand) {
  EXPECT_EQ(ShortCodeTag(7), 7);
  EXPECT_EQ(ShortCodeTag(10'007), 7);
  EXPECT_EQ(ShortCodeTag(123'456), 3456);
  EXPECT_EQ(ShortCodeText(10'007, Rfc6238Key(), 1), "0007119246");
  EXPECT_EQ(ShortCodeText(3456, Rfc6238Key(), ShortCodeStep(1111111109)), "3456084774");
}

TEST(ShortCode, CodesDifferBetweenPassesAndSteps) {
  std::set<std::uint32_t> seen;
  for (unsigned char fill = 0; fill < 20; ++fill) seen.insert(ShortCodeAt(SecretOf(fill), 1000));
  for (long long step = 1001; step < 1020; ++step) seen.insert(ShortCodeAt(SecretOf(0), step));
  EXPECT_GE(seen.size(), 37U) << "39 codes, at most a chance collision or two";
  for (std::uint32_t code : seen) EXPECT_LT(code, kShortCodeModulus);
}

TEST(ShortCode, ParsesTenDigitsWithSpacesAndHyphens) {
  auto typed = ParseShortCode("0007 119246");
  ASSERT_TRUE(typed);
  EXPECT_EQ(typed->tag, 7);
  EXPECT_EQ(typed->code, 119246U);
  typed = ParseShortCode("3456-084-774");
  ASSERT_TRUE(typed);
  EXPECT_EQ(typed->tag, 3456);
  EXPECT_EQ(typed->code, 84774U);
  EXPECT_TRUE(ParseShortCode("0000000000"));
  for (const char* text :
       {"", "123456", "000711924", "00071192466", "0007a19246", "YH1:0007119246", "0007 1192 46 9"}) {
    EXPECT_FALSE(ParseShortCode(text)) << text;
  }
}

TEST(ShortCode, MatchesWithinOneStepEitherSideAndNotBeyond) {
  const ShortCodeSecret secret = SecretOf(42);
  const long long now = 1'800'000'010;  // 10 s into a step
  const long long step = ShortCodeStep(now);
  EXPECT_TRUE(ShortCodeMatches(secret, ShortCodeAt(secret, step), now));
  EXPECT_TRUE(ShortCodeMatches(secret, ShortCodeAt(secret, step - 1), now)) << "read out just before it changed";
  EXPECT_TRUE(ShortCodeMatches(secret, ShortCodeAt(secret, step + 1), now)) << "a phone's clock a little ahead";
  EXPECT_FALSE(ShortCodeMatches(secret, ShortCodeAt(secret, step - 2), now)) << "a minute old";
  EXPECT_FALSE(ShortCodeMatches(secret, ShortCodeAt(secret, step + 2), now));
  EXPECT_FALSE(ShortCodeMatches(SecretOf(43), ShortCodeAt(secret, step), now)) << "another pass's secret";
  // The code shown at the start of a step still holds at the very end of the next one, not after.
  const long long shown = step * kShortCodeStepSeconds;
  EXPECT_TRUE(ShortCodeMatches(secret, ShortCodeAt(secret, step), shown + 59));
  EXPECT_FALSE(ShortCodeMatches(secret, ShortCodeAt(secret, step), shown + 60));
}

TEST(ShortCodeFailures, LimitsWrongCodesPerCallerAndFreesThemAfterTheWindow) {
  ShortCodeFailures failures({.per_caller = 3, .per_compound = 5, .window_seconds = 600});
  const long long t0 = 1'800'000'000;
  EXPECT_TRUE(failures.MayTry("account:1", "C1", t0).ok());
  EXPECT_EQ(failures.Record("account:1", "C1", t0), 2);
  EXPECT_EQ(failures.Record("account:1", "C1", t0 + 10), 1);
  EXPECT_TRUE(failures.MayTry("account:1", "C1", t0 + 20).ok());
  EXPECT_EQ(failures.Record("account:1", "C1", t0 + 20), 0);
  const core::Status refused = failures.MayTry("account:1", "C1", t0 + 30);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kRateLimited);
  EXPECT_EQ(refused.error().message, "entry.short_code_limited");
  EXPECT_EQ(refused.error().retry_after_seconds, 570) << "the first wrong code leaves the window at t0 + 600";
  EXPECT_EQ(refused.error().fields.at("retry_after_s").as_int64(), 570);
  // Another guard of the same compound still may; the first again once its oldest failure expired.
  EXPECT_TRUE(failures.MayTry("account:2", "C1", t0 + 30).ok());
  // The caller's limit follows the caller to another compound.
  EXPECT_FALSE(failures.MayTry("account:1", "C2", t0 + 30).ok());
  EXPECT_FALSE(failures.MayTry("account:1", "C1", t0 + 599).ok());
  EXPECT_TRUE(failures.MayTry("account:1", "C1", t0 + 600).ok());
}

TEST(ShortCodeFailures, LimitsWrongCodesPerCompoundAcrossGuards) {
  ShortCodeFailures failures({.per_caller = 3, .per_compound = 5, .window_seconds = 600});
  const long long t0 = 1'800'000'000;
  for (int i = 0; i < 5; ++i) failures.Record("account:" + std::to_string(i), "C1", t0 + i);
  const core::Status refused = failures.MayTry("account:9", "C1", t0 + 10);
  ASSERT_FALSE(refused.ok()) << "a fresh guard at a compound that used up its wrong codes";
  EXPECT_EQ(refused.error().retry_after_seconds, 590);
  EXPECT_TRUE(failures.MayTry("account:9", "C2", t0 + 10).ok()) << "other compounds are not affected";
  EXPECT_EQ(failures.Record("account:9", "C2", t0 + 10), 2);
  EXPECT_EQ(failures.Record("account:8", "C1", t0 + 10), 0) << "the compound's budget is spent";
}

// The service on a real database: the secret it hands out makes codes it finds, and only in their window.
class ShortCodeServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::Database::Open(GetParam(), 2);
    auto c = database_->Acquire();
    storage::Migrate(*c);
    for (const char* table : {"gate_events", "passes", "workers", "signing_keys"}) {
      c->Execute(std::string("DELETE FROM ") + table);
    }
    c->Execute("DELETE FROM areas WHERE code = 'T-S'");
    c->Execute(
        "INSERT INTO areas (code, level, name_zh, name_en, path) VALUES ('T-S', 'compound', '丙小区', 'S', 'T-S/')");
    c->Execute("INSERT INTO signing_keys (key_id, public_key, secret_key, created_at) VALUES (1, 'pk', 'sk', 0)");
    c->Execute(
        "INSERT INTO workers (id, name, phone_digest, kind, platform, area_code, area_path, status, created_at) VALUES "
        "(7, '张小哥', 'd7', 'food', 'meituan', 'T-S', 'T-S/', 'verified', 0), "
        "(8, '李师傅', 'd8', 'parcel', 'sf', 'T-S', 'T-S/', 'verified', 0)");
    // 20007 shares pass 7's tag; 30007 too, but has expired.
    c->Execute(
        "INSERT INTO passes (id, worker_id, key_id, device_public_key, issued_at, expires_at, revoked_at) VALUES "
        "(7, 7, 1, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 0, 9999999999, NULL), "
        "(20007, 8, 1, 'device-8', 0, 9999999999, 5), (30007, 8, 1, 'device-8', 0, 100, NULL)");
  }
  void TearDown() override {
    auto c = database_->Acquire();
    for (const char* table : {"passes", "workers", "signing_keys"}) c->Execute(std::string("DELETE FROM ") + table);
    c->Execute("DELETE FROM areas WHERE code = 'T-S'");
  }
  static ShortCodeSecret Decode(const std::string& base64url) {
    auto bytes = core::Base64Decode(base64url);
    ShortCodeSecret secret{};
    EXPECT_TRUE(bytes && bytes->size() == secret.size());
    if (bytes && bytes->size() == secret.size()) std::memcpy(secret.data(), bytes->data(), secret.size());
    return secret;
  }
  std::unique_ptr<storage::Database> database_;
  core::Keyring keyring_ = core::Keyring::Ephemeral();
};

TEST_P(ShortCodeServiceTest, FindsThePassWhoseCodeWasTypedAmongThoseSharingItsTag) {
  ShortCodeService service(*database_, keyring_);
  const long long now = 1'800'000'000;
  const ShortCodeSecret seven = Decode(service.SecretFor(7));
  EXPECT_EQ(service.SecretFor(7), service.SecretFor(7)) << "derived, the same every time";
  EXPECT_NE(service.SecretFor(7), service.SecretFor(20007));

  auto found = service.Find("account:1", "T-S", *ParseShortCode(ShortCodeText(7, seven, ShortCodeStep(now))), now);
  ASSERT_TRUE(found.ok()) << found.error().detail;
  EXPECT_EQ(found->pass_id, 7);
  EXPECT_EQ(found->worker_id, 7);
  const passes::SignatureCheck check = CheckOfShortCode(*found, now);
  EXPECT_EQ(check.code, passes::ScanCode::kOk);
  ASSERT_TRUE(check.qr);
  EXPECT_EQ(check.qr->credential.pass_id, 7U);
  EXPECT_EQ(core::Base64Encode(check.qr->credential.device_public_key), found->device_public_key);

  // A revoked pass is found (the gate then says it is revoked), an expired one is not.
  const ShortCodeSecret revoked = Decode(service.SecretFor(20007));
  found = service.Find("account:1", "T-S", *ParseShortCode(ShortCodeText(20007, revoked, ShortCodeStep(now))), now);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->pass_id, 20007);
  const ShortCodeSecret expired = Decode(service.SecretFor(30007));
  found = service.Find("account:1", "T-S", *ParseShortCode(ShortCodeText(30007, expired, ShortCodeStep(now))), now);
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().name, "short_code_wrong");
}

TEST_P(ShortCodeServiceTest, RefusesCodesOutsideTheirWindowAndWrongTagsThenLimits) {
  ShortCodeService service(*database_, keyring_, {.per_caller = 3, .per_compound = 20, .window_seconds = 600});
  const long long now = 1'800'000'000;
  const ShortCodeSecret seven = Decode(service.SecretFor(7));
  const auto typed = [&](long long pass, long long step) { return *ParseShortCode(ShortCodeText(pass, seven, step)); };
  EXPECT_TRUE(service.Find("account:1", "T-S", typed(7, ShortCodeStep(now) - 1), now).ok()) << "the step before";

  auto stale = service.Find("account:1", "T-S", typed(7, ShortCodeStep(now) - 2), now);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, core::ErrorCode::kValidationFailed);
  EXPECT_EQ(stale.error().name, "short_code_wrong");
  EXPECT_EQ(stale.error().message, "entry.short_code_wrong");
  EXPECT_EQ(stale.error().fields.at("attempts_left").as_int64(), 2);
  auto wrong_tag = service.Find("account:1", "T-S", typed(8, ShortCodeStep(now)), now);
  ASSERT_FALSE(wrong_tag.ok()) << "the right six digits after another pass's number";
  EXPECT_EQ(wrong_tag.error().fields.at("attempts_left").as_int64(), 1);
  EXPECT_FALSE(service.Find("account:1", "T-S", typed(7, ShortCodeStep(now) + 5), now).ok());

  auto limited = service.Find("account:1", "T-S", typed(7, ShortCodeStep(now)), now + 1);
  ASSERT_FALSE(limited.ok()) << "even the right code, once the wrong ones are used up";
  EXPECT_EQ(limited.error().code, core::ErrorCode::kRateLimited);
  EXPECT_TRUE(service.Find("account:2", "T-S", typed(7, ShortCodeStep(now)), now + 1).ok()) << "another guard";
  EXPECT_TRUE(service.Find("account:1", "T-S", typed(7, ShortCodeStep(now + 600)), now + 600).ok())
      << "the first guard again, ten minutes on";
}

INSTANTIATE_TEST_SUITE_P(Databases, ShortCodeServiceTest,
                         ::testing::ValuesIn(storage::TestDatabaseUrls("youhao_short_code_test")));

}  // namespace
}  // namespace youhao::entry
