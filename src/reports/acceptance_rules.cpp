#include "reports/acceptance_rules.h"

#include <array>
#include <cmath>

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "core/text.h"
#include "geo/geo.h"

namespace youhao::reports {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr std::array<std::string_view, 3> kKindNames = {"nearest_station", "community", "property"};
constexpr std::array<std::string_view, 3> kKindLabels = {"就近驿站", "社区", "物业"};
/// Stored for a rule that covers every category (a NULL would defeat the unique index).
constexpr std::string_view kEveryCategory = "*";

constexpr std::string_view kColumns =
    "r.id, r.area_code, a.name_zh, r.area_path, r.category, r.acceptor, r.radius_metres, r.note, r.created_by, "
    "r.created_at";

/// The rule part of an acceptor's reason: which rule decided, over which category and area.
boost::json::object RuleWhy(const AcceptanceRule& rule) {
  boost::json::object why{{"because", rule.id == 0 ? "default" : "rule"}, {"area", rule.area_name}};
  why["category"] = rule.category ? CategoryName(*rule.category) : std::string_view("*");
  why["category_zh"] = rule.category ? CategoryLabelZh(*rule.category) : std::string_view();
  return why;
}

/// Every ancestor-or-self area code of a materialised path ("110000/110108/" → 110000, 110108).
std::vector<storage::Value> PathCodes(std::string_view path) {
  std::vector<storage::Value> codes;
  std::size_t start = 0;
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', start)) {
    if (slash > start) codes.emplace_back(std::string(path.substr(start, slash - start)));
    start = slash + 1;
  }
  return codes;
}

std::vector<AcceptanceRule> SelectRules(storage::Connection& connection, const std::string& where,
                                        std::vector<storage::Value> params) {
  std::vector<AcceptanceRule> out;
  for (const storage::Row& row :
       connection.Query(fmt::format("SELECT {} FROM acceptance_rules r JOIN areas a ON a.code = r.area_code WHERE {} "
                                    "ORDER BY LENGTH(r.area_path), r.area_path, r.category",
                                    kColumns, where),
                        std::move(params))) {
    AcceptanceRule rule;
    rule.id = row.Int(0);
    rule.area_code = row.Text(1);
    rule.area_name = row.Text(2);
    rule.area_path = row.Text(3);
    if (row.Text(4) != kEveryCategory) {
      rule.category = ParseCategory(row.Text(4));
      if (!rule.category) continue;  // a category this build does not know must not widen to all
    }
    rule.acceptor = ParseAcceptorKind(row.Text(5)).value_or(AcceptorKind::kCommunity);
    rule.radius_metres = static_cast<int>(row.Int(6));
    rule.note = row.Text(7);
    rule.created_by = row.Text(8);
    rule.created_at = row.Int(9);
    out.push_back(std::move(rule));
  }
  return out;
}

}  // namespace

std::string_view AcceptorKindName(AcceptorKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }
std::string_view AcceptorKindLabelZh(AcceptorKind kind) { return kKindLabels[static_cast<std::size_t>(kind)]; }
std::optional<AcceptorKind> ParseAcceptorKind(std::string_view name) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<AcceptorKind>(i);
  }
  return std::nullopt;
}

const AcceptanceRule* MostSpecificRule(const std::vector<AcceptanceRule>& rules, std::string_view area_path,
                                       Category category) {
  const AcceptanceRule* best = nullptr;
  for (const AcceptanceRule& rule : rules) {
    if (!areas::PathWithin(area_path, rule.area_path)) continue;
    if (rule.category && *rule.category != category) continue;
    if (best == nullptr || rule.area_path.size() > best->area_path.size() ||
        (rule.area_path.size() == best->area_path.size() && rule.category && !best->category)) {
      best = &rule;
    }
  }
  return best;
}

AcceptanceRule DefaultRule(Category category) {
  AcceptanceRule rule;
  rule.acceptor = IsPrivate(category) ? AcceptorKind::kCommunity : AcceptorKind::kNearestStation;
  return rule;
}

Decision Decide(const std::vector<AcceptanceRule>& rules, std::string_view area_path, Category category) {
  return DecideBy(MostSpecificRule(rules, area_path, category), category);
}

