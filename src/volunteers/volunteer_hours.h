#pragma once
/// Volunteer hours recorded at an event's door (the attendance module calls this at a check-out).

#include "storage/database.h"

namespace youhao::volunteers {

/// A check-out at a volunteer event (an event with team_id) after a check-in, by a current member of
/// the event's team: records the minutes between, counted only within the event's own [starts_at,
/// ends_at] (source "scan", approved, dated by the Beijing day they begin), pays the area's
/// volunteer_hour rule for whole hours, in the caller's transaction. A non-member's check-out records
/// nothing. Idempotent per (event, account): a second call updates nothing and pays nothing twice.
void RecordScanHours(storage::Connection& connection, long long event_id, long long account_id, long long checked_in_at,
                     long long checked_out_at, long long now);

/// Pays an approved entry's whole hours by the volunteer_hour rule of `area_code`: one award per hour,
/// referenced "hours:<entry id>:<hour>", so a replay pays nothing twice. Returns the points paid.
long long PayHours(storage::Connection& connection, long long entry_id, long long account_id,
                   std::string_view area_code, int minutes, long long now);

}  // namespace youhao::volunteers
