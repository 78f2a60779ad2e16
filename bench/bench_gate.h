#pragma once

#include "app/command_line.h"

namespace youhao::app {

/// `youhao-bench gate [--quick] [--seconds N] [--rate N]`: POST /api/v1/gate/verify over loopback
/// on the demo server, at a constant rate and at saturation, beside GET /healthz on the same
/// server in the same run.
int BenchGate(const CommandLine& line);

}  // namespace youhao::app
