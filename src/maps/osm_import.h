#pragma once
/// Compound maps from OpenStreetMap: finds named residential compounds and campuses in an
/// extract and collects what lies inside each (buildings with their numbers, entrances, gates,
/// parking, charging, paths, named landmarks). Pure: the caller decides where to store them.
/// Real extracts are incomplete (relation members and way nodes outside the file); whatever
/// cannot be assembled is skipped and reported, never guessed.

#include <string>
#include <vector>

#include "maps/compound_map.h"
#include "osm/osm_data.h"

namespace youhao::maps {

/// The label of a building OpenStreetMap has no name or number for.
inline constexpr std::string_view kUnnumberedBuilding = "未编号楼栋";

struct ImportedCompound {
  std::string osm_ref;  ///< "way/123" or "relation/45"
  std::string name;
  std::string kind;                  ///< "residential" or "campus"
  std::vector<std::string> aliases;  ///< short_name, alt_name, official_name, old_name ("北邮")
  LonLat centre;
  /// Temporary negative ids; entrances' building_id refer to them.
  std::vector<Feature> features;

  int Count(FeatureKind wanted) const;
};

struct OsmImport {
  std::vector<ImportedCompound> compounds;
  std::vector<std::string> warnings;
};

/// Whether a way or relation with these tags is a compound, and of which kind ("" = not one).
std::string CompoundKind(const std::vector<osm::Tag>& tags);

/// Every compound in `data` (which must have its index built) with its features.
OsmImport ExtractCompounds(const osm::OsmData& data);

/// The osmChange (OSM API 0.6) XML that adds what staff mapped and OpenStreetMap lacks: features
/// without an osm_ref that are entrances (entrance=staircase, ref, addr:flats when noted), gates
/// (barrier=gate, access=delivery where workers may pass) and rider parking
/// (amenity=motorcycle_parking, capacity). New nodes get negative ids, as JOSM expects.
std::string OsmChangeXml(const CompoundMap& map, std::string_view generator);

}  // namespace youhao::maps
