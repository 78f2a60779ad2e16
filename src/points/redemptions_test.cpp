#include "points/redemptions.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "accounts/test_accounts.h"
#include "points/ledger.h"
#include "points/offers.h"
#include "storage/test_databases.h"

namespace youhao::points {
namespace {

constexpr long long kNow = 1'765'000'000;  // 2025-12-06, Beijing afternoon

class RedemptionsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    offers_ = std::make_unique<OfferService>(*database_);
    redemptions_ = std::make_unique<RedemptionService>(*database_, keyring_);
    auto c = database_->Acquire();
    c->Execute("DELETE FROM points_redemptions");
    c->Execute("DELETE FROM points_offers");
    c->Execute("DELETE FROM points_wrong_codes");
    c->Execute("DELETE FROM sponsors WHERE name LIKE 'rt-%'");
    c->Execute("DELETE FROM points_transfers");
    c->Execute(
        "DELETE FROM points_accounts WHERE kind IN ('worker', 'merchant', 'hold') OR (kind = 'pool' AND owner_ref <> "
        "'city')");
    c->Execute("UPDATE points_accounts SET balance = 0");
    c->Execute(
        "INSERT INTO areas (code, level, name_zh, name_en, path) VALUES ('T-R', 'community', '兑换社区', 'R', 'T-R/') "
        "ON CONFLICT DO NOTHING");
    shop_owner_ = Person("rt-merchant", accounts::Role::kMerchant);
    other_owner_ = Person("rt-other-merchant", accounts::Role::kMerchant);
    rider_ = Person("rt-rider", accounts::Role::kWorker);
    other_rider_ = Person("rt-other-rider", accounts::Role::kWorker);
    shop_ = Place("兑换测试小店", shop_owner_, "approved");
    other_shop_ = Place("另一家小店", other_owner_, "approved");
    pending_shop_ = Place("待审小店", shop_owner_, "pending");
    const long long issuer = Ledger::Find(*c, AccountKind::kIssuer, "city")->id;
    const long long pool = Ledger::Find(*c, AccountKind::kPool, "city")->id;
    ASSERT_TRUE(Ledger::Move(*c, {issuer, pool, 10'000, TransferKind::kFund, "test", "fund-1", "tester", {}, 0}).ok());
    for (const auto* who : {&rider_, &other_rider_}) {
      const long long account = Ledger::Ensure(*c, AccountKind::kWorker, WorkerOwnerRef(who->account_id), "", 0).id;
      ASSERT_TRUE(
          Ledger::Move(*c, {pool, account, 100, TransferKind::kAward, "test", "award:" + who->login, "tester", {}, 0})
              .ok());
    }
  }

  // After every test: the conservation law (held points counted), every balance equal to its
  // transfers, none below zero, and each redemption's hold holding its price exactly while held.
  void TearDown() override {
    auto c = database_->Acquire();
    const Conservation sums = Ledger::Check(*c);
    EXPECT_TRUE(sums.Holds()) << "issued " << sums.issued << " = pools " << sums.pools << " + workers " << sums.workers
                              << " + held " << sums.held << " + spent " << sums.spent << " + expired " << sums.expired;
    EXPECT_EQ(Ledger::BalancesOffTheirTransfers(*c), 0);
    EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_accounts WHERE balance < 0 AND kind <> 'issuer'"), 0);
    EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_redemptions r LEFT JOIN points_accounts a ON a.kind = 'hold' "
                          "AND a.owner_ref = 'redemption:' || CAST(r.id AS TEXT) WHERE a.id IS NULL OR a.balance <> "
                          "CASE WHEN r.status = 'held' THEN r.price ELSE 0 END"),
              0);
    EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_redemptions WHERE status = 'held' AND settle_transfer_id IS "
                          "NOT NULL OR status <> 'held' AND settle_transfer_id IS NULL OR hold_transfer_id IS NULL"),
              0);
  }

  accounts::Principal Person(const std::string& login, accounts::Role role) {
    return accounts::TestAccount(*database_->Acquire(), login, role, "T-R", "T-R/");
  }

  long long Place(const std::string& name, const accounts::Principal& owner, const std::string& status) {
    auto c = database_->Acquire();
    return c
        ->QueryOne(
            "INSERT INTO places (kind, name, area_code, area_path, lat, lon, created_at, status, owner_account_id) "
            "VALUES ('merchant', ?, 'T-R', 'T-R/', 39.99, 116.33, 0, ?, ?) RETURNING id",
            {name, status, owner.account_id})
        ->Int(0);
  }

  Offer NewOffer(long long place, long long price, std::optional<long long> stock,
                 const accounts::Principal* owner = nullptr) {
    OfferInput input{"午餐套餐", "一荤两素", price, stock, std::nullopt, std::nullopt, true};
    auto made = offers_->Create(owner ? *owner : shop_owner_, place, input, kNow - 3600);
    EXPECT_TRUE(made.ok()) << made.error().detail;
    return made->offer;
  }

  long long Balance(AccountKind kind, const std::string& owner) {
    auto c = database_->Acquire();
    const auto account = Ledger::Find(*c, kind, owner);
    return account ? account->balance : 0;
  }
  long long Points(const accounts::Principal& who) {
    return Balance(AccountKind::kWorker, WorkerOwnerRef(who.account_id));
  }
  std::optional<long long> Stock(long long offer_id) {
    auto c = database_->Acquire();
    return offer_repository::Find(*c, offer_id)->stock;
  }

  const core::Keyring keyring_ = core::Keyring::Ephemeral();
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<OfferService> offers_;
  std::unique_ptr<RedemptionService> redemptions_;
  accounts::Principal shop_owner_, other_owner_, rider_, other_rider_;
  long long shop_ = 0, other_shop_ = 0, pending_shop_ = 0;
};

