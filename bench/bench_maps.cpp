#include "bench/bench_maps.h"

#ifndef YOUHAO_OSM_DIR
#define YOUHAO_OSM_DIR ""
#endif
#include "core/json_output.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>

#include <fmt/format.h>

#include "address/address_bench.h"
#include "bench/bench_util.h"
#include "core/compress.h"
#include "core/keyring.h"
#include "demo/demo_city.h"
#include "maps/compound_router.h"
#include "maps/map_service.h"
#include "maps/osm_import.h"
#include "maps/osm_map_importer.h"
#include "maps/sample_compound.h"
#include "osm/osm_data.h"
#include "registry/phone_vault.h"
#include "storage/database.h"

namespace youhao::app {
int BenchMaps(const CommandLine& line) {
  const bool quick = line.Has("quick");
  const double seconds = quick ? 0.3 : 2.0;
  std::cout << "## youhao-bench maps\n\n";

  const address::AddressBenchResult parsing = address::RunAddressBench(seconds);
  std::cout << "| measure | result | goal |\n|---|---|---|\n";
  std::cout << fmt::format("| address parsing, one core | {:.0f} /s | ≥ 1,000,000 /s |\n", parsing.parses_per_second);
  std::cout << fmt::format("| compound name matching among 20,000 names | {:.0f} /s | — |\n", parsing.match_per_second);

  const maps::CompoundRouter router(maps::SampleCompound(40));
  std::vector<long long> doors;
  for (const maps::Feature& feature : router.map().features) {
    if (feature.kind == maps::FeatureKind::kEntrance) doors.push_back(feature.id);
  }
  const std::size_t gzipped = core::Gzip(core::SerializeJson(maps::MapToGeoJson(router.map()))).size();
  std::mt19937_64 random(7);
  const long long morning = 1763863200;  // a Monday, 10:00 Beijing
  std::size_t door = 0;
  const Latency route = Measure(seconds, [&] {
    auto found = router.FindRoute({}, doors[door++ % doors.size()], morning);
    if (!found.ok()) throw std::runtime_error(found.error().detail);
  });
  const Latency multi = Measure(seconds, [&] {
    std::vector<long long> stops;
    stops.reserve(8);
    for (int i = 0; i < 8; ++i) stops.push_back(doors[random() % doors.size()]);
    auto plan = router.PlanDrops({}, stops, morning);
    if (!plan.ok()) throw std::runtime_error(plan.error().detail);
  });
  std::cout << fmt::format(
      "| door-to-door route, 40-building compound ({} doors), median / p99 | {:.1f} µs / {:.1f} µs | median ≤ 50 µs "
      "|\n",
      doors.size(), route.median_us, route.p99_us);
  std::cout << fmt::format("| 8-stop multi-drop order (exact), median / p99 | {:.0f} µs / {:.0f} µs | ≤ 2 ms |\n",
                           multi.median_us, multi.p99_us);
  std::cout << fmt::format("| map data of the 40-building compound, gzipped | {:.1f} KB | ≤ 50 KB |\n",
                           static_cast<double>(gzipped) / 1024.0);

  const std::string directory = OsmDirectory(line);
  if (!directory.empty()) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
      const std::string name = entry.path().filename().string();
      if (name.ends_with(".osm") || name.ends_with(".osm.pbf")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    // A fresh database with the demo city, so that compounds have communities to attach to.
    const std::filesystem::path db_path =
        std::filesystem::temp_directory_path() / fmt::format("youhao-bench-maps-{}.db", getpid());
    {
      auto database = storage::Database::Open("sqlite:" + db_path.string(), 1);
      {
        auto connection = database->Acquire();
        storage::Migrate(*connection);
      }
      const core::Keyring keyring = core::Keyring::Ephemeral();
      demo::GenerateDemoCity(*database, demo::DemoOptions{}, registry::PhoneVault(keyring));
      maps::MapService map_service(*database);
      const std::string parent =
          database->Acquire()
              ->QueryOne("SELECT code FROM areas WHERE level = 'community' ORDER BY code LIMIT 1")
              ->Text(0);
      std::cout
          << "\n| OSM file (© OpenStreetMap contributors) | size | read (ours) | osmium cat to OPL (peer, same run) | "
             "find compounds | import into SQLite (one transaction) | compounds | buildings | entrances | gates |\n"
             "|---|---|---|---|---|---|---|---|---|---|\n";
      for (const auto& file : files) {
        const auto started = Clock::now();
        auto data = osm::ReadOsmFile(file.string());
        if (!data.ok()) {
          std::cout << fmt::format("| {} | failed: {} |\n", file.filename().string(), data.error().detail);
          continue;
        }
        data->BuildIndex();
        const double read_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        const auto extract_start = Clock::now();
        const maps::OsmImport extracted = maps::ExtractCompounds(*data);
        const double extract_ms = std::chrono::duration<double, std::milli>(Clock::now() - extract_start).count();
        const bool in_haidian = file.filename().string().starts_with("beijing");
        auto imported = maps::ImportOsmFile(*database, map_service, file.string(),
                                            in_haidian ? std::nullopt : std::optional<std::string>(parent));
        int buildings = 0, entrances = 0, gates = 0;
        for (const auto& compound : extracted.compounds) {
          buildings += compound.Count(maps::FeatureKind::kBuilding);
          entrances += compound.Count(maps::FeatureKind::kEntrance);
          gates += compound.Count(maps::FeatureKind::kGate);
        }
        // Debian's osmium (libosmium, C++) reading the same file and writing OPL to /dev/null.
        const auto osmium_start = Clock::now();
        const int osmium_status = std::system(
            fmt::format("osmium cat -f opl -o /dev/null --overwrite '{}' 2>/dev/null", file.string()).c_str());
        const double osmium_ms = std::chrono::duration<double, std::milli>(Clock::now() - osmium_start).count();
        const std::string osmium = osmium_status == 0 ? fmt::format("{:.0f} ms", osmium_ms) : "osmium not installed";
        std::cout << fmt::format("| {} | {:.1f} MB | {:.0f} ms | {} | {:.0f} ms | {:.0f} ms | {} | {} | {} | {} |\n",
                                 file.filename().string(), static_cast<double>(std::filesystem::file_size(file)) / 1e6,
                                 read_ms, osmium, extract_ms, imported.ok() ? imported->total_seconds * 1000 : -1.0,
                                 imported.ok() ? imported->compounds.size() : 0, buildings, entrances, gates);
      }
    }
    std::filesystem::remove(db_path);
    std::filesystem::remove(db_path.string() + "-wal");
    std::filesystem::remove(db_path.string() + "-shm");
  }
  std::cout << fmt::format("\npeak RSS of the benchmark process: {} MB\n", PeakRssMegabytes());
  return 0;
}

}  // namespace youhao::app
