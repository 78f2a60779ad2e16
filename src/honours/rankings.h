#pragma once
/// The monthly lists (table published_rankings): 优秀放餐企业榜单, the merchants of an area ranked
/// from riders' hand-over ratings, and 友好小区榜, its compounds ranked from their gate records
/// (the share of riders' verified scans that let them in) and riders' access ratings. Until an
/// officer publishes it a list is a draft, drawn afresh from the records and seen by officers
/// only; publishing freezes it (its entries are stored), so later ratings do not change it. A list
/// is published once per kind, month and area. The rules are handover_policy.h's.

#include <optional>
#include <string>
#include <string_view>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/error.h"
#include "honours/handover_policy.h"
#include "storage/database.h"

namespace youhao::honours {

struct RankingList {
  RankingKind kind = RankingKind::kMerchants;
  std::string month;  ///< "2026-12"
  std::string area_code;
  std::string area_name;
  Ranking ranking;
  long long min_raters = 0;
  bool published = false;
  long long published_at = 0;
  std::string published_by;
};

class Rankings {
 public:
  Rankings(storage::Database& database, areas::AreaService& areas, RankingRules rules = {})
      : database_(database), areas_(areas), rules_(rules) {}

  /// The list of `kind` for `month` in `area_code` (empty: the whole city): the published one for
  /// anyone (`reader` may be null: not signed in), or the draft for an officer whose area holds
  /// the area. Without a month, an officer whose area holds it gets this month's (at `now`), and
  /// anyone else the newest published one. Errors: bad_month (400), not_found (no such area),
  /// ranking_not_published (404).
  core::Result<RankingList> View(const accounts::Principal* reader, RankingKind kind,
                                 std::optional<std::string_view> month, std::string_view area_code,
                                 long long now) const;
  /// Freezes the draft of `kind` for `month` in `area_code` as published, with an audit entry.
  /// Errors: bad_month, not_found, ranking_not_yours (403: below street officer, or the area
  /// outside the publisher's), ranking_month_ahead (409: a month not yet begun),
  /// ranking_already_published (409).
  core::Result<RankingList> Publish(const accounts::Principal& officer, RankingKind kind, std::string_view month,
                                    std::string_view area_code, long long now);

  const RankingRules& rules() const { return rules_; }

 private:
  /// The area `area_code`, or the city (the root of the tree) when it is empty.
  core::Result<areas::Area> AreaOf(storage::Connection& connection, std::string_view area_code) const;

  storage::Database& database_;
  areas::AreaService& areas_;
  RankingRules rules_;
};

/// The SQL behind the lists, run on a given connection.
namespace ranking_repository {
/// The merchants of an area with one voice per rider for the month.
std::vector<Candidate> MerchantCandidates(storage::Connection& connection, std::string_view area_path,
                                          std::string_view month);
/// The compounds of an area with one voice per rider: their verified scans in [from, to) and their
/// access ratings of `month`.
std::vector<Candidate> CompoundCandidates(storage::Connection& connection, std::string_view area_path,
                                          std::string_view month, long long from, long long to);
/// The list of `kind` for `month` ("YYYY-MM", valid) in `area`, drawn afresh from the records.
RankingList DrawList(storage::Connection& connection, RankingKind kind, std::string_view month, const areas::Area& area,
                     const RankingRules& rules);
/// The published list, or nullopt.
std::optional<RankingList> FindPublished(storage::Connection& connection, RankingKind kind, std::string_view month,
                                         std::string_view area_code);
/// The newest published list of `kind` in `area_code`, or nullopt.
std::optional<RankingList> LatestPublished(storage::Connection& connection, RankingKind kind,
                                           std::string_view area_code);
/// The code of the city, the root of the area tree (empty when there are no areas).
std::string RootArea(storage::Connection& connection);
/// Stores `list` as published; false when one was published first (unique violation not thrown).
bool StorePublished(storage::Connection& connection, const RankingList& list);
}  // namespace ranking_repository

}  // namespace youhao::honours
