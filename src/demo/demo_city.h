#pragma once
/// The deterministic demo city: Beijing's Haidian district with its real streets (NBS codes),
/// the real compounds of the OpenStreetMap extracts at their real positions, and generated
/// communities, compounds, depots, workers and places around them. The same seed always gives
/// the same city.

#include <string>
#include <vector>

#include "registry/phone_vault.h"
#include "storage/database.h"

namespace youhao::demo {

enum class Scale {
  /// ~40 communities, ~200 compounds, ~1,000 workers, the demo staff accounts.
  kDemo,
  /// ~4,000 communities, 20,000 compounds, 200,000 workers, 25,000 places: benchmarks.
  kCity,
};

struct DemoOptions {
  Scale scale = Scale::kDemo;
  unsigned long long seed = 20241123;
  /// Password of every demo account.
  std::string password = "youhao-demo";
};

struct DemoLogin {
  std::string login;
  std::string role;
  std::string area_name;
};

struct DemoSummary {
  long long streets = 0;
  long long communities = 0;
  long long compounds = 0;
  long long osm_compounds = 0;
  long long depots = 0;
  long long workers = 0;
  long long places = 0;
  std::vector<DemoLogin> logins;
};

/// True when the database holds no areas yet.
bool IsEmpty(storage::Database& database);

/// Generates the city into an empty, migrated database in one transaction; workers' phones are
/// kept as `phones` keeps them (sealed, digested). Throws std::runtime_error when the database
/// already holds areas.
DemoSummary GenerateDemoCity(storage::Database& database, const DemoOptions& options,
                             const registry::PhoneVault& phones);

/// The curated friendly places and depots of data/demo/places.json (on real roads of the Beijing
/// OSM extracts, with hours, amenities and offers; two owned by demo-keeper and demo-merchant).
/// Returns the number of places added. Called by GenerateDemoCity.
long long SeedDemoPlaces(storage::Connection& connection);

/// The district's acceptance rules (food safety to the community, a worker's own difficulty to the
/// compound's property company) and the anchor street's (fire lanes to a station up to 1.5 km
/// away). Called by SeedDemoReports, whose reports are routed by them.
void SeedDemoAcceptanceRules(storage::Connection& connection, long long now);

/// A few months of worker reports near the demo places, in every state of the chain (some
/// overdue, some auto-closed, a few of demo-worker's own), so the queue, the SLA clocks and the
/// numbers show something on the first start. Returns the number of reports.
long long SeedDemoReports(storage::Connection& connection, long long now, unsigned long long seed);

/// demo-reporter as the anchor community's roaming grid reporter (with a share of its older
/// reports), and four months of guards' conduct records across the compounds. Returns the
/// number of conduct records.
long long SeedDemoGridAndConduct(storage::Connection& connection, long long now, unsigned long long seed);

/// The points ledger's demo: the city funds its pool; demo-worker's confirmed reports are paid
/// from it, and a community officer awards two acts of service; then SeedDemoOffers. Returns
/// demo-worker's balance.
long long SeedDemoPoints(storage::Connection& connection, long long now);

/// Two offers at demo-keeper's station and two at demo-merchant's shop, and a lunch the worker
/// with sign-in account `worker_account_id` redeemed there three days ago, confirmed by the
/// merchant (in the caller's transaction).
void SeedDemoOffers(storage::Connection& connection, long long worker_account_id, long long now);

}  // namespace youhao::demo
