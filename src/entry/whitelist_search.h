#pragma once
/// Finding riders to put on a compound's whitelist (常驻骑手名单) by what staff know of them, a
/// name or a whole phone number, instead of an internal id: the policy of where to look, and the
/// use case that looks there and says who is on the list already.

#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/error.h"
#include "entry/access_plan_service.h"
#include "registry/directory_service.h"

namespace youhao::entry {

/// The area whose workers `principal` searches when editing `compound`'s whitelist: an officer's
/// own area (which holds the compound), and for the compound's property staff, whose own area is
/// the compound itself and holds no workers, the community the compound belongs to (where its
/// regular riders are registered).
std::string WhitelistSearchArea(const accounts::Principal& principal, const areas::Area& compound);

/// At most this many riders per search.
inline constexpr long long kWhitelistSearchLimit = 20;

struct WhitelistCandidate {
  registry::WorkerSummary worker;
  bool on_whitelist = false;
};

class WhitelistSearch {
 public:
  WhitelistSearch(const areas::AreaService& areas, const registry::DirectoryService& directory,
                  const AccessPlanService& plans)
      : areas_(areas), directory_(directory), plans_(plans) {}

  /// Verified riders of WhitelistSearchArea matching `text` (a part of the name, or a whole mobile
  /// number), phones masked, each marked when already on `compound`'s whitelist. `compound` must
  /// be one the principal may edit (AccessPlanService::EditableCompound). Errors: validation_failed.
  core::Result<std::vector<WhitelistCandidate>> Find(const accounts::Principal& principal, const areas::Area& compound,
                                                     std::string_view text) const;

 private:
  const areas::AreaService& areas_;
  const registry::DirectoryService& directory_;
  const AccessPlanService& plans_;
};

}  // namespace youhao::entry
