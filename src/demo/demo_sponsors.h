#pragma once
/// The demo city's sponsors and drive: 中关村爱心企业联盟 (demo-sponsor speaks for it) and the
/// demo merchant as a sponsor, their pools funded by the city (one pledge still open for
/// demo-city to confirm), the lunch offer paid by the alliance, awards from its pool, and a
/// running 一本书的旅行 with two drop points at stations and books from several organisations.

#include "storage/database.h"

namespace youhao::demo {

/// Runs once on the demo database, after SeedDemoPoints (it needs the city's issuer, the demo
/// accounts, places and offers).
void SeedDemoSponsors(storage::Connection& connection, long long now);

}  // namespace youhao::demo
