#pragma once
/// `youhao-bench maps`: address parsing and compound matching per second, a door-to-door route
/// in a 40-building compound, an 8-stop multi-drop plan, and the import time of each OSM file.

#include "app/command_line.h"

namespace youhao::app {

int BenchMaps(const CommandLine& line);

}  // namespace youhao::app
