#pragma once
/// The demo city's door check-ins: everyone holding a place at an event that has already ended
/// came in ten minutes before the start (a verified scan at the door) and went out at the end, and
/// was paid the area's event_attended points, so the attendance pages and the workers' points
/// show past events as attended.

#include "storage/database.h"

namespace youhao::demo {

/// Runs once on the demo database, after SeedDemoEvents (it reads the events and registrations
/// that made).
void SeedDemoAttendance(storage::Connection& connection, long long now);

}  // namespace youhao::demo
