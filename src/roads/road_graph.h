#pragma once
/// A city's road network as two directed graphs, one for riding an e-bike and one for walking,
/// with travel times. Built from OpenStreetMap (road_import.h), contracted for fast queries
/// (contraction.h), stored in one binary file (road_file.h) and queried by RoadRouter. Nothing
/// here knows about HTTP or databases. Data from OpenStreetMap is © OpenStreetMap contributors.

#include <cstdint>
#include <string_view>
#include <vector>

#include "geo/geo.h"

namespace youhao::roads {

/// How the worker moves. Riding an e-bike (a non-motor vehicle in China, so `bicycle` tags
/// apply) follows one-ways and keeps off footways and steps; walking goes anywhere people walk.
enum class Profile : std::uint8_t { kRide = 0, kWalk = 1 };
inline constexpr int kProfileCount = 2;
std::string_view ProfileName(Profile profile);  ///< "ride" / "walk"

/// Travel time unit: tenths of a second, so that sums of many short edges stay exact.
using Deciseconds = std::uint32_t;
inline constexpr Deciseconds kUnreachable = 0xFFFFFFFFu;

/// One directed arc of the base graph. In `in_arcs` the `node` is the arc's tail.
struct Arc {
  std::uint32_t node = 0;
  Deciseconds time = 0;
  float metres = 0;
};

/// A directed graph in compressed sparse rows, forward and backward.
struct RoadGraph {
  Profile profile = Profile::kRide;
  std::vector<geo::LonLat> positions;    ///< per node
  std::vector<long long> osm_ids;        ///< per node: the OpenStreetMap node it came from
  std::vector<std::uint32_t> out_begin;  ///< size nodes + 1; arcs of node n are [out_begin[n], out_begin[n+1])
  std::vector<Arc> out_arcs;
  std::vector<std::uint32_t> in_begin;
  std::vector<Arc> in_arcs;
  /// Per node: true when it belongs to a strongly connected piece big enough to route in (not an
  /// island of a few ways, or a one-way stub cut off at the extract's edge, where a route could
  /// arrive but never leave).
  std::vector<std::uint8_t> routable;

  std::uint32_t NodeCount() const { return static_cast<std::uint32_t>(positions.size()); }
  std::size_t ArcCount() const { return out_arcs.size(); }

  /// Builds both CSR directions from an arc list (tail, arc) and marks `routable` nodes: those in
  /// strongly connected pieces of at least `min_piece_nodes` nodes (or the largest piece).
  struct Edge {
    std::uint32_t tail;
    Arc arc;
  };
  void Assign(std::vector<geo::LonLat> node_positions, std::vector<long long> node_osm_ids, std::vector<Edge> edges,
              std::uint32_t min_piece_nodes = 50);

  /// The fastest arc from `tail` to `head`, or nullptr.
  const Arc* FindArc(std::uint32_t tail, std::uint32_t head) const;
};

}  // namespace youhao::roads
