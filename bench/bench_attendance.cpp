#include "bench/bench_attendance.h"

#include <sodium.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "bench/bench_util.h"
#include "bench/http_load.h"
#include "bench/server_process.h"
#include "core/base64.h"
#include "core/random.h"
#include "passes/pass_codec.h"
#include "storage/database.h"

namespace youhao::app {

namespace {

constexpr int kPeople = 2000;
constexpr int kScanners = 4;
constexpr double kGoalSeconds = 2.0;

long long UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string Token(unsigned short port, const std::string& login) {
  auto [status, body] =
      HttpCall(port, "POST", "/api/v1/session", fmt::format(R"({{"login":"{}","password":"youhao-demo"}})", login));
  if (status != 201) throw std::runtime_error("login failed for " + login + ": " + body);
  return std::string(boost::json::parse(body).at("token").as_string());
}

/// The event, its registered workers with their sign-in sessions, made with SQL beside the
/// running server (as the events pages and registrations would leave them).
struct Fixture {
  long long event_id = 0;
  std::vector<std::string> tokens;  ///< each worker's bearer token
};

Fixture Prepare(storage::Database& database, const std::string& tag) {
  auto connection = database.Acquire();
  const long long now = UnixNow();
  auto organiser = connection->QueryOne("SELECT id FROM accounts WHERE login = 'demo-union'");
  auto home = connection->QueryOne(
      "SELECT w.area_code, w.area_path, a.lat, a.lon FROM workers w JOIN accounts c ON c.id = w.account_id "
      "JOIN areas a ON a.code = w.area_code WHERE c.login = 'demo-worker'");
  if (!organiser || !home) throw std::runtime_error("the demo has no demo-union or demo-worker");
  const std::string area_code = home->Text(0);
  const std::string area_path = home->Text(1);
  Fixture fixture;
  storage::Transaction transaction(*connection);
  fixture.event_id = connection->QueryInt(
      "INSERT INTO events (uid, kind, title, organiser_kind, organiser_name, created_by, area_code, area_path, "
      "address, lat, lon, starts_at, ends_at, capacity, created_at, updated_at) VALUES (?, 'festival', ?, 'union', "
      "'bench', ?, ?, ?, 'bench', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {fmt::format("{}@youhao", core::RandomToken(16)), fmt::format("bench door {}", tag), organiser->Int(0), area_code,
       area_path, home->IsNull(2) ? 39.99 : home->Double(2), home->IsNull(3) ? 116.33 : home->Double(3), now + 600,
       now + 7800, static_cast<long long>(kPeople), now, now});
  for (int i = 0; i < kPeople; ++i) {
    const long long account = connection->QueryInt(
        "INSERT INTO accounts (login, display_name, role, area_code, password_hash, created_at) VALUES (?, ?, "
        "'worker', ?, 'bench', ?) RETURNING id",
        {fmt::format("bench-door-{}-{}", tag, i), fmt::format("bench {}", i), area_code, now});
    connection->Execute(
        "INSERT INTO workers (account_id, name, phone_digest, kind, platform, area_code, area_path, status, "
        "created_at) VALUES (?, ?, ?, 'food', 'bench', ?, ?, 'verified', ?)",
        {account, fmt::format("bench {}", i), fmt::format("bench-door-{}-{}", tag, i), area_code, area_path, now});
    connection->Execute(
        "INSERT INTO event_registrations (event_id, account_id, status, seat, registered_at, updated_at) VALUES (?, "
        "?, 'confirmed', ?, ?, ?)",
        {fixture.event_id, account, static_cast<long long>(i + 1), now, now});
    std::string token = core::RandomToken(32);
    connection->Execute(
        "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at) VALUES (?, ?, 'bench', ?, "
        "?)",
        {core::HashToken(token), account, now, now + 86400});
    fixture.tokens.push_back(std::move(token));
  }
  transaction.Commit();
  return fixture;
}

/// One pass per worker (POST /api/v1/passes, as each phone asks for its own), all bound to one
/// device key; returns the credentials.
std::vector<passes::Credential> IssuePasses(unsigned short port, const Fixture& fixture,
                                            const std::array<unsigned char, crypto_sign_PUBLICKEYBYTES>& device) {
  std::vector<passes::Credential> credentials;
  const std::string body = fmt::format(R"({{"device_public_key":"{}"}})", core::Base64Encode(device));
  for (const std::string& token : fixture.tokens) {
    auto [status, answer] = HttpCall(port, "POST", "/api/v1/passes", body, token);
    if (status != 201) throw std::runtime_error(fmt::format("POST /api/v1/passes: {} {}", status, answer));
    const auto bytes = core::Base64Decode(std::string_view(boost::json::parse(answer).at("credential").as_string()));
    auto credential = bytes ? passes::ParseCredential(*bytes) : std::nullopt;
    if (!credential) throw std::runtime_error("the server issued no readable pass");
    credentials.push_back(std::move(*credential));
  }
  return credentials;
}

/// The four doors' batches: scanner d holds the scans of workers d, d+4, ... as they came in over
/// the last minutes, each QR as the phone showed it at that moment.
std::vector<std::string> Batches(const std::vector<passes::Credential>& credentials,
                                 const std::array<unsigned char, crypto_sign_SECRETKEYBYTES>& device_secret,
                                 long long now, const std::string& tag) {
  std::vector<boost::json::array> scans(kScanners);
  for (std::size_t i = 0; i < credentials.size(); ++i) {
    const long long at = now - 240 + static_cast<long long>(i % 200);
    const auto window = passes::WindowOf(at);
    const auto input = passes::DeviceSigningInput(credentials[i].pass_id, window);
    passes::Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, input.data(), input.size(), device_secret.data());
    scans[i % kScanners].push_back(
        boost::json::object{{"nonce", fmt::format("bench-{}-{}", tag, i)},
                            {"code", passes::EncodeQrText(credentials[i], window, signature)},
                            {"scanned_at", at},
                            {"direction", "in"},
                            {"method", "camera"}});
  }
  std::vector<std::string> bodies;
  bodies.reserve(scans.size());
  for (auto& batch : scans) bodies.push_back(boost::json::serialize(boost::json::object{{"scans", std::move(batch)}}));
  return bodies;
}

