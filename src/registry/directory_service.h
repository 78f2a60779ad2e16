#pragma once
/// Read side of the registry: compounds, workers and depots within an area, the counts behind
/// each role's home screen, the communities a registering rider may choose and what a waiting
/// rider is told about verification. Personal data leaves this service masked.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/error.h"
#include "core/ttl_cache.h"
#include "registry/phone_vault.h"
#include "registry/verification_repository.h"
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
  std::string plate;
  bool has_photo = false;
  long long registered_at = 0;
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
  /// Oldest registration first (the verification inbox) instead of by area.
  bool oldest_first = false;
};

/// A community a registering rider may choose.
struct CommunityChoice {
  std::string code;
  std::string name_zh;
  std::string street_name;
  /// From the depot, when both have a point.
  std::optional<double> distance_m;
  /// The one to preselect: the depot's community, or the nearest (never for a search by name).
  bool suggested = false;
};

/// What a rider waiting for verification (or told of a decision) is shown: who verifies, how
/// long it usually takes, whom to contact, and the latest decision with its reason.
struct VerificationOutlook {
  /// The area whose officers verify the worker: their community (their own area when they were
  /// registered above community level).
  std::string area_code;
  std::string area_name;
  std::string area_level;
  WaitEstimate wait;
  std::optional<ContactCandidate> contact;
  std::optional<Decision> decision;
};

class DirectoryService {
 public:
  DirectoryService(storage::Database& database, const PhoneVault& phones) : database_(database), phones_(phones) {}

  /// Counts of everything inside `area`. Dashboards ask for them on every visit and they cost
  /// up to ~100 ms for a district, so each area's counts are reused for 15 s.
  AreaStats Stats(const areas::Area& area) const;
  Page<CompoundSummary> Compounds(const areas::Area& area, const ListQuery& query) const;
  Page<WorkerSummary> Workers(const areas::Area& area, const ListQuery& query) const;
  /// Workers inside `area` with `status` (empty: any) found by what a person types: a full mobile
  /// number (spaces and hyphens allowed) matched exactly through its digest, or else a part of the
  /// name; at most `limit`, by name. Errors (validation_failed): nothing typed, or digits that are
  /// not a whole mobile number ("registry.search_phone_whole": phones are sealed, so a part of one
  /// cannot be searched).
  core::Result<std::vector<WorkerSummary>> FindWorkers(const areas::Area& area, std::string_view text,
                                                       std::string_view status, long long limit) const;
  /// The worker record linked to a worker account, if any.
  std::optional<WorkerSummary> WorkerForAccount(long long account_id) const;

  /// At most 20 communities a rider registering at `depot_id` may choose, the suggestion first
  /// (RankCommunities): of the depot's district, or of its city matching `text`.
  /// Errors: not_found (no such depot).
  core::Result<std::vector<CommunityChoice>> CommunityChoices(long long depot_id, std::string_view text) const;

  /// Who verifies the worker `worker_id` registered in `area_path`, the usual wait there over the
  /// 90 days before `now`, a station to contact, and the worker's latest decision.
  VerificationOutlook Outlook(long long worker_id, std::string_view area_code, std::string_view area_path,
                              long long now) const;

 private:
  AreaStats CountStats(const areas::Area& area) const;

  storage::Database& database_;
  const PhoneVault& phones_;
  mutable core::TtlCache<AreaStats> stats_cache_{std::chrono::seconds(15), 50'000};
};

/// Worker statuses accepted by filters.
bool IsWorkerStatus(std::string_view status);

}  // namespace youhao::registry
