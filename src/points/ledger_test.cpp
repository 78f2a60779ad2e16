#include "points/ledger.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "points/points_service.h"
#include "storage/test_databases.h"

namespace youhao::points {
namespace {

class LedgerTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    auto c = database_->Acquire();
    c->Execute("DELETE FROM points_redemptions");
    c->Execute("DELETE FROM points_transfers");
    c->Execute(
        "DELETE FROM points_accounts WHERE kind IN ('worker', 'merchant', 'hold') OR (kind = 'pool' AND owner_ref <> "
        "'city')");
    c->Execute("UPDATE points_accounts SET balance = 0");
    issuer_ = Ledger::Find(*c, AccountKind::kIssuer, "city")->id;
    pool_ = Ledger::Find(*c, AccountKind::kPool, "city")->id;
    sink_ = Ledger::Find(*c, AccountKind::kSink, "expired")->id;
  }

  // After every test: the conservation law and every balance equal to its transfers.
  void TearDown() override {
    auto c = database_->Acquire();
    const Conservation sums = Ledger::Check(*c);
    EXPECT_TRUE(sums.Holds()) << "issued " << sums.issued << " = pools " << sums.pools << " + workers " << sums.workers
                              << " + held " << sums.held << " + spent " << sums.spent << " + expired " << sums.expired;
    EXPECT_EQ(Ledger::BalancesOffTheirTransfers(*c), 0);
    EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_accounts WHERE balance < 0 AND kind <> 'issuer'"), 0);
  }

  core::Result<Transfer> Move(TransferKind kind, long long from, long long to, long long amount,
                              const std::string& client_id, std::optional<long long> reverses = std::nullopt) {
    auto c = database_->Acquire();
    storage::Transaction transaction(*c);
    TransferRequest request{from, to, amount, kind, "test", client_id, "tester", reverses, 1765000000};
    auto moved = Ledger::Move(*c, request);
    if (moved.ok()) transaction.Commit();
    return moved;
  }

  long long Balance(long long id) {
    auto c = database_->Acquire();
    return Ledger::ById(*c, id)->balance;
  }

  long long Worker(const std::string& owner) {
    auto c = database_->Acquire();
    return Ledger::Ensure(*c, AccountKind::kWorker, owner, "", 1765000000).id;
  }

  std::unique_ptr<storage::Database> database_;
  long long issuer_ = 0, pool_ = 0, sink_ = 0;
};

TEST_P(LedgerTest, FundAwardAndExpireMovePointsAndNothingElse) {
  ASSERT_TRUE(Move(TransferKind::kFund, issuer_, pool_, 1000, "fund-1").ok());
  const long long rider = Worker("account:901");
  ASSERT_TRUE(Move(TransferKind::kAward, pool_, rider, 30, "award:report:1").ok());
  ASSERT_TRUE(Move(TransferKind::kExpire, rider, sink_, 5, "expire:2026-12").ok());
  EXPECT_EQ(Balance(issuer_), -1000);
  EXPECT_EQ(Balance(pool_), 970);
  EXPECT_EQ(Balance(rider), 25);
  EXPECT_EQ(Balance(sink_), 5);
  auto c = database_->Acquire();
  const auto history = Ledger::History(*c, rider, 10);
  ASSERT_EQ(history.size(), 2U);
  EXPECT_EQ(history[0].delta, -5);
  EXPECT_EQ(history[0].counterparty, "已过期");
  EXPECT_EQ(history[1].delta, 30);
  EXPECT_EQ(history[1].counterparty_kind, AccountKind::kPool);
}

TEST_P(LedgerTest, ARetriedTransferPaysOnceAndADifferentOneUnderTheSameIdIsRefused) {
  ASSERT_TRUE(Move(TransferKind::kFund, issuer_, pool_, 100, "fund-1").ok());
  const long long rider = Worker("account:902");
  auto first = Move(TransferKind::kAward, pool_, rider, 10, "award:report:7");
  auto again = Move(TransferKind::kAward, pool_, rider, 10, "award:report:7");
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_FALSE(first->replayed);
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(Balance(rider), 10);
  auto other = Move(TransferKind::kAward, pool_, rider, 99, "award:report:7");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().name, "client_id_reused");
  // The same client id from another source is another transfer.
  const long long second_pool = [&] {
    auto c = database_->Acquire();
    return Ledger::Ensure(*c, AccountKind::kPool, "sponsor:1", "爱心单位", 0).id;
  }();
  EXPECT_EQ(Move(TransferKind::kFund, issuer_, second_pool, 50, "fund-1").error().name, "client_id_reused")
      << "one source, one client id";
  ASSERT_TRUE(Move(TransferKind::kFund, issuer_, second_pool, 50, "fund-2").ok());
  ASSERT_TRUE(Move(TransferKind::kAward, second_pool, rider, 5, "award:report:7").ok());
  EXPECT_EQ(Balance(rider), 15);
}

