#pragma once
/// The map of one compound: gates, buildings, entrances, rider parking, swap cabinets, drop-off
/// points, landmarks and paths. Plain values: the map service stores them, the router routes on
/// them, the poster draws them, and GeoJSON (RFC 7946) is their exchange format.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/error.h"
#include "geo/geo.h"

namespace youhao::maps {

/// WGS-84 degrees, GeoJSON order.
using geo::LonLat;

enum class FeatureKind {
  kBoundary,        ///< the compound's outline (one polygon)
  kGate,            ///< point: a gate in the fence
  kBuilding,        ///< polygon or point: a numbered building
  kEntrance,        ///< point: a building's door / unit (单元)
  kParking,         ///< point or polygon: rider parking (临停区)
  kSwapCabinet,     ///< point: battery-swap cabinet
  kCharging,        ///< point: e-bike charging
  kDropOff,         ///< point: drop-off point or shelf (集中放取点, 临时置物台)
  kGarageEntrance,  ///< point: entrance of an underground garage
  kLandmark,        ///< point: something to steer by (playground, shop, guard house)
  kPath,            ///< line: a way inside the compound, walked and/or ridden
};

/// Stable names used in GeoJSON `kind` and the API: "boundary", "gate", "building", ...
std::string_view KindName(FeatureKind kind);
std::optional<FeatureKind> ParseKind(std::string_view name);

enum class GeometryType { kPoint, kLineString, kPolygon };

struct Geometry {
  GeometryType type = GeometryType::kPoint;
  /// Point: one ring with one position. LineString: one ring (the line). Polygon: the outer
  /// ring first, then holes; rings are closed (first == last).
  std::vector<std::vector<LonLat>> rings;

  static Geometry Point(LonLat at) { return {GeometryType::kPoint, {{at}}}; }
  LonLat Anchor() const;  ///< the point itself, a line's middle vertex, a polygon's centroid
};

/// One map feature. Fields that do not apply to a kind keep their defaults and are left out of
/// the GeoJSON.
struct Feature {
  long long id = 0;  ///< database id; 0 before it is stored
  FeatureKind kind = FeatureKind::kLandmark;
  Geometry geometry;
  std::string label;               ///< as shown: "3号楼", "北门", "2单元", "东侧临停区"
  std::string section;             ///< part of the compound: "东区", "一期"; "" for the whole compound
  std::string number;              ///< building or entrance number, normalised ("3", "B", "319"; "2")
  long long building_id = 0;       ///< entrances: the building they belong to (0 = unknown)
  int floors = 0;                  ///< buildings
  int capacity = 0;                ///< parking: bikes
  std::string gate_kind;           ///< gates: "pedestrian", "vehicle" or "garage"
  bool workers_allowed = true;     ///< gates and paths: delivery workers may pass
  bool green_lane = false;         ///< gates: 绿色通道 for workers
  bool walk = true;                ///< paths and gates: open on foot
  bool ride = true;                ///< paths and gates: open to e-bikes
  bool steps = false;              ///< paths: stairs
  bool one_way = false;            ///< paths: riding only in the drawn direction
  std::string opening_hours;       ///< OSM opening_hours; "" = always open
  std::vector<std::string> media;  ///< photo / video URLs of the way
  std::string note;
  std::string osm_ref;  ///< "node/123", "way/456" when it came from OpenStreetMap
};

struct CompoundMap {
  std::string compound_code;
  std::string compound_name;
  long long version = 0;  ///< bumped by every change; 0 = no map yet
  std::string source;     ///< "osm", "drawn", "osm+drawn"; "" when there is no map
  std::vector<Feature> features;

  const Feature* Find(long long id) const;
};

inline constexpr std::string_view kOsmAttribution = "© OpenStreetMap contributors, ODbL 1.0";

/// Fills a building's `number` and `section`, or an entrance's `number`, from its label when
/// they are empty ("东区3号楼" -> section 东区, number 3; "2单元" -> 2), so that addresses match.
void DeriveNumbers(Feature& feature);

/// GeoJSON limits for imports: bigger inputs are refused before parsing.
inline constexpr std::size_t kMaxGeoJsonBytes = 4 * 1024 * 1024;
inline constexpr std::size_t kMaxFeatures = 5000;
inline constexpr std::size_t kMaxVerticesPerFeature = 2000;

/// A GeoJSON Feature (RFC 7946) for `feature`: coordinates rounded to 1e-6° (≈ 0.1 m), the
/// properties that apply to its kind, `id` when stored.
boost::json::object FeatureToGeoJson(const Feature& feature);
/// The whole map as a FeatureCollection with foreign members `compound`, `version`,
/// `attribution` and `bbox`.
boost::json::object MapToGeoJson(const CompoundMap& map);

/// Reads one GeoJSON Feature. Checks the geometry type for the kind, coordinate ranges, closed
/// and simple polygon rings, labels where the kind needs one (gate, building, entrance), and the
/// property types; errors are kValidationFailed naming the feature ("feature 3 (3号楼): ...").
core::Result<Feature> FeatureFromGeoJson(const boost::json::value& value, std::string_view where);
/// Reads a FeatureCollection (or a single Feature) from text, all-or-nothing.
core::Result<std::vector<Feature>> FeaturesFromGeoJsonText(std::string_view text);

}  // namespace youhao::maps
