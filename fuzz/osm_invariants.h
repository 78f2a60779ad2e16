// The invariants every OsmData a reader accepts must hold, shared by the XML and PBF fuzz targets.
// Any broken invariant aborts, which libFuzzer reports as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "core/error.h"
#include "core/text.h"
#include "osm/osm_data.h"

namespace osm_fuzz {

/// Whether a failing input is printed (text) or only its size (binary).
inline bool print_input = true;

inline void Check(bool condition, const char* what, std::string_view input) {
  if (condition) return;
  if (print_input) {
    std::fprintf(stderr, "invariant broken: %s\ninput: \"%.*s\"\n", what, static_cast<int>(input.size()), input.data());
  } else {
    std::fprintf(stderr, "invariant broken: %s (input of %zu bytes)\n", what, input.size());
  }
  std::abort();
}

inline void CheckTags(const std::vector<youhao::osm::Tag>& tags, std::size_t max_tag_bytes, std::string_view input) {
  for (const youhao::osm::Tag& tag : tags) {
    Check(youhao::core::IsValidUtf8(tag.key) && youhao::core::IsValidUtf8(tag.value), "tags are UTF-8", input);
    Check(tag.key.size() <= max_tag_bytes && tag.value.size() <= max_tag_bytes,
          "tags are not longer than the attribute limit", input);
    Check(youhao::osm::TagValue(tags, tag.key).data() != nullptr, "TagValue finds every key", input);
  }
}

/// Errors: validation_failed, short UTF-8 detail. Accepted data: coordinates in range, every
/// element found by id, UTF-8 tags (at most `max_tag_bytes` each), roles, bounds and generator.
inline void CheckResult(const youhao::core::Result<youhao::osm::OsmData>& parsed, std::string_view input,
                        std::size_t max_tag_bytes = std::numeric_limits<std::size_t>::max()) {
  if (!parsed.ok()) {
    Check(parsed.error().code == youhao::core::ErrorCode::kValidationFailed, "error code", input);
    Check(youhao::core::IsValidUtf8(parsed.error().detail), "error detail is UTF-8", input);
    Check(parsed.error().detail.size() < 512, "error detail is short", input);
    return;
  }
  const youhao::osm::OsmData& osm = parsed.value();
  for (const youhao::osm::Node& node : osm.nodes) {
    Check(node.lat >= -90 && node.lat <= 90 && node.lon >= -180 && node.lon <= 180, "coordinates in range", input);
    const youhao::osm::Node* found = osm.FindNode(node.id);
    Check(found != nullptr && found->id == node.id, "FindNode finds every node", input);
    CheckTags(node.tags, max_tag_bytes, input);
  }
  for (const youhao::osm::Way& way : osm.ways) {
    const youhao::osm::Way* found = osm.FindWay(way.id);
    Check(found != nullptr && found->id == way.id, "FindWay finds every way", input);
    CheckTags(way.tags, max_tag_bytes, input);
  }
  for (const youhao::osm::Relation& relation : osm.relations) {
    const youhao::osm::Relation* found = osm.FindRelation(relation.id);
    Check(found != nullptr && found->id == relation.id, "FindRelation finds every relation", input);
    CheckTags(relation.tags, max_tag_bytes, input);
    for (const youhao::osm::Member& member : relation.members)
      Check(youhao::core::IsValidUtf8(member.role), "roles are UTF-8", input);
  }
  if (osm.bounds.present) {
    Check(osm.bounds.min_lat >= -90 && osm.bounds.max_lat <= 90 && osm.bounds.min_lon >= -180 &&
              osm.bounds.max_lon <= 180,
          "bounds in range", input);
  }
  Check(youhao::core::IsValidUtf8(osm.generator), "generator is UTF-8", input);
}

}  // namespace osm_fuzz
