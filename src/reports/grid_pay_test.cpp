#include "reports/grid_pay.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>

#include "points/ledger.h"
#include "schedule/clock.h"
#include "storage/test_databases.h"

namespace youhao::reports {
namespace {

using Months = std::vector<std::string>;

TEST(GridDaysServed, CountsTheDaysOfTheMonthTheTermRan) {
  EXPECT_EQ(GridDaysServed("2026-10-01", "2026-12-31", std::nullopt, "2026-11"), 30);
  EXPECT_EQ(GridDaysServed("2026-11-16", "2026-12-31", std::nullopt, "2026-11"), 15);
  EXPECT_EQ(GridDaysServed("2026-11-17", "2026-12-31", std::nullopt, "2026-11"), 14);
  EXPECT_EQ(GridDaysServed("2026-01-01", "2026-11-03", std::nullopt, "2026-11"), 3);
  EXPECT_EQ(GridDaysServed("2027-01-01", "2027-12-31", std::nullopt, "2027-02"), 28);
  EXPECT_EQ(GridDaysServed("2028-01-01", "2028-12-31", std::nullopt, "2028-02"), 29);
  EXPECT_EQ(GridDaysServed("2026-12-01", "2027-01-31", std::nullopt, "2026-11"), 0);
  EXPECT_EQ(GridDaysServed("2026-01-01", "2026-10-31", std::nullopt, "2026-11"), 0);
}

TEST(GridDaysServed, ATermEndedEarlyRunsThroughTheDayItEnded) {
  EXPECT_EQ(GridDaysServed("2026-10-01", "2027-03-31", std::string("2026-11-10"), "2026-11"), 10);
  EXPECT_EQ(GridDaysServed("2026-10-01", "2027-03-31", std::string("2026-10-20"), "2026-11"), 0);
  EXPECT_EQ(GridDaysServed("2026-11-20", "2027-03-31", std::string("2026-11-05"), "2026-11"), 0);
}

TEST(GridDaysServed, MalformedDatesServeNothing) {
  EXPECT_EQ(GridDaysServed("2026-10", "2026-12-31", std::nullopt, "2026-11"), 0);
  EXPECT_EQ(GridDaysServed("2026-10-01", "2026-12-31", std::nullopt, "2026-13"), 0);
  EXPECT_EQ(GridDaysServed("2026-10-01", "2026-12-31", std::nullopt, "2026-11-01"), 0);
  EXPECT_EQ(GridDaysServed("2026-10-01", "2026-12-31", std::string("soon"), "2026-11"), 0);
}

TEST(GridMonthsDue, FinishedMonthsOfHalfAMonthOrMoreWithinTheLookback) {
  // Running since September: October and November have ended; December has not.
  EXPECT_EQ(GridMonthsDue("2026-09-01", "2027-06-30", std::nullopt, "2026-12-07"), (Months{"2026-10", "2026-11"}));
  // Across the new year.
  EXPECT_EQ(GridMonthsDue("2026-09-01", "2027-06-30", std::nullopt, "2027-01-01"), (Months{"2026-11", "2026-12"}));
  // Started on 17 November: 14 days of November are not enough.
  EXPECT_EQ(GridMonthsDue("2026-11-17", "2027-06-30", std::nullopt, "2026-12-07"), Months{});
  // Started on 16 November: 15 days are.
  EXPECT_EQ(GridMonthsDue("2026-11-16", "2027-06-30", std::nullopt, "2026-12-07"), Months{"2026-11"});
  // Ended on 14 November: October only.
  EXPECT_EQ(GridMonthsDue("2026-09-01", "2027-06-30", std::string("2026-11-14"), "2026-12-07"), Months{"2026-10"});
  // The term's own end counts the same way.
  EXPECT_EQ(GridMonthsDue("2026-09-01", "2026-11-15", std::nullopt, "2026-12-07"), (Months{"2026-10", "2026-11"}));
  // Only the months of the lookback: September is not paid any more in December.
  EXPECT_EQ(GridMonthsDue("2026-09-01", "2026-09-30", std::nullopt, "2026-12-07"), Months{});
  // Today's month never, however long the term has run.
  EXPECT_EQ(GridMonthsDue("2026-12-01", "2027-06-30", std::nullopt, "2026-12-31"), Months{});
  EXPECT_EQ(GridMonthsDue("2026-09-01", "2027-06-30", std::nullopt, "someday"), Months{});
}

constexpr long long kNow = 1'765'000'000;  // 2025-12-06, Beijing afternoon: October and November are due

// Pays terms of community T-GP by its own grid_month rule (40 points, no caps, from a pool of its own).
class GridMonthPayTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO areas (code, level, name_zh, name_en, path) VALUES ('T-GP', 'community', '网格社区', 'T-GP', "
        "'T-GP/') ON CONFLICT DO NOTHING");
    c->Execute(
        "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) VALUES "
        "('gp-rider', 'gp-rider', 'worker', 'T-GP', 'x', 0, 0) ON CONFLICT DO NOTHING");
    account_ = c->QueryInt("SELECT id FROM accounts WHERE login = 'gp-rider'");
    c->Execute(
        "INSERT INTO workers (account_id, name, phone_digest, kind, platform, area_code, area_path, status, "
        "created_at) VALUES (?, '网格骑手', ?, 'food', '美团', 'T-GP', 'T-GP/', 'verified', 0) ON CONFLICT DO NOTHING",
        {account_, "137" + std::to_string(10000000 + account_)});
    worker_ = c->QueryInt("SELECT id FROM workers WHERE account_id = ?", {account_});
    const long long issuer = points::Ledger::Find(*c, points::AccountKind::kIssuer, "city")->id;
    pool_ = points::Ledger::Ensure(*c, points::AccountKind::kPool, "test-grid-pay", "网格测试积分池", 0).id;
    c->Execute(
        "INSERT INTO points_earning_rules (area_code, trigger_kind, points, pool_account_id, daily_cap, monthly_cap, "
        "active, updated_by, updated_at) VALUES ('T-GP', 'grid_month', 40, ?, NULL, NULL, 1, 'test', 0) ON CONFLICT "
        "(area_code, trigger_kind) DO UPDATE SET points = 40, pool_account_id = excluded.pool_account_id, daily_cap "
        "= NULL, monthly_cap = NULL, active = 1",
        {pool_});
    points::TransferRequest fund;
    fund.source_id = issuer;
    fund.target_id = pool_;
    fund.amount = 1'000;
    fund.kind = points::TransferKind::kFund;
    fund.reason = "test";
    fund.client_id = fmt::format("grid-pay-fund-{}", c->QueryInt("SELECT COALESCE(MAX(id), 0) FROM points_transfers"));
    fund.actor_login = "tester";
    ASSERT_TRUE(points::Ledger::Move(*c, fund).ok());
  }

