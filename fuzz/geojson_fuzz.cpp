// libFuzzer target: FeaturesFromGeoJsonText on arbitrary bytes. Whatever it accepts must have
// coordinates in range and closed, simple polygon rings, and must survive the round trip
// through FeatureToGeoJson unchanged (what the database stores is what it reads back).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <boost/json.hpp>

#include "check.h"
#include "core/json_output.h"
#include "maps/compound_map.h"
#include "maps/geometry.h"

using youhao::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto features = youhao::maps::FeaturesFromGeoJsonText(input);
  if (!features.ok()) {
    Check(!features.error().detail.empty(), "errors say why", input);
    return 0;
  }
  for (const youhao::maps::Feature& feature : *features) {
    for (const auto& ring : feature.geometry.rings) {
      Check(!ring.empty(), "rings are not empty", input);
      for (const youhao::maps::LonLat& p : ring) {
        Check(p.lon >= -180 && p.lon <= 180 && p.lat >= -90 && p.lat <= 90, "coordinates in range", input);
      }
      if (feature.geometry.type == youhao::maps::GeometryType::kPolygon) {
        Check(ring.size() >= 4 && ring.front() == ring.back(), "polygon rings are closed", input);
        Check(!youhao::maps::RingSelfIntersects(ring), "polygon rings are simple", input);
      }
    }
    const std::string text = youhao::core::SerializeJson(youhao::maps::FeatureToGeoJson(feature));
    auto back = youhao::maps::FeatureFromGeoJson(boost::json::parse(text), "round trip");
    // Rounding to 1e-6 degrees may make two vertices of a tiny polygon equal; that is refused, not corrupted.
    if (back.ok()) {
      Check(back->kind == feature.kind && back->label == feature.label && back->number == feature.number &&
                back->section == feature.section && back->opening_hours == feature.opening_hours,
            "properties survive the round trip", input);
    }
  }
  return 0;
}
