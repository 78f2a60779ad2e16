#pragma once
/// The city's Ed25519 issuer keys. Only the server holds secret keys; gates get public keys.
/// Rotation retires the active key, which keeps verifying until the last pass it signed
/// expires, and makes a new one active.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "passes/pass_verifier.h"
#include "storage/database.h"

namespace youhao::entry {

/// How long an issued pass is valid.
inline constexpr long long kPassLifetimeSeconds = 7 * 24 * 3600;

class IssuerKeyStore {
 public:
  explicit IssuerKeyStore(storage::Database& database) : database_(database) {}

  /// Creates the first key when there is none. Returns the active key id.
  int EnsureActiveKey();
  /// Retires the active key (not_after = now + pass lifetime) and creates a new active key.
  /// Returns the new key id.
  int Rotate();

  /// The key that signs new passes.
  std::uint16_t ActiveKeyId();
  /// Signs the credential with its `key_id`, which must be the active key. Throws otherwise:
  /// a rotation between ActiveKeyId() and here is a failure of the machine, not of the request.
  void SignCredential(passes::Credential& credential);

  /// The public key `key_id`, reloading from the database at most every 10 s when unknown or
  /// stale (another process may have rotated).
  std::optional<passes::IssuerKey> Find(std::uint16_t key_id);
  /// Every key that still verifies.
  std::vector<passes::IssuerKey> PublicKeys();

 private:
  struct Loaded {
    passes::IssuerKey key;
    std::vector<unsigned char> secret_key;
    bool active = false;
  };
  void Reload();
  void ReloadIfStale(bool force);
  /// The newest active key; call with `mutex_` held.
  const Loaded* ActiveLocked() const;

  storage::Database& database_;
  std::mutex mutex_;
  std::unordered_map<std::uint16_t, Loaded> keys_;
  std::chrono::steady_clock::time_point loaded_at_{};
};

}  // namespace youhao::entry
