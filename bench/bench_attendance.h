#pragma once
/// `youhao-bench attendance`: the event door. A 2,000-person event with four door scanners: each
/// uploads an offline batch of 500 scans (POST /api/v1/events/{id}/checkins, every pass checked at
/// its scan time, nonces deduplicated, attendance points paid) against `youhao serve --demo`, all
/// four at once; the time until all are synced, beside the same 2,000 rows inserted as plain SQL
/// in one transaction.

#include "app/command_line.h"

namespace youhao::app {

/// `youhao-bench attendance [--quick]`. Prints a markdown section; exits 1 when a check fails (a
/// scan not verified, a batch refused, a duplicate counted twice), not when the goal is missed.
int BenchAttendance(const CommandLine& line);

}  // namespace youhao::app
