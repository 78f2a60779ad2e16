#include "bench/bench_points.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <latch>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "accounts/access.h"
#include "accounts/roles.h"
#include "bench/bench_util.h"
#include "bench/http_load.h"
#include "bench/server_process.h"
#include "core/keyring.h"
#include "points/ledger.h"
#include "points/redemptions.h"
#include "storage/database.h"

namespace youhao::app {

namespace {

using points::AccountKind;
using points::Ledger;
using points::TransferKind;

constexpr int kWorkerAccounts = 1000;
/// The one-balance test: this many clients redeem an offer of `kOneBalancePrice` points, again and
/// again, for one worker given `kOneBalanceFunds` points, until the worker's points refuse.
constexpr int kOneBalanceClients = 64;
constexpr long long kOneBalanceFunds = 1000;
constexpr long long kOneBalancePrice = 7;

constexpr std::string_view kTransfersPath = "/api/v1/points/transfers";
constexpr std::string_view kRawInsert =
    "INSERT INTO bench_raw_transfers (source_id, target_id, amount, kind, reason, client_id, actor_login, reverses, "
    "at) VALUES (?, ?, ?, 'award', 'bench award', ?, 'bench', NULL, ?)";

/// What a timed run of writers did.
struct Throughput {
  double per_second = 0;
  long long done = 0;
  long long failed = 0;
  Latency latency;
};

/// `threads` writers, each on a connection of its own, call `step(connection, i)` (i unique across
/// the run) for `seconds`; a step returns whether it committed. Only committed steps are timed.
template <typename Step>
Throughput Drive(storage::Database& database, int threads, double seconds, const Step& step) {
  std::atomic<long long> next{0}, failed{0};
  std::vector<std::vector<double>> micros(static_cast<std::size_t>(threads));
  std::latch ready(threads), go(1);
  Clock::time_point deadline;
  std::vector<std::thread> writers;
  writers.reserve(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    writers.emplace_back([&, t] {
      auto connection = database.Acquire();
      ready.count_down();
      go.wait();
      auto& mine = micros[static_cast<std::size_t>(t)];
      while (Clock::now() < deadline) {
        const long long i = next++;
        const auto begin = Clock::now();
        bool committed = false;
        try {
          committed = step(*connection, i);
        } catch (const storage::DatabaseError& error) {
          if (failed.load() < 3) std::cerr << "bench points: a write failed: " << error.what() << "\n";
        }
        if (committed) {
          mine.push_back(std::chrono::duration<double, std::micro>(Clock::now() - begin).count());
        } else {
          ++failed;
        }
      }
    });
  }
  ready.wait();
  const auto start = Clock::now();
  deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  go.count_down();
  for (auto& writer : writers) writer.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& part : micros) all.insert(all.end(), part.begin(), part.end());
  std::sort(all.begin(), all.end());
  Throughput throughput;
  throughput.done = static_cast<long long>(all.size());
  throughput.failed = failed.load();
  throughput.per_second = static_cast<double>(all.size()) / elapsed;
  if (!all.empty()) throughput.latency = {all[all.size() / 2], all[all.size() * 99 / 100], all.size()};
  return throughput;
}

/// The bench's accounts in one database: the city's issuer, a pool funded for the whole run, and
/// `kWorkerAccounts` workers. Owner refs carry `tag`, so that runs on a kept database never meet.
struct Fixture {
  long long issuer = 0;
  long long pool = 0;
  std::vector<long long> workers;
};

points::TransferRequest Request(TransferKind kind, long long source, long long target, long long amount,
                                std::string client_id) {
  points::TransferRequest request;
  request.source_id = source;
  request.target_id = target;
  request.amount = amount;
  request.kind = kind;
  request.reason = kind == TransferKind::kFund ? "bench budget" : "bench award";
  request.client_id = std::move(client_id);
  request.actor_login = "bench";
  request.at = storage::NowSeconds();
  return request;
}

void Fund(storage::Connection& connection, long long issuer, long long pool, long long amount,
          const std::string& client_id) {
  auto funded = Ledger::Move(connection, Request(TransferKind::kFund, issuer, pool, amount, client_id));
  if (!funded.ok()) throw std::runtime_error("funding the bench pool failed: " + funded.error().detail);
}

Fixture Prepare(storage::Database& database, const std::string& tag) {
  auto connection = database.Acquire();
  storage::Migrate(*connection);
  const long long now = storage::NowSeconds();
  Fixture fixture;
  storage::Transaction transaction(*connection);
  fixture.issuer = Ledger::Ensure(*connection, AccountKind::kIssuer, "city", "city issuer", now).id;
  fixture.pool =
      Ledger::Ensure(*connection, AccountKind::kPool, fmt::format("bench:{}:pool", tag), "bench pool", now).id;
  Fund(*connection, fixture.issuer, fixture.pool, points::kMaxTransferPoints, fmt::format("bench-fund-{}", tag));
  for (int i = 0; i < kWorkerAccounts; ++i) {
    fixture.workers.push_back(
        Ledger::Ensure(*connection, AccountKind::kWorker, fmt::format("bench:{}:worker:{}", tag, i), "", now).id);
  }
  // The raw writer's plain table: the transfer row's columns, no constraint and no index but its key.
  connection->ExecuteScript(fmt::format(
      "DROP TABLE IF EXISTS bench_raw_transfers; CREATE TABLE bench_raw_transfers (id {}, source_id BIGINT NOT NULL, "
      "target_id BIGINT NOT NULL, amount BIGINT NOT NULL, kind TEXT NOT NULL, reason TEXT NOT NULL, client_id TEXT NOT "
      "NULL, actor_login TEXT NOT NULL, reverses BIGINT, at BIGINT NOT NULL)",
      connection->dialect() == storage::Dialect::kPostgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY"));
  transaction.Commit();
  return fixture;
}

/// The conservation law over the whole database, and the balances checked against their transfers.
struct LawCheck {
  points::Conservation sums;
  long long balances_off = -1;
  bool Holds() const { return sums.Holds() && balances_off == 0; }
};

LawCheck CheckLaw(storage::Connection& connection) {
  return {Ledger::Check(connection), Ledger::BalancesOffTheirTransfers(connection)};
}

std::string LawText(const points::Conservation& sums, long long balances_off) {
  return fmt::format(
      "issued {} = pools {} + workers {} + held {} + spent {} + expired {}: {}; balances off their transfers: {}",
      sums.issued, sums.pools, sums.workers, sums.held, sums.spent, sums.expired, sums.Holds() ? "holds" : "**BROKEN**",
      balances_off);
}

/// The 64 clients against one balance, wherever they ran: one worker's points, redeemed.
struct OneBalance {
  long long start_balance = 0;     ///< the worker's points when the clients start
  long long successes = 0;         ///< redemptions held
  long long refused = 0;           ///< clients that stopped on insufficient points (all of them, in a sound run)
  long long other = 0;             ///< answers that were neither (none, in a sound run)
  long long final_balance = -1;    ///< the worker's, once every client stopped
  long long rows = -1;             ///< redemptions recorded for the worker
  long long confirmed = 0;         ///< of the held ones, confirmed by the merchant afterwards (every other one)
  long long cancelled = 0;         ///< the rest, cancelled by the worker
  long long settled_balance = -1;  ///< the worker's, after the settling
  long long merchant_balance = -1;
  double seconds = 0;
  points::Conservation sums;
  long long balances_off = -1;

  /// Nothing below zero, nothing lost or minted, the balance drained until it could not pay, and
  /// every held redemption settled into exactly one of spent or given back.
  bool Sound() const {
    return other == 0 && refused == kOneBalanceClients && final_balance >= 0 &&
           final_balance == start_balance - kOneBalancePrice * successes && final_balance < kOneBalancePrice &&
           rows == successes && confirmed + cancelled == successes &&
           settled_balance == start_balance - kOneBalancePrice * confirmed &&
           merchant_balance == kOneBalancePrice * confirmed && sums.Holds() && balances_off == 0;
  }
};

/// The rows a redemption needs in a bare ledger database: an area, a worker and a merchant
/// account, the merchant's approved place and an offer there priced `kOneBalancePrice` without a
/// stock limit; the worker's ledger account funded with `kOneBalanceFunds` from the bench pool.
struct RedeemFixture {
  accounts::Principal worker, merchant;
  long long offer = 0;
  long long place = 0;
};

RedeemFixture PrepareRedeem(storage::Connection& connection, const Fixture& fixture, const std::string& tag) {
  const long long now = storage::NowSeconds();
  RedeemFixture made;
  storage::Transaction transaction(connection);
  const std::string area = fmt::format("bench-{}", tag);
  connection.Execute(
      "INSERT INTO areas (code, parent_code, level, name_zh, name_en, path) VALUES (?, NULL, 'community', ?, ?, ?)",
      {area, std::string("bench"), std::string("bench"), area + "/"});
  const auto account = [&](const std::string& login, accounts::Role role) {
    accounts::Principal principal;
    principal.account_id =
        connection
            .QueryOne(
                "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) "
                "VALUES (?, ?, ?, ?, '-', 0, ?) RETURNING id",
                {login, login, std::string(accounts::RoleName(role)), area, now})
            ->Int(0);
    principal.login = login;
    principal.display_name = login;
    principal.role = role;
    principal.area_code = area;
    principal.area_path = area + "/";
    return principal;
  };
  made.worker = account(fmt::format("bench-worker-{}", tag), accounts::Role::kWorker);
  made.merchant = account(fmt::format("bench-merchant-{}", tag), accounts::Role::kMerchant);
  made.place = connection
                   .QueryOne(
                       "INSERT INTO places (kind, name, area_code, area_path, lat, lon, created_at, status, "
                       "owner_account_id) VALUES ('merchant', 'bench shop', ?, ?, 39.99, 116.32, ?, 'approved', ?) "
                       "RETURNING id",
                       {area, area + "/", now, made.merchant.account_id})
                   ->Int(0);
  made.offer = connection
                   .QueryOne(
                       "INSERT INTO points_offers (place_id, title, description, price, stock, valid_from, "
                       "valid_until, active, created_by, created_at, updated_at) VALUES (?, 'bench meal', '', ?, "
                       "NULL, ?, NULL, 1, 'bench', ?, ?) RETURNING id",
                       {made.place, kOneBalancePrice, now - 60, now, now})
                   ->Int(0);
  const auto wallet =
      Ledger::Ensure(connection, AccountKind::kWorker, points::WorkerOwnerRef(made.worker.account_id), "", now);
  auto funded = Ledger::Move(connection, Request(TransferKind::kAward, fixture.pool, wallet.id, kOneBalanceFunds,
                                                 fmt::format("bench-one-balance-{}", tag)));
  if (!funded.ok()) throw std::runtime_error("funding the bench worker failed: " + funded.error().detail);
  transaction.Commit();
  return made;
}

/// `kOneBalanceClients` threads, each on its own connection through the service the server uses,
/// redeem the offer for the one worker, again and again, until the worker's points refuse; then
/// the merchant confirms every other held redemption by its code and the worker cancels the rest.
OneBalance OneBalanceInProcess(storage::Database& database, const Fixture& fixture, const std::string& tag) {
  RedeemFixture made;
  {
    auto connection = database.Acquire();
    made = PrepareRedeem(*connection, fixture, tag);
  }
  const core::Keyring keyring = core::Keyring::Ephemeral();
  points::RedemptionService redemptions(database, keyring);
  std::atomic<long long> successes{0}, refused{0}, other{0};
  std::mutex held_mutex;
  std::vector<std::pair<long long, std::string>> held;  // redemption id, its code
  std::latch ready(kOneBalanceClients), go(1);
  std::vector<std::thread> clients;
  clients.reserve(kOneBalanceClients);
  for (int t = 0; t < kOneBalanceClients; ++t) {
    clients.emplace_back([&, t] {
      ready.count_down();
      go.wait();
      for (long long k = 0; k < 10'000; ++k) {
        try {
          auto issued =
              redemptions.Redeem(made.worker, made.offer, fmt::format("one-{}-{}", t, k), storage::NowSeconds());
          if (issued.ok() && !issued->replayed) {
            ++successes;
            const std::lock_guard lock(held_mutex);
            held.emplace_back(issued->redemption.id, issued->code);
            continue;
          }
          const bool insufficient = !issued.ok() && issued.error().Name() == "insufficient_points";
          if (!insufficient && other.load() < 3)
            std::cerr << "bench points: one balance: " << (issued.ok() ? "replayed" : issued.error().detail) << "\n";
          ++(insufficient ? refused : other);
        } catch (const storage::DatabaseError& error) {
          if (other++ < 3) std::cerr << "bench points: one balance: " << error.what() << "\n";
        }
        return;
      }
    });
  }
  ready.wait();
  const auto start = Clock::now();
  go.count_down();
  for (auto& client : clients) client.join();
  OneBalance result;
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.start_balance = kOneBalanceFunds;
  result.successes = successes.load();
  result.refused = refused.load();
  result.other = other.load();
  const auto balance_of = [&](AccountKind kind, const std::string& owner) {
    auto connection = database.Acquire();
    const auto account = Ledger::Find(*connection, kind, owner);
    return account ? account->balance : 0;
  };
  const std::string wallet = points::WorkerOwnerRef(made.worker.account_id);
  result.final_balance = balance_of(AccountKind::kWorker, wallet);
  result.rows = database.Acquire()->QueryInt("SELECT COUNT(*) FROM points_redemptions WHERE worker_account_id = ?",
                                             {made.worker.account_id});
  for (std::size_t i = 0; i < held.size(); ++i) {
    const long long now = storage::NowSeconds();
    if (i % 2 == 0) {
      if (redemptions.Confirm(made.merchant, held[i].second, now).ok()) ++result.confirmed;
    } else if (redemptions.Cancel(made.worker, held[i].first, now).ok()) {
      ++result.cancelled;
    }
  }
  result.settled_balance = balance_of(AccountKind::kWorker, wallet);
  result.merchant_balance = balance_of(AccountKind::kMerchant, fmt::format("place:{}", made.place));
  auto connection = database.Acquire();
  const LawCheck law = CheckLaw(*connection);
  result.sums = law.sums;
  result.balances_off = law.balances_off;
  return result;
}

/// One database's in-process figures.
struct InProcess {
  std::string database;
  Throughput raw_one, ledger_one, raw_many, ledger_many;
  long long rows = -1;  ///< transfers recorded from the bench pool
  LawCheck law;
  OneBalance one_balance;
  bool Sound() const {
    return ledger_one.failed == 0 && ledger_many.failed == 0 && rows == ledger_one.done + ledger_many.done &&
           law.Holds() && one_balance.Sound();
  }
};

InProcess MeasureInProcess(storage::Database& database, const std::string& label, int threads, double seconds,
                           const std::string& tag) {
  InProcess measured;
  measured.database = label;
  const Fixture fixture = Prepare(database, tag);
  const long long at = storage::NowSeconds();
  const auto raw = [&](storage::Connection& connection, long long i) {
    storage::Transaction transaction(connection);
    connection.Execute(kRawInsert, {fixture.pool, fixture.workers[static_cast<std::size_t>(i % kWorkerAccounts)], 1LL,
                                    fmt::format("raw-{}", i), at});
    transaction.Commit();
    return true;
  };
  const auto ledger = [&](const std::string& prefix) {
    return [&, prefix](storage::Connection& connection, long long i) {
      storage::Transaction transaction(connection);
      auto moved = Ledger::Move(connection, Request(TransferKind::kAward, fixture.pool,
                                                    fixture.workers[static_cast<std::size_t>(i % kWorkerAccounts)], 1,
                                                    fmt::format("{}-{}", prefix, i)));
      if (!moved.ok() || moved->replayed) return false;
      transaction.Commit();
      return true;
    };
  };
  measured.raw_one = Drive(database, 1, seconds, raw);
  measured.ledger_one = Drive(database, 1, seconds, ledger("one"));
  measured.raw_many = Drive(database, threads, seconds, raw);
  measured.ledger_many = Drive(database, threads, seconds, ledger("many"));
  {
    auto connection = database.Acquire();
    measured.rows = connection->QueryInt("SELECT COUNT(*) FROM points_transfers WHERE source_id = ? AND kind = 'award'",
                                         {fixture.pool});
    measured.law = CheckLaw(*connection);
  }
  measured.one_balance = OneBalanceInProcess(database, fixture, tag);
  {
    auto connection = database.Acquire();
    connection->ExecuteScript("DROP TABLE IF EXISTS bench_raw_transfers");
  }
  return measured;
}

// Over HTTP.

std::string Token(unsigned short port, const std::string& login) {
  auto [status, body] =
      HttpCall(port, "POST", "/api/v1/session", fmt::format(R"({{"login":"{}","password":"youhao-demo"}})", login));
  if (status != 201) throw std::runtime_error("login failed for " + login + ": " + body);
  return std::string(boost::json::parse(body).at("token").as_string());
}

std::string AwardBody(const std::string& client_id, long long pool, long long amount, long long worker) {
  return fmt::format(
      R"({{"kind":"award","amount":{},"client_id":"{}","reason":"bench award","pool_id":{},"worker_id":{}}})", amount,
      client_id, pool, worker);
}

void FundOverHttp(unsigned short port, const std::string& token, long long pool, long long amount,
                  const std::string& client_id) {
  auto [status, body] =
      HttpCall(port, "POST", std::string(kTransfersPath),
               fmt::format(R"({{"kind":"fund","amount":{},"client_id":"{}","reason":"bench budget","pool_id":{}}})",
                           amount, client_id, pool),
               token);
  if (status != 201) throw std::runtime_error(fmt::format("funding pool {} over HTTP: {} {}", pool, status, body));
}

long long Number(const boost::json::value& value, std::string_view key) { return value.at(key).to_number<long long>(); }

struct OverHttp {
  LoadResult load;
  long long load_rows = -1;  ///< transfers the load made, counted in the server's database
  OneBalance one_balance;
  long server_rss_mb = 0;
  bool Sound() const {
    const long long answered = load.completed - load.non_2xx;
    return load.non_2xx == 0 && load_rows >= answered && load_rows <= answered + load.errors && one_balance.Sound();
  }
};

OverHttp MeasureOverHttp(double seconds, int clients) {
  OverHttp measured;
  ServerProcess server({"--threads", "2"});
  const unsigned short port = server.port();
  const std::string city = Token(port, "demo-city");
  const std::string community = Token(port, "demo-community");
  auto database = storage::Database::Open("sqlite:" + server.DatabasePath(), 1);
  std::vector<long long> workers;
  {
    auto connection = database->Acquire();
    // The demo workers with a sign-in account (only they hold points), in demo-community's area.
    for (const auto& row : connection->Query(
             "SELECT w.id FROM workers w JOIN accounts a ON a.id = w.account_id WHERE a.login IN ('demo-worker', "
             "'demo-reporter') ORDER BY w.id"))
      workers.push_back(row.Int(0));
  }
  if (workers.empty()) throw std::runtime_error("the demo has no worker with a sign-in account");
  const auto overview = [&] {
    auto [status, body] = HttpCall(port, "GET", "/api/v1/points", "", city);
    if (status != 200) throw std::runtime_error(fmt::format("GET /api/v1/points: {} {}", status, body));
    return boost::json::parse(body);
  };
  long long city_pool = 0;
  const boost::json::value before = overview();  // kept: a temporary would die before the loop
  for (const auto& pool : before.at("pools").as_array()) {
    if (pool.at("owner").as_string() == "city") city_pool = Number(pool, "id");
  }
  if (city_pool == 0) throw std::runtime_error("the demo has no city pool");
  FundOverHttp(port, city, city_pool, points::kMaxTransferPoints, "bench-fund-load");

  const auto awards = [&](const std::string& prefix) -> RequestMaker {
    return [&, prefix](long long i) {
      return RawRequest("POST", std::string(kTransfersPath),
                        AwardBody(fmt::format("{}-{}", prefix, i), city_pool, 1,
                                  workers[static_cast<std::size_t>(i) % workers.size()]),
                        community);
    };
  };
  Saturate(port, awards("warm"), std::min(0.3, seconds), clients);  // warm caches and the connection pool
  measured.load = Saturate(port, awards("load"), seconds, clients);
  measured.load_rows = database->Acquire()->QueryInt(
      "SELECT COUNT(*) FROM points_transfers WHERE source_id = ? AND client_id LIKE 'load-%'", {city_pool});

  // One worker's points against 64 clients redeeming: demo-reporter, given kOneBalanceFunds more
  // points, redeems an offer of kOneBalancePrice points that demo-merchant lists for the run.
  const std::string reporter = Token(port, "demo-reporter");
  const std::string merchant = Token(port, "demo-merchant");
  long long reporter_worker = 0, shop = 0;
  {
    auto connection = database->Acquire();
    reporter_worker = connection->QueryInt(
        "SELECT w.id FROM workers w JOIN accounts a ON a.id = w.account_id WHERE a.login = 'demo-reporter'");
    shop = connection->QueryInt(
        "SELECT p.id FROM places p JOIN accounts a ON a.id = p.owner_account_id WHERE a.login = 'demo-merchant' "
        "ORDER BY p.id LIMIT 1");
  }
  {
    auto [status, body] =
        HttpCall(port, "POST", std::string(kTransfersPath),
                 AwardBody("bench-one-balance", city_pool, kOneBalanceFunds, reporter_worker), community);
    if (status != 201) throw std::runtime_error(fmt::format("funding demo-reporter: {} {}", status, body));
  }
  long long offer = 0;
  {
    auto [status, body] = HttpCall(port, "POST", fmt::format("/api/v1/places/{}/offers", shop),
                                   fmt::format(R"({{"title":"bench meal","price":{}}})", kOneBalancePrice), merchant);
    if (status != 201) throw std::runtime_error(fmt::format("listing the bench offer: {} {}", status, body));
    offer = Number(boost::json::parse(body), "id");
  }
  const auto my_balance = [&] {
    auto [status, body] = HttpCall(port, "GET", "/api/v1/me/points?limit=1", "", reporter);
    if (status != 200) throw std::runtime_error(fmt::format("GET /api/v1/me/points: {} {}", status, body));
    return Number(boost::json::parse(body), "balance");
  };
  OneBalance& one = measured.one_balance;
  one.start_balance = my_balance();
  std::atomic<long long> successes{0}, refused{0}, other{0};
  std::mutex held_mutex;
  std::vector<std::pair<long long, std::string>> held;  // redemption id, its code
  std::latch go(1);
  std::vector<std::thread> threads;
  threads.reserve(kOneBalanceClients);
  const std::string redeem_path = fmt::format("/api/v1/offers/{}/redeem", offer);
  for (int t = 0; t < kOneBalanceClients; ++t) {
    threads.emplace_back([&, t] {
      go.wait();
      for (long long k = 0; k < 10'000; ++k) {
        auto [status, body] =
            HttpCall(port, "POST", redeem_path, fmt::format(R"({{"client_id":"one-{}-{}"}})", t, k), reporter);
        if (status == 201) {
          ++successes;
          const auto answer = boost::json::parse(body);
          const std::lock_guard lock(held_mutex);
          held.emplace_back(Number(answer.at("redemption"), "id"), std::string(answer.at("code").as_string()));
          continue;
        }
        const bool insufficient = status == 409 && body.find("\"insufficient_points\"") != std::string::npos;
        if (!insufficient && other.load() < 3)
          std::cerr << "bench points: one balance over HTTP: " << status << " " << body << "\n";
        ++(insufficient ? refused : other);
        return;
      }
    });
  }
  const auto start = Clock::now();
  go.count_down();
  for (auto& thread : threads) thread.join();
  one.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  one.successes = successes.load();
  one.refused = refused.load();
  one.other = other.load();
  one.final_balance = my_balance();
  one.rows = database->Acquire()->QueryInt(
      "SELECT COUNT(*) FROM points_redemptions WHERE offer_id = ? AND client_id LIKE 'one-%'", {offer});
  for (std::size_t i = 0; i < held.size(); ++i) {
    if (i % 2 == 0) {
      auto [status, body] = HttpCall(port, "POST", "/api/v1/redemptions/confirm",
                                     fmt::format(R"({{"code":"{}"}})", held[i].second), merchant);
      if (status == 200) ++one.confirmed;
    } else {
      auto [status, body] =
          HttpCall(port, "POST", fmt::format("/api/v1/redemptions/{}/cancel", held[i].first), "", reporter);
      if (status == 200) ++one.cancelled;
    }
  }
  one.settled_balance = my_balance();
  // The merchant's points from this offer alone (the demo's place has earlier confirmations).
  one.merchant_balance = database->Acquire()->QueryInt(
      "SELECT COALESCE(SUM(price), 0) FROM points_redemptions WHERE offer_id = ? AND status = 'confirmed'", {offer});
  const auto after = overview();
  const auto& sums = after.at("conservation");
  one.sums = {Number(sums, "issued"), Number(sums, "pools"),   Number(sums, "workers"),
              Number(sums, "spent"),  Number(sums, "expired"), Number(sums, "held")};
  one.balances_off = Number(after, "balances_off");
  measured.server_rss_mb = server.PeakRssMegabytes();
  database->Close();
  return measured;
}

// Printing.

std::string Ms(const Latency& latency, double Latency::*field) {
  return fmt::format("{:.2f} ms", latency.*field / 1000);
}

std::string Verdict(double ratio) { return ratio >= 0.5 ? "met" : "**missed**"; }

void PrintInProcess(const InProcess& measured, int threads) {
  const auto row = [&](const std::string& writer, int n, const Throughput& figure, const std::string& ratio,
                       const std::string& goal) {
    std::cout << fmt::format("| {} | {} | {} | {:.0f} | {} | {} | {} | {} |\n", measured.database, writer, n,
                             figure.per_second, Ms(figure.latency, &Latency::median_us),
                             Ms(figure.latency, &Latency::p99_us), ratio, goal);
  };
  const double one = measured.raw_one.per_second > 0 ? measured.ledger_one.per_second / measured.raw_one.per_second : 0;
  const double many =
      measured.raw_many.per_second > 0 ? measured.ledger_many.per_second / measured.raw_many.per_second : 0;
  row("raw INSERT, same-width row", 1, measured.raw_one, "1", "the peer");
  row("`Ledger::Move` award", 1, measured.ledger_one, fmt::format("**{:.2f}×**", one),
      fmt::format("≥ 0.5×: {}", Verdict(one)));
  row("raw INSERT, same-width row", threads, measured.raw_many, "1", "the peer");
  row("`Ledger::Move` award", threads, measured.ledger_many, fmt::format("**{:.2f}×**", many),
      fmt::format("≥ 0.5×: {}", Verdict(many)));
}

void PrintOneBalance(const std::string& where, const OneBalance& one) {
  std::cout << fmt::format("| {} | {} | {} | {} | {} | {} = {} − {}×{} | {} / {} | {} | {} | {} | {:.0f} ms | {} |\n",
                           where, one.successes, one.refused, one.other, one.rows, one.final_balance, one.start_balance,
                           kOneBalancePrice, one.successes, one.confirmed, one.cancelled, one.settled_balance,
                           one.merchant_balance, LawText(one.sums, one.balances_off), one.seconds * 1000,
                           one.Sound() ? "pass" : "**FAIL**");
}

}  // namespace

int BenchPoints(const CommandLine& line) {
  const bool quick = line.Has("quick");
  const double seconds = std::stod(line.Flag("seconds").value_or(quick ? "0.4" : "5"));
  const int threads = std::stoi(line.Flag("threads").value_or("8"));
  const int clients = std::stoi(line.Flag("clients").value_or("64"));
  if (threads < 1 || clients < 1 || seconds <= 0) throw std::invalid_argument("--seconds, --threads, --clients: > 0");
  const std::string tag = fmt::format("{}-{}", ::getpid(), storage::NowSeconds());
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / fmt::format("youhao-bench-points-{}", ::getpid());
  fs::create_directories(dir);
  const int pool_size = std::max(threads, kOneBalanceClients) + 4;

  std::vector<InProcess> in_process;
  {
    auto sqlite = storage::Database::Open("sqlite:" + (dir / "ledger.db").string() + "?synchronous=full", pool_size);
    in_process.push_back(MeasureInProcess(*sqlite, "SQLite, WAL, synchronous=FULL", threads, seconds, tag));
    sqlite->Close();
  }
  if (auto url = line.Flag("pg")) {
    auto pg = storage::Database::Open(*url, pool_size);
    std::string label;
    {
      auto connection = pg->Acquire();
      const auto settings =
          connection->QueryOne("SELECT current_setting('fsync'), current_setting('synchronous_commit')");
      label = fmt::format("PostgreSQL, fsync={}, synchronous_commit={}", settings->Text(0), settings->Text(1));
    }
    in_process.push_back(MeasureInProcess(*pg, label, threads, seconds, tag));
    pg->Close();
  }
  const OverHttp http = MeasureOverHttp(seconds, clients);
  std::error_code ignored;
  fs::remove_all(dir, ignored);

  std::cout << "## Points ledger (`youhao-bench points`)\n\n";
  std::cout << fmt::format(
      "### Durable transfers in-process beside a raw writer\n\n"
      "`Ledger::Move` (an award from one pool to one of {} workers: the replay lookup by client id, both "
      "accounts read, the conditional debit, the credit, the transfer row and its read-back), one transaction per "
      "transfer as the server makes them, beside a raw "
      "writer inserting a row of the same width (the transfer's columns) into a plain table, also one row per "
      "transaction, so both pay one commit (one fsync on SQLite) per row; the same database, the same number of "
      "threads, each on its own connection, in the same run, {:.1f} s each. Goal (issue 16): ≥ 0.5× the raw rate.\n\n",
      kWorkerAccounts, seconds);
  std::cout << "| database | writer | threads | per second | p50 | p99 | × raw | goal |\n"
               "|---|---|---|---|---|---|---|---|\n";
  for (const auto& measured : in_process) PrintInProcess(measured, threads);
  std::cout << "\n";
  for (const auto& measured : in_process) {
    std::cout << fmt::format("- {}: {} transfers made, {} recorded; after the run {}.\n", measured.database,
                             measured.ledger_one.done + measured.ledger_many.done, measured.rows,
                             LawText(measured.law.sums, measured.law.balances_off));
  }
  if (!line.Flag("pg")) std::cout << "- PostgreSQL: not measured (run with `--pg URL`, as bench/run.sh does).\n";
  if (in_process.size() > 1 && in_process[1].database.find("fsync=off") != std::string::npos) {
    std::cout << "- The PostgreSQL server of scripts/with-postgres.sh runs without fsync: its figures are not durable "
                 "ones; its peer runs on the same server, so the ratios stand.\n";
  }

  const LoadResult& load = http.load;
  const double raw_sqlite = in_process.front().raw_one.per_second;
  std::cout << fmt::format(
      "\n### Awards over HTTP: `POST /api/v1/points/transfers`\n\n"
      "`youhao serve --demo --threads 2` (SQLite, WAL, synchronous=FULL: one transaction and one fsync per transfer, "
      "no group commit); demo-community awards 1 point from the city pool to the demo's workers, {} keep-alive "
      "connections in a closed loop from one load thread on the same cores, each request with its own client id, "
      "for {:.1f} s. The peer is the raw SQLite writer above (one thread, one row per transaction).\n\n",
      clients, seconds);
  std::cout << "| load | transfers/s | p50 | p99 | max | non-2xx | errors | × raw SQLite writer |\n"
               "|---|---|---|---|---|---|---|---|\n";
  std::cout << fmt::format(
      "| award transfers, {} clients | {:.0f} | {:.2f} ms | {:.2f} ms | {:.2f} ms | {} | {} | {:.2f}× |\n", clients,
      load.Rate(), load.QuantileMs(0.5), load.QuantileMs(0.99), load.QuantileMs(1.0), load.non_2xx, load.errors,
      raw_sqlite > 0 ? load.Rate() / raw_sqlite : 0);
  std::cout << fmt::format("\n{} transfers answered 201; {} recorded in the server's database.\n",
                           load.completed - load.non_2xx, http.load_rows);

  std::cout << fmt::format(
      "\n### {} clients redeeming against one balance\n\n"
      "One worker given {} points; {} clients at once redeem an offer of {} points for that worker, again and again "
      "(each redemption its own transaction and client id: the price held from the worker's points, a code made), "
      "until the worker's points refuse (`insufficient_points`); then the merchant confirms every other held "
      "redemption by its code and the worker cancels the rest. In-process the clients call `RedemptionService` (the "
      "server's code path) on their own connections; over HTTP they call `POST /api/v1/offers/{{id}}/redeem` as "
      "demo-reporter, the merchant `POST /api/v1/redemptions/confirm`. A sound run ends with every client refused, "
      "the balance below {} and not below zero (each success only lowers it, so it never went below), one recorded "
      "redemption per success, each settled once (the worker keeps start − price × confirmed, the merchant earns "
      "price × confirmed), and the conservation law (issued = pools + workers + held + spent + expired) with every "
      "balance equal to its transfers' sum (in-process: the ledger's own check; over HTTP: `GET /api/v1/points`).\n\n",
      kOneBalanceClients, kOneBalanceFunds, kOneBalanceClients, kOneBalancePrice, kOneBalancePrice);
  std::cout << "| where | held | refused | other | recorded | balance after | confirmed / cancelled | balance settled "
               "| merchant | conservation | time | check |\n"
               "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& measured : in_process) PrintOneBalance(measured.database + ", in-process", measured.one_balance);
  PrintOneBalance("HTTP, `youhao serve --demo` (SQLite)", http.one_balance);

  bool sound = http.Sound();
  for (const auto& measured : in_process) sound = sound && measured.Sound();
  std::cout << fmt::format(
      "\nPeak RSS: this bench process {} MB (the in-process writers and the HTTP load generator), the server {} "
      "MB. Checks: **{}**.\n",
      PeakRssMegabytes(), http.server_rss_mb, sound ? "all pass" : "FAILED");
  return sound ? 0 : 1;
}

}  // namespace youhao::app
