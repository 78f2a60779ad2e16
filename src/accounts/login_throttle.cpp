#include "accounts/login_throttle.h"

#include <algorithm>

namespace youhao::accounts {

namespace {

constexpr std::size_t kPruneAbove = 100'000;

std::string PairKey(std::string_view login, std::string_view address) {
  return std::string(login) + '\n' + std::string(address);
}

}  // namespace

int LoginThrottle::Wait(const std::unordered_map<std::string, Bucket>& buckets, const std::string& key, int free,
                        Clock::time_point now) const {
  auto found = buckets.find(key);
  if (found == buckets.end()) return 0;
  const Bucket& bucket = found->second;
  if (now - bucket.window_start > limits_.window || bucket.failures < free) return 0;
  // free failures cost nothing; each one after doubles the wait: 2 s, 4 s, 8 s, … up to the longest.
  const int doublings = std::min(bucket.failures - free, 20);
  const auto delay = std::min<std::chrono::seconds>(limits_.first_delay * (1LL << doublings), limits_.longest_delay);
  const auto until = bucket.last_failure + delay;
  if (until <= now) return 0;
  return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(until - now).count());
}

int LoginThrottle::RetryAfterSeconds(std::string_view login, std::string_view address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  return std::max({Wait(by_pair_, PairKey(login, address), limits_.free_per_pair, now),
                   Wait(by_address_, std::string(address), limits_.free_per_address, now),
                   Wait(by_account_, std::string(login), limits_.free_per_account, now)});
}

void LoginThrottle::Fail(std::unordered_map<std::string, Bucket>& buckets, const std::string& key,
                         Clock::time_point now) {
  Bucket& bucket = buckets[key];
  if (bucket.failures == 0 || now - bucket.window_start > limits_.window) {
    bucket.failures = 0;
    bucket.window_start = now;
  }
  ++bucket.failures;
  bucket.last_failure = now;
}

void LoginThrottle::RecordFailure(std::string_view login, std::string_view address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (by_pair_.size() + by_address_.size() + by_account_.size() > kPruneAbove) Prune(now);
  Fail(by_pair_, PairKey(login, address), now);
  Fail(by_address_, std::string(address), now);
  Fail(by_account_, std::string(login), now);
}

void LoginThrottle::RecordSuccess(std::string_view login) {
  std::lock_guard lock(mutex_);
  by_account_.erase(std::string(login));
  const std::string prefix = std::string(login) + '\n';
  std::erase_if(by_pair_, [&](const auto& entry) { return entry.first.starts_with(prefix); });
}

void LoginThrottle::Prune(Clock::time_point now) {
  for (auto* buckets : {&by_pair_, &by_address_, &by_account_}) {
    std::erase_if(*buckets, [&](const auto& entry) {
      return now - entry.second.window_start > limits_.window &&
             now - entry.second.last_failure > limits_.longest_delay;
    });
  }
}

}  // namespace youhao::accounts
