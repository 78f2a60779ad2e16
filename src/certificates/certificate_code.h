#pragma once
/// The certificate's QR text, verifiable offline (docs/training.md): "YHC1:" + base45(body ||
/// signature), where body is the UTF-8 fields serial, kind, masked name, title, issued_at,
/// valid_until and key id joined by '\n', and the 64-byte Ed25519 signature covers "YHC1\n" + body.
/// The same text and rules are read by web/src/training/certificate-code.ts.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace youhao::certificates {

constexpr std::string_view kQrPrefix = "YHC1:";

struct SignedFields {
  std::string serial;
  std::string kind;         ///< KindName
  std::string masked_name;  ///< core::MaskName of the holder's name
  std::string title;
  long long issued_at = 0;
  long long valid_until = 0;  ///< 0: no end
  long long key_id = 0;
};

/// The body (fields joined by '\n'; a line break inside a field becomes a space).
std::string Body(const SignedFields& fields);
/// What the signature covers: "YHC1\n" + Body(fields).
std::string SignedText(const SignedFields& fields);
/// The QR text for `fields` and their 64-byte signature.
std::string QrText(const SignedFields& fields, std::span<const unsigned char> signature);

struct DecodedQr {
  SignedFields fields;
  std::vector<unsigned char> signature;
};
/// Parses a QR text; nullopt when it is not one (prefix, base45, field count, numbers).
std::optional<DecodedQr> DecodeQr(std::string_view text);

/// The 64-byte Ed25519 signature of `text` with a 64-byte libsodium secret key.
std::vector<unsigned char> SignText(std::string_view text, std::span<const unsigned char> secret_key);
/// True when `signature` over `text` holds under the 32-byte `public_key`.
bool SignatureHolds(std::string_view text, std::span<const unsigned char> signature,
                    std::span<const unsigned char> public_key);

enum class OfflineVerdict { kValid, kExpired, kInvalid };
/// The offline check a verifier does: the text decodes, its key is known, the signature holds,
/// and it has not run out at `now`. `public_keys` are {id, 32-byte key} pairs.
struct KnownKey {
  long long id = 0;
  std::vector<unsigned char> public_key;
};
OfflineVerdict VerifyOffline(std::string_view text, std::span<const KnownKey> public_keys, long long now);

}  // namespace youhao::certificates
