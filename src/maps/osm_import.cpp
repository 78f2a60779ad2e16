#include "maps/osm_import.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "core/text.h"
#include "maps/geometry.h"
#include "schedule/opening_hours.h"

namespace youhao::maps {
namespace {

using osm::HasTag;
using osm::TagValue;

constexpr double kMinUnnamedBuildingSquareMetres = 150;
constexpr double kPathReachOutsideMetres = 25;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool EndsWithAny(std::string_view text, std::initializer_list<std::string_view> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(), [&](std::string_view suffix) { return EndsWith(text, suffix); });
}

/// The positions of a way's nodes; false when any node is missing from the file.
bool WayPositions(const osm::OsmData& data, const osm::Way& way, std::vector<LonLat>& out) {
  out.clear();
  out.reserve(way.node_ids.size());
  for (const long long id : way.node_ids) {
    const osm::Node* node = data.FindNode(id);
    if (node == nullptr) return false;
    out.push_back({node->lon, node->lat});
  }
  return true;
}

/// Joins outer member ways end to end into closed rings; members missing from the file break
/// their ring, which is then dropped.
std::vector<std::vector<LonLat>> AssembleRings(const osm::OsmData& data, const osm::Relation& relation) {
  std::vector<std::vector<LonLat>> open;
  std::vector<std::vector<LonLat>> rings;
  std::vector<LonLat> positions;
  for (const osm::Member& member : relation.members) {
    if (member.type != osm::MemberType::kWay || (member.role != "outer" && !member.role.empty())) continue;
    const osm::Way* way = data.FindWay(member.ref);
    if (way == nullptr || !WayPositions(data, *way, positions) || positions.size() < 2) continue;
    if (positions.front() == positions.back() && positions.size() >= 4) {
      rings.push_back(positions);
    } else {
      open.push_back(positions);
    }
  }
  while (!open.empty()) {
    std::vector<LonLat> ring = std::move(open.back());
    open.pop_back();
    bool grew = true;
    while (grew && !(ring.front() == ring.back())) {
      grew = false;
      for (std::size_t i = 0; i < open.size(); ++i) {
        std::vector<LonLat>& piece = open[i];
        if (piece.front() == ring.back()) {
          ring.insert(ring.end(), piece.begin() + 1, piece.end());
        } else if (piece.back() == ring.back()) {
          ring.insert(ring.end(), piece.rbegin() + 1, piece.rend());
        } else {
          continue;
        }
        open.erase(open.begin() + static_cast<std::ptrdiff_t>(i));
        grew = true;
        break;
      }
    }
    if (ring.front() == ring.back() && ring.size() >= 4) rings.push_back(std::move(ring));
  }
  return rings;
}

double RingAreaSquareMetres(const std::vector<LonLat>& ring) {
  if (ring.empty()) return 0;
  const LocalProjection projection(ring[0]);
  double area2 = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    const Xy a = projection.ToXy(ring[i]);
    const Xy b = projection.ToXy(ring[i + 1]);
    area2 += a.x * b.y - b.x * a.y;
  }
  return std::abs(area2) / 2;
}

/// A polygon geometry when the ring is usable as one, else the point at its centre.
Geometry AreaGeometry(std::vector<LonLat> ring) {
  if (ring.size() >= 4 && ring.size() <= kMaxVerticesPerFeature && ring.front() == ring.back() &&
      !RingSelfIntersects(ring)) {
    return {GeometryType::kPolygon, {std::move(ring)}};
  }
  return Geometry::Point(RingCentroid(ring));
}

bool IsDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A building's label: its name, its house number ("5" -> "5号楼"), or "未编号楼栋" for a large
/// unnamed one; nullopt for an unnamed shed or kiosk nobody delivers to.
std::optional<std::string> BuildingLabel(const std::vector<osm::Tag>& tags, double square_metres) {
  const std::string_view name = TagValue(tags, "name");
  const std::string_view housenumber = TagValue(tags, "addr:housenumber");
  if (!name.empty()) return std::string(name);
  if (!housenumber.empty())
    return IsDigits(housenumber) ? fmt::format("{}号楼", housenumber) : std::string(housenumber);
  if (square_metres >= kMinUnnamedBuildingSquareMetres) return std::string(kUnnumberedBuilding);
  return std::nullopt;
}

