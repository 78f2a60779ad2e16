#pragma once
/// `youhao-bench calendar`: a district's year of events as one iCalendar feed. The full answer of
/// GET /api/v1/events.ics over loopback on `youhao serve --demo` and its 304 (If-None-Match), beside
/// the floor: a plain SELECT of the same rows in-process, and the in-process build of the feed.

#include "app/command_line.h"

namespace youhao::app {

/// `youhao-bench calendar [--quick] [--events N] [--seconds N]`. Prints a markdown section; exits 1
/// when a check fails (a feed without every event, a 304 that is not one), not when a goal is missed.
int BenchCalendar(const CommandLine& line);

}  // namespace youhao::app
