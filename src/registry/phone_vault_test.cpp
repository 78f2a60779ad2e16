// Phones kept by the vault: sealed, digested under the key file, masked; the start-up conversion of
// phones kept in plain text (and of logins that were phones); re-sealing after a key rotation; and
// the registration paths that go through it. On SQLite, and on PostgreSQL when YOUHAO_TEST_PG_URL
// is set.
#include "registry/phone_vault.h"

#include <gtest/gtest.h>

#include <regex>

#include "accounts/account_service.h"
#include "core/random.h"
#include "registry/registration_service.h"
#include "storage/test_databases.h"

namespace youhao::registry {
namespace {

constexpr std::string_view kArea = "T-PV";
constexpr std::string_view kAreaPath = "T-PV/";

core::Keyring::Key FixedKey(unsigned char fill) {
  core::Keyring::Key key{};
  key.fill(fill);
  return key;
}

TEST(PhoneVault, SealsDigestsOpensAndMasks) {
  core::InitCrypto();
  const core::Keyring keyring(std::vector<core::Keyring::Key>{FixedKey(1)});
  const PhoneVault vault(keyring);
  const auto first = vault.Store("13812345678");
  const auto second = vault.Store("13812345678");
  EXPECT_EQ(first.digest, second.digest) << "one phone, one digest: the UNIQUE look-up";
  EXPECT_EQ(first.digest, vault.Digest("13812345678"));
  EXPECT_NE(first.digest, vault.Digest("13812345679"));
  EXPECT_EQ(first.digest.size(), 64u);
  EXPECT_NE(first.sealed, second.sealed) << "a fresh nonce each time";
  EXPECT_EQ(first.sealed.find("12345678"), std::string::npos);
  EXPECT_EQ(first.digest.find("12345678"), std::string::npos);
  EXPECT_EQ(vault.Open(first.sealed), std::optional<std::string>("13812345678"));
  EXPECT_EQ(vault.Masked(first.sealed), "138****5678");
  EXPECT_EQ(vault.Masked("not sealed"), "");

  // Another key file opens nothing and digests differently: a copy of the database is not enough.
  const core::Keyring other(std::vector<core::Keyring::Key>{FixedKey(2)});
  const PhoneVault stranger(other);
  EXPECT_EQ(stranger.Open(first.sealed), std::nullopt);
  EXPECT_EQ(stranger.Masked(first.sealed), "");
  EXPECT_NE(stranger.Digest("13812345678"), first.digest);
  // Nor is a phone sealed for another purpose a phone.
  EXPECT_EQ(vault.Open(keyring.Seal("issuer-key", "13812345678")), std::nullopt);

  // Codes: keyed, tied to the phone, and phone_codes' digests are not workers' digests.
  EXPECT_NE(vault.CodePhoneDigest("13812345678"), first.digest);
  const std::string code = vault.CodeDigest("13812345678", "123456");
  EXPECT_TRUE(vault.CodeMatches(code, "13812345678", "123456"));
  EXPECT_FALSE(vault.CodeMatches(code, "13812345678", "123457"));
  EXPECT_FALSE(vault.CodeMatches(code, "13812345679", "123456"));
  EXPECT_NE(code, core::HashToken("code:13812345678:123456")) << "no longer an unkeyed hash";
}

TEST(PhoneVault, MatchesEveryKeyOfARotatingRing) {
  core::InitCrypto();
  const core::Keyring old_ring(std::vector<core::Keyring::Key>{FixedKey(1)});
  const core::Keyring rotating(std::vector<core::Keyring::Key>{FixedKey(3), FixedKey(1)});
  const PhoneVault before(old_ring);
  const PhoneVault during(rotating);
  const DigestMatch match = during.Match("w.phone_digest", "13812345678");
  EXPECT_EQ(match.condition, "w.phone_digest IN (?, ?)");
  ASSERT_EQ(match.params.size(), 2u);
  EXPECT_EQ(std::get<std::string>(match.params[0]), during.Digest("13812345678")) << "the current key first";
  EXPECT_EQ(std::get<std::string>(match.params[1]), before.Digest("13812345678"));
  EXPECT_EQ(during.Open(before.Store("13812345678").sealed), std::optional<std::string>("13812345678"));
  const std::string old_code = before.CodeDigest("13812345678", "654321");
  EXPECT_TRUE(during.CodeMatches(old_code, "13812345678", "654321"));
}

TEST(PhoneVault, KnowsAMobileNumber) {
  EXPECT_TRUE(IsMobilePhone("13800138000"));
  EXPECT_TRUE(IsMobilePhone("19912345678"));
  EXPECT_FALSE(IsMobilePhone("12800138000"));
  EXPECT_FALSE(IsMobilePhone("1380013800"));
  EXPECT_FALSE(IsMobilePhone("138001380000"));
  EXPECT_FALSE(IsMobilePhone("1380013800a"));
  EXPECT_FALSE(IsMobilePhone("r1234567"));
}

class PhoneStorageTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    auto c = database_->Acquire();
    Clean(*c);
    c->Execute("INSERT INTO areas (code, level, name_zh, name_en, path) VALUES (?, 'community', '测试社区', 'T', ?)",
               {std::string(kArea), std::string(kAreaPath)});
  }
  void TearDown() override {
    auto c = database_->Acquire();
    Clean(*c);
  }
  static void Clean(storage::Connection& c) {
    const std::string area(kArea);
    c.Execute("DELETE FROM worker_status_history WHERE worker_id IN (SELECT id FROM workers WHERE area_code = ?)",
              {area});
    c.Execute("DELETE FROM notifications WHERE message = 'pv-hello'");
    c.Execute("DELETE FROM phone_codes");
    c.Execute("DELETE FROM audit_log WHERE area_code = ?", {area});
    c.Execute("DELETE FROM sessions WHERE account_id IN (SELECT id FROM accounts WHERE area_code = ?)", {area});
    c.Execute("DELETE FROM workers WHERE area_code = ?", {area});
    c.Execute("DELETE FROM depots WHERE area_code = ?", {area});
    c.Execute("DELETE FROM accounts WHERE area_code = ?", {area});
    c.Execute("DELETE FROM areas WHERE code = ?", {area});
  }
  long long Account(storage::Connection& c, const std::string& login, const std::string& role = "worker") {
    return c
        .QueryOne(
            "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) "
            "VALUES (?, ?, ?, ?, 'x', 0, 0) RETURNING id",
            {login, login, role, std::string(kArea)})
        ->Int(0);
  }
  /// A worker row as kept before phones were sealed: the phone itself in phone_digest.
  long long PlainWorker(storage::Connection& c, std::optional<long long> account, const std::string& phone) {
    return c
        .QueryOne(
            "INSERT INTO workers (account_id, name, phone_digest, kind, platform, area_code, area_path, status, "
            "created_at) VALUES (?, '张小哥', ?, 'food', '美团', ?, ?, 'verified', 0) RETURNING id",
            {account ? storage::Value{*account} : storage::Value{nullptr}, phone, std::string(kArea),
             std::string(kAreaPath)})
        ->Int(0);
  }
  long long SealedWorker(storage::Connection& c, const PhoneVault& vault, std::optional<long long> account,
                         const std::string& phone) {
    const auto stored = vault.Store(phone);
    return c
        .QueryOne(
            "INSERT INTO workers (account_id, name, phone_digest, phone_sealed, kind, platform, area_code, area_path, "
            "status, created_at) VALUES (?, '王师傅', ?, ?, 'parcel', '顺丰', ?, ?, 'verified', 0) RETURNING id",
            {account ? storage::Value{*account} : storage::Value{nullptr}, stored.digest, stored.sealed,
             std::string(kArea), std::string(kAreaPath)})
        ->Int(0);
  }
  /// Rows of our area's tables that hold `text` anywhere a phone could have been written.
  long long RowsHolding(storage::Connection& c, const std::string& text) {
    const std::string like = "%" + text + "%";
    const std::string area(kArea);
    return c.QueryInt(
               "SELECT COUNT(*) FROM workers WHERE area_code = ? AND (phone_digest LIKE ? OR phone_sealed LIKE ?)",
               {area, like, like}) +
           c.QueryInt("SELECT COUNT(*) FROM accounts WHERE area_code = ? AND login LIKE ?", {area, like}) +
           c.QueryInt(
               "SELECT COUNT(*) FROM audit_log WHERE area_code = ? AND (actor_login LIKE ? OR after_json LIKE ? OR "
               "before_json LIKE ?)",
               {area, like, like, like}) +
           c.QueryInt("SELECT COUNT(*) FROM worker_status_history WHERE actor_login LIKE ?", {like}) +
           c.QueryInt("SELECT COUNT(*) FROM notifications WHERE login LIKE ?", {like});
  }

