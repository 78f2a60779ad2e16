#include <gtest/gtest.h>
#include <sodium.h>

#include <map>

#include "passes/base45.h"
#include "passes/pass_codec.h"
#include "passes/pass_verifier.h"

namespace youhao::passes {
namespace {

std::string Text(std::string_view s) { return std::string(s); }
std::vector<unsigned char> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

TEST(Base45, Rfc9285Vectors) {
  EXPECT_EQ(Base45Encode(Bytes("AB")), "BB8");
  EXPECT_EQ(Base45Encode(Bytes("Hello!!")), "%69 VD92EX0");
  EXPECT_EQ(Base45Encode(Bytes("base-45")), "UJCLQE7W581");
  EXPECT_EQ(Base45Decode("QED8WEX0"), Bytes("ietf!"));
  EXPECT_FALSE(Base45Decode("GGW"));  // 65536 does not fit in two bytes
  EXPECT_FALSE(Base45Decode("A"));    // dangling character
  EXPECT_FALSE(Base45Decode("aBC"));  // lower case is not in the alphabet
}

struct KeyPair {
  PublicKey public_key{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_key{};
  KeyPair() { crypto_sign_keypair(public_key.data(), secret_key.data()); }
};

class PassTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    keys_[7] = IssuerKey{7, issuer_.public_key, 0};
  }

  Credential MakeCredential(const KeyPair& issuer, std::uint16_t key_id = 7) {
    Credential credential;
    credential.key_id = key_id;
    credential.pass_id = 4242;
    credential.worker_id = 99;
    credential.issued_at = static_cast<std::uint32_t>(now_ - 3600);
    credential.expires_at = static_cast<std::uint32_t>(now_ + 7 * 86400);
    credential.device_public_key = device_.public_key;
    credential.platform = PlatformIndex("美团");
    credential.kind = KindIndex("food");
    credential.name = "张小哥";
    const auto input = CredentialSigningInput(credential);
    crypto_sign_detached(credential.issuer_signature.data(), nullptr, input.data(), input.size(),
                         issuer.secret_key.data());
    return credential;
  }

  std::string Show(const Credential& credential, long long at, const KeyPair& device) {
    const auto window = WindowOf(at);
    const auto input = DeviceSigningInput(credential.pass_id, window);
    Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, input.data(), input.size(), device.secret_key.data());
    return EncodeQrText(credential, window, signature);
  }

  ScanCode Check(std::string_view text, long long at) {
    KeyLookup lookup = [this](std::uint16_t id) -> const IssuerKey* {
      auto found = keys_.find(id);
      return found == keys_.end() ? nullptr : &found->second;
    };
    return CheckSignatures(text, lookup, at).code;
  }

  const long long now_ = 1'795'437'000;
  KeyPair issuer_;
  KeyPair device_;
  std::map<std::uint16_t, IssuerKey> keys_;
};

TEST_F(PassTest, RoundTripsAndIsCompactAlphanumeric) {
  const Credential credential = MakeCredential(issuer_);
  const std::string text = Show(credential, now_, device_);
  EXPECT_LT(text.size(), 300u);
  for (char c : text)
    EXPECT_NE(std::string_view("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:").find(c), std::string_view::npos);
  auto decoded = DecodeQrText(text);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->credential.name, "张小哥");
  EXPECT_EQ(decoded->credential.worker_id, 99u);
  EXPECT_EQ(Check(text, now_), ScanCode::kOk);
}

TEST_F(PassTest, ScannerQuirksAreTolerated) {
  std::string text = Show(MakeCredential(issuer_), now_, device_);
  std::string lower = "  " + text + "\r\n";
  EXPECT_EQ(Check(lower, now_), ScanCode::kOk);
}

TEST_F(PassTest, ScreenshotStopsWorkingWithinSixtySeconds) {
  const Credential credential = MakeCredential(issuer_);
  const long long window_start = WindowOf(now_) * kWindowSeconds;
  const std::string screenshot = Show(credential, window_start, device_);
  EXPECT_EQ(Check(screenshot, window_start + 59), ScanCode::kOk);
  EXPECT_EQ(Check(screenshot, window_start + 60), ScanCode::kStale);
  EXPECT_EQ(Check(screenshot, window_start - 31), ScanCode::kStale);  // from the future
}

