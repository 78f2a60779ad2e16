#include "maps/compound_router.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

namespace youhao::maps {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::size_t kMaxStops = 10;
constexpr int kOpenGroundNeighbours = 6;

bool IsPointLike(FeatureKind kind) { return kind != FeatureKind::kBoundary && kind != FeatureKind::kPath; }

int StateOf(int node, Mode mode) { return node * 2 + (mode == Mode::kWalk ? 1 : 0); }
int NodeOf(int state) { return state / 2; }
Mode ModeOf(int state) { return (state & 1) != 0 ? Mode::kWalk : Mode::kRide; }

int CompassSector(double bearing) { return static_cast<int>(std::floor((bearing + 22.5) / 45.0)) % 8; }

long long RoundedMetres(double metres) {
  if (metres < 10) return std::max(1LL, std::llround(metres));
  return std::llround(metres / 5.0) * 5;
}

}  // namespace

/// One search's state: per (node, mode) the best seconds, metres and predecessor.
struct CompoundRouter::SearchResult {
  std::vector<double> seconds;
  std::vector<double> metres;
  /// Of `metres`, the straight approach from a GPS point outside the compound to its gate.
  std::vector<double> approach;
  std::vector<int> previous;  ///< previous state, or -1 for a seed
  /// Seeds: the straight ride from a GPS point outside to a gate, per seed state.
  std::vector<std::pair<int, double>> seed_metres;
  std::optional<LonLat> start_point;
  bool start_outside = false;
  int start_feature = -1;
  bool bike_parked = false;
};

std::string DisplayLabel(const CompoundMap& map, const Feature& feature) {
  std::string label = feature.label.empty() ? std::string(KindName(feature.kind)) : feature.label;
  if (feature.kind == FeatureKind::kEntrance && feature.building_id != 0) {
    if (const Feature* building = map.Find(feature.building_id); building != nullptr) {
      label = DisplayLabel(map, *building) + label;
    }
    return label;
  }
  if (!feature.section.empty() && label.find(feature.section) == std::string::npos) label = feature.section + label;
  return label;
}

CompoundRouter::CompoundRouter(CompoundMap map, TravelModel model, const schedule::HolidayCalendar* holidays)
    : map_(std::move(map)), model_(model), projection_(LonLat{}), holidays_(holidays) {
  LonLat origin;
  for (const Feature& feature : map_.features) {
    if (feature.kind == FeatureKind::kBoundary) {
      origin = feature.geometry.Anchor();
      break;
    }
    if (origin == LonLat{}) origin = feature.geometry.Anchor();
  }
  projection_ = LocalProjection(origin);
  Build();
}

int CompoundRouter::AddNode(LonLat at, int feature) {
  nodes_.push_back({at, feature});
  edges_.emplace_back();
  return static_cast<int>(nodes_.size()) - 1;
}

void CompoundRouter::AddEdge(int from, int to, double metres, bool walk, bool ride, int path_feature,
                             bool one_way_ride) {
  if (from == to) return;
  const auto length = static_cast<float>(metres);
  edges_[static_cast<std::size_t>(from)].push_back({to, length, walk, ride, path_feature});
  edges_[static_cast<std::size_t>(to)].push_back({from, length, walk, ride && !one_way_ride, path_feature});
}