TEST_P(RedemptionsTest, ARedemptionHoldsThePriceAndTheMerchantsCodeConfirmsIt) {
  const Offer meal = NewOffer(shop_, 30, 2);
  auto issued = redemptions_->Redeem(rider_, meal.id, "meal-1", kNow);
  ASSERT_TRUE(issued.ok()) << issued.error().detail;
  EXPECT_FALSE(issued->replayed);
  EXPECT_EQ(issued->code.size(), 8U);
  EXPECT_EQ(issued->redemption.status, RedemptionStatus::kHeld);
  EXPECT_EQ(issued->redemption.code_expires_at, kNow + 120);
  EXPECT_EQ(issued->redemption.expires_at, kNow + 600);
  EXPECT_EQ(issued->redemption.place_name, "兑换测试小店");
  EXPECT_EQ(Points(rider_), 70) << "the price is held, no longer the worker's to spend";
  EXPECT_EQ(Stock(meal.id), 1);
  {
    auto c = database_->Acquire();
    EXPECT_EQ(Ledger::Check(*c).held, 30);
    EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_redemptions WHERE code_digest = ?", {issued->code}), 0)
        << "the code itself is never stored";
  }

  // Read out in two groups, as a person reads a code.
  const std::string typed = issued->code.substr(0, 4) + " " + issued->code.substr(4);
  auto confirmed = redemptions_->Confirm(shop_owner_, typed, kNow + 30);
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().detail;
  EXPECT_EQ(confirmed->status, RedemptionStatus::kConfirmed);
  EXPECT_EQ(confirmed->settled_by, "rt-merchant");
  EXPECT_EQ(Points(rider_), 70);
  EXPECT_EQ(Balance(AccountKind::kMerchant, "place:" + std::to_string(shop_)), 30);
  EXPECT_EQ(Balance(AccountKind::kHold, "redemption:" + std::to_string(confirmed->id)), 0);
  EXPECT_EQ(Stock(meal.id), 1) << "a confirmed redemption keeps its item";
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM audit_log WHERE action = 'points.redemption_confirm' AND entity_id = ?",
                        {std::to_string(confirmed->id)}),
            1);

  // The month's statement lists it once.
  auto statement = redemptions_->StatementOf(shop_owner_, shop_, kNow - 86400, kNow + 86400);
  ASSERT_TRUE(statement.ok());
  ASSERT_EQ(statement->lines.size(), 1U);
  EXPECT_EQ(statement->lines[0].redemption_id, confirmed->id);
  EXPECT_EQ(statement->lines[0].title, "午餐套餐");
  EXPECT_EQ(statement->lines[0].confirmed_at, kNow + 30);
  EXPECT_EQ(statement->total, 30);
  EXPECT_TRUE(redemptions_->StatementOf(shop_owner_, shop_, kNow + 31, kNow + 86400)->lines.empty());
  EXPECT_EQ(redemptions_->StatementOf(other_owner_, shop_, 0, kNow * 2).error().name, "not_place_owner");
  // The community officer who settles the place's area reads it too; a grid officer does not.
  EXPECT_TRUE(
      redemptions_->StatementOf(Person("rt-community", accounts::Role::kCommunityOfficer), shop_, 0, kNow * 2).ok());
  EXPECT_EQ(redemptions_->StatementOf(Person("rt-grid", accounts::Role::kGridOfficer), shop_, 0, kNow * 2).error().name,
            "not_place_owner");
}