  void TearDown() override {
    auto c = database_->Acquire();
    c->Execute("DELETE FROM points_earning_rules WHERE area_code = 'T-GP'");
    c->Execute("DELETE FROM grid_reporters WHERE area_code = 'T-GP'");
  }

  long long Term(const std::string& start, const std::string& end, std::optional<long long> ended_at = std::nullopt) {
    auto c = database_->Acquire();
    return c
        ->QueryOne(
            "INSERT INTO grid_reporters (worker_id, account_id, area_code, area_path, term_start, term_end, "
            "appointed_by, appointed_at, ended_at) VALUES (?, ?, 'T-GP', 'T-GP/', ?, ?, 'test', 0, ?) RETURNING id",
            {worker_, account_, start, end, ended_at ? storage::Value(*ended_at) : storage::Value(nullptr)})
        ->Int(0);
  }

  // The awards paid for `term`: "month amount" each, by month.
  std::vector<std::string> Paid(long long term) {
    auto c = database_->Acquire();
    std::vector<std::string> paid;
    for (const storage::Row& row :
         c->Query("SELECT client_id, amount, reason FROM points_transfers WHERE kind = 'award' AND client_id LIKE ? "
                  "ORDER BY client_id",
                  {fmt::format("grid_month:{}:%", term)})) {
      paid.push_back(fmt::format("{} {} {}", row.Text(0), row.Int(1), row.Text(2)));
    }
    return paid;
  }

