#pragma once
/// The area tree: city → district → street → community → compound. Each area stores its
/// materialised path ("110000/110108/110108001/"), so "is X inside Y" is a prefix test and
/// "everything inside Y" is one index range scan.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ttl_cache.h"
#include "storage/database.h"

namespace youhao::areas {

enum class Level { kCity, kDistrict, kStreet, kCommunity, kCompound };

std::string_view LevelName(Level level);
std::optional<Level> ParseLevel(std::string_view name);

struct Area {
  std::string code;
  std::optional<std::string> parent_code;
  Level level = Level::kCity;
  std::string name_zh;
  std::string name_en;
  std::string path;
  std::optional<double> lat;
  std::optional<double> lon;
  std::string source = "generated";
  std::optional<std::string> osm_ref;
};

/// True when the area with `path` lies inside (or is) the area with `scope_path`.
bool PathWithin(std::string_view path, std::string_view scope_path);

/// The code at `level` of a materialised path ("110000/110108/110108001/": kDistrict →
/// "110108"), or empty when the path is not that deep.
std::string_view PathCodeAt(std::string_view path, Level level);

/// Bounds for an index range scan of every path inside `scope_path`: path >= low AND path < high.
std::pair<std::string, std::string> PathRange(std::string_view scope_path);

class AreaService {
 public:
  explicit AreaService(storage::Database& database) : database_(database) {}

  /// The area `code`. Areas change rarely (imports, not requests), so lookups are served from
  /// memory for up to 30 s.
  std::optional<Area> Find(std::string_view code) const;
  std::optional<Area> Find(storage::Connection& connection, std::string_view code) const;
  /// Direct children, ordered by code, each with the number of compounds inside it.
  std::vector<std::pair<Area, long long>> ChildrenWithCompoundCounts(const Area& area) const;
  /// The ancestors from the root down to the parent.
  std::vector<Area> Ancestors(const Area& area) const;

  /// Inserts `area` under its parent (whose path must exist), computing the path.
  /// Throws storage::DatabaseError on failure (e.g. unique violation).
  static Area Insert(storage::Connection& connection, Area area, std::string_view parent_path);

 private:
  storage::Database& database_;
  mutable core::TtlCache<std::optional<Area>> cache_{std::chrono::seconds(30), 200'000};
};

}  // namespace youhao::areas
