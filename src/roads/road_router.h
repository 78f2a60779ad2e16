#pragma once
/// Queries on one profile's road graph: point-to-point routes on the contraction hierarchy, and
/// bounded searches on the base graph (isochrones, "nearest by road", coverage). Thread-safe:
/// each query borrows a workspace from a pool, so concurrent queries never share state.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "roads/contraction.h"
#include "roads/road_graph.h"
#include "roads/road_snapper.h"

namespace youhao::roads {

/// A search start (or end) with the time already spent reaching that node.
struct Seed {
  std::uint32_t node = 0;
  Deciseconds time = 0;
};

struct NodeRoute {
  Deciseconds time = 0;
  double metres = 0;
  std::vector<std::uint32_t> nodes;  ///< base-graph nodes from source to target (when asked for)
};

struct PointRoute {
  Deciseconds time = 0;
  double metres = 0;
  std::vector<geo::LonLat> path;  ///< from the snapped start along the roads to the snapped end
};

struct Reached {
  std::uint32_t node = 0;
  Deciseconds time = 0;
};

class RoadRouter {
 public:
  RoadRouter(const RoadGraph& graph, const ContractionHierarchy& hierarchy);
  ~RoadRouter();

  const RoadGraph& graph() const { return graph_; }

  /// Fastest route between two nodes on the hierarchy; nullopt when unreachable. With
  /// `with_nodes`, unpacks the shortcuts into the base-graph node sequence and sums metres.
  std::optional<NodeRoute> RouteNodes(std::uint32_t source, std::uint32_t target, bool with_nodes) const;

  /// Fastest route between two snapped points (partial segments included).
  std::optional<PointRoute> Route(const SnappedPoint& from, const SnappedPoint& to) const;

  /// Seeds for leaving (`outgoing`) or reaching (!outgoing) a snapped point, honouring one-ways.
  std::vector<Seed> SeedsFor(const SnappedPoint& point, bool outgoing) const;

  /// Plain Dijkstra on the base graph from the seeds (along arcs, or against them when
  /// `reverse`, i.e. times *to* the seeds), settling nodes in time order up to `limit`. `visit`
  /// is called once per settled node and may return false to stop.
  void Explore(std::span<const Seed> seeds, Deciseconds limit, bool reverse,
               const std::function<bool(std::uint32_t node, Deciseconds time)>& visit) const;

  /// Every node reachable within `limit` (an isochrone), in settle order.
  std::vector<Reached> Isochrone(std::span<const Seed> seeds, Deciseconds limit, bool reverse = false) const;

  /// For every node, the time to the nearest seed when `reverse` (from it when not), capped at
  /// `limit` (kUnreachable beyond). Writes into `times` (resized to the node count).
  void TimesWithin(std::span<const Seed> seeds, Deciseconds limit, bool reverse, std::vector<Deciseconds>& times) const;

 private:
  struct Workspace;
  std::unique_ptr<Workspace> Acquire() const;
  void Release(std::unique_ptr<Workspace> workspace) const;
  std::optional<NodeRoute> RouteSeeds(std::span<const Seed> sources, std::span<const Seed> targets, bool with_nodes,
                                      std::uint32_t* first, std::uint32_t* last) const;
  void Unpack(std::uint32_t from, std::uint32_t to, std::vector<std::uint32_t>& nodes) const;

  const RoadGraph& graph_;
  const ContractionHierarchy& hierarchy_;
  mutable std::mutex pool_mutex_;
  mutable std::vector<std::unique_ptr<Workspace>> pool_;
};

}  // namespace youhao::roads
