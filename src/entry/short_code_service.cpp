#include "entry/short_code_service.h"

#include <cstring>
#include <optional>
#include <stdexcept>

#include "core/base64.h"

namespace youhao::entry {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// A keyring digest (64 hex digits) as a secret; nullopt for anything else.
std::optional<ShortCodeSecret> SecretFromHex(std::string_view hex) {
  ShortCodeSecret secret{};
  if (hex.size() != secret.size() * 2) return std::nullopt;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    const int high = HexValue(hex[2 * i]);
    const int low = HexValue(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    secret[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return secret;
}

}  // namespace

passes::SignatureCheck CheckOfShortCode(const ShortCodeMatch& match, long long now) {
  passes::SignatureCheck check;
  check.code = passes::ScanCode::kOk;
  passes::QrCode qr;
  qr.credential.pass_id = static_cast<std::uint32_t>(match.pass_id);
  qr.credential.worker_id = static_cast<std::uint32_t>(match.worker_id);
  qr.credential.expires_at = static_cast<std::uint32_t>(match.expires_at);
  // The gate compares the stored device key with the credential's; a stored key that does not
  // decode leaves zeros, which match nothing and refuse the pass as revoked.
  if (auto key = core::Base64Decode(match.device_public_key);
      key && key->size() == qr.credential.device_public_key.size()) {
    std::memcpy(qr.credential.device_public_key.data(), key->data(), key->size());
  }
  qr.window = static_cast<std::uint32_t>(ShortCodeStep(now));
  check.qr = std::move(qr);
  return check;
}

std::string ShortCodeService::SecretFor(long long pass_id) const {
  const auto secret = SecretFromHex(keyring_.Digest(kSecretPurpose, std::to_string(pass_id)));
  if (!secret) throw std::runtime_error("the keyring's digest is not 32 bytes of hex");
  return core::Base64Encode(std::span<const unsigned char>(secret->data(), secret->size()));
}

std::vector<ShortCodeSecret> ShortCodeService::SecretsFor(long long pass_id) const {
  std::vector<ShortCodeSecret> secrets;
  for (const std::string& digest : keyring_.DigestsUnderEveryKey(kSecretPurpose, std::to_string(pass_id))) {
    if (auto secret = SecretFromHex(digest)) secrets.push_back(*secret);
  }
  return secrets;
}

core::Result<ShortCodeMatch> ShortCodeService::Find(std::string_view caller, std::string_view compound,
                                                    const TypedShortCode& typed, long long now) {
  if (auto allowed = failures_.MayTry(caller, compound, now); !allowed.ok()) return allowed.error();
  std::vector<ShortCodeMatch> candidates;
  {
    auto connection = database_.Acquire();
    for (const auto& row : connection->Query(short_code_sql::kCandidates, {static_cast<long long>(typed.tag), now})) {
      candidates.push_back({row.Int(0), row.Int(1), row.Text(2), row.Int(3)});
    }
  }
  std::vector<ShortCodeMatch> matches;
  for (ShortCodeMatch& candidate : candidates) {
    for (const ShortCodeSecret& secret : SecretsFor(candidate.pass_id)) {
      if (ShortCodeMatches(secret, typed.code, now)) {
        matches.push_back(std::move(candidate));
        break;
      }
    }
  }
  if (matches.size() == 1) return std::move(matches.front());
  if (matches.size() > 1) {
    return core::MakeProblem(core::ErrorCode::kConflict, "short_code_ambiguous", "entry.short_code_ambiguous",
                             "this digit code matches more than one pass: scan the QR code");
  }
  const int attempts_left = failures_.Record(caller, compound, now);
  return core::MakeProblem(core::ErrorCode::kValidationFailed, "short_code_wrong", "entry.short_code_wrong",
                           "code: no live pass has this digit code", {{"attempts_left", attempts_left}});
}

}  // namespace youhao::entry
