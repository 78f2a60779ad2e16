#include "roads/road_snapper.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace youhao::roads {

RoadSnapper::RoadSnapper(const RoadGraph& graph, double cell_metres) : graph_(graph), cell_metres_(cell_metres) {
  std::vector<Segment> unique;
  for (std::uint32_t tail = 0; tail < graph.NodeCount(); ++tail) {
    if (!graph.routable[tail]) continue;
    for (std::uint32_t i = graph.out_begin[tail]; i < graph.out_begin[tail + 1]; ++i) {
      const std::uint32_t head = graph.out_arcs[i].node;
      if (!graph.routable[head]) continue;
      // A two-way road appears once, from its lower node.
      if (head < tail && graph.FindArc(head, tail) != nullptr) continue;
      unique.push_back({tail, head});
      box_.Add(graph.positions[tail]);
      box_.Add(graph.positions[head]);
    }
  }
  if (box_.Empty()) {
    cell_begin_.assign(2, 0);
    return;
  }
  const double mid_lat = (box_.min_lat + box_.max_lat) / 2 * std::numbers::pi / 180;
  metres_per_degree_lat_ = 111195.0;
  metres_per_degree_lon_ = 111195.0 * std::cos(mid_lat);
  columns_ = std::max(1, static_cast<int>((box_.max_lon - box_.min_lon) * metres_per_degree_lon_ / cell_metres_) + 1);
  rows_ = std::max(1, static_cast<int>((box_.max_lat - box_.min_lat) * metres_per_degree_lat_ / cell_metres_) + 1);
  const auto column_of = [&](double lon) {
    return std::clamp(static_cast<int>((lon - box_.min_lon) * metres_per_degree_lon_ / cell_metres_), 0, columns_ - 1);
  };
  const auto row_of = [&](double lat) {
    return std::clamp(static_cast<int>((lat - box_.min_lat) * metres_per_degree_lat_ / cell_metres_), 0, rows_ - 1);
  };
  std::vector<std::pair<std::int64_t, Segment>> keyed;
  for (const Segment& segment : unique) {
    const geo::LonLat p = graph.positions[segment.a];
    const geo::LonLat q = graph.positions[segment.b];
    for (int row = row_of(std::min(p.lat, q.lat)); row <= row_of(std::max(p.lat, q.lat)); ++row) {
      for (int column = column_of(std::min(p.lon, q.lon)); column <= column_of(std::max(p.lon, q.lon)); ++column) {
        keyed.push_back({CellKey(column, row), segment});
      }
    }
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  cell_begin_.assign(static_cast<std::size_t>(columns_) * rows_ + 1, 0);
  for (const auto& entry : keyed) ++cell_begin_[entry.first + 1];
  for (std::size_t i = 1; i < cell_begin_.size(); ++i) cell_begin_[i] += cell_begin_[i - 1];
  segments_.reserve(keyed.size());
  for (const auto& entry : keyed) segments_.push_back(entry.second);
}

std::optional<SnappedPoint> RoadSnapper::Snap(geo::LonLat point, double max_metres) const {
  if (segments_.empty() || !box_.Contains(point, max_metres / metres_per_degree_lat_ * 2)) return std::nullopt;
  const auto to_xy = [&](geo::LonLat p) {
    return geo::Xy{(p.lon - point.lon) * metres_per_degree_lon_, (p.lat - point.lat) * metres_per_degree_lat_};
  };
  const double fx = (point.lon - box_.min_lon) * metres_per_degree_lon_ / cell_metres_;
  const double fy = (point.lat - box_.min_lat) * metres_per_degree_lat_ / cell_metres_;
  const int centre_column = static_cast<int>(std::floor(fx));
  const int centre_row = static_cast<int>(std::floor(fy));
  const int max_ring = static_cast<int>(std::ceil(max_metres / cell_metres_)) + 1;

  std::optional<SnappedPoint> best;
  for (int ring = 0; ring <= max_ring; ++ring) {
    // Everything in rings beyond this one is at least (ring - 1) cells away.
    if (best && best->distance_metres < (ring - 1) * cell_metres_) break;
    for (int row = centre_row - ring; row <= centre_row + ring; ++row) {
      if (row < 0 || row >= rows_) continue;
      const bool edge_row = row == centre_row - ring || row == centre_row + ring;
      for (int column = centre_column - ring; column <= centre_column + ring; column += edge_row ? 1 : 2 * ring) {
        if (column >= 0 && column < columns_) {
          const auto key = CellKey(column, row);
          for (std::uint32_t i = cell_begin_[key]; i < cell_begin_[key + 1]; ++i) {
            const Segment& segment = segments_[i];
            const geo::Projected projected =
                geo::ProjectOnSegment({0, 0}, to_xy(graph_.positions[segment.a]), to_xy(graph_.positions[segment.b]));
            if (projected.distance <= max_metres && (!best || projected.distance < best->distance_metres)) {
              best = SnappedPoint{segment.a, segment.b, projected.t,
                                  geo::LonLat{point.lon + projected.point.x / metres_per_degree_lon_,
                                              point.lat + projected.point.y / metres_per_degree_lat_},
                                  projected.distance};
            }
          }
        }
        if (ring == 0) break;
      }
    }
  }
  return best;
}

}  // namespace youhao::roads
