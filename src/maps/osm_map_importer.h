#pragma once
/// `youhao import-osm`: reads an OpenStreetMap file and builds or updates the maps of the
/// compounds in it, in one transaction per file (nothing is half-imported). Compounds are matched
/// to areas by their OSM id, then by name; new ones are attached to the nearest community within
/// 3 km (or to `parent_code`). Features staff drew themselves (no osm_ref) survive a re-import.

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "maps/map_service.h"
#include "storage/database.h"

namespace youhao::maps {

struct ImportedCompoundSummary {
  std::string code;
  std::string name;
  bool created = false;  ///< a new compound area
  int buildings = 0;
  int entrances = 0;
  int gates = 0;
  int parking = 0;
  int paths = 0;
  long long version = 0;
};

struct OsmFileImport {
  std::string file;
  double read_seconds = 0;
  double total_seconds = 0;
  std::vector<ImportedCompoundSummary> compounds;
  std::vector<std::string> warnings;  ///< skipped compounds, incomplete relations, ...
};

/// Errors: kNotFound (no file), kValidationFailed (not OSM, truncated: nothing is written).
core::Result<OsmFileImport> ImportOsmFile(storage::Database& database, MapService& maps, const std::string& path,
                                          const std::optional<std::string>& parent_code);

}  // namespace youhao::maps
