// The wishes' SQL and use cases on SQLite and on PostgreSQL: the whole path, the race for a
// claim, the lapse of a claim due in the past, and what the wall shows.
#include "wishes/wish_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "accounts/test_accounts.h"
#include "media/thumbnail.h"
#include "storage/test_databases.h"
#include "wishes/wish_repository.h"

namespace youhao::wishes {
namespace {

constexpr long long kNow = 1'765'000'000;

class WishServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    service_ = std::make_unique<WishService>(*database_);
    auto c = database_->Acquire();
    c->Execute("DELETE FROM notifications WHERE login LIKE 'wt-%'");
    c->Execute("DELETE FROM wish_claims");
    c->Execute("DELETE FROM wishes");
    c->Execute("DELETE FROM sponsor_members WHERE sponsor_id IN (SELECT id FROM sponsors WHERE name LIKE 'WT-%')");
    c->Execute("DELETE FROM sponsors WHERE name LIKE 'WT-%'");
    for (const char* sql :
         {"INSERT INTO areas (code, level, name_zh, name_en, path) VALUES ('WT', 'city', '心愿市', 'W', 'WT/') "
          "ON CONFLICT DO NOTHING",
          "INSERT INTO areas (code, parent_code, level, name_zh, name_en, path) VALUES ('WT-D', 'WT', 'district', "
          "'心愿区', 'W', 'WT/WT-D/') ON CONFLICT DO NOTHING",
          "INSERT INTO areas (code, parent_code, level, name_zh, name_en, path) VALUES ('WT-S', 'WT-D', 'street', "
          "'心愿街道', 'W', 'WT/WT-D/WT-S/') ON CONFLICT DO NOTHING",
          "INSERT INTO areas (code, parent_code, level, name_zh, name_en, path) VALUES ('WT-C', 'WT-S', 'community', "
          "'心愿社区', 'W', 'WT/WT-D/WT-S/WT-C/') ON CONFLICT DO NOTHING",
          "INSERT INTO areas (code, parent_code, level, name_zh, name_en, path) VALUES ('WT-O', 'WT-S', 'community', "
          "'别的社区', 'W', 'WT/WT-D/WT-S/WT-O/') ON CONFLICT DO NOTHING"}) {
      c->Execute(sql);
    }
    worker_ = Person("wt-worker", accounts::Role::kWorker, "WT-C", "WT/WT-D/WT-S/WT-C/");
    other_worker_ = Person("wt-other-worker", accounts::Role::kWorker, "WT-C", "WT/WT-D/WT-S/WT-C/");
    community_ = Person("wt-community", accounts::Role::kCommunityOfficer, "WT-C", "WT/WT-D/WT-S/WT-C/");
    other_community_ = Person("wt-other-community", accounts::Role::kCommunityOfficer, "WT-O", "WT/WT-D/WT-S/WT-O/");
    sponsor_a_ = Person("wt-sponsor-a", accounts::Role::kSponsor, "WT-S", "WT/WT-D/WT-S/");
    sponsor_b_ = Person("wt-sponsor-b", accounts::Role::kSponsor, "WT-S", "WT/WT-D/WT-S/");
    loner_ = Person("wt-sponsor-alone", accounts::Role::kSponsor, "WT-S", "WT/WT-D/WT-S/");
    worker_id_ = Worker(worker_, "王小明", "19900000001");
    Worker(other_worker_, "李四", "19900000002");
    sponsor_a_id_ = Sponsor("WT-甲公司", sponsor_a_);
    sponsor_b_id_ = Sponsor("WT-乙联盟", sponsor_b_);
  }

  accounts::Principal Person(const std::string& login, accounts::Role role, const std::string& area,
                             const std::string& path) {
    return accounts::TestAccount(*database_->Acquire(), login, role, area, path);
  }

  long long Worker(const accounts::Principal& account, const std::string& name, const std::string& digest) {
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO workers (account_id, name, phone_digest, kind, platform, area_code, area_path, status, "
        "created_at) VALUES (?, ?, ?, 'parcel', '顺丰', 'WT-C', 'WT/WT-D/WT-S/WT-C/', 'verified', 0) "
        "ON CONFLICT DO NOTHING",
        {account.account_id, name, digest});
    return c->QueryInt("SELECT id FROM workers WHERE account_id = ?", {account.account_id});
  }

  long long Sponsor(const std::string& name, const accounts::Principal& member) {
    auto c = database_->Acquire();
    const long long id = c->QueryOne(
                              "INSERT INTO sponsors (name, kind, area_code, created_at) VALUES (?, 'company', 'WT-S', "
                              "0) RETURNING id",
                              {name})
                             ->Int(0);
    c->Execute("DELETE FROM sponsor_members WHERE account_id = ?", {member.account_id});
    c->Execute("INSERT INTO sponsor_members (account_id, sponsor_id) VALUES (?, ?)", {member.account_id, id});
    return id;
  }