void CompoundRouter::Build() {
  const std::size_t feature_count = map_.features.size();
  feature_node_.assign(feature_count, -1);
  hours_.assign(feature_count, std::nullopt);
  for (std::size_t i = 0; i < feature_count; ++i) {
    const Feature& feature = map_.features[i];
    if (feature.id != 0) index_by_id_[feature.id] = static_cast<int>(i);
    if (!feature.opening_hours.empty()) {
      auto hours = schedule::OpeningHours::Parse(feature.opening_hours);
      // Hours that do not parse were refused on input; a stored one that no longer parses closes
      // the gate (closed means closed), and the route names it among the closed gates.
      hours_[i] = hours.ok() ? std::move(*hours) : schedule::OpeningHours();
    }
    if (feature.kind == FeatureKind::kParking) has_parking_ = true;
    if ((feature.kind == FeatureKind::kGate || feature.kind == FeatureKind::kPath) &&
        (!feature.workers_allowed || hours_[i].has_value() || (feature.kind == FeatureKind::kGate && !feature.walk))) {
      has_rules_ = true;
    }
  }

  // Path vertices, shared where paths meet (same position to within half a metre).
  std::unordered_map<long long, int> vertex_nodes;
  auto vertex_node = [&](LonLat at) {
    const Xy xy = projection_.ToXy(at);
    const long long key = (std::llround(xy.x * 2) << 32) ^ (std::llround(xy.y * 2) & 0xffffffffLL);
    auto [it, inserted] = vertex_nodes.try_emplace(key, 0);
    if (inserted) it->second = AddNode(at, -1);
    return it->second;
  };
  struct Segment {
    int a = 0;
    int b = 0;
    int path = 0;
    std::vector<std::pair<double, int>> splits;  // (t, node)
  };
  std::vector<Segment> segments;
  for (std::size_t i = 0; i < feature_count; ++i) {
    const Feature& feature = map_.features[i];
    if (feature.kind != FeatureKind::kPath || feature.geometry.rings.empty()) continue;
    const auto& line = feature.geometry.rings[0];
    for (std::size_t v = 0; v + 1 < line.size(); ++v) {
      const int a = vertex_node(line[v]);
      const int b = vertex_node(line[v + 1]);
      if (a != b) segments.push_back({a, b, static_cast<int>(i), {}});
    }
  }

  // A path that ends on the middle of another (a T junction drawn by hand) joins it there.
  constexpr double kJoinMetres = 1.5;
  const std::size_t drawn_segments = segments.size();
  for (std::size_t i = 0; i < feature_count; ++i) {
    const Feature& feature = map_.features[i];
    if (feature.kind != FeatureKind::kPath || feature.geometry.rings.empty()) continue;
    for (const LonLat& end : {feature.geometry.rings[0].front(), feature.geometry.rings[0].back()}) {
      const int end_node = vertex_node(end);
      const Xy p = projection_.ToXy(end);
      for (std::size_t s = 0; s < drawn_segments; ++s) {
        Segment& segment = segments[s];
        if (segment.path == static_cast<int>(i) || segment.a == end_node || segment.b == end_node) continue;
        const Projected projected =
            ProjectOnSegment(p, projection_.ToXy(nodes_[static_cast<std::size_t>(segment.a)].at),
                             projection_.ToXy(nodes_[static_cast<std::size_t>(segment.b)].at));
        if (projected.distance <= kJoinMetres && projected.t > 1e-3 && projected.t < 1 - 1e-3) {
          segment.splits.emplace_back(projected.t, end_node);
          break;
        }
      }
    }
  }

  // Point features become nodes, snapped onto the nearest path when one is close.
  std::vector<int> unsnapped;
  for (std::size_t i = 0; i < feature_count; ++i) {
    const Feature& feature = map_.features[i];
    if (!IsPointLike(feature.kind) || feature.geometry.rings.empty()) continue;
    const LonLat at = feature.geometry.Anchor();
    const int node = AddNode(at, static_cast<int>(i));
    feature_node_[i] = node;
    const Xy p = projection_.ToXy(at);
    int best_segment = -1;
    Projected best{{}, 0, kInfinity};
    for (std::size_t s = 0; s < segments.size(); ++s) {
      const Projected projected =
          ProjectOnSegment(p, projection_.ToXy(nodes_[static_cast<std::size_t>(segments[s].a)].at),
                           projection_.ToXy(nodes_[static_cast<std::size_t>(segments[s].b)].at));
      if (projected.distance < best.distance) {
        best = projected;
        best_segment = static_cast<int>(s);
      }
    }
    if (best_segment < 0 || best.distance > model_.snap_metres) {
      unsnapped.push_back(node);
      continue;
    }
    Segment& segment = segments[static_cast<std::size_t>(best_segment)];
    int on_path;
    if (best.t < 1e-3) {
      on_path = segment.a;
    } else if (best.t > 1 - 1e-3) {
      on_path = segment.b;
    } else {
      on_path = AddNode(projection_.ToLonLat(best.point), -1);
      segment.splits.emplace_back(best.t, on_path);
    }
    AddEdge(node, on_path, best.distance, true, true, -1, false);
  }

  for (Segment& segment : segments) {
    const Feature& path = map_.features[static_cast<std::size_t>(segment.path)];
    const bool ride = path.ride && !path.steps;
    std::sort(segment.splits.begin(), segment.splits.end());
    int previous = segment.a;
    segment.splits.emplace_back(1.0, segment.b);
    for (const auto& [t, node] : segment.splits) {
      const double metres = Distance(projection_.ToXy(nodes_[static_cast<std::size_t>(previous)].at),
                                     projection_.ToXy(nodes_[static_cast<std::size_t>(node)].at));
      AddEdge(previous, node, metres, path.walk, ride, segment.path, path.one_way);
      previous = node;
    }
  }

  // Open ground: features away from every path link straight to their nearest neighbours.
  if (!unsnapped.empty()) {
    const int node_count = static_cast<int>(nodes_.size());
    for (const int from : unsnapped) {
      const Xy p = projection_.ToXy(nodes_[static_cast<std::size_t>(from)].at);
      std::vector<std::pair<double, int>> nearest;
      for (int other = 0; other < node_count; ++other) {
        if (other == from) continue;
        nearest.emplace_back(Distance(p, projection_.ToXy(nodes_[static_cast<std::size_t>(other)].at)), other);
      }
      const std::size_t keep = std::min<std::size_t>(kOpenGroundNeighbours, nearest.size());
      std::partial_sort(nearest.begin(), nearest.begin() + static_cast<std::ptrdiff_t>(keep), nearest.end());
      for (std::size_t k = 0; k < keep; ++k) {
        AddEdge(from, nearest[k].second, nearest[k].first * model_.open_ground_detour, true, true, -1, false);
      }
    }
  }
}

int CompoundRouter::IndexOf(long long feature_id) const {
  const auto found = index_by_id_.find(feature_id);
  return found != index_by_id_.end() ? found->second : -1;
}

bool CompoundRouter::OpenAt(int feature_index, long long unix_seconds) const {
  if (feature_index < 0) return true;
  const auto& hours = hours_[static_cast<std::size_t>(feature_index)];
  if (!hours) return true;
  static const schedule::HolidayCalendar statutory_only;
  return hours->IsOpen((holidays_ != nullptr ? *holidays_ : statutory_only).At(unix_seconds));
}

bool CompoundRouter::FeatureUsable(int feature_index, long long unix_seconds) const {
  if (feature_index < 0) return true;
  const Feature& feature = map_.features[static_cast<std::size_t>(feature_index)];
  if (feature.kind == FeatureKind::kGate && !feature.workers_allowed) return false;
  return OpenAt(feature_index, unix_seconds);
}

bool CompoundRouter::EdgeUsable(const Edge& edge, long long unix_seconds) const {
  if (edge.path_feature < 0) return true;
  const Feature& path = map_.features[static_cast<std::size_t>(edge.path_feature)];
  if (!path.workers_allowed) return false;
  return OpenAt(edge.path_feature, unix_seconds);
}