  std::unique_ptr<storage::Database> database_;
};

TEST_P(PhoneStorageTest, SealsPlainPhonesAndRenamesPhoneLoginsOnce) {
  const core::Keyring keyring = core::Keyring::Ephemeral();
  const PhoneVault vault(keyring);
  const std::string rider_phone = "13912340001";
  const std::string entered_phone = "13912340002";
  long long rider_account = 0, rider_worker = 0, entered_worker = 0, erased_worker = 0, staff = 0;
  {
    auto c = database_->Acquire();
    // A self-registered rider of an older version: the login is the phone.
    rider_account = Account(*c, rider_phone);
    rider_worker = PlainWorker(*c, rider_account, rider_phone);
    // A rider an officer entered, without an account, and an erased record.
    entered_worker = PlainWorker(*c, std::nullopt, entered_phone);
    erased_worker = c->QueryOne(
                         "INSERT INTO workers (name, phone_digest, kind, platform, area_code, area_path, status, "
                         "created_at) VALUES ('', 'erased:abcdefghijklmnopqrstuv', 'food', '美团', ?, ?, 'revoked', 0) "
                         "RETURNING id",
                         {std::string(kArea), std::string(kAreaPath)})
                        ->Int(0);
    // An officer whose login is no phone of any worker: not renamed.
    staff = Account(*c, "pv-officer", "community_officer");
    c->Execute(
        "INSERT INTO audit_log (at, actor_account_id, actor_login, action, entity, entity_id, area_code, after_json) "
        "VALUES (1, ?, ?, 'place.create', 'place', '9', ?, '{}'), "
        "(2, ?, 'pv-officer', 'account.create', 'account', ?, ?, ?)",
        {rider_account, rider_phone, std::string(kArea), staff, std::to_string(rider_account), std::string(kArea),
         R"({"login":")" + rider_phone + R"(","role":"worker"})"});
    c->Execute(
        "INSERT INTO worker_status_history (worker_id, at, from_status, to_status, reason, actor_login) VALUES "
        "(?, 1, 'pending', 'pending', 'registered in the worker app', ?), (?, 2, 'pending', 'verified', 'ok', "
        "'pv-officer')",
        {rider_worker, rider_phone, rider_worker});
    c->Execute("INSERT INTO notifications (login, message, at) VALUES (?, 'pv-hello', 1)", {rider_phone});
  }

  const PhoneConversion first = SealPlaintextPhones(*database_, keyring);
  EXPECT_GE(first.sealed, 2);
  EXPECT_GE(first.renamed, 1);

  auto c = database_->Acquire();
  for (const auto& [id, phone] : {std::pair{rider_worker, rider_phone}, std::pair{entered_worker, entered_phone}}) {
    auto row = c->QueryOne("SELECT phone_digest, phone_sealed FROM workers WHERE id = ?", {id});
    ASSERT_TRUE(row && !row->IsNull(1));
    EXPECT_EQ(row->Text(0), vault.Digest(phone));
    EXPECT_EQ(vault.Open(row->Text(1)), std::optional<std::string>(phone));
    EXPECT_EQ(RowsHolding(*c, phone), 0) << phone << " is nowhere in plain text";
  }
  auto erased = c->QueryOne("SELECT phone_digest, phone_sealed FROM workers WHERE id = ?", {erased_worker});
  EXPECT_EQ(erased->Text(0), "erased:abcdefghijklmnopqrstuv") << "an erased record stays erased";
  EXPECT_TRUE(erased->IsNull(1));

  const std::string login = c->QueryOne("SELECT login FROM accounts WHERE id = ?", {rider_account})->Text(0);
  EXPECT_TRUE(std::regex_match(login, std::regex("r[0-9]{7}"))) << login;
  EXPECT_EQ(c->QueryOne("SELECT login FROM accounts WHERE id = ?", {staff})->Text(0), "pv-officer");
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM audit_log WHERE actor_login = ? AND area_code = ?",
                        {login, std::string(kArea)}),
            1);
  EXPECT_NE(c->QueryOne("SELECT after_json FROM audit_log WHERE entity = 'account' AND entity_id = ?",
                        {std::to_string(rider_account)})
                ->Text(0)
                .find(R"("login":")" + login + "\""),
            std::string::npos);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM worker_status_history WHERE worker_id = ? AND actor_login = ?",
                        {rider_worker, login}),
            1);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM worker_status_history WHERE worker_id = ? AND actor_login = 'pv-officer'",
                        {rider_worker}),
            1);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM notifications WHERE login = ?", {login}), 1);

  // The look-up by phone finds the worker and their account.
  auto found = vault.FindWorker(*c, rider_phone);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->worker_id, rider_worker);
  EXPECT_EQ(found->account_id, std::optional<long long>(rider_account));
  EXPECT_FALSE(vault.FindWorker(*c, "13912340003"));

  // Idempotent: nothing left to do, and nothing changes.
  const std::string sealed_before =
      c->QueryOne("SELECT phone_sealed FROM workers WHERE id = ?", {rider_worker})->Text(0);
  const PhoneConversion second = SealPlaintextPhones(*database_, keyring);
  EXPECT_EQ(second.sealed, 0);
  EXPECT_EQ(second.renamed, 0);
  EXPECT_EQ(c->QueryOne("SELECT phone_sealed FROM workers WHERE id = ?", {rider_worker})->Text(0), sealed_before);
  EXPECT_EQ(c->QueryOne("SELECT login FROM accounts WHERE id = ?", {rider_account})->Text(0), login);

  // The wrong key file is refused before anything changes.
  const core::Keyring wrong = core::Keyring::Ephemeral();
  EXPECT_THROW(SealPlaintextPhones(*database_, wrong), PhonesUnreadable);
  EXPECT_EQ(c->QueryOne("SELECT phone_sealed FROM workers WHERE id = ?", {rider_worker})->Text(0), sealed_before);
}

