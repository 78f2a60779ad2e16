#include "entry/short_code.h"

#include <sodium.h>

#include <algorithm>

namespace youhao::entry {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

long long FloorDiv(long long a, long long b) {
  long long quotient = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --quotient;
  return quotient;
}

}  // namespace

long long ShortCodeStep(long long unix_seconds) { return FloorDiv(unix_seconds, kShortCodeStepSeconds); }

std::uint32_t ShortCodeAt(const ShortCodeSecret& secret, long long step) {
  std::array<unsigned char, 8> counter{};
  auto value = static_cast<unsigned long long>(step);
  for (int i = 7; i >= 0; --i) {
    counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(value & 0xFF);
    value >>= 8;
  }
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, secret.data(), secret.size());
  crypto_auth_hmacsha256_update(&state, counter.data(), counter.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  const std::size_t offset = mac[mac.size() - 1] & 0x0F;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  return binary % kShortCodeModulus;
}

int ShortCodeTag(long long pass_id) {
  return static_cast<int>(((pass_id % kShortCodeTagModulus) + kShortCodeTagModulus) % kShortCodeTagModulus);
}

std::string ShortCodeText(long long pass_id, const ShortCodeSecret& secret, long long step) {
  std::string text(10, '0');
  int tag = ShortCodeTag(pass_id);
  for (int i = 3; i >= 0; --i, tag /= 10) text[static_cast<std::size_t>(i)] = static_cast<char>('0' + tag % 10);
  std::uint32_t code = ShortCodeAt(secret, step);
  for (int i = 9; i >= 4; --i, code /= 10) text[static_cast<std::size_t>(i)] = static_cast<char>('0' + code % 10);
  return text;
}

std::optional<TypedShortCode> ParseShortCode(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (IsDigit(c)) {
      digits += c;
    } else if (c != ' ' && c != '-' && c != '.') {
      return std::nullopt;
    }
    if (digits.size() > 10) return std::nullopt;
  }
  if (digits.size() != 10) return std::nullopt;
  TypedShortCode typed;
  for (std::size_t i = 0; i < 4; ++i) typed.tag = typed.tag * 10 + (digits[i] - '0');
  for (std::size_t i = 4; i < 10; ++i) typed.code = typed.code * 10 + static_cast<std::uint32_t>(digits[i] - '0');
  return typed;
}

bool ShortCodeMatches(const ShortCodeSecret& secret, std::uint32_t code, long long now) {
  const long long step = ShortCodeStep(now);
  bool matched = false;
  for (long long candidate = step - kShortCodeStepTolerance; candidate <= step + kShortCodeStepTolerance; ++candidate) {
    matched = (ShortCodeAt(secret, candidate) == code) || matched;
  }
  return matched;
}

long long ShortCodeFailures::Prune(std::deque<long long>& times, long long now) const {
  while (!times.empty() && times.front() <= now - limits_.window_seconds) times.pop_front();
  return times.empty() ? 0 : times.front();
}

core::Status ShortCodeFailures::MayTry(std::string_view caller, std::string_view compound, long long now) {
  std::lock_guard lock(mutex_);
  long long retry_after = 0;
  const auto check = [&](auto& by_key, std::string_view key, int limit) {
    auto found = by_key.find(key);
    if (found == by_key.end()) return;
    const long long oldest = Prune(found->second, now);
    if (found->second.empty()) {
      by_key.erase(found);
      return;
    }
    // The oldest wrong code leaves the window first and frees one try.
    if (static_cast<int>(found->second.size()) >= limit)
      retry_after = std::max(retry_after, oldest + limits_.window_seconds - now);
  };
  check(by_caller_, caller, limits_.per_caller);
  check(by_compound_, compound, limits_.per_compound);
  if (retry_after <= 0) return core::Ok{};
  core::Error error = core::MakeProblem(core::ErrorCode::kRateLimited, "", "entry.short_code_limited",
                                        "too many wrong digit codes at this gate: scan the QR code or wait",
                                        {{"retry_after_s", retry_after}});
  error.retry_after_seconds = static_cast<int>(retry_after);
  return error;
}

int ShortCodeFailures::Record(std::string_view caller, std::string_view compound, long long now) {
  std::lock_guard lock(mutex_);
  const auto add = [&](auto& by_key, std::string_view key) -> std::deque<long long>& {
    auto found = by_key.find(key);
    if (found == by_key.end()) found = by_key.emplace(std::string(key), std::deque<long long>{}).first;
    Prune(found->second, now);
    found->second.push_back(now);
    return found->second;
  };
  const int caller_left = limits_.per_caller - static_cast<int>(add(by_caller_, caller).size());
  const int compound_left = limits_.per_compound - static_cast<int>(add(by_compound_, compound).size());
  return std::max(0, std::min(caller_left, compound_left));
}

}  // namespace youhao::entry