struct Upload {
  int status = 0;
  long long accepted = 0;
  long long duplicates = 0;
  long long verified = 0;
  long long refused = 0;
  std::string error;
};

Upload Parse(int status, const std::string& body) {
  Upload upload{.status = status};
  if (status != 200) {
    upload.error = body.substr(0, 300);
    return upload;
  }
  const auto answer = boost::json::parse(body);
  upload.accepted = answer.at("accepted").to_number<long long>();
  upload.duplicates = answer.at("duplicates").to_number<long long>();
  upload.verified = answer.at("verified").to_number<long long>();
  upload.refused = answer.at("refused").to_number<long long>();
  return upload;
}

/// The four doors upload at once; returns each answer and the seconds until the last was synced.
std::pair<std::vector<Upload>, double> SyncAll(unsigned short port, long long event_id, const std::string& organiser,
                                               const std::vector<std::string>& bodies) {
  std::vector<Upload> uploads(bodies.size());
  const std::string target = fmt::format("/api/v1/events/{}/checkins", event_id);
  const auto start = Clock::now();
  std::vector<std::thread> doors;
  for (std::size_t d = 0; d < bodies.size(); ++d) {
    doors.emplace_back([&, d] {
      auto [status, body] = HttpCall(port, "POST", target, bodies[d], organiser);
      uploads[d] = Parse(status, body);
    });
  }
  for (auto& door : doors) door.join();
  return {uploads, std::chrono::duration<double>(Clock::now() - start).count()};
}

