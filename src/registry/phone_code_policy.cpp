#include "registry/phone_code_policy.h"

#include <algorithm>

namespace youhao::registry {

namespace {

core::Error TooSoon(long long seconds, std::string_view why) {
  core::Error error = core::MakeProblem(core::ErrorCode::kRateLimited, "", "registry.code_too_soon", std::string(why),
                                        {{"retry_after_s", seconds}});
  error.retry_after_seconds = static_cast<int>(std::max(1LL, seconds));
  return error;
}

}  // namespace

core::Status MaySendCode(const CodeHistory& history, const CodeLimits& limits, long long now) {
  if (history.newest_for_phone_at != 0 && now - history.newest_for_phone_at < limits.resend_seconds) {
    return TooSoon(limits.resend_seconds - (now - history.newest_for_phone_at), "one code a minute per phone");
  }
  if (history.for_phone_last_hour >= limits.per_phone_per_hour) return TooSoon(3600, "too many codes for this phone");
  if (history.for_address_last_hour >= limits.per_address_per_hour) return TooSoon(3600, "too many codes from here");
  if (history.everyone_last_minute >= limits.overall_per_minute) return TooSoon(60, "too many codes right now");
  return core::Ok{};
}

CodeCheck CheckCode(const StoredCode* stored, bool digest_matches, const CodeLimits& limits, long long now) {
  if (stored == nullptr) return CodeCheck::kNone;
  if (stored->used || stored->attempts >= limits.max_attempts) return CodeCheck::kSpent;
  if (now >= stored->expires_at) return CodeCheck::kExpired;
  return digest_matches ? CodeCheck::kMatches : CodeCheck::kWrong;
}

core::Error CodeProblem(CodeCheck check, int attempts_left) {
  if (check == CodeCheck::kWrong && attempts_left > 0) {
    return core::MakeProblem(core::ErrorCode::kValidationFailed, "code_invalid", "registry.code_wrong",
                             "code: not the code sent to this phone", {{"attempts_left", attempts_left}});
  }
  return core::MakeProblem(core::ErrorCode::kValidationFailed, "code_expired", "registry.code_expired",
                           "code: no live code for this phone: ask for a new one");
}

bool IsCodeShaped(std::string_view code) {
  return code.size() == 6 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace youhao::registry