TEST_P(RedemptionsTest, ACodeConfirmsOnceOnlyAtItsOwnPlace) {
  const Offer meal = NewOffer(shop_, 30, std::nullopt);
  auto issued = redemptions_->Redeem(rider_, meal.id, "meal-1", kNow);
  ASSERT_TRUE(issued.ok());
  // Another merchant's code: refused, and the redemption stays held for its own merchant.
  auto elsewhere = redemptions_->Confirm(other_owner_, issued->code, kNow + 5);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().name, "redemption_other_place");
  EXPECT_EQ(elsewhere.error().code, core::ErrorCode::kForbidden);
  EXPECT_EQ(Points(rider_), 70);
  ASSERT_TRUE(redemptions_->Confirm(shop_owner_, issued->code, kNow + 6).ok());
  auto twice = redemptions_->Confirm(shop_owner_, issued->code, kNow + 7);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().name, "redemption_code_used");
  EXPECT_EQ(Balance(AccountKind::kMerchant, "place:" + std::to_string(shop_)), 30) << "paid once";
  // Wrong and malformed codes.
  const std::string wrong = issued->code == "00000000" ? "00000001" : "00000000";
  EXPECT_EQ(redemptions_->Confirm(shop_owner_, wrong, kNow + 8).error().name, "redemption_code_wrong");
  EXPECT_EQ(redemptions_->Confirm(shop_owner_, "12345", kNow + 8).error().name, "redemption_code_format");
  EXPECT_EQ(redemptions_->Confirm(shop_owner_, "1234abcd", kNow + 8).error().name, "redemption_code_format");
}

TEST_P(RedemptionsTest, AnExpiredCodeIsRefusedAndAFreshOneWorksWhileTheHoldLasts) {
  const Offer meal = NewOffer(shop_, 30, std::nullopt);
  auto issued = redemptions_->Redeem(rider_, meal.id, "meal-1", kNow);
  ASSERT_TRUE(issued.ok());
  auto late = redemptions_->Confirm(shop_owner_, issued->code, kNow + 120);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().name, "redemption_code_expired") << "the merchant cannot confirm for a worker who left";
  auto fresh = redemptions_->FreshCode(rider_, issued->redemption.id, kNow + 200);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->redemption.code_expires_at, kNow + 320);
  EXPECT_EQ(redemptions_->FreshCode(other_rider_, issued->redemption.id, kNow + 200).error().code,
            core::ErrorCode::kNotFound)
      << "only its worker asks for a code";
  if (fresh->code != issued->code) {
    EXPECT_EQ(redemptions_->Confirm(shop_owner_, issued->code, kNow + 201).error().name, "redemption_code_wrong")
        << "a fresh code replaces the earlier one";
  }
  auto confirmed = redemptions_->Confirm(shop_owner_, fresh->code, kNow + 210);
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().detail;
  EXPECT_EQ(redemptions_->FreshCode(rider_, issued->redemption.id, kNow + 220).error().name, "redemption_confirmed");
}

