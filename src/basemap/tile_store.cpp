#include "basemap/tile_store.h"

#include <cstdio>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>
#include <sodium.h>

#include "core/base64.h"
#include "core/compress.h"

namespace youhao::basemap {

namespace {

// Named statements.
constexpr std::string_view kCreateSchema =
    "CREATE TABLE metadata (name TEXT, value TEXT);"
    "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);";
constexpr std::string_view kCreateIndex = "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)";
constexpr std::string_view kInsertMetadata = "INSERT INTO metadata (name, value) VALUES (?, ?)";
constexpr std::string_view kInsertTile =
    "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)";
constexpr std::string_view kSelectMetadata = "SELECT name, value FROM metadata";
constexpr std::string_view kSelectTile =
    "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?";
constexpr std::string_view kCountTiles = "SELECT COUNT(*) FROM tiles";

constexpr std::string_view kFormat = "image/svg+xml";

/// MBTiles counts rows from the south.
long long TmsRow(TileId tile) { return (1LL << tile.z) - 1 - tile.y; }

}  // namespace

TileStore::TileStore(std::unique_ptr<storage::Database> database, TileSetInfo info)
    : database_(std::move(database)), info_(std::move(info)), empty_gzip_(core::Gzip(EmptyTile())) {}

core::Result<std::unique_ptr<TileStore>> TileStore::Open(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    return core::MakeError(core::ErrorCode::kNotFound, fmt::format("{}: no such tile file", path));
  std::unique_ptr<storage::Database> database;
  TileSetInfo info;
  try {
    database = storage::Database::Open("sqlite:" + path, 4);
    auto connection = database->Acquire();
    bool svg = false;
    for (const auto& row : connection->Query(kSelectMetadata)) {
      const std::string name = row.Text(0);
      const std::string value = row.Text(1);
      if (name == "format") svg = value == kFormat;
      if (name == "minzoom") info.min_zoom = std::stoi(value);
      if (name == "maxzoom") info.max_zoom = std::stoi(value);
      if (name == "attribution") info.attribution = value;
      if (name == "version") info.version = value;
      if (name == "bounds") {
        std::istringstream in(value);
        geo::LonLat south_west, north_east;
        char comma = 0;
        if (in >> south_west.lon >> comma >> south_west.lat >> comma >> north_east.lon >> comma >> north_east.lat) {
          info.bounds.Add(south_west);
          info.bounds.Add(north_east);
        }
      }
    }
    if (!svg)
      return core::MakeError(core::ErrorCode::kValidationFailed,
                             fmt::format("{}: not an MBTiles file of SVG tiles (format {})", path, kFormat));
    info.tiles = connection->QueryInt(kCountTiles);
  } catch (const std::exception& failure) {
    return core::MakeError(core::ErrorCode::kValidationFailed, fmt::format("{}: {}", path, failure.what()));
  }
  return std::unique_ptr<TileStore>(new TileStore(std::move(database), std::move(info)));
}

core::Result<BuildStats> TileStore::Write(const std::string& path, const BaseMapData& data, std::string_view name) {
  const std::string temporary = path + ".partial";
  std::remove(temporary.c_str());
  BuildStats stats;
  try {
    auto database = storage::Database::Open("sqlite:" + temporary, 1);
    {
      auto connection = database->Acquire();
      connection->ExecuteScript(kCreateSchema);
      storage::Transaction transaction(*connection);
      const auto bounds = data.bounds;
      const std::vector<std::pair<std::string, std::string>> metadata = {
          {"name", std::string(name)},
          {"format", std::string(kFormat)},
          {"type", "baselayer"},
          {"version", std::string(kTilesVersion)},
          {"description", "Youhao base map: streets, buildings, water and names"},
          {"attribution", std::string(kAttribution)},
          {"minzoom", std::to_string(kMinTileZoom)},
          {"maxzoom", std::to_string(kMaxTileZoom)},
          {"bounds",
           fmt::format("{:.6f},{:.6f},{:.6f},{:.6f}", bounds.min_lon, bounds.min_lat, bounds.max_lon, bounds.max_lat)},
          {"center", fmt::format("{:.6f},{:.6f},16", bounds.Centre().lon, bounds.Centre().lat)},
      };
      for (const auto& [key, value] : metadata) connection->Execute(kInsertMetadata, {key, value});
      stats = BuildTiles(data, [&connection](TileId tile, const std::string& svg) {
        connection->Execute(kInsertTile, {static_cast<long long>(tile.z), static_cast<long long>(tile.x), TmsRow(tile),
                                          storage::Blob{core::Gzip(svg)}});
      });
      connection->Execute(kCreateIndex);
      transaction.Commit();
      // One self-contained file, as MBTiles readers expect (no write-ahead log beside it).
      connection->ExecuteScript("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");
    }
    database->Close();
  } catch (const std::exception& failure) {
    std::remove(temporary.c_str());
    return core::MakeError(core::ErrorCode::kInternal, fmt::format("{}: {}", temporary, failure.what()));
  }
  std::remove((temporary + "-wal").c_str());
  std::remove((temporary + "-shm").c_str());
  if (std::rename(temporary.c_str(), path.c_str()) != 0)
    return core::MakeError(core::ErrorCode::kInternal, fmt::format("{}: cannot rename to {}", temporary, path));
  return stats;
}

std::string TileStore::Gzip(TileId tile) const {
  if (!ValidTile(tile, info_.max_zoom) || tile.z < info_.min_zoom) return empty_gzip_;
  auto connection = database_->Acquire();
  auto row =
      connection->QueryOne(kSelectTile, {static_cast<long long>(tile.z), static_cast<long long>(tile.x), TmsRow(tile)});
  return row ? row->Text(0) : empty_gzip_;
}

std::string TileStore::Tag(const std::string& gzip) {
  unsigned char digest[12];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(gzip.data()), gzip.size(), nullptr,
                     0);
  return "\"" + core::Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest)) + "\"";
}

}  // namespace youhao::basemap
