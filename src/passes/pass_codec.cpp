#include "passes/pass_codec.h"

#include <algorithm>
#include <cstring>

#include "core/platforms.h"
#include "core/text.h"
#include "passes/base45.h"

namespace youhao::passes {

namespace {

constexpr std::string_view kCredentialDomain = "YHP1";
constexpr std::string_view kDeviceDomain = "YHQ1";
constexpr std::size_t kFixedBytes = 54;  // version .. name length
constexpr const auto& kPlatforms = core::kPlatformNames;
constexpr const auto& kKinds = core::kWorkerKinds;

void Put16(std::vector<unsigned char>& out, std::uint16_t value) {
  out.push_back(static_cast<unsigned char>(value >> 8));
  out.push_back(static_cast<unsigned char>(value));
}
void Put32(std::vector<unsigned char>& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<unsigned char>(value >> shift));
}
std::uint16_t Get16(const unsigned char* in) { return static_cast<std::uint16_t>(in[0] << 8 | in[1]); }
std::uint32_t Get32(const unsigned char* in) {
  return static_cast<std::uint32_t>(in[0]) << 24 | static_cast<std::uint32_t>(in[1]) << 16 |
         static_cast<std::uint32_t>(in[2]) << 8 | static_cast<std::uint32_t>(in[3]);
}

std::vector<unsigned char> Fields(const Credential& credential) {
  std::vector<unsigned char> out;
  out.reserve(kFixedBytes + credential.name.size() + kSignatureBytes);
  out.push_back(kCredentialVersion);
  Put16(out, credential.key_id);
  Put32(out, credential.pass_id);
  Put32(out, credential.worker_id);
  Put32(out, credential.issued_at);
  Put32(out, credential.expires_at);
  out.insert(out.end(), credential.device_public_key.begin(), credential.device_public_key.end());
  out.push_back(credential.platform);
  out.push_back(credential.kind);
  std::size_t name_length = std::min(credential.name.size(), kMaxNameBytes);
  // Cut long names on a character boundary so the credential stays valid UTF-8.
  while (name_length < credential.name.size() && name_length > 0 &&
         (static_cast<unsigned char>(credential.name[name_length]) & 0xC0) == 0x80) {
    --name_length;
  }
  out.push_back(static_cast<unsigned char>(name_length));
  out.insert(out.end(), credential.name.begin(), credential.name.begin() + static_cast<std::ptrdiff_t>(name_length));
  return out;
}

}  // namespace

std::vector<unsigned char> CredentialSigningInput(const Credential& credential) {
  std::vector<unsigned char> out(kCredentialDomain.begin(), kCredentialDomain.end());
  const auto fields = Fields(credential);
  out.insert(out.end(), fields.begin(), fields.end());
  return out;
}

std::vector<unsigned char> SerializeCredential(const Credential& credential) {
  auto out = Fields(credential);
  out.insert(out.end(), credential.issuer_signature.begin(), credential.issuer_signature.end());
  return out;
}

std::optional<Credential> ParseCredential(std::span<const unsigned char> bytes) {
  if (bytes.size() < kFixedBytes + kSignatureBytes || bytes[0] != kCredentialVersion) return std::nullopt;
  const std::size_t name_length = bytes[53];
  if (name_length > kMaxNameBytes || bytes.size() != kFixedBytes + name_length + kSignatureBytes) return std::nullopt;
  Credential credential;
  const unsigned char* in = bytes.data();
  credential.key_id = Get16(in + 1);
  credential.pass_id = Get32(in + 3);
  credential.worker_id = Get32(in + 7);
  credential.issued_at = Get32(in + 11);
  credential.expires_at = Get32(in + 15);
  std::memcpy(credential.device_public_key.data(), in + 19, kPublicKeyBytes);
  credential.platform = in[51];
  credential.kind = in[52];
  credential.name.assign(reinterpret_cast<const char*>(in + kFixedBytes), name_length);
  if (!core::IsValidUtf8(credential.name) || credential.kind >= kKinds.size()) return std::nullopt;
  std::memcpy(credential.issuer_signature.data(), in + kFixedBytes + name_length, kSignatureBytes);
  return credential;
}

std::array<unsigned char, 12> DeviceSigningInput(std::uint32_t pass_id, std::uint32_t window) {
  std::array<unsigned char, 12> out{};
  std::memcpy(out.data(), kDeviceDomain.data(), 4);
  for (int i = 0; i < 4; ++i) {
    out[4 + i] = static_cast<unsigned char>(pass_id >> (24 - 8 * i));
    out[8 + i] = static_cast<unsigned char>(window >> (24 - 8 * i));
  }
  return out;
}

std::string EncodeQrText(const Credential& credential, std::uint32_t window, const Signature& device_signature) {
  auto bytes = SerializeCredential(credential);
  Put32(bytes, window);
  bytes.insert(bytes.end(), device_signature.begin(), device_signature.end());
  return std::string(kQrPrefix) + Base45Encode(bytes);
}

std::optional<QrCode> DecodeQrText(std::string_view text) {
  text = core::Trim(text);
  if (text.size() < kQrPrefix.size() || text.size() > 1024) return std::nullopt;
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (!std::string_view(upper).starts_with(kQrPrefix)) return std::nullopt;
  auto bytes = Base45Decode(std::string_view(upper).substr(kQrPrefix.size()));
  if (!bytes || bytes->size() < 4 + kSignatureBytes) return std::nullopt;
  const std::size_t credential_size = bytes->size() - 4 - kSignatureBytes;
  auto credential = ParseCredential(std::span<const unsigned char>(bytes->data(), credential_size));
  if (!credential) return std::nullopt;
  QrCode code;
  code.credential = std::move(*credential);
  code.window = Get32(bytes->data() + credential_size);
  std::memcpy(code.device_signature.data(), bytes->data() + credential_size + 4, kSignatureBytes);
  return code;
}

std::string_view PlatformName(std::uint8_t index) { return index < kPlatforms.size() ? kPlatforms[index] : "其他"; }

std::uint8_t PlatformIndex(std::string_view name) {
  for (std::size_t i = 0; i < kPlatforms.size(); ++i) {
    if (kPlatforms[i] == name) return static_cast<std::uint8_t>(i);
  }
  return 255;
}

std::string_view KindName(std::uint8_t index) { return index < kKinds.size() ? kKinds[index] : "food"; }

std::uint8_t KindIndex(std::string_view name) {
  for (std::size_t i = 0; i < kKinds.size(); ++i) {
    if (kKinds[i] == name) return static_cast<std::uint8_t>(i);
  }
  return 0;
}

}  // namespace youhao::passes
