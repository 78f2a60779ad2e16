#include "honours/handover_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace youhao::honours {
namespace {

TEST(HandoverPolicy, WaitBucketsRoundTrip) {
  for (const char* name : {"under_5", "5_10", "10_20", "over_20"}) {
    const auto bucket = ParseWaitBucket(name);
    ASSERT_TRUE(bucket.has_value()) << name;
    EXPECT_EQ(WaitBucketName(*bucket), name);
  }
  EXPECT_FALSE(ParseWaitBucket("20+").has_value());
  EXPECT_FALSE(ParseWaitBucket("").has_value());
}

TEST(HandoverPolicy, AnswersAreChecked) {
  EXPECT_TRUE(CheckAnswers({WaitBucket::kUnder5, true, 5, ""}).ok());
  EXPECT_TRUE(CheckAnswers({WaitBucket::kOver20, false, 1, std::string(140, 'a')}).ok());
  EXPECT_EQ(CheckAnswers({WaitBucket::kUnder5, true, 0, ""}).error().name, "bad_respect");
  EXPECT_EQ(CheckAnswers({WaitBucket::kUnder5, true, 6, ""}).error().name, "bad_respect");
  EXPECT_EQ(CheckAnswers({WaitBucket::kUnder5, true, 3, std::string(141, 'a')}).error().name, "comment_too_long");
  // Characters, not bytes: 140 Chinese characters are allowed.
  std::string chinese;
  for (int i = 0; i < 140; ++i) chinese += "好";
  EXPECT_TRUE(CheckAnswers({WaitBucket::kUnder5, true, 3, chinese}).ok());
}

TEST(HandoverPolicy, OnlyMerchantsAndCanteensAreRated) {
  EXPECT_TRUE(RatedKind("merchant"));
  EXPECT_TRUE(RatedKind("canteen"));
  EXPECT_FALSE(RatedKind("station"));
  EXPECT_FALSE(RatedKind("toilet"));
}

TEST(HandoverPolicy, QualityWeighsRespectWaitAndPlace) {
  EXPECT_DOUBLE_EQ(RatingQuality({WaitBucket::kUnder5, true, 5, ""}), 1.0);
  EXPECT_DOUBLE_EQ(RatingQuality({WaitBucket::kOver20, false, 1, ""}), 0.0);
  EXPECT_DOUBLE_EQ(RatingQuality({WaitBucket::kOver20, false, 5, ""}), 0.5);
  EXPECT_DOUBLE_EQ(RatingQuality({WaitBucket::kUnder5, false, 1, ""}), 0.3);
  EXPECT_DOUBLE_EQ(RatingQuality({WaitBucket::kOver20, true, 1, ""}), 0.2);
  EXPECT_NEAR(RatingQuality({WaitBucket::k10To20, false, 3, ""}), 0.25 + 0.1, 1e-9);
  // A shorter wait never scores lower.
  EXPECT_GT(RatingQuality({WaitBucket::k5To10, false, 3, ""}), RatingQuality({WaitBucket::k10To20, false, 3, ""}));
}

TEST(HandoverPolicy, CompoundVoiceBlendsScansAndRating) {
  EXPECT_DOUBLE_EQ(CompoundVoice(4, 4, std::nullopt), 1.0);
  EXPECT_DOUBLE_EQ(CompoundVoice(4, 1, std::nullopt), 0.25);
  EXPECT_DOUBLE_EQ(CompoundVoice(4, 4, 1.0), 0.7);
  EXPECT_DOUBLE_EQ(CompoundVoice(2, 0, 5.0), 0.3);
  EXPECT_DOUBLE_EQ(CompoundVoice(0, 0, 3.0), 0.5);  // rated without a scan: the rating alone
  EXPECT_DOUBLE_EQ(CompoundVoice(3, 9, std::nullopt), 1.0);
}

TEST(HandoverPolicy, ARiderWhoRatesDailySpeaksOnce) {
  const auto voices = VoicesByRider({{7, 1.0}, {3, 0.2}, {7, 0.0}, {7, 0.5}, {3, 0.4}});
  ASSERT_EQ(voices.size(), 2U);
  EXPECT_NEAR(voices[0], 0.3, 1e-9);  // rider 3
  EXPECT_NEAR(voices[1], 0.5, 1e-9);  // rider 7
  EXPECT_TRUE(VoicesByRider({}).empty());
}

TEST(HandoverPolicy, ShrinkPullsFewVoicesTowardTheAreaMean) {
  const std::vector<double> one = {1.0};
  const std::vector<double> ten(10, 1.0);
  EXPECT_DOUBLE_EQ(ShrunkScore(one, 0.4, 5.0), (5 * 0.4 + 1.0) / 6.0);
  EXPECT_DOUBLE_EQ(ShrunkScore(ten, 0.4, 5.0), (5 * 0.4 + 10.0) / 15.0);
  EXPECT_GT(ShrunkScore(ten, 0.4, 5.0), ShrunkScore(one, 0.4, 5.0));
  EXPECT_DOUBLE_EQ(ShrunkScore(one, 0.4, 0.0), 1.0);
}

Candidate Of(const std::string& key, std::vector<double> voices) { return {key, "名" + key, std::move(voices)}; }

TEST(HandoverPolicy, RankLeavesOutTooFewRaters) {
  const std::vector<Candidate> candidates = {Of("1", std::vector<double>(5, 0.8)), Of("2", std::vector<double>(4, 1.0)),
                                             Of("3", {})};
  const Ranking ranking = Rank(candidates, {.min_raters = 5, .prior_weight = 5});
  ASSERT_EQ(ranking.entries.size(), 1U);
  EXPECT_EQ(ranking.entries[0].key, "1");
  EXPECT_EQ(ranking.entries[0].raters, 5);
  EXPECT_EQ(ranking.too_few_raters, 1);
  // The area mean counts every voice, the left-out ones too: (5·0.8 + 4·1.0) / 9.
  EXPECT_DOUBLE_EQ(ranking.area_mean, 88.9);
  // (5 · 0.888… + 4.0) / 10 = 0.8444…
  EXPECT_DOUBLE_EQ(ranking.entries[0].score, 84.4);
  EXPECT_DOUBLE_EQ(ranking.entries[0].raw, 80.0);
}

TEST(HandoverPolicy, RankOrdersByScoreThenRatersThenKey) {
  const std::vector<Candidate> candidates = {
      Of("10", std::vector<double>(5, 0.5)), Of("9", std::vector<double>(5, 0.5)),
      Of("4", std::vector<double>(20, 0.9)), Of("7", std::vector<double>(6, 0.2)),
      Of("2", std::vector<double>(6, 0.5)),
  };
  const Ranking ranking = Rank(candidates, {.min_raters = 5, .prior_weight = 0});
  std::vector<std::string> keys;
  std::vector<int> ranks;
  for (const auto& entry : ranking.entries) {
    keys.push_back(entry.key);
    ranks.push_back(entry.rank);
  }
  // Equal scores share a rank; among them more riders first, then the smaller place id ("9" before "10").
  EXPECT_EQ(keys, (std::vector<std::string>{"4", "2", "9", "10", "7"}));
  EXPECT_EQ(ranks, (std::vector<int>{1, 2, 2, 2, 5}));
}

TEST(HandoverPolicy, RankIsCutToItsLimit) {
  std::vector<Candidate> candidates;
  for (int i = 1; i <= 8; ++i) candidates.push_back(Of(std::to_string(i), std::vector<double>(5, i / 10.0)));
  const Ranking ranking = Rank(candidates, {.min_raters = 5, .prior_weight = 5, .limit = 3});
  ASSERT_EQ(ranking.entries.size(), 3U);
  EXPECT_EQ(ranking.entries[0].key, "8");
  EXPECT_EQ(ranking.entries[2].key, "6");
}

TEST(HandoverPolicy, KindsAndWhoPublishes) {
  EXPECT_EQ(ParseRankingKind("merchants"), RankingKind::kMerchants);
  EXPECT_EQ(ParseRankingKind("compounds"), RankingKind::kCompounds);
  EXPECT_FALSE(ParseRankingKind("riders").has_value());
  EXPECT_EQ(RankingKindName(RankingKind::kCompounds), "compounds");
  EXPECT_TRUE(MayPublish(accounts::Role::kStreetOfficer));
  EXPECT_TRUE(MayPublish(accounts::Role::kCityOfficer));
  EXPECT_TRUE(MayPublish(accounts::Role::kAdmin));
  EXPECT_FALSE(MayPublish(accounts::Role::kCommunityOfficer));
  EXPECT_FALSE(MayPublish(accounts::Role::kMerchant));
  EXPECT_FALSE(MayPublish(accounts::Role::kWorker));
  EXPECT_TRUE(MaySeeDraft(accounts::Role::kGridOfficer));
  EXPECT_FALSE(MaySeeDraft(accounts::Role::kMerchant));
}

}  // namespace
}  // namespace youhao::honours
