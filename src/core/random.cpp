#include "core/random.h"

#include "core/base64.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace youhao::core {

void InitCrypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string RandomToken(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  return Base64Encode(buffer);
}

std::string RandomDigits(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += static_cast<char>('0' + randombytes_uniform(10));
  return out;
}

std::string HashToken(std::string_view text) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr,
                     0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, 64);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace youhao::core