TEST_P(RedemptionsTest, AHoldTimesOutAndItsPointsAndStockGoBack) {
  const Offer haircut = NewOffer(shop_, 40, 1);
  auto issued = redemptions_->Redeem(rider_, haircut.id, "cut-1", kNow);
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(Stock(haircut.id), 0);
  EXPECT_EQ(redemptions_->Redeem(other_rider_, haircut.id, "cut-2", kNow + 10).error().name, "offer_sold_out");
  EXPECT_EQ(redemptions_->ReleaseExpired(kNow + 599), 0) << "not yet";
  EXPECT_EQ(redemptions_->ReleaseExpired(kNow + 600), 1);
  EXPECT_EQ(redemptions_->ReleaseExpired(kNow + 601), 0) << "released once";
  EXPECT_EQ(Points(rider_), 100);
  EXPECT_EQ(Stock(haircut.id), 1);
  auto c = database_->Acquire();
  const auto expired = redemption_repository::Find(*c, issued->redemption.id);
  EXPECT_EQ(expired->status, RedemptionStatus::kExpired);
  EXPECT_EQ(expired->settled_by, "system");
  EXPECT_EQ(redemptions_->Confirm(shop_owner_, issued->code, kNow + 700).error().name, "redemption_expired");
  EXPECT_EQ(redemptions_->Cancel(rider_, issued->redemption.id, kNow + 700).error().name, "redemption_expired");
  // The item is there again for the next worker.
  EXPECT_TRUE(redemptions_->Redeem(other_rider_, haircut.id, "cut-3", kNow + 700).ok());
}

TEST_P(RedemptionsTest, AHoldWhoseTimeIsUpIsReleasedWhenRead) {
  const Offer meal = NewOffer(shop_, 60, std::nullopt);
  auto issued = redemptions_->Redeem(rider_, meal.id, "meal-1", kNow);
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(Points(rider_), 40);
  // Nobody swept: the worker's list finds it timed out and gives the points back.
  const auto mine = redemptions_->Mine(rider_, 10, kNow + 600);
  ASSERT_EQ(mine.size(), 1U);
  EXPECT_EQ(mine[0].status, RedemptionStatus::kExpired);
  EXPECT_EQ(Points(rider_), 100);
  // And a redemption that needs the held points finds them back first.
  auto second = redemptions_->Redeem(rider_, meal.id, "meal-2", kNow + 700);
  ASSERT_TRUE(second.ok());
  auto third = redemptions_->Redeem(rider_, meal.id, "meal-3", kNow + 1300);
  ASSERT_TRUE(third.ok()) << "meal-2's hold ran out at +1300: " << third.error().detail;
  EXPECT_EQ(Points(rider_), 40);
}

TEST_P(RedemptionsTest, TheWorkerCancelsTheirOwnHeldRedemption) {
  const Offer meal = NewOffer(shop_, 30, 5);
  auto issued = redemptions_->Redeem(rider_, meal.id, "meal-1", kNow);
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(redemptions_->Cancel(other_rider_, issued->redemption.id, kNow + 5).error().code,
            core::ErrorCode::kNotFound);
  auto cancelled = redemptions_->Cancel(rider_, issued->redemption.id, kNow + 5);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, RedemptionStatus::kReleased);
  EXPECT_EQ(Points(rider_), 100);
  EXPECT_EQ(Stock(meal.id), 5);
  EXPECT_EQ(redemptions_->Cancel(rider_, issued->redemption.id, kNow + 6).error().name, "redemption_released");
  EXPECT_EQ(redemptions_->Confirm(shop_owner_, issued->code, kNow + 7).error().name, "redemption_released");
  // A confirmed one cannot be cancelled.
  auto kept = redemptions_->Redeem(rider_, meal.id, "meal-2", kNow + 10);
  ASSERT_TRUE(kept.ok());
  ASSERT_TRUE(redemptions_->Confirm(shop_owner_, kept->code, kNow + 11).ok());
  EXPECT_EQ(redemptions_->Cancel(rider_, kept->redemption.id, kNow + 12).error().name, "redemption_confirmed");
  EXPECT_EQ(Points(rider_), 70);
}

