// Certificates: the QR text's codec and signature (round trip, an altered or forged text fails,
// an unknown key, expiry), and on SQLite and PostgreSQL issuing once per reference, verifying,
// revoking and what a tampered row verifies as.
#include "certificates/certificates.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "accounts/test_accounts.h"
#include "areas/test_areas.h"
#include "certificates/certificate_code.h"
#include "certificates/certificate_document.h"
#include "certificates/signing_keys.h"
#include "core/base64.h"
#include "core/keyring.h"
#include "core/text.h"
#include "passes/base45.h"
#include "storage/test_databases.h"

namespace youhao::certificates {
namespace {

constexpr long long kNow = 1765000000;

struct TestKey {
  std::vector<unsigned char> public_key = std::vector<unsigned char>(crypto_sign_PUBLICKEYBYTES);
  std::vector<unsigned char> secret_key = std::vector<unsigned char>(crypto_sign_SECRETKEYBYTES);
  TestKey() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium");
    crypto_sign_keypair(public_key.data(), secret_key.data());
  }
};

SignedFields Sample() {
  return {.serial = "YC123456789012",
          .kind = "training",
          .masked_name = "张*哥",
          .title = "心肺复苏与急救培训",
          .issued_at = kNow,
          .valid_until = 0,
          .key_id = 3};
}

std::string Signed(const SignedFields& fields, const TestKey& key) {
  return QrText(fields, SignText(SignedText(fields), key.secret_key));
}

TEST(CertificateCode, RoundTripsAndVerifiesOffline) {
  const TestKey key;
  const std::string text = Signed(Sample(), key);
  ASSERT_TRUE(text.starts_with("YHC1:"));
  const auto decoded = DecodeQr(text);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->fields.serial, "YC123456789012");
  EXPECT_EQ(decoded->fields.kind, "training");
  EXPECT_EQ(decoded->fields.masked_name, "张*哥");
  EXPECT_EQ(decoded->fields.title, "心肺复苏与急救培训");
  EXPECT_EQ(decoded->fields.issued_at, kNow);
  EXPECT_EQ(decoded->fields.key_id, 3);
  EXPECT_EQ(decoded->signature.size(), 64U);
  const KnownKey keys[] = {{3, key.public_key}};
  EXPECT_EQ(VerifyOffline(text, keys, kNow + 10), OfflineVerdict::kValid);
}

TEST(CertificateCode, AlteredOrForgedTextFails) {
  const TestKey key;
  const TestKey forger;
  const KnownKey keys[] = {{3, key.public_key}};
  // Another name under the original signature.
  SignedFields altered = Sample();
  altered.title = "高级技师证书";
  const auto original = DecodeQr(Signed(Sample(), key));
  ASSERT_TRUE(original.has_value());
  EXPECT_EQ(VerifyOffline(QrText(altered, original->signature), keys, kNow), OfflineVerdict::kInvalid);
  // Signed by someone else's key under our key id.
  EXPECT_EQ(VerifyOffline(Signed(Sample(), forger), keys, kNow), OfflineVerdict::kInvalid);
  // A key id the verifier does not know.
  SignedFields other_key = Sample();
  other_key.key_id = 9;
  EXPECT_EQ(VerifyOffline(Signed(other_key, key), keys, kNow), OfflineVerdict::kInvalid);
  // Not a certificate text at all, or a flipped byte in the base45 part.
  EXPECT_EQ(VerifyOffline("YH1:ABC", keys, kNow), OfflineVerdict::kInvalid);
  std::string flipped = Signed(Sample(), key);
  flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
  EXPECT_NE(VerifyOffline(flipped, keys, kNow), OfflineVerdict::kValid);
}

TEST(CertificateCode, ExpiresAfterValidUntil) {
  const TestKey key;
  SignedFields fields = Sample();
  fields.valid_until = kNow + 100;
  const KnownKey keys[] = {{3, key.public_key}};
  const std::string text = Signed(fields, key);
  EXPECT_EQ(VerifyOffline(text, keys, kNow + 100), OfflineVerdict::kValid);
  EXPECT_EQ(VerifyOffline(text, keys, kNow + 101), OfflineVerdict::kExpired);
}

TEST(CertificateCode, LineBreaksInFieldsCannotAddFields) {
  SignedFields fields = Sample();
  fields.title = "第一行\n999";
  const TestKey key;
  const auto decoded = DecodeQr(Signed(fields, key));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->fields.title, "第一行 999");
  EXPECT_EQ(decoded->fields.key_id, 3);
}