Decision DecideBy(const AcceptanceRule* rule, Category category) {
  Decision decision;
  decision.rule = rule;
  const AcceptanceRule fallback = DefaultRule(category);
  const AcceptanceRule& used = decision.rule != nullptr ? *decision.rule : fallback;
  decision.welfare = IsPrivate(category);
  decision.acceptor = decision.welfare ? AcceptorKind::kCommunity : used.acceptor;
  decision.radius_metres = used.radius_metres;
  return decision;
}

std::vector<std::pair<Category, Decision>> EffectiveRules(const std::vector<AcceptanceRule>& rules,
                                                          std::string_view area_path) {
  std::vector<std::pair<Category, Decision>> out;
  for (int c = 0; c < kCategoryCount; ++c) {
    const auto category = static_cast<Category>(c);
    out.emplace_back(category, Decide(rules, area_path, category));
  }
  return out;
}

bool MayEdit(const AcceptanceRule& rule, const accounts::Principal& officer) {
  return accounts::Rank(officer.role) >= accounts::Rank(accounts::Role::kCommunityOfficer) &&
         areas::PathWithin(rule.area_path, officer.area_path);
}

core::Status CheckRule(std::optional<Category> category, AcceptorKind acceptor, int radius_metres) {
  if (category && IsPrivate(*category) && acceptor != AcceptorKind::kCommunity) {
    return MakeError(ErrorCode::kValidationFailed, "acceptor: welfare concerns are accepted only by the community");
  }
  if (radius_metres < 100 || radius_metres > kMaxStationRadiusMetres) {
    return MakeError(ErrorCode::kValidationFailed, fmt::format("radius_metres: 100 to {}", kMaxStationRadiusMetres));
  }
  return core::Ok{};
}

core::Result<std::vector<AcceptanceRule>> AcceptanceRuleService::List(const accounts::Principal& caller,
                                                                      const areas::Area& area) const {
  if (!IsHandlerRole(caller.role)) return MakeError(ErrorCode::kForbidden, "the acceptance rules are for staff");
  if (auto scoped = accounts::RequireInScope(caller, area); !scoped.ok()) return scoped.error();
  auto connection = database_.Acquire();
  std::vector<storage::Value> codes = PathCodes(area.path);
  std::string where = "r.area_code IN (";
  for (std::size_t i = 0; i < codes.size(); ++i) where += i == 0 ? "?" : ", ?";
  auto [low, high] = areas::PathRange(area.path);
  where += ") OR (r.area_path >= ? AND r.area_path < ?)";
  codes.emplace_back(low);
  codes.emplace_back(high);
  return SelectRules(*connection, where, std::move(codes));
}

core::Result<AcceptanceRule> AcceptanceRuleService::Set(const accounts::Principal& officer,
                                                        const AcceptanceRuleInput& input, long long now) {
  if (accounts::Rank(officer.role) < accounts::Rank(accounts::Role::kCommunityOfficer)) {
    return MakeError(ErrorCode::kForbidden, "acceptance rules are set by community officers and above");
  }
  if (auto checked = CheckRule(input.category, input.acceptor, input.radius_metres); !checked.ok())
    return checked.error();
  if (core::CountCodePoints(input.note) > 200)
    return MakeError(ErrorCode::kValidationFailed, "note: at most 200 characters");
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto area = areas_.Find(*connection, input.area_code);
  if (!area) return MakeError(ErrorCode::kValidationFailed, "area_code: no such area");
  if (area->level == areas::Level::kCompound) {
    return MakeError(ErrorCode::kValidationFailed, "area_code: rules are set for a community or a larger area");
  }
  if (auto scoped = accounts::RequireInScope(officer, *area); !scoped.ok()) return scoped.error();
  const std::string category =
      input.category ? std::string(CategoryName(*input.category)) : std::string(kEveryCategory);
  auto before = SelectRules(*connection, "r.area_code = ? AND r.category = ?", {area->code, category});
  // One statement, so that two officers setting the same rule at once both succeed (the last wins).
  connection->Execute(
      "INSERT INTO acceptance_rules (area_code, area_path, category, acceptor, radius_metres, note, created_by, "
      "created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (area_code, category) DO UPDATE SET acceptor = excluded.acceptor, "
      "radius_metres = excluded.radius_metres, note = excluded.note, created_by = excluded.created_by, created_at = "
      "excluded.created_at",
      {area->code, area->path, category, std::string(AcceptorKindName(input.acceptor)),
       static_cast<long long>(input.radius_metres), input.note, officer.login, now});
  auto after = SelectRules(*connection, "r.area_code = ? AND r.category = ?", {area->code, category});
  audit::Entry entry = accounts::AuditEntryBy(officer, "acceptance_rule.set", "acceptance_rules",
                                              std::to_string(after.front().id), area->code);
  if (!before.empty()) {
    entry.before_json = fmt::format(R"({{"acceptor":"{}","radius_metres":{}}})",
                                    AcceptorKindName(before.front().acceptor), before.front().radius_metres);
  }
  entry.after_json = fmt::format(R"({{"category":"{}","acceptor":"{}","radius_metres":{}}})", category,
                                 AcceptorKindName(input.acceptor), input.radius_metres);
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  router_.Invalidate();
  return std::move(after.front());
}

