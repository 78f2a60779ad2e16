#pragma once
/// The poster of one compound as the API and `youhao poster` make it: title, street and
/// community, the access rules from its access plan, the QR code to its map page, attribution.

#include <optional>
#include <string>

#include "areas/area_service.h"
#include "entry/access_plan_service.h"
#include "maps/compound_map.h"
#include "poster/poster.h"

namespace youhao::poster {

enum class PosterFormat { kSvg, kPdf };

/// `parent`: the compound's community (its name is the subtitle); `public_url`: where `/m/{code}`
/// is served, e.g. "https://youhao.example".
PosterOptions CompoundPosterOptions(const areas::Area& compound, const std::optional<areas::Area>& parent,
                                    const entry::AccessPlan& plan, const maps::CompoundMap& map,
                                    std::string_view public_url);

/// The poster as SVG or PDF. Errors: not_found when the compound has no map yet.
core::Result<std::string> RenderCompoundPoster(const maps::CompoundMap& map, const PosterOptions& options,
                                               PosterFormat format);

}  // namespace youhao::poster