void CompoundRouter::Search(const RouteStart& start, long long unix_seconds, SearchMode search_mode,
                            SearchResult& result) const {
  const std::size_t states = nodes_.size() * 2;
  result.seconds.assign(states, kInfinity);
  result.metres.assign(states, kInfinity);
  result.approach.assign(states, 0);
  result.previous.assign(states, -1);
  result.seed_metres.clear();
  result.start_point.reset();
  result.start_outside = false;
  result.start_feature = -1;
  result.bike_parked = start.bike_parked;
  const bool on_foot = search_mode != SearchMode::kBest;
  const bool every_rule = search_mode != SearchMode::kWalkNoRules;
  // A gate workers may use now (or, ignoring rules, any gate).
  auto gate_open = [&](int gate_index) { return !every_rule || FeatureUsable(gate_index, unix_seconds); };

  using Entry = std::pair<double, int>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  auto seed = [&](int state, double seconds, double metres, double approach) {
    const auto s = static_cast<std::size_t>(state);
    if (seconds < result.seconds[s]) {
      result.seconds[s] = seconds;
      result.metres[s] = metres;
      result.approach[s] = approach;
      result.seed_metres.emplace_back(state, metres);
      queue.emplace(seconds, state);
    }
  };
  // Entering by a gate `metres` away (0 when starting at it): with the bike through a gate bikes
  // may pass, or leaving the bike outside any gate open on foot and walking in.
  auto seed_gate = [&](int gate_index, double metres, double approach) {
    const Feature& gate = map_.features[static_cast<std::size_t>(gate_index)];
    const int node = feature_node_[static_cast<std::size_t>(gate_index)];
    const bool walk_in = gate.walk || !every_rule;
    if (start.bike_parked) {
      if (walk_in) seed(StateOf(node, Mode::kWalk), metres / model_.walk_speed, metres, approach);
      return;
    }
    const double riding = metres / model_.ride_speed;
    if (!on_foot && gate.ride && gate.gate_kind != "pedestrian")
      seed(StateOf(node, Mode::kRide), riding, metres, approach);
    if (walk_in) seed(StateOf(node, Mode::kWalk), riding + model_.park_at_gate_seconds, metres, approach);
  };

  if (start.feature_id) {
    const int i = IndexOf(*start.feature_id);
    if (i >= 0 && feature_node_[static_cast<std::size_t>(i)] >= 0) {
      result.start_feature = i;
      const Feature& feature = map_.features[static_cast<std::size_t>(i)];
      if (feature.kind == FeatureKind::kGate) {
        if (gate_open(i)) seed_gate(i, 0, 0);
      } else {
        const bool walking = on_foot || start.bike_parked || feature.kind == FeatureKind::kParking;
        seed(StateOf(feature_node_[static_cast<std::size_t>(i)], walking ? Mode::kWalk : Mode::kRide), 0, 0, 0);
      }
    }
  } else if (start.point) {
    result.start_point = start.point;
    bool inside = false;
    for (const Feature& feature : map_.features) {
      if (feature.kind == FeatureKind::kBoundary && PolygonContains(feature.geometry.rings, *start.point))
        inside = true;
    }
    result.start_outside = !inside;
    const Xy p = projection_.ToXy(*start.point);
    if (inside) {
      std::vector<std::pair<double, int>> nearest;
      for (std::size_t n = 0; n < nodes_.size(); ++n)
        nearest.emplace_back(Distance(p, projection_.ToXy(nodes_[n].at)), static_cast<int>(n));
      const std::size_t keep = std::min<std::size_t>(3, nearest.size());
      std::partial_sort(nearest.begin(), nearest.begin() + static_cast<std::ptrdiff_t>(keep), nearest.end());
      for (std::size_t k = 0; k < keep; ++k) {
        const double metres = nearest[k].first * model_.open_ground_detour;
        const Mode mode = on_foot || start.bike_parked ? Mode::kWalk : Mode::kRide;
        seed(StateOf(nearest[k].second, mode), metres / (mode == Mode::kWalk ? model_.walk_speed : model_.ride_speed),
             metres, 0);
      }
    } else {
      for (std::size_t i = 0; i < map_.features.size(); ++i) {
        if (map_.features[i].kind != FeatureKind::kGate || feature_node_[i] < 0 || !gate_open(static_cast<int>(i)))
          continue;
        const double metres =
            Distance(p, projection_.ToXy(map_.features[i].geometry.Anchor())) * model_.open_ground_detour;
        seed_gate(static_cast<int>(i), metres, metres);
      }
    }
  } else {
    for (std::size_t i = 0; i < map_.features.size(); ++i) {
      if (map_.features[i].kind == FeatureKind::kGate && feature_node_[i] >= 0 && gate_open(static_cast<int>(i))) {
        seed_gate(static_cast<int>(i), 0, 0);
      }
    }
  }

  while (!queue.empty()) {
    const auto [seconds, popped] = queue.top();
    const int state = popped;  // a plain local: lambdas below capture it
    queue.pop();
    if (seconds > result.seconds[static_cast<std::size_t>(state)]) continue;
    const int node = NodeOf(state);
    const Mode mode = ModeOf(state);
    const double metres = result.metres[static_cast<std::size_t>(state)];
    const double approach = result.approach[static_cast<std::size_t>(state)];
    auto relax = [&](int next_state, double next_seconds, double next_metres) {
      const auto next = static_cast<std::size_t>(next_state);
      if (next_seconds < result.seconds[next]) {
        result.seconds[next] = next_seconds;
        result.metres[next] = next_metres;
        result.approach[next] = approach;
        result.previous[next] = state;
        queue.emplace(next_seconds, next_state);
      }
    };
    const int feature = nodes_[static_cast<std::size_t>(node)].feature;
    if (mode == Mode::kRide && feature >= 0 &&
        map_.features[static_cast<std::size_t>(feature)].kind == FeatureKind::kParking &&
        FeatureUsable(feature, unix_seconds)) {
      relax(StateOf(node, Mode::kWalk), seconds + model_.park_seconds, metres);
    }
    for (const Edge& edge : edges_[static_cast<std::size_t>(node)]) {
      if (mode == Mode::kRide ? !edge.ride : !edge.walk) continue;
      const int next_feature = nodes_[static_cast<std::size_t>(edge.to)].feature;
      if (next_feature >= 0) {
        const Feature& next = map_.features[static_cast<std::size_t>(next_feature)];
        if (next.kind == FeatureKind::kGate) {
          if (!gate_open(next_feature)) continue;
          if (mode == Mode::kRide && (!next.ride || next.gate_kind == "pedestrian")) continue;
          if (mode == Mode::kWalk && every_rule && !next.walk) continue;
        }
      }
      if (every_rule && !EdgeUsable(edge, unix_seconds)) continue;
      double step_seconds = edge.metres / (mode == Mode::kRide ? model_.ride_speed : model_.walk_speed);
      if (mode == Mode::kWalk && edge.path_feature >= 0 &&
          map_.features[static_cast<std::size_t>(edge.path_feature)].steps) {
        step_seconds *= model_.steps_factor;
      }
      relax(StateOf(edge.to, mode), seconds + step_seconds, metres + edge.metres);
    }
  }
}

