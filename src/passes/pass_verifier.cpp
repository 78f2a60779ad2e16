#include "passes/pass_verifier.h"

#include <algorithm>
#include <cstring>

#include <sodium.h>

#include <array>

namespace youhao::passes {

namespace {

constexpr std::array<std::string_view, 17> kCodeNames = {
    "pass_ok",        "pass_malformed",   "pass_unknown_key",          "pass_bad_signature",
    "pass_expired",   "pass_stale",       "pass_bad_device_signature", "pass_revoked",
    "worker_revoked", "worker_suspended", "worker_not_verified",       "not_on_whitelist",
    "outside_hours",  "drop_off_only",    "gate_not_allowed",          "compound_not_found",
    "gate_not_found",
};

constexpr std::array<std::string_view, 5> kModes = {"open", "pass", "whitelist", "drop_off", "green_lane"};

}  // namespace

std::string_view ScanCodeName(ScanCode code) { return kCodeNames[static_cast<std::size_t>(code)]; }
std::string_view AccessModeName(AccessMode mode) { return kModes[static_cast<std::size_t>(mode)]; }

std::optional<AccessMode> ParseAccessMode(std::string_view name) {
  for (std::size_t i = 0; i < kModes.size(); ++i) {
    if (kModes[i] == name) return static_cast<AccessMode>(i);
  }
  return std::nullopt;
}

VerifiedCredentials::VerifiedCredentials(std::size_t capacity)
    : shard_capacity_(std::max<std::size_t>(1, capacity / kShards)) {}

std::size_t VerifiedCredentials::DigestHash::operator()(const Digest& digest) const {
  std::size_t value = 0;
  std::memcpy(&value, digest.data(), sizeof value);
  return value;
}

bool VerifiedCredentials::Contains(const Digest& digest) const {
  const Shard& shard = shards_[digest[15] % kShards];
  std::lock_guard lock(shard.mutex);
  return shard.digests.contains(digest);
}

void VerifiedCredentials::Insert(const Digest& digest) {
  Shard& shard = shards_[digest[15] % kShards];
  std::lock_guard lock(shard.mutex);
  if (shard.digests.size() >= shard_capacity_) shard.digests.clear();
  shard.digests.insert(digest);
}

namespace {

VerifiedCredentials::Digest IssuerDigest(const IssuerKey& key, const std::vector<unsigned char>& signed_bytes,
                                         const Signature& signature) {
  VerifiedCredentials::Digest digest{};
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, digest.size());
  crypto_generichash_update(&state, key.public_key.data(), key.public_key.size());
  crypto_generichash_update(&state, signed_bytes.data(), signed_bytes.size());
  crypto_generichash_update(&state, signature.data(), signature.size());
  crypto_generichash_final(&state, digest.data(), digest.size());
  return digest;
}

}  // namespace

SignatureCheck CheckSignatures(std::string_view text, const KeyLookup& keys, long long now,
                               VerifiedCredentials* verified) {
  SignatureCheck check;
  check.qr = DecodeQrText(text);
  if (!check.qr) {
    check.code = ScanCode::kMalformed;
    return check;
  }
  const Credential& credential = check.qr->credential;
  const IssuerKey* key = keys(credential.key_id);
  if (key == nullptr || (key->not_after != 0 && now > key->not_after)) {
    check.code = ScanCode::kUnknownKey;
    return check;
  }
  const auto signed_bytes = CredentialSigningInput(credential);
  std::optional<VerifiedCredentials::Digest> digest;
  if (verified != nullptr) digest = IssuerDigest(*key, signed_bytes, credential.issuer_signature);
  if (digest && verified->Contains(*digest)) {
    verified->CountHit();
  } else {
    if (crypto_sign_verify_detached(credential.issuer_signature.data(), signed_bytes.data(), signed_bytes.size(),
                                    key->public_key.data()) != 0) {
      check.code = ScanCode::kBadSignature;
      return check;
    }
    if (digest) {
      verified->CountMiss();
      verified->Insert(*digest);
    }
  }
  if (now >= credential.expires_at) {
    check.code = ScanCode::kExpired;
    return check;
  }
  const long long current = WindowOf(now);
  const long long shown = check.qr->window;
  if (shown < current - 1 || shown > current + 1) {
    check.code = ScanCode::kStale;
    return check;
  }
  const auto device_bytes = DeviceSigningInput(credential.pass_id, check.qr->window);
  if (crypto_sign_verify_detached(check.qr->device_signature.data(), device_bytes.data(), device_bytes.size(),
                                  credential.device_public_key.data()) != 0) {
    check.code = ScanCode::kBadDeviceSignature;
    return check;
  }
  check.code = ScanCode::kOk;
  return check;
}

ScanCode Decide(const GateContext& context) {
  if (context.pass_revoked) return ScanCode::kPassRevoked;
  if (context.worker_status == "revoked") return ScanCode::kWorkerRevoked;
  if (context.worker_status == "suspended") return ScanCode::kWorkerSuspended;
  if (context.worker_status != "verified") return ScanCode::kWorkerNotVerified;
  if (!context.entering) return ScanCode::kOk;
  switch (context.mode) {
    case AccessMode::kDropOff:
      return ScanCode::kDropOffOnly;
    case AccessMode::kWhitelist:
      if (!context.on_whitelist) return ScanCode::kNotOnWhitelist;
      break;
    case AccessMode::kGreenLane:
      if (!context.gate_allowed) return ScanCode::kGateNotAllowed;
      break;
    case AccessMode::kOpen:
    case AccessMode::kPass:
      break;
  }
  if (!context.gate_allowed) return ScanCode::kGateNotAllowed;
  if (!context.open_now) return ScanCode::kOutsideHours;
  return ScanCode::kOk;
}

}  // namespace youhao::passes
