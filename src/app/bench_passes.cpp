#include "app/bench_passes.h"

#include <signal.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>
#include <cstring>
#include <sstream>
#include <unordered_set>

#include <fmt/format.h>

#include "core/base64.h"
#include "passes/pass_verifier.h"

namespace youhao::app {

namespace {

using Clock = std::chrono::steady_clock;

struct Keys {
  passes::PublicKey public_key{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_key{};
  Keys() { crypto_sign_keypair(public_key.data(), secret_key.data()); }
};

/// Runs `step` repeatedly for about `seconds`; returns operations per second.
template <typename Step>
double Rate(double seconds, Step&& step) {
  long long operations = 0;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(seconds);
  while (Clock::now() < deadline) {
    for (int i = 0; i < 64; ++i) step();
    operations += 64;
  }
  return static_cast<double>(operations) / std::chrono::duration<double>(Clock::now() - start).count();
}

std::string Run(const std::string& command) {
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::size_t read = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, read);
    pclose(pipe);
  }
  return output;
}

struct WrkResult {
  std::string requests_per_second = "?";
  std::string p50 = "?";
  std::string p99 = "?";
  std::string non_2xx = "0";
};

WrkResult ParseWrk(const std::string& output) {
  WrkResult result;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first == "Requests/sec:") words >> result.requests_per_second;
    if (first == "50%") words >> result.p50;
    if (first == "99%") words >> result.p99;
    if (first == "Non-2xx") {
      std::string skip;
      words >> skip >> skip >> skip >> result.non_2xx;
    }
  }
  return result;
}

int FreePort() {
  const std::string port = Run("python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\",0)); print(s.getsockname()[1])'");
  return std::stoi(port);
}

}  // namespace

