#include "volunteers/volunteer_policy.h"

#include <algorithm>

#include <fmt/format.h>

#include "schedule/clock.h"

namespace youhao::volunteers {

std::string_view TeamScopeName(TeamScope scope) { return scope == TeamScope::kStreet ? "street" : "platform"; }

std::optional<TeamScope> ParseTeamScope(std::string_view name) {
  if (name == "street") return TeamScope::kStreet;
  if (name == "platform") return TeamScope::kPlatform;
  return std::nullopt;
}

std::string_view HoursSourceName(HoursSource source) { return source == HoursSource::kScan ? "scan" : "manual"; }

std::string_view HoursStatusName(HoursStatus status) {
  switch (status) {
    case HoursStatus::kPending:
      return "pending";
    case HoursStatus::kApproved:
      return "approved";
    case HoursStatus::kRejected:
      return "rejected";
  }
  return "pending";
}

std::optional<HoursStatus> ParseHoursStatus(std::string_view name) {
  for (HoursStatus status : {HoursStatus::kPending, HoursStatus::kApproved, HoursStatus::kRejected})
    if (HoursStatusName(status) == name) return status;
  return std::nullopt;
}

bool IsAppointmentKind(std::string_view kind) {
  return std::find(std::begin(kAppointmentKinds), std::end(kAppointmentKinds), kind) != std::end(kAppointmentKinds);
}

std::string_view CheckEntry(int minutes, std::string_view day, long long today_day_number) {
  if (minutes < kMinEntryMinutes || minutes > kMaxEntryMinutes) return "minutes";
  const auto date = schedule::ParseDate(day);
  if (!date) return "day";
  const long long number = schedule::DayNumber(*date);
  if (number > today_day_number) return "future";
  if (today_day_number - number > kMaxEntryAgeDays) return "too_old";
  return "";
}

std::string_view CheckTerm(std::string_view from, std::string_view until, long long today_day_number) {
  const auto first = schedule::ParseDate(from);
  if (!first) return "term_from";
  const auto last = schedule::ParseDate(until);
  if (!last) return "term_until";
  const long long first_day = schedule::DayNumber(*first);
  const long long last_day = schedule::DayNumber(*last);
  if (last_day < first_day) return "term_order";
  if (last_day - first_day > kMaxTermDays) return "term_length";
  if (last_day < today_day_number) return "term_past";
  return "";
}

bool FitsDay(long long logged_minutes, int minutes) { return logged_minutes + minutes <= kMaxDayMinutes; }

int ScanMinutes(long long checked_in_at, long long checked_out_at, long long starts_at, long long ends_at) {
  const long long from = std::max(checked_in_at, starts_at);
  const long long until = std::min(checked_out_at, ends_at);
  if (until - from < 60) return 0;
  return static_cast<int>(std::min<long long>((until - from) / 60, kMaxEntryMinutes));
}

int PaidHours(int minutes) { return minutes > 0 ? minutes / 60 : 0; }

bool MayManageTeam(const TeamActor& actor) { return actor.organiser && actor.in_scope; }

bool MayJoin(const TeamActor& actor) {
  return actor.role == accounts::Role::kWorker && actor.reaches_team && !actor.member;
}

bool SeesTeamTotals(const TeamActor& actor) { return actor.leader || MayManageTeam(actor); }

std::string_view CheckDecision(bool caller_is_leader, long long caller_account_id, long long entry_account_id,
                               HoursStatus entry_status) {
  if (!caller_is_leader) return "not_leader";
  if (caller_account_id == entry_account_id) return "own_entry";
  if (entry_status != HoursStatus::kPending) return "decided";
  return "";
}

YearTotals TotalsForYear(std::span<const HoursFact> entries, int year) {
  YearTotals totals;
  totals.year = year;
  const std::string prefix = fmt::format("{:04}-", year);
  for (const HoursFact& entry : entries) {
    if (entry.day.rfind(prefix, 0) != 0) continue;
    if (entry.status == HoursStatus::kPending) {
      totals.pending_minutes += entry.minutes;
    } else if (entry.status == HoursStatus::kApproved) {
      (entry.source == HoursSource::kScan ? totals.scan_minutes : totals.manual_minutes) += entry.minutes;
    }
  }
  return totals;
}

std::string HoursText(long long minutes) {
  const long long tenths = (minutes * 10 + 30) / 60;
  if (tenths % 10 == 0) return fmt::format("{}", tenths / 10);
  return fmt::format("{}.{}", tenths / 10, tenths % 10);
}

}  // namespace youhao::volunteers
