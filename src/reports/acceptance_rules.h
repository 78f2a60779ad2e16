#pragma once
/// Who accepts a new report (受理): the nearest staffed station, the community, or the property
/// company of the compound it is in. Community officers and above set a rule per area and
/// category; the most specific rule decides, and without one a built-in default does. Routing is
/// done once, at submission, and stored with the report with the reason in words.

#include <atomic>
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/error.h"
#include "geo/geo.h"
#include "reports/report_model.h"
#include "storage/database.h"

namespace youhao::reports {

enum class AcceptorKind : std::uint8_t { kNearestStation, kCommunity, kProperty };
std::string_view AcceptorKindName(AcceptorKind kind);     ///< "nearest_station", "community", "property"
std::string_view AcceptorKindLabelZh(AcceptorKind kind);  ///< "就近驿站", "社区", "物业"
std::optional<AcceptorKind> ParseAcceptorKind(std::string_view name);

inline constexpr int kDefaultStationRadiusMetres = 1000;
inline constexpr int kMaxStationRadiusMetres = 5000;

struct AcceptanceRule {
  long long id = 0;  ///< 0 for the built-in default
  std::string area_code, area_name, area_path;
  std::optional<Category> category;  ///< nullopt: every category
  AcceptorKind acceptor = AcceptorKind::kNearestStation;
  int radius_metres = kDefaultStationRadiusMetres;  ///< how far the nearest station may be
  std::string note;
  std::string created_by;
  long long created_at = 0;
};

/// The rule that decides for a report of `category` in the area with `area_path`: among the rules
/// of that area and its ancestors, the deepest area wins, and within one area a rule for the
/// category wins over one for every category. Null when no rule applies.
const AcceptanceRule* MostSpecificRule(const std::vector<AcceptanceRule>& rules, std::string_view area_path,
                                       Category category);

/// What decides when no rule applies: welfare concerns go to the community (stations never see
/// them), everything else to the nearest staffed station within kDefaultStationRadiusMetres.
AcceptanceRule DefaultRule(Category category);

/// What the rules decide for `category` in the area with `area_path`.
struct Decision {
  const AcceptanceRule* rule = nullptr;  ///< the deciding rule; null for the default
  AcceptorKind acceptor = AcceptorKind::kCommunity;
  int radius_metres = kDefaultStationRadiusMetres;
  /// A welfare concern, which goes to the community whatever a rule for every category says.
  bool welfare = false;
};
Decision Decide(const std::vector<AcceptanceRule>& rules, std::string_view area_path, Category category);
/// The same, once the deciding rule (or none) is known.
Decision DecideBy(const AcceptanceRule* rule, Category category);

/// For each category in order, what decides inside the area with `area_path`.
std::vector<std::pair<Category, Decision>> EffectiveRules(const std::vector<AcceptanceRule>& rules,
                                                          std::string_view area_path);

/// Whether `officer` may change or remove `rule`: community officers and above, for rules of
/// areas inside their own.
bool MayEdit(const AcceptanceRule& rule, const accounts::Principal& officer);

/// Whether a rule may send `category` to `acceptor` (welfare concerns only to the community) with
/// a station radius of 100 m to kMaxStationRadiusMetres. A rule for every category never sends a
/// welfare concern elsewhere than the community either: Route sees to that.
core::Status CheckRule(std::optional<Category> category, AcceptorKind acceptor, int radius_metres);

/// Where a report was routed.
struct Acceptor {
  AcceptorKind kind =
      AcceptorKind::kCommunity;  ///< what was used: the community when the rule's station or property was missing
  std::string code;              ///< the station's place id, the community's or the compound's area code
  std::string name;
  std::optional<long long> account_id;  ///< the station keeper, or the compound's first property manager
  std::vector<std::string> notify;      ///< told of the new report: the station keeper, or every property manager
  std::optional<long long> rule_id;     ///< null: the built-in default
  /// Why, as fields the edge words in the reader's language: {because: default|rule|welfare|grid_reporter,
  /// outcome: station|no_station|property|no_property_account|outside_compound|welfare_only|community|grid,
  /// category, category_zh, area, metres, radius}. Stored as JSON in reports.acceptor_reason.
  boost::json::object why;
  /// Reports routed before reasons were fields keep their stored sentence here.
  std::string reason;
};

struct AcceptanceRuleInput {
  std::string area_code;
  std::optional<Category> category;
  AcceptorKind acceptor = AcceptorKind::kNearestStation;
  int radius_metres = kDefaultStationRadiusMetres;
  std::string note;
};

/// Routes new reports. What it reads for every report, every rule and every staffed station, it
/// keeps in memory: read again at most every 30 s, and at once after a rule changes in this
/// process (AcceptanceRuleService tells it). Thread-safe.
/// The names the fields of Acceptor::why take, each worded by the catalogue's
/// "acceptance.because.<name>" (with "_all" for a rule over every category) and
/// "acceptance.outcome.<name>".
namespace acceptance_reason {
inline constexpr std::string_view kBecause[] = {"default", "rule", "welfare", "grid_reporter"};
inline constexpr std::string_view kOutcomes[] = {"station",          "no_station",   "property",  "no_property_account",
                                                 "outside_compound", "welfare_only", "community", "grid"};
}  // namespace acceptance_reason

class AcceptanceRouter {
 public:
  /// Where a new report of `category` at (lat, lon) goes. `area` is the report's area (its
  /// community), `compound` the compound it lies inside, if any. `connection` is read only when
  /// the snapshot is stale and to find a compound's property managers.
  Acceptor Route(storage::Connection& connection, Category category, double lat, double lon, const areas::Area& area,
                 const std::optional<std::string>& compound) const;
  /// Forgets the snapshot: routing from now on uses the rules and stations as they are after
  /// this call (a snapshot being read meanwhile is not kept).
  void Invalidate() { ++generation_; }

