#include "bench/bench_reports.h"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "bench/bench_util.h"
#include "core/keyring.h"
#include "core/random.h"
#include "demo/demo_city.h"
#include "registry/phone_vault.h"
#include "reports/acceptance_rules.h"
#include "reports/report_service.h"
#include "reports/report_stats.h"
#include "storage/database.h"
#include "storage/group_commit.h"

namespace youhao::app {
namespace {

constexpr int kSubmitters = 64;
constexpr int kWorkerAccounts = 8000;

struct Intake {
  double per_second = 0;
  long long reports = 0;
  Latency latency;
  storage::GroupCommitStats batches;
};

/// `kSubmitters` threads submit distinct reports (each at its own spot, so none is a duplicate)
/// for `seconds`; every submission commits durably before it returns.
Intake MeasureIntake(reports::ReportService& service, const std::vector<accounts::Principal>& workers,
                     std::atomic<long long>& next_spot, double seconds, const storage::GroupCommit* group) {
  std::vector<std::vector<double>> micros(kSubmitters);
  std::atomic<long long> done{0}, failed{0};
  const long long now = storage::NowSeconds();
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  threads.reserve(kSubmitters);
  for (int t = 0; t < kSubmitters; ++t) {
    threads.emplace_back([&, t] {
      while (Clock::now() < deadline) {
        const long long spot = next_spot++;
        reports::ReportInput input;
        input.category = static_cast<reports::Category>(spot % 8);
        input.description = fmt::format("基准测试上报 {}：路口井盖松动，电动车经过时翘起，请尽快处理", spot);
        // A 60 m grid over Haidian: no two reports within the 50 m duplicate radius.
        input.lat = 39.93 + static_cast<double>(spot % 300) * 0.00055;
        input.lon = 116.24 + static_cast<double>(spot / 300 % 300) * 0.0007;
        input.client_id = fmt::format("bench-{}", spot);
        const auto& worker = workers[static_cast<std::size_t>(spot) % workers.size()];
        const auto begin = Clock::now();
        auto result = service.Submit(worker, input, now);
        micros[static_cast<std::size_t>(t)].push_back(
            std::chrono::duration<double, std::micro>(Clock::now() - begin).count());
        (result.ok() ? done : failed)++;
        if (!result.ok() && failed.load() < 3) std::cerr << "submit failed: " << result.error().detail << "\n";
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& part : micros) all.insert(all.end(), part.begin(), part.end());
  std::sort(all.begin(), all.end());
  Intake intake;
  intake.reports = done.load();
  intake.per_second = static_cast<double>(done.load()) / elapsed;
  if (!all.empty()) intake.latency = {all[all.size() / 2], all[all.size() * 99 / 100], all.size()};
  if (group != nullptr) intake.batches = group->Stats();
  return intake;
}

}  // namespace

int BenchReports(const CommandLine& line) {
  core::InitCrypto();
  const bool quick = line.Has("quick");
  const double seconds = quick ? 1.0 : 4.0;
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / fmt::format("youhao-bench-reports-{}", ::getpid());
  fs::create_directories(dir);
  const std::string url = "sqlite:" + (dir / "bench.db").string() + "?synchronous=full";
  std::cout << "youhao-bench reports: SQLite WAL, synchronous=FULL (every commit fsynced), " << kSubmitters
            << " submitting threads, " << seconds << " s per measurement, in " << dir << "\n";

  // Raw: same-sized rows straight through one connection, `batch` rows per durable transaction
  // (one fsync each), for `seconds`; rows per second.
  long long raw_rows = 0;
  const auto raw_rate = [&](int batch) {
    auto raw = storage::Database::Open("sqlite:" + (dir / "raw.db").string() + "?synchronous=full", 1);
    auto connection = raw->Acquire();
    connection->ExecuteScript(
        "CREATE TABLE IF NOT EXISTS raw_reports (id INTEGER PRIMARY KEY, category TEXT, status TEXT, description TEXT, "
        "lat REAL, lon REAL, address TEXT, area_code TEXT, area_path TEXT, compound_code TEXT, reporter_account_id "
        "INTEGER, reporter_name TEXT, source TEXT, client_id TEXT, created_at INTEGER, updated_at INTEGER, due_at "
        "INTEGER)");
    long long rows = 0;
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration<double>(seconds);
    while (Clock::now() < deadline) {
      storage::Transaction transaction(*connection);
      for (int k = 0; k < batch; ++k, ++raw_rows, ++rows) {
        connection->Execute(
            "INSERT INTO raw_reports (category, status, description, lat, lon, address, area_code, area_path, "
            "compound_code, reporter_account_id, reporter_name, source, client_id, created_at, updated_at, due_at) "
            "VALUES ('hazard', 'submitted', ?, ?, ?, '', '110108011001', '110000/110108/110108011/110108011001/', "
            "'110108011001001', ?, '张小哥', 'app', ?, ?, ?, ?)",
            {fmt::format("基准测试上报 {}：路口井盖松动，电动车经过时翘起，请尽快处理", raw_rows),
             39.98 + static_cast<double>(raw_rows % 100) * 1e-4, 116.33, raw_rows, fmt::format("bench-{}", raw_rows),
             1'700'000'000LL, 1'700'000'000LL, 1'700'086'400LL});
      }
      transaction.Commit();
    }
    return static_cast<double>(rows) / std::chrono::duration<double>(Clock::now() - start).count();
  };
  const double raw_per_second = raw_rate(1);
  std::cout << fmt::format("  raw durable insert (one row per transaction, 1 thread): {:.0f} rows/s\n", raw_per_second);

  auto database = storage::Database::Open(url, kSubmitters + 4);
  {
    auto connection = database->Acquire();
    storage::Migrate(*connection);
  }
  const core::Keyring keyring = core::Keyring::Ephemeral();
  const registry::PhoneVault phones(keyring);
  demo::GenerateDemoCity(*database, {}, phones);
  std::vector<accounts::Principal> workers;
  {
    auto connection = database->Acquire();
    auto district = connection->QueryOne("SELECT code, path FROM areas WHERE code = '110108'");
    storage::Transaction transaction(*connection);
    for (int i = 0; i < kWorkerAccounts; ++i) {
      accounts::Principal worker;
      worker.login = fmt::format("bench-worker-{}", i);
      worker.account_id =
          connection
              ->QueryOne(
                  "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) "
                  "VALUES (?, '骑手', 'worker', ?, 'unused', 0, 0) RETURNING id",
                  {worker.login, district->Text(0)})
              ->Int(0);
      worker.role = accounts::Role::kWorker;
      worker.area_code = district->Text(0);
      worker.area_path = district->Text(1);
      workers.push_back(std::move(worker));
    }
    transaction.Commit();
  }
  // Every demo station gets a keeper, so that routing to the nearest station has stations to choose
  // from (the demo staffs only one), and every street of the district a rule of its own.
  long long staffed = 0, rules = 0;
  {
    auto connection = database->Acquire();
    storage::Transaction transaction(*connection);
    for (const auto& row : connection->Query("SELECT p.id, p.area_code FROM places p WHERE p.kind = 'station' AND "
                                             "p.status = 'approved' AND p.owner_account_id IS NULL")) {
      const long long keeper =
          connection
              ->QueryOne(
                  "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) "
                  "VALUES (?, '站长', 'station_keeper', ?, 'unused', 0, 0) RETURNING id",
                  {fmt::format("bench-keeper-{}", row.Int(0)), row.Text(1)})
              ->Int(0);
      connection->Execute("UPDATE places SET owner_account_id = ? WHERE id = ?", {keeper, row.Int(0)});
    }
    staffed = connection->QueryInt(
        "SELECT COUNT(*) FROM places p JOIN accounts a ON a.id = p.owner_account_id WHERE p.kind = 'station' AND "
        "a.role = 'station_keeper'");
    connection->Execute(
        "INSERT INTO acceptance_rules (area_code, area_path, category, acceptor, radius_metres, note, created_by, "
        "created_at) "
        "SELECT code, path, 'traffic', 'community', 1000, '', 'bench', 0 FROM areas WHERE level = 'street' AND "
        "parent_code = '110108'");
    rules = connection->QueryInt("SELECT COUNT(*) FROM acceptance_rules");
    transaction.Commit();
  }
  reports::AcceptanceRouter router;
  // Routing alone: the rules and the nearest staffed station for reports all over the district,
  // each in one of its communities.
  {
    auto connection = database->Acquire();
    std::vector<areas::Area> communities;
    for (const auto& row : connection->Query(
             "SELECT code, path, name_zh FROM areas WHERE level = 'community' AND path LIKE '110000/110108/%'")) {
      areas::Area community;
      community.code = row.Text(0);
      community.path = row.Text(1);
      community.name_zh = row.Text(2);
      communities.push_back(std::move(community));
    }
    std::mt19937_64 engine(11);
    std::uniform_real_distribution<double> lat(39.93, 40.09), lon(116.24, 116.45);
    std::vector<double> micros;
    long long by_kind[3] = {0, 0, 0};
    const auto until = Clock::now() + std::chrono::duration<double>(seconds / 2);
    while (Clock::now() < until) {
      const auto category = static_cast<reports::Category>(engine() % reports::kCategoryCount);
      const double at_lat = lat(engine), at_lon = lon(engine);
      const auto begin = Clock::now();
      const areas::Area& community = communities[engine() % communities.size()];
      const reports::Acceptor acceptor = router.Route(*connection, category, at_lat, at_lon, community, std::nullopt);
      micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - begin).count());
      ++by_kind[static_cast<int>(acceptor.kind)];
    }
    std::sort(micros.begin(), micros.end());
    std::cout << fmt::format(
        "  routing ({} staffed stations, {} rules), 1 thread: {} reports routed, median {:.1f} us, p99 {:.1f} us; "
        "{} to a station, {} to the community, {} to a property company\n",
        staffed, rules, micros.size(), micros[micros.size() / 2], micros[micros.size() * 99 / 100], by_kind[0],
        by_kind[1], by_kind[2]);
  }
  areas::AreaService areas(*database);
  reports::GridReporterService grid(*database, areas, phones);
  std::atomic<long long> next_spot{0};

  reports::ReportService plain(*database, areas, grid, router);
  const Intake per_request = MeasureIntake(plain, workers, next_spot, seconds, nullptr);
  std::cout << fmt::format(
      "  intake, one transaction per report: {:.0f} reports/s ({:.2f}x raw), median {:.2f} ms, p99 {:.2f} ms\n",
      per_request.per_second, per_request.per_second / raw_per_second, per_request.latency.median_us / 1000,
      per_request.latency.p99_us / 1000);
  Intake grouped;
  {
    storage::GroupCommit group(*database);
    reports::ReportService service(*database, areas, grid, router, &group);
    grouped = MeasureIntake(service, workers, next_spot, seconds, &group);
  }
  std::cout << fmt::format(
      "  intake, group commit: {:.0f} reports/s ({:.2f}x raw), median {:.2f} ms, p99 {:.2f} ms; {} batches, {:.1f} "
      "reports per batch, "
      "largest {}\n",
      grouped.per_second, grouped.per_second / raw_per_second, grouped.latency.median_us / 1000,
      grouped.latency.p99_us / 1000, grouped.batches.batches,
      grouped.batches.batches
          ? static_cast<double>(grouped.batches.units) / static_cast<double>(grouped.batches.batches)
          : 0.0,
      grouped.batches.largest_batch);

  // The fair peer of group commit: the raw writer with the same rows per transaction (the
  // batches' mean size), so both pay the same fsyncs per row.
  const int same_batch = std::max(
      1, static_cast<int>(std::lround(grouped.batches.batches ? static_cast<double>(grouped.batches.units) /
                                                                    static_cast<double>(grouped.batches.batches)
                                                              : 1.0)));
  const double raw_batched = raw_rate(same_batch);
  std::cout << fmt::format(
      "  raw durable insert, {} rows per transaction (group commit's mean batch), 1 thread: {:.0f} rows/s; "
      "group commit is {:.2f}x of it\n",
      same_batch, raw_batched, grouped.per_second / raw_batched);

  // A separate database: a district with exactly 10,000 open reports among a year of closed
  // ones, inserted in time order as they would arrive; the recent ones are more often open.
  auto listing_database = storage::Database::Open("sqlite:" + (dir / "listing.db").string(), 4);
  {
    auto connection = listing_database->Acquire();
    storage::Migrate(*connection);
  }
  demo::GenerateDemoCity(*listing_database, {}, phones);
  const long long now = storage::NowSeconds();
  const long long year_reports = quick ? 30'000 : 100'000;
  {
    auto connection = listing_database->Acquire();
    // Without the demo's own reports, so that the counts are exact.
    connection->ExecuteScript(
        "DELETE FROM notifications; DELETE FROM point_awards; DELETE FROM report_steps; DELETE FROM report_media; "
        "DELETE FROM reports");
    std::vector<std::string> paths;
    for (const auto& row : connection->Query("SELECT path FROM areas WHERE level = 'community' ORDER BY code"))
      paths.push_back(row.Text(0));
    std::mt19937_64 engine(7);
    const auto below = [&engine](std::size_t bound) { return static_cast<std::size_t>(engine() % bound); };
    std::vector<long long> created(static_cast<std::size_t>(year_reports));
    for (auto& at : created) at = now - static_cast<long long>(below(365UL * 86400));
    std::sort(created.begin(), created.end());
    // The newest 3,000 are all open; 7,000 more are scattered over the year.
    std::vector<bool> open(created.size(), false);
    for (std::size_t i = created.size() - 3000; i < created.size(); ++i) open[i] = true;
    for (long long marked = 0; marked < 7000;) {
      const std::size_t i = below(created.size() - 3000);
      if (!open[i]) {
        open[i] = true;
        ++marked;
      }
    }
    storage::Transaction transaction(*connection);
    for (std::size_t i = 0; i < created.size(); ++i) {
      const std::string& path = paths[below(paths.size())];
      const std::size_t cut = path.rfind('/', path.size() - 2) + 1;
      const std::string code = path.substr(cut, path.size() - cut - 1);
      const bool resolved = !open[i] && below(5) != 0;
      connection->Execute(
          "INSERT INTO reports (category, status, description, lat, lon, area_code, area_path, reporter_name, "
          "created_at, updated_at, "
          "due_at, resolved_at, closed_at) VALUES (?, ?, '基准测试的一年数据', 39.98, 116.33, ?, ?, '骑手', ?, ?, ?, "
          "?, ?)",
          {std::string(reports::CategoryName(static_cast<reports::Category>(below(8)))),
           std::string(open[i]    ? "in_progress"
                       : resolved ? "confirmed"
                                  : "closed"),
           code, path, created[i], created[i], created[i] + 48LL * 3600,
           resolved ? storage::Value{created[i] + static_cast<long long>(below(96UL * 3600))} : storage::Value{nullptr},
           open[i] ? storage::Value{nullptr} : storage::Value{created[i] + 100LL * 3600}});
    }
    transaction.Commit();
    connection->ExecuteScript("ANALYZE");
  }
  areas::AreaService listing_areas(*listing_database);
  reports::ReportService listing(*listing_database, listing_areas, grid, router);
  reports::ReportStatistics listing_stats(*listing_database);
  auto district = listing_areas.Find("110108");
  long long total_reports = 0, open_reports = 0;
  {
    auto connection = listing_database->Acquire();
    total_reports = connection->QueryInt("SELECT COUNT(*) FROM reports");
    open_reports = connection->QueryInt("SELECT COUNT(*) FROM reports WHERE status NOT IN ('confirmed', 'closed')");
  }
  reports::ReportService::Filter first_page;
  first_page.area_path = district->path;
  first_page.open = true;
  first_page.limit = 50;
  first_page.include_private = true;
  const Latency page = Measure(seconds / 2, [&] { (void)listing.List(first_page); });
  std::vector<long long> cursors;
  for (auto filter = first_page;;) {
    auto items = listing.List(filter);
    if (items.empty()) break;
    cursors.push_back(items.back().id);
    filter.before_id = items.back().id;
  }
  std::size_t at = 0;
  const Latency deep = Measure(seconds / 2, [&] {
    auto filter = first_page;
    filter.before_id = cursors[at++ % cursors.size()];
    (void)listing.List(filter);
  });
  auto by_category = first_page;
  by_category.category = reports::Category::kFireLane;
  const Latency category = Measure(seconds / 2, [&] { (void)listing.List(by_category); });
  const auto walk_start = Clock::now();
  long long walked = 0;
  for (auto filter = first_page;;) {
    auto items = listing.List(filter);
    if (items.empty()) break;
    walked += static_cast<long long>(items.size());
    filter.before_id = items.back().id;
  }
  const double walk_ms = std::chrono::duration<double, std::milli>(Clock::now() - walk_start).count();
  std::cout << fmt::format("  district 110108: {} reports, {} open\n", total_reports, open_reports);
  std::cout << fmt::format("  list open reports, first page of 50: median {:.2f} ms, p99 {:.2f} ms ({} runs)\n",
                           page.median_us / 1000, page.p99_us / 1000, page.samples);
  std::cout << fmt::format("  list open reports, any later page (cursor): median {:.2f} ms, p99 {:.2f} ms\n",
                           deep.median_us / 1000, deep.p99_us / 1000);
  std::cout << fmt::format("  list open fire-lane reports, first page: median {:.2f} ms, p99 {:.2f} ms\n",
                           category.median_us / 1000, category.p99_us / 1000);
  std::cout << fmt::format("  walk all {} open reports, 50 a page: {:.0f} ms\n", walked, walk_ms);
  const Latency stats =
      Measure(seconds / 2, [&] { (void)listing_stats.For(*district, now - 365 * 86400LL, now, now); });
  std::cout << fmt::format("  dashboard numbers for the district's year: median {:.1f} ms, p99 {:.1f} ms\n",
                           stats.median_us / 1000, stats.p99_us / 1000);
  std::cout << fmt::format("  peak RSS: {} MB\n", PeakRssMegabytes());
  database->Close();
  listing_database->Close();
  std::error_code error;
  fs::remove_all(dir, error);
  return 0;
}

}  // namespace youhao::app
