#include "passes/pass_verifier.h"

#include <sodium.h>

#include <array>

namespace youhao::passes {

namespace {

struct CodeText {
  std::string_view name;
  std::string_view reason_zh;
};

constexpr std::array<CodeText, 17> kCodes = {{
    {"pass_ok", "核验通过"},
    {"pass_malformed", "不是有效的进门码"},
    {"pass_unknown_key", "进门码签发密钥未知（请同步）"},
    {"pass_bad_signature", "进门码签名无效（可能被伪造或篡改）"},
    {"pass_expired", "进门码已过期，请骑手在App中更新"},
    {"pass_stale", "进门码已失效（截图或照片无效，请出示实时码）"},
    {"pass_bad_device_signature", "进门码与绑定手机不符"},
    {"pass_revoked", "此进门码已被注销"},
    {"worker_revoked", "骑手资格已被撤销"},
    {"worker_suspended", "骑手资格已被暂停"},
    {"worker_not_verified", "骑手尚未通过认证"},
    {"not_on_whitelist", "不在本小区常驻骑手名单内"},
    {"outside_hours", "当前不在允许进入的时段"},
    {"drop_off_only", "本小区不允许进入，请将订单放在集中放取点"},
    {"gate_not_allowed", "此门不允许骑手通行，请走绿色通道"},
    {"compound_not_found", "小区不存在"},
    {"gate_not_found", "门岗不存在"},
}};

constexpr std::array<std::string_view, 5> kModes = {"open", "pass", "whitelist", "drop_off", "green_lane"};

}  // namespace

std::string_view ScanCodeName(ScanCode code) { return kCodes[static_cast<std::size_t>(code)].name; }
std::string_view ScanReasonZh(ScanCode code) { return kCodes[static_cast<std::size_t>(code)].reason_zh; }
std::string_view AccessModeName(AccessMode mode) { return kModes[static_cast<std::size_t>(mode)]; }

std::optional<AccessMode> ParseAccessMode(std::string_view name) {
  for (std::size_t i = 0; i < kModes.size(); ++i) {
    if (kModes[i] == name) return static_cast<AccessMode>(i);
  }
  return std::nullopt;
}

SignatureCheck CheckSignatures(std::string_view text, const KeyLookup& keys, long long now) {
  SignatureCheck check;
  check.qr = DecodeQrText(text);
  if (!check.qr) {
    check.code = ScanCode::kMalformed;
    return check;
  }
  const Credential& credential = check.qr->credential;
  const IssuerKey* key = keys(credential.key_id);
  if (key == nullptr || (key->not_after != 0 && now > key->not_after)) {
    check.code = ScanCode::kUnknownKey;
    return check;
  }
  const auto signed_bytes = CredentialSigningInput(credential);
  if (crypto_sign_verify_detached(credential.issuer_signature.data(), signed_bytes.data(), signed_bytes.size(),
                                  key->public_key.data()) != 0) {
    check.code = ScanCode::kBadSignature;
    return check;
  }
  if (now >= credential.expires_at) {
    check.code = ScanCode::kExpired;
    return check;
  }
  const long long current = WindowOf(now);
  const long long shown = check.qr->window;
  if (shown < current - 1 || shown > current + 1) {
    check.code = ScanCode::kStale;
    return check;
  }
  const auto device_bytes = DeviceSigningInput(credential.pass_id, check.qr->window);
  if (crypto_sign_verify_detached(check.qr->device_signature.data(), device_bytes.data(), device_bytes.size(),
                                  credential.device_public_key.data()) != 0) {
    check.code = ScanCode::kBadDeviceSignature;
    return check;
  }
  check.code = ScanCode::kOk;
  return check;
}

ScanCode Decide(const GateContext& context) {
  if (context.pass_revoked) return ScanCode::kPassRevoked;
  if (context.worker_status == "revoked") return ScanCode::kWorkerRevoked;
  if (context.worker_status == "suspended") return ScanCode::kWorkerSuspended;
  if (context.worker_status != "verified") return ScanCode::kWorkerNotVerified;
  if (!context.entering) return ScanCode::kOk;
  switch (context.mode) {
    case AccessMode::kDropOff: return ScanCode::kDropOffOnly;
    case AccessMode::kWhitelist:
      if (!context.on_whitelist) return ScanCode::kNotOnWhitelist;
      break;
    case AccessMode::kGreenLane:
      if (!context.gate_allowed) return ScanCode::kGateNotAllowed;
      break;
    case AccessMode::kOpen:
    case AccessMode::kPass: break;
  }
  if (!context.gate_allowed) return ScanCode::kGateNotAllowed;
  if (!context.open_now) return ScanCode::kOutsideHours;
  return ScanCode::kOk;
}

}  // namespace youhao::passes
