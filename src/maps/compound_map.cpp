#include "maps/compound_map.h"

#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "address/address_parser.h"
#include "core/text.h"
#include "maps/geometry.h"
#include "schedule/opening_hours.h"

namespace youhao::maps {
namespace {

namespace json = boost::json;
using core::ErrorCode;
using core::MakeError;

constexpr std::array<std::pair<FeatureKind, std::string_view>, 11> kKindNames{{
    {FeatureKind::kBoundary, "boundary"},
    {FeatureKind::kGate, "gate"},
    {FeatureKind::kBuilding, "building"},
    {FeatureKind::kEntrance, "entrance"},
    {FeatureKind::kParking, "parking"},
    {FeatureKind::kSwapCabinet, "swap_cabinet"},
    {FeatureKind::kCharging, "charging"},
    {FeatureKind::kDropOff, "drop_off"},
    {FeatureKind::kGarageEntrance, "garage_entrance"},
    {FeatureKind::kLandmark, "landmark"},
    {FeatureKind::kPath, "path"},
}};

constexpr std::size_t kMaxLabelBytes = 120;
constexpr std::size_t kMaxTextBytes = 2000;
constexpr std::size_t kMaxMedia = 10;

double Round6(double value) { return std::round(value * 1e6) / 1e6; }

json::array Position(LonLat p) { return json::array{Round6(p.lon), Round6(p.lat)}; }

/// Twice the signed area in degrees² (positive: counterclockwise).
double SignedArea2(const std::vector<LonLat>& ring) {
  double area2 = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i)
    area2 += ring[i].lon * ring[i + 1].lat - ring[i + 1].lon * ring[i].lat;
  return area2;
}

json::array Ring(const std::vector<LonLat>& ring) {
  json::array out;
  out.reserve(ring.size());
  for (const LonLat& p : ring) out.push_back(Position(p));
  return out;
}

/// RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise.
json::array OrientedRing(const std::vector<LonLat>& ring, bool exterior) {
  if ((SignedArea2(ring) > 0) == exterior) return Ring(ring);
  return Ring(std::vector<LonLat>(ring.rbegin(), ring.rend()));
}

json::object GeometryToJson(const Geometry& geometry) {
  json::object out;
  switch (geometry.type) {
    case GeometryType::kPoint:
      out["type"] = "Point";
      out["coordinates"] = Position(geometry.rings.at(0).at(0));
      break;
    case GeometryType::kLineString:
      out["type"] = "LineString";
      out["coordinates"] = Ring(geometry.rings.at(0));
      break;
    case GeometryType::kPolygon: {
      out["type"] = "Polygon";
      json::array rings;
      for (std::size_t i = 0; i < geometry.rings.size(); ++i) rings.push_back(OrientedRing(geometry.rings[i], i == 0));
      out["coordinates"] = std::move(rings);
      break;
    }
  }
  return out;
}

bool IsGateLike(FeatureKind kind) { return kind == FeatureKind::kGate; }
bool IsPathLike(FeatureKind kind) { return kind == FeatureKind::kPath; }

std::string Where(std::string_view where, std::string_view label) {
  return label.empty() ? std::string(where) : fmt::format("{} ({})", where, label);
}

core::Result<LonLat> ReadPosition(const json::value& value, const std::string& where) {
  const json::array* array = value.if_array();
  if (array == nullptr || array->size() < 2 || array->size() > 3) {
    return MakeError(ErrorCode::kValidationFailed, where + ": a position must be [longitude, latitude]");
  }
  double numbers[2];
  for (int i = 0; i < 2; ++i) {
    const json::value& number = (*array)[static_cast<std::size_t>(i)];
    if (!number.is_number()) return MakeError(ErrorCode::kValidationFailed, where + ": coordinates must be numbers");
    numbers[i] = number.to_number<double>();
    if (!std::isfinite(numbers[i]))
      return MakeError(ErrorCode::kValidationFailed, where + ": coordinates must be finite");
  }
  if (numbers[0] < -180 || numbers[0] > 180) {
    return MakeError(ErrorCode::kValidationFailed,
                     fmt::format("{}: longitude {} is out of range [-180, 180]", where, numbers[0]));
  }
  if (numbers[1] < -90 || numbers[1] > 90) {
    return MakeError(ErrorCode::kValidationFailed,
                     fmt::format("{}: latitude {} is out of range [-90, 90]", where, numbers[1]));
  }
  return LonLat{numbers[0], numbers[1]};
}

core::Result<std::vector<LonLat>> ReadLine(const json::value& value, const std::string& where, std::size_t& vertices) {
  const json::array* array = value.if_array();
  if (array == nullptr)
    return MakeError(ErrorCode::kValidationFailed, where + ": coordinates must be an array of positions");
  vertices += array->size();
  if (vertices > kMaxVerticesPerFeature) {
    return MakeError(ErrorCode::kValidationFailed,
                     fmt::format("{}: more than {} vertices", where, kMaxVerticesPerFeature));
  }
  std::vector<LonLat> line;
  line.reserve(array->size());
  for (const json::value& position : *array) {
    auto point = ReadPosition(position, where);
    if (!point) return point.error();
    line.push_back(*point);
  }
  return line;
}

core::Result<Geometry> ReadGeometry(const json::value& value, const std::string& where) {
  const json::object* object = value.if_object();
  if (object == nullptr) return MakeError(ErrorCode::kValidationFailed, where + ": geometry must be an object");
  const json::value* type = object->if_contains("type");
  const json::value* coordinates = object->if_contains("coordinates");
  if (type == nullptr || !type->is_string() || coordinates == nullptr) {
    return MakeError(ErrorCode::kValidationFailed, where + ": geometry needs a type and coordinates");
  }
  const std::string_view name = type->get_string();
  Geometry geometry;
  std::size_t vertices = 0;
  if (name == "Point") {
    auto point = ReadPosition(*coordinates, where);
    if (!point) return point.error();
    return Geometry::Point(*point);
  }
  if (name == "LineString") {
    auto line = ReadLine(*coordinates, where, vertices);
    if (!line) return line.error();
    if (line->size() < 2)
      return MakeError(ErrorCode::kValidationFailed, where + ": a LineString needs at least 2 positions");
    geometry.type = GeometryType::kLineString;
    geometry.rings.push_back(std::move(*line));
    return geometry;
  }
  if (name == "Polygon") {
    const json::array* rings = coordinates->if_array();
    if (rings == nullptr || rings->empty()) {
      return MakeError(ErrorCode::kValidationFailed, where + ": a Polygon needs at least one ring");
    }
    geometry.type = GeometryType::kPolygon;
    for (const json::value& ring_value : *rings) {
      auto ring = ReadLine(ring_value, where, vertices);
      if (!ring) return ring.error();
      if (ring->size() < 4)
        return MakeError(ErrorCode::kValidationFailed, where + ": a polygon ring needs at least 4 positions");
      if (ring->front() != ring->back()) {
        return MakeError(ErrorCode::kValidationFailed,
                         where + ": polygon ring is not closed (first and last positions differ)");
      }
      if (RingSelfIntersects(*ring))
        return MakeError(ErrorCode::kValidationFailed, where + ": polygon ring intersects itself");
      geometry.rings.push_back(std::move(*ring));
    }
    return geometry;
  }
  return MakeError(
      ErrorCode::kValidationFailed,
      fmt::format("{}: geometry type {} is not supported (use Point, LineString or Polygon)", where, name));
}

// Properties are read one by one so that a wrong type names the property.
struct PropertyReader {
  const json::object& properties;
  const std::string& where;
  std::optional<core::Error> error;