  Wish Posted() {
    auto posted = service_->Post(worker_, std::nullopt, {"一台冰箱", "妹妹生病，药要冷藏", "appliance", 500}, kNow);
    EXPECT_TRUE(posted.ok()) << posted.error().detail;
    return posted.value();
  }

  Wish Verified() {
    const Wish wish = Posted();
    auto verified = service_->Verify(community_, wish.id, kNow);
    EXPECT_TRUE(verified.ok()) << verified.error().detail;
    return verified.value();
  }

  FulfilmentPhoto Photo() {
    const std::string jpeg = media::PlainJpeg(64, 48, 200, 120, 40);
    return {"image/jpeg", jpeg, media::MakeThumbnail(jpeg).value()};
  }

  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<WishService> service_;
  accounts::Principal worker_, other_worker_, community_, other_community_, sponsor_a_, sponsor_b_, loner_;
  long long worker_id_ = 0;
  long long sponsor_a_id_ = 0;
  long long sponsor_b_id_ = 0;
};

TEST_P(WishServiceTest, TheWholePathFromPostToThanks) {
  const Wish posted = Posted();
  EXPECT_EQ(posted.status, WishStatus::kSubmitted);
  EXPECT_EQ(posted.area_code, "WT-C");
  EXPECT_EQ(posted.community_name, "心愿社区");
  EXPECT_EQ(posted.worker_kind, "parcel");
  EXPECT_FALSE(service_->Get(posted.id, nullptr, kNow).ok()) << "not on the wall before it is verified";
  EXPECT_EQ(service_->Verify(other_community_, posted.id, kNow).error().code, core::ErrorCode::kNotFound)
      << "another community's staff do not see it";

  const Wish verified = service_->Verify(community_, posted.id, kNow).value();
  EXPECT_EQ(verified.status, WishStatus::kVerified);
  EXPECT_EQ(verified.reviewed_by, "wt-community");
  EXPECT_TRUE(service_->Get(posted.id, nullptr, kNow).ok());

  const Wish claimed = service_->Claim(sponsor_a_, posted.id, kNow).value();
  EXPECT_EQ(claimed.status, WishStatus::kClaimed);
  ASSERT_TRUE(claimed.claim);
  EXPECT_EQ(claimed.claim->sponsor_id, sponsor_a_id_);
  EXPECT_EQ(claimed.claim->sponsor_name, "WT-甲公司");
  EXPECT_EQ(claimed.claim->due_at, kNow + kClaimSeconds);
  EXPECT_EQ(service_->Withdraw(worker_, posted.id, kNow).error().name, "wish_invalid_transition");

  EXPECT_EQ(service_->Fulfil(sponsor_b_, posted.id, "送到了", Photo(), kNow).error().name, "wish_forbidden");
  const Wish fulfilled = service_->Fulfil(sponsor_a_, posted.id, "冰箱已送到家", Photo(), kNow + 60).value();
  EXPECT_EQ(fulfilled.status, WishStatus::kFulfilled);
  EXPECT_EQ(fulfilled.claim->note, "冰箱已送到家");
  ASSERT_TRUE(media::IsPhotoId(fulfilled.claim->photo_public_id));
  EXPECT_TRUE(service_->Photo(fulfilled.claim->photo_public_id, &worker_, false).ok());
  EXPECT_TRUE(service_->Photo(fulfilled.claim->photo_public_id, &sponsor_a_, true).ok());
  EXPECT_FALSE(service_->Photo(fulfilled.claim->photo_public_id, nullptr, false).ok()) << "never public";
  EXPECT_FALSE(service_->Photo(fulfilled.claim->photo_public_id, &sponsor_b_, false).ok());

  EXPECT_EQ(service_->Confirm(other_worker_, posted.id, "谢谢", kNow).error().name, "wish_forbidden");
  const Wish confirmed = service_->Confirm(worker_, posted.id, "谢谢你们，妹妹的药有地方放了", kNow + 120).value();
  EXPECT_EQ(confirmed.status, WishStatus::kConfirmed);
  EXPECT_EQ(confirmed.claim->thanks, "谢谢你们，妹妹的药有地方放了");

  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'wish' AND entity_id = ?",
                        {std::to_string(posted.id)}),
            5);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM notifications WHERE login = 'wt-worker' AND at >= ?", {kNow}), 2)
      << "claimed, fulfilled";
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM notifications WHERE login = 'wt-sponsor-a' AND at >= ?", {kNow}), 1)
      << "confirmed, with the thanks";
  // The sponsor's own list holds the wish it claimed; the other sponsor's does not.
  EXPECT_EQ(service_->Mine(sponsor_a_, std::nullopt, 20, kNow).items.size(), 1U);
  EXPECT_TRUE(service_->Mine(sponsor_b_, std::nullopt, 20, kNow).items.empty());
}

