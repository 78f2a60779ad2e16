#pragma once
/// The city's Ed25519 issuer keys. Only the server holds secret keys; gates get public keys.
/// Rotation retires the active key, which keeps verifying until the last pass it signed
/// expires, and makes a new one active. Secret keys are stored sealed under the key file's
/// current key (`core::Keyring`, purpose "issuer-key"), so a copy of the database alone cannot
/// sign a pass.

#include <chrono>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/keyring.h"
#include "passes/pass_verifier.h"
#include "storage/database.h"

namespace youhao::entry {

/// How long an issued pass is valid.
inline constexpr long long kPassLifetimeSeconds = 7 * 24 * 3600;

/// A stored secret key that does not open with this keyring (another key file), or that opens
/// to something that is not the secret of its public key. Never signed with.
class IssuerKeyUnreadable : public std::runtime_error {
 public:
  explicit IssuerKeyUnreadable(const std::string& what) : std::runtime_error(what) {}
};

class IssuerKeyStore {
 public:
  IssuerKeyStore(storage::Database& database, const core::Keyring& keyring) : database_(database), keyring_(keyring) {}

  /// Seals the keys still stored in plain text (from before keys were sealed), creates the first
  /// key when there is none, and checks that every stored secret opens with the keyring. Throws
  /// IssuerKeyUnreadable, naming the keys, when one does not (the wrong key file). Returns the
  /// active key id. Call once at startup.
  int EnsureActiveKey();
  /// Seals every secret key stored in plain text under the current key; idempotent. Returns how
  /// many were sealed.
  int SealPlaintextKeys();
  /// Re-seals under the current key every secret key sealed under an older key of the ring (and
  /// any still in plain text): the middle of a key-file rotation. Throws IssuerKeyUnreadable when
  /// one opens under no key of the ring; then nothing is changed. Returns how many were re-sealed.
  int ResealUnderCurrentKey();
  /// Retires the active key (not_after = now + pass lifetime) and creates a new active key.
  /// Returns the new key id.
  int Rotate();

  /// The key that signs new passes.
  std::uint16_t ActiveKeyId();
  /// Signs the credential with its `key_id`, which must be the active key. Throws otherwise, and
  /// when its secret did not open: a failure of the machine, not of the request.
  void SignCredential(passes::Credential& credential);

  /// The public key `key_id`, reloading from the database at most every 10 s when unknown or
  /// stale (another process may have rotated).
  std::optional<passes::IssuerKey> Find(std::uint16_t key_id);
  /// Every key that still verifies.
  std::vector<passes::IssuerKey> PublicKeys();

 private:
  struct Loaded {
    passes::IssuerKey key;
    /// Empty when the stored secret did not open; such a key still verifies but never signs.
    std::vector<unsigned char> secret_key;
    bool active = false;
  };
  void Reload();
  void ReloadIfStale(bool force);
  /// The newest active key; call with `mutex_` held.
  const Loaded* ActiveLocked() const;
  /// The secret in a `secret_key` column, sealed or (from before sealing) plain base64, when it
  /// opens and belongs to `public_key`.
  std::optional<std::vector<unsigned char>> OpenSecret(const std::string& stored,
                                                       const passes::PublicKey& public_key) const;
  /// Re-seals (or seals) the rows `needs` picks, in one transaction; throws IssuerKeyUnreadable
  /// before changing anything when one does not open.
  int Reseal(bool (*needs)(const core::Keyring&, const std::string&));

  storage::Database& database_;
  const core::Keyring& keyring_;
  std::mutex mutex_;
  std::unordered_map<std::uint16_t, Loaded> keys_;
  std::chrono::steady_clock::time_point loaded_at_{};
};

}  // namespace youhao::entry