TEST_P(PhoneStorageTest, ResealsUnderTheNewKeyOfARotation) {
  const core::Keyring old_ring(std::vector<core::Keyring::Key>{FixedKey(4)});
  const core::Keyring rotating(std::vector<core::Keyring::Key>{FixedKey(5), FixedKey(4)});
  const core::Keyring new_only(std::vector<core::Keyring::Key>{FixedKey(5)});
  const PhoneVault before(old_ring);
  const PhoneVault during(rotating);
  const PhoneVault after(new_only);
  long long worker = 0;
  {
    auto c = database_->Acquire();
    worker = SealedWorker(*c, before, std::nullopt, "15012340001");
    SealedWorker(*c, during, std::nullopt, "15012340002");
    // During the rotation the old row is found by its old digest.
    ASSERT_TRUE(during.FindWorker(*c, "15012340001"));
    EXPECT_FALSE(after.FindWorker(*c, "15012340001"));
  }
  EXPECT_EQ(ResealPhones(*database_, rotating), 1) << "only the row sealed under the old key";
  EXPECT_EQ(ResealPhones(*database_, rotating), 0);
  auto c = database_->Acquire();
  auto row = c->QueryOne("SELECT phone_digest, phone_sealed FROM workers WHERE id = ?", {worker});
  EXPECT_EQ(row->Text(0), after.Digest("15012340001"));
  EXPECT_FALSE(rotating.IsSealedUnderOldKey(row->Text(1)));
  // With the old key gone from the file, both phones still open and are found.
  EXPECT_EQ(after.Open(row->Text(1)), std::optional<std::string>("15012340001"));
  EXPECT_TRUE(after.FindWorker(*c, "15012340001"));
  EXPECT_TRUE(after.FindWorker(*c, "15012340002"));
}

