#pragma once
/// `youhao bench passes`: the gate's hot path measured in-process beside raw libsodium, then
/// POST /api/v1/gate/verify over loopback beside the same server's /healthz.

#include "app/command_line.h"

namespace youhao::app {

int BenchPasses(const CommandLine& line);

}  // namespace youhao::app