  void Text(std::string_view key, std::string& out, std::size_t max_bytes) {
    const json::value* value = properties.if_contains(key);
    if (value == nullptr || value->is_null() || error) return;
    if (!value->is_string()) {
      error = MakeError(ErrorCode::kValidationFailed, fmt::format("{}: property {} must be a string", where, key));
      return;
    }
    const std::string_view text = value->get_string();
    if (!core::IsValidUtf8(text) || text.size() > max_bytes || core::HasControlCharacters(text)) {
      error = MakeError(ErrorCode::kValidationFailed,
                        fmt::format("{}: property {} must be UTF-8 text of at most {} bytes without control characters",
                                    where, key, max_bytes));
      return;
    }
    out = core::Trim(text);
  }
  void Flag(std::string_view key, bool& out) {
    const json::value* value = properties.if_contains(key);
    if (value == nullptr || value->is_null() || error) return;
    if (!value->is_bool()) {
      error = MakeError(ErrorCode::kValidationFailed, fmt::format("{}: property {} must be true or false", where, key));
      return;
    }
    out = value->get_bool();
  }
  void Integer(std::string_view key, long long& out, long long max) {
    const json::value* value = properties.if_contains(key);
    if (value == nullptr || value->is_null() || error) return;
    if (!value->is_int64() || value->get_int64() < 0 || value->get_int64() > max) {
      error = MakeError(ErrorCode::kValidationFailed,
                        fmt::format("{}: property {} must be an integer from 0 to {}", where, key, max));
      return;
    }
    out = value->get_int64();
  }
};

}  // namespace