int BenchPasses(const CommandLine& line) {
  if (sodium_init() < 0) return 1;
  const bool quick = line.Has("quick");
  const double seconds = quick ? 4.0 : 8.0;

  // In-process: decode + issuer signature + device signature + revocation and rule checks.
  Keys issuer;
  Keys device;
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  passes::Credential credential;
  credential.key_id = 1;
  credential.pass_id = 777;
  credential.worker_id = 4242;
  credential.issued_at = static_cast<std::uint32_t>(now - 60);
  credential.expires_at = static_cast<std::uint32_t>(now + 86400);
  credential.device_public_key = device.public_key;
  credential.platform = 0;
  credential.name = "张小哥";
  const auto issuer_input = passes::CredentialSigningInput(credential);
  crypto_sign_detached(credential.issuer_signature.data(), nullptr, issuer_input.data(), issuer_input.size(), issuer.secret_key.data());
  const auto window = passes::WindowOf(now);
  const auto device_input = passes::DeviceSigningInput(credential.pass_id, window);
  passes::Signature device_signature{};
  crypto_sign_detached(device_signature.data(), nullptr, device_input.data(), device_input.size(), device.secret_key.data());
  const std::string code = passes::EncodeQrText(credential, window, device_signature);

  const passes::IssuerKey key{1, issuer.public_key, 0};
  const passes::KeyLookup lookup = [&key](std::uint16_t id) { return id == key.key_id ? &key : nullptr; };
  std::unordered_set<long long> revoked_passes = {1, 2, 3};
  std::unordered_set<long long> revoked_workers = {5, 6, 7};
  long long accepted = 0;
  auto scan = [&] {
    const auto check = passes::CheckSignatures(code, lookup, now);
    passes::GateContext context;
    context.pass_revoked = revoked_passes.contains(check.qr->credential.pass_id);
    context.worker_status = revoked_workers.contains(check.qr->credential.worker_id) ? "revoked" : "verified";
    accepted += check.code == passes::ScanCode::kOk && passes::Decide(context) == passes::ScanCode::kOk;
  };
  auto raw_checks = [&] {
    accepted += crypto_sign_verify_detached(credential.issuer_signature.data(), issuer_input.data(), issuer_input.size(),
                                            issuer.public_key.data()) == 0 &&
                crypto_sign_verify_detached(device_signature.data(), device_input.data(), device_input.size(),
                                            device.public_key.data()) == 0;
  };
  // Short alternating rounds, best of each, so that load from elsewhere on the machine hits
  // both sides alike.
  double scans = 0;
  double raw = 0;
  const int rounds = 10;
  for (int round = 0; round < rounds; ++round) {
    scans = std::max(scans, Rate(seconds / (2 * rounds), scan));
    raw = std::max(raw, Rate(seconds / (2 * rounds), raw_checks));
  }
  if (accepted == 0) {
    std::cerr << "bench passes: the benchmark pass was refused; nothing was measured\n";
    return 1;
  }
  std::cout << fmt::format("in-process scans verified: {:.0f}/s (decode, 2 Ed25519 checks, revocation and rules)\n", scans);
  std::cout << fmt::format("raw libsodium, the 2 Ed25519 checks of one scan: {:.0f}/s\n", raw);
  std::cout << fmt::format("ratio: {:.2f}\n", scans / raw);
  if (quick) return 0;

  // Over loopback: a demo server on a temporary SQLite file, wrk at 64 connections.
  if (Run("command -v wrk").empty()) {
    std::cerr << "bench passes: wrk is not installed (apt-get install wrk); skipping the HTTP part\n";
    return 1;
  }
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("youhao-bench-passes-{}", getpid());
  std::filesystem::create_directories(dir);
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  const int port = FreePort();
  const std::string base = fmt::format("http://127.0.0.1:{}", port);
  std::cout.flush();
  const pid_t server = fork();
  if (server == 0) {
    const std::string db = "sqlite:" + (dir / "bench.db").string();
    const std::string listen = fmt::format("127.0.0.1:{}", port);
    const std::string log = (dir / "serve.log").string();
    freopen(log.c_str(), "w", stdout);
    execl(self.c_str(), self.c_str(), "serve", "--demo", "--db", db.c_str(), "--listen", listen.c_str(), "--threads", "2",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200 && Run("curl -sf " + base + "/healthz").empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));

  auto login = [&](const std::string& user) {
    const std::string response = Run(fmt::format(
        "curl -sf -X POST {}/api/v1/session -H 'content-type: application/json' -d '{{\"login\":\"{}\",\"password\":\"youhao-demo\"}}'",
        base, user));
    return std::string(boost::json::parse(response).at("token").as_string());
  };
  const std::string worker_token = login("demo-worker");
  const std::string guard_token = login("demo-guard");
  // The demo worker's pass, bound to a device key made here.
  Keys phone;
  const std::string issued = Run(fmt::format(
      "curl -sf -X POST {}/api/v1/passes -H 'content-type: application/json' -H 'Authorization: Bearer {}' "
      "-d '{{\"device_public_key\":\"{}\"}}'",
      base, worker_token, core::Base64Encode(phone.public_key)));
  const auto issued_json = boost::json::parse(issued);
  const auto credential_bytes = core::Base64Decode(std::string_view(issued_json.at("credential").as_string()));
  auto phone_credential = credential_bytes ? passes::ParseCredential(*credential_bytes) : std::nullopt;
  if (!phone_credential) {
    std::cerr << "bench passes: the server issued no readable pass\n";
    return 1;
  }
  const std::string me = Run(fmt::format("curl -sf {}/api/v1/me -H 'Authorization: Bearer {}'", base, guard_token));
  const std::string compound(boost::json::parse(me).at("account").at("area").at("code").as_string());
  const auto gates_json = boost::json::parse(
      Run(fmt::format("curl -sf {}/api/v1/compounds/{}/gates -H 'Authorization: Bearer {}'", base, compound, guard_token)));
  const long long gate = gates_json.at("items").as_array().at(0).at("id").to_number<long long>();
  const long long bench_now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const auto phone_window = passes::WindowOf(bench_now);
  const auto phone_input = passes::DeviceSigningInput(phone_credential->pass_id, phone_window);
  passes::Signature phone_signature{};
  crypto_sign_detached(phone_signature.data(), nullptr, phone_input.data(), phone_input.size(), phone.secret_key.data());
  const std::string live_code = passes::EncodeQrText(*phone_credential, phone_window, phone_signature);

  const auto script = dir / "verify.lua";
  std::ofstream(script) << fmt::format(
      "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Authorization\"] = \"Bearer {}\"\n"
      "wrk.body = '{{\"compound\":\"{}\",\"gate\":{},\"code\":\"{}\",\"direction\":\"in\"}}'\n",
      guard_token, compound, gate, live_code);
  const std::string check = Run(fmt::format(
      "curl -s -X POST {}/api/v1/gate/verify -H 'content-type: application/json' -H 'Authorization: Bearer {}' "
      "-d '{{\"compound\":\"{}\",\"gate\":{},\"code\":\"{}\",\"direction\":\"in\"}}'",
      base, guard_token, compound, gate, live_code));
  const bool verified = boost::json::parse(check).at("allowed").as_bool();
  const WrkResult verify = ParseWrk(Run(fmt::format("wrk -t1 -c64 -d10s --latency -s {} {}/api/v1/gate/verify", script.string(), base)));
  const WrkResult health = ParseWrk(Run(fmt::format("wrk -t1 -c64 -d10s --latency {}/healthz", base)));
  std::string peak = "?";
  {
    std::ifstream status(fmt::format("/proc/{}/status", server));
    std::string status_line;
    while (std::getline(status, status_line)) {
      if (status_line.starts_with("VmHWM:")) peak = std::to_string(std::stol(status_line.substr(6)) / 1024) + " MB";
    }
  }
  kill(server, SIGTERM);
  waitpid(server, nullptr, 0);
  std::filesystem::remove_all(dir);
  std::cout << fmt::format("sample scan allowed: {}\n", verified ? "yes" : "NO (results below are refusals)");
  std::cout << "| request (wrk -t1 -c64 -d10s, server --threads 2) | req/s | p50 | p99 | non-2xx |\n|---|---|---|---|---|\n";
  std::cout << fmt::format("| POST /api/v1/gate/verify | {} | {} | {} | {} |\n", verify.requests_per_second, verify.p50, verify.p99,
                           verify.non_2xx);
  std::cout << fmt::format("| GET /healthz (same server, same load) | {} | {} | {} | {} |\n", health.requests_per_second, health.p50,
                           health.p99, health.non_2xx);
  std::cout << fmt::format("server peak RSS: {}\n", peak);
  return verified ? 0 : 1;
}

}  // namespace youhao::app
