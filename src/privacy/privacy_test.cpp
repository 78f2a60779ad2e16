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
    for (const char* table :
         {"wish_claims", "wishes", "sponsor_members", "sponsors", "honour_vote_flags", "honour_votes",
          "honour_certificates", "honour_signing_keys", "honour_nominations", "honour_campaigns", "handover_ratings",
          "points_expiry_reminders", "points_wrong_codes"}) {
      c->Execute(std::string("DELETE FROM ") + table);
    }
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
    SeedIssue16();
  }

  // Wishes, hand-over ratings, honours, reminders and a sponsor account (issue 16).
  void SeedIssue16() {
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO accounts (id, login, display_name, role, area_code, password_hash, created_at) VALUES "
        "(43, 'sponsor-43', '李经理', 'sponsor', 'P-A', 'hash', 0)");
    c->Execute(
        "INSERT INTO sponsors (id, name, kind, area_code, intro, created_at) VALUES (81, '爱心企业', 'company', "
        "'P-A', '', 0)");
    c->Execute("INSERT INTO sponsor_members (account_id, sponsor_id) VALUES (43, 81)");
    c->Execute(
        "INSERT INTO wishes (id, worker_id, worker_account_id, worker_kind, area_code, area_path, title, reason, "
        "category, value_yuan, status, posted_by_account_id, posted_by, created_at, updated_at) VALUES "
        "(91, 51, 41, 'food', 'P-A', 'P-A/', '一台冰箱', '妹妹生病，王家需要', 'household', 800, 'claimed', 41, "
        "'r100041', 0, 0), "
        "(92, 51, 41, 'food', 'P-A', 'P-A/', '一个头盔', '旧的坏了', 'safety', 100, 'confirmed', 41, 'r100041', 0, "
        "0), "
        "(93, 52, 42, 'food', 'P-A', 'P-A/', '一双雨靴', '雨天送餐', 'safety', 60, 'verified', 42, 'r100042', 0, 0)");
    c->Execute(
        "INSERT INTO wish_claims (id, wish_id, sponsor_id, account_id, status, claimed_at, due_at) VALUES "
        "(101, 91, 81, 43, 'active', ?, ?)",
        {now_, now_ + 7 * kDay});
    c->Execute(
        "INSERT INTO wish_claims (id, wish_id, sponsor_id, account_id, status, claimed_at, due_at, fulfilled_at, "
        "note, photo_type, photo_base64, thumb_base64, photo_public_id, confirmed_at, thanks) VALUES "
        "(102, 92, 81, 43, 'fulfilled', ?, ?, ?, '送到王骑手手上', 'image/jpeg', 'DDDD', 'EEEE', 'wish-photo-102', "
        "?, '谢谢李经理')",
        {now_ - 5 * kDay, now_ + 2 * kDay, now_ - 3 * kDay, now_ - 2 * kDay});
    c->Execute(
        "INSERT INTO handover_ratings (place_id, worker_id, day, month, wait, place_to_wait, respect, comment, at) "
        "VALUES (61, 51, '2025-10-01', '2025-10', '5_10', 1, 4, '老板认识我，王师傅', ?), "
        "(61, 52, '2026-12-01', '2026-12', 'over_20', 0, 2, '等太久', ?)",
        {now_ - 400 * kDay, now_ - kDay});
    c->Execute(
        "INSERT INTO honour_campaigns (id, title, kind, area_code, area_path, stage, nominating_until, "
        "reviewing_until, voting_until, winners, votes_per_person, created_by, created_at, announced_at) VALUES "
        "(111, '去年最美骑手', 'best_rider', 'P-A', 'P-A/', 'announced', 0, 0, 0, 1, 3, 'demo-street', 0, 0), "
        "(112, '今年最美骑手', 'best_rider', 'P-A', 'P-A/', 'voting', 0, 0, ?, 1, 3, 'demo-street', 0, NULL)",
        {now_ + 10 * kDay});
    c->Execute(
        "INSERT INTO honour_nominations (id, campaign_id, nominee_ref, worker_id, account_id, nominee_name, "
        "nominee_kind, citation, evidence_json, status, nominated_by, nominated_at, result_rank, winner) VALUES "
        "(121, 111, 'worker:51', 51, 41, '王骑手', 'food', '王骑手风雨无阻', '{}', 'accepted', 'demo-community', 0, "
        "1, 1), "
        "(122, 112, 'worker:51', 51, 41, '王骑手', 'food', '王骑手救人', '{}', 'accepted', 'demo-community', 0, "
        "NULL, 0), "
        "(123, 112, 'worker:52', 52, 42, '赵骑手', 'food', '赵骑手热心', '{}', 'accepted', 'r100041', 0, NULL, 0)");
    c->Execute(
        "INSERT INTO honour_signing_keys (id, public_key, sealed_secret, created_at) VALUES (131, 'pk', 'sealed', "
        "0)");
    c->Execute(
        "INSERT INTO honour_certificates (serial, campaign_id, nomination_id, nominee_name, key_id, signature, "
        "issued_at) VALUES ('HC-111-121', 111, 121, '王骑手', 131, 'signature', 0)");
    c->Execute(
        "INSERT INTO honour_votes (campaign_id, nomination_id, voter_account_id, slot, address_digest, at) VALUES "
        "(112, 123, 41, 1, 'address-41', ?), (112, 122, 42, 1, 'address-42', ?)",
        {now_, now_});
    c->Execute(
        "INSERT INTO points_expiry_reminders (account_id, month, points, before_date, at) VALUES "
        "(41, '2026-08', 30, '2026-09-30', ?), (42, '2026-12', 10, '2027-01-31', ?)",
        {now_ - 100 * kDay, now_});
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

