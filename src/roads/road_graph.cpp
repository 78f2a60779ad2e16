#include "roads/road_graph.h"

#include <algorithm>
#include <numeric>

namespace youhao::roads {

std::string_view ProfileName(Profile profile) { return profile == Profile::kRide ? "ride" : "walk"; }

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

  // Strongly connected pieces (Kosaraju, iteratively): a point is only snapped where one can
  // both arrive and leave, so a one-way stub cut off at the extract's edge never traps a route.
  std::vector<std::uint32_t> order;
  order.reserve(n);
  std::vector<std::uint8_t> seen(n, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stack;  // node, next arc index
  for (std::uint32_t root = 0; root < n; ++root) {
    if (seen[root]) continue;
    seen[root] = 1;
    stack.push_back({root, out_begin[root]});
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next < out_begin[node + 1]) {
        const std::uint32_t head = out_arcs[next++].node;
        if (!seen[head]) {
          seen[head] = 1;
          stack.push_back({head, out_begin[head]});
        }
      } else {
        order.push_back(node);
        stack.pop_back();
      }
    }
  }
  constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::vector<std::uint32_t> piece(n, kNone);
  std::vector<std::uint32_t> piece_size;
  std::vector<std::uint32_t> pending;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (piece[*it] != kNone) continue;
    const auto id = static_cast<std::uint32_t>(piece_size.size());
    piece_size.push_back(0);
    piece[*it] = id;
    pending.push_back(*it);
    while (!pending.empty()) {
      const std::uint32_t node = pending.back();
      pending.pop_back();
      ++piece_size[id];
      for (std::uint32_t i = in_begin[node]; i < in_begin[node + 1]; ++i) {
        const std::uint32_t tail = in_arcs[i].node;
        if (piece[tail] == kNone) {
          piece[tail] = id;
          pending.push_back(tail);
        }
      }
    }
  }
  std::uint32_t largest = 0;
  for (std::uint32_t size : piece_size) largest = std::max(largest, size);
  const std::uint32_t threshold = std::min(min_piece_nodes, largest);
  routable.assign(n, 0);
  for (std::uint32_t node = 0; node < n; ++node) {
    const bool has_arcs = out_begin[node] != out_begin[node + 1] || in_begin[node] != in_begin[node + 1];
    routable[node] = has_arcs && piece_size[piece[node]] >= threshold ? 1 : 0;
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
