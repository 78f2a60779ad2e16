#pragma once
/// Password hashing with Argon2id (libsodium crypto_pwhash_str).

#include <string>
#include <string_view>

namespace youhao::accounts {

/// Argon2id hash in the PHC string format, with libsodium's interactive limits.
std::string HashPassword(std::string_view password);
/// True when `password` matches `hash`. Malformed hashes never match.
bool VerifyPassword(std::string_view hash, std::string_view password);
/// Rules for new passwords: 8 to 128 bytes. Returns an explanation when it is not acceptable.
std::string_view PasswordProblem(std::string_view password);

}  // namespace youhao::accounts
