#pragma once
/// The SQL behind explaining verification: communities a rider may choose, recent verifications,
/// the stations a waiting rider can contact, a worker's latest decision, and the notice written to
/// the worker's bell when an officer decides (in the caller's transaction).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/verification_policy.h"
#include "storage/database.h"

namespace youhao::registry {

/// The first `segments` parts of a materialised path ("110000/110108/110108011/", 2 →
/// "110000/110108/"); the whole path when it is shorter.
std::string PathPrefix(std::string_view path, int segments);

/// The depot `depot_id` as a place, or none.
std::optional<DepotSpot> FindDepotSpot(storage::Connection& connection, long long depot_id);

/// Communities a rider of `depot` may choose: those of the depot's district, or, when `text` is
/// given, those of the depot's city whose name contains it.
std::vector<CommunityCandidate> CommunityCandidates(storage::Connection& connection, const DepotSpot& depot,
                                                    std::string_view text);

/// The community `code` (an area of level community), or none.
std::optional<CommunityCandidate> FindCommunity(storage::Connection& connection, std::string_view code);

/// Seconds from registration to verification of the riders verified inside `area_path` since
/// `since` (the latest 200).
std::vector<long long> RecentVerificationWaits(storage::Connection& connection, std::string_view area_path,
                                               long long since);

/// Approved stations inside `area_path` with their phone and address (at most 200).
std::vector<ContactCandidate> StationsWithin(storage::Connection& connection, std::string_view area_path);

/// A worker's latest status change that changed something.
struct Decision {
  std::string from;
  std::string to;
  std::string reason;
  long long at = 0;
};
std::optional<Decision> LatestDecision(storage::Connection& connection, long long worker_id);

/// Writes to the bell of the worker's account what a change from `from` to `to` means for them
/// (NoticeFor), with the worker's community and the officer's reason, and returns the login told;
/// nothing when the change sends no notice or the worker has no account. Run inside the
/// transaction of the change; the caller wakes the login's inbox streams after the commit.
std::optional<std::string> NotifyStatusChange(storage::Connection& connection, long long worker_id,
                                              std::string_view from, std::string_view to, std::string_view reason,
                                              long long now);

}  // namespace youhao::registry