TEST_P(WishServiceTest, RejectionNeedsAReasonAndEndsTheWish) {
  const Wish posted = Posted();
  EXPECT_EQ(service_->Reject(community_, posted.id, "  ", kNow).error().name, "bad_wish");
  const Wish rejected = service_->Reject(community_, posted.id, "价值超出范围", kNow).value();
  EXPECT_EQ(rejected.status, WishStatus::kRejected);
  EXPECT_EQ(rejected.reject_reason, "价值超出范围");
  EXPECT_EQ(service_->Verify(community_, posted.id, kNow).error().name, "wish_invalid_transition");
  EXPECT_TRUE(service_->Get(posted.id, &worker_, kNow).ok()) << "its worker still sees it";
  EXPECT_FALSE(service_->Get(posted.id, &other_worker_, kNow).ok());
}

TEST_P(WishServiceTest, StaffPostForAWorkerOfTheirCommunityOnly) {
  auto posted = service_->Post(community_, worker_id_, {"棉衣", "冬天跑件冷", "clothing", 200}, kNow);
  ASSERT_TRUE(posted.ok()) << posted.error().detail;
  EXPECT_EQ(posted.value().worker_account_id, worker_.account_id);
  EXPECT_EQ(posted.value().posted_by, "wt-community");
  EXPECT_EQ(service_->Post(other_community_, worker_id_, {"棉衣", "冷", "clothing", 200}, kNow).error().name,
            "wish_forbidden");
  EXPECT_EQ(service_->Post(worker_, std::nullopt, {"棉衣", "冷", "clothing", 501}, kNow).error().name, "bad_wish");
  EXPECT_EQ(service_->Post(sponsor_a_, std::nullopt, {"棉衣", "冷", "clothing", 20}, kNow).error().name,
            "wish_forbidden");
  EXPECT_EQ(service_->Mine(worker_, std::nullopt, 20, kNow).items.size(), 1U);
  EXPECT_EQ(service_->Mine(community_, std::nullopt, 20, kNow).items.size(), 1U);
}

TEST_P(WishServiceTest, ASponsorAccountOfNoOrganisationCannotClaim) {
  const Wish wish = Verified();
  EXPECT_EQ(service_->Claim(loner_, wish.id, kNow).error().name, "not_sponsor");
  EXPECT_EQ(service_->Claim(worker_, wish.id, kNow).error().name, "wish_forbidden");
}

