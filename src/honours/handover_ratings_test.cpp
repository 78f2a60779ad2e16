#include "honours/handover_ratings.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "accounts/test_accounts.h"
#include "areas/area_service.h"
#include "honours/rankings.h"
#include "storage/test_databases.h"

namespace youhao::honours {
namespace {

constexpr long long kNow = 1'765'000'000;  // 2025-12-06 13:46 Beijing
constexpr long long kDay = 86'400;

class HandoverRatingsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    areas_ = std::make_unique<areas::AreaService>(*database_);
    ratings_ = std::make_unique<HandoverRatings>(*database_);
    rankings_ = std::make_unique<Rankings>(*database_, *areas_, RankingRules{.min_raters = 3, .prior_weight = 2});
    auto c = database_->Acquire();
    for (const char* table : {"published_rankings", "handover_ratings"})
      c->Execute(std::string("DELETE FROM ") + table);
    c->Execute("DELETE FROM gate_events WHERE compound_code LIKE 'T-H%'");
    c->Execute("DELETE FROM compound_feedback WHERE compound_code LIKE 'T-H%'");
    for (const auto& [code, parent, level, path] :
         {std::tuple{"T-H", "", "street", "T-H/"}, std::tuple{"T-H1", "T-H", "compound", "T-H/T-H1/"},
          std::tuple{"T-H2", "T-H", "compound", "T-H/T-H2/"}}) {
      c->Execute(
          "INSERT INTO areas (code, parent_code, level, name_zh, name_en, path) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
          "DO NOTHING",
          {std::string(code), *parent ? storage::Value(std::string(parent)) : storage::Value(nullptr),
           std::string(level), std::string("小区") + code, std::string(code), std::string(path)});
    }
    merchant_ = Person("ht-merchant", accounts::Role::kMerchant, "T-H/");
    other_merchant_ = Person("ht-other", accounts::Role::kMerchant, "T-H/");
    street_ = Person("ht-street", accounts::Role::kStreetOfficer, "T-H/");
    community_ = Person("ht-community", accounts::Role::kCommunityOfficer, "T-H/");
    outsider_ = Person("ht-outsider", accounts::Role::kStreetOfficer, "T-X/");
    shop_ = Place("merchant", "放餐好店", merchant_);
    slow_shop_ = Place("merchant", "慢店", other_merchant_);
    station_ = Place("station", "测试驿站", merchant_);
    for (int i = 0; i < 6; ++i) riders_.push_back(Rider("ht-rider-" + std::to_string(i), "verified"));
    pending_ = Rider("ht-pending", "pending");
  }

  // Leaves no rows that point at places or workers, which other suites clear on a shared database.
  void TearDown() override {
    auto c = database_->Acquire();
    for (const char* table : {"published_rankings", "handover_ratings"})
      c->Execute(std::string("DELETE FROM ") + table);
    c->Execute("DELETE FROM gate_events WHERE compound_code LIKE 'T-H%'");
    c->Execute("DELETE FROM compound_feedback WHERE compound_code LIKE 'T-H%'");
  }

  accounts::Principal Person(const std::string& login, accounts::Role role, const std::string& path) {
    return accounts::TestAccount(*database_->Acquire(), login, role, "T-H", path);
  }

  struct TestRider {
    accounts::Principal principal;
    long long worker_id = 0;
  };

  TestRider Rider(const std::string& login, const std::string& status) {
    TestRider rider{Person(login, accounts::Role::kWorker, "T-H/"), 0};
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO workers (account_id, name, phone_digest, kind, platform, area_code, area_path, status, "
        "created_at) VALUES (?, ?, ?, 'food', '美团', 'T-H', 'T-H/', ?, 0) ON CONFLICT DO NOTHING",
        {rider.principal.account_id, login, "digest-" + login, status});
    rider.worker_id = c->QueryInt("SELECT id FROM workers WHERE account_id = ?", {rider.principal.account_id});
    return rider;
  }

  long long Place(const std::string& kind, const std::string& name, const accounts::Principal& owner) {
    auto c = database_->Acquire();
    return c
        ->QueryOne(
            "INSERT INTO places (kind, name, area_code, area_path, lat, lon, created_at, status, owner_account_id) "
            "VALUES (?, ?, 'T-H1', 'T-H/T-H1/', 39.99, 116.33, 0, 'approved', ?) RETURNING id",
            {kind, name, owner.account_id})
        ->Int(0);
  }

