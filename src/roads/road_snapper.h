#pragma once
/// Finds the road nearest to a point: a uniform grid over the graph's segments (both directions
/// of a two-way road are one segment), searched ring by ring outwards.

#include <cstdint>
#include <optional>
#include <vector>

#include "geo/geo.h"
#include "roads/road_graph.h"

namespace youhao::roads {

/// A point placed on a road segment a–b, at fraction `t` of the way from a to b.
struct SnappedPoint {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  double t = 0;
  geo::LonLat on_road;
  double distance_metres = 0;  ///< from the asked point to `on_road`
};

class RoadSnapper {
 public:
  /// Snap only to routable nodes' segments (RoadGraph::routable).
  explicit RoadSnapper(const RoadGraph& graph, double cell_metres = 250);

  /// The nearest point on a routable segment within `max_metres`, or nullopt.
  std::optional<SnappedPoint> Snap(geo::LonLat point, double max_metres) const;

 private:
  struct Segment {
    std::uint32_t a, b;
  };
  std::int64_t CellKey(int column, int row) const { return static_cast<std::int64_t>(row) * columns_ + column; }

  const RoadGraph& graph_;
  geo::BoundingBox box_;
  double cell_metres_;
  double metres_per_degree_lon_ = 1;
  double metres_per_degree_lat_ = 1;
  int columns_ = 1, rows_ = 1;
  std::vector<std::uint32_t> cell_begin_;  ///< columns * rows + 1
  std::vector<Segment> segments_;          ///< sorted by cell; a segment is in every cell its box touches
};

}  // namespace youhao::roads
