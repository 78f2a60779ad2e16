#pragma once
/// Door-to-door routes inside one compound: ride where riding is allowed, park at the best rider
/// parking, walk the rest, through gates that are open at that hour. Built once per map version
/// and then read-only, so one router serves every request thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.h"
#include "maps/compound_map.h"
#include "maps/geometry.h"
#include "schedule/holiday_calendar.h"
#include "schedule/opening_hours.h"

namespace youhao::maps {

/// Travel assumptions, in metres per second and seconds.
struct TravelModel {
  double ride_speed = 3.0;  ///< ≈ 11 km/h: compounds ask riders to go slowly
  double walk_speed = 1.25;
  double steps_factor = 2.0;         ///< stairs take twice as long on foot, and cannot be ridden
  double park_seconds = 20;          ///< locking the bike at rider parking
  double park_at_gate_seconds = 40;  ///< parking outside a gate that bikes may not pass
  double open_ground_detour = 1.3;   ///< where no paths are drawn: straight line × this
  double snap_metres = 40;           ///< a feature further than this from every path is not on it
  /// A rider parking up to this much slower than the fastest one is chosen when it is nearer
  /// the door (less walking with the parcel).
  double parking_slack_seconds = 10;
};

/// A route is at most this many times as long as walking in from the best open gate, unless a
/// rule of the compound forbids the shorter way (then the route says which: RouteRule).
inline constexpr double kMaxDetour = 1.3;

/// Why a route is longer than kMaxDetour × walking from the best gate: the shorter way passes
/// a gate or a path that a rule closes. The edge words it ("maps.rule.<name>").
enum class RouteRule : std::uint8_t {
  kNone,
  kGateClosedNow,        ///< the gate of the shorter way is closed at this hour (its opening_hours)
  kGateClosedToWorkers,  ///< the gate of the shorter way is closed to delivery workers
  kGateNotOnFoot,        ///< the gate of the shorter way lets vehicles through, not people on foot
  kPathClosedNow,        ///< a path of the shorter way is closed at this hour
  kPathClosedToWorkers,  ///< a path of the shorter way is closed to delivery workers
};

/// "", "gate_closed_now", "gate_closed_to_workers", "gate_not_on_foot", "path_closed_now",
/// "path_closed_to_workers".
std::string_view RuleName(RouteRule rule);

enum class Mode { kRide, kWalk };

struct RouteStart {
  std::optional<long long> feature_id;  ///< a gate, parking or any feature
  std::optional<LonLat> point;          ///< GPS outside (or inside) the compound
  bool bike_parked = false;             ///< walk only
};

struct RouteLeg {
  Mode mode = Mode::kWalk;
  std::vector<LonLat> line;
  double metres = 0;
};

/// What a step does; the edge words it from the catalogue ("maps.step.<name>"), e.g. kHead with
/// kToTarget becomes "向东步行60米到3号楼2单元" / "Walk east 60 m to 3号楼2单元".
enum class Move : std::uint8_t {
  kEnter,                ///< through `place` (a gate)
  kParkOutsideAndEnter,  ///< leave the bike outside `place` (a gate), walk in
  kStraight,             ///< straight on after a gate, `rounded_metres`
  kTurnLeft,             ///< then `compass`, `mode`, `rounded_metres`
  kTurnRight,
  kHead,     ///< `compass`, `mode`, `rounded_metres`
  kArrived,  ///< at `place` (start and target are the same spot)
};
/// Where a moving step ends, if worth saying: at `ending_place`.
enum class Ending : std::uint8_t { kNone, kTo, kToParkOutside, kToParkAt };

std::string_view MoveName(Move move);        ///< "enter", "park_outside_and_enter", "turn_left", …
std::string_view EndingName(Ending ending);  ///< "", "to", "to_park_outside", "to_park_at"
/// The eight compass points clockwise from north: "n", "ne", "e", …
std::string_view CompassName(int sector);

struct RouteStep {
  Move move = Move::kHead;
  Ending ending = Ending::kNone;
  std::string place;         ///< the gate or target the move names
  std::string ending_place;  ///< where the step ends
  int compass = 0;           ///< 0 = north, clockwise in eighths
  long long rounded_metres = 0;
  Mode mode = Mode::kWalk;
  double metres = 0;
  LonLat at;
};

/// A step as a compact code for tests and logs: "head:e:walk:40>to:3号楼1单元".
std::string StepCode(const RouteStep& step);

struct Route {
  std::vector<RouteLeg> legs;
  double metres = 0;
  double seconds = 0;
  double ride_metres = 0;
  double walk_metres = 0;
  const Feature* gate = nullptr;     ///< the gate used to enter, if any
  const Feature* parking = nullptr;  ///< where the bike was left, if anywhere
  const Feature* target = nullptr;
  std::vector<RouteStep> steps;
  std::vector<const Feature*> closed_gates;  ///< gates not usable at that hour
  double approach_metres = 0;                ///< from a GPS point outside to the gate (part of `metres`)
  /// Walking in from the best open gate (or from the start), the yardstick: the route inside the
  /// compound (`metres` - `approach_metres`) is at most kMaxDetour times this. 0 when there is no
  /// way in on foot.
  double walk_in_metres = 0;
  /// Set when the route is longer than kMaxDetour × walking from the best gate with no rule
  /// applied: the rule that closes the shorter way, and the gate or path it closes.
  RouteRule rule = RouteRule::kNone;
  const Feature* rule_feature = nullptr;
};

struct MultiDropPlan {
  std::vector<std::size_t> order;  ///< indices into the stops, in visiting order
  double seconds = 0;
};

/// The exact best order (Held-Karp) given the seconds from the start to each stop (`first`) and
/// between stops (`between[i][j]`); infinity marks a pair that does not connect.
core::Result<MultiDropPlan> BestOrder(const std::vector<double>& first,
                                      const std::vector<std::vector<double>>& between);

/// Leaving a compound on foot: the seconds to the best open gate and where it is.
struct GateExit {
  double seconds = 0;
  LonLat gate;
};

/// A label to show for a feature: "东区 3号楼", "3号楼 2单元" (entrances name their building).
std::string DisplayLabel(const CompoundMap& map, const Feature& feature);

class CompoundRouter {
 public:
  /// `holidays` (kept, not owned; null: the statutory days alone) decides how `PH` in a gate's or
  /// path's hours reads a day, and the adjusted working days (调休).
  explicit CompoundRouter(CompoundMap map, TravelModel model = {}, const schedule::HolidayCalendar* holidays = nullptr);

