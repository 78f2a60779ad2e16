#pragma once
/// Base-map tiles as SVG: one 256-pixel Web-Mercator tile drawn from BaseMapData (shapes clipped
/// to the tile with a margin, thinned to what the zoom can show, each layer one path) and the
/// labels placed for its zoom (a label near an edge is drawn by both tiles at the same world
/// position, so the halves meet). Pure: tiles are text; storing them is the TileStore's job.

#include <functional>
#include <string>
#include <vector>

#include "basemap/basemap_data.h"
#include "basemap/tile_math.h"

namespace youhao::basemap {

/// The attribution every map drawn from these tiles shows.
inline constexpr std::string_view kAttribution = "© OpenStreetMap contributors, ODbL 1.0";
/// Zooms built (12: a district; 18: the doors of a building). Maps zoom past 18 by scaling.
inline constexpr int kMinTileZoom = 12;
inline constexpr int kMaxTileZoom = 18;
/// The drawing's version, kept in the file's metadata: raise it when tiles are drawn differently,
/// and a demo server redraws its file on the next start.
inline constexpr std::string_view kTilesVersion = "1";

/// The tile with no data: the background alone.
std::string EmptyTile();

/// Tile `tile` drawn from the shapes of `data` listed in `shapes` (indexes; all when null) and
/// the labels placed at its zoom.
std::string RenderTile(const BaseMapData& data, const std::vector<PlacedLabel>& labels, TileId tile,
                       const std::vector<int>* shapes = nullptr);

struct BuildStats {
  long long tiles = 0;
  long long bytes = 0;  ///< SVG text, before compression
};

/// Every tile from kMinTileZoom to max_zoom that the data reaches (within its bounds), passed to
/// `sink` zoom by zoom; tiles with nothing on them are skipped (they are EmptyTile()).
BuildStats BuildTiles(const BaseMapData& data, const std::function<void(TileId, const std::string&)>& sink,
                      int max_zoom = kMaxTileZoom);

}  // namespace youhao::basemap