  long long Balance() {
    auto c = database_->Acquire();
    const auto account = points::Ledger::Find(*c, points::AccountKind::kWorker, points::WorkerOwnerRef(account_));
    return account ? account->balance : 0;
  }

  std::unique_ptr<storage::Database> database_;
  long long account_ = 0, worker_ = 0, pool_ = 0;
};

TEST_P(GridMonthPayTest, PaysEachFinishedMonthOnceByTheRule) {
  const long long running = Term("2025-09-01", "2026-08-31");
  const long long ended = Term("2025-10-01", "2026-08-31", *schedule::BeijingMidnight("2025-11-10") + 3600);
  const long long late = Term("2025-11-20", "2026-08-31");
  const long long before = Balance();
  GridMonthPay pay(*database_);
  const GridPayRun first = pay.PayDue(kNow);
  EXPECT_GE(first.months, 3);
  EXPECT_GE(first.points, 120);
  EXPECT_EQ(Paid(running), (std::vector<std::string>{fmt::format("grid_month:{}:2025-10 40 grid_month", running),
                                                     fmt::format("grid_month:{}:2025-11 40 grid_month", running)}));
  EXPECT_EQ(Paid(ended), std::vector<std::string>{fmt::format("grid_month:{}:2025-10 40 grid_month", ended)});
  EXPECT_TRUE(Paid(late).empty()) << "11 days of November";
  EXPECT_EQ(Balance(), before + 120);

  // A second run, later the same month: nothing twice.
  pay.PayDue(kNow + 3LL * 86'400);
  EXPECT_EQ(Paid(running).size(), 2U);
  EXPECT_EQ(Paid(ended).size(), 1U);
  EXPECT_EQ(Balance(), before + 120);

  // In January, December is due for the running term and the late one; November is not again.
  pay.PayDue(*schedule::BeijingMidnight("2026-01-02"));
  EXPECT_EQ(Paid(running).size(), 3U);
  EXPECT_EQ(Paid(late), std::vector<std::string>{fmt::format("grid_month:{}:2025-12 40 grid_month", late)});
  EXPECT_EQ(Paid(ended).size(), 1U);
  EXPECT_EQ(Balance(), before + 200);

  auto c = database_->Acquire();
  EXPECT_TRUE(points::Ledger::Check(*c).Holds());
}

TEST_P(GridMonthPayTest, AnInactiveRulePaysNothingAndAFinishedMonthIsPaidOnceItIsActive) {
  {
    auto c = database_->Acquire();
    c->Execute("UPDATE points_earning_rules SET active = 0 WHERE area_code = 'T-GP' AND trigger_kind = 'grid_month'");
  }
  const long long term = Term("2025-09-01", "2026-08-31");
  GridMonthPay pay(*database_);
  pay.PayDue(kNow);
  EXPECT_TRUE(Paid(term).empty());
  {
    auto c = database_->Acquire();
    c->Execute("UPDATE points_earning_rules SET active = 1 WHERE area_code = 'T-GP' AND trigger_kind = 'grid_month'");
  }
  pay.PayDue(kNow + 60);
  EXPECT_EQ(Paid(term).size(), 2U);
}

INSTANTIATE_TEST_SUITE_P(Backends, GridMonthPayTest, ::testing::ValuesIn(storage::TestDatabaseUrls("grid_pay")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::reports