TEST_F(PassTest, ForgedTamperedAndWrongKeyPassesAreRefused) {
  const Credential credential = MakeCredential(issuer_);
  // Signed by another city's issuer under the same key id.
  KeyPair other_city;
  EXPECT_EQ(Check(Show(MakeCredential(other_city), now_, device_), now_), ScanCode::kBadSignature);
  // Unknown key id.
  EXPECT_EQ(Check(Show(MakeCredential(issuer_, 8), now_, device_), now_), ScanCode::kUnknownKey);
  // A thief's phone: right credential, wrong device key.
  KeyPair thief;
  EXPECT_EQ(Check(Show(credential, now_, thief), now_), ScanCode::kBadDeviceSignature);
  // Every single-byte change of the binary is caught.
  const std::string good = Show(credential, now_, device_);
  auto bytes = *Base45Decode(good.substr(kQrPrefix.size()));
  int refused = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto tampered = bytes;
    tampered[i] ^= 0x01;
    const ScanCode code = Check(std::string(kQrPrefix) + Base45Encode(tampered), now_);
    if (code != ScanCode::kOk) ++refused;
  }
  EXPECT_EQ(refused, static_cast<int>(bytes.size()));
}

TEST_F(PassTest, ExpiredAndRetiredKeys) {
  Credential credential = MakeCredential(issuer_);
  EXPECT_EQ(Check(Show(credential, credential.expires_at, device_), credential.expires_at), ScanCode::kExpired);
  keys_[7].not_after = now_ - 1;
  EXPECT_EQ(Check(Show(credential, now_, device_), now_), ScanCode::kUnknownKey);
}

TEST_F(PassTest, TruncatedRandomAndForeignTextIsMalformed) {
  const std::string good = Show(MakeCredential(issuer_), now_, device_);
  for (std::size_t cut : {0ul, 3ul, 4ul, 10ul, good.size() / 2, good.size() - 1, good.size() - 3}) {
    EXPECT_EQ(Check(good.substr(0, cut), now_), ScanCode::kMalformed) << cut;
  }
  EXPECT_EQ(Check("https://example.com/?q=1", now_), ScanCode::kMalformed);
  EXPECT_EQ(Check("YH1:" + std::string(300, 'Z'), now_), ScanCode::kMalformed);
  EXPECT_EQ(Check("YH1:" + std::string(2000, '0'), now_), ScanCode::kMalformed);
  EXPECT_EQ(Check(Text("YH1:%%%"), now_), ScanCode::kMalformed);
}

TEST_F(PassTest, LongNamesAreCutOnACharacterBoundary) {
  Credential credential = MakeCredential(issuer_);
  credential.name = "欧阳娜娜娜娜娜娜娜娜娜娜娜";  // 39 bytes
  auto parsed = ParseCredential(SerializeCredential(credential));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->name.size(), 30u);
}

TEST(Decide, AppliesRevocationStatusAndCompoundRules) {
  GateContext context;
  EXPECT_EQ(Decide(context), ScanCode::kOk);
  context.pass_revoked = true;
  EXPECT_EQ(Decide(context), ScanCode::kPassRevoked);
  context.pass_revoked = false;
  for (auto [status, code] :
       std::vector<std::pair<std::string_view, ScanCode>>{{"revoked", ScanCode::kWorkerRevoked},
                                                          {"suspended", ScanCode::kWorkerSuspended},
                                                          {"pending", ScanCode::kWorkerNotVerified}}) {
    context.worker_status = status;
    EXPECT_EQ(Decide(context), code);
  }
  context.worker_status = "verified";
  context.mode = AccessMode::kDropOff;
  EXPECT_EQ(Decide(context), ScanCode::kDropOffOnly);
  context.entering = false;
  EXPECT_EQ(Decide(context), ScanCode::kOk) << "leaving is never refused by the compound's rules";
  context.entering = true;
  context.mode = AccessMode::kWhitelist;
  EXPECT_EQ(Decide(context), ScanCode::kNotOnWhitelist);
  context.on_whitelist = true;
  EXPECT_EQ(Decide(context), ScanCode::kOk);
  context.open_now = false;
  EXPECT_EQ(Decide(context), ScanCode::kOutsideHours);
  context.open_now = true;
  context.mode = AccessMode::kGreenLane;
  context.gate_allowed = false;
  EXPECT_EQ(Decide(context), ScanCode::kGateNotAllowed);
}

}  // namespace
}  // namespace youhao::passes