TEST(CertificateDocument, DrawsTheDetailLineOnlyWhenGiven) {
  Page page{.heading = "培训合格证书",
            .name = "张小哥",
            .line = "完成培训并考核合格",
            .title = "心肺复苏与急救培训",
            .detail = "",
            .issued_line = "海淀区 2026-12-05",
            .serial_label = "证书编号",
            .serial = "YC1",
            .verify_hint = "扫码验证",
            .qr_text = "YHC1:ABC"};
  const auto without = PageSvg(page);
  ASSERT_TRUE(without.ok());
  page.detail = "8 学时";
  const auto with = PageSvg(page);
  ASSERT_TRUE(with.ok());
  EXPECT_EQ(without->find("8 学时"), std::string::npos);
  EXPECT_NE(with->find("8 学时"), std::string::npos);
  EXPECT_NE(with->find("张小哥"), std::string::npos);
}

const core::Keyring& TestKeyring() {
  static const core::Keyring keyring = core::Keyring::Ephemeral();
  return keyring;
}

class CertificateStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    auto c = database_->Acquire();
    Clear(*c);
    areas::TestArea(*c, "T-CT", "", "street", "证书街道", "T-CT/");
    holder_ = Person(*c, "ct-holder", accounts::Role::kWorker);
    officer_ = Person(*c, "ct-officer", accounts::Role::kStreetOfficer);
  }
  void TearDown() override {
    auto c = database_->Acquire();
    Clear(*c);
  }
  static void Clear(storage::Connection& c) { c.Execute("DELETE FROM certificates WHERE reference LIKE 'test:ct:%'"); }
  static accounts::Principal Person(storage::Connection& c, const std::string& login, accounts::Role role) {
    return accounts::TestAccount(c, login, role, "T-CT", "T-CT/");
  }
  Request Sample(const std::string& reference) const {
    return {.kind = Kind::kTraining,
            .holder_account_id = holder_.account_id,
            .holder_name = "张小哥",
            .title = "交通安全培训",
            .detail = "2026-12-05 · 4 学时",
            .area_code = "T-CT",
            .reference = reference,
            .valid_until = 0};
  }

  std::unique_ptr<storage::Database> database_;
  accounts::Principal holder_;
  accounts::Principal officer_;
};

TEST_P(CertificateStoreTest, IssuesOncePerReferenceAndVerifies) {
  CertificateService service(*database_, TestKeyring());
  Certificate first;
  Certificate again;
  {
    auto c = database_->Acquire();
    storage::Transaction transaction(*c);
    first = service.issuer().Issue(*c, Sample("test:ct:1"), kNow);
    again = service.issuer().Issue(*c, Sample("test:ct:1"), kNow + 5);
    transaction.Commit();
  }
  EXPECT_EQ(first.serial, again.serial);
  EXPECT_EQ(first.qr_text, again.qr_text);
  EXPECT_EQ(service.Verify(first.serial, kNow).status, Status::kValid);
  EXPECT_EQ(service.Verify("YC000000000000", kNow).status, Status::kUnknown);

  // The QR text verifies offline with the published keys.
  std::vector<KnownKey> keys;
  for (const PublicKey& key : service.Keys()) keys.push_back({key.id, *core::Base64Decode(key.public_key)});
  EXPECT_EQ(VerifyOffline(first.qr_text, keys, kNow), OfflineVerdict::kValid);
  const auto decoded = DecodeQr(first.qr_text);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->fields.masked_name, core::MaskName("张小哥"));

  const auto mine = service.Of(holder_.account_id);
  ASSERT_FALSE(mine.empty());
  EXPECT_EQ(mine.front().serial, first.serial);
}

TEST_P(CertificateStoreTest, RevokesOnceByTheAreasOfficers) {
  CertificateService service(*database_, TestKeyring());
  Certificate issued;
  {
    auto c = database_->Acquire();
    storage::Transaction transaction(*c);
    issued = service.issuer().Issue(*c, Sample("test:ct:2"), kNow);
    transaction.Commit();
  }
  EXPECT_EQ(service.Revoke(holder_, issued.serial, "错误", kNow).error().code, core::ErrorCode::kForbidden);
  EXPECT_EQ(service.Revoke(officer_, issued.serial, " ", kNow).error().code, core::ErrorCode::kValidationFailed);
  ASSERT_TRUE(service.Revoke(officer_, issued.serial, "考核作弊", kNow + 1).ok());
  EXPECT_EQ(service.Verify(issued.serial, kNow + 2).status, Status::kRevoked);
  EXPECT_EQ(service.Revoke(officer_, issued.serial, "again", kNow + 3).error().code, core::ErrorCode::kConflict);
  EXPECT_FALSE(service.Pdf(holder_, issued.serial, {}).ok());
}

