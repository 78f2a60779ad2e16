#pragma once
/// The one way workers' phones are kept and shown. At rest a phone is sealed under the key file
/// (`workers.phone_sealed`, read back only for the worker and for officers who must call them)
/// beside a keyed digest for look-ups (`workers.phone_digest`, UNIQUE); on screen it is masked
/// (138****5678). A copy of the database without the key file holds no phone number, and nobody
/// without the key can test a guessed number against a digest.

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/keyring.h"
#include "storage/database.h"

namespace youhao::registry {

/// Mainland mobile numbers: 11 digits starting 13–19.
bool IsMobilePhone(std::string_view phone);

/// A WHERE condition on a digest column and its parameters: `column IN (?, ...)` with the digest
/// under every key of the ring (one, except during a key rotation).
struct DigestMatch {
  std::string condition;
  std::vector<storage::Value> params;
};

class PhoneVault {
 public:
  /// Key purposes: workers' phones, and the phones and codes of `phone_codes`.
  static constexpr std::string_view kPhonePurpose = "phone";
  static constexpr std::string_view kCodePurpose = "phone-code";

  explicit PhoneVault(const core::Keyring& keyring) : keyring_(keyring) {}

  /// What a worker row keeps of `phone`.
  struct Stored {
    std::string digest;
    std::string sealed;
  };
  Stored Store(std::string_view phone) const;
  /// The phone's digest under the current key (what Store writes).
  std::string Digest(std::string_view phone) const;
  /// The phone's digest under every key of the ring, the current first.
  std::vector<std::string> Digests(std::string_view phone) const;
  /// `column` (a digest column of workers) matches `phone` under any key of the ring.
  DigestMatch Match(std::string_view column, std::string_view phone) const;
  /// The phone in `sealed`; nullopt when this key file cannot open it.
  std::optional<std::string> Open(std::string_view sealed) const;
  /// The phone in `sealed`, masked (core::MaskPhone); "" when it cannot be opened.
  std::string Masked(std::string_view sealed) const;

  /// `phone_codes.phone_digest` of `phone` under the current key.
  std::string CodePhoneDigest(std::string_view phone) const;
  /// `column` (phone_codes.phone_digest) matches `phone` under any key of the ring.
  DigestMatch MatchCodePhone(std::string_view column, std::string_view phone) const;
  /// `phone_codes.code_digest` of `code` sent to `phone`, under the current key.
  std::string CodeDigest(std::string_view phone, std::string_view code) const;
  /// Whether `stored` (a code_digest) is the digest of `code` sent to `phone` under any key, compared
  /// in constant time.
  bool CodeMatches(std::string_view stored, std::string_view phone, std::string_view code) const;

  /// The worker whose phone is `phone`, and their account if they have one.
  struct WorkerRef {
    long long worker_id = 0;
    std::optional<long long> account_id;
  };
  std::optional<WorkerRef> FindWorker(storage::Connection& connection, std::string_view phone) const;

 private:
  const core::Keyring& keyring_;
};

/// A login for a rider that is not their phone: "r" and seven random digits, not yet taken on
/// `connection` (checked; a clash with a concurrent registration ends in the UNIQUE constraint).
std::string NewRiderLogin(storage::Connection& connection);

/// The key file given does not open the phones the database holds.
class PhonesUnreadable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PhoneConversion {
  long long sealed = 0;   ///< worker rows whose plain phone was sealed
  long long renamed = 0;  ///< accounts whose login was their worker's phone, given a rider login
};

/// Run at start after the migrations, by every command that opens the database with a key file.
/// Seals the phones of rows kept before phones were sealed (phone_sealed IS NULL and phone_digest
/// still holding the phone, not a digest nor an erased record's marker), and gives every account whose login is its
/// worker's phone a rider login (NewRiderLogin), rewriting the logins recorded under the old one (audit log, status
/// histories, report steps, notifications, places). Idempotent: a second run changes nothing.
/// One transaction. Throws PhonesUnreadable, before changing anything, when the key file does not
/// open the phones already sealed (the wrong key file).
PhoneConversion SealPlaintextPhones(storage::Database& database, const core::Keyring& keyring);

/// Key rotation: re-seals under the current key every phone sealed under an older key of the
/// ring, and recomputes its digest under the current key. Returns the rows changed. One
/// transaction; run after the new key was put first in the key file, before older keys leave it.
long long ResealPhones(storage::Database& database, const core::Keyring& keyring);

}  // namespace youhao::registry
