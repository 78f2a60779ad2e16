#pragma once
/// Rate limit for failed logins, per account and per client address.

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace youhao::accounts {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  struct Limits {
    /// Failures within `window` that lock an account name.
    int per_account = 5;
    /// Failures within `window` that lock a client address (across all account names).
    int per_address = 30;
    std::chrono::seconds window{15 * 60};
    std::chrono::seconds lockout{5 * 60};
  };

  LoginThrottle() = default;
  explicit LoginThrottle(Limits limits) : limits_(limits) {}

  /// Seconds until `login` from `address` may try again; 0 when it may try now.
  int RetryAfterSeconds(std::string_view login, std::string_view address, Clock::time_point now);
  void RecordFailure(std::string_view login, std::string_view address, Clock::time_point now);
  /// A successful login clears the account's failures (not the address's).
  void RecordSuccess(std::string_view login);

 private:
  struct Bucket {
    int failures = 0;
    Clock::time_point window_start;
    Clock::time_point locked_until;
  };

  int RetryAfter(const std::unordered_map<std::string, Bucket>& buckets, const std::string& key,
                 Clock::time_point now) const;
  void Fail(std::unordered_map<std::string, Bucket>& buckets, const std::string& key, int limit, Clock::time_point now);
  void Prune(Clock::time_point now);

  Limits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> by_account_;
  std::unordered_map<std::string, Bucket> by_address_;
};

}  // namespace youhao::accounts