TEST_P(CertificateStoreTest, UnionStaffRevokeTheTrainingCertificatesOfTheirArea) {
  CertificateService service(*database_, TestKeyring());
  Certificate training;
  Certificate letter;
  accounts::Principal union_staff;
  accounts::Principal elsewhere;
  {
    auto c = database_->Acquire();
    areas::TestArea(*c, "T-CX", "", "street", "别的街道", "T-CX/");
    union_staff = accounts::TestAccount(*c, "ct-union", accounts::Role::kUnionStaff, "T-CT", "T-CT/");
    elsewhere = accounts::TestAccount(*c, "ct-union-x", accounts::Role::kUnionStaff, "T-CX", "T-CX/");
    storage::Transaction transaction(*c);
    training = service.issuer().Issue(*c, Sample("test:ct:union-1"), kNow);
    Request appointment = Sample("test:ct:union-2");
    appointment.kind = Kind::kAppointment;
    letter = service.issuer().Issue(*c, appointment, kNow);
    transaction.Commit();
  }
  EXPECT_TRUE(MayRevoke(accounts::Role::kUnionStaff, Kind::kTraining));
  EXPECT_FALSE(MayRevoke(accounts::Role::kUnionStaff, Kind::kAppointment));
  EXPECT_FALSE(MayRevoke(accounts::Role::kStationKeeper, Kind::kTraining));
  EXPECT_TRUE(MayRevoke(accounts::Role::kCommunityOfficer, Kind::kVolunteerHours));
  EXPECT_EQ(service.Revoke(elsewhere, training.serial, "不是本区的", kNow).error().code, core::ErrorCode::kForbidden);
  EXPECT_EQ(service.Revoke(union_staff, letter.serial, "聘书归组织方", kNow).error().code, core::ErrorCode::kForbidden);
  ASSERT_TRUE(service.Revoke(union_staff, training.serial, "考核登记有误", kNow + 1).ok());
  EXPECT_EQ(service.Verify(training.serial, kNow + 2).status, Status::kRevoked);
}

TEST_P(CertificateStoreTest, ATamperedRowIsUnknown) {
  CertificateService service(*database_, TestKeyring());
  auto c = database_->Acquire();
  Certificate issued;
  {
    storage::Transaction transaction(*c);
    issued = service.issuer().Issue(*c, Sample("test:ct:3"), kNow);
    transaction.Commit();
  }
  c->Execute("UPDATE certificates SET title = '高级技师' WHERE serial = ?", {issued.serial});
  EXPECT_EQ(service.Verify(issued.serial, kNow).status, Status::kUnknown);
}

TEST_P(CertificateStoreTest, AReplacedKeyFileSignsWithANewKeyAndOldSignaturesStillHold) {
  // A table of its own, so that other tests' keys do not interfere.
  auto c = database_->Acquire();
  const std::string id =
      c->dialect() == storage::Dialect::kSqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
  c->ExecuteScript("CREATE TABLE IF NOT EXISTS test_signing_keys (id " + id +
                   ", public_key TEXT NOT NULL, sealed_secret TEXT NOT NULL, created_at BIGINT NOT NULL)");
  c->Execute("DELETE FROM test_signing_keys");
  constexpr KeyTable kTable{"test_signing_keys", "test-key"};
  const core::Keyring first_ring = core::Keyring::Ephemeral();
  const core::Keyring second_ring = core::Keyring::Ephemeral();
  long long first_id = 0;
  std::string first_signature;
  {
    const OpenedKey key = NewestSigningKey(*c, first_ring, kTable, kNow);
    first_id = key.id();
    first_signature = key.Sign("text one");
  }
  EXPECT_EQ(NewestSigningKey(*c, first_ring, kTable, kNow).id(), first_id) << "made once, then reused";
  const OpenedKey second = NewestSigningKey(*c, second_ring, kTable, kNow);
  EXPECT_NE(second.id(), first_id) << "the old secret does not open under another key file";
  EXPECT_TRUE(SignedByKey(*c, kTable, first_id, "text one", first_signature));
  EXPECT_FALSE(SignedByKey(*c, kTable, first_id, "text two", first_signature));
  EXPECT_FALSE(SignedByKey(*c, kTable, second.id(), "text one", first_signature));
  EXPECT_TRUE(SignedByKey(*c, kTable, second.id(), "text two", second.Sign("text two")));
  c->ExecuteScript("DROP TABLE test_signing_keys");
}

INSTANTIATE_TEST_SUITE_P(Backends, CertificateStoreTest, ::testing::ValuesIn(storage::TestDatabaseUrls("certificates")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::certificates