std::string_view KindName(FeatureKind kind) {
  for (const auto& [value, name] : kKindNames) {
    if (value == kind) return name;
  }
  return "landmark";
}

std::optional<FeatureKind> ParseKind(std::string_view name) {
  for (const auto& [value, kind_name] : kKindNames) {
    if (kind_name == name) return value;
  }
  return std::nullopt;
}

LonLat Geometry::Anchor() const {
  if (rings.empty() || rings[0].empty()) return {};
  switch (type) {
    case GeometryType::kPoint:
      return rings[0][0];
    case GeometryType::kLineString:
      return rings[0][rings[0].size() / 2];
    case GeometryType::kPolygon:
      return RingCentroid(rings[0]);
  }
  return rings[0][0];
}

void DeriveNumbers(Feature& feature) {
  if (feature.label.empty()) return;
  if (feature.kind == FeatureKind::kBuilding && feature.number.empty()) {
    const address::ParsedAddress parts = address::ParseAddress(feature.label);
    // "学生2号公寓" or "教二楼" are names, not numbers a delivery address would use.
    if (!parts.compound_text.empty()) return;
    feature.number = parts.building;
    if (feature.section.empty()) feature.section = parts.section;
  } else if (feature.kind == FeatureKind::kEntrance && feature.number.empty()) {
    feature.number = address::ParseAddress(feature.label).entrance;
  }
}

const Feature* CompoundMap::Find(long long id) const {
  for (const Feature& feature : features) {
    if (feature.id == id) return &feature;
  }
  return nullptr;
}

json::object FeatureToGeoJson(const Feature& feature) {
  json::object properties;
  properties["kind"] = KindName(feature.kind);
  if (!feature.label.empty()) properties["label"] = feature.label;
  if (!feature.section.empty()) properties["section"] = feature.section;
  if (!feature.number.empty()) properties["number"] = feature.number;
  if (feature.building_id != 0) properties["building_id"] = feature.building_id;
  if (feature.floors != 0) properties["floors"] = feature.floors;
  if (feature.capacity != 0) properties["capacity"] = feature.capacity;
  if (IsGateLike(feature.kind)) {
    properties["gate_kind"] = feature.gate_kind.empty() ? "pedestrian" : feature.gate_kind;
    properties["workers_allowed"] = feature.workers_allowed;
    properties["green_lane"] = feature.green_lane;
  }
  if (IsGateLike(feature.kind) || IsPathLike(feature.kind)) {
    properties["walk"] = feature.walk;
    properties["ride"] = feature.ride;
  }
  if (IsPathLike(feature.kind)) {
    if (feature.steps) properties["steps"] = true;
    if (feature.one_way) properties["one_way"] = true;
    if (!feature.workers_allowed) properties["workers_allowed"] = false;
  }
  if (!feature.opening_hours.empty()) properties["opening_hours"] = feature.opening_hours;
  if (!feature.media.empty()) {
    json::array media;
    for (const auto& url : feature.media) media.push_back(json::string(url));
    properties["media"] = std::move(media);
  }
  if (!feature.note.empty()) properties["note"] = feature.note;
  if (!feature.osm_ref.empty()) properties["osm_ref"] = feature.osm_ref;

  json::object out;
  out["type"] = "Feature";
  if (feature.id != 0) out["id"] = feature.id;
  out["geometry"] = GeometryToJson(feature.geometry);
  out["properties"] = std::move(properties);
  return out;
}

