#pragma once
/// Demo content for honours the other way: riders' hand-over ratings of the district's merchants
/// and canteens over last month and this one (demo-merchant's 羊肉粉店 among the best), verified
/// gate scans at the compounds of demo-street's street, last month's two lists published for the
/// city (by demo-city), the district (by demo-district) and the street (by demo-street), this
/// month's left as drafts.

#include "storage/database.h"

namespace youhao::demo {

/// Seeds the ratings, the scans and last month's published lists (runs once, on a new database).
void SeedDemoHandover(storage::Connection& connection, long long now);

}  // namespace youhao::demo
