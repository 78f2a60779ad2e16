#pragma once
/// Secrets kept outside the database. A key file holds one or more 32-byte master keys (hex, one
/// per line, the first is current, the others are older keys kept only to open what they
/// sealed). From the current key, purpose-bound subkeys seal values at rest (XChaCha20-Poly1305)
/// and digest values for look-ups (keyed BLAKE2b). A copy of the database without the key file
/// reveals neither.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace youhao::core {

class Keyring {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  using Key = std::array<unsigned char, kKeyBytes>;

  /// Reads `path`, creating it (mode 0600, one fresh key) when it does not exist. Throws
  /// std::runtime_error when the file cannot be read or written, holds no valid key, or can be
  /// read by anyone but its owner.
  static Keyring FromFile(const std::string& path);
  /// A key that lives only in this process (in-memory databases, tests).
  static Keyring Ephemeral();
  /// A keyring over the given keys; the first seals. For tests and for rotation.
  explicit Keyring(std::vector<Key> keys);

  Keyring(const Keyring&) = delete;
  Keyring& operator=(const Keyring&) = delete;
  Keyring(Keyring&& other) noexcept;
  Keyring& operator=(Keyring&& other) noexcept;
  ~Keyring();

  /// `plaintext` sealed for `purpose` under the current key: "s1.<key id>.<base64url>", a fresh
  /// random nonce each time. `purpose` is bound as associated data, so a value sealed for one
  /// purpose does not open as another.
  std::string Seal(std::string_view purpose, std::string_view plaintext) const;
  /// The plaintext, or nullopt when `sealed` is not of this keyring (unknown key, wrong purpose,
  /// altered bytes).
  std::optional<std::string> Open(std::string_view purpose, std::string_view sealed) const;
  /// True when `sealed` was sealed under an older key (rotation re-seals it).
  bool IsSealedUnderOldKey(std::string_view sealed) const;
  /// A keyed digest of `value` for `purpose` (hex BLAKE2b-256 under a subkey of the current
  /// key): equal values give equal digests, and nobody without the key can test a guess.
  std::string Digest(std::string_view purpose, std::string_view value) const;
  /// The same digest under every key of the ring, the current first: a look-up during rotation.
  std::vector<std::string> DigestsUnderEveryKey(std::string_view purpose, std::string_view value) const;

  /// The current key's id: the first 8 hex digits of a hash of the key (never the key).
  std::string CurrentKeyId() const;

  /// Writes a new key file at `path` holding a fresh key first and then this ring's keys (0600,
  /// written to a temporary file and renamed). The start of a rotation; `Keyring::FromFile(path)`
  /// then seals under the new key.
  void WriteRotated(const std::string& path) const;
  /// Writes `path` with only the current key: the end of a rotation, once nothing is sealed
  /// under an older key.
  void WriteCurrentOnly(const std::string& path) const;

 private:
  Keyring() = default;
  static std::string KeyId(const Key& key);
  void WriteKeys(const std::string& path, const std::vector<Key>& keys) const;

  std::vector<Key> keys_;
};

}  // namespace youhao::core
