#include "roads/contraction.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <queue>
#include <utility>

namespace youhao::roads {
namespace {

struct DynamicArc {
  std::uint32_t node;
  Deciseconds time;
  std::uint32_t middle;
};

/// The graph while it is being contracted: remaining arcs only, both directions per node.
class Contractor {
 public:
  explicit Contractor(const RoadGraph& graph) : out_(graph.NodeCount()), in_(graph.NodeCount()) {
    const std::uint32_t n = graph.NodeCount();
    for (std::uint32_t tail = 0; tail < n; ++tail) {
      for (std::uint32_t i = graph.out_begin[tail]; i < graph.out_begin[tail + 1]; ++i) {
        const Arc& arc = graph.out_arcs[i];
        if (arc.node != tail) AddOrImprove(tail, arc.node, arc.time, kNoMiddle);
      }
    }
    distance_.assign(n, kUnreachable);
    target_stamp_.assign(n, 0);
    contracted_.assign(n, 0);
    deleted_neighbours_.assign(n, 0);
  }

  ContractionHierarchy Run() {
    const auto n = static_cast<std::uint32_t>(out_.size());
    ContractionHierarchy result;
    result.rank.assign(n, 0);
    std::vector<std::vector<UpwardArc>> upward(n);

    using Entry = std::pair<int, std::uint32_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    std::vector<int> current(n);  // each node's latest key; older queue entries are stale
    for (std::uint32_t node = 0; node < n; ++node) {
      current[node] = Priority(node);
      queue.push({current[node], node});
    }

    std::uint32_t next_rank = 0;
    std::vector<Shortcut> shortcuts;
    std::vector<std::uint32_t> neighbours;
    while (!queue.empty()) {
      const auto [priority, node] = queue.top();
      queue.pop();
      if (contracted_[node] || priority != current[node]) continue;
      const int fresh = Priority(node);
      if (!queue.empty() && fresh > queue.top().first) {
        current[node] = fresh;
        queue.push({fresh, node});
        continue;
      }
      shortcuts.clear();
      FindShortcuts(node, kContractSettleLimit, shortcuts);
      for (const DynamicArc& arc : out_[node]) upward[node].push_back({arc.node, arc.time, arc.middle, 1, 0});
      for (const DynamicArc& arc : in_[node]) upward[node].push_back({arc.node, arc.time, arc.middle, 0, 1});
      for (const Shortcut& shortcut : shortcuts) {
        if (AddOrImprove(shortcut.from, shortcut.to, shortcut.time, node)) ++result.shortcut_count;
      }
      for (const DynamicArc& arc : out_[node]) {
        Erase(in_[arc.node], node);
        ++deleted_neighbours_[arc.node];
      }
      for (const DynamicArc& arc : in_[node]) {
        Erase(out_[arc.node], node);
        ++deleted_neighbours_[arc.node];
      }
      out_[node].clear();
      out_[node].shrink_to_fit();
      in_[node].clear();
      in_[node].shrink_to_fit();
      contracted_[node] = 1;
      result.rank[node] = next_rank++;
      // The neighbours' priorities changed with this contraction: update them now.
      neighbours.clear();
      for (const UpwardArc& arc : upward[node]) neighbours.push_back(arc.node);
      std::sort(neighbours.begin(), neighbours.end());
      neighbours.erase(std::unique(neighbours.begin(), neighbours.end()), neighbours.end());
      for (std::uint32_t neighbour : neighbours) {
        if (contracted_[neighbour]) continue;
        current[neighbour] = Priority(neighbour);
        queue.push({current[neighbour], neighbour});
      }
    }

    result.up_begin.assign(n + 1, 0);
    for (std::uint32_t node = 0; node < n; ++node) {
      MergeDirections(upward[node]);
      result.up_begin[node + 1] = result.up_begin[node] + static_cast<std::uint32_t>(upward[node].size());
    }
    result.up_arcs.reserve(result.up_begin[n]);
    for (std::uint32_t node = 0; node < n; ++node) {
      result.up_arcs.insert(result.up_arcs.end(), upward[node].begin(), upward[node].end());
    }
    return result;
  }

 private:
  static constexpr std::uint32_t kSimulateSettleLimit = 60;
  static constexpr std::uint32_t kContractSettleLimit = 400;
  static constexpr std::size_t kSimulatePairLimit = 400;

  struct Shortcut {
    std::uint32_t from, to;
    Deciseconds time;
  };

  static void Erase(std::vector<DynamicArc>& arcs, std::uint32_t node) {
    std::erase_if(arcs, [node](const DynamicArc& arc) { return arc.node == node; });
  }