TEST_P(RedemptionsTest, ARetriedRequestHoldsOnceAndAnIdForAnotherOfferIsRefused) {
  const Offer meal = NewOffer(shop_, 30, 3);
  const Offer charge = NewOffer(shop_, 5, std::nullopt);
  auto first = redemptions_->Redeem(rider_, meal.id, "tap-1", kNow);
  auto again = redemptions_->Redeem(rider_, meal.id, "tap-1", kNow + 2);
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->redemption.id, first->redemption.id);
  EXPECT_EQ(again->redemption.code_expires_at, kNow + 122) << "a fresh code with the replay";
  EXPECT_EQ(Points(rider_), 70) << "held once";
  EXPECT_EQ(Stock(meal.id), 2) << "taken once";
  auto other = redemptions_->Redeem(rider_, charge.id, "tap-1", kNow + 3);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().name, "redemption_client_id_reused");
  EXPECT_EQ(redemptions_->Redeem(rider_, meal.id, "has space", kNow).error().name, "bad_client_id");
  // Once confirmed, a replay says so and makes no code.
  ASSERT_TRUE(redemptions_->Confirm(shop_owner_, again->code, kNow + 4).ok());
  auto late = redemptions_->Redeem(rider_, meal.id, "tap-1", kNow + 5);
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->redemption.status, RedemptionStatus::kConfirmed);
  EXPECT_TRUE(late->code.empty());
}

TEST_P(RedemptionsTest, NoPointsNoRedemptionAndNothingIsWritten) {
  const Offer helmet = NewOffer(shop_, 150, 1);
  auto refused = redemptions_->Redeem(rider_, helmet.id, "helmet-1", kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().name, "insufficient_points");
  EXPECT_EQ(refused.error().fields.at("balance").as_int64(), 100);
  EXPECT_EQ(Stock(helmet.id), 1) << "the stock taken for it is back";
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_redemptions"), 0);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_accounts WHERE kind = 'hold'"), 0);
  EXPECT_EQ(redemptions_->Redeem(rider_, 999999, "x-1", kNow).error().code, core::ErrorCode::kNotFound);
}

