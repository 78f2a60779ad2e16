#include "honours/handover_policy.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include "core/text.h"

namespace youhao::honours {

namespace {

double OneDecimal(double value) { return std::round(value * 10.0) / 10.0; }

double Mean(std::span<const double> values) {
  if (values.empty()) return 0;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

/// Keys that are numbers (place ids) compare by value, others as text.
bool KeyBefore(const std::string& a, const std::string& b) {
  long long x = 0;
  long long y = 0;
  const bool a_number = std::from_chars(a.data(), a.data() + a.size(), x).ec == std::errc{};
  const bool b_number = std::from_chars(b.data(), b.data() + b.size(), y).ec == std::errc{};
  if (a_number && b_number && x != y) return x < y;
  return a < b;
}

}  // namespace

std::string_view WaitBucketName(WaitBucket bucket) {
  switch (bucket) {
    case WaitBucket::kUnder5:
      return "under_5";
    case WaitBucket::k5To10:
      return "5_10";
    case WaitBucket::k10To20:
      return "10_20";
    case WaitBucket::kOver20:
      return "over_20";
  }
  return "under_5";
}

std::optional<WaitBucket> ParseWaitBucket(std::string_view name) {
  for (WaitBucket bucket : {WaitBucket::kUnder5, WaitBucket::k5To10, WaitBucket::k10To20, WaitBucket::kOver20}) {
    if (WaitBucketName(bucket) == name) return bucket;
  }
  return std::nullopt;
}

core::Status CheckAnswers(const HandoverAnswers& answers) {
  if (answers.respect < 1 || answers.respect > 5) {
    return core::MakeProblem(core::ErrorCode::kValidationFailed, "bad_respect", "honours.handover_respect",
                             "respect must be 1 to 5", {{"field", "respect"}});
  }
  if (core::CountCodePoints(answers.comment) > static_cast<std::size_t>(kMaxCommentChars)) {
    return core::MakeProblem(core::ErrorCode::kValidationFailed, "comment_too_long", "honours.handover_comment",
                             "the comment may be at most 140 characters",
                             {{"field", "comment"}, {"max", kMaxCommentChars}});
  }
  return core::Ok{};
}

bool RatedKind(std::string_view place_kind) { return place_kind == "merchant" || place_kind == "canteen"; }

double RatingQuality(const HandoverAnswers& answers) {
  double wait = 0;
  switch (answers.wait) {
    case WaitBucket::kUnder5:
      wait = 1.0;
      break;
    case WaitBucket::k5To10:
      wait = 2.0 / 3.0;
      break;
    case WaitBucket::k10To20:
      wait = 1.0 / 3.0;
      break;
    case WaitBucket::kOver20:
      wait = 0.0;
      break;
  }
  const double respect = static_cast<double>(std::clamp(answers.respect, 1, 5) - 1) / 4.0;
  return 0.5 * respect + 0.3 * wait + (answers.place_to_wait ? 0.2 : 0.0);
}

double CompoundVoice(long long scans, long long allowed, std::optional<double> access_rating) {
  const std::optional<double> rating =
      access_rating ? std::optional<double>((std::clamp(*access_rating, 1.0, 5.0) - 1.0) / 4.0) : std::nullopt;
  if (scans <= 0) return rating.value_or(0.0);
  const double let_in = static_cast<double>(std::clamp(allowed, 0LL, scans)) / static_cast<double>(scans);
  if (!rating) return let_in;
  return 0.7 * let_in + 0.3 * *rating;
}

std::vector<double> VoicesByRider(std::vector<RiderQuality> qualities) {
  std::sort(qualities.begin(), qualities.end(),
            [](const RiderQuality& a, const RiderQuality& b) { return a.rider < b.rider; });
  std::vector<double> voices;
  for (std::size_t i = 0; i < qualities.size();) {
    std::size_t j = i;
    double sum = 0;
    for (; j < qualities.size() && qualities[j].rider == qualities[i].rider; ++j) sum += qualities[j].quality;
    voices.push_back(sum / static_cast<double>(j - i));
    i = j;
  }
  return voices;
}

double ShrunkScore(std::span<const double> voices, double area_mean, double prior_weight) {
  const double n = static_cast<double>(voices.size());
  if (n + prior_weight <= 0) return area_mean;
  return (prior_weight * area_mean + std::accumulate(voices.begin(), voices.end(), 0.0)) / (prior_weight + n);
}

Ranking Rank(std::span<const Candidate> candidates, const RankingRules& rules) {
  Ranking ranking;
  std::vector<double> all;
  for (const auto& candidate : candidates) all.insert(all.end(), candidate.voices.begin(), candidate.voices.end());
  const double area_mean = Mean(all);
  ranking.area_mean = OneDecimal(area_mean * 100.0);
  for (const auto& candidate : candidates) {
    const auto raters = static_cast<long long>(candidate.voices.size());
    if (raters == 0) continue;
    if (raters < rules.min_raters) {
      ++ranking.too_few_raters;
      continue;
    }
    RankedEntry entry;
    entry.key = candidate.key;
    entry.name = candidate.name;
    entry.raters = raters;
    entry.score = OneDecimal(ShrunkScore(candidate.voices, area_mean, rules.prior_weight) * 100.0);
    entry.raw = OneDecimal(Mean(candidate.voices) * 100.0);
    ranking.entries.push_back(std::move(entry));
  }
  std::sort(ranking.entries.begin(), ranking.entries.end(), [](const RankedEntry& a, const RankedEntry& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.raters != b.raters) return a.raters > b.raters;
    return KeyBefore(a.key, b.key);
  });
  if (static_cast<int>(ranking.entries.size()) > rules.limit) ranking.entries.resize(std::max(rules.limit, 0));
  for (std::size_t i = 0; i < ranking.entries.size(); ++i) {
    const bool tied = i > 0 && ranking.entries[i].score == ranking.entries[i - 1].score;
    ranking.entries[i].rank = tied ? ranking.entries[i - 1].rank : static_cast<int>(i) + 1;
  }
  return ranking;
}

std::string_view RankingKindName(RankingKind kind) {
  return kind == RankingKind::kMerchants ? "merchants" : "compounds";
}

std::optional<RankingKind> ParseRankingKind(std::string_view name) {
  if (name == "merchants") return RankingKind::kMerchants;
  if (name == "compounds") return RankingKind::kCompounds;
  return std::nullopt;
}

bool MayPublish(accounts::Role role) {
  return accounts::IsOfficer(role) && accounts::Rank(role) >= accounts::Rank(accounts::Role::kStreetOfficer);
}

bool MaySeeDraft(accounts::Role role) { return accounts::IsOfficer(role); }

}  // namespace youhao::honours