  /// Adds tail → head or lowers its time; true when a new arc was added.
  bool AddOrImprove(std::uint32_t tail, std::uint32_t head, Deciseconds time, std::uint32_t middle) {
    for (DynamicArc& arc : out_[tail]) {
      if (arc.node == head) {
        if (time < arc.time) {
          arc = {head, time, middle};
          for (DynamicArc& back : in_[head]) {
            if (back.node == tail) back = {tail, time, middle};
          }
        }
        return false;
      }
    }
    out_[tail].push_back({head, time, middle});
    in_[head].push_back({tail, time, middle});
    return true;
  }

  /// A node's upward arcs to the same neighbour in both directions with equal time become one.
  static void MergeDirections(std::vector<UpwardArc>& arcs) {
    std::sort(arcs.begin(), arcs.end(), [](const UpwardArc& a, const UpwardArc& b) {
      return std::tie(a.node, a.time, a.middle) < std::tie(b.node, b.time, b.middle);
    });
    std::vector<UpwardArc> merged;
    merged.reserve(arcs.size());
    for (const UpwardArc& arc : arcs) {
      if (!merged.empty() && merged.back().node == arc.node && merged.back().time == arc.time &&
          merged.back().middle == arc.middle) {
        merged.back().forward |= arc.forward;
        merged.back().backward |= arc.backward;
      } else {
        merged.push_back(arc);
      }
    }
    arcs.swap(merged);
  }

  /// Witness search from `source` avoiding `skip`, settling at most `limit` nodes and stopping
  /// beyond `bound`. Leaves distances in distance_ for the touched nodes.
  /// Witness search from `source` avoiding `skip`: settles nodes in time order until every node
  /// marked as a target (target_stamp_ == stamp_) is settled, the time passes `bound`, or `limit`
  /// nodes are settled. Leaves distances in distance_ for the touched nodes.
  void WitnessSearch(std::uint32_t source, std::uint32_t skip, Deciseconds bound, std::uint32_t limit,
                     std::uint32_t targets) {
    for (std::uint32_t node : touched_) distance_[node] = kUnreachable;
    touched_.clear();
    heap_.clear();
    distance_[source] = 0;
    touched_.push_back(source);
    heap_.push_back({0, source});
    std::uint32_t settled = 0;
    while (!heap_.empty() && targets > 0) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
      const auto [time, node] = heap_.back();
      heap_.pop_back();
      if (time != distance_[node]) continue;
      if (time > bound || ++settled > limit) break;
      if (target_stamp_[node] == stamp_) --targets;
      for (const DynamicArc& arc : out_[node]) {
        if (arc.node == skip) continue;
        const Deciseconds candidate = time + arc.time;
        if (candidate < distance_[arc.node]) {
          if (distance_[arc.node] == kUnreachable) touched_.push_back(arc.node);
          distance_[arc.node] = candidate;
          heap_.push_back({candidate, arc.node});
          std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
        }
      }
    }
  }

  void FindShortcuts(std::uint32_t node, std::uint32_t limit, std::vector<Shortcut>& shortcuts) {
    for (const DynamicArc& in : in_[node]) {
      Deciseconds bound = 0;
      std::uint32_t targets = 0;
      ++stamp_;
      for (const DynamicArc& out : out_[node]) {
        if (out.node == in.node || target_stamp_[out.node] == stamp_) continue;
        bound = std::max(bound, in.time + out.time);
        target_stamp_[out.node] = stamp_;
        ++targets;
      }
      if (targets == 0) continue;
      WitnessSearch(in.node, node, bound, limit, targets);
      for (const DynamicArc& out : out_[node]) {
        if (out.node == in.node) continue;
        const Deciseconds via = in.time + out.time;
        if (distance_[out.node] > via) shortcuts.push_back({in.node, out.node, via});
      }
    }
  }

  int Priority(std::uint32_t node) {
    const int removed = static_cast<int>(out_[node].size() + in_[node].size());
    const auto pairs = out_[node].size() * in_[node].size();
    int added = 0;
    if (pairs > kSimulatePairLimit) {
      // A node this dense will be contracted among the last; simulating it costs more than the
      // order gains, so assume half of its pairs need a shortcut.
      added = static_cast<int>(pairs / 2);
    } else {
      scratch_.clear();
      FindShortcuts(node, kSimulateSettleLimit, scratch_);
      added = static_cast<int>(scratch_.size());
    }
    return 2 * (added - removed) + deleted_neighbours_[node];
  }

  std::vector<std::vector<DynamicArc>> out_;
  std::vector<std::vector<DynamicArc>> in_;
  std::vector<Deciseconds> distance_;
  std::vector<std::uint32_t> touched_;
  std::vector<std::pair<Deciseconds, std::uint32_t>> heap_;
  std::vector<std::uint32_t> target_stamp_;
  std::uint32_t stamp_ = 0;
  std::vector<std::uint8_t> contracted_;
  std::vector<int> deleted_neighbours_;
  std::vector<Shortcut> scratch_;
};

}  // namespace

ContractionHierarchy Contract(const RoadGraph& graph) { return Contractor(graph).Run(); }

}  // namespace youhao::roads
