#pragma once
/// `youhao-bench passes`: a pass's decode and signature checks in-process beside raw libsodium.
/// The endpoint itself is `youhao-bench gate`.

#include "app/command_line.h"

namespace youhao::app {

int BenchPasses(const CommandLine& line);

}  // namespace youhao::app