/// True when any text of the export holds `needle`.
bool Mentions(const WorkerData& data, std::string_view needle) {
  for (const auto& section : data.sections) {
    for (const auto& row : section.rows) {
      for (const auto& value : row) {
        if (const auto* text = std::get_if<std::string>(&value); text && text->find(needle) != std::string::npos)
          return true;
      }
    }
  }
  return false;
}

TEST_P(PrivacyTest, ExportHoldsTheWorkersWishesRatingsHonoursAndVotesAndNobodyElsesName) {
  WorkerDataService service(*database_, keyring_);
  auto data = service.Export(Worker(41, "r100041"));
  ASSERT_TRUE(data.ok());
  const Section* wishes = Find(*data, "wishes");
  ASSERT_NE(wishes, nullptr);
  ASSERT_EQ(wishes->rows.size(), 2U);
  EXPECT_EQ(std::get<std::string>(wishes->rows[0][1]), "一台冰箱");
  const Section* claims = Find(*data, "wish_claims");
  ASSERT_NE(claims, nullptr);
  ASSERT_EQ(claims->rows.size(), 2U);
  EXPECT_EQ(std::get<std::string>(claims->rows[0][1]), "爱心企业");  // the organisation, not its member
  EXPECT_EQ(std::get<std::string>(claims->rows[1][2]), "fulfilled");
  EXPECT_EQ(std::get<std::string>(claims->rows[1][8]), "DDDD");  // the fulfilment photo
  EXPECT_EQ(std::get<std::string>(claims->rows[1][10]), "谢谢李经理");
  const Section* ratings = Find(*data, "handover_ratings");
  ASSERT_NE(ratings, nullptr);
  ASSERT_EQ(ratings->rows.size(), 1U);
  EXPECT_EQ(std::get<std::string>(ratings->rows[0][0]), "驿站");
  EXPECT_EQ(std::get<std::string>(ratings->rows[0][5]), "老板认识我，王师傅");
  const Section* nominations = Find(*data, "honour_nominations");
  ASSERT_NE(nominations, nullptr);
  ASSERT_EQ(nominations->rows.size(), 2U);
  EXPECT_EQ(std::get<std::string>(nominations->rows[0][0]), "去年最美骑手");
  EXPECT_EQ(std::get<std::string>(nominations->rows[0][11]), "HC-111-121");
  EXPECT_TRUE(std::holds_alternative<std::nullptr_t>(nominations->rows[1][11]));  // no certificate yet
  const Section* votes = Find(*data, "honour_votes");
  ASSERT_NE(votes, nullptr);
  ASSERT_EQ(votes->rows.size(), 1U);
  EXPECT_EQ(std::get<std::string>(votes->rows[0][0]), "今年最美骑手");
  EXPECT_EQ(std::get<std::string>(votes->rows[0][1]), "赵**");  // the nominee as the public sees them
  ASSERT_NE(Find(*data, "points_expiry_reminders"), nullptr);
  EXPECT_EQ(Find(*data, "points_expiry_reminders")->rows.size(), 1U);
  EXPECT_TRUE(Find(*data, "sponsor")->rows.empty());
  // Nothing of another person: the other worker, the sponsor's member, their texts.
  EXPECT_FALSE(Mentions(*data, "赵骑手"));
  EXPECT_FALSE(Mentions(*data, "一双雨靴"));
  EXPECT_FALSE(Mentions(*data, "等太久"));
  EXPECT_FALSE(Mentions(*data, "sponsor-43"));

  // The sponsor's download names its organisation.
  accounts::Principal sponsor = Worker(43, "sponsor-43");
  sponsor.role = accounts::Role::kSponsor;
  auto sponsor_data = service.Export(sponsor);
  ASSERT_TRUE(sponsor_data.ok());
  ASSERT_EQ(Find(*sponsor_data, "sponsor")->rows.size(), 1U);
  EXPECT_EQ(std::get<std::string>(Find(*sponsor_data, "sponsor")->rows[0][0]), "爱心企业");
  EXPECT_FALSE(Mentions(*sponsor_data, "王骑手"));
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
  EXPECT_EQ(erased->photos_deleted, 3);  // the worker's photo, the report photo, a wish's fulfilment photo
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

TEST_P(PrivacyTest, ErasureClearsWishesRatingsAndHonoursAndKeepsTheirCounts) {
  WorkerDataService service(*database_, keyring_);
  auto c = database_->Acquire();
  const long long transfers = c->QueryInt("SELECT COUNT(*) FROM points_transfers");
  ASSERT_TRUE(service.Erase(Worker(41, "r100041"), kErasureConfirmation).ok());
  // The open wish is withdrawn with its claim; the fulfilled one stays, without its texts and photo.
  auto open = c->QueryOne("SELECT status, title, reason, posted_by FROM wishes WHERE id = 91");
  EXPECT_EQ(open->Text(0), "withdrawn");
  EXPECT_EQ(open->Text(1), "");
  EXPECT_EQ(open->Text(2), "");
  EXPECT_EQ(open->Text(3), "erased-41");
  EXPECT_EQ(c->QueryOne("SELECT status FROM wish_claims WHERE id = 101")->Text(0), "withdrawn");
  auto done = c->QueryOne("SELECT status, title FROM wishes WHERE id = 92");
  EXPECT_EQ(done->Text(0), "confirmed");
  EXPECT_EQ(done->Text(1), "");
  auto claim = c->QueryOne(
      "SELECT status, photo_base64, thumb_base64, photo_public_id, note, thanks, confirmed_at FROM wish_claims "
      "WHERE id = 102");
  EXPECT_EQ(claim->Text(0), "fulfilled");
  EXPECT_TRUE(claim->IsNull(1));
  EXPECT_TRUE(claim->IsNull(2));
  EXPECT_TRUE(claim->IsNull(3));
  EXPECT_TRUE(claim->IsNull(4));
  EXPECT_EQ(claim->Text(5), "");
  EXPECT_FALSE(claim->IsNull(6));
  // The other worker's wish and rating are untouched; the ratings keep their answers.
  auto other = c->QueryOne("SELECT status, title FROM wishes WHERE id = 93");
  EXPECT_EQ(other->Text(0), "verified");
  EXPECT_EQ(other->Text(1), "一双雨靴");
  auto rating = c->QueryOne("SELECT comment, respect FROM handover_ratings WHERE worker_id = 51");
  EXPECT_EQ(rating->Text(0), "");
  EXPECT_EQ(rating->Int(1), 4);
  EXPECT_EQ(c->QueryOne("SELECT comment FROM handover_ratings WHERE worker_id = 52")->Text(0), "等太久");
  // Honours: the announced result stands without the name; the running campaign loses the nominee.
  auto won = c->QueryOne(
      "SELECT nominee_name, citation, status, winner, result_rank FROM honour_nominations "
      "WHERE id = 121");
  EXPECT_EQ(won->Text(0), "");
  EXPECT_EQ(won->Text(1), "");
  EXPECT_EQ(won->Text(2), "accepted");
  EXPECT_EQ(won->Int(3), 1);
  EXPECT_EQ(won->Int(4), 1);
  auto running = c->QueryOne("SELECT nominee_name, status FROM honour_nominations WHERE id = 122");
  EXPECT_EQ(running->Text(0), "");
  EXPECT_EQ(running->Text(1), "rejected");
  auto nominated = c->QueryOne("SELECT nominee_name, status, nominated_by FROM honour_nominations WHERE id = 123");
  EXPECT_EQ(nominated->Text(0), "赵骑手");
  EXPECT_EQ(nominated->Text(1), "accepted");
  EXPECT_EQ(nominated->Text(2), "erased-41");
  auto certificate = c->QueryOne("SELECT nominee_name, revoked_at, revoke_reason FROM honour_certificates");
  EXPECT_EQ(certificate->Text(0), "");
  EXPECT_FALSE(certificate->IsNull(1));
  EXPECT_EQ(certificate->Text(2), "erased");
  // Votes stay counted; reminders go; the ledger is never touched.
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM honour_votes WHERE voter_account_id = 41"), 1);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_expiry_reminders WHERE account_id = 41"), 0);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_expiry_reminders WHERE account_id = 42"), 1);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_transfers"), transfers);
}