  void Gate(const std::string& compound, long long worker_id, bool allowed, long long at) {
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO gate_events (compound_code, worker_id, direction, at, allowed, code, source, evidence) VALUES "
        "(?, ?, 'in', ?, ?, 'ok', 'online', 'verified')",
        {compound, worker_id, at, static_cast<long long>(allowed ? 1 : 0)});
  }

  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<areas::AreaService> areas_;
  std::unique_ptr<HandoverRatings> ratings_;
  std::unique_ptr<Rankings> rankings_;
  accounts::Principal merchant_, other_merchant_, street_, community_, outsider_;
  long long shop_ = 0, slow_shop_ = 0, station_ = 0;
  std::vector<TestRider> riders_;
  TestRider pending_;
};

TEST_P(HandoverRatingsTest, ASecondRatingTheSameDayReplacesTheFirst) {
  const auto& rider = riders_[0].principal;
  auto first = ratings_->Rate(rider, shop_, {WaitBucket::kOver20, false, 1, " 等太久 "}, kNow);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_FALSE(first->replaced);
  EXPECT_EQ(first->day, "2025-12-06");
  auto again = ratings_->Rate(rider, shop_, {WaitBucket::kUnder5, true, 5, ""}, kNow + 600);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replaced);
  EXPECT_EQ(again->id, first->id);
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM handover_ratings WHERE place_id = ?", {shop_}), 1);
  EXPECT_EQ(c->QueryInt("SELECT respect FROM handover_ratings WHERE place_id = ?", {shop_}), 5);
  // The next Beijing day (midnight is 16:00 UTC) is a new rating.
  auto tomorrow = ratings_->Rate(rider, shop_, {WaitBucket::k5To10, true, 4, ""}, kNow + kDay);
  ASSERT_TRUE(tomorrow.ok());
  EXPECT_FALSE(tomorrow->replaced);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM handover_ratings WHERE place_id = ?", {shop_}), 2);
}

TEST_P(HandoverRatingsTest, OnlyVerifiedWorkersRateMerchants) {
  auto pending = ratings_->Rate(pending_.principal, shop_, {WaitBucket::kUnder5, true, 5, ""}, kNow);
  ASSERT_FALSE(pending.ok());
  EXPECT_EQ(pending.error().name, "worker_not_verified");
  auto station = ratings_->Rate(riders_[0].principal, station_, {WaitBucket::kUnder5, true, 5, ""}, kNow);
  ASSERT_FALSE(station.ok());
  EXPECT_EQ(station.error().name, "place_not_rated");
  auto missing = ratings_->Rate(riders_[0].principal, shop_ + 1000, {WaitBucket::kUnder5, true, 5, ""}, kNow);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
  auto respect = ratings_->Rate(riders_[0].principal, shop_, {WaitBucket::kUnder5, true, 9, ""}, kNow);
  ASSERT_FALSE(respect.ok());
  EXPECT_EQ(respect.error().name, "bad_respect");
}