json::object MapToGeoJson(const CompoundMap& map) {
  json::array features;
  features.reserve(map.features.size());
  for (const Feature& feature : map.features) features.push_back(FeatureToGeoJson(feature));
  const BoundingBox box = MapBounds(map);
  json::object out;
  out["type"] = "FeatureCollection";
  if (!box.Empty())
    out["bbox"] = json::array{Round6(box.min_lon), Round6(box.min_lat), Round6(box.max_lon), Round6(box.max_lat)};
  out["version"] = map.version;
  out["source"] = map.source;
  if (map.source.find("osm") != std::string::npos) out["attribution"] = kOsmAttribution;
  out["features"] = std::move(features);
  return out;
}

core::Result<Feature> FeatureFromGeoJson(const json::value& value, std::string_view where_prefix) {
  const json::object* object = value.if_object();
  std::string where(where_prefix);
  if (object == nullptr) return MakeError(ErrorCode::kValidationFailed, where + ": a feature must be an object");
  const json::value* type = object->if_contains("type");
  if (type == nullptr || !type->is_string() || type->get_string() != "Feature") {
    return MakeError(ErrorCode::kValidationFailed, where + ": type must be \"Feature\"");
  }
  const json::value* properties_value = object->if_contains("properties");
  const json::object* properties = properties_value != nullptr ? properties_value->if_object() : nullptr;
  if (properties == nullptr) return MakeError(ErrorCode::kValidationFailed, where + ": properties must be an object");

  Feature feature;
  {
    const json::value* label = properties->if_contains("label");
    if (label != nullptr && label->is_string() && core::IsValidUtf8(label->get_string())) {
      where = Where(where, core::Trim(label->get_string()).substr(0, kMaxLabelBytes));
    }
  }
  const json::value* kind = properties->if_contains("kind");
  if (kind == nullptr || !kind->is_string()) {
    return MakeError(ErrorCode::kValidationFailed,
                     where + ": properties.kind is required (gate, building, entrance, ...)");
  }
  const auto parsed_kind = ParseKind(kind->get_string());
  if (!parsed_kind) {
    return MakeError(ErrorCode::kValidationFailed,
                     fmt::format("{}: unknown kind {}", where, std::string_view(kind->get_string()).substr(0, 40)));
  }
  feature.kind = *parsed_kind;

  if (const json::value* id = object->if_contains("id"); id != nullptr && id->is_int64()) feature.id = id->get_int64();

  const json::value* geometry_value = object->if_contains("geometry");
  if (geometry_value == nullptr || geometry_value->is_null())
    return MakeError(ErrorCode::kValidationFailed, where + ": geometry is required");
  auto geometry = ReadGeometry(*geometry_value, where);
  if (!geometry) return geometry.error();
  feature.geometry = std::move(*geometry);

  const GeometryType type_found = feature.geometry.type;
  bool geometry_fits = true;
  switch (feature.kind) {
    case FeatureKind::kBoundary:
      geometry_fits = type_found == GeometryType::kPolygon;
      break;
    case FeatureKind::kPath:
      geometry_fits = type_found == GeometryType::kLineString;
      break;
    case FeatureKind::kBuilding:
    case FeatureKind::kParking:
      geometry_fits = type_found != GeometryType::kLineString;
      break;
    default:
      geometry_fits = type_found == GeometryType::kPoint;
  }
  if (!geometry_fits) {
    return MakeError(ErrorCode::kValidationFailed,
                     fmt::format("{}: a {} cannot have this geometry type", where, KindName(feature.kind)));
  }

  PropertyReader reader{*properties, where, std::nullopt};
  reader.Text("label", feature.label, kMaxLabelBytes);
  reader.Text("section", feature.section, kMaxLabelBytes);
  reader.Text("number", feature.number, 20);
  reader.Text("gate_kind", feature.gate_kind, 20);
  reader.Text("opening_hours", feature.opening_hours, 255);
  reader.Text("note", feature.note, kMaxTextBytes);
  reader.Text("osm_ref", feature.osm_ref, 40);
  reader.Flag("workers_allowed", feature.workers_allowed);
  reader.Flag("green_lane", feature.green_lane);
  reader.Flag("walk", feature.walk);
  reader.Flag("ride", feature.ride);
  reader.Flag("steps", feature.steps);
  reader.Flag("one_way", feature.one_way);
  long long number = 0;
  if (const json::value* building_id = properties->if_contains("building_id");
      building_id != nullptr && !building_id->is_null()) {
    // Negative ids link entrances to buildings within one imported file.
    if (!building_id->is_int64())
      return MakeError(ErrorCode::kValidationFailed, where + ": property building_id must be an integer");
    feature.building_id = building_id->get_int64();
  }
  reader.Integer("floors", number, 200);
  feature.floors = static_cast<int>(number);
  number = 0;
  reader.Integer("capacity", number, 10000);
  feature.capacity = static_cast<int>(number);
  if (reader.error) return *reader.error;
  if (!feature.opening_hours.empty()) {
    // Catalogued: names the feature's field and the position in the text.
    auto hours = schedule::OpeningHours::Parse(feature.opening_hours, where + ": opening_hours");
    if (!hours.ok()) return hours.error();
  }

  if (const json::value* media = properties->if_contains("media"); media != nullptr && !media->is_null()) {
    const json::array* urls = media->if_array();
    if (urls == nullptr || urls->size() > kMaxMedia) {
      return MakeError(ErrorCode::kValidationFailed,
                       fmt::format("{}: media must be an array of at most {} URLs", where, kMaxMedia));
    }
    for (const json::value& url : *urls) {
      const json::string* text = url.if_string();
      const bool relative = text != nullptr && text->starts_with("/");
      const bool web = text != nullptr && (text->starts_with("https://") || text->starts_with("http://"));
      if (text == nullptr || text->size() > 500 || !core::IsValidUtf8(*text) || !(relative || web)) {
        return MakeError(ErrorCode::kValidationFailed,
                         where + ": each media entry must be an http(s) or site-relative URL");
      }
      feature.media.emplace_back(*text);
    }
  }

  const bool needs_label = feature.kind == FeatureKind::kGate || feature.kind == FeatureKind::kBuilding ||
                           feature.kind == FeatureKind::kEntrance;
  if (needs_label && feature.label.empty()) {
    return MakeError(ErrorCode::kValidationFailed,
                     fmt::format("{}: a {} needs a label", where, KindName(feature.kind)));
  }
  if (feature.kind == FeatureKind::kGate) {
    if (feature.gate_kind.empty()) feature.gate_kind = "pedestrian";
    if (feature.gate_kind != "pedestrian" && feature.gate_kind != "vehicle" && feature.gate_kind != "garage") {
      return MakeError(ErrorCode::kValidationFailed, where + ": gate_kind must be pedestrian, vehicle or garage");
    }
  } else {
    feature.gate_kind.clear();
  }
  DeriveNumbers(feature);
  return feature;
}

