#include "entry/whitelist_search.h"

#include <algorithm>

namespace youhao::entry {

std::string WhitelistSearchArea(const accounts::Principal& principal, const areas::Area& compound) {
  if (accounts::IsOfficer(principal.role)) return principal.area_code;
  return compound.parent_code.value_or(compound.code);
}

core::Result<std::vector<WhitelistCandidate>> WhitelistSearch::Find(const accounts::Principal& principal,
                                                                    const areas::Area& compound,
                                                                    std::string_view text) const {
  auto area = areas_.Find(WhitelistSearchArea(principal, compound));
  if (!area) return core::MakeError(core::ErrorCode::kNotFound, "the area to search in no longer exists");
  auto workers = directory_.FindWorkers(*area, text, "verified", kWhitelistSearchLimit);
  if (!workers.ok()) return workers.error();
  const std::vector<long long> listed = plans_.WhitelistIds(compound.code);
  std::vector<WhitelistCandidate> found;
  found.reserve(workers->size());
  for (auto& worker : *workers) {
    const bool on_whitelist = std::find(listed.begin(), listed.end(), worker.id) != listed.end();
    found.push_back({std::move(worker), on_whitelist});
  }
  return found;
}

}  // namespace youhao::entry
