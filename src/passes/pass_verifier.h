#pragma once
/// Offline pass verification: a pure function of the scanned text, the issuer public keys,
/// the revocation state, the compound's rules and the clock. The server uses it for online
/// checks; gate devices run the same rules (web/src/passes/) on data they synced.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "passes/pass_codec.h"

namespace youhao::passes {

/// Stable refusal codes; see docs/passes.md for the Chinese reasons.
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
/// The refusal (or acceptance) in plain Chinese for the guard's screen.
std::string_view ScanReasonZh(ScanCode code);

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

/// Decodes `text` and checks, in order: well-formed, known key, issuer signature, expiry,
/// the 30-second window (|window − now's window| ≤ 1), the device signature.
SignatureCheck CheckSignatures(std::string_view text, const KeyLookup& keys, long long now);

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
