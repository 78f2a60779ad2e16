#include "reports/open311_policy.h"

#include <algorithm>
#include <cmath>

namespace youhao::reports {

namespace {

/// Refills add fractions of a token; a sum a rounding error short of a whole token is one.
constexpr double kRounding = 1e-9;

}  // namespace

long long TakeToken(TokenBucket& bucket, const Open311RateLimit& limit, long long now_ms) {
  const double per_ms = limit.per_minute / 60000.0;
  if (!bucket.started) {
    bucket = {.tokens = limit.burst, .updated_ms = now_ms, .started = true};
  } else if (now_ms > bucket.updated_ms) {
    bucket.tokens = std::min(limit.burst, bucket.tokens + static_cast<double>(now_ms - bucket.updated_ms) * per_ms);
    bucket.updated_ms = now_ms;
  }
  if (bucket.tokens >= 1.0 - kRounding) {
    bucket.tokens = std::max(0.0, bucket.tokens - 1.0);
    return 0;
  }
  if (per_ms <= 0) return 60;
  const double wait_ms = (1.0 - bucket.tokens) / per_ms;
  return std::max(1LL, static_cast<long long>(std::ceil(wait_ms / 1000.0 - kRounding)));
}

}  // namespace youhao::reports
