// Micro benchmarks of the hot paths every request crosses, each beside a peer that does the
// same job by the most direct means, measured in the same run.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <boost/json/parse.hpp>

#include <cstdlib>
#include <filesystem>

#include "accounts/password.h"
#include "api/api.h"
#include "core/json_input.h"
#include "core/random.h"
#include "core/text.h"
#include "demo/demo_city.h"
#include "http/server.h"
#include "registry/directory_service.h"
#include "registry/phone_vault.h"

namespace {

using namespace youhao;

constexpr std::string_view kLoginBody = R"({"login":"demo-street","password":"youhao-demo"})";
constexpr core::FieldSpec kLoginFields[] = {
    {.name = "login", .type = core::FieldType::kString, .required = true, .max_length = 64},
    {.name = "password", .type = core::FieldType::kString, .required = true, .max_length = 128},
};

void BM_ValidateLoginBody(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(core::ParseJsonObject(kLoginBody, kLoginFields));
}
BENCHMARK(BM_ValidateLoginBody);

// Peer: Boost.JSON's parse alone, without the field checks.
void BM_Peer_BoostJsonParse(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(boost::json::parse(kLoginBody));
}
BENCHMARK(BM_Peer_BoostJsonParse);

void BM_Utf8Validate1KiB(benchmark::State& state) {
  std::string text;
  while (text.size() < 1024) text += "金沙时代小区3栋2单元1102 ";
  for (auto _ : state) benchmark::DoNotOptimize(core::IsValidUtf8(text));
  state.SetBytesProcessed(static_cast<long long>(state.iterations() * text.size()));
}
BENCHMARK(BM_Utf8Validate1KiB);

void BM_DispatchRouteMiss(benchmark::State& state) {
  http::Router router;
  for (int i = 0; i < 40; ++i)
    router.Add(http::Method::kGet, "/api/v1/r" + std::to_string(i) + "/{id}",
               [](http::Request&) { return http::Empty(200); });
  router.Add(http::Method::kGet, "/api/v1/areas/{code}", [](http::Request&) { return http::Empty(200); });
  for (auto _ : state) {
    http::Request request;
    request.segments = {"api", "v1", "areas", "110108"};
    std::string label;
    benchmark::DoNotOptimize(http::Dispatch(request, router, nullptr, label));
  }
}
BENCHMARK(BM_DispatchRouteMiss);

void BM_MetricsRecord(benchmark::State& state) {
  http::Metrics metrics;
  for (auto _ : state) metrics.Record("GET", "/api/v1/areas/{code}", 200, 0.0012);
}
BENCHMARK(BM_MetricsRecord);

void BM_PasswordVerifyArgon2id(benchmark::State& state) {
  core::InitCrypto();
  const std::string hash = accounts::HashPassword("youhao-demo");
  for (auto _ : state) benchmark::DoNotOptimize(accounts::VerifyPassword(hash, "youhao-demo"));
}
BENCHMARK(BM_PasswordVerifyArgon2id)->Unit(benchmark::kMillisecond);

std::string CityDatabasePath() {
  const char* path_env = std::getenv("YOUHAO_BENCH_CITY_DB");
  return path_env ? path_env : (std::filesystem::temp_directory_path() / "youhao_bench_city.db").string();
}

/// The city database's key file, beside it as `youhao serve` keeps it: the database is reused
/// across runs, and its phones open only with the key they were sealed under.
const core::Keyring& CityKeyring() {
  static const core::Keyring keyring = [] {
    core::InitCrypto();
    return core::Keyring::FromFile(CityDatabasePath() + ".key");
  }();
  return keyring;
}

const registry::PhoneVault& CityPhones() {
  static const registry::PhoneVault phones(CityKeyring());
  return phones;
}

/// The city-scale database (200,000 workers), made once per run.
storage::Database& CityDatabase() {
  static std::unique_ptr<storage::Database> database = [] {
    auto opened = storage::Database::Open("sqlite:" + CityDatabasePath(), 2);
    {
      auto connection = opened->Acquire();
      storage::Migrate(*connection);
    }
    // A database made before phones were sealed is brought up to date, as `youhao serve` would.
    registry::SealPlaintextPhones(*opened, CityKeyring());
    if (demo::IsEmpty(*opened)) demo::GenerateDemoCity(*opened, {.scale = demo::Scale::kCity}, CityPhones());
    return opened;
  }();
  return *database;
}

std::string StreetPath(storage::Database& database) {
  auto connection = database.Acquire();
  return connection->QueryOne("SELECT path FROM areas WHERE level = 'street' ORDER BY code LIMIT 1")->Text(0);
}

void BM_WorkersPageInStreet(benchmark::State& state) {
  storage::Database& database = CityDatabase();
  registry::DirectoryService directory(database, CityPhones());
  areas::Area street;
  street.path = StreetPath(database);
  for (auto _ : state) benchmark::DoNotOptimize(directory.Workers(street, {.limit = 20}));
}
BENCHMARK(BM_WorkersPageInStreet)->Unit(benchmark::kMicrosecond);

// Peer: the same page and count straight through the sqlite3 C API, no service layer.
void BM_Peer_RawSqliteWorkersPage(benchmark::State& state) {
  storage::Database& database = CityDatabase();
  const std::string path = StreetPath(database);
  const std::string file = CityDatabasePath();
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* count = nullptr;
  sqlite3_stmt* page = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM workers WHERE area_path >= ?1 AND area_path < ?2", -1, &count, nullptr);
  sqlite3_prepare_v2(
      db,
      "SELECT w.id, w.name, w.kind, w.platform, d.name, w.phone_sealed, w.status FROM workers w LEFT JOIN depots d "
      "ON d.id = w.depot_id WHERE w.area_path >= ?1 AND w.area_path < ?2 ORDER BY w.area_path, w.id LIMIT 20",
      -1, &page, nullptr);
  const std::string high = path + "~";
  for (auto _ : state) {
    for (sqlite3_stmt* statement : {count, page}) {
      sqlite3_reset(statement);
      sqlite3_bind_text(statement, 1, path.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(statement, 2, high.c_str(), -1, SQLITE_STATIC);
      while (sqlite3_step(statement) == SQLITE_ROW) benchmark::DoNotOptimize(sqlite3_column_int64(statement, 0));
    }
  }
  sqlite3_finalize(count);
  sqlite3_finalize(page);
  sqlite3_close(db);
}
BENCHMARK(BM_Peer_RawSqliteWorkersPage)->Unit(benchmark::kMicrosecond);

void BM_AreaStatsDistrict(benchmark::State& state) {
  storage::Database& database = CityDatabase();
  registry::DirectoryService directory(database, CityPhones());
  areas::Area district;
  district.path = "110000/110108/";
  for (auto _ : state) benchmark::DoNotOptimize(directory.Stats(district));
}
BENCHMARK(BM_AreaStatsDistrict)->Unit(benchmark::kMillisecond);

}  // namespace

namespace youhao::app {

/// `youhao-bench micro [Google Benchmark flags]`.
int BenchMicro(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace youhao::app
