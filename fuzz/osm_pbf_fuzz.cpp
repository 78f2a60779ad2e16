// libFuzzer target: ParseOsmPbf on arbitrary bytes, and the invariants of every value it accepts.
// Any broken invariant aborts, which libFuzzer reports as a crash.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/error.h"
#include "core/text.h"
#include "osm/osm_data.h"

namespace {

void Check(bool condition, const char* what, std::string_view input) {
  if (condition) return;
  std::fprintf(stderr, "invariant broken: %s (input of %zu bytes)\n", what, input.size());
  std::abort();
}

void CheckTags(const std::vector<youhao::osm::Tag>& tags, std::string_view input) {
  for (const youhao::osm::Tag& tag : tags) {
    Check(youhao::core::IsValidUtf8(tag.key) && youhao::core::IsValidUtf8(tag.value), "tags are UTF-8", input);
    Check(youhao::osm::TagValue(tags, tag.key).data() != nullptr, "TagValue finds every key", input);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = youhao::osm::ParseOsmPbf(text);
  if (!parsed.ok()) {
    Check(parsed.error().code == youhao::core::ErrorCode::kValidationFailed, "error code", text);
    Check(parsed.error().detail.starts_with("OSM PBF blob ") || parsed.error().detail == "OSM PBF: empty file",
          "the error names the blob", text);
    Check(!youhao::core::HasControlCharacters(parsed.error().detail), "error detail has no control characters", text);
    Check(youhao::core::IsValidUtf8(parsed.error().detail), "error detail is UTF-8", text);
    Check(parsed.error().detail.size() < 512, "error detail is short", text);
    return 0;
  }
  const youhao::osm::OsmData& osm = parsed.value();
  for (const youhao::osm::Node& node : osm.nodes) {
    Check(node.lat >= -90 && node.lat <= 90 && node.lon >= -180 && node.lon <= 180, "coordinates in range", text);
    const youhao::osm::Node* found = osm.FindNode(node.id);
    Check(found != nullptr && found->id == node.id, "FindNode finds every node", text);
    CheckTags(node.tags, text);
  }
  for (const youhao::osm::Way& way : osm.ways) {
    const youhao::osm::Way* found = osm.FindWay(way.id);
    Check(found != nullptr && found->id == way.id, "FindWay finds every way", text);
    CheckTags(way.tags, text);
  }
  for (const youhao::osm::Relation& relation : osm.relations) {
    const youhao::osm::Relation* found = osm.FindRelation(relation.id);
    Check(found != nullptr && found->id == relation.id, "FindRelation finds every relation", text);
    CheckTags(relation.tags, text);
    for (const youhao::osm::Member& member : relation.members) {
      Check(youhao::core::IsValidUtf8(member.role), "roles are UTF-8", text);
    }
  }
  if (osm.bounds.present) {
    Check(osm.bounds.min_lat >= -90 && osm.bounds.max_lat <= 90 && osm.bounds.min_lon >= -180 &&
              osm.bounds.max_lon <= 180,
          "bounds in range", text);
  }
  Check(youhao::core::IsValidUtf8(osm.generator), "generator is UTF-8", text);
  return 0;
}
