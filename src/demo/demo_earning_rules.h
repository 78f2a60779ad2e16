#pragma once
/// The demo city's earning rules and expiring points: the city's defaults (migration 17) with
/// 中关村街道's override paying 15 points for a confirmed report, and a back-dated award of
/// demo-worker's that expires within 30 days, so 即将过期 shows on the first run.

#include "storage/database.h"

namespace youhao::demo {

/// Runs once on the demo database, after SeedDemoPoints (it needs the city's issuer and pool and
/// demo-worker's ledger account).
void SeedDemoEarningRules(storage::Connection& connection, long long now);

}  // namespace youhao::demo
