#include "bench/bench_passes.h"

#include <signal.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
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

}  // namespace

int BenchPasses(const CommandLine& line) {
  if (sodium_init() < 0) return 1;
  const bool quick = line.Has("quick");
  const double seconds = quick ? 4.0 : 8.0;

  // In-process: decode + issuer signature + device signature + revocation and rule checks.
  Keys issuer;
  Keys device;
  const long long now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
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
  crypto_sign_detached(credential.issuer_signature.data(), nullptr, issuer_input.data(), issuer_input.size(),
                       issuer.secret_key.data());
  const auto window = passes::WindowOf(now);
  const auto device_input = passes::DeviceSigningInput(credential.pass_id, window);
  passes::Signature device_signature{};
  crypto_sign_detached(device_signature.data(), nullptr, device_input.data(), device_input.size(),
                       device.secret_key.data());
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
    accepted += crypto_sign_verify_detached(credential.issuer_signature.data(), issuer_input.data(),
                                            issuer_input.size(), issuer.public_key.data()) == 0 &&
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
  std::cout << fmt::format("in-process scans verified: {:.0f}/s (decode, 2 Ed25519 checks, revocation and rules)\n",
                           scans);
  std::cout << fmt::format("raw libsodium, the 2 Ed25519 checks of one scan: {:.0f}/s\n", raw);
  std::cout << fmt::format("ratio: {:.2f}\n", scans / raw);
  (void)quick;
  // The endpoint itself (reads, decision, event write, over HTTP) is timed by `youhao-bench gate`.
  return 0;
}

}  // namespace youhao::app