std::string_view CompassGateName(double bearing) {
  static constexpr std::array<std::string_view, 8> kNames{"北门", "东北门", "东门", "东南门",
                                                          "南门", "西南门", "西门", "西北门"};
  return kNames[static_cast<std::size_t>(std::floor((bearing + 22.5) / 45.0)) % 8];
}

std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// A gate's OpenStreetMap name as a rider reads it on the compound's own map: without the
/// compound's name ("北京大学南门" -> "南门"); "" for a name without Chinese ("South West Gate"),
/// and the gate is then named by its position.
std::string GateName(std::string_view name, const std::string& compound, const std::vector<std::string>& aliases) {
  if (std::none_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) return "";
  std::vector<std::string_view> prefixes{compound};
  prefixes.insert(prefixes.end(), aliases.begin(), aliases.end());
  for (const std::string_view prefix : prefixes) {
    if (prefix.empty() || !name.starts_with(prefix)) continue;
    const std::string_view rest = name.substr(prefix.size());
    if (CodePoints(rest) >= 2) return std::string(rest);
  }
  return std::string(name);
}

// A pedestrian gate beside a lift gate is one gate to a rider.
constexpr double kSameGateMetres = 10;

/// Merges gates closer than kSameGateMetres that follow the same rules into one (the named one,
/// passable on foot and by bike when either is), names unnamed gates by their bearing from the
/// compound's centre (北门, 东南门), and tells gates of one name apart by where they are along
/// the fence (南门(西), 南门(东); 西门(南), 西门(中), 西门(北)), or by kind where they stand
/// together (南门(车行), 南门(人行)). An OpenStreetMap name shared with named-by-position gates
/// is kept; the others take the position.
void MergeAndNameGates(std::vector<Feature>& features, const LocalProjection& projection) {
  std::vector<std::size_t> gates;
  for (std::size_t i = 0; i < features.size(); ++i) {
    if (features[i].kind == FeatureKind::kGate) gates.push_back(i);
  }
  auto xy = [&](std::size_t g) { return projection.ToXy(features[gates[g]].geometry.Anchor()); };
  // Single-linkage clusters (a row of turnstiles and lift gates is one gate).
  std::vector<std::size_t> parent(gates.size());
  for (std::size_t g = 0; g < gates.size(); ++g) parent[g] = g;
  auto root = [&](std::size_t g) {
    while (parent[g] != g) g = parent[g] = parent[parent[g]];
    return g;
  };
  for (std::size_t a = 0; a < gates.size(); ++a) {
    for (std::size_t b = a + 1; b < gates.size(); ++b) {
      const Feature& first = features[gates[a]];
      const Feature& second = features[gates[b]];
      if (first.workers_allowed != second.workers_allowed || first.opening_hours != second.opening_hours) continue;
      if (Distance(xy(a), xy(b)) <= kSameGateMetres) parent[root(b)] = root(a);
    }
  }
  std::vector<bool> merged(features.size(), false);
  std::vector<std::size_t> kept;
  for (std::size_t g = 0; g < gates.size(); ++g) {
    if (root(g) != g) continue;
    std::vector<std::size_t> members;
    for (std::size_t h = 0; h < gates.size(); ++h) {
      if (root(h) == g) members.push_back(h);
    }
    std::size_t keeper = members.front();
    for (const std::size_t m : members) {
      if (!features[gates[m]].label.empty()) {
        keeper = m;
        break;
      }
    }
    Feature& gate = features[gates[keeper]];
    for (const std::size_t m : members) {
      if (m == keeper) continue;
      const Feature& other = features[gates[m]];
      gate.walk = gate.walk || other.walk;
      gate.ride = gate.ride || other.ride;
      if (other.gate_kind == "vehicle") gate.gate_kind = "vehicle";
      merged[gates[m]] = true;
    }
    kept.push_back(keeper);
  }

  std::vector<bool> by_position(gates.size(), false);
  for (const std::size_t g : kept) {
    Feature& gate = features[gates[g]];
    if (!gate.label.empty()) continue;
    gate.label = std::string(CompassGateName(BearingDegrees({0, 0}, xy(g))));
    by_position[g] = true;
  }
  std::map<std::string, std::vector<std::size_t>> by_label;
  for (const std::size_t g : kept) by_label[features[gates[g]].label].push_back(g);
  for (auto& [label, group] : by_label) {
    if (group.size() < 2) continue;
    const auto named = static_cast<std::size_t>(
        std::count_if(group.begin(), group.end(), [&](std::size_t g) { return !by_position[g]; }));
    // One real name among guesses keeps it; otherwise every gate of the name takes a position.
    auto renamed = [&](std::size_t g) { return named != 1 || by_position[g]; };
    constexpr double kFar = std::numeric_limits<double>::infinity();
    double min_x = kFar;
    double max_x = -kFar;
    double min_y = kFar;
    double max_y = -kFar;
    for (const std::size_t g : group) {
      const Xy p = xy(g);
      min_x = std::min(min_x, p.x);
      max_x = std::max(max_x, p.x);
      min_y = std::min(min_y, p.y);
      max_y = std::max(max_y, p.y);
    }
    const bool east_west = max_x - min_x >= max_y - min_y;
    if (std::max(max_x - min_x, max_y - min_y) < 2 * kSameGateMetres) {
      for (const std::size_t g : group) {
        Feature& gate = features[gates[g]];
        if (renamed(g)) gate.label += gate.gate_kind == "vehicle" ? "(车行)" : "(人行)";
      }
      continue;
    }
    std::vector<std::size_t> along = group;
    std::sort(along.begin(), along.end(),
              [&](std::size_t a, std::size_t b) { return east_west ? xy(a).x < xy(b).x : xy(a).y < xy(b).y; });
    static constexpr std::array<std::string_view, 2> kTwoWestEast{"西", "东"};
    static constexpr std::array<std::string_view, 2> kTwoSouthNorth{"南", "北"};
    static constexpr std::array<std::string_view, 3> kThreeWestEast{"西", "中", "东"};
    static constexpr std::array<std::string_view, 3> kThreeSouthNorth{"南", "中", "北"};
    for (std::size_t k = 0; k < along.size(); ++k) {
      if (!renamed(along[k])) continue;
      std::string position;
      if (along.size() == 2) {
        position = east_west ? kTwoWestEast[k] : kTwoSouthNorth[k];
      } else if (along.size() == 3) {
        position = east_west ? kThreeWestEast[k] : kThreeSouthNorth[k];
      } else {
        position = std::to_string(k + 1);
      }
      features[gates[along[k]]].label += "(" + position + ")";
    }
  }
  // Whatever still shares a name (three gates of one kind in one spot) is numbered.
  std::map<std::string, int> seen;
  for (const std::size_t g : kept) {
    std::string& label = features[gates[g]].label;
    if (const int count = seen[label]++; count > 0) label += std::to_string(count + 1);
  }

  std::size_t next = 0;
  for (std::size_t i = 0; i < features.size(); ++i) {
    if (merged[i]) continue;
    if (next != i) features[next] = std::move(features[i]);
    ++next;
  }
  features.resize(next);
}