core::Status AcceptanceRuleService::Remove(const accounts::Principal& officer, long long id) {
  if (accounts::Rank(officer.role) < accounts::Rank(accounts::Role::kCommunityOfficer)) {
    return MakeError(ErrorCode::kForbidden, "acceptance rules are removed by community officers and above");
  }
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto found = SelectRules(*connection, "r.id = ?", {id});
  if (found.empty() || !MayEdit(found.front(), officer)) {
    return MakeError(ErrorCode::kNotFound, "no such rule");
  }
  connection->Execute("DELETE FROM acceptance_rules WHERE id = ?", {id});
  audit::Entry entry = accounts::AuditEntryBy(officer, "acceptance_rule.remove", "acceptance_rules", std::to_string(id),
                                              found.front().area_code);
  entry.before_json = fmt::format(R"({{"category":"{}","acceptor":"{}","radius_metres":{}}})",
                                  found.front().category ? CategoryName(*found.front().category) : kEveryCategory,
                                  AcceptorKindName(found.front().acceptor), found.front().radius_metres);
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  router_.Invalidate();
  return core::Ok{};
}

std::shared_ptr<const AcceptanceRouter::Snapshot> AcceptanceRouter::Current(storage::Connection& connection) const {
  std::shared_ptr<const Snapshot> aged;  // same rules, only older than kLifetime
  {
    std::lock_guard lock(mutex_);
    if (snapshot_ && snapshot_generation_ == generation_.load()) {
      if (std::chrono::steady_clock::now() - loaded_at_ < kLifetime) return snapshot_;
      aged = snapshot_;
    }
  }
  std::unique_lock loading(loading_, std::try_to_lock);
  if (!loading.owns_lock()) {
    if (aged) return aged;  // another thread is reading the tables
    loading.lock();
    std::lock_guard lock(mutex_);
    if (snapshot_ && snapshot_generation_ == generation_.load()) return snapshot_;
  }
  const std::uint64_t generation = generation_.load();
  auto snapshot = std::make_shared<Snapshot>();
  for (AcceptanceRule& rule : SelectRules(connection, "1 = 1", {})) {
    std::string code = rule.area_code;
    snapshot->rules_by_area[code].push_back(std::move(rule));
  }
  for (const storage::Row& row : connection.Query("SELECT p.id, p.name, p.lat, p.lon, a.id, a.login FROM places p JOIN "
                                                  "accounts a ON a.id = p.owner_account_id "
                                                  "WHERE p.kind = 'station' AND p.status = 'approved' AND a.role = "
                                                  "'station_keeper' AND a.disabled = 0 ORDER BY p.id")) {
    snapshot->stations.push_back({row.Int(0), row.Text(1), {row.Double(3), row.Double(2)}, row.Int(4), row.Text(5)});
  }
  std::shared_ptr<const Snapshot> result = std::move(snapshot);
  std::lock_guard lock(mutex_);
  // A rule that changed while the tables were read may be missing from them: keep nothing then.
  if (generation == generation_.load()) {
    snapshot_ = result;
    snapshot_generation_ = generation;
    loaded_at_ = std::chrono::steady_clock::now();
  }
  return result;
}

