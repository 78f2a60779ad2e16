#pragma once
/// Workers' ratings of a compound's access, as pure rules: the month a rating belongs to (a worker
/// has one rating per compound per month, the newest replacing the month's earlier one), and the
/// friendliness score as a damped average that a handful of ratings cannot swing. No database, no
/// clock, no text.

#include <optional>
#include <string>

namespace youhao::entry {

/// The Beijing calendar month (Asia/Shanghai, UTC+8, no daylight saving) containing
/// `unix_seconds`, as "2026-11".
std::string RatingMonth(long long unix_seconds);

/// How the friendliness score is damped: every compound starts from `mean` as if it had `weight`
/// ratings of that value, and is ranked only from `min_ratings` riders on.
struct FriendlinessPrior {
  /// m: the middle of the 1 to 5 scale, so a compound with few ratings reads as neither good nor bad.
  double mean = 3.0;
  /// C: how many ratings the prior counts for.
  double weight = 5.0;
  /// Fewer riders than this: "not enough ratings", no score.
  long long min_ratings = 3;
};

struct FriendlinessScore {
  /// (C·m + sum) / (C + n), rounded to two decimals; nullopt below min_ratings.
  std::optional<double> score;
  bool enough_ratings = false;
};

/// The damped score of `ratings` ratings adding up to `rating_sum`.
FriendlinessScore DampedScore(long long ratings, long long rating_sum, const FriendlinessPrior& prior = {});

}  // namespace youhao::entry
