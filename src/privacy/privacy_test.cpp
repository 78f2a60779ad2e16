// A worker's export and erasure, and the retention purge, on SQLite and on PostgreSQL when
// YOUHAO_TEST_PG_URL is set.
#include <gtest/gtest.h>

#include "core/keyring.h"
#include "privacy/retention.h"
#include "privacy/worker_data.h"
#include "storage/test_databases.h"

namespace youhao::privacy {
namespace {

constexpr long long kDay = 86400;

class PrivacyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::Database::Open(GetParam(), 2);
    auto c = database_->Acquire();
    storage::Migrate(*c);
    for (const char* table : {"report_media",   "report_steps",      "point_awards",
                              "notifications",  "reports",           "place_checkins",
                              "places",         "compound_feedback", "whitelist_changes",
                              "whitelist",      "worker_photos",     "worker_status_history",
                              "passes",         "revocations",       "gate_events",
                              "grid_reporters", "workers",           "sessions",
                              "audit_log",      "accounts"}) {
      c->Execute(std::string("DELETE FROM ") + table);
    }
    c->Execute("DELETE FROM areas WHERE code = 'P-A'");
    c->Execute(
        "INSERT INTO areas (code, level, name_zh, name_en, path) VALUES ('P-A', 'compound', '甲小区', 'A', 'P-A/')");
    c->Execute(
        "INSERT INTO accounts (id, login, display_name, role, area_code, password_hash, created_at) VALUES "
        "(41, 'r100041', '王骑手', 'worker', 'P-A', 'hash', 0), (42, 'r100042', '赵骑手', 'worker', 'P-A', 'hash', 0)");
    c->Execute(
        "INSERT INTO workers (id, account_id, name, phone_digest, phone_sealed, plate, kind, platform, area_code, "
        "area_path, status, created_at) VALUES (51, 41, '王骑手', 'digest-51', ?, '京A12345', 'food', 'meituan', "
        "'P-A', 'P-A/', 'verified', 0), (52, 42, '赵骑手', 'digest-52', NULL, NULL, 'food', 'meituan', 'P-A', "
        "'P-A/', 'verified', 0)",
        {keyring_.Seal("phone", "13912345678")});
    c->Execute(
        "INSERT INTO worker_photos (worker_id, content_type, data_base64, updated_at) VALUES (51, 'image/jpeg', "
        "'AAAA', 0)");
    c->Execute(
        "INSERT INTO places (id, kind, name, area_code, area_path, lat, lon, created_at) VALUES "
        "(61, 'station', '驿站', 'P-A', 'P-A/', 39.9, 116.3, 0)");
    c->Execute(
        "INSERT INTO place_checkins (place_id, worker_id, worker_kind, at, door) VALUES "
        "(61, 51, 'food', ?, 'qr'), (61, 52, 'food', ?, 'qr')",
        {now_ - 400 * kDay, now_ - kDay});
    c->Execute(
        "INSERT INTO compound_feedback (compound_code, worker_id, at, rating, unfair, comment) VALUES "
        "('P-A', 51, ?, 2, 1, '保安态度差，我叫王某')",
        {now_});
    c->Execute("INSERT INTO whitelist (compound_code, worker_id, added_at) VALUES ('P-A', 51, 0)");
    c->Execute(
        "INSERT INTO reports (id, category, status, description, lat, lon, area_code, area_path, reporter_account_id, "
        "reporter_name, created_at, updated_at, due_at, closed_at) VALUES "
        "(71, 'hazard', 'closed', '井盖缺失', 39.9, 116.3, 'P-A', 'P-A/', 41, '王骑手', 0, 0, 0, ?), "
        "(72, 'hazard', 'submitted', '路灯坏了', 39.9, 116.3, 'P-A', 'P-A/', 42, '赵骑手', 0, 0, 0, NULL)",
        {now_ - 400 * kDay});
    c->Execute(
        "INSERT INTO report_media (report_id, uploader_account_id, content_type, data_base64, uploaded_at) VALUES "
        "(71, 41, 'image/jpeg', 'BBBB', 0), (72, 42, 'image/jpeg', 'CCCC', 0)");
    c->Execute(
        "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at) VALUES "
        "('t41', 41, 'c', ?, ?), ('t42', 42, 'c', ?, ?)",
        {now_, now_ + 3600, now_ - 2 * kDay, now_ - kDay});
    c->Execute(
        "INSERT INTO audit_log (at, actor_account_id, actor_login, action, entity, entity_id, before_json, "
        "after_json) VALUES (?, 9, 'demo-community', 'worker.verify', 'worker', '51', '{\"name\":\"王骑手\"}', "
        "'{\"name\":\"王骑手\"}'), (?, 9, 'demo-community', 'worker.verify', 'worker', '52', NULL, NULL)",
        {now_, now_ - 4LL * 365 * kDay});
  }

  accounts::Principal Worker(long long account_id, const std::string& login) {
    accounts::Principal principal;
    principal.account_id = account_id;
    principal.login = login;
    principal.role = accounts::Role::kWorker;
    principal.area_code = "P-A";
    principal.area_path = "P-A/";
    return principal;
  }

  static const Section* Find(const WorkerData& data, std::string_view name) {
    for (const auto& section : data.sections) {
      if (section.name == name) return &section;
    }
    return nullptr;
  }

