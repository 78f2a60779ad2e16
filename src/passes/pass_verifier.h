#pragma once
/// Offline pass verification: a pure function of the scanned text, the issuer public keys,
/// the revocation state, the compound's rules and the clock. The server uses it for online
/// checks; gate devices run the same rules (web/src/passes/) on data they synced.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "passes/pass_codec.h"

namespace youhao::passes {

/// Stable refusal codes; see docs/passes.md. Their words live in the entry message catalogue
/// (src/api/messages/entry_messages.cpp) and, for offline scans, in web/src/passes/reasons.ts.
enum class ScanCode {
  kOk,
  kMalformed,
  kUnknownKey,
  kBadSignature,
  kExpired,
  kStale,
  kBadDeviceSignature,
  kPassRevoked,
  kWorkerRevoked,
  kWorkerSuspended,
  kWorkerNotVerified,
  kNotOnWhitelist,
  kOutsideHours,
  kDropOffOnly,
  kGateNotAllowed,
  kCompoundNotFound,
  kGateNotFound,
};

std::string_view ScanCodeName(ScanCode code);

struct IssuerKey {
  std::uint16_t key_id = 0;
  PublicKey public_key{};
  /// Unix seconds after which the key no longer verifies; 0 for the active key.
  long long not_after = 0;
};

/// Looks up an issuer key by id; null when unknown.
using KeyLookup = std::function<const IssuerKey*(std::uint16_t key_id)>;

struct SignatureCheck {
  ScanCode code = ScanCode::kMalformed;
  std::optional<QrCode> qr;
};

/// Issuer signatures already verified, remembered by a keyed digest of (issuer key, signed
/// bytes, signature). A credential never changes once issued, so a signature that held once
/// holds again; key retirement, expiry, the device signature and revocation are still checked
/// on every scan. Thread-safe; bounded by `capacity` (a full shard is emptied).
class VerifiedCredentials {
 public:
  using Digest = std::array<unsigned char, 16>;
  explicit VerifiedCredentials(std::size_t capacity = 1 << 18);
  VerifiedCredentials(const VerifiedCredentials&) = delete;
  VerifiedCredentials& operator=(const VerifiedCredentials&) = delete;

  bool Contains(const Digest& digest) const;
  void Insert(const Digest& digest);
  long long hits() const { return hits_.load(); }
  long long misses() const { return misses_.load(); }
  void CountHit() const { hits_.fetch_add(1, std::memory_order_relaxed); }
  void CountMiss() const { misses_.fetch_add(1, std::memory_order_relaxed); }

 private:
  struct DigestHash {
    std::size_t operator()(const Digest& digest) const;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_set<Digest, DigestHash> digests;
  };
  static constexpr std::size_t kShards = 16;
  std::size_t shard_capacity_;
  std::array<Shard, kShards> shards_;
  mutable std::atomic<long long> hits_{0};
  mutable std::atomic<long long> misses_{0};
};

/// Decodes `text` and checks, in order: well-formed, known key, issuer signature, expiry,
/// the 30-second window (|window − now's window| ≤ 1), the device signature. With `verified`,
/// an issuer signature found there is not checked again, and a good one is added.
SignatureCheck CheckSignatures(std::string_view text, const KeyLookup& keys, long long now,
                               VerifiedCredentials* verified = nullptr);

enum class AccessMode { kOpen, kPass, kWhitelist, kDropOff, kGreenLane };

std::string_view AccessModeName(AccessMode mode);
std::optional<AccessMode> ParseAccessMode(std::string_view name);

/// What the gate knows about the worker and the compound once the signatures hold.
struct GateContext {
  bool pass_revoked = false;
  /// "verified", "pending", "suspended" or "revoked".
  std::string_view worker_status = "verified";
  AccessMode mode = AccessMode::kPass;
  bool open_now = true;
  bool on_whitelist = false;
  /// Whether the scanning gate is one workers may use (for green lanes: a green-lane gate).
  bool gate_allowed = true;
  /// Entries (direction "in") are refused by hours, mode and gate; exits always pass once the
  /// pass itself is valid.
  bool entering = true;
};

/// The decision for a pass whose signatures already hold.
ScanCode Decide(const GateContext& context);

}  // namespace youhao::passes