TEST_P(PrivacyTest, RetentionDeletesOnlyWhatOutlivedItsPeriod) {
  const Purged purged = PurgeExpired(*database_, RetentionPeriods{}, now_);
  EXPECT_EQ(purged.report_photos, 1);      // report 71 closed 400 days ago; 72 is open
  EXPECT_EQ(purged.checkins, 1);           // 400 days old; the day-old one stays
  EXPECT_EQ(purged.audit_entries, 1);      // four years old
  EXPECT_EQ(purged.sessions, 1);           // expired yesterday
  EXPECT_EQ(purged.handover_comments, 1);  // 400 days old; yesterday's stays
  EXPECT_EQ(purged.expiry_reminders, 1);   // 100 days old
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM report_media WHERE report_id = 72"), 1);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM place_checkins"), 1);
  EXPECT_EQ(c->QueryOne("SELECT comment FROM handover_ratings WHERE worker_id = 51")->Text(0), "");
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM handover_ratings"), 2);  // the answers stay for the lists
  EXPECT_EQ(c->QueryOne("SELECT comment FROM handover_ratings WHERE worker_id = 52")->Text(0), "等太久");
  EXPECT_EQ(PurgeExpired(*database_, RetentionPeriods{}, now_).total(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, PrivacyTest, ::testing::ValuesIn(storage::TestDatabaseUrls("youhao_privacy_test")),
                         [](const auto& backend) { return storage::BackendName(backend.param); });

}  // namespace
}  // namespace youhao::privacy