TEST_P(LedgerTest, NoBalanceGoesBelowZeroAndARefusalWritesNothing) {
  ASSERT_TRUE(Move(TransferKind::kFund, issuer_, pool_, 20, "fund-1").ok());
  const long long rider = Worker("account:903");
  auto too_much = Move(TransferKind::kAward, pool_, rider, 21, "a1");
  ASSERT_FALSE(too_much.ok());
  EXPECT_EQ(too_much.error().name, "insufficient_points");
  EXPECT_EQ(too_much.error().fields.at("balance").as_int64(), 20);
  EXPECT_EQ(Balance(pool_), 20);
  EXPECT_EQ(Balance(rider), 0);
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_transfers WHERE client_id = 'a1'"), 0);
  // The database refuses a negative balance even when asked directly.
  EXPECT_THROW(c->Execute("UPDATE points_accounts SET balance = -1 WHERE id = ?", {rider}), storage::DatabaseError);
}

TEST_P(LedgerTest, ReversalUndoesOnceAndOnlyWhileThePointsAreThere) {
  ASSERT_TRUE(Move(TransferKind::kFund, issuer_, pool_, 100, "fund-1").ok());
  const long long rider = Worker("account:904");
  auto award = Move(TransferKind::kAward, pool_, rider, 40, "a1");
  ASSERT_TRUE(award.ok());
  ASSERT_TRUE(Move(TransferKind::kReversal, rider, pool_, 40, "reversal:1", award->id).ok());
  EXPECT_EQ(Balance(rider), 0);
  EXPECT_EQ(Balance(pool_), 100);
  auto twice = Move(TransferKind::kReversal, rider, pool_, 40, "reversal:1b", award->id);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().name, "already_reversed");
  // Points already spent cannot be taken back.
  auto award2 = Move(TransferKind::kAward, pool_, rider, 30, "a2");
  ASSERT_TRUE(award2.ok());
  ASSERT_TRUE(Move(TransferKind::kExpire, rider, sink_, 20, "e1").ok());
  auto late = Move(TransferKind::kReversal, rider, pool_, 30, "reversal:2", award2->id);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().name, "insufficient_points");
}

TEST_P(LedgerTest, KindsRunOnlyBetweenTheirAccounts) {
  const long long rider = Worker("account:905");
  auto wrong = Move(TransferKind::kFund, issuer_, rider, 5, "f");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, core::ErrorCode::kValidationFailed);
  EXPECT_FALSE(Move(TransferKind::kAward, pool_, 999999, 5, "x").ok());
}

TEST_P(LedgerTest, RacingWritersNeverOverdrawAPool) {
  // 16 writers, 10 awards of 7 points each, against a pool of 500: exactly 71 are paid.
  ASSERT_TRUE(Move(TransferKind::kFund, issuer_, pool_, 500, "fund-1").ok());
  const long long rider = Worker("account:906");
  auto shared = storage::Database::Open(GetParam(), 8);
  std::atomic<int> paid{0}, refused{0};
  std::vector<std::thread> writers;
  writers.reserve(16);
  for (int w = 0; w < 16; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < 10; ++i) {
        auto c = shared->Acquire();
        storage::Transaction transaction(*c);
        TransferRequest request{
            pool_,    rider,        7,         TransferKind::kAward, "race", "race-" + std::to_string(w * 100 + i),
            "tester", std::nullopt, 1765000000};
        auto moved = Ledger::Move(*c, request);
        if (moved.ok()) {
          transaction.Commit();
          ++paid;
        } else {
          ++refused;
        }
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(paid.load(), 71);
  EXPECT_EQ(refused.load(), 160 - 71);
  EXPECT_EQ(Balance(pool_), 500 - 71 * 7);
  EXPECT_EQ(Balance(rider), 71 * 7);
}

TEST_P(LedgerTest, AConfirmedReportIsPaidFromTheCityPoolOnce) {
  auto c = database_->Acquire();
  EXPECT_FALSE(PointsService::PayReportAward(*c, 907, 55, kReportConfirmedPoints, 1765000000))
      << "an empty pool pays nothing (the award stays recorded)";
  c->Execute("DELETE FROM points_accounts WHERE owner_ref = 'account:907'");
  ASSERT_TRUE(Move(TransferKind::kFund, issuer_, pool_, 100, "fund-1").ok());
  EXPECT_TRUE(PointsService::PayReportAward(*c, 907, 55, kReportConfirmedPoints, 1765000000));
  EXPECT_TRUE(PointsService::PayReportAward(*c, 907, 55, kReportConfirmedPoints, 1765000000)) << "a replay";
  EXPECT_EQ(Balance(pool_), 100 - kReportConfirmedPoints);
  EXPECT_EQ(Ledger::Find(*c, AccountKind::kWorker, "account:907")->balance, kReportConfirmedPoints);
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerTest, ::testing::ValuesIn(storage::TestDatabaseUrls("ledger")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::points
