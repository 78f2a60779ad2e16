#include "registry/verification_policy.h"

#include <algorithm>
#include <tuple>

#include "areas/area_service.h"
#include "geo/geo.h"

namespace youhao::registry {

namespace {

bool Barred(std::string_view status) { return status == "suspended" || status == "revoked"; }

std::optional<double> DistanceBetween(std::optional<double> lat_a, std::optional<double> lon_a,
                                      std::optional<double> lat_b, std::optional<double> lon_b) {
  if (!lat_a || !lon_a || !lat_b || !lon_b) return std::nullopt;
  return geo::DistanceMetres({*lon_a, *lat_a}, {*lon_b, *lat_b});
}

}  // namespace

std::optional<std::string_view> NoticeFor(std::string_view from, std::string_view to) {
  if (from == to) return std::nullopt;
  if (to == "verified") return from == "pending" ? notice::kVerified : notice::kRestored;
  if (Barred(to)) {
    if (from == "pending") return notice::kRefused;
    return to == "suspended" ? notice::kSuspended : notice::kRevoked;
  }
  return std::nullopt;
}

WaitEstimate EstimateWait(std::vector<long long> waits_seconds, std::size_t min_samples) {
  WaitEstimate estimate;
  estimate.samples = static_cast<long long>(waits_seconds.size());
  if (waits_seconds.empty() || waits_seconds.size() < min_samples) return estimate;
  for (long long& wait : waits_seconds) wait = std::max(0LL, wait);
  std::sort(waits_seconds.begin(), waits_seconds.end());
  const std::size_t middle = waits_seconds.size() / 2;
  // The mean of the two middle waits, in seconds, rounded up.
  const long long median = waits_seconds.size() % 2 == 1 ? waits_seconds[middle]
                                                         : (waits_seconds[middle - 1] + waits_seconds[middle] + 1) / 2;
  estimate.median_hours = std::max(1LL, (median + 3599) / 3600);
  return estimate;
}

std::vector<RankedCommunity> RankCommunities(const DepotSpot& depot, std::vector<CommunityCandidate> candidates,
                                             std::size_t limit) {
  std::vector<RankedCommunity> ranked;
  ranked.reserve(candidates.size());
  for (auto& candidate : candidates) {
    RankedCommunity entry;
    entry.holds_depot = areas::PathWithin(depot.area_path, candidate.path);
    entry.distance_m = DistanceBetween(depot.lat, depot.lon, candidate.lat, candidate.lon);
    entry.community = std::move(candidate);
    ranked.push_back(std::move(entry));
  }
  const auto key = [&depot](const RankedCommunity& entry) {
    const bool inside_depot_area = areas::PathWithin(entry.community.path, depot.area_path);
    return std::make_tuple(!entry.holds_depot, !inside_depot_area, !entry.distance_m.has_value(),
                           entry.distance_m.value_or(0.0), std::string_view(entry.community.code));
  };
  const std::size_t kept = std::min(limit, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(kept), ranked.end(),
                    [&key](const RankedCommunity& a, const RankedCommunity& b) { return key(a) < key(b); });
  ranked.resize(kept);
  return ranked;
}

std::optional<ContactCandidate> PickContact(std::string_view community_path, std::optional<double> community_lat,
                                            std::optional<double> community_lon,
                                            std::vector<ContactCandidate> candidates) {
  if (candidates.empty()) return std::nullopt;
  const auto key = [&](const ContactCandidate& candidate) {
    const auto distance = DistanceBetween(community_lat, community_lon, candidate.lat, candidate.lon);
    return std::make_tuple(!areas::PathWithin(candidate.area_path, community_path), candidate.phone.empty(),
                           !distance.has_value(), distance.value_or(0.0), std::string_view(candidate.name));
  };
  return *std::min_element(candidates.begin(), candidates.end(),
                           [&key](const ContactCandidate& a, const ContactCandidate& b) { return key(a) < key(b); });
}

}  // namespace youhao::registry
