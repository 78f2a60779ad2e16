#pragma once
/// For tests on a database: a city earning rule that pays. Header-only, so a module's test binary
/// needs no extra source; see also accounts/test_accounts.h.

#include <chrono>
#include <string>

#include "points/ledger.h"
#include "storage/database.h"

namespace youhao::points {

/// Sets the city's rule for `trigger_kind` ("training_finished", "volunteer_hour", ...) to `points`
/// with no caps, and funds the city pool with 1,000 points, so that a test's award is never stopped
/// by a cap or an empty pool. False when the funding transfer failed.
inline bool PayingCityRule(storage::Connection& c, const std::string& trigger_kind, long long points) {
  c.Execute(
      "UPDATE points_earning_rules SET points = ?, daily_cap = NULL, monthly_cap = NULL, active = 1 WHERE "
      "area_code = 'city' AND trigger_kind = ?",
      {points, trigger_kind});
  const long long issuer = Ledger::Find(c, AccountKind::kIssuer, "city")->id;
  const long long pool = Ledger::Find(c, AccountKind::kPool, "city")->id;
  const std::string client_id =
      "fund-" + trigger_kind + "-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  return Ledger::Move(c, {issuer, pool, 1000, TransferKind::kFund, "test", client_id, "tester", {}, 0}).ok();
}

}  // namespace youhao::points