TEST_P(RedemptionsTest, OffersAreTheOwnersToListAndAnyonesToSeeWhileLive) {
  const Offer meal = NewOffer(shop_, 30, std::nullopt);
  OfferInput paused{"理发", "", 50, std::nullopt, std::nullopt, std::nullopt, false};
  ASSERT_TRUE(offers_->Create(shop_owner_, shop_, paused, kNow).ok());
  OfferInput later{"头盔", "", 80, 10, kNow + 86400, std::nullopt, true};
  ASSERT_TRUE(offers_->Create(shop_owner_, shop_, later, kNow).ok());
  EXPECT_EQ(offers_->Create(other_owner_, shop_, paused, kNow).error().name, "not_place_owner");
  EXPECT_EQ(offers_->Create(shop_owner_, 999999, paused, kNow).error().code, core::ErrorCode::kNotFound);
  OfferInput bad = paused;
  bad.price = 0;
  EXPECT_EQ(offers_->Create(shop_owner_, shop_, bad, kNow).error().name, "bad_offer");
  OfferInput spaces = paused;
  spaces.title = "   ";
  EXPECT_EQ(offers_->Create(shop_owner_, shop_, spaces, kNow).error().fields.at("field").as_string(), "title");

  auto seen = offers_->List(shop_, nullptr, kNow);
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->second.size(), 1U) << "the public sees what can be redeemed now";
  EXPECT_EQ(seen->second[0].id, meal.id);
  EXPECT_EQ(offers_->List(shop_, &shop_owner_, kNow)->second.size(), 3U) << "the owner sees every offer";
  EXPECT_EQ(offers_->List(shop_, &other_owner_, kNow)->second.size(), 1U);
  EXPECT_EQ(offers_->List(shop_, nullptr, kNow + 86400)->second.size(), 2U);

  // Paused by its owner: no longer listed or redeemed.
  OfferInput pause{meal.title, meal.description, meal.price, meal.stock, std::nullopt, std::nullopt, false};
  EXPECT_EQ(offers_->Update(other_owner_, meal.id, pause, kNow).error().name, "not_place_owner");
  auto updated = offers_->Update(shop_owner_, meal.id, pause, kNow);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->offer.valid_from, meal.valid_from) << "kept when not given";
  EXPECT_EQ(updated->place.id, shop_) << "the write names its place";
  EXPECT_EQ(updated->place.name, "兑换测试小店");
  EXPECT_TRUE(offers_->List(shop_, nullptr, kNow)->second.empty());
  auto refused = redemptions_->Redeem(rider_, meal.id, "meal-1", kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at("reason").as_string(), "inactive");

  // A place not yet approved: its owner prepares offers, nobody else sees or redeems them.
  const Offer early = NewOffer(pending_shop_, 10, std::nullopt);
  EXPECT_EQ(offers_->List(pending_shop_, nullptr, kNow).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(offers_->List(pending_shop_, &shop_owner_, kNow)->second.size(), 1U);
  EXPECT_EQ(redemptions_->Redeem(rider_, early.id, "early-1", kNow).error().fields.at("reason").as_string(),
            "place_not_approved");
}

TEST_P(RedemptionsTest, TwoWorkersRacingForTheLastOneGetItOnce) {
  const Offer last = NewOffer(shop_, 20, 1);
  auto shared = storage::Database::Open(GetParam(), 8);
  RedemptionService racing(*shared, keyring_);
  std::atomic<int> held{0}, sold_out{0}, other{0};
  std::vector<std::thread> workers;
  workers.reserve(8);
  for (int w = 0; w < 8; ++w) {
    workers.emplace_back([&, w] {
      const accounts::Principal& who = w % 2 == 0 ? rider_ : other_rider_;
      auto issued = racing.Redeem(who, last.id, "race-" + std::to_string(w), kNow);
      if (issued.ok()) {
        ++held;
      } else if (issued.error().name == "offer_sold_out") {
        ++sold_out;
      } else {
        ++other;
      }
    });
  }
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(held.load(), 1);
  EXPECT_EQ(sold_out.load(), 7);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Stock(last.id), 0);
  EXPECT_EQ(Points(rider_) + Points(other_rider_), 200 - 20);
}

TEST_P(RedemptionsTest, AConfirmationRacingACancellationSettlesOnce) {
  const Offer meal = NewOffer(shop_, 20, std::nullopt);  // four rounds of 20 from 100
  auto shared = storage::Database::Open(GetParam(), 8);
  RedemptionService racing(*shared, keyring_);
  for (int round = 0; round < 4; ++round) {
    auto issued = racing.Redeem(rider_, meal.id, "round-" + std::to_string(round), kNow);
    ASSERT_TRUE(issued.ok());
    std::atomic<int> settled{0};
    std::vector<std::thread> threads;
    threads.reserve(3);
    for (int t = 0; t < 3; ++t) {
      threads.emplace_back([&] {
        if (racing.Confirm(shop_owner_, issued->code, kNow + 1).ok()) ++settled;
      });
    }
    threads.emplace_back([&] {
      if (racing.Cancel(rider_, issued->redemption.id, kNow + 1).ok()) ++settled;
    });
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(settled.load(), 1) << "round " << round;
  }
  const long long spent = Balance(AccountKind::kMerchant, "place:" + std::to_string(shop_));
  EXPECT_EQ(Points(rider_) + spent, 100) << "every point is either back or spent, once";
}

