// youhao-bench: every benchmark of the project in one binary beside the server (none is in it).
#include <iostream>
#include <stdexcept>
#include <string>

#include "app/command_line.h"
#include "bench/bench_attendance.h"
#include "bench/bench_calendar.h"
#include "bench/bench_gate.h"
#include "bench/bench_maps.h"
#include "bench/bench_nearby.h"
#include "bench/bench_passes.h"
#include "bench/bench_places.h"
#include "bench/bench_points.h"
#include "bench/bench_reports.h"

namespace youhao::app {
int BenchMicro(int argc, char** argv);
}

namespace {

constexpr const char* kUsage = R"(youhao-bench: the benchmarks (make bench runs them all and writes BENCHMARKS.md)

Usage:
  youhao-bench gate [--quick] [--seconds N] [--rate N] [--workers N] [--synchronous full|normal]
                   POST /api/v1/gate/verify over loopback, constant rate
                                                          and saturation, beside /healthz on the same server
  youhao-bench nearby [--quick] [--seconds N]   GET /api/v1/places/nearby over loopback beside /healthz, and the
                                                server's CPU per request beside the in-process engine query
  youhao-bench passes [--quick]    in-process pass checks beside raw libsodium
  youhao-bench maps [--quick] [--osm-dir DIR]
  youhao-bench places [--quick] [--osm-dir DIR] [--pg URL]   (bench/places.sh runs it with PostGIS+pgRouting)
  youhao-bench reports [--quick]   durable intake with group commit vs raw SQLite; listing; dashboard numbers
  youhao-bench points [--quick] [--seconds N] [--threads N] [--clients N] [--pg URL]
                   ledger transfers in-process vs a raw writer (SQLite; PostgreSQL with --pg), awards over
                   HTTP, 64 clients against one balance with the conservation check
  youhao-bench calendar [--quick] [--events N] [--seconds N]
                   a district's year of events as one iCalendar feed over HTTP, full and 304, beside a
                   plain SELECT of the same rows
  youhao-bench attendance [--quick]
                   a 2,000-person event's four door scanners syncing 500 offline scans each over HTTP,
                   beside the same rows as plain SQL in one transaction
  youhao-bench micro [Google Benchmark flags]
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  try {
    if (command == "micro") return youhao::app::BenchMicro(argc - 1, argv + 1);
    const auto line = youhao::app::ParseCommandLine(argc - 1, argv + 1, {"quick"});
    if (command == "gate") return youhao::app::BenchGate(line);
    if (command == "nearby") return youhao::app::BenchNearby(line);
    if (command == "passes") return youhao::app::BenchPasses(line);
    if (command == "maps") return youhao::app::BenchMaps(line);
    if (command == "places") return youhao::app::BenchPlaces(line);
    if (command == "reports") return youhao::app::BenchReports(line);
    if (command == "points") return youhao::app::BenchPoints(line);
    if (command == "calendar") return youhao::app::BenchCalendar(line);
    if (command == "attendance") return youhao::app::BenchAttendance(line);
  } catch (const std::exception& error) {
    std::cerr << "youhao-bench " << command << ": " << error.what() << "\n";
    return 1;
  }
  std::cerr << kUsage;
  return 2;
}
