#include "accounts/password.h"

#include <sodium.h>

#include <stdexcept>

namespace youhao::accounts {

std::string HashPassword(std::string_view password) {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return hash;
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string_view PasswordProblem(std::string_view password) {
  if (password.size() < 8) return "the password must have at least 8 characters";
  if (password.size() > 128) return "the password must have at most 128 bytes";
  return {};
}

}  // namespace youhao::accounts