core::Result<std::vector<Feature>> FeaturesFromGeoJsonText(std::string_view text) {
  if (text.size() > kMaxGeoJsonBytes) {
    return MakeError(ErrorCode::kBodyTooLarge, fmt::format("GeoJSON is larger than {} MiB", kMaxGeoJsonBytes >> 20));
  }
  boost::system::error_code error;
  json::value root = json::parse(text, error);
  if (error) return MakeError(ErrorCode::kInvalidJson, "GeoJSON is not valid JSON: " + error.message());
  const json::object* object = root.if_object();
  if (object == nullptr) return MakeError(ErrorCode::kValidationFailed, "GeoJSON must be an object");
  const json::value* type = object->if_contains("type");
  if (type != nullptr && type->is_string() && type->get_string() == "Feature") {
    auto feature = FeatureFromGeoJson(root, "feature 1");
    if (!feature) return feature.error();
    return std::vector<Feature>{std::move(*feature)};
  }
  if (type == nullptr || !type->is_string() || type->get_string() != "FeatureCollection") {
    return MakeError(ErrorCode::kValidationFailed, "GeoJSON type must be FeatureCollection or Feature");
  }
  const json::value* features_value = object->if_contains("features");
  const json::array* features = features_value != nullptr ? features_value->if_array() : nullptr;
  if (features == nullptr) return MakeError(ErrorCode::kValidationFailed, "FeatureCollection needs a features array");
  if (features->size() > kMaxFeatures) {
    return MakeError(ErrorCode::kValidationFailed, fmt::format("more than {} features", kMaxFeatures));
  }
  std::vector<Feature> out;
  out.reserve(features->size());
  for (std::size_t i = 0; i < features->size(); ++i) {
    auto feature = FeatureFromGeoJson((*features)[i], fmt::format("feature {}", i + 1));
    if (!feature) return feature.error();
    out.push_back(std::move(*feature));
  }
  return out;
}

}  // namespace youhao::maps
