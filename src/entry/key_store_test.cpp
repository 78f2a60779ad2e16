// Issuer secret keys at rest, on SQLite and on PostgreSQL when YOUHAO_TEST_PG_URL is set: sealed
// under the key file, legacy plain rows sealed at startup, a wrong key file refused, and a
// key-file rotation (`youhao keys rekey`) that keeps every key signing as before.
#include "entry/key_store.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "core/base64.h"
#include "storage/test_databases.h"

namespace youhao::entry {
namespace {

std::vector<std::string> DatabaseUrls() { return storage::TestDatabaseUrls("youhao_key_store_test"); }

core::Keyring::Key FreshKey() {
  core::Keyring::Key key{};
  randombytes_buf(key.data(), key.size());
  return key;
}

class KeyStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    auto c = database_->Acquire();
    Clear(*c);
  }
  void TearDown() override {
    auto c = database_->Acquire();
    Clear(*c);
    database_.reset();
    if (GetParam().starts_with("sqlite:")) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(GetParam().substr(7) + suffix);
    }
    std::filesystem::remove_all(dir_);
  }
  static void Clear(storage::Connection& c) {
    for (const char* table : {"passes", "signing_keys"}) c.Execute(std::string("DELETE FROM ") + table);
  }

  std::string StoredSecret(int key_id) {
    auto c = database_->Acquire();
    return c->QueryOne("SELECT secret_key FROM signing_keys WHERE key_id = ?", {static_cast<long long>(key_id)})
        ->Text(0);
  }
  passes::PublicKey StoredPublicKey(int key_id) {
    auto c = database_->Acquire();
    auto bytes = core::Base64Decode(
        c->QueryOne("SELECT public_key FROM signing_keys WHERE key_id = ?", {static_cast<long long>(key_id)})->Text(0));
    passes::PublicKey key{};
    EXPECT_TRUE(bytes && bytes->size() == key.size());
    if (bytes && bytes->size() == key.size()) std::copy(bytes->begin(), bytes->end(), key.begin());
    return key;
  }

  /// Signs a credential through `store` and checks the signature against `public_key`.
  static bool SignsFor(IssuerKeyStore& store, const passes::PublicKey& public_key) {
    passes::Credential credential;
    credential.key_id = store.ActiveKeyId();
    credential.pass_id = 42;
    credential.worker_id = 7;
    credential.issued_at = 1'800'000'000;
    credential.expires_at = 1'800'600'000;
    credential.name = "test";
    store.SignCredential(credential);
    const auto message = passes::CredentialSigningInput(credential);
    return crypto_sign_verify_detached(credential.issuer_signature.data(), message.data(), message.size(),
                                       public_key.data()) == 0;
  }

  const std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() / ("youhao_key_store_test_" + std::to_string(::getpid()));
  std::unique_ptr<storage::Database> database_;
};

TEST_P(KeyStoreTest, NewKeysAreStoredSealedAndSignForTheirPublicKey) {
  const core::Keyring ring(std::vector<core::Keyring::Key>{FreshKey()});
  IssuerKeyStore store(*database_, ring);
  const int key_id = store.EnsureActiveKey();
  const int rotated = store.Rotate();
  ASSERT_NE(key_id, rotated);

  for (const int id : {key_id, rotated}) {
    const std::string stored = StoredSecret(id);
    EXPECT_TRUE(stored.starts_with("s1." + ring.CurrentKeyId() + ".")) << stored;
    const auto secret = ring.Open("issuer-key", stored);
    ASSERT_TRUE(secret.has_value());
    ASSERT_EQ(secret->size(), crypto_sign_SECRETKEYBYTES);
    // Neither the secret nor its seed appears in the column, in any encoding the code ever used.
    const std::string seed = secret->substr(0, crypto_sign_SEEDBYTES);
    for (const std::string& plain :
         {core::Base64Encode(*secret), core::Base64Encode(*secret, core::Base64Variant::kStandard),
          core::Base64Encode(seed), core::Base64Encode(seed, core::Base64Variant::kStandard), seed}) {
      EXPECT_EQ(stored.find(plain), std::string::npos);
    }
    // Sealed for this purpose only.
    EXPECT_FALSE(ring.Open("phone", stored).has_value());
  }
  EXPECT_TRUE(SignsFor(store, StoredPublicKey(rotated)));
  EXPECT_FALSE(SignsFor(store, StoredPublicKey(key_id))) << "the retired key no longer signs";
  EXPECT_EQ(store.SealPlaintextKeys(), 0);
}

