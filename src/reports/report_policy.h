#pragma once
/// Who may see a report, who may act on it, and which queue a caller's list shows: pure functions
/// of the report and the caller (no database, no clock), unit-tested in report_policy_test.cpp.
/// The chain's transitions themselves are Next() in report_model.h.

#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "core/error.h"
#include "reports/report.h"

namespace youhao::reports {

/// The caller is the station keeper, or a property manager of the compound, the report was routed to.
bool RoutedToThem(const Report& report, const accounts::Principal& caller);
/// The report lies inside the caller's area.
bool InScope(const Report& report, const accounts::Principal& caller);
/// The report is the caller's business as staff: assigned to them, in their area, taken up by
/// them, or routed to them.
bool Concerns(const Report& report, const accounts::Principal& caller);
/// The caller may accept (dispatch, start, close) it: community officers and above in scope
/// always; otherwise the party it was routed to (a community's grid officers for the community).
bool MayAccept(const Report& report, const accounts::Principal& caller);
/// The actions the caller may take now, in Action order.
std::vector<Action> Allowed(const Report& report, const accounts::Principal& caller);

/// What the caller sees of a report.
enum class Sight : std::uint8_t {
  kVisible,
  /// Their business, but a welfare concern their role may not read: 403.
  kPrivate,
  /// Not theirs to know of: 404, as if it did not exist.
  kHidden,
};
/// For `caller` (null: the public, e.g. Open311 without a key).
Sight SightOf(const Report& report, const accounts::Principal* caller);
/// The error that goes with a sight other than kVisible.
core::Error SightError(Sight sight);

/// Who sees a stored photo, and so how it is served.
enum class PhotoSight : std::uint8_t {
  /// Anyone may see it (a public report's): any cache may keep it.
  kPublic,
  /// Shown to this caller because of who they are (their own upload not yet sent, the photos of a
  /// welfare report they may read): never kept by any cache.
  kPrivate,
  /// Not theirs to see: 404, as if it did not exist.
  kHidden,
};
/// For a photo of `report` (null: not yet sent with a report) uploaded by `uploader` (an account
/// id; none for an organisation's), seen by `caller` (null: the public).
PhotoSight PhotoSightOf(const Report* report, std::optional<long long> uploader, const accounts::Principal* caller);

/// Which reports a caller's list holds.
struct Queue {
  /// The caller's own reports (workers always; others with mine=1).
  std::optional<long long> reporter_account_id;
  /// A station keeper's queue: what the rules send their station, wherever it lies.
  std::optional<long long> routed_to_account;
  /// A property manager's queue: what the rules send their compound.
  std::optional<std::string> routed_to_compound;
  /// With a routed queue: what the caller took up, wherever the rules would send it now.
  std::optional<std::string> taken_up_by;
  /// Officers: everything in an area they choose within their scope.
  bool by_area = false;
  /// Welfare concerns included.
  bool include_private = false;
};
/// The queue for `caller`; `mine` asks for their own reports. Forbidden for roles that neither
/// report nor handle.
core::Result<Queue> QueueFor(const accounts::Principal& caller, bool mine);

}  // namespace youhao::reports
