#pragma once
/// How fast an Open311 client may create requests, as pure rules: a token bucket per API key that
/// allows `per_minute` requests sustained and `burst` at once. Open311Keys keeps a bucket per key;
/// this decides. No clock: the caller passes a monotonic time.

namespace youhao::reports {

struct Open311RateLimit {
  double per_minute = 60;
  /// The bucket's size: how many requests a key may send at once after a quiet spell.
  double burst = 20;
};

/// One key's bucket: the tokens left when last seen.
struct TokenBucket {
  double tokens = 0;
  long long updated_ms = 0;
  bool started = false;
};

/// Takes a token from `bucket` at `now_ms` (a monotonic time in milliseconds): 0 when the request
/// may go ahead, else the whole seconds (at least 1) until a token will be there. A new bucket
/// starts full; a refused request takes nothing.
long long TakeToken(TokenBucket& bucket, const Open311RateLimit& limit, long long now_ms);

}  // namespace youhao::reports
