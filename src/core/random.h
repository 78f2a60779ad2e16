#pragma once
/// Cryptographic randomness and hashing for tokens (libsodium).

#include <string>
#include <string_view>

namespace youhao::core {

/// Initialises libsodium; safe to call more than once. Throws if the library cannot start.
void InitCrypto();

/// `bytes` random bytes from the OS CSPRNG, encoded as unpadded base64url.
std::string RandomToken(std::size_t bytes = 32);

/// `count` random decimal digits (one-time codes), uniformly from the OS CSPRNG.
std::string RandomDigits(int count);

/// BLAKE2b-256 of `text`, hex encoded: what is stored for a bearer token (never the token).
std::string HashToken(std::string_view text);

/// Constant-time comparison of two strings.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace youhao::core
