// The certificate QR text: encode, decode, sign and check offline (see certificate_code.h).

#include "certificates/certificate_code.h"

#include <sodium.h>

#include <charconv>
#include <stdexcept>

#include "passes/base45.h"

namespace youhao::certificates {

namespace {

constexpr std::size_t kFieldCount = 7;
constexpr std::size_t kSignatureBytes = crypto_sign_BYTES;

std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::optional<long long> Number(std::string_view text) {
  long long value = 0;
  if (text.empty() || text.size() > 19) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::string Body(const SignedFields& fields) {
  std::string body = OneLine(fields.serial);
  body += '\n';
  body += OneLine(fields.kind);
  body += '\n';
  body += OneLine(fields.masked_name);
  body += '\n';
  body += OneLine(fields.title);
  body += '\n';
  body += std::to_string(fields.issued_at);
  body += '\n';
  body += std::to_string(fields.valid_until);
  body += '\n';
  body += std::to_string(fields.key_id);
  return body;
}

std::string SignedText(const SignedFields& fields) { return "YHC1\n" + Body(fields); }

std::string QrText(const SignedFields& fields, std::span<const unsigned char> signature) {
  const std::string body = Body(fields);
  std::vector<unsigned char> bytes(body.begin(), body.end());
  bytes.insert(bytes.end(), signature.begin(), signature.end());
  return std::string(kQrPrefix) + passes::Base45Encode(bytes);
}

std::optional<DecodedQr> DecodeQr(std::string_view text) {
  if (!text.starts_with(kQrPrefix)) return std::nullopt;
  const auto bytes = passes::Base45Decode(text.substr(kQrPrefix.size()));
  if (!bytes || bytes->size() <= kSignatureBytes) return std::nullopt;
  const std::size_t body_size = bytes->size() - kSignatureBytes;
  const std::string body(bytes->begin(), bytes->begin() + static_cast<std::ptrdiff_t>(body_size));
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = body.find('\n', start);
    if (end == std::string::npos) {
      parts.push_back(body.substr(start));
      break;
    }
    parts.push_back(body.substr(start, end - start));
    start = end + 1;
  }
  if (parts.size() != kFieldCount) return std::nullopt;
  const auto issued = Number(parts[4]);
  const auto valid = Number(parts[5]);
  const auto key = Number(parts[6]);
  if (!issued || !valid || !key || parts[0].empty()) return std::nullopt;
  DecodedQr decoded;
  decoded.fields = {.serial = parts[0],
                    .kind = parts[1],
                    .masked_name = parts[2],
                    .title = parts[3],
                    .issued_at = *issued,
                    .valid_until = *valid,
                    .key_id = *key};
  decoded.signature.assign(bytes->begin() + static_cast<std::ptrdiff_t>(body_size), bytes->end());
  return decoded;
}

std::vector<unsigned char> SignText(std::string_view text, std::span<const unsigned char> secret_key) {
  std::vector<unsigned char> signature(kSignatureBytes);
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) throw std::invalid_argument("not an Ed25519 secret key");
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       secret_key.data());
  return signature;
}

bool SignatureHolds(std::string_view text, std::span<const unsigned char> signature,
                    std::span<const unsigned char> public_key) {
  if (signature.size() != kSignatureBytes || public_key.size() != crypto_sign_PUBLICKEYBYTES) return false;
  return crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                                     public_key.data()) == 0;
}

OfflineVerdict VerifyOffline(std::string_view text, std::span<const KnownKey> public_keys, long long now) {
  const auto decoded = DecodeQr(text);
  if (!decoded) return OfflineVerdict::kInvalid;
  for (const KnownKey& key : public_keys) {
    if (key.id != decoded->fields.key_id) continue;
    if (!SignatureHolds(SignedText(decoded->fields), decoded->signature, key.public_key))
      return OfflineVerdict::kInvalid;
    if (decoded->fields.valid_until != 0 && decoded->fields.valid_until < now) return OfflineVerdict::kExpired;
    return OfflineVerdict::kValid;
  }
  return OfflineVerdict::kInvalid;
}

}  // namespace youhao::certificates