TEST_P(RedemptionsTest, FiveWrongCodesInTenMinutesMakeTheMerchantWaitAcrossRestartsAndARightCodeResets) {
  const Offer meal = NewOffer(shop_, 5, std::nullopt);
  auto first = redemptions_->Redeem(rider_, meal.id, "meal-1", kNow);
  auto second = redemptions_->Redeem(rider_, meal.id, "meal-2", kNow);
  ASSERT_TRUE(first.ok() && second.ok());
  // A code that is neither of the two.
  std::string wrong = "00000000";
  for (int n = 1; wrong == first->code || wrong == second->code; ++n) wrong = fmt::format("{:08d}", n);
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(redemptions_->Confirm(shop_owner_, wrong, kNow + i).error().name, "redemption_code_wrong");
  EXPECT_EQ(redemptions_->Confirm(shop_owner_, "12", kNow + 4).error().name, "redemption_code_format")
      << "a typo in the form is not counted";
  // A right code clears the four: five more wrong ones are told "wrong", the sixth waits.
  ASSERT_TRUE(redemptions_->Confirm(shop_owner_, first->code, kNow + 5).ok());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(redemptions_->Confirm(shop_owner_, wrong, kNow + 10 + i).error().name, "redemption_code_wrong") << i;
  auto limited = redemptions_->Confirm(shop_owner_, second->code, kNow + 20);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().name, "too_many_wrong_codes") << "even a right code waits: a guess would teach nothing";
  EXPECT_EQ(limited.error().code, core::ErrorCode::kRateLimited);
  EXPECT_EQ(limited.error().retry_after_seconds, kNow + 10 + 600 - (kNow + 20));
  // Another server, or this one restarted: the count is in the database.
  RedemptionService restarted(*database_, keyring_);
  EXPECT_EQ(restarted.Confirm(shop_owner_, wrong, kNow + 30).error().name, "too_many_wrong_codes");
  // Another merchant is not held up by this one's guesses.
  EXPECT_EQ(redemptions_->Confirm(other_owner_, wrong, kNow + 30).error().name, "redemption_code_wrong");
  // Once the oldest wrong code leaves the window, a try is free again (the second's hold has timed
  // out meanwhile: a third redemption's code).
  auto third = redemptions_->Redeem(rider_, meal.id, "meal-3", kNow + 605);
  ASSERT_TRUE(third.ok()) << third.error().detail;
  auto later = restarted.Confirm(shop_owner_, third->code, kNow + 10 + 600);
  ASSERT_TRUE(later.ok()) << later.error().detail;
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_wrong_codes WHERE account_id = ?", {shop_owner_.account_id}), 0)
      << "the right code cleared the account's wrong ones";
}

TEST_P(RedemptionsTest, AnotherPlacesCodeCountsAsAWrongGuess) {
  const Offer meal = NewOffer(shop_, 5, std::nullopt);
  auto issued = redemptions_->Redeem(rider_, meal.id, "meal-1", kNow);
  ASSERT_TRUE(issued.ok());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(redemptions_->Confirm(other_owner_, issued->code, kNow + i).error().name, "redemption_other_place");
  EXPECT_EQ(redemptions_->Confirm(other_owner_, issued->code, kNow + 6).error().name, "too_many_wrong_codes");
  EXPECT_TRUE(redemptions_->Confirm(shop_owner_, issued->code, kNow + 7).ok()) << "its own merchant is not held up";
  // The minute's sweep forgets wrong codes once they are older than the window, not before.
  auto c = database_->Acquire();
  const auto kept = [&] {
    return c->QueryInt("SELECT COUNT(*) FROM points_wrong_codes WHERE account_id = ?", {other_owner_.account_id});
  };
  redemptions_->ReleaseExpired(kNow + 599);
  EXPECT_EQ(kept(), 5) << "all five (kNow to kNow + 4) still count";
  redemptions_->ReleaseExpired(kNow + 602);
  EXPECT_EQ(kept(), 2) << "those at kNow, kNow + 1 and kNow + 2 have left the window";
  redemptions_->ReleaseExpired(kNow + 605);
  EXPECT_EQ(kept(), 0);
}

