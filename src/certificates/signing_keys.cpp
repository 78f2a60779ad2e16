// Ed25519 signing keys sealed with the keyring, shared by certificates and honours (signing_keys.h).

#include "certificates/signing_keys.h"

#include <sodium.h>

#include "certificates/certificate_code.h"
#include "core/base64.h"

namespace youhao::certificates {

namespace {

/// Keys are looked at newest first, this many at most, for one that opens.
constexpr int kKeysTried = 20;

std::string Sql(std::string_view before, KeyTable keys, std::string_view after) {
  std::string sql(before);
  sql += keys.table;
  sql += after;
  return sql;
}

}  // namespace

OpenedKey::~OpenedKey() {
  if (!secret_.empty()) sodium_memzero(secret_.data(), secret_.size());
}

std::string OpenedKey::Sign(std::string_view text) const { return core::Base64Encode(SignText(text, secret_)); }

OpenedKey NewestSigningKey(storage::Connection& connection, const core::Keyring& keyring, KeyTable keys,
                           long long now) {
  for (const auto& row : connection.Query(Sql("SELECT id, sealed_secret FROM ", keys, " ORDER BY id DESC LIMIT ?"),
                                          {static_cast<long long>(kKeysTried)})) {
    const auto opened = keyring.Open(keys.purpose, row.Text(1));
    auto bytes = opened ? core::Base64Decode(*opened) : std::nullopt;
    if (bytes && bytes->size() == crypto_sign_SECRETKEYBYTES) return OpenedKey(row.Int(0), std::move(*bytes));
  }
  std::vector<unsigned char> public_key(crypto_sign_PUBLICKEYBYTES);
  std::vector<unsigned char> secret(crypto_sign_SECRETKEYBYTES);
  crypto_sign_keypair(public_key.data(), secret.data());
  const long long id =
      connection
          .QueryOne(Sql("INSERT INTO ", keys, " (public_key, sealed_secret, created_at) VALUES (?, ?, ?) RETURNING id"),
                    {core::Base64Encode(public_key), keyring.Seal(keys.purpose, core::Base64Encode(secret)), now})
          ->Int(0);
  return OpenedKey(id, std::move(secret));
}

std::optional<std::vector<unsigned char>> PublicKeyOf(storage::Connection& connection, KeyTable keys, long long id) {
  const auto row = connection.QueryOne(Sql("SELECT public_key FROM ", keys, " WHERE id = ?"), {id});
  if (!row) return std::nullopt;
  return core::Base64Decode(row->Text(0));
}

bool SignedByKey(storage::Connection& connection, KeyTable keys, long long key_id, std::string_view text,
                 std::string_view signature) {
  const auto public_key = PublicKeyOf(connection, keys, key_id);
  const auto bytes = core::Base64Decode(signature);
  if (!public_key || !bytes) return false;
  return SignatureHolds(text, *bytes, *public_key);
}

}  // namespace youhao::certificates