TEST_P(WishServiceTest, TwoSponsorsRaceAndExactlyOneWins) {
  for (int round = 0; round < 5; ++round) {
    const Wish wish = Verified();
    std::atomic<int> won{0};
    std::atomic<int> lost{0};
    std::vector<std::thread> threads;
    for (const auto* who : {&sponsor_a_, &sponsor_b_, &sponsor_a_, &sponsor_b_}) {
      threads.emplace_back([&, who] {
        auto claimed = service_->Claim(*who, wish.id, kNow);
        if (claimed.ok()) {
          ++won;
        } else {
          EXPECT_EQ(claimed.error().name, "wish_already_claimed");
          ++lost;
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(lost.load(), 3);
    auto c = database_->Acquire();
    EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM wish_claims WHERE wish_id = ?", {wish.id}), 1);
  }
}

TEST_P(WishServiceTest, TheIndexRefusesASecondActiveClaim) {
  const Wish wish = Verified();
  auto c = database_->Acquire();
  wish_repository::InsertClaim(*c, wish.id, sponsor_a_id_, sponsor_a_.account_id, kNow, ClaimDue(kNow));
  try {
    wish_repository::InsertClaim(*c, wish.id, sponsor_b_id_, sponsor_b_.account_id, kNow, ClaimDue(kNow));
    ADD_FAILURE() << "a second active claim was written";
  } catch (const storage::DatabaseError& error) {
    EXPECT_TRUE(error.unique_violation()) << error.what();
  }
}

TEST_P(WishServiceTest, AClaimDueInThePastLapsesOnTheNextRead) {
  const Wish wish = Verified();
  {
    // Claimed 15 days ago, through the repository: its due date has passed.
    auto c = database_->Acquire();
    const long long then = kNow - 15LL * 86'400;
    ASSERT_TRUE(wish_repository::Move(*c, wish.id, WishStatus::kVerified, WishStatus::kClaimed, then));
    wish_repository::InsertClaim(*c, wish.id, sponsor_a_id_, sponsor_a_.account_id, then, ClaimDue(then));
  }
  // Every read sees it lapsed: the wish is open again, on the wall and by id.
  const auto page = service_->Wall(nullptr, {WishStatus::kVerified}, std::nullopt, 20, kNow).value();
  ASSERT_EQ(page.items.size(), 1U);
  EXPECT_EQ(page.items[0].status, WishStatus::kVerified);
  EXPECT_FALSE(page.items[0].claim);
  EXPECT_EQ(service_->Get(wish.id, nullptr, kNow).value().first.status, WishStatus::kVerified);
  // The lapsed sponsor cannot fulfil it; another sponsor may claim it now.
  EXPECT_EQ(service_->Fulfil(sponsor_a_, wish.id, "晚了", Photo(), kNow).error().name, "wish_forbidden");
  EXPECT_TRUE(service_->Claim(sponsor_b_, wish.id, kNow).ok());
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM wish_claims WHERE wish_id = ? AND status = 'lapsed'", {wish.id}), 1);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM wish_claims WHERE wish_id = ? AND status = 'active'", {wish.id}), 1);
  EXPECT_EQ(wish_repository::LapseDue(*c, kNow), 0) << "nothing more is due";
}

TEST_P(WishServiceTest, AClaimLapsesAtItsDueMomentNotBefore) {
  const Wish wish = Verified();
  ASSERT_TRUE(service_->Claim(sponsor_a_, wish.id, kNow).ok());
  EXPECT_EQ(service_->Get(wish.id, nullptr, ClaimDue(kNow) - 1).value().first.status, WishStatus::kClaimed);
  EXPECT_EQ(service_->Get(wish.id, nullptr, ClaimDue(kNow)).value().first.status, WishStatus::kVerified);
  EXPECT_EQ(service_->Fulfil(sponsor_a_, wish.id, "送到了", Photo(), ClaimDue(kNow)).error().name, "wish_forbidden");
}

TEST_P(WishServiceTest, TheWallShowsPublicStatusesAndStaffTheirQueue) {
  const Wish submitted = Posted();
  const Wish verified = Verified();
  const auto wall = service_->Wall(nullptr, {}, std::nullopt, 20, kNow).value();
  ASSERT_EQ(wall.items.size(), 1U);
  EXPECT_EQ(wall.items[0].id, verified.id);
  EXPECT_FALSE(wall.private_view[0]);
  EXPECT_EQ(service_->Wall(nullptr, {WishStatus::kSubmitted}, std::nullopt, 20, kNow).error().name, "wish_forbidden");
  EXPECT_EQ(service_->Wall(&worker_, {WishStatus::kSubmitted}, std::nullopt, 20, kNow).error().name, "wish_forbidden");
  const auto queue = service_->Wall(&community_, {WishStatus::kSubmitted}, std::nullopt, 20, kNow).value();
  ASSERT_EQ(queue.items.size(), 1U);
  EXPECT_EQ(queue.items[0].id, submitted.id);
  EXPECT_TRUE(queue.private_view[0]);
  EXPECT_TRUE(service_->Wall(&other_community_, {WishStatus::kSubmitted}, std::nullopt, 20, kNow).value().items.empty())
      << "another community's queue";
  // Paging: one at a time, newest first.
  const Wish second = Verified();
  const auto first_page = service_->Wall(nullptr, {WishStatus::kVerified}, std::nullopt, 1, kNow).value();
  ASSERT_EQ(first_page.items.size(), 1U);
  EXPECT_EQ(first_page.items[0].id, second.id);
  ASSERT_TRUE(first_page.next_before);
  const auto next_page = service_->Wall(nullptr, {WishStatus::kVerified}, first_page.next_before, 1, kNow).value();
  ASSERT_EQ(next_page.items.size(), 1U);
  EXPECT_EQ(next_page.items[0].id, verified.id);
  EXPECT_FALSE(next_page.next_before);
}

TEST_P(WishServiceTest, WithdrawBeforeAClaim) {
  const Wish wish = Verified();
  EXPECT_EQ(service_->Withdraw(other_worker_, wish.id, kNow).error().code, core::ErrorCode::kForbidden);
  EXPECT_EQ(service_->Withdraw(worker_, wish.id, kNow).value().status, WishStatus::kWithdrawn);
  EXPECT_EQ(service_->Claim(sponsor_a_, wish.id, kNow).error().code, core::ErrorCode::kNotFound)
      << "a withdrawn wish is off the wall";
}

INSTANTIATE_TEST_SUITE_P(Backends, WishServiceTest, ::testing::ValuesIn(storage::TestDatabaseUrls("wishes")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::wishes