struct CompoundArea {
  const std::vector<osm::Tag>* tags = nullptr;
  std::string osm_ref;
  std::string kind;
  std::vector<LonLat> outer;
  BoundingBox box;
};

constexpr std::array<std::string_view, 9> kGateBarriers{"gate",         "lift_gate",    "entrance",
                                                        "swing_gate",   "sliding_gate", "wicket_gate",
                                                        "kissing_gate", "turnstile",    "full-height_turnstile"};
constexpr std::array<std::string_view, 11> kPathHighways{"footway",     "service",       "path",       "steps",
                                                         "residential", "living_street", "pedestrian", "cycleway",
                                                         "track",       "unclassified",  "corridor"};
constexpr std::array<std::string_view, 5> kVehicleHighways{"service", "residential", "living_street", "unclassified",
                                                           "tertiary"};

template <std::size_t N>
bool OneOf(std::string_view value, const std::array<std::string_view, N>& values) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

int ImportedCompound::Count(FeatureKind wanted) const {
  return static_cast<int>(
      std::count_if(features.begin(), features.end(), [wanted](const Feature& f) { return f.kind == wanted; }));
}

std::string CompoundKind(const std::vector<osm::Tag>& tags) {
  const std::string_view name = TagValue(tags, "name");
  if (name.empty()) return "";
  const std::string_view amenity = TagValue(tags, "amenity");
  if (amenity == "university" || amenity == "college") return "campus";
  const std::string_view landuse = TagValue(tags, "landuse");
  if (landuse == "residential") return "residential";
  if (!amenity.empty() || HasTag(tags, "leisure") || HasTag(tags, "tourism") || HasTag(tags, "historic") ||
      HasTag(tags, "shop") || HasTag(tags, "office") || HasTag(tags, "building")) {
    return "";
  }
  if (!landuse.empty() && landuse != "education") return "";
  if (EndsWithAny(name, {"小区", "家园", "院", "苑", "园", "居"}) &&
      !EndsWithAny(name, {"学院", "医院", "影院", "幼儿园", "公园", "书院", "研究院", "科学院", "动物园", "植物园",
                          "雕塑园", "产业园", "科技园", "游园", "庄园"})) {
    return "residential";
  }
  return "";
}