TEST_P(PhoneStorageTest, RegistersARiderWhoseLoginIsNotThePhoneAndAuditsFullReads) {
  const core::Keyring keyring = core::Keyring::Ephemeral();
  const PhoneVault vault(keyring);
  areas::AreaService areas(*database_);
  accounts::LoginThrottle throttle;
  accounts::AccountService accounts(*database_, areas, throttle);
  RegistrationService registration(*database_, accounts, vault);
  std::string sent_code;
  registration.SetCodeSender([&](std::string_view, std::string_view code) { sent_code = std::string(code); }, false);
  long long depot = 0;
  {
    auto c = database_->Acquire();
    depot = c->QueryOne(
                 "INSERT INTO depots (name, platform, area_code, area_path) VALUES ('测试站', '美团', ?, ?) "
                 "RETURNING id",
                 {std::string(kArea), std::string(kAreaPath)})
                ->Int(0);
  }
  const std::string phone = "17712340001";
  ASSERT_TRUE(registration.RequestCode(phone, "127.0.0.1", storage::NowSeconds()).ok());
  ASSERT_EQ(sent_code.size(), 6u);
  Registration form{.phone = phone,
                    .password = "rider-secret-2024",
                    .name = "赵骑手",
                    .kind = "food",
                    .platform = "美团",
                    .depot_id = depot,
                    .plate = "",
                    .convention_accepted = true,
                    .code = sent_code};
  auto registered = registration.Register(form);
  ASSERT_TRUE(registered.ok()) << registered.error().detail;
  const std::string login = registered->account.login;
  EXPECT_TRUE(std::regex_match(login, std::regex("r[0-9]{7}"))) << login;
  const long long account_id = registered->account.id;

  auto c = database_->Acquire();
  EXPECT_EQ(RowsHolding(*c, phone), 0) << "the phone is nowhere in plain text";
  EXPECT_EQ(c->QueryOne("SELECT actor_login FROM worker_status_history h JOIN workers w ON w.id = h.worker_id "
                        "WHERE w.account_id = ?",
                        {account_id})
                ->Text(0),
            login);

  // Signing in: by phone and password, by login and password, not by a stranger's password.
  auto by_phone = registration.LoginWithPassword(phone, "rider-secret-2024", "127.0.0.2");
  ASSERT_TRUE(by_phone.ok()) << by_phone.error().detail;
  EXPECT_EQ(by_phone->account.id, account_id);
  auto by_login = registration.LoginWithPassword(login, "rider-secret-2024", "127.0.0.2");
  ASSERT_TRUE(by_login.ok());
  EXPECT_EQ(by_login->account.id, account_id);
  auto wrong = registration.LoginWithPassword(phone, "not-the-password", "127.0.0.2");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, core::ErrorCode::kInvalidCredentials);
  EXPECT_FALSE(registration.LoginWithPassword("17712340009", "rider-secret-2024", "127.0.0.2").ok());
  // The same phone again: conflict, said only after the code proved it.
  sent_code.clear();
  c->Execute("UPDATE phone_codes SET created_at = created_at - 120");
  ASSERT_TRUE(registration.RequestCode(phone, "127.0.0.1", storage::NowSeconds()).ok());
  form.code = sent_code;
  auto again = registration.Register(form);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  // ...and that code, unspent by the refused registration, signs the rider in.
  auto by_code = registration.LoginWithCode(phone, sent_code);
  ASSERT_TRUE(by_code.ok()) << by_code.error().detail;
  EXPECT_EQ(by_code->account.id, account_id);

  // Full reads: the rider themself (not audited), an officer in scope (audited), nobody else.
  auto profile = registration.FindByAccount(account_id);
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->phone_masked, "177****0001");
  accounts::Principal self{.account_id = account_id,
                           .login = login,
                           .role = accounts::Role::kWorker,
                           .area_code = std::string(kArea),
                           .area_path = std::string(kAreaPath)};
  accounts::Principal officer{.account_id = Account(*c, "pv-officer", "community_officer"),
                              .login = "pv-officer",
                              .role = accounts::Role::kCommunityOfficer,
                              .area_code = std::string(kArea),
                              .area_path = std::string(kAreaPath)};
  accounts::Principal elsewhere = officer;
  elsewhere.area_path = "T-ELSEWHERE/";
  accounts::Principal keeper = officer;
  keeper.role = accounts::Role::kStationKeeper;
  const auto audited = [&] {
    return c->QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'worker.phone_read' AND entity_id = ?",
                       {std::to_string(profile->id)});
  };
  EXPECT_EQ(registration.ReadPhone(self, profile->id).value(), phone);
  EXPECT_EQ(audited(), 0);
  EXPECT_EQ(registration.ReadPhone(officer, profile->id).value(), phone);
  EXPECT_EQ(audited(), 1);
  auto entry = c->QueryOne(
      "SELECT actor_login, entity, COALESCE(before_json, ''), COALESCE(after_json, '') FROM audit_log WHERE action = "
      "'worker.phone_read' AND entity_id = ?",
      {std::to_string(profile->id)});
  EXPECT_EQ(entry->Text(0), "pv-officer");
  EXPECT_EQ(entry->Text(1), "worker");
  EXPECT_EQ((entry->Text(2) + entry->Text(3)).find(phone), std::string::npos);
  EXPECT_EQ(registration.ReadPhone(elsewhere, profile->id).error().code, core::ErrorCode::kForbidden);
  EXPECT_EQ(registration.ReadPhone(keeper, profile->id).error().code, core::ErrorCode::kForbidden);
  EXPECT_EQ(registration.ReadPhone(officer, profile->id + 100000).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(audited(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, PhoneStorageTest,
                         ::testing::ValuesIn(storage::TestDatabaseUrls("youhao_phone_vault_test")),
                         [](const auto& backend) { return storage::BackendName(backend.param); });

}  // namespace
}  // namespace youhao::registry
