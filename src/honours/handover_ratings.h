#pragma once
/// Riders' ratings of a merchant's hand-over (table handover_ratings), the use cases and their SQL:
/// a verified worker rates a merchant or canteen after picking up an order; the place's merchant
/// and the officers whose area holds it read the month's summary and the recent comments, never
/// who wrote them. One rating per worker per place per Beijing day: a second one the same day
/// replaces the first (the rider corrects a tap). The rules are handover_policy.h's.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "core/error.h"
#include "honours/handover_policy.h"
#include "storage/database.h"

namespace youhao::honours {

/// A place as the ratings see it.
struct RatedPlace {
  long long id = 0;
  std::string kind;
  std::string name;
  std::string status;
  std::string area_code;
  std::string area_path;
  std::optional<long long> owner_account_id;
};

struct SavedRating {
  long long id = 0;
  std::string day;  ///< the Beijing day, "2026-12-07"
  /// The worker had rated this place today already: that rating was replaced.
  bool replaced = false;
};

/// A comment as the merchant reads it: the answers beside it, no rater.
struct RatingComment {
  std::string day;
  WaitBucket wait = WaitBucket::kUnder5;
  bool place_to_wait = false;
  int respect = 3;
  std::string comment;
};

/// One month of a place's ratings.
struct HandoverSummary {
  RatedPlace place;
  std::string month;  ///< "2026-12"
  long long ratings = 0;
  long long raters = 0;
  double respect_mean = 0;           ///< 1..5, two decimals; 0 without ratings
  double place_to_wait_share = 0;    ///< 0..1, two decimals
  std::array<long long, 4> waits{};  ///< counts per WaitBucket, in its order
  /// The mean of the riders' voices (handover_policy.h), 0..100, one decimal; 0 without ratings.
  double score = 0;
  std::vector<RatingComment> comments;  ///< the newest first (any month)
};

class HandoverRatings {
 public:
  explicit HandoverRatings(storage::Database& database) : database_(database) {}

  /// A verified worker rates place `place_id` at `now`. Errors: not_found (no such approved
  /// place), place_not_rated (409: not a merchant or canteen), worker_not_verified (403),
  /// bad_respect and comment_too_long (400).
  core::Result<SavedRating> Rate(const accounts::Principal& worker, long long place_id, HandoverAnswers answers,
                                 long long now);
  /// The month's summary and the `comment_limit` newest comments, for the place's merchant and
  /// the officers (community and up) whose area holds it. Errors: not_found, not_place_merchant (403), bad_month (400).
  core::Result<HandoverSummary> Summary(const accounts::Principal& reader, long long place_id, std::string_view month,
                                        int comment_limit = 20) const;

 private:
  storage::Database& database_;
};

/// The SQL of handover_ratings, run on a given connection.
namespace handover_repository {
std::optional<RatedPlace> FindPlace(storage::Connection& connection, long long place_id);
/// The worker id of a verified worker's account, or nullopt.
std::optional<long long> VerifiedWorker(storage::Connection& connection, long long account_id);
/// Writes the rating, replacing the worker's rating of the place that Beijing day; returns its id
/// and whether it replaced one.
SavedRating Upsert(storage::Connection& connection, long long place_id, long long worker_id,
                   const HandoverAnswers& answers, long long now);

/// One stored rating, with its rater (for the rankings; never shown).
struct StoredRating {
  long long place_id = 0;
  long long worker_id = 0;
  std::string day;
  HandoverAnswers answers;
  long long at = 0;
};
/// The ratings of a place in the Beijing month "YYYY-MM".
std::vector<StoredRating> OfMonth(storage::Connection& connection, long long place_id, std::string_view month);
/// The newest non-empty comments of a place.
std::vector<RatingComment> RecentComments(storage::Connection& connection, long long place_id, int limit);

/// A rated place of an area with its riders' voices for a month.
struct PlaceRatings {
  long long place_id = 0;
  std::string name;
  std::vector<StoredRating> ratings;
};
/// Every approved merchant and canteen inside area path `area_path` rated in month "YYYY-MM",
/// with that month's ratings, by place id.
std::vector<PlaceRatings> InAreaOfMonth(storage::Connection& connection, std::string_view area_path,
                                        std::string_view month);
}  // namespace handover_repository

}  // namespace youhao::honours
