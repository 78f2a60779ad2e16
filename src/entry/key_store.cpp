#include "entry/key_store.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include "core/base64.h"

namespace youhao::entry {

namespace {

/// What the keyring binds a sealed issuer secret to: it opens as nothing else.
constexpr std::string_view kSealPurpose = "issuer-key";
/// How `core::Keyring::Seal` starts every value; plain base64 never holds a '.'.
constexpr std::string_view kSealedPrefix = "s1.";

bool IsSealed(const std::string& stored) { return stored.starts_with(kSealedPrefix); }

bool NeedsSealing(const core::Keyring& /*keyring*/, const std::string& stored) { return !IsSealed(stored); }

bool NeedsResealing(const core::Keyring& keyring, const std::string& stored) {
  return !IsSealed(stored) || keyring.IsSealedUnderOldKey(stored);
}

std::optional<passes::PublicKey> DecodePublicKey(std::string_view text) {
  auto bytes = core::Base64Decode(text);
  if (!bytes || bytes->size() != passes::kPublicKeyBytes) return std::nullopt;
  passes::PublicKey key{};
  std::memcpy(key.data(), bytes->data(), key.size());
  return key;
}

std::string SealSecret(const core::Keyring& keyring, const std::vector<unsigned char>& secret_key) {
  return keyring.Seal(kSealPurpose,
                      std::string_view(reinterpret_cast<const char*>(secret_key.data()), secret_key.size()));
}

void Wipe(std::vector<unsigned char>& secret) {
  if (!secret.empty()) sodium_memzero(secret.data(), secret.size());
  secret.clear();
}

std::string JoinIds(const std::vector<long long>& ids) {
  std::string text;
  for (const long long id : ids) text += (text.empty() ? "" : ", ") + std::to_string(id);
  return text;
}

IssuerKeyUnreadable Unreadable(const std::vector<long long>& ids, const core::Keyring& keyring) {
  return IssuerKeyUnreadable(fmt::format(
      "the secret of issuer key {} does not open with this key file (current key {}); it was sealed under "
      "another key file, or altered. Start with the key file the database was used with; nothing will be signed "
      "with it",
      JoinIds(ids), keyring.CurrentKeyId()));
}

int CreateKey(storage::Connection& connection, const core::Keyring& keyring) {
  passes::PublicKey public_key{};
  std::vector<unsigned char> secret_key(crypto_sign_SECRETKEYBYTES);
  crypto_sign_keypair(public_key.data(), secret_key.data());
  const long long next = connection.QueryInt("SELECT COALESCE(MAX(key_id), 0) + 1 FROM signing_keys");
  if (next > 65535) throw std::runtime_error("issuer key ids exhausted");
  connection.Execute("INSERT INTO signing_keys (key_id, public_key, secret_key, created_at) VALUES (?, ?, ?, ?)",
                     {next, core::Base64Encode(public_key), SealSecret(keyring, secret_key), storage::NowSeconds()});
  Wipe(secret_key);
  return static_cast<int>(next);
}

}  // namespace

std::optional<std::vector<unsigned char>> IssuerKeyStore::OpenSecret(const std::string& stored,
                                                                     const passes::PublicKey& public_key) const {
  std::vector<unsigned char> secret;
  if (IsSealed(stored)) {
    auto opened = keyring_.Open(kSealPurpose, stored);
    if (!opened) return std::nullopt;
    secret.assign(opened->begin(), opened->end());
    sodium_memzero(opened->data(), opened->size());
  } else {
    // Stored before secrets were sealed; SealPlaintextKeys() seals it at the next startup.
    auto decoded = core::Base64Decode(stored);
    if (!decoded) return std::nullopt;
    secret = std::move(*decoded);
  }
  if (secret.size() != crypto_sign_SECRETKEYBYTES) {
    Wipe(secret);
    return std::nullopt;
  }
  // The secret must be the one of its public key: derived again from the seed, not read from
  // the secret's second half, so that no altered value is ever signed with.
  unsigned char seed[crypto_sign_SEEDBYTES];
  crypto_sign_ed25519_sk_to_seed(seed, secret.data());
  passes::PublicKey derived{};
  std::vector<unsigned char> rebuilt(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(derived.data(), rebuilt.data(), seed);
  sodium_memzero(seed, sizeof seed);
  const bool matches = sodium_memcmp(derived.data(), public_key.data(), derived.size()) == 0 &&
                       sodium_memcmp(rebuilt.data(), secret.data(), secret.size()) == 0;
  Wipe(rebuilt);
  if (!matches) {
    Wipe(secret);
    return std::nullopt;
  }
  return secret;
}

int IssuerKeyStore::Reseal(bool (*needs)(const core::Keyring&, const std::string&)) {
  struct Change {
    long long key_id;
    std::string before;
    std::string after;
  };
  int changed = 0;
  {
    auto connection = database_.Acquire();
    storage::Transaction transaction(*connection);
    std::vector<Change> changes;
    std::vector<long long> unreadable;
    for (const auto& row :
         connection->Query("SELECT key_id, public_key, secret_key FROM signing_keys ORDER BY key_id")) {
      const std::string stored = row.Text(2);
      if (!needs(keyring_, stored)) continue;
      const auto public_key = DecodePublicKey(row.Text(1));
      auto secret = public_key ? OpenSecret(stored, *public_key) : std::nullopt;
      if (!secret) {
        unreadable.push_back(row.Int(0));
        continue;
      }
      changes.push_back(Change{row.Int(0), stored, SealSecret(keyring_, *secret)});
      Wipe(*secret);
    }
    if (!unreadable.empty()) throw Unreadable(unreadable, keyring_);
    for (const Change& change : changes) {
      // Guarded by the value read: another process sealing the same row at once changes it once.
      changed += static_cast<int>(
          connection->Execute("UPDATE signing_keys SET secret_key = ? WHERE key_id = ? AND secret_key = ?",
                              {change.after, change.key_id, change.before}));
    }
    transaction.Commit();
  }
  std::lock_guard lock(mutex_);
  ReloadIfStale(true);
  return changed;
}

int IssuerKeyStore::SealPlaintextKeys() { return Reseal(&NeedsSealing); }

int IssuerKeyStore::ResealUnderCurrentKey() { return Reseal(&NeedsResealing); }

int IssuerKeyStore::EnsureActiveKey() {
  SealPlaintextKeys();
  int key_id = 0;
  {
    auto connection = database_.Acquire();
    storage::Transaction transaction(*connection);
    auto active = connection->QueryOne("SELECT key_id FROM signing_keys WHERE retired_at IS NULL ORDER BY key_id DESC");
    key_id = active ? static_cast<int>(active->Int(0)) : CreateKey(*connection, keyring_);
    transaction.Commit();
  }
  std::lock_guard lock(mutex_);
  ReloadIfStale(true);
  std::vector<long long> unreadable;
  for (const auto& [id, loaded] : keys_) {
    if (loaded.secret_key.empty()) unreadable.push_back(id);
  }
  if (!unreadable.empty()) {
    std::sort(unreadable.begin(), unreadable.end());
    throw Unreadable(unreadable, keyring_);
  }
  return key_id;
}

int IssuerKeyStore::Rotate() {
  int key_id = 0;
  {
    auto connection = database_.Acquire();
    storage::Transaction transaction(*connection);
    const long long now = storage::NowSeconds();
    // A small margin covers clocks that run a little behind at the gates.
    connection->Execute("UPDATE signing_keys SET retired_at = ?, not_after = ? WHERE retired_at IS NULL",
                        {now, now + kPassLifetimeSeconds + 300});
    key_id = CreateKey(*connection, keyring_);
    transaction.Commit();
  }
  std::lock_guard lock(mutex_);
  ReloadIfStale(true);
  return key_id;
}

void IssuerKeyStore::Reload() {
  auto connection = database_.Acquire();
  std::unordered_map<std::uint16_t, Loaded> fresh;
  for (const auto& row : connection->Query(
           "SELECT key_id, public_key, secret_key, retired_at, not_after FROM signing_keys ORDER BY key_id")) {
    Loaded loaded;
    loaded.key.key_id = static_cast<std::uint16_t>(row.Int(0));
    const auto public_key = DecodePublicKey(row.Text(1));
    if (!public_key) continue;
    loaded.key.public_key = *public_key;
    loaded.key.not_after = row.IsNull(4) ? 0 : row.Int(4);
    loaded.active = row.IsNull(3);
    if (auto secret = OpenSecret(row.Text(2), *public_key)) {
      loaded.secret_key = std::move(*secret);
    } else if (const auto previous = keys_.find(loaded.key.key_id);
               previous != keys_.end() && previous->second.key.public_key == loaded.key.public_key) {
      // `youhao keys rekey` re-sealed it under a key file newer than this process's: the secret
      // itself is unchanged, and this process opened it before.
      loaded.secret_key = previous->second.secret_key;
    }
    fresh[loaded.key.key_id] = std::move(loaded);
  }
  for (auto& [id, loaded] : keys_) Wipe(loaded.secret_key);
  keys_ = std::move(fresh);
  loaded_at_ = std::chrono::steady_clock::now();
}

void IssuerKeyStore::ReloadIfStale(bool force) {
  if (force || std::chrono::steady_clock::now() - loaded_at_ > std::chrono::seconds(10)) Reload();
}

std::uint16_t IssuerKeyStore::ActiveKeyId() {
  std::lock_guard lock(mutex_);
  ReloadIfStale(false);
  const Loaded* active = ActiveLocked();
  if (active == nullptr) throw std::runtime_error("no active issuer key; run `youhao keys rotate`");
  return active->key.key_id;
}

void IssuerKeyStore::SignCredential(passes::Credential& credential) {
  std::lock_guard lock(mutex_);
  const Loaded* active = ActiveLocked();
  if (active == nullptr || active->key.key_id != credential.key_id) {
    throw std::runtime_error("the issuer key changed while a pass was being issued");
  }
  if (active->secret_key.size() != crypto_sign_SECRETKEYBYTES) {
    throw std::runtime_error(fmt::format(
        "issuer key {} does not open with this server's key file; restart with the key file it was sealed under",
        active->key.key_id));
  }
  const auto message = passes::CredentialSigningInput(credential);
  crypto_sign_detached(credential.issuer_signature.data(), nullptr, message.data(), message.size(),
                       active->secret_key.data());
}

const IssuerKeyStore::Loaded* IssuerKeyStore::ActiveLocked() const {
  const Loaded* active = nullptr;
  for (const auto& [id, loaded] : keys_) {
    if (loaded.active && (active == nullptr || id > active->key.key_id)) active = &loaded;
  }
  return active;
}

std::optional<passes::IssuerKey> IssuerKeyStore::Find(std::uint16_t key_id) {
  std::lock_guard lock(mutex_);
  auto found = keys_.find(key_id);
  if (found == keys_.end()) {
    ReloadIfStale(false);
    found = keys_.find(key_id);
    if (found == keys_.end()) return std::nullopt;
  }
  return found->second.key;
}

std::vector<passes::IssuerKey> IssuerKeyStore::PublicKeys() {
  std::lock_guard lock(mutex_);
  ReloadIfStale(false);
  const long long now = storage::NowSeconds();
  std::vector<passes::IssuerKey> keys;
  for (const auto& [id, loaded] : keys_) {
    if (loaded.key.not_after == 0 || loaded.key.not_after > now) keys.push_back(loaded.key);
  }
  return keys;
}

}  // namespace youhao::entry