std::vector<double> CompoundRouter::TravelTimes(const RouteStart& start, const std::vector<long long>& target_ids,
                                                long long unix_seconds) const {
  thread_local SearchResult result;
  Search(start, unix_seconds, SearchMode::kBest, result);
  std::vector<double> out;
  out.reserve(target_ids.size());
  for (const long long id : target_ids) {
    double best = kInfinity;
    const int i = IndexOf(id);
    const int node = i >= 0 ? feature_node_[static_cast<std::size_t>(i)] : -1;
    if (node >= 0) {
      best = result.seconds[static_cast<std::size_t>(StateOf(node, Mode::kWalk))];
      if (!has_parking_) best = std::min(best, result.seconds[static_cast<std::size_t>(StateOf(node, Mode::kRide))]);
    }
    out.push_back(best);
  }
  return out;
}

core::Result<Route> CompoundRouter::FindRoute(const RouteStart& start, long long target_id,
                                              long long unix_seconds) const {
  const int target_index = IndexOf(target_id);
  if (target_index < 0 || feature_node_[static_cast<std::size_t>(target_index)] < 0) {
    return core::MakeError(core::ErrorCode::kNotFound, fmt::format("feature {} is not a place on this map", target_id));
  }
  if (start.feature_id && map_.Find(*start.feature_id) == nullptr) {
    return core::MakeError(core::ErrorCode::kNotFound, fmt::format("feature {} is not on this map", *start.feature_id));
  }
  thread_local SearchResult best;      // riding and walking
  thread_local SearchResult walk;      // on foot from the start (the bike outside the gate)
  thread_local SearchResult back;      // on foot from the target: the walk after each parking
  thread_local SearchResult no_rules;  // on foot, as if no rule closed anything
  Search(start, unix_seconds, SearchMode::kBest, best);
  Search(start, unix_seconds, SearchMode::kWalk, walk);
  const int node = feature_node_[static_cast<std::size_t>(target_index)];
  const auto walk_state = static_cast<std::size_t>(StateOf(node, Mode::kWalk));
  const auto ride_state = static_cast<std::size_t>(StateOf(node, Mode::kRide));

  // The ways to the door: walk in, ride to the door (no rider parking here), or ride to one of
  // the parkings and walk from there.
  enum class Way : std::uint8_t { kWalkIn, kRideToDoor, kPark };
  struct Choice {
    Way way = Way::kWalkIn;
    int parking_node = -1;
    double seconds = kInfinity;
    double inside = kInfinity;  // metres inside the compound
    double walked = kInfinity;  // metres on foot after leaving the bike inside
  };
  std::vector<Choice> choices;
  if (std::isfinite(walk.seconds[walk_state])) {
    const double inside = walk.metres[walk_state] - walk.approach[walk_state];
    choices.push_back({Way::kWalkIn, -1, walk.seconds[walk_state], inside, inside});
  }
  if (!has_parking_ && std::isfinite(best.seconds[ride_state])) {
    choices.push_back(
        {Way::kRideToDoor, -1, best.seconds[ride_state], best.metres[ride_state] - best.approach[ride_state], 0});
  }
  if (has_parking_ && !start.bike_parked) {
    Search(RouteStart{target_id, std::nullopt, true}, unix_seconds, SearchMode::kWalk, back);
    for (std::size_t i = 0; i < map_.features.size(); ++i) {
      if (map_.features[i].kind != FeatureKind::kParking || feature_node_[i] < 0 ||
          !FeatureUsable(static_cast<int>(i), unix_seconds))
        continue;
      const int parking = feature_node_[i];
      const auto ridden = static_cast<std::size_t>(StateOf(parking, Mode::kRide));
      const auto walked = static_cast<std::size_t>(StateOf(parking, Mode::kWalk));
      if (!std::isfinite(best.seconds[ridden]) || !std::isfinite(back.seconds[walked])) continue;
      choices.push_back({Way::kPark, parking, best.seconds[ridden] + model_.park_seconds + back.seconds[walked],
                         best.metres[ridden] - best.approach[ridden] + back.metres[walked], back.metres[walked]});
    }
  }

  if (choices.empty()) {
    std::string reason = "no way to reach it";
    if (start.feature_id) {
      const Feature* from = map_.Find(*start.feature_id);
      if (from->kind == FeatureKind::kGate && !FeatureUsable(best.start_feature, unix_seconds)) {
        reason = fmt::format("{} is closed to workers at this time", from->label);
      }
    } else {
      bool any_gate_open = false;
      for (std::size_t i = 0; i < map_.features.size(); ++i) {
        if (map_.features[i].kind == FeatureKind::kGate && FeatureUsable(static_cast<int>(i), unix_seconds))
          any_gate_open = true;
      }
      if (!any_gate_open) reason = "every gate is closed to workers at this time";
    }
    return core::MakeError(
        core::ErrorCode::kValidationFailed,
        fmt::format("no route to {}: {}", DisplayLabel(map_, map_.features[static_cast<std::size_t>(target_index)]),
                    reason));
  }

  // Never longer than kMaxDetour × walking in; of what is left, the fastest. Riding in to park
  // only when faster than walking in, and then at the parking nearest the door among those
  // about as fast.
  const bool can_walk_in = choices.front().way == Way::kWalkIn;
  const double walk_in_metres = can_walk_in ? static_cast<double>(choices.front().inside) : 0.0;
  const double walk_in_seconds = can_walk_in ? static_cast<double>(choices.front().seconds) : kInfinity;
  const double budget = can_walk_in ? (kMaxDetour * walk_in_metres) + 1e-6 : static_cast<double>(kInfinity);
  const Choice* chosen = nullptr;
  for (const Choice& choice : choices) {
    if (choice.inside <= budget && (chosen == nullptr || choice.seconds < chosen->seconds)) chosen = &choice;
  }
  if (chosen == nullptr) chosen = &choices.front();  // walking in is always within budget: not reached
  if (chosen->way == Way::kPark) {
    const double fastest = chosen->seconds;
    for (const Choice& choice : choices) {
      if (choice.way == Way::kPark && choice.inside <= budget &&
          choice.seconds <= fastest + model_.parking_slack_seconds && choice.seconds < walk_in_seconds &&
          choice.walked < chosen->walked) {
        chosen = &choice;
      }
    }
  }

  Route route;
  switch (chosen->way) {
    case Way::kWalkIn:
      route = BuildRoute(walk, static_cast<int>(walk_state), unix_seconds);
      break;
    case Way::kRideToDoor:
      route = BuildRoute(best, static_cast<int>(ride_state), unix_seconds);
      break;
    case Way::kPark:
      SpliceWalk(best, back, chosen->parking_node);
      route = BuildRoute(best, static_cast<int>(walk_state), unix_seconds);
      break;
  }
  route.target = &map_.features[static_cast<std::size_t>(target_index)];
  route.walk_in_metres = walk_in_metres;
  WriteSteps(route);

  // Longer than kMaxDetour × the walk no rule would forbid: say which rule forbids it.
  if (has_rules_) {
    Search(start, unix_seconds, SearchMode::kWalkNoRules, no_rules);
    if (std::isfinite(no_rules.seconds[walk_state])) {
      const double shortest = no_rules.metres[walk_state] - no_rules.approach[walk_state];
      if (route.metres - route.approach_metres > kMaxDetour * shortest + 1e-6) {
        std::tie(route.rule, route.rule_feature) = RuleOnTheWay(no_rules, static_cast<int>(walk_state), unix_seconds);
      }
    }
  }
  return route;
}

