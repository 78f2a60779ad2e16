#include "roads/road_router.h"

#include <algorithm>
#include <cmath>
#include <queue>

namespace youhao::roads {

namespace {

using HeapEntry = std::pair<Deciseconds, std::uint32_t>;

/// A min-heap of (time, node) with lazy deletion: stale entries are skipped when popped.
class MinHeap {
 public:
  void Clear() { entries_.clear(); }
  bool Empty() const { return entries_.empty(); }
  Deciseconds TopTime() const { return entries_.front().first; }
  void Push(Deciseconds time, std::uint32_t node) {
    entries_.push_back({time, node});
    std::push_heap(entries_.begin(), entries_.end(), std::greater<>());
  }
  HeapEntry Pop() {
    std::pop_heap(entries_.begin(), entries_.end(), std::greater<>());
    const HeapEntry top = entries_.back();
    entries_.pop_back();
    return top;
  }

 private:
  std::vector<HeapEntry> entries_;
};

constexpr std::uint32_t kNoParent = 0xFFFFFFFFu;

Deciseconds Scaled(Deciseconds time, double fraction) {
  return static_cast<Deciseconds>(std::lround(time * std::clamp(fraction, 0.0, 1.0)));
}

}  // namespace

/// Per-query state, sized to the graph once; reset by walking the touched nodes only.
struct RoadRouter::Workspace {
  explicit Workspace(std::uint32_t n)
      : forward(n, kUnreachable),
        backward(n, kUnreachable),
        forward_parent(n, kNoParent),
        backward_parent(n, kNoParent) {}

  void Reset() {
    for (std::uint32_t node : forward_touched) {
      forward[node] = kUnreachable;
      forward_parent[node] = kNoParent;
    }
    for (std::uint32_t node : backward_touched) {
      backward[node] = kUnreachable;
      backward_parent[node] = kNoParent;
    }
    forward_touched.clear();
    backward_touched.clear();
    forward_heap.Clear();
    backward_heap.Clear();
  }

