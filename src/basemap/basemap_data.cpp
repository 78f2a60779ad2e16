#include "basemap/basemap_data.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <string_view>

namespace youhao::basemap {

namespace {

using osm::TagValue;

bool OneOf(std::string_view value, std::initializer_list<std::string_view> options) {
  return std::find(options.begin(), options.end(), value) != options.end();
}

int MinZoom(Layer layer) {
  switch (layer) {
    case Layer::kWater:
    case Layer::kMajorRoad:
      return 12;
    case Layer::kGreen:
    case Layer::kRail:
      return 13;
    case Layer::kWaterway:
    case Layer::kMinorRoad:
      return 14;
    case Layer::kService:
    case Layer::kBuilding:
      return 15;
    case Layer::kPath:
      return 16;
  }
  return kBaseZoom;
}

/// One UTF-8 code point from `text` at `i` (advancing i); invalid bytes count as one Latin letter.
char32_t NextCodePoint(const std::string& text, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  int length = 1;
  char32_t value = byte;
  if (byte >= 0xF0) {
    length = 4;
    value = byte & 0x07U;
  } else if (byte >= 0xE0) {
    length = 3;
    value = byte & 0x0FU;
  } else if (byte >= 0xC0) {
    length = 2;
    value = byte & 0x1FU;
  }
  if (i + static_cast<std::size_t>(length) > text.size()) length = 1;
  for (int k = 1; k < length; ++k) value = (value << 6U) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
  i += static_cast<std::size_t>(length);
  return length == 1 ? byte : value;
}

std::vector<Pixel> Project(const osm::OsmData& data, const std::vector<long long>& node_ids, bool& complete) {
  std::vector<Pixel> points;
  points.reserve(node_ids.size());
  complete = true;
  for (long long id : node_ids) {
    const osm::Node* node = data.FindNode(id);
    if (node == nullptr) {
      complete = false;
      continue;
    }
    points.push_back(ToPixel({node->lon, node->lat}, kBaseZoom));
  }
  return points;
}

/// The centroid of a closed ring (geo's, on the ring's positions).
Pixel Centroid(const std::vector<Pixel>& ring) {
  std::vector<geo::LonLat> positions;
  positions.reserve(ring.size());
  for (const auto& p : ring) positions.push_back(ToLonLat(p, kBaseZoom));
  return ToPixel(geo::RingCentroid(positions), kBaseZoom);
}

/// Square pixels at kBaseZoom; relative to the first point, as world pixels are large numbers.
double RingArea(const std::vector<Pixel>& ring) {
  const Pixel o = ring[0];
  double area = 0;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
    area += (ring[j].x - o.x) * (ring[i].y - o.y) - (ring[i].x - o.x) * (ring[j].y - o.y);
  return std::abs(area) / 2;
}

/// Named areas worth a label though the base map does not fill them (campuses, compounds).
bool NamedPlaceArea(const std::vector<osm::Tag>& tags) {
  return OneOf(TagValue(tags, "amenity"), {"university", "college", "school", "hospital"}) ||
         OneOf(TagValue(tags, "landuse"), {"residential"});
}

void AddAreaLabel(BaseMapData& into, const std::vector<osm::Tag>& tags, const std::vector<Pixel>& ring, Layer layer,
                  bool filled) {
  const std::string_view name = TagValue(tags, "name");
  if (name.empty() || ring.size() < 3) return;
  LabelCandidate label;
  label.text = std::string(name);
  label.line = {Centroid(ring)};
  const double area = RingArea(ring);  // square pixels at kBaseZoom
  if (filled && layer == Layer::kBuilding) {
    label.kind = LabelKind::kBuilding;
    label.min_zoom = 17;
    label.priority = 10;
  } else if (filled && layer == Layer::kWater) {
    label.kind = LabelKind::kWater;
    label.min_zoom = area > 200000 ? 14 : 16;
    label.priority = 30;
  } else {
    label.kind = LabelKind::kArea;
    // A campus of some hundred thousand square metres is named from zoom 14, a small garden from 17.
    label.min_zoom = area > 1000000 ? 14 : area > 100000 ? 15 : 17;
    label.priority = 40;
  }
  into.labels.push_back(std::move(label));
}

void AddShape(BaseMapData& into, Layer layer, bool area, std::vector<std::vector<Pixel>> parts) {
  Shape shape;
  shape.layer = layer;
  shape.area = area;
  shape.min_zoom = MinZoom(layer);
  for (const auto& part : parts)
    for (const auto& p : part) shape.box.Add(p);
  shape.parts = std::move(parts);
  if (!shape.box.Empty()) into.shapes.push_back(std::move(shape));
}

}  // namespace

void Box::Add(Pixel p) {
  min_x = std::min(min_x, p.x);
  min_y = std::min(min_y, p.y);
  max_x = std::max(max_x, p.x);
  max_y = std::max(max_y, p.y);
}

bool Classify(const std::vector<osm::Tag>& tags, bool closed, Layer& layer, bool& area) {
  const std::string_view highway = TagValue(tags, "highway");
  const std::string_view building = TagValue(tags, "building");
  const std::string_view natural = TagValue(tags, "natural");
  const std::string_view landuse = TagValue(tags, "landuse");
  const std::string_view leisure = TagValue(tags, "leisure");
  const std::string_view waterway = TagValue(tags, "waterway");
  area = closed;
  if (closed && !building.empty() && building != "no") {
    layer = Layer::kBuilding;
    return true;
  }
  if (closed && (natural == "water" || OneOf(landuse, {"reservoir", "basin"}) || waterway == "riverbank" ||
                 leisure == "swimming_pool")) {
    layer = Layer::kWater;
    return true;
  }
  if (closed && (OneOf(leisure, {"park", "garden", "pitch", "playground", "golf_course"}) ||
                 OneOf(landuse, {"grass", "forest", "meadow", "recreation_ground", "village_green", "orchard"}) ||
                 OneOf(natural, {"wood", "scrub", "grassland"}))) {
    layer = Layer::kGreen;
    return true;
  }
  area = false;
  if (OneOf(waterway, {"river", "stream", "canal", "drain", "ditch"})) {
    layer = Layer::kWaterway;
    return true;
  }
  const std::string_view railway = TagValue(tags, "railway");
  if (OneOf(railway, {"rail", "light_rail", "narrow_gauge"}) && TagValue(tags, "tunnel") != "yes") {
    layer = Layer::kRail;
    return true;
  }
  if (highway.empty() || TagValue(tags, "area") == "yes") return false;
  std::string_view base = highway;
  if (base.ends_with("_link")) base.remove_suffix(5);
  if (OneOf(base, {"motorway", "trunk", "primary", "secondary", "tertiary"})) {
    layer = Layer::kMajorRoad;
  } else if (OneOf(base, {"residential", "unclassified", "living_street", "road"})) {
    layer = Layer::kMinorRoad;
  } else if (OneOf(base, {"service", "pedestrian"})) {
    layer = Layer::kService;
  } else if (OneOf(base, {"footway", "path", "cycleway", "steps", "track", "bridleway"})) {
    layer = Layer::kPath;
  } else {
    return false;
  }
  return true;
}

void AddOsmData(const osm::OsmData& data, BaseMapData& into) {
  if (data.bounds.present) {
    into.bounds.Add({data.bounds.min_lon, data.bounds.min_lat});
    into.bounds.Add({data.bounds.max_lon, data.bounds.max_lat});
  }
  for (const auto& way : data.ways) {
    const bool closed = way.node_ids.size() >= 4 && way.node_ids.front() == way.node_ids.back();
    Layer layer{};
    bool area = false;
    const bool drawn = Classify(way.tags, closed, layer, area);
    const bool place_area = closed && !drawn && NamedPlaceArea(way.tags);
    if (!drawn && !place_area) continue;
    bool complete = false;
    std::vector<Pixel> points = Project(data, way.node_ids, complete);
    // A ring cut by the file's edge is not a ring; a line cut short is still worth drawing.
    if (points.size() < 2 || ((area || place_area) && !complete)) continue;
    if (!data.bounds.present)
      for (long long id : way.node_ids)
        if (const osm::Node* node = data.FindNode(id)) into.bounds.Add({node->lon, node->lat});
    if (place_area) {
      AddAreaLabel(into, way.tags, points, Layer::kGreen, false);
      continue;
    }
    if (area) AddAreaLabel(into, way.tags, points, layer, true);
    const std::string_view name = osm::TagValue(way.tags, "name");
    if (!area && !name.empty() &&
        (layer == Layer::kMajorRoad || layer == Layer::kMinorRoad || layer == Layer::kService)) {
      LabelCandidate label;
      label.kind = layer == Layer::kMajorRoad ? LabelKind::kMajorRoad : LabelKind::kMinorRoad;
      label.text = std::string(name);
      label.line = points;
      label.min_zoom = layer == Layer::kMajorRoad ? 14 : 16;
      label.priority = layer == Layer::kMajorRoad ? 50 : 20;
      into.labels.push_back(std::move(label));
    }
    AddShape(into, layer, area, {std::move(points)});
  }
  // Multipolygons: their closed member ways as rings (even-odd fill makes inner rings holes).
  for (const auto& relation : data.relations) {
    if (TagValue(relation.tags, "type") != "multipolygon") continue;
    Layer layer{};
    bool area = false;
    const bool drawn = Classify(relation.tags, true, layer, area) && area;
    const bool place_area = !drawn && NamedPlaceArea(relation.tags);
    if (!drawn && !place_area) continue;
    std::vector<std::vector<Pixel>> rings;
    std::size_t largest = 0;
    for (const auto& member : relation.members) {
      if (member.type != osm::MemberType::kWay) continue;
      const osm::Way* way = data.FindWay(member.ref);
      if (way == nullptr || way->node_ids.size() < 4 || way->node_ids.front() != way->node_ids.back()) continue;
      bool complete = false;
      auto ring = Project(data, way->node_ids, complete);
      if (!complete) continue;
      if (member.role == "outer" && (rings.empty() || RingArea(ring) > RingArea(rings[largest])))
        largest = rings.size();
      rings.push_back(std::move(ring));
    }
    if (rings.empty()) continue;
    AddAreaLabel(into, relation.tags, rings[largest], place_area ? Layer::kGreen : layer, drawn);
    if (drawn) AddShape(into, layer, true, std::move(rings));
  }
  for (const auto& node : data.nodes) {
    const std::string_view place = TagValue(node.tags, "place");
    const std::string_view name = TagValue(node.tags, "name");
    if (name.empty() || !OneOf(place, {"suburb", "quarter", "neighbourhood", "village", "town", "locality"})) continue;
    LabelCandidate label;
    label.kind = LabelKind::kPlace;
    label.text = std::string(name);
    label.line = {ToPixel({node.lon, node.lat}, kBaseZoom)};
    label.min_zoom = OneOf(place, {"suburb", "town"}) ? 12 : 14;
    label.priority = 60;
    into.labels.push_back(std::move(label));
  }
}

double TextWidth(const std::string& text, double font_px) {
  double em = 0;
  for (std::size_t i = 0; i < text.size();) em += NextCodePoint(text, i) >= 0x2E80 ? 1.0 : 0.6;
  return em * font_px;
}

std::vector<PlacedLabel> PlaceLabels(const BaseMapData& data, int z) {
  const double scale = std::ldexp(1.0, z - kBaseZoom);
  std::vector<const LabelCandidate*> order;
  for (const auto& label : data.labels)
    if (label.min_zoom <= z && !label.text.empty()) order.push_back(&label);
  std::stable_sort(order.begin(), order.end(),
                   [](const LabelCandidate* a, const LabelCandidate* b) { return a->priority > b->priority; });
  std::vector<PlacedLabel> placed;
  // Where each road name was written, so a long street is named every 300 pixels, not on every piece.
  std::map<std::string, std::vector<Pixel>, std::less<>> road_names;
  const auto fits = [&placed](const Box& box) {
    return std::none_of(placed.begin(), placed.end(),
                        [&box](const PlacedLabel& other) { return other.box.Intersects(box); });
  };
  for (const LabelCandidate* candidate : order) {
    PlacedLabel label;
    label.kind = candidate->kind;
    label.text = candidate->text;
    label.font_px = candidate->kind == LabelKind::kPlace ? 14 : candidate->kind == LabelKind::kBuilding ? 11 : 12;
    const double width = TextWidth(label.text, label.font_px);
    const double margin = 3;
    if (candidate->line.size() == 1) {
      label.at = {candidate->line[0].x * scale, candidate->line[0].y * scale};
      label.box.Add({label.at.x - width / 2 - margin, label.at.y - label.font_px / 2 - margin});
      label.box.Add({label.at.x + width / 2 + margin, label.at.y + label.font_px / 2 + margin});
      if (!fits(label.box)) continue;
      placed.push_back(std::move(label));
      continue;
    }
    // A road: along its longest segment, when the name fits on it.
    std::size_t best = 0;
    double best_length = 0;
    for (std::size_t i = 0; i + 1 < candidate->line.size(); ++i) {
      const double length =
          std::hypot(candidate->line[i + 1].x - candidate->line[i].x, candidate->line[i + 1].y - candidate->line[i].y) *
          scale;
      if (length > best_length) {
        best_length = length;
        best = i;
      }
    }
    if (best_length < width + 8) continue;
    const Pixel a{candidate->line[best].x * scale, candidate->line[best].y * scale};
    const Pixel b{candidate->line[best + 1].x * scale, candidate->line[best + 1].y * scale};
    label.at = {(a.x + b.x) / 2, (a.y + b.y) / 2};
    double angle = std::atan2(b.y - a.y, b.x - a.x) * 180.0 / std::numbers::pi;
    if (angle > 90) angle -= 180;
    if (angle < -90) angle += 180;
    label.angle = angle;
    auto& seen = road_names[label.text];
    if (std::any_of(seen.begin(), seen.end(),
                    [&label](Pixel p) { return std::hypot(p.x - label.at.x, p.y - label.at.y) < 300; }))
      continue;
    const double radians = angle * std::numbers::pi / 180.0;
    const double half_w = std::abs(std::cos(radians)) * width / 2 + std::abs(std::sin(radians)) * label.font_px / 2;
    const double half_h = std::abs(std::sin(radians)) * width / 2 + std::abs(std::cos(radians)) * label.font_px / 2;
    label.box.Add({label.at.x - half_w - margin, label.at.y - half_h - margin});
    label.box.Add({label.at.x + half_w + margin, label.at.y + half_h + margin});
    if (!fits(label.box)) continue;
    seen.push_back(label.at);
    placed.push_back(std::move(label));
  }
  return placed;
}

}  // namespace youhao::basemap
