#pragma once
/// Failed logins slow down whoever fails, not the account's owner: growing delays per account and
/// client address pair, instead of lockouts that a stranger who knows a rider's phone number could
/// use against them. Looser buckets per address (password spraying) and per account (guessing from
/// many addresses) grow delays too; a rider delayed by a stranger can still sign in with a
/// one-time code sent to their phone, which this throttle does not gate.

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
    /// Failures of one login from one address before delays begin.
    int free_per_pair = 3;
    /// Failures from one address across logins (a carrier NAT holds many riders).
    int free_per_address = 50;
    /// Failures of one login across addresses.
    int free_per_account = 20;
    /// The first delay, doubled with each further failure, up to `longest_delay`.
    std::chrono::seconds first_delay{2};
    std::chrono::seconds longest_delay{15 * 60};
    /// Failures older than this are forgotten.
    std::chrono::seconds window{15 * 60};
  };

  LoginThrottle() = default;
  explicit LoginThrottle(Limits limits) : limits_(limits) {}

  /// Seconds until `login` from `address` may try again; 0 when it may try now.
  int RetryAfterSeconds(std::string_view login, std::string_view address, Clock::time_point now);
  void RecordFailure(std::string_view login, std::string_view address, Clock::time_point now);
  /// A successful login clears the login's failures (from every address), not the address's.
  void RecordSuccess(std::string_view login);

 private:
  struct Bucket {
    int failures = 0;
    Clock::time_point window_start;
    Clock::time_point last_failure;
  };

  int Wait(const std::unordered_map<std::string, Bucket>& buckets, const std::string& key, int free,
           Clock::time_point now) const;
  void Fail(std::unordered_map<std::string, Bucket>& buckets, const std::string& key, Clock::time_point now);
  void Prune(Clock::time_point now);

  Limits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> by_pair_;
  std::unordered_map<std::string, Bucket> by_address_;
  std::unordered_map<std::string, Bucket> by_account_;
};

}  // namespace youhao::accounts
