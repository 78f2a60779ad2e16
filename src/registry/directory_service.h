#pragma once
/// Read side of the registry: compounds, workers and depots within an area, and the counts
/// behind each role's home screen. Personal data leaves this service masked.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/ttl_cache.h"
#include "registry/phone_vault.h"
#include "storage/database.h"

namespace youhao::registry {

struct AreaStats {
  long long communities = 0;
  long long compounds = 0;
  long long workers = 0;
  long long verified_workers = 0;
  long long depots = 0;
  long long accounts = 0;
  long long places = 0;
};

struct CompoundSummary {
  std::string code;
  std::string name_zh;
  std::string community_code;
  std::string community_name;
  std::string street_name;
  std::optional<double> lat;
  std::optional<double> lon;
  std::string source;
};

struct WorkerSummary {
  long long id = 0;
  std::string name;
  std::string kind;
  std::string platform;
  std::string depot;
  std::string phone_masked;
  std::string status;
};

template <typename T>
struct Page {
  std::vector<T> items;
  long long total = 0;
};

struct ListQuery {
  /// Free text matched against names; empty matches everything.
  std::string text;
  /// Worker status filter; empty matches every status.
  std::string status;
  long long limit = 20;
  long long offset = 0;
};

class DirectoryService {
 public:
  DirectoryService(storage::Database& database, const PhoneVault& phones) : database_(database), phones_(phones) {}

  /// Counts of everything inside `area`. Dashboards ask for them on every visit and they cost
  /// up to ~100 ms for a district, so each area's counts are reused for 15 s.
  AreaStats Stats(const areas::Area& area) const;
  Page<CompoundSummary> Compounds(const areas::Area& area, const ListQuery& query) const;
  Page<WorkerSummary> Workers(const areas::Area& area, const ListQuery& query) const;
  /// The worker record linked to a worker account, if any.
  std::optional<WorkerSummary> WorkerForAccount(long long account_id) const;

 private:
  AreaStats CountStats(const areas::Area& area) const;

  storage::Database& database_;
  const PhoneVault& phones_;
  mutable core::TtlCache<AreaStats> stats_cache_{std::chrono::seconds(15), 50'000};
};

/// Worker statuses accepted by filters.
bool IsWorkerStatus(std::string_view status);

}  // namespace youhao::registry