void CompoundRouter::SpliceWalk(SearchResult& forward, const SearchResult& backward, int parking_node) const {
  const auto ridden = static_cast<std::size_t>(StateOf(parking_node, Mode::kRide));
  const double base_seconds = forward.seconds[ridden] + model_.park_seconds;
  const double base_metres = forward.metres[ridden];
  const double approach = forward.approach[ridden];
  const auto first = static_cast<std::size_t>(StateOf(parking_node, Mode::kWalk));
  const double left_seconds = backward.seconds[first];
  const double left_metres = backward.metres[first];
  int previous = StateOf(parking_node, Mode::kRide);
  // Backward's predecessors lead from the parking towards the target, where its search began.
  for (int state = StateOf(parking_node, Mode::kWalk); state >= 0;
       state = backward.previous[static_cast<std::size_t>(state)]) {
    const auto s = static_cast<std::size_t>(state);
    forward.previous[s] = previous;
    forward.seconds[s] = base_seconds + (left_seconds - backward.seconds[s]);
    forward.metres[s] = base_metres + (left_metres - backward.metres[s]);
    forward.approach[s] = approach;
    previous = state;
  }
}

std::pair<RouteRule, const Feature*> CompoundRouter::RuleOnTheWay(const SearchResult& result, int state,
                                                                  long long unix_seconds) const {
  std::vector<int> states;
  for (int s = state; s >= 0; s = result.previous[static_cast<std::size_t>(s)]) states.push_back(s);
  std::reverse(states.begin(), states.end());
  auto gate_rule = [&](int node) -> std::pair<RouteRule, const Feature*> {
    const int index = nodes_[static_cast<std::size_t>(node)].feature;
    if (index < 0) return {RouteRule::kNone, nullptr};
    const Feature& gate = map_.features[static_cast<std::size_t>(index)];
    if (gate.kind != FeatureKind::kGate) return {RouteRule::kNone, nullptr};
    if (!OpenAt(index, unix_seconds)) return {RouteRule::kGateClosedNow, &gate};
    if (!gate.workers_allowed) return {RouteRule::kGateClosedToWorkers, &gate};
    if (!gate.walk) return {RouteRule::kGateNotOnFoot, &gate};
    return {RouteRule::kNone, nullptr};
  };
  for (std::size_t i = 0; i < states.size(); ++i) {
    const int node = NodeOf(states[i]);
    if (auto rule = gate_rule(node); rule.first != RouteRule::kNone) return rule;
    if (i + 1 == states.size()) break;
    const int next = NodeOf(states[i + 1]);
    const double metres =
        result.metres[static_cast<std::size_t>(states[i + 1])] - result.metres[static_cast<std::size_t>(states[i])];
    // The edge taken: between these nodes, of that length (parallel paths may join them).
    const Edge* taken = nullptr;
    for (const Edge& edge : edges_[static_cast<std::size_t>(node)]) {
      if (edge.to != next || !edge.walk) continue;
      if (taken == nullptr || std::abs(edge.metres - metres) < std::abs(taken->metres - metres)) taken = &edge;
    }
    if (taken == nullptr || taken->path_feature < 0) continue;
    const Feature& path = map_.features[static_cast<std::size_t>(taken->path_feature)];
    if (!path.workers_allowed) return {RouteRule::kPathClosedToWorkers, &path};
    if (!OpenAt(taken->path_feature, unix_seconds)) return {RouteRule::kPathClosedNow, &path};
  }
  return {RouteRule::kNone, nullptr};
}

