#pragma once
/// Digit codes for passes (short_code.h), the use cases: the per-pass secret a phone gets with its
/// pass, and the pass a guard's typed code names, within the wrong-code limits.

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/keyring.h"
#include "entry/short_code.h"
#include "passes/pass_verifier.h"
#include "storage/database.h"

namespace youhao::entry {

namespace short_code_sql {
/// Unexpired passes whose number ends in a tag (index passes_short_tag); revoked ones included, so
/// that the gate says "revoked" rather than "wrong code".
inline constexpr std::string_view kCandidates =
    "SELECT id, worker_id, device_public_key, expires_at FROM passes WHERE id % 10000 = ? AND expires_at > ? "
    "ORDER BY id";
}  // namespace short_code_sql

/// The pass a typed code named.
struct ShortCodeMatch {
  long long pass_id = 0;
  long long worker_id = 0;
  /// The device key the pass was issued to, as stored (base64url).
  std::string device_public_key;
  long long expires_at = 0;
};

/// A matched digit code as the signature check of a scan: the gate decides on it as on a QR whose
/// signatures held (live pass, worker status, plan, hours, gate), and stores it as verified.
passes::SignatureCheck CheckOfShortCode(const ShortCodeMatch& match, long long now);

class ShortCodeService {
 public:
  /// Key purpose of the per-pass secrets.
  static constexpr std::string_view kSecretPurpose = "pass-short-code";

  ShortCodeService(storage::Database& database, const core::Keyring& keyring, ShortCodeLimits limits = {})
      : database_(database), keyring_(keyring), failures_(limits) {}

  /// The secret of pass `pass_id` (32 bytes, base64url): a keyed digest of the pass number under
  /// the key file's current key, so nothing is stored. A pass issued before a key-file rotation
  /// keeps working while the old key is still in the file.
  std::string SecretFor(long long pass_id) const;

  /// The unexpired pass whose digit code `typed` is at `now` (± one step). `caller` and `compound`
  /// key the wrong-code limits. Errors: rate_limited ("entry.short_code_limited") once the caller
  /// or the compound typed too many wrong codes; short_code_wrong ("entry.short_code_wrong",
  /// attempts_left) when no pass has it; short_code_ambiguous when two do (one in about 10^5
  /// look-ups at 100,000 live passes: the guard scans the QR instead).
  core::Result<ShortCodeMatch> Find(std::string_view caller, std::string_view compound, const TypedShortCode& typed,
                                    long long now);

 private:
  /// The pass's secret under every key of the ring, the current first.
  std::vector<ShortCodeSecret> SecretsFor(long long pass_id) const;

  storage::Database& database_;
  const core::Keyring& keyring_;
  ShortCodeFailures failures_;
};

}  // namespace youhao::entry
