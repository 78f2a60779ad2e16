#include "volunteers/volunteer_hours.h"

#include <algorithm>

#include <fmt/format.h>

#include "points/earning_rules.h"
#include "schedule/clock.h"
#include "volunteers/volunteer_policy.h"
#include "volunteers/volunteer_repository.h"

namespace youhao::volunteers {

long long PayHours(storage::Connection& connection, long long entry_id, long long account_id,
                   std::string_view area_code, int minutes, long long now) {
  long long paid = 0;
  for (int hour = 1; hour <= PaidHours(minutes); ++hour) {
    paid += points::EarningRuleRepository::EarnByRule(connection, points::EarningTrigger::kVolunteerHour, account_id,
                                                      area_code, fmt::format("hours:{}:{}", entry_id, hour), now)
                .paid;
  }
  return paid;
}

void RecordScanHours(storage::Connection& connection, long long event_id, long long account_id, long long checked_in_at,
                     long long checked_out_at, long long now) {
  const auto event = volunteer_repository::FindTeamEvent(connection, event_id);
  if (!event) return;
  // Hours are the team's members': a non-member's check-out at the shift records nothing.
  if (!volunteer_repository::Membership(connection, event->team_id, account_id)) return;
  if (volunteer_repository::FindScanEntry(connection, event_id, account_id)) return;
  const int minutes = ScanMinutes(checked_in_at, checked_out_at, event->starts_at, event->ends_at);
  if (minutes == 0) return;
  const auto team = volunteer_repository::FindTeam(connection, event->team_id);
  if (!team) return;
  HoursEntry entry;
  entry.team_id = event->team_id;
  entry.account_id = account_id;
  entry.event_id = event_id;
  entry.day = schedule::BeijingDate(std::max(checked_in_at, event->starts_at));
  entry.minutes = minutes;
  entry.source = HoursSource::kScan;
  entry.status = HoursStatus::kApproved;
  entry.recorded_by = "door";
  entry.decided_by = "door";
  entry.decided_at = now;
  const long long id = volunteer_repository::InsertEntry(connection, entry, now);
  PayHours(connection, id, account_id, team->area_code, minutes, now);
}

}  // namespace youhao::volunteers