  const CompoundMap& map() const { return map_; }

  /// The fastest way from `start` to the feature `target_id` at `unix_seconds` (Beijing hours
  /// decide which gates and paths are open), door to door: walk in from the gate (the bike left
  /// outside it), ride in and park, or (where the compound has no rider parking) ride to the
  /// door. Riding in is chosen only when it is faster than walking and no longer than kMaxDetour
  /// times the walk; of parkings about as fast (TravelModel::parking_slack_seconds), the one
  /// nearest the door. When even that is longer than kMaxDetour × the walk the compound's rules
  /// forbid, `rule` says why. Errors: kNotFound for unknown features, kValidationFailed (code
  /// name "no_route" is not a code of its own; the detail says why) when nothing connects.
  core::Result<Route> FindRoute(const RouteStart& start, long long target_id, long long unix_seconds) const;

  /// Seconds from `start` to each target (infinity when unreachable), one search.
  std::vector<double> TravelTimes(const RouteStart& start, const std::vector<long long>& target_ids,
                                  long long unix_seconds) const;

  /// The best order to visit 1–10 stops starting from `start`: the bike is parked once for the
  /// first stop and the others are walked to. Exact (Held-Karp over all orders). Errors: kValidationFailed for 0 or
  /// more than 10 stops, or an unreachable stop.
  core::Result<MultiDropPlan> PlanDrops(const RouteStart& start, const std::vector<long long>& stop_ids,
                                        long long unix_seconds) const;

  /// From feature `feature_id`, walking, the fastest open gate out; nullopt when none is open.
  std::optional<GateExit> ExitToGate(long long feature_id, long long unix_seconds) const;

 private:
  struct Edge {
    int to = 0;
    float metres = 0;
    bool walk = true;
    bool ride = true;
    int path_feature = -1;  ///< index into map_.features, or -1 for connectors
  };
  struct Node {
    LonLat at;
    int feature = -1;  ///< index into map_.features when this node is a feature
  };
  struct SearchResult;
  /// What a search may do.
  enum class SearchMode : std::uint8_t {
    kBest,         ///< ride and walk, every rule applied
    kWalk,         ///< on foot only: the bike stays at the start or outside the gate
    kWalkNoRules,  ///< on foot, as if every gate and path were open to workers at every hour
  };

  void Build();
  int AddNode(LonLat at, int feature);
  void AddEdge(int from, int to, double metres, bool walk, bool ride, int path_feature, bool one_way_ride);
  /// Index into map_.features of the feature with this id, or -1.
  int IndexOf(long long feature_id) const;
  bool FeatureUsable(int feature_index, long long unix_seconds) const;
  bool EdgeUsable(const Edge& edge, long long unix_seconds) const;
  /// Whether the feature's opening_hours (if any) say open at that time.
  bool OpenAt(int feature_index, long long unix_seconds) const;
  void Search(const RouteStart& start, long long unix_seconds, SearchMode mode, SearchResult& result) const;
  /// Makes `forward` end on foot from `parking_node` to the target along the walk `backward`
  /// found (a walking search from the target), after riding to the parking.
  void SpliceWalk(SearchResult& forward, const SearchResult& backward, int parking_node) const;
  /// The first gate or path on `result`'s way to `state` that a rule closes to workers at that time.
  std::pair<RouteRule, const Feature*> RuleOnTheWay(const SearchResult& result, int state,
                                                    long long unix_seconds) const;
  Route BuildRoute(const SearchResult& result, int target_state, long long unix_seconds) const;
  void WriteSteps(Route& route) const;

  CompoundMap map_;
  TravelModel model_;
  LocalProjection projection_;
  std::vector<Node> nodes_;
  std::vector<std::vector<Edge>> edges_;
  std::vector<int> feature_node_;                             ///< feature index -> node, or -1
  std::unordered_map<long long, int> index_by_id_;            ///< feature id -> index into map_.features
  std::vector<std::optional<schedule::OpeningHours>> hours_;  ///< per feature; nullopt = always
  const schedule::HolidayCalendar* holidays_ = nullptr;
  bool has_parking_ = false;
  /// Some gate or path is closed to workers, at some hours, or (gates) to people on foot.
  bool has_rules_ = false;
};

/// One drop of a multi-compound plan: a door on one compound's map.
struct DropStop {
  const CompoundRouter* router = nullptr;
  long long feature_id = 0;
};

/// The best order for drops in the worker's compound (`home`) and its
/// neighbours. Between compounds the worker walks out by the best open gate, rides straight over
/// (× the detour factor) and enters the next one by its best gate. `start` applies in the
/// worker's compound; stops next door are reached from `start_point`. Exact (Held-Karp).
core::Result<MultiDropPlan> PlanDropsAcross(const CompoundRouter& home, const std::vector<DropStop>& stops,
                                            const RouteStart& start, LonLat start_point, long long unix_seconds);

}  // namespace youhao::maps
