#include "entry/key_store.h"

#include <sodium.h>

#include <cstring>

#include <stdexcept>
#include "core/base64.h"

namespace youhao::entry {

namespace {

int CreateKey(storage::Connection& connection) {
  passes::PublicKey public_key{};
  std::vector<unsigned char> secret_key(crypto_sign_SECRETKEYBYTES);
  crypto_sign_keypair(public_key.data(), secret_key.data());
  const long long next = connection.QueryInt("SELECT COALESCE(MAX(key_id), 0) + 1 FROM signing_keys");
  if (next > 65535) throw std::runtime_error("issuer key ids exhausted");
  connection.Execute("INSERT INTO signing_keys (key_id, public_key, secret_key, created_at) VALUES (?, ?, ?, ?)",
                     {next, core::Base64Encode(public_key), core::Base64Encode(secret_key), storage::NowSeconds()});
  sodium_memzero(secret_key.data(), secret_key.size());
  return static_cast<int>(next);
}

}  // namespace

int IssuerKeyStore::EnsureActiveKey() {
  int key_id = 0;
  {
    auto connection = database_.Acquire();
    storage::Transaction transaction(*connection);
    auto active = connection->QueryOne("SELECT key_id FROM signing_keys WHERE retired_at IS NULL ORDER BY key_id DESC");
    key_id = active ? static_cast<int>(active->Int(0)) : CreateKey(*connection);
    transaction.Commit();
  }
  std::lock_guard lock(mutex_);
  ReloadIfStale(true);
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
    key_id = CreateKey(*connection);
    transaction.Commit();
  }
  std::lock_guard lock(mutex_);
  ReloadIfStale(true);
  return key_id;
}

void IssuerKeyStore::Reload() {
  auto connection = database_.Acquire();
  keys_.clear();
  for (const auto& row : connection->Query(
           "SELECT key_id, public_key, secret_key, retired_at, not_after FROM signing_keys ORDER BY key_id")) {
    Loaded loaded;
    loaded.key.key_id = static_cast<std::uint16_t>(row.Int(0));
    auto public_key = core::Base64Decode(row.Text(1));
    auto secret_key = core::Base64Decode(row.Text(2));
    if (!public_key || public_key->size() != passes::kPublicKeyBytes || !secret_key) continue;
    std::memcpy(loaded.key.public_key.data(), public_key->data(), passes::kPublicKeyBytes);
    loaded.key.not_after = row.IsNull(4) ? 0 : row.Int(4);
    loaded.active = row.IsNull(3);
    loaded.secret_key = std::move(*secret_key);
    keys_[loaded.key.key_id] = std::move(loaded);
  }
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