TEST_P(KeyStoreTest, APlainLegacyRowIsSealedAtStartupOnce) {
  passes::PublicKey public_key{};
  std::vector<unsigned char> secret(crypto_sign_SECRETKEYBYTES);
  crypto_sign_keypair(public_key.data(), secret.data());
  const std::string plain = core::Base64Encode(secret);
  {
    auto c = database_->Acquire();
    c->Execute("INSERT INTO signing_keys (key_id, public_key, secret_key, created_at) VALUES (5, ?, ?, 0)",
               {core::Base64Encode(public_key), plain});
  }
  const core::Keyring ring(std::vector<core::Keyring::Key>{FreshKey()});
  IssuerKeyStore store(*database_, ring);
  EXPECT_EQ(store.EnsureActiveKey(), 5);
  const std::string stored = StoredSecret(5);
  EXPECT_NE(stored, plain);
  EXPECT_EQ(stored.find(plain), std::string::npos);
  const auto opened = ring.Open("issuer-key", stored);
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(*opened, std::string(secret.begin(), secret.end()));
  EXPECT_TRUE(SignsFor(store, public_key));

  // Idempotent: a second startup finds nothing to seal and changes nothing.
  IssuerKeyStore again(*database_, ring);
  EXPECT_EQ(again.SealPlaintextKeys(), 0);
  EXPECT_EQ(again.EnsureActiveKey(), 5);
  EXPECT_EQ(StoredSecret(5), stored);
}

TEST_P(KeyStoreTest, AWrongKeyFileFailsLoudlyAndNeverSigns) {
  const core::Keyring right(std::vector<core::Keyring::Key>{FreshKey()});
  IssuerKeyStore store(*database_, right);
  const int key_id = store.EnsureActiveKey();

  const core::Keyring wrong(std::vector<core::Keyring::Key>{FreshKey()});
  IssuerKeyStore other(*database_, wrong);
  try {
    other.EnsureActiveKey();
    FAIL() << "a key file that does not open the issuer key must stop the start";
  } catch (const IssuerKeyUnreadable& error) {
    EXPECT_NE(std::string(error.what()).find("issuer key " + std::to_string(key_id)), std::string::npos)
        << error.what();
  }
  passes::Credential credential;
  credential.key_id = other.ActiveKeyId();
  EXPECT_THROW(other.SignCredential(credential), std::runtime_error);
  EXPECT_THROW(other.ResealUnderCurrentKey(), IssuerKeyUnreadable);
  EXPECT_TRUE(SignsFor(store, StoredPublicKey(key_id))) << "the right key file still works";

  // A sealed secret moved onto another key's row opens, but is not that key's secret.
  const int second = store.Rotate();
  {
    auto c = database_->Acquire();
    c->Execute("UPDATE signing_keys SET secret_key = ? WHERE key_id = ?",
               {StoredSecret(key_id), static_cast<long long>(second)});
  }
  IssuerKeyStore swapped(*database_, right);
  EXPECT_THROW(swapped.EnsureActiveKey(), IssuerKeyUnreadable);
}

TEST_P(KeyStoreTest, RekeyReSealsEveryKeyAndKeepsSigning) {
  std::filesystem::create_directories(dir_);
  const std::string path = (dir_ / "youhao.key").string();
  const auto old_ring = core::Keyring::FromFile(path);
  IssuerKeyStore running(*database_, old_ring);  // a server started before the rekey
  const int retired = running.EnsureActiveKey();
  const int active = running.Rotate();
  const passes::PublicKey retired_public = StoredPublicKey(retired);
  const passes::PublicKey active_public = StoredPublicKey(active);

  // `youhao keys rekey`: a new key first in the file, every secret re-sealed under it, then the
  // file keeps only the new key.
  old_ring.WriteRotated(path);
  {
    const auto rotated = core::Keyring::FromFile(path);
    ASSERT_NE(rotated.CurrentKeyId(), old_ring.CurrentKeyId());
    IssuerKeyStore rekey(*database_, rotated);
    EXPECT_EQ(rekey.ResealUnderCurrentKey(), 2);
    EXPECT_EQ(rekey.ResealUnderCurrentKey(), 0) << "idempotent";
    for (const int id : {retired, active}) {
      EXPECT_TRUE(StoredSecret(id).starts_with("s1." + rotated.CurrentKeyId() + "."));
      EXPECT_FALSE(rotated.IsSealedUnderOldKey(StoredSecret(id)));
    }
    rotated.WriteCurrentOnly(path);
  }
  EXPECT_FALSE(old_ring.Open("issuer-key", StoredSecret(active)).has_value());

  const auto after = core::Keyring::FromFile(path);
  IssuerKeyStore restarted(*database_, after);
  EXPECT_EQ(restarted.EnsureActiveKey(), active);
  EXPECT_TRUE(SignsFor(restarted, active_public)) << "the same issuer key signs after the rekey";
  const auto found = restarted.Find(static_cast<std::uint16_t>(retired));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->public_key, retired_public) << "the retired key still verifies";

  // The server that was running keeps the secrets it opened when it reloads the re-sealed rows.
  EXPECT_EQ(running.SealPlaintextKeys(), 0);
  EXPECT_TRUE(SignsFor(running, active_public));
  // The old key file alone opens nothing any more.
  IssuerKeyStore stale(*database_, old_ring);
  EXPECT_THROW(stale.EnsureActiveKey(), IssuerKeyUnreadable);
}

INSTANTIATE_TEST_SUITE_P(Backends, KeyStoreTest, ::testing::ValuesIn(DatabaseUrls()),
                         [](const auto& backend) { return storage::BackendName(backend.param); });

}  // namespace
}  // namespace youhao::entry
