#pragma once
/// Timing helpers shared by the `youhao-bench` commands.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "app/command_line.h"

namespace youhao::app {

using Clock = std::chrono::steady_clock;

struct Latency {
  double median_us = 0;
  double p99_us = 0;
  std::size_t samples = 0;
};

/// Calls `step` for about `seconds` (at least 100 times), timing each call.
template <typename Step>
Latency Measure(double seconds, Step&& step) {
  std::vector<double> micros;
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  while (Clock::now() < deadline || micros.size() < 100) {
    const auto start = Clock::now();
    step();
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::sort(micros.begin(), micros.end());
  return {micros[micros.size() / 2], micros[micros.size() * 99 / 100], micros.size()};
}

inline long PeakRssMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

inline std::string OsmDirectory(const CommandLine& line) {
  if (auto flag = line.Flag("osm-dir")) return *flag;
  namespace fs = std::filesystem;
  std::error_code error;
  for (const char* candidate : {"../shared/data/osm", "../../shared/data/osm", YOUHAO_OSM_DIR}) {
    if (fs::is_directory(candidate, error)) return candidate;
  }
  return "";
}

}  // namespace youhao::app