TEST_P(HandoverRatingsTest, TheMerchantReadsASummaryWithoutNames) {
  ASSERT_TRUE(ratings_->Rate(riders_[0].principal, shop_, {WaitBucket::kUnder5, true, 5, "出餐快"}, kNow).ok());
  ASSERT_TRUE(ratings_->Rate(riders_[1].principal, shop_, {WaitBucket::k10To20, false, 3, ""}, kNow).ok());
  ASSERT_TRUE(
      ratings_->Rate(riders_[1].principal, shop_, {WaitBucket::kOver20, false, 2, "没地方等"}, kNow + kDay).ok());
  auto summary = ratings_->Summary(merchant_, shop_, "2025-12");
  ASSERT_TRUE(summary.ok()) << summary.error().detail;
  EXPECT_EQ(summary->ratings, 3);
  EXPECT_EQ(summary->raters, 2);
  EXPECT_DOUBLE_EQ(summary->respect_mean, 3.33);
  EXPECT_DOUBLE_EQ(summary->place_to_wait_share, 0.33);
  EXPECT_EQ(summary->waits, (std::array<long long, 4>{1, 0, 1, 1}));
  // Rider 0: 1.0; rider 1: the mean of 0.35 and 0.125, 0.2375; together 0.61875.
  EXPECT_NEAR(summary->score, 61.9, 1e-9);
  ASSERT_EQ(summary->comments.size(), 2U);
  EXPECT_EQ(summary->comments[0].comment, "没地方等");
  EXPECT_EQ(summary->comments[1].comment, "出餐快");
  EXPECT_TRUE(ratings_->Summary(street_, shop_, "2025-12").ok());
  EXPECT_EQ(ratings_->Summary(other_merchant_, shop_, "2025-12").error().name, "not_place_merchant");
  EXPECT_EQ(ratings_->Summary(riders_[0].principal, shop_, "2025-12").error().name, "not_place_merchant");
  EXPECT_EQ(ratings_->Summary(outsider_, shop_, "2025-12").error().name, "not_place_merchant");
  EXPECT_EQ(ratings_->Summary(merchant_, shop_, "2025-13").error().name, "bad_month");
  EXPECT_EQ(ratings_->Summary(merchant_, shop_, "December").error().name, "bad_month");
}

TEST_P(HandoverRatingsTest, MerchantListNeedsEnoughRidersAndFreezesWhenPublished) {
  // Three riders for the good shop, two for the slow one (fewer than min_raters = 3).
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(ratings_->Rate(riders_[i].principal, shop_, {WaitBucket::kUnder5, true, 5, ""}, kNow).ok());
  for (int i = 3; i < 5; ++i)
    ASSERT_TRUE(ratings_->Rate(riders_[i].principal, slow_shop_, {WaitBucket::kOver20, false, 2, ""}, kNow).ok());
  // Public readers see nothing before publication; officers of the area see the draft.
  EXPECT_EQ(rankings_->View(nullptr, RankingKind::kMerchants, "2025-12", "T-H", kNow).error().name,
            "ranking_not_published");
  EXPECT_EQ(rankings_->View(&merchant_, RankingKind::kMerchants, "2025-12", "T-H", kNow).error().name,
            "ranking_not_published");
  EXPECT_EQ(rankings_->View(&outsider_, RankingKind::kMerchants, "2025-12", "T-H", kNow).error().name,
            "ranking_not_published");
  auto draft = rankings_->View(&community_, RankingKind::kMerchants, "2025-12", "T-H", kNow);
  ASSERT_TRUE(draft.ok()) << draft.error().detail;
  EXPECT_FALSE(draft->published);
  ASSERT_EQ(draft->ranking.entries.size(), 1U);
  EXPECT_EQ(draft->ranking.entries[0].key, std::to_string(shop_));
  EXPECT_EQ(draft->ranking.entries[0].name, "放餐好店");
  EXPECT_EQ(draft->ranking.entries[0].raters, 3);
  EXPECT_EQ(draft->ranking.too_few_raters, 1);
  EXPECT_LT(draft->ranking.entries[0].score, 100.0);  // shrunk toward the area's mean

  EXPECT_EQ(rankings_->Publish(community_, RankingKind::kMerchants, "2025-12", "T-H", kNow).error().name,
            "ranking_not_yours");
  EXPECT_EQ(rankings_->Publish(outsider_, RankingKind::kMerchants, "2025-12", "T-H", kNow).error().name,
            "ranking_not_yours");
  EXPECT_EQ(rankings_->Publish(street_, RankingKind::kMerchants, "2026-01", "T-H", kNow).error().name,
            "ranking_month_ahead");
  auto published = rankings_->Publish(street_, RankingKind::kMerchants, "2025-12", "T-H", kNow);
  ASSERT_TRUE(published.ok()) << published.error().detail;
  EXPECT_TRUE(published->published);
  EXPECT_EQ(published->published_by, "ht-street");
  EXPECT_EQ(rankings_->Publish(street_, RankingKind::kMerchants, "2025-12", "T-H", kNow).error().name,
            "ranking_already_published");
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'honours.ranking_publish' AND entity_id = ?",
                        {std::string("merchants:2025-12:T-H")}),
            1);

  // A third rider for the slow shop would bring it in, but the published list stays as it was.
  ASSERT_TRUE(ratings_->Rate(riders_[5].principal, slow_shop_, {WaitBucket::kOver20, false, 2, ""}, kNow).ok());
  auto frozen = rankings_->View(nullptr, RankingKind::kMerchants, "2025-12", "T-H", kNow);
  ASSERT_TRUE(frozen.ok());
  EXPECT_TRUE(frozen->published);
  ASSERT_EQ(frozen->ranking.entries.size(), 1U);
  EXPECT_DOUBLE_EQ(frozen->ranking.entries[0].score, published->ranking.entries[0].score);
  EXPECT_EQ(frozen->ranking.too_few_raters, 1);
  // Without a month, a visitor gets the newest published list, and so does the officer this month.
  auto latest = rankings_->View(nullptr, RankingKind::kMerchants, std::nullopt, "T-H", kNow + 40 * kDay);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->month, "2025-12");
  EXPECT_TRUE(latest->published);
  auto officer_now = rankings_->View(&street_, RankingKind::kMerchants, std::nullopt, "T-H", kNow);
  ASSERT_TRUE(officer_now.ok());
  EXPECT_TRUE(officer_now->published);
  // In January the officer sees January's draft, a visitor still December's list.
  auto january = rankings_->View(&street_, RankingKind::kMerchants, std::nullopt, "T-H", kNow + 40 * kDay);
  ASSERT_TRUE(january.ok());
  EXPECT_EQ(january->month, "2026-01");
  EXPECT_FALSE(january->published);
  EXPECT_EQ(rankings_->View(nullptr, RankingKind::kMerchants, "2025-13", "T-H", kNow).error().name, "bad_month");
  EXPECT_EQ(rankings_->View(nullptr, RankingKind::kMerchants, "2025-12", "T-NOWHERE", kNow).error().code,
            core::ErrorCode::kNotFound);
  // The compounds' list of the same month is a separate list, still a draft.
  EXPECT_FALSE(rankings_->View(&street_, RankingKind::kCompounds, "2025-12", "T-H", kNow)->published);
}

