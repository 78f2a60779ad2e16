#include "roads/road_graph.h"

#include <algorithm>
#include <numeric>

namespace youhao::roads {

std::string_view ProfileName(Profile profile) { return profile == Profile::kRide ? "ride" : "walk"; }

namespace {

std::uint32_t FindRoot(std::vector<std::uint32_t>& parent, std::uint32_t node) {
  while (parent[node] != node) {
    parent[node] = parent[parent[node]];
    node = parent[node];
  }
  return node;
}

}  // namespace

void RoadGraph::Assign(std::vector<geo::LonLat> node_positions, std::vector<long long> node_osm_ids,
                       std::vector<Edge> edges, std::uint32_t min_piece_nodes) {
  positions = std::move(node_positions);
  osm_ids = std::move(node_osm_ids);
  const std::uint32_t n = NodeCount();

  out_begin.assign(n + 1, 0);
  in_begin.assign(n + 1, 0);
  for (const Edge& edge : edges) {
    ++out_begin[edge.tail + 1];
    ++in_begin[edge.arc.node + 1];
  }
  std::partial_sum(out_begin.begin(), out_begin.end(), out_begin.begin());
  std::partial_sum(in_begin.begin(), in_begin.end(), in_begin.begin());
  out_arcs.assign(edges.size(), {});
  in_arcs.assign(edges.size(), {});
  std::vector<std::uint32_t> out_fill(out_begin.begin(), out_begin.end() - 1);
  std::vector<std::uint32_t> in_fill(in_begin.begin(), in_begin.end() - 1);
  for (const Edge& edge : edges) {
    out_arcs[out_fill[edge.tail]++] = edge.arc;
    in_arcs[in_fill[edge.arc.node]++] = Arc{edge.tail, edge.arc.time, edge.arc.metres};
  }

  std::vector<std::uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  for (const Edge& edge : edges) {
    const std::uint32_t a = FindRoot(parent, edge.tail);
    const std::uint32_t b = FindRoot(parent, edge.arc.node);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<std::uint32_t> piece_size(n, 0);
  std::uint32_t largest = 0;
  for (std::uint32_t node = 0; node < n; ++node) largest = std::max(largest, ++piece_size[FindRoot(parent, node)]);
  const std::uint32_t threshold = std::min(min_piece_nodes, largest);
  routable.assign(n, 0);
  for (std::uint32_t node = 0; node < n; ++node) {
    const bool has_arcs = out_begin[node] != out_begin[node + 1] || in_begin[node] != in_begin[node + 1];
    routable[node] = has_arcs && piece_size[FindRoot(parent, node)] >= threshold ? 1 : 0;
  }
}

const Arc* RoadGraph::FindArc(std::uint32_t tail, std::uint32_t head) const {
  const Arc* best = nullptr;
  for (std::uint32_t i = out_begin[tail]; i < out_begin[tail + 1]; ++i) {
    if (out_arcs[i].node == head && (best == nullptr || out_arcs[i].time < best->time)) best = &out_arcs[i];
  }
  return best;
}

}  // namespace youhao::roads
