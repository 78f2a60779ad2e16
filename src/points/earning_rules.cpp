#include "points/earning_rules.h"

#include <fmt/format.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "audit/audit_log.h"
#include "schedule/clock.h"
#include "schedule/opening_hours.h"

namespace youhao::points {

namespace {

using core::ErrorCode;

// Named statements. An area path is at most five deep (city to compound): the city's rules and
// those of every area on the path are read with six codes, padded with the city's.
constexpr std::string_view kRulesOnPath =
    "SELECT id, area_code, trigger_kind, points, pool_account_id, daily_cap, monthly_cap, active "
    "FROM points_earning_rules WHERE area_code IN (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kRuleOf =
    "SELECT id, area_code, trigger_kind, points, pool_account_id, daily_cap, monthly_cap, active "
    "FROM points_earning_rules WHERE area_code = ? AND trigger_kind = ?";
constexpr std::string_view kUpsertRule =
    "INSERT INTO points_earning_rules (area_code, trigger_kind, points, pool_account_id, daily_cap, monthly_cap, "
    "active, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (area_code, trigger_kind) DO "
    "UPDATE SET points = excluded.points, pool_account_id = excluded.pool_account_id, daily_cap = excluded.daily_cap, "
    "monthly_cap = excluded.monthly_cap, active = excluded.active, updated_by = excluded.updated_by, updated_at = "
    "excluded.updated_at";
constexpr std::string_view kDeleteRule = "DELETE FROM points_earning_rules WHERE area_code = ? AND trigger_kind = ?";
constexpr std::string_view kArea = "SELECT path, name_zh FROM areas WHERE code = ?";
constexpr std::string_view kPriorAward =
    "SELECT id, amount FROM points_transfers WHERE target_id = ? AND kind = 'award' AND client_id = ?";
constexpr std::string_view kEarnedBetween =
    "SELECT COALESCE(SUM(amount), 0) FROM points_transfers WHERE target_id = ? AND reason = ? AND kind = 'award' "
    "AND at >= ? AND at < ?";
// Takes the worker's row lock: two awards to one worker at once are counted against the caps in turn.
constexpr std::string_view kLockWorker = "UPDATE points_accounts SET balance = balance WHERE id = ?";
constexpr std::string_view kLifetime = "SELECT value FROM points_settings WHERE name = 'lifetime_months'";
// Credits that age: awards and reversals into the account (a release only returns held points).
constexpr std::string_view kCreditsBefore =
    "SELECT COALESCE(SUM(amount), 0) FROM points_transfers WHERE target_id = ? AND kind IN ('award', 'reversal') "
    "AND at < ?";
// Everything that left the account, less what came back from holds.
constexpr std::string_view kDebits =
    "SELECT COALESCE(SUM(CASE WHEN source_id = ? THEN amount ELSE -amount END), 0) FROM points_transfers "
    "WHERE source_id = ? OR (target_id = ? AND kind = 'release')";
constexpr std::string_view kWorkersHolding =
    "SELECT id, owner_ref, balance FROM points_accounts WHERE kind = 'worker' AND balance > 0 ORDER BY id";
constexpr std::string_view kRemember =
    "INSERT INTO points_expiry_reminders (account_id, month, points, before_date, at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING";
constexpr std::string_view kLoginOf = "SELECT login FROM accounts WHERE id = ?";
constexpr std::string_view kNotify =
    "INSERT INTO notifications (login, report_id, message, kind, fields, at) VALUES (?, NULL, '', ?, ?, ?)";

constexpr long long kDay = 86'400;

EarningRule RuleFrom(const storage::Row& row) {
  EarningRule rule;
  rule.id = row.Int(0);
  rule.area_code = row.Text(1);
  rule.trigger = ParseEarningTrigger(row.Text(2)).value_or(EarningTrigger::kReportConfirmed);
  rule.points = row.Int(3);
  rule.pool_account_id = row.Int(4);
  if (!row.IsNull(5)) rule.daily_cap = row.Int(5);
  if (!row.IsNull(6)) rule.monthly_cap = row.Int(6);
  rule.active = row.Int(7) != 0;
  return rule;
}

storage::Value OptionalValue(const std::optional<long long>& value) {
  return value ? storage::Value(*value) : storage::Value(nullptr);
}

/// "account:12" → 12; 0 otherwise.
long long SignInAccountOf(std::string_view owner_ref) {
  if (!owner_ref.starts_with("account:")) return 0;
  try {
    return std::stoll(std::string(owner_ref.substr(8)));
  } catch (const std::exception&) {
    return 0;
  }
}

core::Error NotYours(std::string detail) {
  return core::MakeProblem(ErrorCode::kForbidden, "", "points.rules_not_yours", std::move(detail));
}

boost::json::object RuleJsonForAudit(const EarningRule& rule) {
  return {{"points", rule.points},
          {"pool_account_id", rule.pool_account_id},
          {"daily_cap", rule.daily_cap ? boost::json::value(*rule.daily_cap) : boost::json::value(nullptr)},
          {"monthly_cap", rule.monthly_cap ? boost::json::value(*rule.monthly_cap) : boost::json::value(nullptr)},
          {"active", rule.active}};
}

/// The area a caller looks at or sets rules for.
struct Scope {
  std::string code;  ///< kCityScope for the city
  std::string path;  ///< "" for the city
  std::string name;
};

bool CityWide(const accounts::Principal& caller) { return PathCodes(caller.area_path).size() <= 1; }

core::Result<Scope> ScopeOf(storage::Connection& connection, const accounts::Principal& caller,
                            const std::optional<std::string>& requested) {
  if (!requested || requested->empty()) {
    if (CityWide(caller)) return Scope{std::string(kCityScope), "", ""};
    return ScopeOf(connection, caller, caller.area_code);
  }
  if (*requested == kCityScope) {
    if (!CityWide(caller)) return NotYours("the city's defaults are set by city officers");
    return Scope{std::string(kCityScope), "", ""};
  }
  auto row = connection.QueryOne(kArea, {*requested});
  if (!row) return core::MakeError(ErrorCode::kNotFound, "no such area");
  if (!row->Text(0).starts_with(caller.area_path)) return NotYours("this area is outside yours");
  return Scope{*requested, row->Text(0), row->Text(1)};
}

RuleList ListAt(storage::Connection& connection, const Scope& scope) {
  RuleList list;
  list.area_code = scope.code;
  list.area_name = scope.name;
  const std::vector<EarningRule> rules = EarningRuleRepository::RulesOnPath(connection, scope.path);
  for (EarningTrigger trigger : kEarningTriggers) {
    RuleInForce line;
    line.trigger = trigger;
    line.rule = ResolveRule(rules, trigger, scope.path);
    if (line.rule) {
      line.from_area_code = line.rule->area_code;
      line.own = line.rule->area_code == scope.code;
      if (line.rule->area_code != kCityScope) {
        if (auto area = connection.QueryOne(kArea, {line.rule->area_code})) line.from_area_name = area->Text(1);
      }
      if (auto pool = Ledger::ById(connection, line.rule->pool_account_id)) {
        line.pool_name = pool->name;
        line.pool_balance = pool->balance;
      }
    }
    list.rules.push_back(std::move(line));
  }
  return list;
}

bool MaySetRules(accounts::Role role) {
  return (accounts::IsOfficer(role) && role != accounts::Role::kGridOfficer) || role == accounts::Role::kAdmin;
}

long long Credits(storage::Connection& connection, long long account_id, long long before) {
  return connection.QueryInt(kCreditsBefore, {account_id, before});
}

long long Debits(storage::Connection& connection, long long account_id) {
  return connection.QueryInt(kDebits, {account_id, account_id, account_id});
}

}  // namespace

std::vector<EarningRule> EarningRuleRepository::RulesOnPath(storage::Connection& connection,
                                                            std::string_view area_path) {
  std::vector<std::string> codes = PathCodes(area_path);
  codes.resize(5, std::string(kCityScope));
  std::vector<EarningRule> rules;
  for (const auto& row :
       connection.Query(kRulesOnPath, {std::string(kCityScope), codes[0], codes[1], codes[2], codes[3], codes[4]}))
    rules.push_back(RuleFrom(row));
  return rules;
}

std::string EarningRuleRepository::AreaPath(storage::Connection& connection, std::string_view code) {
  if (code.empty()) return "";
  auto row = connection.QueryOne(kArea, {std::string(code)});
  return row ? row->Text(0) : "";
}

EarnResult EarningRuleRepository::EarnByRule(storage::Connection& connection, EarningTrigger trigger,
                                             long long worker_account_id, std::string_view area_code,
                                             std::string_view reference, long long now,
                                             const std::optional<EarningRule>& fallback) {
  EarnResult result;
  const std::string trigger_name(EarningTriggerName(trigger));
  const std::string client_id = fmt::format("{}:{}", trigger_name, reference);
  const LedgerAccount worker =
      Ledger::Ensure(connection, AccountKind::kWorker, WorkerOwnerRef(worker_account_id), "", now);
  if (auto prior = connection.QueryOne(kPriorAward, {worker.id, client_id})) {
    result.replayed = true;
    result.transfer_id = prior->Int(0);
    result.paid = prior->Int(1);
    result.asked = result.paid;
    return result;
  }
  const std::string area_path = AreaPath(connection, area_code);
  std::optional<EarningRule> rule = ResolveRule(RulesOnPath(connection, area_path), trigger, area_path);
  if (rule) {
    result.rule_id = rule->id;
  } else {
    rule = fallback;
  }
  if (!rule) {
    result.refused = "no_rule";
    return result;
  }
  result.asked = rule->points;
  if (!rule->active || rule->points <= 0) {
    result.refused = "inactive";
    return result;
  }
  long long earned_today = 0, earned_month = 0;
  if (rule->daily_cap || rule->monthly_cap) {
    connection.Execute(kLockWorker, {worker.id});
    const long long day_start = schedule::BeijingDayStart(now);
    const auto month = schedule::BeijingMonthRange(schedule::BeijingDate(now).substr(0, 7));
    earned_today = connection.QueryInt(kEarnedBetween, {worker.id, trigger_name, day_start, day_start + kDay});
    if (month)
      earned_month = connection.QueryInt(kEarnedBetween, {worker.id, trigger_name, month->first, month->second});
  }
  const CapDecision cap = DecideCap(rule->points, earned_today, earned_month, rule->daily_cap, rule->monthly_cap);
  result.capped = cap.capped;
  if (cap.capped) result.refused = "capped";
  if (cap.pay <= 0) return result;
  TransferRequest request;
  request.source_id = rule->pool_account_id;
  request.target_id = worker.id;
  request.amount = cap.pay;
  request.kind = TransferKind::kAward;
  request.reason = trigger_name;
  request.client_id = client_id;
  request.actor_login = "system";
  request.at = now;
  auto moved = Ledger::Move(connection, request);
  if (!moved.ok()) {
    result.refused = "pool_empty";
    return result;
  }
  result.paid = moved->amount;
  result.replayed = moved->replayed;
  result.transfer_id = moved->id;
  return result;
}

core::Result<RuleList> EarningRuleService::List(const accounts::Principal& caller,
                                                const std::optional<std::string>& area_code) const {
  auto connection = database_.Acquire();
  auto scope = ScopeOf(*connection, caller, area_code);
  if (!scope.ok()) return scope.error();
  return ListAt(*connection, *scope);
}

core::Result<RuleList> EarningRuleService::Set(const accounts::Principal& caller, EarningTrigger trigger,
                                               const std::optional<std::string>& area_code, const RuleInput& input,
                                               long long now) {
  if (!MaySetRules(caller.role)) return NotYours("earning rules are set by community officers and above");
  if (auto checked = CheckRule(input.points, input.daily_cap, input.monthly_cap); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto scope = ScopeOf(*connection, caller, area_code);
  if (!scope.ok()) return scope.error();
  const std::string trigger_name(EarningTriggerName(trigger));
  const auto before_row = connection->QueryOne(kRuleOf, {scope->code, trigger_name});
  const std::optional<EarningRule> inherited =
      ResolveRule(EarningRuleRepository::RulesOnPath(*connection, scope->path), trigger, scope->path);
  long long pool_id = 0;
  if (input.pool_id) {
    const auto pool = Ledger::ById(*connection, *input.pool_id);
    if (!pool || pool->kind != AccountKind::kPool) return core::MakeError(ErrorCode::kNotFound, "no such pool");
    pool_id = pool->id;
  } else if (inherited) {
    pool_id = inherited->pool_account_id;
  } else {
    pool_id = Ledger::Ensure(*connection, AccountKind::kPool, "city", "", now).id;
  }
  EarningRule rule;
  rule.area_code = scope->code;
  rule.trigger = trigger;
  rule.points = input.points;
  rule.pool_account_id = pool_id;
  rule.daily_cap = input.daily_cap;
  rule.monthly_cap = input.monthly_cap;
  rule.active = input.active;
  connection->Execute(kUpsertRule,
                      {rule.area_code, trigger_name, rule.points, rule.pool_account_id, OptionalValue(rule.daily_cap),
                       OptionalValue(rule.monthly_cap), rule.active ? 1LL : 0LL, caller.login, now});
  audit::Entry entry = accounts::AuditEntryBy(caller, "points.rule_set", "points_earning_rules",
                                              fmt::format("{}:{}", scope->code, trigger_name),
                                              scope->code == kCityScope ? caller.area_code : scope->code);
  if (before_row) entry.before_json = boost::json::serialize(RuleJsonForAudit(RuleFrom(*before_row)));
  entry.after_json = boost::json::serialize(RuleJsonForAudit(rule));
  entry.at = now;
  audit::AuditLog::Record(*connection, entry);
  RuleList list = ListAt(*connection, *scope);
  transaction.Commit();
  return list;
}

core::Result<RuleList> EarningRuleService::Remove(const accounts::Principal& caller, EarningTrigger trigger,
                                                  const std::optional<std::string>& area_code, long long now) {
  if (!MaySetRules(caller.role)) return NotYours("earning rules are set by community officers and above");
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto scope = ScopeOf(*connection, caller, area_code);
  if (!scope.ok()) return scope.error();
  if (scope->code == kCityScope) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "rule_city_default", "points.rule_city_default",
                             "the city's default has no parent to fall back to: set it instead");
  }
  const std::string trigger_name(EarningTriggerName(trigger));
  const auto before_row = connection->QueryOne(kRuleOf, {scope->code, trigger_name});
  if (!before_row) return core::MakeError(ErrorCode::kNotFound, "this area sets no rule of its own for this trigger");
  connection->Execute(kDeleteRule, {scope->code, trigger_name});
  audit::Entry entry = accounts::AuditEntryBy(caller, "points.rule_removed", "points_earning_rules",
                                              fmt::format("{}:{}", scope->code, trigger_name), scope->code);
  entry.before_json = boost::json::serialize(RuleJsonForAudit(RuleFrom(*before_row)));
  entry.at = now;
  audit::AuditLog::Record(*connection, entry);
  RuleList list = ListAt(*connection, *scope);
  transaction.Commit();
  return list;
}