OsmImport ExtractCompounds(const osm::OsmData& data) {
  OsmImport out;
  std::vector<CompoundArea> areas;
  std::vector<LonLat> positions;
  for (const osm::Way& way : data.ways) {
    const std::string kind = CompoundKind(way.tags);
    if (kind.empty()) continue;
    if (way.node_ids.size() < 4 || way.node_ids.front() != way.node_ids.back()) continue;
    if (!WayPositions(data, way, positions)) {
      out.warnings.push_back(
          fmt::format("way/{} ({}): nodes missing from the file, skipped", way.id, TagValue(way.tags, "name")));
      continue;
    }
    CompoundArea area{&way.tags, fmt::format("way/{}", way.id), kind, positions, {}};
    areas.push_back(std::move(area));
  }
  for (const osm::Relation& relation : data.relations) {
    if (TagValue(relation.tags, "type") != "multipolygon") continue;
    const std::string kind = CompoundKind(relation.tags);
    if (kind.empty()) continue;
    auto rings = AssembleRings(data, relation);
    if (rings.empty()) {
      out.warnings.push_back(
          fmt::format("relation/{} ({}): no complete outer ring in the file (members missing), skipped", relation.id,
                      TagValue(relation.tags, "name")));
      continue;
    }
    auto largest = std::max_element(rings.begin(), rings.end(), [](const auto& a, const auto& b) {
      return RingAreaSquareMetres(a) < RingAreaSquareMetres(b);
    });
    areas.push_back({&relation.tags, fmt::format("relation/{}", relation.id), kind, std::move(*largest), {}});
  }
  // The same compound mapped twice (a way and a relation with one name): keep the larger.
  std::map<std::string, std::size_t> by_name;
  std::vector<bool> keep(areas.size(), true);
  for (std::size_t i = 0; i < areas.size(); ++i) {
    for (const LonLat& p : areas[i].outer) areas[i].box.Add(p);
    const std::string name(TagValue(*areas[i].tags, "name"));
    auto [it, inserted] = by_name.try_emplace(name, i);
    if (!inserted) {
      const std::size_t other = it->second;
      const bool larger = RingAreaSquareMetres(areas[i].outer) > RingAreaSquareMetres(areas[other].outer);
      keep[larger ? other : i] = false;
      if (larger) it->second = i;
    }
  }

  // Nodes that belong to a building outline (entrances sit on them) and to a road (gates).
  std::unordered_map<long long, long long> node_building_way;
  std::unordered_map<long long, bool> gate_on_vehicle_road;
  for (const osm::Way& way : data.ways) {
    const std::string_view building = TagValue(way.tags, "building");
    if (!building.empty() && building != "no") {
      for (const long long id : way.node_ids) node_building_way.emplace(id, way.id);
    }
    const std::string_view highway = TagValue(way.tags, "highway");
    if (!highway.empty()) {
      const bool vehicle = OneOf(highway, kVehicleHighways);
      for (const long long id : way.node_ids) {
        auto [it, inserted] = gate_on_vehicle_road.try_emplace(id, vehicle);
        if (!inserted) it->second = it->second || vehicle;
      }
    }
  }

  for (std::size_t a = 0; a < areas.size(); ++a) {
    if (!keep[a]) continue;
    const CompoundArea& area = areas[a];
    ImportedCompound compound;
    compound.osm_ref = area.osm_ref;
    compound.name = std::string(TagValue(*area.tags, "name"));
    compound.kind = area.kind;
    for (const char* key : {"short_name", "alt_name", "official_name", "old_name"}) {
      // alt_name may hold several names separated by ";".
      std::string_view names = TagValue(*area.tags, key);
      while (!names.empty()) {
        const std::size_t semicolon = names.find(';');
        const std::string_view alias = names.substr(0, semicolon);
        if (!alias.empty() && alias != compound.name) compound.aliases.emplace_back(alias);
        names = semicolon == std::string_view::npos ? std::string_view{} : names.substr(semicolon + 1);
      }
    }
    compound.centre = RingCentroid(area.outer);
    const std::vector<std::vector<LonLat>> polygon{area.outer};
    const LocalProjection projection(compound.centre);
    long long next_id = -1;
    // Gates lie on the fence: accept up to ~20 m outside the outline.
    constexpr double kGateMarginDegrees = 0.0002;
    auto inside = [&](LonLat p) { return area.box.Contains(p) && PolygonContains(polygon, p); };
    // Gates are on the fence (the outline is drawn roughly): within 20 m of it, inside or out.
    // Barriers deeper inside close off a courtyard or a car park, not the compound.
    auto near_outline = [&](LonLat p) {
      if (!area.box.Contains(p, kGateMarginDegrees)) return false;
      const Xy xy = projection.ToXy(p);
      for (std::size_t i = 0; i + 1 < area.outer.size(); ++i) {
        if (ProjectOnSegment(xy, projection.ToXy(area.outer[i]), projection.ToXy(area.outer[i + 1])).distance < 20)
          return true;
      }
      return false;
    };

    Feature boundary;
    boundary.id = next_id--;
    boundary.kind = FeatureKind::kBoundary;
    boundary.label = compound.name;
    boundary.geometry = AreaGeometry(area.outer);
    boundary.osm_ref = area.osm_ref;
    if (boundary.geometry.type == GeometryType::kPolygon) compound.features.push_back(boundary);

    std::unordered_map<long long, long long> building_feature;  // OSM way id -> feature id
    std::unordered_set<std::string> used_labels;
    for (const osm::Way& way : data.ways) {
      const std::string_view building = TagValue(way.tags, "building");
      if (building.empty() || building == "no" || way.node_ids.size() < 4) continue;
      if (!WayPositions(data, way, positions)) continue;
      const LonLat centre = RingCentroid(positions);
      if (!inside(centre)) continue;
      Feature feature;
      feature.kind = FeatureKind::kBuilding;
      feature.geometry = AreaGeometry(positions);
      feature.osm_ref = fmt::format("way/{}", way.id);
      auto label = BuildingLabel(way.tags, RingAreaSquareMetres(positions));
      if (!label) continue;
      feature.label = std::move(*label);
      DeriveNumbers(feature);
      if (const std::string_view levels = TagValue(way.tags, "building:levels");
          IsDigits(levels) && levels.size() <= 3) {
        feature.floors = std::stoi(std::string(levels));
      }
      feature.id = next_id--;
      building_feature[way.id] = feature.id;
      compound.features.push_back(std::move(feature));
    }

    // Buildings mapped as multipolygon relations (courtyard blocks, dormitories with holes).
    for (const osm::Relation& relation : data.relations) {
      const std::string_view building = TagValue(relation.tags, "building");
      if (building.empty() || building == "no" || TagValue(relation.tags, "type") != "multipolygon") continue;
      auto rings = AssembleRings(data, relation);
      if (rings.empty()) continue;
      auto largest = std::max_element(rings.begin(), rings.end(), [](const auto& left, const auto& right) {
        return RingAreaSquareMetres(left) < RingAreaSquareMetres(right);
      });
      if (!inside(RingCentroid(*largest))) continue;
      Feature feature;
      feature.kind = FeatureKind::kBuilding;
      feature.osm_ref = fmt::format("relation/{}", relation.id);
      auto label = BuildingLabel(relation.tags, RingAreaSquareMetres(*largest));
      if (!label) continue;
      feature.label = std::move(*label);
      feature.geometry = AreaGeometry(std::move(*largest));
      DeriveNumbers(feature);
      feature.id = next_id--;
      compound.features.push_back(std::move(feature));
    }

    for (const osm::Node& node : data.nodes) {
      if (node.tags.empty()) continue;
      const LonLat at{node.lon, node.lat};
      if (!area.box.Contains(at, kGateMarginDegrees)) continue;
      const std::string_view barrier = TagValue(node.tags, "barrier");
      const std::string_view entrance = TagValue(node.tags, "entrance");
      const std::string_view amenity = TagValue(node.tags, "amenity");
      const std::string_view name = TagValue(node.tags, "name");
      Feature feature;
      feature.geometry = Geometry::Point(at);
      feature.osm_ref = fmt::format("node/{}", node.id);
      if (!barrier.empty() && OneOf(barrier, kGateBarriers) && near_outline(at) &&
          !node_building_way.contains(node.id)) {
        feature.kind = FeatureKind::kGate;
        const bool vehicle = barrier == "lift_gate" ||
                             (barrier != "wicket_gate" && barrier != "kissing_gate" && barrier != "turnstile" &&
                              barrier != "full-height_turnstile" && gate_on_vehicle_road[node.id]);
        feature.gate_kind = vehicle ? "vehicle" : "pedestrian";
        feature.ride = vehicle;
        const std::string_view access = TagValue(node.tags, "access");
        feature.workers_allowed = access != "no" && TagValue(node.tags, "foot") != "no";
        // Unnamed gates are named by position once every gate is known (MergeAndNameGates).
        feature.label = GateName(name, compound.name, compound.aliases);
        if (const std::string_view hours = TagValue(node.tags, "opening_hours"); !hours.empty()) {
          if (schedule::OpeningHours::Parse(hours).ok()) {
            feature.opening_hours = std::string(hours);
          } else {
            // Closed means closed: hours nobody can read never open a gate. Staff set them in the
            // hours editor; until then routes avoid the gate and name it among the closed ones.
            feature.opening_hours = "off";
            out.warnings.push_back(
                fmt::format("node/{}: opening_hours \"{}\" not understood, gate kept closed until its hours are set",
                            node.id, hours));
          }
        }
      } else if (!entrance.empty() && inside(at)) {
        feature.kind = FeatureKind::kEntrance;
        const std::string_view ref = TagValue(node.tags, "ref");
        const std::string_view unit = TagValue(node.tags, "addr:unit");
        const std::string_view number = !ref.empty() ? ref : unit;
        if (!name.empty()) {
          feature.label = std::string(name);
        } else if (IsDigits(number)) {
          feature.label = fmt::format("{}单元", number);
        } else if (!number.empty()) {
          feature.label = std::string(number);
        } else {
          feature.label = entrance == "main" ? "正门" : entrance == "garage" ? "车库入口" : "入口";
        }
        if (IsDigits(number)) feature.number = std::string(number);
        DeriveNumbers(feature);
        if (auto way = node_building_way.find(node.id); way != node_building_way.end()) {
          if (auto found = building_feature.find(way->second); found != building_feature.end())
            feature.building_id = found->second;
        }
        if (entrance == "garage") feature.kind = FeatureKind::kGarageEntrance;
      } else if ((amenity == "parking" || amenity == "bicycle_parking" || amenity == "motorcycle_parking") &&
                 inside(at)) {
        feature.kind = FeatureKind::kParking;
        feature.label = !name.empty() ? std::string(name) : amenity == "parking" ? "停车场" : "非机动车停车处";
        if (const std::string_view capacity = TagValue(node.tags, "capacity");
            IsDigits(capacity) && capacity.size() <= 4) {
          feature.capacity = std::stoi(std::string(capacity));
        }
      } else if (amenity == "charging_station" && inside(at)) {
        feature.kind = FeatureKind::kCharging;
        feature.label = !name.empty() ? std::string(name) : "充电桩";
      } else if (!name.empty() && (!amenity.empty() || HasTag(node.tags, "shop") || HasTag(node.tags, "leisure")) &&
                 inside(at)) {
        feature.kind = FeatureKind::kLandmark;
        feature.label = std::string(name);
      } else {
        continue;
      }
      feature.id = next_id--;
      compound.features.push_back(std::move(feature));
    }

    MergeAndNameGates(compound.features, projection);

    // Parking areas and paths drawn as ways.
    for (const osm::Way& way : data.ways) {
      const std::string_view amenity = TagValue(way.tags, "amenity");
      const std::string_view highway = TagValue(way.tags, "highway");
      const bool parking = amenity == "parking" || amenity == "bicycle_parking" || amenity == "motorcycle_parking";
      const bool path = !highway.empty() && OneOf(highway, kPathHighways) && TagValue(way.tags, "area") != "yes";
      if (!parking && !path) continue;
      // Ways may reach past the file's bounds: keep the nodes that are present.
      positions.clear();
      for (const long long id : way.node_ids) {
        if (const osm::Node* node = data.FindNode(id)) positions.push_back({node->lon, node->lat});
      }
      if (positions.size() < 2) continue;
      if (parking) {
        const LonLat centre = RingCentroid(positions);
        if (!inside(centre)) continue;
        Feature feature;
        feature.id = next_id--;
        feature.kind = FeatureKind::kParking;
        feature.geometry = positions.front() == positions.back() ? AreaGeometry(positions) : Geometry::Point(centre);
        const std::string_view name = TagValue(way.tags, "name");
        feature.label = !name.empty() ? std::string(name) : amenity == "parking" ? "停车场" : "非机动车停车处";
        feature.osm_ref = fmt::format("way/{}", way.id);
        compound.features.push_back(std::move(feature));
        continue;
      }
      // The runs of the way inside the compound, each extended by one node so that paths reach
      // the gates on the fence.
      std::vector<bool> in(positions.size());
      for (std::size_t i = 0; i < positions.size(); ++i) in[i] = inside(positions[i]);
      for (std::size_t i = 0; i < positions.size();) {
        if (!in[i]) {
          ++i;
          continue;
        }
        std::size_t end = i;
        while (end < positions.size() && in[end]) ++end;
        const std::size_t from = i > 0 ? i - 1 : i;
        const std::size_t to = std::min(end + 1, positions.size());
        i = end;
        if (to - from < 2) continue;
        Feature feature;
        feature.id = next_id--;
        feature.kind = FeatureKind::kPath;
        std::vector<LonLat> line(positions.begin() + static_cast<std::ptrdiff_t>(from),
                                 positions.begin() + static_cast<std::ptrdiff_t>(to));
        // The node kept outside may be far down the street: keep only the first metres of the way out.
        auto shorten = [&](LonLat inside_end, LonLat& outside_end) {
          const Xy near = projection.ToXy(inside_end);
          const Xy far = projection.ToXy(outside_end);
          const double length = Distance(near, far);
          if (length > kPathReachOutsideMetres) {
            const double t = kPathReachOutsideMetres / length;
            outside_end = projection.ToLonLat({near.x + (far.x - near.x) * t, near.y + (far.y - near.y) * t});
          }
        };
        if (!in[from]) shorten(line[1], line[0]);
        if (!in[to - 1]) shorten(line[line.size() - 2], line.back());
        if (line.size() > kMaxVerticesPerFeature) line.resize(kMaxVerticesPerFeature);
        feature.geometry = {GeometryType::kLineString, {std::move(line)}};
        const std::string_view bicycle = TagValue(way.tags, "bicycle");
        const std::string_view access = TagValue(way.tags, "access");
        feature.steps = highway == "steps";
        feature.walk = TagValue(way.tags, "foot") != "no";
        const bool bikes_by_default =
            highway != "footway" && highway != "steps" && highway != "pedestrian" && highway != "corridor";
        feature.ride = !feature.steps && bicycle != "no" && bicycle != "dismount" &&
                       (bikes_by_default || bicycle == "yes" || bicycle == "designated");
        feature.one_way = TagValue(way.tags, "oneway") == "yes";
        feature.workers_allowed = access != "no";
        if (const std::string_view name = TagValue(way.tags, "name"); !name.empty()) feature.label = std::string(name);
        feature.osm_ref = fmt::format("way/{}", way.id);
        compound.features.push_back(std::move(feature));
      }
    }
    out.compounds.push_back(std::move(compound));
  }
  return out;
}

