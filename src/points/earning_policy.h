#pragma once
/// Earning rules, without a database: what a worker earns for what, where. A rule is set for an
/// area (or for the whole city) and a trigger; the most specific area on a worker's area path
/// wins (street over district over city). Caps per Beijing day and month bound what one trigger
/// pays; points expire oldest first after the city's lifetime, with a reminder 30 days before.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace youhao::points {

enum class EarningTrigger {
  kReportConfirmed,   ///< a worker's report confirmed
  kGridMonth,         ///< a month served as a roaming grid reporter
  kEventAttended,     ///< an event attended
  kVolunteerHour,     ///< an hour of volunteering
  kTrainingFinished,  ///< a training finished
  kHonour,            ///< an honour received
};
inline constexpr EarningTrigger kEarningTriggers[] = {EarningTrigger::kReportConfirmed,  EarningTrigger::kGridMonth,
                                                      EarningTrigger::kEventAttended,    EarningTrigger::kVolunteerHour,
                                                      EarningTrigger::kTrainingFinished, EarningTrigger::kHonour};
std::string_view EarningTriggerName(EarningTrigger trigger);
std::optional<EarningTrigger> ParseEarningTrigger(std::string_view name);

/// The scope of a city-wide default rule (as the ledger names the city's own accounts "city").
inline constexpr std::string_view kCityScope = "city";
/// The largest award one rule may pay, and the largest cap.
inline constexpr long long kMaxRulePoints = 10'000;
inline constexpr long long kMaxRuleCap = 1'000'000;

struct EarningRule {
  long long id = 0;
  std::string area_code;  ///< kCityScope for the city default
  EarningTrigger trigger = EarningTrigger::kReportConfirmed;
  long long points = 0;
  long long pool_account_id = 0;
  std::optional<long long> daily_cap;    ///< points per Beijing day from this trigger; none: no cap
  std::optional<long long> monthly_cap;  ///< points per Beijing month from this trigger; none: no cap
  bool active = true;
};

/// The area codes of a materialised path, top down ("110000/110108/110108001/" → 110000, 110108,
/// 110108001).
std::vector<std::string> PathCodes(std::string_view area_path);

/// The rule in force for `trigger` in the area with `area_path`: the one set for the deepest area
/// on the path, else the city default; nullopt when neither exists. An inactive rule still wins
/// (an area switches a trigger off by an inactive override).
std::optional<EarningRule> ResolveRule(std::span<const EarningRule> rules, EarningTrigger trigger,
                                       std::string_view area_path);

/// Checks a rule's numbers: points 0..kMaxRulePoints, caps 1..kMaxRuleCap, a daily cap not above
/// the monthly one. Catalogued problem points.bad_rule naming the field.
core::Status CheckRule(long long points, std::optional<long long> daily_cap, std::optional<long long> monthly_cap);

/// What may be paid now for an award of `points`, given what the worker already earned from the
/// same trigger today and this month (Beijing time): all of it, the part up to the tighter cap
/// (`capped`), or nothing (`capped` too).
struct CapDecision {
  long long pay = 0;
  bool capped = false;
};
CapDecision DecideCap(long long points, long long earned_today, long long earned_this_month,
                      std::optional<long long> daily_cap, std::optional<long long> monthly_cap);

/// How long points live unless the city says otherwise, and how early a worker is reminded.
inline constexpr int kDefaultLifetimeMonths = 12;
inline constexpr long long kReminderDays = 30;

/// The Beijing midnight before which a credit has lived `months` calendar months at `now`
/// (the same day of the month, or the month's last day when shorter).
long long ExpiryCutoff(long long now, int months);

/// Oldest first: of the points received before the cutoff, what was not yet debited (spent,
/// held, expired, reversed) has expired; never more than the balance, never below zero.
long long PointsToExpire(long long credits_before_cutoff, long long debits_so_far, long long balance);

}  // namespace youhao::points
