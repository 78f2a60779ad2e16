#include "core/keyring.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/base64.h"
#include "core/random.h"

namespace youhao::core {

namespace {

constexpr std::string_view kSealPrefix = "s1.";

std::string Hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

/// The subkey of `key` for `purpose`; the purpose names what it protects ("phone", "issuer-key").
Keyring::Key Subkey(const Keyring::Key& key, std::string_view kind, std::string_view purpose) {
  Keyring::Key subkey{};
  const std::string label = "youhao:" + std::string(kind) + ":" + std::string(purpose);
  crypto_generichash(subkey.data(), subkey.size(), reinterpret_cast<const unsigned char*>(label.data()), label.size(),
                     key.data(), key.size());
  return subkey;
}

std::optional<Keyring::Key> ParseKeyLine(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  Keyring::Key key{};
  std::size_t written = 0;
  if (line.size() != Keyring::kKeyBytes * 2 ||
      sodium_hex2bin(key.data(), key.size(), line.data(), line.size(), nullptr, &written, nullptr) != 0 ||
      written != key.size()) {
    return std::nullopt;
  }
  return key;
}

void WriteAll(int fd, const std::string& text, const std::string& path) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write key file " + path + ": " + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) throw std::runtime_error("cannot sync key file " + path + ": " + std::strerror(errno));
}

}  // namespace

Keyring::Keyring(std::vector<Key> keys) : keys_(std::move(keys)) {
  InitCrypto();
  if (keys_.empty()) throw std::invalid_argument("a keyring needs at least one key");
}

Keyring::Keyring(Keyring&& other) noexcept : keys_(std::move(other.keys_)) {}

Keyring& Keyring::operator=(Keyring&& other) noexcept {
  if (this != &other) {
    for (auto& key : keys_) sodium_memzero(key.data(), key.size());
    keys_ = std::move(other.keys_);
  }
  return *this;
}

Keyring::~Keyring() {
  for (auto& key : keys_) sodium_memzero(key.data(), key.size());
}

Keyring Keyring::Ephemeral() {
  InitCrypto();
  Key key{};
  randombytes_buf(key.data(), key.size());
  return Keyring(std::vector<Key>{key});
}

Keyring Keyring::FromFile(const std::string& path) {
  InitCrypto();
  // Created once, exclusively: two servers starting together agree on one key.
  const int created = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (created >= 0) {
    Key key{};
    randombytes_buf(key.data(), key.size());
    try {
      WriteAll(created, Hex(key.data(), key.size()) + "\n", path);
    } catch (...) {
      ::close(created);
      ::unlink(path.c_str());
      throw;
    }
    ::close(created);
    return Keyring(std::vector<Key>{key});
  }
  if (errno != EEXIST) throw std::runtime_error("cannot create key file " + path + ": " + std::strerror(errno));

  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    throw std::runtime_error("cannot read key file " + path + ": " + std::strerror(errno));
  }
  if ((status.st_mode & 077) != 0) {
    throw std::runtime_error("key file " + path + " can be read by others than its owner: chmod 600 it");
  }
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read key file " + path);
  std::vector<Key> keys;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.starts_with('#')) continue;
    auto key = ParseKeyLine(line);
    if (!key) throw std::runtime_error("key file " + path + " holds a line that is not a 64-digit hex key");
    keys.push_back(*key);
    sodium_memzero(line.data(), line.size());
  }
  if (keys.empty()) throw std::runtime_error("key file " + path + " holds no key");
  return Keyring(std::move(keys));
}

std::string Keyring::KeyId(const Key& key) {
  const Key id = Subkey(key, "id", "key");
  return Hex(id.data(), 4);
}

std::string Keyring::CurrentKeyId() const { return KeyId(keys_.front()); }

std::string Keyring::Seal(std::string_view purpose, std::string_view plaintext) const {
  const Key subkey = Subkey(keys_.front(), "seal", purpose);
  std::vector<unsigned char> box(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                                 crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned char* nonce = box.data();
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(box.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written,
                                             reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                                             reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(),
                                             nullptr, nonce, subkey.data());
  box.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + written);
  return std::string(kSealPrefix) + CurrentKeyId() + "." + Base64Encode(box);
}

std::optional<std::string> Keyring::Open(std::string_view purpose, std::string_view sealed) const {
  if (!sealed.starts_with(kSealPrefix)) return std::nullopt;
  sealed.remove_prefix(kSealPrefix.size());
  const auto dot = sealed.find('.');
  if (dot != 8) return std::nullopt;
  const std::string_view key_id = sealed.substr(0, dot);
  auto box = Base64Decode(sealed.substr(dot + 1));
  constexpr std::size_t kOverhead =
      crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (!box || box->size() < kOverhead) return std::nullopt;
  for (const Key& key : keys_) {
    if (KeyId(key) != key_id) continue;
    const Key subkey = Subkey(key, "seal", purpose);
    std::string plaintext(box->size() - kOverhead, '\0');
    unsigned long long written = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plaintext.data()), &written,
                                                   nullptr, box->data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                   box->size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                   reinterpret_cast<const unsigned char*>(purpose.data()),
                                                   purpose.size(), box->data(), subkey.data()) != 0) {
      return std::nullopt;
    }
    plaintext.resize(written);
    return plaintext;
  }
  return std::nullopt;
}

bool Keyring::IsSealedUnderOldKey(std::string_view sealed) const {
  if (!sealed.starts_with(kSealPrefix)) return false;
  return sealed.substr(kSealPrefix.size(), 8) != CurrentKeyId();
}

std::string Keyring::Digest(std::string_view purpose, std::string_view value) const {
  const Key subkey = Subkey(keys_.front(), "digest", purpose);
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(value.data()), value.size(), subkey.data(),
                     subkey.size());
  return Hex(out, sizeof out);
}

std::vector<std::string> Keyring::DigestsUnderEveryKey(std::string_view purpose, std::string_view value) const {
  std::vector<std::string> digests;
  digests.reserve(keys_.size());
  for (const Key& key : keys_) {
    const Key subkey = Subkey(key, "digest", purpose);
    unsigned char out[32];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(value.data()), value.size(),
                       subkey.data(), subkey.size());
    digests.push_back(Hex(out, sizeof out));
  }
  return digests;
}

void Keyring::WriteKeys(const std::string& path, const std::vector<Key>& keys) const {
  std::string text;
  for (const Key& key : keys) text += Hex(key.data(), key.size()) + "\n";
  const std::string temporary = path + ".new";
  ::unlink(temporary.c_str());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create key file " + temporary + ": " + std::strerror(errno));
  try {
    WriteAll(fd, text, temporary);
  } catch (...) {
    ::close(fd);
    sodium_memzero(text.data(), text.size());
    throw;
  }
  ::close(fd);
  sodium_memzero(text.data(), text.size());
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    throw std::runtime_error("cannot replace key file " + path + ": " + std::strerror(errno));
  }
}

void Keyring::WriteRotated(const std::string& path) const {
  Key fresh{};
  randombytes_buf(fresh.data(), fresh.size());
  std::vector<Key> keys{fresh};
  keys.insert(keys.end(), keys_.begin(), keys_.end());
  WriteKeys(path, keys);
  for (auto& key : keys) sodium_memzero(key.data(), key.size());
}

void Keyring::WriteCurrentOnly(const std::string& path) const { WriteKeys(path, {keys_.front()}); }

}  // namespace youhao::core
