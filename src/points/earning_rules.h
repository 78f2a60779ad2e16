#pragma once
/// Earning rules in the database and the awards they pay: officers set a rule for their area (or,
/// city officers, the city's default) and each trigger; `EarnByRule` pays a worker by the rule in
/// force for an area, from the rule's pool, within its caps; `PointsExpiry` expires points past
/// the city's lifetime (oldest first, as `expire` transfers) and reminds workers 30 days before.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "core/error.h"
#include "points/earning_policy.h"
#include "points/ledger.h"
#include "storage/database.h"

namespace youhao::points {

/// What an award by rule did. `refused` says why nothing (or less) was paid: "" (paid in full),
/// "no_rule", "inactive" (the rule in force is switched off or pays 0), "capped" (the day's or
/// month's cap: `paid` is the remainder, maybe 0), "pool_empty" (the rule's pool lacks the points).
struct EarnResult {
  long long asked = 0;  ///< the rule's points
  long long paid = 0;
  bool capped = false;
  bool replayed = false;  ///< paid before under the same client id: nothing moved this time
  std::string refused;
  std::optional<long long> transfer_id;
  std::optional<long long> rule_id;  ///< nullopt: no rule (or the fallback paid)
};

/// Earning rules on a connection, for the caller's transaction.
class EarningRuleRepository {
 public:
  /// The rules set for the city and for every area on `area_path`.
  static std::vector<EarningRule> RulesOnPath(storage::Connection& connection, std::string_view area_path);
  /// The materialised path of area `code` ("" when there is no such area).
  static std::string AreaPath(storage::Connection& connection, std::string_view code);

  /// Pays `worker_account_id` (a sign-in account) for `trigger` in area `area_code` by the rule in
  /// force there (else by `fallback`, when given), in the caller's transaction: an `award` from the
  /// rule's pool with client id "<trigger>:<reference>", so a replay pays nothing twice; within the
  /// rule's daily and monthly caps (Beijing time), paying the remainder or nothing.
  static EarnResult EarnByRule(storage::Connection& connection, EarningTrigger trigger, long long worker_account_id,
                               std::string_view area_code, std::string_view reference, long long now,
                               const std::optional<EarningRule>& fallback = std::nullopt);
};

/// A trigger's rule as seen from one area: the rule in force and where it comes from.
struct RuleInForce {
  EarningTrigger trigger = EarningTrigger::kReportConfirmed;
  std::optional<EarningRule> rule;  ///< none: this trigger pays nothing here
  std::string from_area_code;       ///< kCityScope, or the area whose override it is
  std::string from_area_name;       ///< "" for the city
  bool own = false;                 ///< set for the area looked at itself
  std::string pool_name;
  long long pool_balance = 0;
};

struct RuleList {
  std::string area_code;  ///< kCityScope for the city
  std::string area_name;
  std::vector<RuleInForce> rules;  ///< one per trigger, in kEarningTriggers order
};

struct RuleInput {
  long long points = 0;
  std::optional<long long> pool_id;  ///< none: the pool of the rule inherited (else the city's)
  std::optional<long long> daily_cap;
  std::optional<long long> monthly_cap;
  bool active = true;
};

class EarningRuleService {
 public:
  explicit EarningRuleService(storage::Database& database) : database_(database) {}

  /// The rules in force for `area_code` (default: the caller's area; kCityScope for city-wide
  /// callers). Errors: forbidden outside the caller's area, kNotFound for an unknown area.
  core::Result<RuleList> List(const accounts::Principal& caller, const std::optional<std::string>& area_code) const;
  /// Sets the override of `area_code` (default as List) for `trigger`, audited. Errors: forbidden
  /// (grid officers, areas outside the caller's), points.bad_rule, kNotFound (area, pool).
  core::Result<RuleList> Set(const accounts::Principal& caller, EarningTrigger trigger,
                             const std::optional<std::string>& area_code, const RuleInput& input, long long now);
  /// Removes the override, so the parent's rule applies again; audited. Errors as Set, kNotFound
  /// when the area sets no rule of its own, points.rule_city_default for the city's default.
  core::Result<RuleList> Remove(const accounts::Principal& caller, EarningTrigger trigger,
                                const std::optional<std::string>& area_code, long long now);

 private:
  storage::Database& database_;
};

/// Points about to expire: how many, and the Beijing date before which they do ("YYYY-MM-DD").
struct Expiring {
  long long points = 0;
  std::string before;
};

class PointsExpiry {
 public:
  explicit PointsExpiry(storage::Database& database) : database_(database) {}

  /// The city's lifetime of points in months (points_settings.lifetime_months, default 12).
  static int LifetimeMonths(storage::Connection& connection);
  /// Of ledger account `account_id` (a worker's, holding `balance`): what is past its lifetime
  /// at `now` (`before` empty).
  static Expiring DueNow(storage::Connection& connection, long long account_id, long long balance, long long now);
  /// What will have expired within kReminderDays of `now` (due ones included).
  static Expiring DueSoon(storage::Connection& connection, long long account_id, long long balance, long long now);

  /// Expires every worker's points past their lifetime: one `expire` transfer per worker and day
  /// (client id "expire:<account>:<yyyy-mm-dd>", so a second run that day is a replay). Returns
  /// the points expired.
  long long ExpireDue(long long now);
  /// Writes one reminder notification ("points_expiring", {points, before}) per worker and Beijing
  /// month to each worker with points expiring within kReminderDays. Returns the logins told (to
  /// wake their inboxes after the commit).
  std::vector<std::string> RemindDue(long long now);

 private:
  storage::Database& database_;
};

/// The notification kind of the expiry reminder (worded at the edge as "notifications.points_expiring").
inline constexpr std::string_view kExpiringNotice = "points_expiring";

}  // namespace youhao::points