Route CompoundRouter::BuildRoute(const SearchResult& result, int target_state, long long unix_seconds) const {
  std::vector<int> states;
  for (int state = target_state; state >= 0; state = result.previous[static_cast<std::size_t>(state)])
    states.push_back(state);
  std::reverse(states.begin(), states.end());

  Route route;
  route.seconds = result.seconds[static_cast<std::size_t>(target_state)];
  route.metres = result.metres[static_cast<std::size_t>(target_state)];
  route.approach_metres = result.approach[static_cast<std::size_t>(target_state)];
  for (std::size_t i = 0; i < map_.features.size(); ++i) {
    if (map_.features[i].kind == FeatureKind::kGate && !FeatureUsable(static_cast<int>(i), unix_seconds)) {
      route.closed_gates.push_back(&map_.features[i]);
    }
  }

  auto feature_at = [&](int state) -> const Feature* {
    const int feature = nodes_[static_cast<std::size_t>(NodeOf(state))].feature;
    return feature >= 0 ? &map_.features[static_cast<std::size_t>(feature)] : nullptr;
  };
  const int first = states.front();
  if (const Feature* gate = feature_at(first); gate != nullptr && gate->kind == FeatureKind::kGate) route.gate = gate;
  auto add_point = [&](Mode mode, LonLat at, double metres, bool new_leg) {
    if (route.legs.empty() || route.legs.back().mode != mode || new_leg) {
      RouteLeg leg;
      leg.mode = mode;
      if (!route.legs.empty()) leg.line.push_back(route.legs.back().line.back());
      route.legs.push_back(std::move(leg));
    }
    RouteLeg& leg = route.legs.back();
    if (leg.line.empty() || !(leg.line.back() == at)) leg.line.push_back(at);
    leg.metres += metres;
    (mode == Mode::kRide ? route.ride_metres : route.walk_metres) += metres;
  };

  // Entering on foot with the bike means it was left outside the gate.
  const bool parked_at_gate = route.gate != nullptr && ModeOf(first) == Mode::kWalk && !result.bike_parked;
  if (parked_at_gate) route.parking = route.gate;
  // The approach from a GPS point outside: a straight ride (or walk) to the gate, a leg of its own.
  double seed_metres = 0;
  for (const auto& [state, metres] : result.seed_metres) {
    if (state == first) seed_metres = metres;
  }
  const LonLat first_at = nodes_[static_cast<std::size_t>(NodeOf(first))].at;
  if (result.start_point && seed_metres > 0) {
    const Mode approach = parked_at_gate || ModeOf(first) == Mode::kRide ? Mode::kRide : Mode::kWalk;
    add_point(approach, *result.start_point, 0, true);
    add_point(approach, first_at, seed_metres, false);
    add_point(ModeOf(first), first_at, 0, true);
  } else {
    add_point(ModeOf(first), first_at, 0, true);
  }
  for (std::size_t i = 1; i < states.size(); ++i) {
    const int previous = states[i - 1];
    const int state = states[i];
    if (NodeOf(previous) == NodeOf(state)) {
      route.parking = feature_at(state);  // ride -> walk: the bike is parked here
      continue;
    }
    const double metres =
        result.metres[static_cast<std::size_t>(state)] - result.metres[static_cast<std::size_t>(previous)];
    add_point(ModeOf(state), nodes_[static_cast<std::size_t>(NodeOf(state))].at, metres, false);
  }
  std::erase_if(route.legs, [](const RouteLeg& leg) { return leg.line.size() < 2; });
  return route;
}

std::string_view RuleName(RouteRule rule) {
  static constexpr std::string_view kNames[] = {
      "", "gate_closed_now", "gate_closed_to_workers", "gate_not_on_foot", "path_closed_now", "path_closed_to_workers"};
  return kNames[static_cast<std::size_t>(rule)];
}

std::string_view MoveName(Move move) {
  static constexpr std::string_view kNames[] = {
      "enter", "park_outside_and_enter", "straight", "turn_left", "turn_right", "head", "arrived"};
  return kNames[static_cast<std::size_t>(move)];
}

std::string_view EndingName(Ending ending) {
  static constexpr std::string_view kNames[] = {"", "to", "to_park_outside", "to_park_at"};
  return kNames[static_cast<std::size_t>(ending)];
}

std::string_view CompassName(int sector) {
  static constexpr std::string_view kNames[] = {"n", "ne", "e", "se", "s", "sw", "w", "nw"};
  return kNames[static_cast<std::size_t>(((sector % 8) + 8) % 8)];
}

