#include "bench/bench_gate.h"

#include <sodium.h>

#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <chrono>
#include <iostream>
#include <mutex>

#include "bench/bench_util.h"
#include "bench/http_load.h"
#include "bench/server_process.h"
#include "core/base64.h"
#include "passes/pass_codec.h"

namespace youhao::app {

namespace {

std::string Token(unsigned short port, const std::string& login) {
  auto [status, body] =
      HttpCall(port, "POST", "/api/v1/session", fmt::format(R"({{"login":"{}","password":"youhao-demo"}})", login));
  if (status != 201) throw std::runtime_error("login failed for " + login + ": " + body);
  return std::string(boost::json::parse(body).at("token").as_string());
}

long long UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

/// The live code a rider's phone shows: re-signed by the device key for each 30-second window.
class LiveCode {
 public:
  LiveCode(passes::Credential credential, const std::array<unsigned char, crypto_sign_SECRETKEYBYTES>& secret)
      : credential_(std::move(credential)), secret_(secret) {}
  std::string Now() {
    const auto window = passes::WindowOf(UnixNow());
    std::lock_guard lock(mutex_);
    if (window != window_) {
      const auto input = passes::DeviceSigningInput(credential_.pass_id, window);
      passes::Signature signature{};
      crypto_sign_detached(signature.data(), nullptr, input.data(), input.size(), secret_.data());
      code_ = passes::EncodeQrText(credential_, window, signature);
      window_ = window;
    }
    return code_;
  }

 private:
  passes::Credential credential_;
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_;
  std::mutex mutex_;
  long long window_ = -1;
  std::string code_;
};

std::string Row(const std::string& what, const LoadResult& result, const std::string& goal) {
  return fmt::format("| {} | {:.0f} | {:.2f} ms | {:.2f} ms | {:.2f} ms | {} | {} | {} |", what, result.Rate(),
                     result.QuantileMs(0.5), result.QuantileMs(0.99), result.QuantileMs(1.0), result.non_2xx,
                     result.errors, goal);
}

}  // namespace

int BenchGate(const CommandLine& line) {
  if (sodium_init() < 0) return 1;
  const bool quick = line.Has("quick");
  const double seconds = std::stod(line.Flag("seconds").value_or(quick ? "2" : "10"));
  const double rate = std::stod(line.Flag("rate").value_or("2000"));
  const int connections = 64;

  std::vector<std::string> server_args = {"--threads", "2"};
  if (auto workers = line.Flag("workers")) server_args.insert(server_args.end(), {"--workers", *workers});
  const bool full_sync = line.Flag("synchronous").value_or("full") == "full";
  ServerProcess server(server_args, full_sync ? "" : "?synchronous=normal");
  const unsigned short port = server.port();
  const std::string worker = Token(port, "demo-worker");
  const std::string guard = Token(port, "demo-guard");

  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> device_public{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> device_secret{};
  crypto_sign_keypair(device_public.data(), device_secret.data());
  auto [issued_status, issued] =
      HttpCall(port, "POST", "/api/v1/passes",
               fmt::format(R"({{"device_public_key":"{}"}})", core::Base64Encode(device_public)), worker);
  if (issued_status != 201 && issued_status != 200) throw std::runtime_error("no pass issued: " + issued);
  const auto bytes = core::Base64Decode(std::string_view(boost::json::parse(issued).at("credential").as_string()));
  auto credential = bytes ? passes::ParseCredential(*bytes) : std::nullopt;
  if (!credential) throw std::runtime_error("the server issued no readable pass");
  LiveCode live(*credential, device_secret);

  const auto me = boost::json::parse(HttpCall(port, "GET", "/api/v1/me", "", guard).second);
  const std::string compound(me.at("account").at("area").at("code").as_string());
  const auto gates =
      boost::json::parse(HttpCall(port, "GET", "/api/v1/compounds/" + compound + "/gates", "", guard).second);
  const long long gate = gates.at("items").as_array().at(0).at("id").to_number<long long>();
  const auto body = [&] {
    return fmt::format(R"({{"compound":"{}","gate":{},"code":"{}","direction":"in"}})", compound, gate, live.Now());
  };
  const auto sample = boost::json::parse(HttpCall(port, "POST", "/api/v1/gate/verify", body(), guard).second);
  if (!sample.at("allowed").as_bool()) {
    std::cerr << "bench gate: the sample scan was refused (" << sample.at("code").as_string()
              << "); nothing measured\n";
    return 1;
  }

  const RequestMaker verify = [&](long long) { return RawRequest("POST", "/api/v1/gate/verify", body(), guard); };
  std::string health_request = RawRequest("GET", "/healthz", "", "");
  const RequestMaker health = [&](long long) { return health_request; };

  Saturate(port, verify, quick ? 0.5 : 1.0, connections);  // warm caches and the connection pool
  const LoadResult steady = ConstantRate(port, verify, rate, seconds, connections);
  const LoadResult health_steady = ConstantRate(port, health, rate, seconds, connections);
  const LoadResult verify_max = Saturate(port, verify, seconds, connections);
  const LoadResult health_max = Saturate(port, health, seconds, connections);
  const double ratio = health_max.Rate() > 0 ? verify_max.Rate() / health_max.Rate() : 0;

  std::cout << fmt::format(
      "Server: `youhao serve --demo --threads 2` (SQLite, WAL, synchronous={}; gate events group-committed), "
      "{} keep-alive connections from one load thread on the same 2 cores; {:.0f} s per run. Every scan is allowed, "
      "so each one writes its gate event.\n\n",
      full_sync ? "FULL" : "NORMAL", connections, seconds);
  std::cout << "| load | requests/s | p50 | p99 | max | non-2xx | errors | goal |\n|---|---|---|---|---|---|---|---|\n";
  std::cout << Row(fmt::format("POST /api/v1/gate/verify, constant {:.0f}/s (open loop)", rate), steady, "p99 ≤ 5 ms")
            << "\n";
  std::cout << Row(fmt::format("GET /healthz, constant {:.0f}/s (open loop), same server", rate), health_steady,
                   "the floor at this rate")
            << "\n";
  std::cout << Row("POST /api/v1/gate/verify, saturation (closed loop)", verify_max, "p99 ≤ 10 ms, ≥ 0.2× /healthz")
            << "\n";
  std::cout << Row("GET /healthz, saturation (closed loop), same server", health_max, "the server's ceiling") << "\n";
  std::cout << fmt::format(
      "\nverify / healthz throughput: **{:.2f}×** (goal ≥ 0.2×). At {:.0f}/s the offered rate was {:.0f}% of the "
      "measured "
      "saturation rate. Server peak RSS {} MB; load generator {} MB.\n",
      ratio, rate, verify_max.Rate() > 0 ? 100.0 * rate / verify_max.Rate() : 0, server.PeakRssMegabytes(),
      PeakRssMegabytes());
  const bool clean = steady.non_2xx + health_steady.non_2xx + verify_max.non_2xx + health_max.non_2xx == 0;
  if (!clean) std::cout << "\nSome responses were not 2xx: the figures above include refusals.\n";
  return clean ? 0 : 1;
}

}  // namespace youhao::app