  core::Keyring keyring_ = core::Keyring::Ephemeral();
  std::unique_ptr<storage::Database> database_;
  long long now_ = storage::NowSeconds();
};

TEST_P(PrivacyTest, ExportHoldsTheWorkersOwnRecordsWithThePhoneOpenedAndNobodyElses) {
  WorkerDataService service(*database_, keyring_);
  auto data = service.Export(Worker(41, "r100041"));
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->worker_id, 51);
  const Section* worker = Find(*data, "worker");
  ASSERT_NE(worker, nullptr);
  ASSERT_EQ(worker->rows.size(), 1U);
  EXPECT_EQ(std::get<std::string>(worker->rows[0][2]), "13912345678");
  ASSERT_NE(Find(*data, "worker_photo"), nullptr);
  EXPECT_EQ(Find(*data, "worker_photo")->rows.size(), 1U);
  EXPECT_EQ(Find(*data, "place_checkins")->rows.size(), 1U);
  ASSERT_EQ(Find(*data, "reports")->rows.size(), 1U);
  EXPECT_EQ(std::get<long long>(Find(*data, "reports")->rows[0][0]), 71);
  ASSERT_EQ(Find(*data, "report_photos")->rows.size(), 1U);
  EXPECT_EQ(std::get<std::string>(Find(*data, "report_photos")->rows[0][2]), "BBBB");
  EXPECT_EQ(Find(*data, "record_log")->rows.size(), 1U);
}

TEST_P(PrivacyTest, ErasureNeedsTheConfirmationAndChangesNothingWithoutIt) {
  WorkerDataService service(*database_, keyring_);
  auto refused = service.Erase(Worker(41, "r100041"), "erase");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kValidationFailed);
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryOne("SELECT name FROM workers WHERE id = 51")->Text(0), "王骑手");
}

TEST_P(PrivacyTest, ErasureRemovesPersonalFieldsAndPhotosAndKeepsAggregates) {
  WorkerDataService service(*database_, keyring_);
  auto erased = service.Erase(Worker(41, "r100041"), kErasureConfirmation);
  ASSERT_TRUE(erased.ok()) << erased.error().detail;
  EXPECT_EQ(erased->photos_deleted, 2);  // the worker's photo and the report photo
  EXPECT_EQ(erased->sessions_ended, 1);
  auto c = database_->Acquire();
  auto worker = c->QueryOne("SELECT name, phone_sealed, plate, status, phone_digest FROM workers WHERE id = 51");
  ASSERT_TRUE(worker);
  EXPECT_EQ(worker->Text(0), "");
  EXPECT_TRUE(worker->IsNull(1));
  EXPECT_TRUE(worker->IsNull(2));
  EXPECT_EQ(worker->Text(3), "revoked");
  EXPECT_NE(worker->Text(4), "digest-51");
  auto account = c->QueryOne("SELECT login, display_name, disabled FROM accounts WHERE id = 41");
  EXPECT_EQ(account->Text(0), "erased-41");
  EXPECT_EQ(account->Text(1), "");
  EXPECT_EQ(account->Int(2), 1);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM worker_photos WHERE worker_id = 51"), 0);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM report_media WHERE uploader_account_id = 41"), 0);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM whitelist WHERE worker_id = 51"), 0);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM whitelist_changes WHERE worker_id = 51 AND action = 'remove'"), 1);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM revocations WHERE kind = 'worker' AND ref_id = 51"), 1);
  EXPECT_EQ(c->QueryOne("SELECT comment FROM compound_feedback WHERE worker_id = 51")->Text(0), "");
  EXPECT_EQ(c->QueryOne("SELECT reporter_name FROM reports WHERE id = 71")->Text(0), "");
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity_id = '51' AND before_json IS NOT NULL"), 0);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'account.erase'"), 1);
  // Aggregates keep their rows: the report, the rating, the check-ins.
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM reports WHERE id = 71"), 1);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM compound_feedback WHERE worker_id = 51"), 1);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM place_checkins WHERE worker_id = 51"), 1);
  // The other worker is untouched, and a second erasure finds nothing to erase.
  EXPECT_EQ(c->QueryOne("SELECT name FROM workers WHERE id = 52")->Text(0), "赵骑手");
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM report_media WHERE uploader_account_id = 42"), 1);
  EXPECT_FALSE(service.Erase(Worker(41, "erased-41"), kErasureConfirmation).ok());
}

TEST_P(PrivacyTest, RetentionDeletesOnlyWhatOutlivedItsPeriod) {
  const Purged purged = PurgeExpired(*database_, RetentionPeriods{}, now_);
  EXPECT_EQ(purged.report_photos, 1);  // report 71 closed 400 days ago; 72 is open
  EXPECT_EQ(purged.checkins, 1);       // 400 days old; the day-old one stays
  EXPECT_EQ(purged.audit_entries, 1);  // four years old
  EXPECT_EQ(purged.sessions, 1);       // expired yesterday
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM report_media WHERE report_id = 72"), 1);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM place_checkins"), 1);
  EXPECT_EQ(PurgeExpired(*database_, RetentionPeriods{}, now_).total(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, PrivacyTest, ::testing::ValuesIn(storage::TestDatabaseUrls("youhao_privacy_test")),
                         [](const auto& backend) { return storage::BackendName(backend.param); });

}  // namespace
}  // namespace youhao::privacy
