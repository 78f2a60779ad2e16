#pragma once
/// Open311 API keys per organisation: issued once by an administrator, stored hashed, revoked;
/// and how fast each key may create requests (open311_policy.h).

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "accounts/access.h"
#include "reports/open311_policy.h"
#include "storage/database.h"

namespace youhao::reports {

class Open311Keys {
 public:
  explicit Open311Keys(storage::Database& database, Open311RateLimit limit = {}) : database_(database), limit_(limit) {}

  /// An active key and the organisation holding it.
  struct Holder {
    long long key_id = 0;
    std::string organisation;
  };
  /// The holder of an active Open311 API key, or nullopt.
  std::optional<Holder> HolderOfKey(std::string_view api_key) const;
  /// Counts a request by key `key_id` at `now_ms` (a monotonic time in milliseconds): 0 when it
  /// may go ahead, else the seconds to wait (Retry-After). Thread-safe; kept in this process.
  long long Admit(long long key_id, long long now_ms);
  const Open311RateLimit& limit() const { return limit_; }
  /// Issues a key for an organisation; the key is returned once and stored hashed.
  std::pair<long long, std::string> Issue(const accounts::Principal& admin, const std::string& organisation,
                                          long long now);
  struct KeyInfo {
    long long id;
    std::string organisation;
    long long created_at;
    std::string created_by;
    bool revoked;
  };
  std::vector<KeyInfo> List() const;
  core::Status Revoke(const accounts::Principal& admin, long long id, long long now);

 private:
  storage::Database& database_;
  Open311RateLimit limit_;
  std::mutex buckets_mutex_;
  /// One bucket per key that has sent a request: keys are few, issued by administrators.
  std::unordered_map<long long, TokenBucket> buckets_;
};

}  // namespace youhao::reports
