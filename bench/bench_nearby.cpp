#include "bench/bench_nearby.h"

#include <fmt/format.h>

#include <iostream>
#include <random>

#include "areas/area_service.h"
#include "bench/bench_util.h"
#include "bench/http_load.h"
#include "bench/server_process.h"
#include "places/place_service.h"
#include "roads/road_network.h"
#include "storage/database.h"

namespace youhao::app {

namespace {

constexpr roads::Deciseconds kAnHourOfRiding = 60 * 600;  // the endpoint's search limit

struct Point {
  double lat = 0, lon = 0;
};

std::string Row(const std::string& what, const LoadResult& result, const std::string& extra) {
  return fmt::format("| {} | {:.0f} | {:.2f} ms | {:.2f} ms | {} | {} |", what, result.Rate(), result.QuantileMs(0.5),
                     result.QuantileMs(0.99), result.non_2xx + result.errors, extra);
}

}  // namespace

int BenchNearby(const CommandLine& line) {
  const bool quick = line.Has("quick");
  const double seconds = std::stod(line.Flag("seconds").value_or(quick ? "2" : "10"));
  ServerProcess server({"--threads", "2"});
  const unsigned short port = server.port();

  // The server's own data, opened beside it: the road network and the places.
  auto database = storage::Database::Open("sqlite:" + server.DatabasePath(), 2);
  auto roads = roads::RoadNetwork::Load(server.DatabasePath() + ".roads.yrn");
  if (!roads.ok()) {
    std::cerr << "bench nearby: no road network beside the demo database: " << roads.error().detail << "\n";
    return 1;
  }
  // Points around the demo's places (华清嘉园 and its streets) where a road is near enough to ride
  // from (the demo's extracts cover parts of the area); fixed so that runs compare.
  std::mt19937_64 engine(7);
  std::uniform_real_distribution<double> lat(39.975, 40.005), lon(116.310, 116.350);
  std::vector<Point> points;
  for (int tries = 0; points.size() < 512 && tries < 100'000; ++tries) {
    const Point candidate{lat(engine), lon(engine)};
    if ((*roads)->Snap(roads::Profile::kRide, {candidate.lon, candidate.lat}).ok()) points.push_back(candidate);
  }
  if (points.empty()) {
    std::cerr << "bench nearby: no point near a road\n";
    return 1;
  }
  const auto target = [&](long long i) {
    const Point& p = points[static_cast<std::size_t>(i) % points.size()];
    return fmt::format("/api/v1/places/nearby?lat={:.6f}&lon={:.6f}&limit=10", p.lat, p.lon);
  };
  auto [status, sample] = HttpCall(port, "GET", target(0));
  if (status != 200 || sample.find("\"places\"") == std::string::npos) {
    std::cerr << "bench nearby: the sample query failed (" << status << "): " << sample.substr(0, 300) << "\n";
    return 1;
  }
  const bool by_road = sample.find("\"snapped_metres\":null") == std::string::npos;

  // The engine alone, in this process: snap, then the nearest by road, as the endpoint does.
  areas::AreaService areas(*database);
  places::PlaceService places(*database, areas, roads->get());
  const auto directory = places.Directory();
  std::size_t next = 0;
  std::size_t found = 0;
  const Latency engine_cost = Measure(quick ? 0.5 : 2.0, [&] {
    const Point& p = points[next++ % points.size()];
    auto snapped = (*roads)->Snap(roads::Profile::kRide, {p.lon, p.lat});
    if (!snapped.ok()) return;
    found += directory->NearestByRoad(*snapped, roads::Profile::kRide, 10, {}, kAnHourOfRiding).size();
  });

  const RequestMaker nearby = [&](long long i) { return RawRequest("GET", target(i), "", ""); };
  std::string health_request = RawRequest("GET", "/healthz", "", "");
  const RequestMaker health = [&](long long) { return health_request; };
  Saturate(port, nearby, quick ? 0.5 : 1.0, 64);  // warm up
  const double cpu_before = server.CpuSeconds();
  const LoadResult nearby_max = Saturate(port, nearby, seconds, 64);
  const double cpu_per_request_us =
      nearby_max.completed > 0 ? (server.CpuSeconds() - cpu_before) * 1e6 / static_cast<double>(nearby_max.completed)
                               : 0;
  const double health_cpu_before = server.CpuSeconds();
  const LoadResult health_max = Saturate(port, health, seconds, 64);
  const double health_cpu_us = health_max.completed > 0 ? (server.CpuSeconds() - health_cpu_before) * 1e6 /
                                                              static_cast<double>(health_max.completed)
                                                        : 0;
  const double rate = std::max(50.0, std::floor(nearby_max.Rate() * 0.5 / 50) * 50);
  const LoadResult steady = ConstantRate(port, nearby, rate, seconds, 64);

  std::cout << fmt::format(
      "Server: `youhao serve --demo --threads 2` with the demo's road network ({}); 64 keep-alive connections from one "
      "load thread on the same 2 cores; {:.0f} s per run; {} fixed points near roads around 华清嘉园, 10 nearest "
      "places "
      "each.\n\n",
      by_road ? "answers by riding time" : "NO road network: straight-line answers", seconds, points.size());
  std::cout
      << "| load | requests/s | p50 | p99 | non-2xx + errors | server CPU per request |\n|---|---|---|---|---|---|\n";
  std::cout << Row("GET /api/v1/places/nearby, saturation (closed loop)", nearby_max,
                   fmt::format("{:.0f} µs", cpu_per_request_us))
            << "\n";
  std::cout << Row(fmt::format("GET /api/v1/places/nearby, constant {:.0f}/s (open loop, half the saturation rate)",
                               rate),
                   steady, "")
            << "\n";
  std::cout << Row("GET /healthz, saturation (closed loop), same server", health_max,
                   fmt::format("{:.0f} µs", health_cpu_us))
            << "\n";
  std::cout << fmt::format(
      "\nThe engine alone (snap + NearestByRoad, this process, same data and points): median {:.0f} µs, p99 {:.0f} µs "
      "({} places found over {} queries). Server CPU per request / engine median: **{:.1f}×** (goal ≤ 2×); "
      "p99 at 64 connections {:.1f} ms (goal ≤ 20 ms). Server peak RSS {} MB.\n",
      engine_cost.median_us, engine_cost.p99_us, found, engine_cost.samples,
      engine_cost.median_us > 0 ? cpu_per_request_us / engine_cost.median_us : 0, nearby_max.QuantileMs(0.99),
      server.PeakRssMegabytes());
  return nearby_max.non_2xx + health_max.non_2xx + steady.non_2xx == 0 ? 0 : 1;
}

}  // namespace youhao::app