/// The peer: the same 2,000 rows inserted as plain SQL in one transaction (no pass checks, no
/// registrations read, no points).
double PlainInserts(storage::Database& database, long long event_id, long long scanner, const std::string& tag) {
  auto connection = database.Acquire();
  connection->ExecuteScript(
      "CREATE TABLE IF NOT EXISTS bench_raw_checkins (id INTEGER PRIMARY KEY AUTOINCREMENT, event_id BIGINT, "
      "account_id BIGINT, worker_id BIGINT, registration_id BIGINT, direction TEXT, nonce TEXT, scanned_at BIGINT, "
      "received_at BIGINT, scanner_account_id BIGINT, method TEXT, walk_in INTEGER, evidence TEXT, reason TEXT, "
      "UNIQUE (event_id, nonce))");
  const long long now = UnixNow();
  const auto start = Clock::now();
  storage::Transaction transaction(*connection);
  for (int i = 0; i < kPeople; ++i) {
    connection->Execute(
        "INSERT INTO bench_raw_checkins (event_id, account_id, worker_id, registration_id, direction, nonce, "
        "scanned_at, received_at, scanner_account_id, method, walk_in, evidence, reason) VALUES (?, ?, ?, ?, 'in', "
        "?, ?, ?, ?, 'camera', 0, 'verified', NULL) ON CONFLICT (event_id, nonce) DO NOTHING",
        {event_id, static_cast<long long>(i + 1), static_cast<long long>(i + 1), static_cast<long long>(i + 1),
         fmt::format("raw-{}-{}", tag, i), now - 240 + i % 200, now, scanner});
  }
  transaction.Commit();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int BenchAttendance(const CommandLine& line) {
  (void)line;  // --quick changes nothing: the benchmark is one sync of 2,000 scans either way
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to start");
  const std::string tag = fmt::format("{}-{}", ::getpid(), UnixNow());
  ServerProcess server({"--threads", "2"});
  const unsigned short port = server.port();
  auto database = storage::Database::Open("sqlite:" + server.DatabasePath(), 1);
  const Fixture fixture = Prepare(*database, tag);
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> device{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> device_secret{};
  crypto_sign_keypair(device.data(), device_secret.data());
  const auto credentials = IssuePasses(port, fixture, device);
  const std::string organiser = Token(port, "demo-union");
  const auto bodies = Batches(credentials, device_secret, UnixNow(), tag);

  const auto [first, seconds] = SyncAll(port, fixture.event_id, organiser, bodies);
  const auto [again, again_seconds] = SyncAll(port, fixture.event_id, organiser, bodies);
  const long long stored = database->Acquire()->QueryInt(
      "SELECT COUNT(*) FROM event_checkins WHERE event_id = ? AND evidence = 'verified'", {fixture.event_id});
  const long long organiser_id = database->Acquire()->QueryInt("SELECT id FROM accounts WHERE login = 'demo-union'");
  const double plain = PlainInserts(*database, fixture.event_id, organiser_id, tag);

  bool sound = stored == kPeople;
  long long verified = 0, duplicates = 0;
  for (const Upload& upload : first) {
    if (upload.status != 200 || upload.refused != 0) sound = false;
    if (!upload.error.empty()) std::cerr << "bench attendance: a batch failed: " << upload.error << "\n";
    verified += upload.verified;
  }
  for (const Upload& upload : again) {
    if (upload.status != 200 || upload.accepted != 0) sound = false;
    duplicates += upload.duplicates;
  }
  sound = sound && verified == kPeople && duplicates == kPeople;

  std::cout << "## Door check-in (`youhao-bench attendance`)\n\n";
  std::cout << fmt::format(
      "A {}-person event with {} door scanners: each uploads an offline batch of {} scans at once "
      "(`POST /api/v1/events/{{id}}/checkins` on `youhao serve --demo --threads 2`, SQLite): every pass checked at "
      "its scan time (issuer and device signatures), the pass and worker read, the registration looked up, the "
      "nonce stored once, the first check-in paying the area's event_attended points, one transaction per batch. "
      "Then the same batches again (all duplicates), and the peer: the same {} rows as plain SQL INSERTs in one "
      "transaction, nothing checked.\n\n",
      kPeople, kScanners, kPeople / kScanners, kPeople);
  std::cout << "| What | Time | Goal | Verified / duplicates |\n|---|---|---|---|\n";
  std::cout << fmt::format("| {} scans from {} doors, first sync | {:.3f} s | ≤ {:.0f} s {} | {} verified |\n", kPeople,
                           kScanners, seconds, kGoalSeconds, seconds <= kGoalSeconds ? "✓" : "✗", verified);
  std::cout << fmt::format("| the same batches uploaded again | {:.3f} s | | {} duplicates |\n", again_seconds,
                           duplicates);
  std::cout << fmt::format("| peer: {} plain INSERTs, one transaction | {:.3f} s | | |\n\n", kPeople, plain);
  std::cout << fmt::format("Server peak RSS {} MB; checks: {}.\n\n", server.PeakRssMegabytes(),
                           sound ? "all pass" : "FAILED");
  return sound ? 0 : 1;
}

}  // namespace youhao::app
