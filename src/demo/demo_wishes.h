#pragma once
/// The demo city's micro-wishes (微心愿), one in every state: a courier's fridge for a sick sister,
/// claimed by 中关村爱心企业联盟; demo-worker's helmet confirmed with a thank-you, his power bank
/// fulfilled and waiting for his 确认收到, his raincoat waiting for the community's verification;
/// demo-reporter's school bag open on the wall and a rejected wish.

#include "storage/database.h"

namespace youhao::demo {

/// Runs once on the demo database, after SeedDemoSponsors (it claims for the alliance, and makes
/// the alliance, with demo-sponsor as its member, when it is not there).
void SeedDemoWishes(storage::Connection& connection, long long now);

}  // namespace youhao::demo