 private:
  struct Station {
    long long id = 0;
    std::string name;
    geo::LonLat position;
    long long keeper_account_id = 0;
    std::string keeper_login;
  };
  struct Snapshot {
    /// Every rule by the code of its area: a report looks up only its own area and those above,
    /// by the codes of its path as they are (no copies).
    struct CodeHash {
      using is_transparent = void;
      std::size_t operator()(std::string_view code) const { return std::hash<std::string_view>{}(code); }
    };
    std::unordered_map<std::string, std::vector<AcceptanceRule>, CodeHash, std::equal_to<>> rules_by_area;
    std::vector<Station> stations;  ///< approved stations with an enabled keeper
  };
  std::shared_ptr<const Snapshot> Current(storage::Connection& connection) const;

  static constexpr std::chrono::seconds kLifetime{30};
  std::atomic<std::uint64_t> generation_{0};
  mutable std::mutex mutex_;  ///< guards the three fields below
  mutable std::shared_ptr<const Snapshot> snapshot_;
  mutable std::uint64_t snapshot_generation_ = 0;
  mutable std::chrono::steady_clock::time_point loaded_at_;
  mutable std::mutex loading_;  ///< one thread reads the tables; the others keep routing meanwhile
};

class AcceptanceRuleService {
 public:
  AcceptanceRuleService(storage::Database& database, areas::AreaService& areas, AcceptanceRouter& router)
      : database_(database), areas_(areas), router_(router) {}

  /// The rules that matter inside `area` (which the caller must have in scope): those set for it
  /// or below it, and those inherited from the areas above, ordered from the top down.
  core::Result<std::vector<AcceptanceRule>> List(const accounts::Principal& caller, const areas::Area& area) const;
  /// Sets the rule of an area (city to community, inside the officer's scope) for a category or
  /// for every category, replacing the one there. Community officers and above only.
  core::Result<AcceptanceRule> Set(const accounts::Principal& officer, const AcceptanceRuleInput& input, long long now);
  /// Removes a rule; the next most specific one (or the default) decides from then on.
  core::Status Remove(const accounts::Principal& officer, long long id);

 private:
  storage::Database& database_;
  areas::AreaService& areas_;
  AcceptanceRouter& router_;
};

}  // namespace youhao::reports
