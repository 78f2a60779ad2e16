#pragma once
/// Web-Mercator tiles (the XYZ scheme every web map uses: 256-pixel tiles, tile (0, 0) at the
/// north-west corner, 2^z tiles a side at zoom z). Positions are "world pixels" at a zoom: x
/// east and y south from the north-west corner of the world.

#include "geo/geo.h"

namespace youhao::basemap {

inline constexpr int kTileSize = 256;
/// Web Mercator's latitude limit (the world is square): beyond it a point is clamped.
inline constexpr double kMaxLatitude = 85.0511287798066;

struct Pixel {
  double x = 0;
  double y = 0;
};

struct TileId {
  int z = 0;
  int x = 0;
  int y = 0;
  friend bool operator==(const TileId&, const TileId&) = default;
};

/// `point` in world pixels at zoom `z` (0..30).
Pixel ToPixel(geo::LonLat point, int z);
/// The position of world pixel `pixel` at zoom `z`.
geo::LonLat ToLonLat(Pixel pixel, int z);
/// The tile holding `point` at zoom `z`.
TileId TileAt(geo::LonLat point, int z);
/// Whether (z, x, y) names a tile that exists: z in [0, max_zoom], x and y in [0, 2^z).
bool ValidTile(TileId tile, int max_zoom = 24);

/// An inclusive range of tiles at one zoom.
struct TileRange {
  int z = 0;
  int min_x = 0, min_y = 0, max_x = -1, max_y = -1;
  long long Count() const {
    return max_x < min_x || max_y < min_y ? 0 : 1LL * (max_x - min_x + 1) * (max_y - min_y + 1);
  }
};
/// The tiles covering `box` at zoom `z` (none for an empty box).
TileRange TilesCovering(const geo::BoundingBox& box, int z);

}  // namespace youhao::basemap
