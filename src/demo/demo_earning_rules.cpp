#include "demo/demo_earning_rules.h"

#include "points/earning_policy.h"
#include "points/ledger.h"

namespace youhao::demo {

namespace {

constexpr long long kDay = 86'400;

}  // namespace

void SeedDemoEarningRules(storage::Connection& connection, long long now) {
  storage::Transaction transaction(connection);
  const auto issuer = points::Ledger::Ensure(connection, points::AccountKind::kIssuer, "city", "市积分发行", now);
  const auto pool = points::Ledger::Ensure(connection, points::AccountKind::kPool, "city", "市级积分池", now);
  // 中关村街道 thanks riders more for their reports: its override of the city's 10 points.
  if (auto street = connection.QueryOne("SELECT code FROM areas WHERE name_zh = '中关村街道'")) {
    connection.Execute(
        "INSERT INTO points_earning_rules (area_code, trigger_kind, points, pool_account_id, daily_cap, monthly_cap, "
        "active, updated_by, updated_at) VALUES (?, 'report_confirmed', 15, ?, 60, 300, 1, 'demo-street', ?) "
        "ON CONFLICT DO NOTHING",
        {street->Text(0), pool.id, now - 14 * kDay});
  }
  const auto worker = connection.QueryOne("SELECT id FROM accounts WHERE login = 'demo-worker'");
  if (!worker) {
    transaction.Commit();
    return;
  }
  // Last winter's points, 11½ months old: most of them expire within 30 days (what was spent
  // since went first, oldest first).
  const long long at = now - (points::kDefaultLifetimeMonths * 30 - 10) * kDay;
  const auto mine =
      points::Ledger::Ensure(connection, points::AccountKind::kWorker, points::WorkerOwnerRef(worker->Int(0)), "", now);
  (void)points::Ledger::Move(connection,
                             {issuer.id, pool.id, 200, points::TransferKind::kFund, "2025年冬季骑手关爱积分预算",
                              "fund:demo:winter-2025", "demo-city", std::nullopt, at - kDay});
  (void)points::Ledger::Move(connection,
                             {pool.id, mine.id, 200, points::TransferKind::kAward, "2025年冬季送温暖：协助社区扫雪除冰",
                              "award:demo:winter-2025", "demo-community", std::nullopt, at});
  transaction.Commit();
}

}  // namespace youhao::demo