int PointsExpiry::LifetimeMonths(storage::Connection& connection) {
  auto row = connection.QueryOne(kLifetime);
  if (!row || row->IsNull(0) || row->Int(0) < 1) return kDefaultLifetimeMonths;
  return static_cast<int>(row->Int(0));
}

Expiring PointsExpiry::DueNow(storage::Connection& connection, long long account_id, long long balance, long long now) {
  const long long cutoff = ExpiryCutoff(now, LifetimeMonths(connection));
  return {PointsToExpire(Credits(connection, account_id, cutoff), Debits(connection, account_id), balance), ""};
}

Expiring PointsExpiry::DueSoon(storage::Connection& connection, long long account_id, long long balance,
                               long long now) {
  const long long later = now + kReminderDays * kDay;
  const long long cutoff = ExpiryCutoff(later, LifetimeMonths(connection));
  return {PointsToExpire(Credits(connection, account_id, cutoff), Debits(connection, account_id), balance),
          schedule::BeijingDate(later)};
}

long long PointsExpiry::ExpireDue(long long now) {
  long long expired = 0;
  std::vector<LedgerAccount> holders;
  {
    auto connection = database_.Acquire();
    for (const auto& row : connection->Query(kWorkersHolding)) {
      LedgerAccount account;
      account.id = row.Int(0);
      account.owner_ref = row.Text(1);
      account.balance = row.Int(2);
      holders.push_back(std::move(account));
    }
  }
  const std::string today = schedule::BeijingDate(now);
  for (const LedgerAccount& holder : holders) {
    auto connection = database_.Acquire();
    storage::Transaction transaction(*connection);
    const auto account = Ledger::ById(*connection, holder.id);
    if (!account) continue;
    const Expiring due = DueNow(*connection, account->id, account->balance, now);
    if (due.points <= 0) continue;
    TransferRequest request;
    request.source_id = account->id;
    request.target_id = Ledger::Ensure(*connection, AccountKind::kSink, "expired", "", now).id;
    request.amount = due.points;
    request.kind = TransferKind::kExpire;
    request.reason = "expired";
    request.client_id = fmt::format("expire:{}:{}", SignInAccountOf(account->owner_ref), today);
    request.actor_login = "system";
    request.at = now;
    auto moved = Ledger::Move(*connection, request);
    if (!moved.ok() || moved->replayed) continue;
    expired += moved->amount;
    transaction.Commit();
  }
  return expired;
}

