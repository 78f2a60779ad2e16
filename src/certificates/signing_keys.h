#pragma once
/// The one piece that keeps Ed25519 signing keys for signed documents (the certificates of this
/// module and honours' certificates): a table (id, public_key, sealed_secret, created_at) whose
/// secrets are sealed with the keyring under a purpose. The newest key that opens under the current
/// key file signs; one is made on first use, and again when none opens (the key file was replaced):
/// old public keys stay, so what they signed still verifies.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/keyring.h"
#include "storage/database.h"

namespace youhao::certificates {

struct KeyTable {
  std::string_view table;    ///< e.g. "certificate_keys", "honour_signing_keys"
  std::string_view purpose;  ///< the keyring purpose of the sealed secrets
};

inline constexpr KeyTable kCertificateKeys{"certificate_keys", "certificate-key"};

/// A signing key opened for this call; its secret is wiped when it goes.
class OpenedKey {
 public:
  OpenedKey(long long id, std::vector<unsigned char> secret) : id_(id), secret_(std::move(secret)) {}
  OpenedKey(const OpenedKey&) = delete;
  OpenedKey& operator=(const OpenedKey&) = delete;
  OpenedKey(OpenedKey&&) = default;
  OpenedKey& operator=(OpenedKey&&) = default;
  ~OpenedKey();
  long long id() const { return id_; }
  /// The base64url Ed25519 signature of `text`.
  std::string Sign(std::string_view text) const;

 private:
  long long id_ = 0;
  std::vector<unsigned char> secret_;
};

/// The newest key of `keys` that opens with `keyring`, made in the caller's transaction when none does.
OpenedKey NewestSigningKey(storage::Connection& connection, const core::Keyring& keyring, KeyTable keys, long long now);
/// The 32-byte public key `id` of `keys`, or nullopt.
std::optional<std::vector<unsigned char>> PublicKeyOf(storage::Connection& connection, KeyTable keys, long long id);
/// True when the base64url `signature` over `text` holds under key `key_id` of `keys`.
bool SignedByKey(storage::Connection& connection, KeyTable keys, long long key_id, std::string_view text,
                 std::string_view signature);

}  // namespace youhao::certificates
