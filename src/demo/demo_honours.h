#pragma once
/// The demo city's honours: 2025年度海淀区最美外卖员, announced, its winners (demo-worker 张小哥
/// first) paid their prize from the city's pool, their certificates signed when the server starts
/// (honours::HonourService::IssueMissingCertificates, as the demo has no key file); and
/// 2026年度中关村街道最美快递人 in its vote, with nominees, citations, evidence and votes.

#include "storage/database.h"

namespace youhao::demo {

/// Runs once on the demo database, after SeedDemoPoints (the prizes come from the city's pool).
void SeedDemoHonours(storage::Connection& connection, long long now);

}  // namespace youhao::demo
