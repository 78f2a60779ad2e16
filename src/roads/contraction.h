#pragma once
/// Contraction hierarchies (Geisberger et al. 2008): nodes are ranked, and each node keeps the
/// arcs to higher-ranked nodes, including shortcuts that stand for a path through lower-ranked
/// ones. A point-to-point query then searches upward from both ends and touches a few hundred
/// nodes instead of a city.

#include <cstdint>
#include <vector>

#include "roads/road_graph.h"

namespace youhao::roads {

inline constexpr std::uint32_t kNoMiddle = 0xFFFFFFFFu;

/// An arc between a node and a higher-ranked one. `forward`: the arc runs node → `node`;
/// `backward`: it runs `node` → node. Both when the two directions have the same time.
struct UpwardArc {
  std::uint32_t node = 0;
  Deciseconds time = 0;
  std::uint32_t middle = kNoMiddle;  ///< for a shortcut, the node it passes through
  std::uint8_t forward = 0;
  std::uint8_t backward = 0;
};

struct ContractionHierarchy {
  std::vector<std::uint32_t> rank;      ///< per node; 0 = contracted first
  std::vector<std::uint32_t> up_begin;  ///< size nodes + 1
  std::vector<UpwardArc> up_arcs;
  std::size_t shortcut_count = 0;
};

/// Contracts every node of `graph` (edge-difference order with lazy updates, witness searches
/// bounded in settled nodes). Deterministic for a given graph.
ContractionHierarchy Contract(const RoadGraph& graph);

}  // namespace youhao::roads