std::string StepCode(const RouteStep& step) {
  std::string code(MoveName(step.move));
  switch (step.move) {
    case Move::kEnter:
    case Move::kParkOutsideAndEnter:
    case Move::kArrived:
      code += ":" + step.place;
      break;
    case Move::kStraight:
      code += ":" + std::to_string(step.rounded_metres);
      break;
    default:
      code += fmt::format(":{}:{}:{}", CompassName(step.compass), step.mode == Mode::kRide ? "ride" : "walk",
                          step.rounded_metres);
  }
  if (step.ending != Ending::kNone) code += fmt::format(">{}:{}", EndingName(step.ending), step.ending_place);
  return code;
}

void CompoundRouter::WriteSteps(Route& route) const {
  auto add = [&](RouteStep step, Mode mode, double metres, LonLat at) {
    step.mode = mode;
    step.metres = metres;
    step.at = at;
    route.steps.push_back(std::move(step));
  };
  const std::string target = DisplayLabel(map_, *route.target);
  bool entered = false;
  for (std::size_t l = 0; l < route.legs.size(); ++l) {
    const RouteLeg& leg = route.legs[l];
    const bool last_leg = l + 1 == route.legs.size();
    // Stretches of roughly one direction: turns under 35° or shorter than 8 m do not count.
    struct Stretch {
      double metres = 0;
      double bearing = 0;
      LonLat start;
    };
    std::vector<Stretch> stretches;
    for (std::size_t i = 0; i + 1 < leg.line.size(); ++i) {
      const Xy a = projection_.ToXy(leg.line[i]);
      const Xy b = projection_.ToXy(leg.line[i + 1]);
      const double metres = Distance(a, b);
      if (metres < 0.01) continue;
      const double bearing = BearingDegrees(a, b);
      if (!stretches.empty()) {
        double turn = std::fmod(bearing - stretches.back().bearing + 540.0, 360.0) - 180.0;
        if (std::abs(turn) < 35 || metres < 8) {
          stretches.back().metres += metres;
          continue;
        }
      }
      stretches.push_back({metres, bearing, leg.line[i]});
    }
    // A stretch shorter than 10 m is not worth a sentence: it joins its neighbour.
    for (std::size_t s = 0; stretches.size() > 1 && s < stretches.size();) {
      if (stretches[s].metres >= 10) {
        ++s;
        continue;
      }
      if (s + 1 < stretches.size()) {
        stretches[s + 1].metres += stretches[s].metres;
        stretches[s + 1].start = stretches[s].start;
      } else {
        stretches[s - 1].metres += stretches[s].metres;
      }
      stretches.erase(stretches.begin() + static_cast<std::ptrdiff_t>(s));
    }
    const LonLat gate_at = route.gate != nullptr ? route.gate->geometry.Anchor() : LonLat{};
    if (!entered && route.gate != nullptr && !leg.line.empty() && leg.line.front() == gate_at) {
      const bool parked_outside = route.parking == route.gate && leg.mode == Mode::kWalk;
      add({.move = parked_outside ? Move::kParkOutsideAndEnter : Move::kEnter, .place = route.gate->label}, leg.mode, 0,
          gate_at);
      entered = true;
    }
    for (std::size_t s = 0; s < stretches.size(); ++s) {
      const Stretch& stretch = stretches[s];
      RouteStep step{.move = Move::kHead,
                     .compass = CompassSector(stretch.bearing),
                     .rounded_metres = RoundedMetres(stretch.metres)};
      if (s == 0 && entered && l == 0 && leg.mode == Mode::kRide) {
        step.move = Move::kStraight;
      } else if (s > 0) {
        const double turn = std::fmod(stretch.bearing - stretches[s - 1].bearing + 540.0, 360.0) - 180.0;
        step.move = turn > 0 ? Move::kTurnRight : Move::kTurnLeft;
      }
      const bool last_stretch = s + 1 == stretches.size();
      const bool reaches_gate = !entered && route.gate != nullptr && leg.line.back() == gate_at;
      if (last_stretch && reaches_gate) {
        step.ending = route.parking == route.gate ? Ending::kToParkOutside : Ending::kTo;
        step.ending_place = route.gate->label;
      } else if (last_stretch && last_leg) {
        step.ending = Ending::kTo;
        step.ending_place = target;
      } else if (last_stretch && leg.mode == Mode::kRide && route.parking != nullptr) {
        step.ending = Ending::kToParkAt;
        step.ending_place = DisplayLabel(map_, *route.parking);
      }
      add(std::move(step), leg.mode, stretch.metres, stretch.start);
    }
    if (!entered && route.gate != nullptr && !leg.line.empty() && leg.line.back() == gate_at) {
      add({.move = Move::kEnter, .place = route.gate->label}, last_leg ? leg.mode : route.legs[l + 1].mode, 0, gate_at);
      entered = true;
    }
  }
  if (route.steps.empty() || route.metres < 1) {
    add({.move = Move::kArrived, .place = target}, Mode::kWalk, 0, route.target->geometry.Anchor());
  }
}

