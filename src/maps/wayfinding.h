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
};

struct AddressLookup {
  address::ParsedAddress parts;
  std::optional<address::CompoundMatch> compound;
  std::vector<address::CompoundMatch> suggestions;
  std::shared_ptr<const CompoundRouter> router;  ///< the matched compound's map, when it has one
  AddressTarget target;
};

/// The building (and entrance) that `parts` names on `map`; feature == nullptr when none.
AddressTarget FindTarget(const CompoundMap& map, const address::ParsedAddress& parts);

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
