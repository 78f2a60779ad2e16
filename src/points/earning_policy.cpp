#include "points/earning_policy.h"

#include <algorithm>
#include <array>
#include <utility>

#include <boost/json/object.hpp>

#include "schedule/clock.h"

namespace youhao::points {

namespace {

constexpr std::array<std::pair<EarningTrigger, std::string_view>, 6> kTriggerNames = {{
    {EarningTrigger::kReportConfirmed, "report_confirmed"},
    {EarningTrigger::kGridMonth, "grid_month"},
    {EarningTrigger::kEventAttended, "event_attended"},
    {EarningTrigger::kVolunteerHour, "volunteer_hour"},
    {EarningTrigger::kTrainingFinished, "training_finished"},
    {EarningTrigger::kHonour, "honour"},
}};

core::Error BadRule(std::string_view field, std::string detail) {
  return core::MakeProblem(core::ErrorCode::kValidationFailed, "bad_rule", "points.bad_rule", std::move(detail),
                           boost::json::object{{"field", field}});
}

int DaysInMonth(int year, int month) {
  const int next_year = month == 12 ? year + 1 : year;
  const int next_month = month == 12 ? 1 : month + 1;
  return static_cast<int>(schedule::DayNumber({next_year, next_month, 1}) - schedule::DayNumber({year, month, 1}));
}

}  // namespace

std::string_view EarningTriggerName(EarningTrigger trigger) {
  for (const auto& [t, name] : kTriggerNames)
    if (t == trigger) return name;
  return "";
}

std::optional<EarningTrigger> ParseEarningTrigger(std::string_view name) {
  for (const auto& [t, n] : kTriggerNames)
    if (n == name) return t;
  return std::nullopt;
}

std::vector<std::string> PathCodes(std::string_view area_path) {
  std::vector<std::string> codes;
  while (!area_path.empty()) {
    const auto slash = area_path.find('/');
    const std::string_view code = area_path.substr(0, slash);
    if (!code.empty()) codes.emplace_back(code);
    if (slash == std::string_view::npos) break;
    area_path.remove_prefix(slash + 1);
  }
  return codes;
}

std::optional<EarningRule> ResolveRule(std::span<const EarningRule> rules, EarningTrigger trigger,
                                       std::string_view area_path) {
  const std::vector<std::string> codes = PathCodes(area_path);
  std::optional<EarningRule> best;
  int best_depth = -1;
  for (const EarningRule& rule : rules) {
    if (rule.trigger != trigger) continue;
    int depth = -1;
    if (rule.area_code == kCityScope) {
      depth = 0;
    } else {
      for (std::size_t i = 0; i < codes.size(); ++i)
        if (codes[i] == rule.area_code) depth = static_cast<int>(i) + 1;
    }
    if (depth > best_depth) {
      best = rule;
      best_depth = depth;
    }
  }
  return best;
}

core::Status CheckRule(long long points, std::optional<long long> daily_cap, std::optional<long long> monthly_cap) {
  if (points < 0 || points > kMaxRulePoints) return BadRule("points", "points: 0 to 10000");
  if (daily_cap && (*daily_cap < 1 || *daily_cap > kMaxRuleCap)) return BadRule("daily_cap", "daily_cap: 1 to 1000000");
  if (monthly_cap && (*monthly_cap < 1 || *monthly_cap > kMaxRuleCap))
    return BadRule("monthly_cap", "monthly_cap: 1 to 1000000");
  if (daily_cap && monthly_cap && *daily_cap > *monthly_cap)
    return BadRule("daily_cap", "daily_cap: not above monthly_cap");
  return core::Ok{};
}

CapDecision DecideCap(long long points, long long earned_today, long long earned_this_month,
                      std::optional<long long> daily_cap, std::optional<long long> monthly_cap) {
  long long room = std::max(points, 0LL);
  if (daily_cap) room = std::min(room, std::max(*daily_cap - earned_today, 0LL));
  if (monthly_cap) room = std::min(room, std::max(*monthly_cap - earned_this_month, 0LL));
  return {room, room < points};
}

long long ExpiryCutoff(long long now, int months) {
  const schedule::CivilDate today = schedule::DateOfDayNumber(schedule::BeijingDayNumber(now));
  const int total = today.year * 12 + (today.month - 1) - std::max(months, 0);
  const int year = total / 12;
  const int month = total % 12 + 1;
  const int day = std::min(today.day, DaysInMonth(year, month));
  return schedule::DayNumber({year, month, day}) * 86'400 - 8LL * 3'600;
}

long long PointsToExpire(long long credits_before_cutoff, long long debits_so_far, long long balance) {
  return std::clamp(credits_before_cutoff - debits_so_far, 0LL, std::max(balance, 0LL));
}

}  // namespace youhao::points
