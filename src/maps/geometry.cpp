#include "maps/geometry.h"

namespace youhao::maps {

BoundingBox MapBounds(const CompoundMap& map) {
  BoundingBox box;
  for (const Feature& feature : map.features) {
    for (const auto& ring : feature.geometry.rings) {
      for (const LonLat& p : ring) box.Add(p);
    }
  }
  return box;
}

}  // namespace youhao::maps
