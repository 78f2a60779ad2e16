#pragma once
/// The entry pass wire formats (docs/passes.md): the credential the server signs, and the QR
/// text the phone shows, which adds a device signature over the current 30-second window.
/// Parsing never trusts lengths and never reads past the input.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace youhao::passes {

inline constexpr std::uint8_t kCredentialVersion = 1;
inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kSignatureBytes = 64;
inline constexpr std::size_t kMaxNameBytes = 30;
inline constexpr long long kWindowSeconds = 30;
inline constexpr std::string_view kQrPrefix = "YH1:";

using PublicKey = std::array<unsigned char, kPublicKeyBytes>;
using Signature = std::array<unsigned char, kSignatureBytes>;

struct Credential {
  std::uint16_t key_id = 0;
  std::uint32_t pass_id = 0;
  std::uint32_t worker_id = 0;
  std::uint32_t issued_at = 0;
  std::uint32_t expires_at = 0;
  PublicKey device_public_key{};
  std::uint8_t platform = 255;
  std::uint8_t kind = 0;
  std::string name;
  Signature issuer_signature{};
};

/// The bytes the issuer signs: "YHP1" followed by the credential without its signature.
std::vector<unsigned char> CredentialSigningInput(const Credential& credential);
/// The full credential: signing fields then the issuer signature.
std::vector<unsigned char> SerializeCredential(const Credential& credential);
/// Parses a credential that fills `bytes` exactly; nullopt when malformed.
std::optional<Credential> ParseCredential(std::span<const unsigned char> bytes);

/// The bytes the device signs for `window`: "YHQ1" || pass_id || window.
std::array<unsigned char, 12> DeviceSigningInput(std::uint32_t pass_id, std::uint32_t window);

struct QrCode {
  Credential credential;
  std::uint32_t window = 0;
  Signature device_signature{};
};

/// "YH1:" + base45(credential || window || device signature).
std::string EncodeQrText(const Credential& credential, std::uint32_t window, const Signature& device_signature);
/// Decodes a scanned QR text; nullopt when it is not a well-formed pass code. Tolerates the
/// lower case and surrounding whitespace that keyboard-emulating scanners sometimes add.
std::optional<QrCode> DecodeQrText(std::string_view text);

/// The 30-second window containing `unix_seconds`.
inline std::uint32_t WindowOf(long long unix_seconds) {
  return static_cast<std::uint32_t>(unix_seconds / kWindowSeconds);
}

/// Platform names by index as carried in credentials (255: other).
std::string_view PlatformName(std::uint8_t index);
std::uint8_t PlatformIndex(std::string_view name);
std::string_view KindName(std::uint8_t index);
std::uint8_t KindIndex(std::string_view name);

}  // namespace youhao::passes