Acceptor AcceptanceRouter::Route(storage::Connection& connection, Category category, double lat, double lon,
                                 const areas::Area& area, const std::optional<std::string>& compound) const {
  const std::shared_ptr<const Snapshot> snapshot = Current(connection);
  // The deepest of the report's areas that has a rule for it decides: walk the path upwards.
  const AcceptanceRule* rule = nullptr;
  std::string_view rest = area.path;
  while (rule == nullptr && !rest.empty()) {
    if (rest.back() == '/') rest.remove_suffix(1);
    const std::size_t slash = rest.rfind('/');
    const std::string_view code = slash == std::string_view::npos ? rest : rest.substr(slash + 1);
    if (auto found = snapshot->rules_by_area.find(code); found != snapshot->rules_by_area.end()) {
      rule = MostSpecificRule(found->second, area.path, category);
    }
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(0, slash + 1);
  }
  const Decision decision = DecideBy(rule, category);
  Acceptor acceptor;
  if (decision.rule != nullptr) acceptor.rule_id = decision.rule->id;
  boost::json::object why = decision.welfare           ? boost::json::object{{"because", "welfare"}}
                            : decision.rule != nullptr ? RuleWhy(*decision.rule)
                                                       : RuleWhy(DefaultRule(category));
  const auto because = [&why](std::string_view outcome, const boost::json::object& extra = {}) {
    boost::json::object out = why;
    out["outcome"] = outcome;
    for (auto& [key, value] : extra) out[key] = value;
    return out;
  };
  if (decision.acceptor == AcceptorKind::kNearestStation) {
    const geo::BoundingBox box = geo::BoxAround({lon, lat}, decision.radius_metres);
    double best_metres = 0;
    const Station* nearest = nullptr;
    for (const Station& station : snapshot->stations) {
      if (!box.Contains(station.position)) continue;
      const double metres = geo::DistanceMetres({lon, lat}, station.position);
      if (metres <= decision.radius_metres && (nearest == nullptr || metres < best_metres)) {
        best_metres = metres;
        nearest = &station;
      }
    }
    if (nearest != nullptr) {
      acceptor.kind = AcceptorKind::kNearestStation;
      acceptor.code = std::to_string(nearest->id);
      acceptor.name = nearest->name;
      acceptor.account_id = nearest->keeper_account_id;
      acceptor.notify = {nearest->keeper_login};
      acceptor.why = because("station", {{"metres", std::lround(best_metres)}});
      return acceptor;
    }
    acceptor.why = because("no_station", {{"radius", decision.radius_metres}});
  } else if (decision.acceptor == AcceptorKind::kProperty) {
    if (compound) {
      for (const storage::Row& manager :
           connection.Query("SELECT a.id, a.login, r.name_zh FROM accounts a JOIN areas r ON r.code = a.area_code "
                            "WHERE a.role = 'property_manager' AND a.area_code = ? AND a.disabled = 0 ORDER BY a.id",
                            {*compound})) {
        if (acceptor.notify.empty()) {
          acceptor.kind = AcceptorKind::kProperty;
          acceptor.code = *compound;
          acceptor.name = manager.Text(2) + "物业";  // the company as residents call it
          acceptor.account_id = manager.Int(0);
          acceptor.why = because("property");
        }
        acceptor.notify.push_back(manager.Text(1));
      }
      if (!acceptor.notify.empty()) return acceptor;
    }
    acceptor.why = because(compound ? "no_property_account" : "outside_compound");
  } else {
    acceptor.why = because(decision.welfare ? "welfare_only" : "community");
  }
  acceptor.kind = AcceptorKind::kCommunity;
  acceptor.code = area.code;
  acceptor.name = area.name_zh;
  acceptor.account_id.reset();
  acceptor.notify.clear();
  return acceptor;
}

}  // namespace youhao::reports
