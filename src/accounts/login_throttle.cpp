#include "accounts/login_throttle.h"

namespace youhao::accounts {

namespace {
constexpr std::size_t kPruneAbove = 100'000;
}

int LoginThrottle::RetryAfter(const std::unordered_map<std::string, Bucket>& buckets, const std::string& key,
                              Clock::time_point now) const {
  auto found = buckets.find(key);
  if (found == buckets.end() || found->second.locked_until <= now) return 0;
  const auto remaining = std::chrono::ceil<std::chrono::seconds>(found->second.locked_until - now);
  return static_cast<int>(remaining.count());
}

int LoginThrottle::RetryAfterSeconds(std::string_view login, std::string_view address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  return std::max(RetryAfter(by_account_, std::string(login), now), RetryAfter(by_address_, std::string(address), now));
}

void LoginThrottle::Fail(std::unordered_map<std::string, Bucket>& buckets, const std::string& key, int limit,
                         Clock::time_point now) {
  Bucket& bucket = buckets[key];
  if (bucket.failures == 0 || now - bucket.window_start > limits_.window) {
    bucket.failures = 0;
    bucket.window_start = now;
  }
  if (++bucket.failures >= limit) {
    bucket.locked_until = now + limits_.lockout;
    bucket.failures = 0;
  }
}

void LoginThrottle::RecordFailure(std::string_view login, std::string_view address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (by_account_.size() + by_address_.size() > kPruneAbove) Prune(now);
  Fail(by_account_, std::string(login), limits_.per_account, now);
  Fail(by_address_, std::string(address), limits_.per_address, now);
}

void LoginThrottle::RecordSuccess(std::string_view login) {
  std::lock_guard lock(mutex_);
  by_account_.erase(std::string(login));
}

void LoginThrottle::Prune(Clock::time_point now) {
  for (auto* buckets : {&by_account_, &by_address_}) {
    std::erase_if(*buckets, [&](const auto& entry) {
      return entry.second.locked_until <= now && now - entry.second.window_start > limits_.window;
    });
  }
}

}  // namespace youhao::accounts
