#pragma once
/// From an order's address to a door: parses the address, finds the compound among those in the
/// database, the building and entrance on its map, and routes there. Also publishes each map
/// (GeoJSON text, gzipped, with an ETag) for the public map page.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "address/address_parser.h"
#include "areas/area_service.h"
#include "core/error.h"
#include "maps/compound_router.h"
#include "maps/map_service.h"
#include "storage/database.h"

namespace youhao::maps {

struct AddressTarget {
  const Feature* feature = nullptr;       ///< the entrance, else the building
  std::string label;                      ///< "3号楼 2单元"
  std::vector<std::string> alternatives;  ///< other buildings the text could mean (东区/西区)
  /// When `feature` is null: the building the address names as written ("教五楼", "99号楼"),
  /// or "" when it names none.
  std::string wanted;
};

struct AddressLookup {
  address::ParsedAddress parts;
  std::optional<address::CompoundMatch> compound;
  std::vector<address::CompoundMatch> suggestions;
  std::shared_ptr<const CompoundRouter> router;  ///< the matched compound's map, when it has one
  AddressTarget target;
};

/// The building (and entrance) that `text` (parsed into `parts`) names on `map`; feature ==
/// nullptr when none. A building's whole name comes before a number read out of it ("教三楼" is
/// 教三楼, never 3号楼; "学生5号公寓" is not 5号楼); a number glued to a name as "N楼" ("教五楼") is
/// no number unless the name is the compound's (`compound_named`: "农大小区23楼"). Without a
/// building, a landmark or drop-off point named whole.
AddressTarget FindTarget(const CompoundMap& map, const address::ParsedAddress& parts, std::string_view text,
                         bool compound_named);

/// The catalogued 404 for an address whose building is not on the compound's map
/// ("maps.building_not_found" with `building`, or "maps.no_building_named").
core::Error TargetNotFound(const AddressTarget& target);

/// A published map: what GET /api/v1/compounds/{code}/map serves.
struct PublishedMap {
  std::shared_ptr<const CompoundRouter> router;
  std::string geojson;
  std::string geojson_gzip;
  std::string etag;
};

class Wayfinding {
 public:
  Wayfinding(storage::Database& database, areas::AreaService& areas, MapService& maps)
      : database_(database), areas_(areas), maps_(maps) {}

  /// Parses `text`; `compound_code` (the map page the worker is on) is used unless the text
  /// clearly names another compound.
  AddressLookup Lookup(std::string_view text, std::optional<std::string_view> compound_code);

  core::Result<PublishedMap> Publish(const areas::Area& compound);

 private:
  std::shared_ptr<const address::CompoundMatcher> Matcher();

  storage::Database& database_;
  areas::AreaService& areas_;
  MapService& maps_;
  std::mutex mutex_;
  std::shared_ptr<const address::CompoundMatcher> matcher_;
  std::chrono::steady_clock::time_point matcher_built_;
  long long matcher_compounds_ = -1;
  core::TtlCache<std::shared_ptr<const PublishedMap>> published_{std::chrono::seconds(30), 5000};
};

}  // namespace youhao::maps
