#pragma once
/// Base-map tiles in an MBTiles file (https://github.com/mapbox/mbtiles-spec, version 1.3): one
/// SQLite file, `metadata(name, value)` and `tiles(zoom_level, tile_column, tile_row, tile_data)`,
/// rows counted from the south (TMS) as the spec says, each tile gzip-compressed SVG (format
/// "image/svg+xml"). Built once at import (`youhao import-tiles`, or beside the demo database on
/// its first start) and read tile by tile while serving, so a city's tiles cost disk, not memory.

#include <memory>
#include <optional>
#include <string>

#include "basemap/basemap_data.h"
#include "basemap/tile_renderer.h"
#include "core/error.h"
#include "storage/database.h"

namespace youhao::basemap {

struct TileSetInfo {
  int min_zoom = kMinTileZoom;
  int max_zoom = kMaxTileZoom;
  geo::BoundingBox bounds;
  std::string attribution{kAttribution};
  long long tiles = 0;
  std::string version;  ///< the drawing's version (kTilesVersion when drawn by this build)
};

class TileStore {
 public:
  /// Opens an MBTiles file written by Write (kNotFound when absent, kValidationFailed when it is
  /// not one of ours).
  static core::Result<std::unique_ptr<TileStore>> Open(const std::string& path);

  /// Builds every tile of `data` into a new MBTiles file at `path` (written beside it, then
  /// renamed into place, so a reader never sees half a file).
  static core::Result<BuildStats> Write(const std::string& path, const BaseMapData& data, std::string_view name);

  /// The gzip-compressed SVG of `tile`; the empty tile's when the data has none there.
  std::string Gzip(TileId tile) const;
  /// A short tag for the tile's bytes (an ETag).
  static std::string Tag(const std::string& gzip);
  const TileSetInfo& info() const { return info_; }

 private:
  TileStore(std::unique_ptr<storage::Database> database, TileSetInfo info);
  std::unique_ptr<storage::Database> database_;
  TileSetInfo info_;
  std::string empty_gzip_;
};

}  // namespace youhao::basemap
