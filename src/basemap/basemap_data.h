#pragma once
/// What a base map draws, read from OpenStreetMap: water, green, buildings, waterways, railways,
/// roads and paths, and the names to write on them. Shapes are kept in world pixels at
/// kBaseZoom (Web Mercator), ready to be scaled to any lower zoom. Pure: no files, no database.
/// Data read from OpenStreetMap is © OpenStreetMap contributors (ODbL): keep the attribution.

#include <string>
#include <vector>

#include "basemap/tile_math.h"
#include "geo/geo.h"
#include "osm/osm_data.h"

namespace youhao::basemap {

/// The zoom shapes are stored at (about 0.46 m per pixel in Beijing); the most detailed tiles.
inline constexpr int kBaseZoom = 18;

/// Drawing order, bottom first.
enum class Layer { kGreen, kWater, kWaterway, kBuilding, kRail, kPath, kService, kMinorRoad, kMajorRoad };
inline constexpr int kLayerCount = 9;

struct Box {
  double min_x = 1e300, min_y = 1e300, max_x = -1e300, max_y = -1e300;
  void Add(Pixel p);
  bool Empty() const { return min_x > max_x; }
  bool Intersects(const Box& other) const {
    return !(other.min_x > max_x || other.max_x < min_x || other.min_y > max_y || other.max_y < min_y);
  }
};

struct Shape {
  Layer layer = Layer::kBuilding;
  /// Closed rings filled even-odd (areas), or one line per part.
  bool area = false;
  std::vector<std::vector<Pixel>> parts;
  Box box;
  /// The lowest zoom that draws it.
  int min_zoom = kBaseZoom;
};

enum class LabelKind { kPlace, kArea, kWater, kMajorRoad, kMinorRoad, kBuilding };

/// A name to write, before placement: at a point (areas, places) or along a line (roads).
struct LabelCandidate {
  LabelKind kind = LabelKind::kPlace;
  std::string text;
  /// One point for a point label; a road's line otherwise (world pixels at kBaseZoom).
  std::vector<Pixel> line;
  int min_zoom = kBaseZoom;
  /// Larger first when labels collide.
  int priority = 0;
};

struct BaseMapData {
  std::vector<Shape> shapes;
  std::vector<LabelCandidate> labels;
  /// What the data covers (the files' bounds where they say, else the shapes').
  geo::BoundingBox bounds;
};

/// The layer a way's or relation's tags draw on, and whether it is an area; false when the
/// base map does not draw it.
bool Classify(const std::vector<osm::Tag>& tags, bool closed, Layer& layer, bool& area);

/// Adds what `data` (indexed) draws to `into`. Ways and members outside the file are skipped.
void AddOsmData(const osm::OsmData& data, BaseMapData& into);

/// A label placed at one zoom: world pixels at that zoom, `angle` in degrees (0 = left to right,
/// clockwise positive, within ±90 so it always reads upright).
struct PlacedLabel {
  LabelKind kind = LabelKind::kPlace;
  std::string text;
  Pixel at;
  double angle = 0;
  double font_px = 12;
  Box box;  ///< what it covers, with a margin
};

/// The labels written at zoom `z`: candidates visible at z, highest priority first, each kept
/// only when it fits (a road name only along a segment as long as it) and overlaps no label
/// kept before it; a road's name at most once per 300 pixels.
std::vector<PlacedLabel> PlaceLabels(const BaseMapData& data, int z);

/// The width in pixels of `text` at `font_px` (CJK characters one em, others 0.6 em).
double TextWidth(const std::string& text, double font_px);

}  // namespace youhao::basemap