std::string OsmChangeXml(const CompoundMap& map, std::string_view generator) {
  std::string out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osmChange version=\"0.6\" generator=\"{}\">\n<create>\n",
      core::EscapeXml(generator));
  long long next_id = -1;
  for (const Feature& feature : map.features) {
    if (!feature.osm_ref.empty()) continue;
    std::vector<std::pair<std::string, std::string>> tags;
    if (feature.kind == FeatureKind::kEntrance) {
      tags.emplace_back("entrance", "staircase");
      if (!feature.number.empty()) tags.emplace_back("ref", feature.number);
      if (feature.note.starts_with("addr:flats=")) tags.emplace_back("addr:flats", feature.note.substr(11));
    } else if (feature.kind == FeatureKind::kGate) {
      tags.emplace_back("barrier", feature.gate_kind == "vehicle" ? "lift_gate" : "gate");
      if (feature.workers_allowed) tags.emplace_back("access", "delivery");
      if (!feature.label.empty()) tags.emplace_back("name", feature.label);
      if (!feature.opening_hours.empty()) tags.emplace_back("opening_hours", feature.opening_hours);
    } else if (feature.kind == FeatureKind::kParking) {
      tags.emplace_back("amenity", "motorcycle_parking");
      tags.emplace_back("access", "delivery");
      if (feature.capacity > 0) tags.emplace_back("capacity", std::to_string(feature.capacity));
    } else {
      continue;
    }
    const LonLat at = feature.geometry.Anchor();
    out += fmt::format("  <node id=\"{}\" version=\"0\" lat=\"{:.7f}\" lon=\"{:.7f}\">\n", next_id--, at.lat, at.lon);
    for (const auto& [key, value] : tags)
      out += fmt::format("    <tag k=\"{}\" v=\"{}\"/>\n", core::EscapeXml(key), core::EscapeXml(value));
    out += "  </node>\n";
  }
  out += "</create>\n</osmChange>\n";
  return out;
}

}  // namespace youhao::maps