core::Result<MultiDropPlan> BestOrder(const std::vector<double>& first,
                                      const std::vector<std::vector<double>>& between) {
  const std::size_t n = first.size();
  if (n == 0 || n > kMaxStops) {
    return core::MakeError(core::ErrorCode::kValidationFailed, fmt::format("give between 1 and {} stops", kMaxStops));
  }
  // Held-Karp: best[mask][last] = fastest way to deliver the stops in mask, ending at last.
  const std::size_t masks = std::size_t{1} << n;
  std::vector<double> best(masks * n, kInfinity);
  std::vector<signed char> parent(masks * n, -1);
  for (std::size_t i = 0; i < n; ++i) best[(std::size_t{1} << i) * n + i] = first[i];
  for (std::size_t mask = 1; mask < masks; ++mask) {
    for (std::size_t last = 0; last < n; ++last) {
      const double cost = best[mask * n + last];
      if (!(mask & (std::size_t{1} << last)) || !std::isfinite(cost)) continue;
      for (std::size_t next = 0; next < n; ++next) {
        if (mask & (std::size_t{1} << next)) continue;
        const std::size_t next_mask = mask | (std::size_t{1} << next);
        const double candidate = cost + between[last][next];
        if (candidate < best[next_mask * n + next]) {
          best[next_mask * n + next] = candidate;
          parent[next_mask * n + next] = static_cast<signed char>(last);
        }
      }
    }
  }
  const std::size_t full = masks - 1;
  std::size_t last = 0;
  for (std::size_t i = 1; i < n; ++i) {
    if (best[full * n + i] < best[full * n + last]) last = i;
  }
  if (!std::isfinite(best[full * n + last])) {
    return core::MakeError(core::ErrorCode::kValidationFailed, "some stops cannot be reached from each other");
  }
  MultiDropPlan plan;
  plan.seconds = best[full * n + last];
  for (std::size_t mask = full; mask != 0;) {
    plan.order.push_back(last);
    const signed char previous = parent[mask * n + last];
    mask &= ~(std::size_t{1} << last);
    if (previous < 0) break;
    last = static_cast<std::size_t>(static_cast<unsigned char>(previous));
  }
  std::reverse(plan.order.begin(), plan.order.end());
  return plan;
}

core::Result<MultiDropPlan> CompoundRouter::PlanDrops(const RouteStart& start, const std::vector<long long>& stop_ids,
                                                      long long unix_seconds) const {
  const std::size_t n = stop_ids.size();
  if (n == 0 || n > kMaxStops) {
    return core::MakeError(core::ErrorCode::kValidationFailed, fmt::format("give between 1 and {} stops", kMaxStops));
  }
  for (const long long id : stop_ids) {
    if (map_.Find(id) == nullptr)
      return core::MakeError(core::ErrorCode::kNotFound, fmt::format("feature {} is not on this map", id));
  }
  std::vector<double> first = TravelTimes(start, stop_ids, unix_seconds);
  std::vector<std::vector<double>> between(n);
  for (std::size_t i = 0; i < n; ++i) {
    between[i] = TravelTimes(RouteStart{stop_ids[i], std::nullopt, true}, stop_ids, unix_seconds);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(first[i])) {
      return core::MakeError(core::ErrorCode::kValidationFailed,
                             fmt::format("no route to {}", DisplayLabel(map_, *map_.Find(stop_ids[i]))));
    }
  }
  return BestOrder(first, between);
}

std::optional<GateExit> CompoundRouter::ExitToGate(long long feature_id, long long unix_seconds) const {
  thread_local SearchResult result;
  Search(RouteStart{feature_id, std::nullopt, true}, unix_seconds, SearchMode::kBest, result);
  std::optional<GateExit> best;
  for (std::size_t i = 0; i < map_.features.size(); ++i) {
    if (map_.features[i].kind != FeatureKind::kGate || feature_node_[i] < 0 ||
        !FeatureUsable(static_cast<int>(i), unix_seconds))
      continue;
    const double seconds = result.seconds[static_cast<std::size_t>(StateOf(feature_node_[i], Mode::kWalk))];
    if (std::isfinite(seconds) && (!best || seconds < best->seconds))
      best = GateExit{seconds, map_.features[i].geometry.Anchor()};
  }
  return best;
}

core::Result<MultiDropPlan> PlanDropsAcross(const CompoundRouter& home, const std::vector<DropStop>& stops,
                                            const RouteStart& start, LonLat start_point, long long unix_seconds) {
  const std::size_t n = stops.size();
  if (n == 0 || n > kMaxStops) {
    return core::MakeError(core::ErrorCode::kValidationFailed, fmt::format("give between 1 and {} stops", kMaxStops));
  }
  std::vector<std::optional<GateExit>> exits(n);
  for (std::size_t i = 0; i < n; ++i) exits[i] = stops[i].router->ExitToGate(stops[i].feature_id, unix_seconds);
  std::vector<double> first(n, kInfinity);
  std::vector<std::vector<double>> between(n, std::vector<double>(n, kInfinity));
  for (std::size_t j = 0; j < n; ++j) {
    // Stops in the worker's compound start from where the worker is; those next door from there too,
    // entering by their own gates.
    const RouteStart origin = stops[j].router == &home ? start : RouteStart{std::nullopt, start_point, false};
    first[j] = stops[j].router->TravelTimes(origin, {stops[j].feature_id}, unix_seconds)[0];
    for (std::size_t i = 0; i < n; ++i) {
      if (i == j) continue;
      if (stops[i].router == stops[j].router) {
        between[i][j] = stops[j].router->TravelTimes(RouteStart{stops[i].feature_id, std::nullopt, true},
                                                     {stops[j].feature_id}, unix_seconds)[0];
      } else if (exits[i]) {
        // Walk out of the first compound, ride over, enter the next one by its best gate.
        between[i][j] =
            exits[i]->seconds + stops[j].router->TravelTimes(RouteStart{std::nullopt, exits[i]->gate, false},
                                                             {stops[j].feature_id}, unix_seconds)[0];
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(first[i])) {
      const Feature* feature = stops[i].router->map().Find(stops[i].feature_id);
      return core::MakeError(
          core::ErrorCode::kValidationFailed,
          fmt::format("no route to {}",
                      feature != nullptr ? DisplayLabel(stops[i].router->map(), *feature) : "a stop"));
    }
  }
  return BestOrder(first, between);
}

}  // namespace youhao::maps
