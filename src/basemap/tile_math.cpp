#include "basemap/tile_math.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace youhao::basemap {

namespace {

double WorldSize(int z) { return static_cast<double>(kTileSize) * std::ldexp(1.0, z); }

int TileIndex(double pixel, int z) {
  const int last = (1 << z) - 1;
  return std::clamp(static_cast<int>(std::floor(pixel / kTileSize)), 0, last);
}

}  // namespace

Pixel ToPixel(geo::LonLat point, int z) {
  const double size = WorldSize(z);
  const double lat = std::clamp(point.lat, -kMaxLatitude, kMaxLatitude) * std::numbers::pi / 180.0;
  const double x = (point.lon + 180.0) / 360.0 * size;
  const double y = (1.0 - std::log(std::tan(lat) + 1.0 / std::cos(lat)) / std::numbers::pi) / 2.0 * size;
  return {x, y};
}

geo::LonLat ToLonLat(Pixel pixel, int z) {
  const double size = WorldSize(z);
  const double lon = pixel.x / size * 360.0 - 180.0;
  const double n = std::numbers::pi * (1.0 - 2.0 * pixel.y / size);
  const double lat = std::atan(std::sinh(n)) * 180.0 / std::numbers::pi;
  return {lon, lat};
}

TileId TileAt(geo::LonLat point, int z) {
  const Pixel p = ToPixel(point, z);
  return {z, TileIndex(p.x, z), TileIndex(p.y, z)};
}

bool ValidTile(TileId tile, int max_zoom) {
  if (tile.z < 0 || tile.z > max_zoom || tile.z > 30) return false;
  const long long side = 1LL << tile.z;
  return tile.x >= 0 && tile.y >= 0 && tile.x < side && tile.y < side;
}

TileRange TilesCovering(const geo::BoundingBox& box, int z) {
  TileRange range{z};
  if (box.Empty()) return range;
  const TileId north_west = TileAt({box.min_lon, box.max_lat}, z);
  const TileId south_east = TileAt({box.max_lon, box.min_lat}, z);
  range.min_x = north_west.x;
  range.min_y = north_west.y;
  range.max_x = south_east.x;
  range.max_y = south_east.y;
  return range;
}

}  // namespace youhao::basemap