TEST_P(RedemptionsTest, TheStatementNamesWhoOwesEachLineAndAddsUpPerSponsor) {
  long long sponsor = 0;
  {
    auto c = database_->Acquire();
    sponsor = c->QueryOne(
                   "INSERT INTO sponsors (name, kind, area_code, intro, created_at) VALUES ('rt-爱心企业', "
                   "'company', 'T-R', '', 0) RETURNING id")
                  ->Int(0);
  }
  const Offer city_meal = NewOffer(shop_, 30, std::nullopt);
  const Offer sponsored = NewOffer(shop_, 12, std::nullopt);
  {
    auto c = database_->Acquire();
    c->Execute("UPDATE points_offers SET sponsor_id = ? WHERE id = ?", {sponsor, sponsored.id});
  }
  for (const auto& [offer, client] :
       std::vector<std::pair<long long, std::string>>{{city_meal.id, "a"}, {sponsored.id, "b"}, {sponsored.id, "c"}}) {
    auto issued = redemptions_->Redeem(rider_, offer, client, kNow);
    ASSERT_TRUE(issued.ok()) << issued.error().detail;
    ASSERT_TRUE(redemptions_->Confirm(shop_owner_, issued->code, kNow + 1).ok());
  }
  auto statement = redemptions_->StatementOf(shop_owner_, shop_, kNow - 60, kNow + 60);
  ASSERT_TRUE(statement.ok());
  ASSERT_EQ(statement->lines.size(), 3U);
  EXPECT_EQ(statement->lines[0].sponsor_id, std::nullopt) << "the city's pool pays for an offer without a sponsor";
  EXPECT_EQ(statement->lines[1].sponsor_id, sponsor);
  EXPECT_EQ(statement->lines[1].sponsor_name, "rt-爱心企业");
  ASSERT_EQ(statement->by_sponsor.size(), 2U);
  EXPECT_EQ(statement->by_sponsor[0].sponsor_id, std::nullopt) << "the city first";
  EXPECT_EQ(statement->by_sponsor[0].points, 30);
  EXPECT_EQ(statement->by_sponsor[0].lines, 1);
  EXPECT_EQ(statement->by_sponsor[1].sponsor_id, sponsor);
  EXPECT_EQ(statement->by_sponsor[1].points, 24);
  EXPECT_EQ(statement->by_sponsor[1].lines, 2);
  EXPECT_EQ(statement->total, 54);
}

TEST(RedemptionStatement, SubtotalsCountEveryLineOnceCityFirstThenSponsorsById) {
  const std::vector<StatementLine> lines = {{1, 10, "a", 5, "m", 7, "七号"},
                                            {2, 11, "b", 3, "m", std::nullopt, ""},
                                            {3, 12, "c", 4, "m", 2, "二号"},
                                            {4, 13, "d", 6, "m", 7, "七号"},
                                            {5, 14, "e", 1, "m", std::nullopt, ""}};
  const auto subtotals = SubtotalsBySponsor(lines);
  ASSERT_EQ(subtotals.size(), 3U);
  EXPECT_EQ(subtotals[0].sponsor_id, std::nullopt);
  EXPECT_EQ(subtotals[0].points, 4);
  EXPECT_EQ(subtotals[0].lines, 2);
  EXPECT_EQ(subtotals[1].sponsor_id, 2);
  EXPECT_EQ(subtotals[1].points, 4);
  EXPECT_EQ(subtotals[2].sponsor_id, 7);
  EXPECT_EQ(subtotals[2].sponsor_name, "七号");
  EXPECT_EQ(subtotals[2].points, 11);
  EXPECT_EQ(subtotals[2].lines, 2);
  EXPECT_TRUE(SubtotalsBySponsor({}).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, RedemptionsTest, ::testing::ValuesIn(storage::TestDatabaseUrls("redemptions")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::points
