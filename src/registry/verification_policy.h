#pragma once
/// Verification, explained to the rider, as pure rules: which community a rider is offered first
/// (the one holding their depot, then the nearest), how long verification usually takes there,
/// whom to contact while waiting, and what the rider is told when their status changes. No
/// database, no clock, no text: the service reads the facts, the edge words the answers.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace youhao::registry {

/// What a worker's bell says when an officer decides; each is worded at the edge from the
/// catalogue's "notifications.<kind>" with the fields {community, reason}.
namespace notice {
inline constexpr std::string_view kVerified = "worker_verified";    ///< pending → verified
inline constexpr std::string_view kRefused = "worker_refused";      ///< pending → suspended or revoked
inline constexpr std::string_view kRestored = "worker_restored";    ///< suspended or revoked → verified
inline constexpr std::string_view kSuspended = "worker_suspended";  ///< verified → suspended
inline constexpr std::string_view kRevoked = "worker_revoked";      ///< verified or suspended → revoked
inline constexpr std::string_view kKinds[] = {kVerified, kRefused, kRestored, kSuspended, kRevoked};
}  // namespace notice

/// The notice a status change from `from` to `to` sends the worker; none when nothing was decided
/// (registration itself, a return to pending, no change).
std::optional<std::string_view> NoticeFor(std::string_view from, std::string_view to);

/// How long verification usually takes in a community, from its recent verifications.
struct WaitEstimate {
  /// The median wait in whole hours (rounded up, at least 1); none when there are too few
  /// verifications to say (the edge then says "usually within a working day").
  std::optional<long long> median_hours;
  long long samples = 0;
};

inline constexpr std::size_t kWaitMinSamples = 5;

/// `waits_seconds`: from registration to verification, one per recently verified rider.
/// Negative waits (clocks set back) count as none.
WaitEstimate EstimateWait(std::vector<long long> waits_seconds, std::size_t min_samples = kWaitMinSamples);

/// A community a rider may choose, as read from the area tree.
struct CommunityCandidate {
  std::string code;
  std::string name_zh;
  std::string street_name;
  std::string path;
  std::optional<double> lat;
  std::optional<double> lon;
};

/// Where a depot is: its area's path (a community, a compound, or only a street) and its point.
struct DepotSpot {
  std::string area_path;
  std::optional<double> lat;
  std::optional<double> lon;
};

struct RankedCommunity {
  CommunityCandidate community;
  /// From the depot, when both have a point.
  std::optional<double> distance_m;
  /// The depot lies inside this community (the suggestion when there is one).
  bool holds_depot = false;
};

/// At most `limit` communities, the one to suggest first: the community holding the depot, then
/// those inside the depot's own area (a depot recorded only at its street), then the nearest;
/// communities without a point come last. Ties go by code.
std::vector<RankedCommunity> RankCommunities(const DepotSpot& depot, std::vector<CommunityCandidate> candidates,
                                             std::size_t limit);

/// A place a waiting rider can call or visit: a station of the community or of its street.
struct ContactCandidate {
  std::string name;
  std::string phone;
  std::string address;
  std::string area_path;
  std::optional<double> lat;
  std::optional<double> lon;
};

/// The contact to show: one inside the community before one outside it, one with a phone before
/// one without, then the nearest to the community's point; none when there are no candidates.
std::optional<ContactCandidate> PickContact(std::string_view community_path, std::optional<double> community_lat,
                                            std::optional<double> community_lon,
                                            std::vector<ContactCandidate> candidates);

}  // namespace youhao::registry