  std::vector<Deciseconds> forward, backward;
  std::vector<std::uint32_t> forward_parent, backward_parent;
  std::vector<std::uint32_t> forward_touched, backward_touched;
  MinHeap forward_heap, backward_heap;
};

RoadRouter::RoadRouter(const RoadGraph& graph, const ContractionHierarchy& hierarchy)
    : graph_(graph), hierarchy_(hierarchy) {}

RoadRouter::~RoadRouter() = default;

std::unique_ptr<RoadRouter::Workspace> RoadRouter::Acquire() const {
  {
    std::lock_guard lock(pool_mutex_);
    if (!pool_.empty()) {
      auto workspace = std::move(pool_.back());
      pool_.pop_back();
      return workspace;
    }
  }
  return std::make_unique<Workspace>(graph_.NodeCount());
}

void RoadRouter::Release(std::unique_ptr<Workspace> workspace) const {
  workspace->Reset();
  std::lock_guard lock(pool_mutex_);
  pool_.push_back(std::move(workspace));
}

std::optional<NodeRoute> RoadRouter::RouteNodes(std::uint32_t source, std::uint32_t target, bool with_nodes) const {
  if (source >= graph_.NodeCount() || target >= graph_.NodeCount()) return std::nullopt;
  const Seed from[] = {{source, 0}};
  const Seed to[] = {{target, 0}};
  return RouteSeeds(from, to, with_nodes, nullptr, nullptr);
}

std::optional<NodeRoute> RoadRouter::RouteSeeds(std::span<const Seed> sources, std::span<const Seed> targets,
                                                bool with_nodes, std::uint32_t* first, std::uint32_t* last) const {
  auto workspace = Acquire();
  Workspace& w = *workspace;
  for (const Seed& seed : sources) {
    if (seed.time < w.forward[seed.node]) {
      if (w.forward[seed.node] == kUnreachable) w.forward_touched.push_back(seed.node);
      w.forward[seed.node] = seed.time;
      w.forward_heap.Push(seed.time, seed.node);
    }
  }
  for (const Seed& seed : targets) {
    if (seed.time < w.backward[seed.node]) {
      if (w.backward[seed.node] == kUnreachable) w.backward_touched.push_back(seed.node);
      w.backward[seed.node] = seed.time;
      w.backward_heap.Push(seed.time, seed.node);
    }
  }

  Deciseconds best = kUnreachable;
  std::uint32_t meet = kNoParent;
  bool forward_turn = true;
  const auto& rank = hierarchy_.rank;
  (void)rank;
  while (true) {
    if (!w.forward_heap.Empty() && w.forward_heap.TopTime() >= best) w.forward_heap.Clear();
    if (!w.backward_heap.Empty() && w.backward_heap.TopTime() >= best) w.backward_heap.Clear();
    if (w.forward_heap.Empty() && w.backward_heap.Empty()) break;
    if (w.forward_heap.Empty()) forward_turn = false;
    if (w.backward_heap.Empty()) forward_turn = true;

    MinHeap& heap = forward_turn ? w.forward_heap : w.backward_heap;
    std::vector<Deciseconds>& mine = forward_turn ? w.forward : w.backward;
    std::vector<Deciseconds>& other = forward_turn ? w.backward : w.forward;
    std::vector<std::uint32_t>& parent = forward_turn ? w.forward_parent : w.backward_parent;
    std::vector<std::uint32_t>& touched = forward_turn ? w.forward_touched : w.backward_touched;
    const auto [time, node] = heap.Pop();
    const bool was_forward = forward_turn;
    forward_turn = !forward_turn;
    if (time != mine[node]) continue;
    if (other[node] != kUnreachable && time + other[node] < best) {
      best = time + other[node];
      meet = node;
    }
    const std::uint32_t begin = hierarchy_.up_begin[node];
    const std::uint32_t end = hierarchy_.up_begin[node + 1];
    // Stall on demand: a higher node already reached more cheaply proves this label is not on
    // a shortest path, so its arcs need not be relaxed.
    bool stalled = false;
    for (std::uint32_t i = begin; i < end && !stalled; ++i) {
      const UpwardArc& arc = hierarchy_.up_arcs[i];
      const bool opposite = was_forward ? arc.backward : arc.forward;
      if (opposite && mine[arc.node] != kUnreachable && mine[arc.node] + arc.time < time) stalled = true;
    }
    if (stalled) continue;
    for (std::uint32_t i = begin; i < end; ++i) {
      const UpwardArc& arc = hierarchy_.up_arcs[i];
      if (!(was_forward ? arc.forward : arc.backward)) continue;
      const Deciseconds candidate = time + arc.time;
      if (candidate < mine[arc.node]) {
        if (mine[arc.node] == kUnreachable) touched.push_back(arc.node);
        mine[arc.node] = candidate;
        parent[arc.node] = node;
        heap.Push(candidate, arc.node);
      }
    }
  }

  std::optional<NodeRoute> result;
  if (meet != kNoParent) {
    result.emplace();
    result->time = best;
    if (with_nodes || first != nullptr || last != nullptr) {
      std::vector<std::uint32_t> up;  // meet back to the source, in the hierarchy
      for (std::uint32_t node = meet; node != kNoParent; node = w.forward_parent[node]) up.push_back(node);
      std::reverse(up.begin(), up.end());
      std::vector<std::uint32_t> down;  // meet on to the target
      for (std::uint32_t node = meet; node != kNoParent; node = w.backward_parent[node]) down.push_back(node);
      if (first != nullptr) *first = up.front();
      if (last != nullptr) *last = down.back();
      if (with_nodes) {
        result->nodes.push_back(up.front());
        for (std::size_t i = 1; i < up.size(); ++i) Unpack(up[i - 1], up[i], result->nodes);
        for (std::size_t i = 1; i < down.size(); ++i) Unpack(down[i - 1], down[i], result->nodes);
        for (std::size_t i = 1; i < result->nodes.size(); ++i) {
          if (const Arc* arc = graph_.FindArc(result->nodes[i - 1], result->nodes[i])) result->metres += arc->metres;
        }
      }
    }
  }
  Release(std::move(workspace));
  return result;
}

void RoadRouter::Unpack(std::uint32_t from, std::uint32_t to, std::vector<std::uint32_t>& nodes) const {
  // An explicit stack of arcs still to expand, last pushed = next on the path.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stack{{from, to}};
  while (!stack.empty()) {
    const auto [x, y] = stack.back();
    stack.pop_back();
    const bool x_lower = hierarchy_.rank[x] < hierarchy_.rank[y];
    const std::uint32_t lower = x_lower ? x : y;
    const std::uint32_t higher = x_lower ? y : x;
    const UpwardArc* best = nullptr;
    for (std::uint32_t i = hierarchy_.up_begin[lower]; i < hierarchy_.up_begin[lower + 1]; ++i) {
      const UpwardArc& arc = hierarchy_.up_arcs[i];
      if (arc.node == higher && (x_lower ? arc.forward : arc.backward) && (best == nullptr || arc.time < best->time)) {
        best = &arc;
      }
    }
    if (best == nullptr || best->middle == kNoMiddle) {
      nodes.push_back(y);
    } else {
      stack.push_back({best->middle, y});
      stack.push_back({x, best->middle});
    }
  }
}

std::vector<Seed> RoadRouter::SeedsFor(const SnappedPoint& point, bool outgoing) const {
  std::vector<Seed> seeds;
  const Arc* a_to_b = graph_.FindArc(point.a, point.b);
  const Arc* b_to_a = graph_.FindArc(point.b, point.a);
  if (outgoing) {
    if (a_to_b != nullptr) seeds.push_back({point.b, Scaled(a_to_b->time, 1 - point.t)});
    if (b_to_a != nullptr) seeds.push_back({point.a, Scaled(b_to_a->time, point.t)});
  } else {
    if (a_to_b != nullptr) seeds.push_back({point.a, Scaled(a_to_b->time, point.t)});
    if (b_to_a != nullptr) seeds.push_back({point.b, Scaled(b_to_a->time, 1 - point.t)});
  }
  return seeds;
}

std::optional<PointRoute> RoadRouter::Route(const SnappedPoint& from, const SnappedPoint& to) const {
  const auto position = [this](std::uint32_t node) { return graph_.positions[node]; };
  const auto segment_metres = [&](std::uint32_t a, std::uint32_t b, double fraction) {
    const Arc* arc = graph_.FindArc(a, b);
    if (arc == nullptr) arc = graph_.FindArc(b, a);
    return arc == nullptr ? 0.0 : arc->metres * std::clamp(fraction, 0.0, 1.0);
  };

  std::optional<PointRoute> direct;
  const bool same_segment = (from.a == to.a && from.b == to.b);
  if (same_segment) {
    const Arc* a_to_b = graph_.FindArc(from.a, from.b);
    const Arc* b_to_a = graph_.FindArc(from.b, from.a);
    if ((to.t >= from.t && a_to_b != nullptr) || (to.t <= from.t && b_to_a != nullptr)) {
      const Arc* arc = to.t >= from.t ? a_to_b : b_to_a;
      direct = PointRoute{Scaled(arc->time, std::abs(to.t - from.t)),
                          arc->metres * std::abs(to.t - from.t),
                          {from.on_road, to.on_road}};
    }
  }

  const std::vector<Seed> sources = SeedsFor(from, true);
  const std::vector<Seed> targets = SeedsFor(to, false);
  std::uint32_t first = 0, last = 0;
  std::optional<NodeRoute> nodes = RouteSeeds(sources, targets, true, &first, &last);
  if (!nodes) return direct;
  if (direct && direct->time <= nodes->time) return direct;

  PointRoute route;
  route.time = nodes->time;
  route.metres = nodes->metres;
  route.path.push_back(from.on_road);
  route.metres += first == from.b ? segment_metres(from.a, from.b, 1 - from.t) : segment_metres(from.a, from.b, from.t);
  for (std::uint32_t node : nodes->nodes) route.path.push_back(position(node));
  route.metres += last == to.a ? segment_metres(to.a, to.b, to.t) : segment_metres(to.a, to.b, 1 - to.t);
  route.path.push_back(to.on_road);
  return route;
}

void RoadRouter::Explore(std::span<const Seed> seeds, Deciseconds limit, bool reverse,
                         const std::function<bool(std::uint32_t, Deciseconds)>& visit) const {
  auto workspace = Acquire();
  Workspace& w = *workspace;
  for (const Seed& seed : seeds) {
    if (seed.node < graph_.NodeCount() && seed.time <= limit && seed.time < w.forward[seed.node]) {
      if (w.forward[seed.node] == kUnreachable) w.forward_touched.push_back(seed.node);
      w.forward[seed.node] = seed.time;
      w.forward_heap.Push(seed.time, seed.node);
    }
  }
  const std::vector<std::uint32_t>& begin = reverse ? graph_.in_begin : graph_.out_begin;
  const std::vector<Arc>& arcs = reverse ? graph_.in_arcs : graph_.out_arcs;
  while (!w.forward_heap.Empty()) {
    const auto [time, node] = w.forward_heap.Pop();
    if (time != w.forward[node]) continue;
    if (!visit(node, time)) break;
    for (std::uint32_t i = begin[node]; i < begin[node + 1]; ++i) {
      const Arc& arc = arcs[i];
      const Deciseconds candidate = time + arc.time;
      if (candidate <= limit && candidate < w.forward[arc.node]) {
        if (w.forward[arc.node] == kUnreachable) w.forward_touched.push_back(arc.node);
        w.forward[arc.node] = candidate;
        w.forward_heap.Push(candidate, arc.node);
      }
    }
  }
  Release(std::move(workspace));
}

std::vector<Reached> RoadRouter::Isochrone(std::span<const Seed> seeds, Deciseconds limit, bool reverse) const {
  std::vector<Reached> reached;
  Explore(seeds, limit, reverse, [&reached](std::uint32_t node, Deciseconds time) {
    reached.push_back({node, time});
    return true;
  });
  return reached;
}

void RoadRouter::TimesWithin(std::span<const Seed> seeds, Deciseconds limit, bool reverse,
                             std::vector<Deciseconds>& times) const {
  times.assign(graph_.NodeCount(), kUnreachable);
  Explore(seeds, limit, reverse, [&times](std::uint32_t node, Deciseconds time) {
    times[node] = time;
    return true;
  });
}

}  // namespace youhao::roads
