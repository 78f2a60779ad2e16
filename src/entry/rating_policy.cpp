#include "entry/rating_policy.h"

#include <cmath>

#include "schedule/clock.h"

namespace youhao::entry {

std::string RatingMonth(long long unix_seconds) { return schedule::BeijingDate(unix_seconds).substr(0, 7); }

FriendlinessScore DampedScore(long long ratings, long long rating_sum, const FriendlinessPrior& prior) {
  FriendlinessScore result;
  result.enough_ratings = ratings > 0 && ratings >= prior.min_ratings;
  if (!result.enough_ratings) return result;
  const double damped =
      (prior.weight * prior.mean + static_cast<double>(rating_sum)) / (prior.weight + static_cast<double>(ratings));
  result.score = std::round(damped * 100.0) / 100.0;
  return result;
}

}  // namespace youhao::entry