std::vector<std::string> PointsExpiry::RemindDue(long long now) {
  std::vector<std::string> told;
  std::vector<std::pair<long long, std::string>> holders;
  {
    auto connection = database_.Acquire();
    for (const auto& row : connection->Query(kWorkersHolding)) holders.emplace_back(row.Int(0), row.Text(1));
  }
  const std::string month = schedule::BeijingDate(now).substr(0, 7);
  for (const auto& [account_id, owner_ref] : holders) {
    const long long sign_in = SignInAccountOf(owner_ref);
    if (sign_in == 0) continue;
    auto connection = database_.Acquire();
    storage::Transaction transaction(*connection);
    const auto account = Ledger::ById(*connection, account_id);
    if (!account) continue;
    const Expiring soon = DueSoon(*connection, account->id, account->balance, now);
    if (soon.points <= 0) continue;
    const auto login = connection->QueryOne(kLoginOf, {sign_in});
    if (!login) continue;
    if (connection->Execute(kRemember, {sign_in, month, soon.points, soon.before, now}) != 1) continue;
    connection->Execute(
        kNotify, {login->Text(0), std::string(kExpiringNotice),
                  boost::json::serialize(boost::json::object{{"points", soon.points}, {"before", soon.before}}), now});
    transaction.Commit();
    told.push_back(login->Text(0));
  }
  return told;
}

}  // namespace youhao::points
