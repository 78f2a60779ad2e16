#pragma once

#include "app/command_line.h"

namespace youhao::app {

/// `youhao-bench nearby [--quick] [--seconds N]`: GET /api/v1/places/nearby (by riding time on the
/// demo's road network) over loopback, at saturation and at a constant rate, beside /healthz on
/// the same server; the server's CPU time per request beside the in-process engine query the
/// endpoint runs (snap + NearestByRoad) on the same data, for the same points.
int BenchNearby(const CommandLine& line);

}  // namespace youhao::app
