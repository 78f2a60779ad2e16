#pragma once
/// Riders rate how a merchant hands over orders (出餐): the waiting time in four buckets, whether
/// there was a place to wait, and respect from 1 to 5. Each month the merchants of an area, and
/// its compounds from their gate records, are ranked from those voices. Pure rules: no database,
/// no clock, no text.
///
/// The score. A rating's quality is 0..1: respect counts half ((respect − 1) / 4 × 0.5), a short
/// wait three tenths (under 5 min 1, 5–10 min ⅔, 10–20 min ⅓, over 20 min 0, × 0.3), and a place
/// to wait the last fifth (× 0.2). A rider's voice for a merchant in a month is the mean of their
/// ratings of it that month, so a rider who rates every day still speaks once. A compound's voice
/// from a rider is the share of their scans at its gates that let them in, blended (0.7 / 0.3)
/// with their rating of its access that month when they gave one. A candidate with n voices of
/// mean x̄ scores (C·m + n·x̄) / (C + n), where m is the mean of every voice in the area and C the
/// prior weight: few voices stay near the area's mean. Only candidates with at least
/// `min_raters` distinct riders are ranked. Scores are shown 0–100 with one decimal.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/roles.h"
#include "core/error.h"

namespace youhao::honours {

/// How long a rider waited for the order.
enum class WaitBucket { kUnder5, k5To10, k10To20, kOver20 };
std::string_view WaitBucketName(WaitBucket bucket);  ///< "under_5", "5_10", "10_20", "over_20"
std::optional<WaitBucket> ParseWaitBucket(std::string_view name);

/// Longest comment a rating keeps (characters).
inline constexpr int kMaxCommentChars = 140;

/// One rider's answers about one hand-over.
struct HandoverAnswers {
  WaitBucket wait = WaitBucket::kUnder5;
  bool place_to_wait = false;
  int respect = 3;  ///< 1..5
  std::string comment;
};

/// validation_failed naming the first bad answer (respect outside 1..5, a comment too long).
core::Status CheckAnswers(const HandoverAnswers& answers);

/// The place kinds riders rate: merchants and canteens ("merchant", "canteen").
bool RatedKind(std::string_view place_kind);

/// A rating's quality, 0..1 (see the file comment).
double RatingQuality(const HandoverAnswers& answers);

/// A compound voice from one rider: `allowed` of `scans` let in, and their access rating (1..5) if
/// any; a rider who rated without a scan speaks by the rating alone.
double CompoundVoice(long long scans, long long allowed, std::optional<double> access_rating);

/// One rating's quality by the rider who gave it.
struct RiderQuality {
  long long rider = 0;
  double quality = 0;
};
/// One voice per rider: the mean quality of each rider's ratings, in rider order.
std::vector<double> VoicesByRider(std::vector<RiderQuality> qualities);

/// How lists are drawn.
struct RankingRules {
  /// Fewer distinct riders than this: not ranked, so one rider cannot make a list.
  long long min_raters = 5;
  /// C: how many voices the area's mean counts for.
  double prior_weight = 5.0;
  /// At most this many ranked entries.
  int limit = 50;
};

/// A merchant or compound with its riders' voices (one per distinct rider, each 0..1).
struct Candidate {
  std::string key;  ///< the place id or the compound code
  std::string name;
  std::vector<double> voices;
};

struct RankedEntry {
  int rank = 0;  ///< shared by equal scores ("1, 2, 2, 4")
  std::string key;
  std::string name;
  double score = 0;  ///< 0..100, one decimal
  long long raters = 0;
  double raw = 0;  ///< the unshrunk mean voice, 0..100, one decimal
};

struct Ranking {
  std::vector<RankedEntry> entries;
  /// The area's mean voice, 0..100 (0 when nobody spoke).
  double area_mean = 0;
  /// Candidates left out for too few riders.
  long long too_few_raters = 0;
};

/// The shrunk score, 0..1, of `voices` toward `area_mean` (0..1).
double ShrunkScore(std::span<const double> voices, double area_mean, double prior_weight);

/// Ranks `candidates`: scored against the mean of every voice given, those with fewer than
/// min_raters voices left out, ordered by score (highest first), then more riders, then key
/// (numeric keys by value), and cut to `limit`.
Ranking Rank(std::span<const Candidate> candidates, const RankingRules& rules = {});

/// What a ranking list is of.
enum class RankingKind { kMerchants, kCompounds };
std::string_view RankingKindName(RankingKind kind);  ///< "merchants", "compounds"
std::optional<RankingKind> ParseRankingKind(std::string_view name);

/// Street officers and above publish a list.
bool MayPublish(accounts::Role role);

/// Officers (grid and up) see a list before it is published.
bool MaySeeDraft(accounts::Role role);

}  // namespace youhao::honours