TEST_P(HandoverRatingsTest, CompoundsAreRankedFromVerifiedScansAndRatings) {
  const auto [from, to] = std::pair{kNow - 3 * kDay, kNow};
  for (int i = 0; i < 4; ++i) {
    Gate("T-H1", riders_[i].worker_id, true, from + i);
    Gate("T-H2", riders_[i].worker_id, i % 2 == 0, from + i);  // half refused
  }
  Gate("T-H2", riders_[5].worker_id, true, from - 40 * kDay);  // another month
  auto c = database_->Acquire();
  c->Execute(
      "INSERT INTO compound_feedback (compound_code, worker_id, at, rating, unfair, comment, month) VALUES ('T-H2', ?, "
      "?, 1, 1, '', '2025-12')",
      {riders_[0].worker_id, to});
  auto draft = rankings_->View(&street_, RankingKind::kCompounds, "2025-12", "T-H", kNow);
  ASSERT_TRUE(draft.ok()) << draft.error().detail;
  ASSERT_EQ(draft->ranking.entries.size(), 2U);
  EXPECT_EQ(draft->ranking.entries[0].key, "T-H1");
  EXPECT_EQ(draft->ranking.entries[0].name, "小区T-H1");
  EXPECT_EQ(draft->ranking.entries[0].raters, 4);
  EXPECT_DOUBLE_EQ(draft->ranking.entries[0].raw, 100.0);
  EXPECT_EQ(draft->ranking.entries[1].key, "T-H2");
  EXPECT_EQ(draft->ranking.entries[1].raters, 4);
  // Riders 0 and 2 let in (rider 0 also rated it 1: 0.7), riders 1 and 3 refused: (0.7 + 0 + 1 + 0) / 4.
  EXPECT_NEAR(draft->ranking.entries[1].raw, 42.5, 0.11);
}

INSTANTIATE_TEST_SUITE_P(Backends, HandoverRatingsTest, ::testing::ValuesIn(storage::TestDatabaseUrls("handover")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::honours
