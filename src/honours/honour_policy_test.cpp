#include "honours/honour_policy.h"

#include <gtest/gtest.h>

namespace youhao::honours {
namespace {

using accounts::Role;

CampaignInput Valid() {
  CampaignInput input;
  input.title = "2025年度海淀区最美外卖员";
  input.kind = CampaignKind::kBestRider;
  input.nominating_until = 1000;
  input.reviewing_until = 2000;
  input.voting_until = 3000;
  input.winners = 3;
  input.votes_per_person = 3;
  input.prize_points = 200;
  return input;
}

std::string ProblemName(const core::Status& status) { return status.ok() ? "" : status.error().name; }

TEST(HonourPolicy, StagesRunInOrderOnlyOneStepAtATime) {
  EXPECT_EQ(NextStage(Stage::kNominating), Stage::kReviewing);
  EXPECT_EQ(NextStage(Stage::kReviewing), Stage::kVoting);
  EXPECT_EQ(NextStage(Stage::kVoting), Stage::kAnnounced);
  EXPECT_EQ(NextStage(Stage::kAnnounced), std::nullopt);
  EXPECT_TRUE(CheckAdvance(Stage::kNominating, Stage::kReviewing).ok());
  EXPECT_TRUE(CheckAdvance(Stage::kVoting, Stage::kAnnounced).ok());
  EXPECT_EQ(ProblemName(CheckAdvance(Stage::kNominating, Stage::kVoting)), "bad_stage") << "no skipping review";
  EXPECT_EQ(ProblemName(CheckAdvance(Stage::kVoting, Stage::kReviewing)), "bad_stage") << "no going back";
  EXPECT_EQ(ProblemName(CheckAdvance(Stage::kAnnounced, Stage::kAnnounced)), "bad_stage");
  EXPECT_TRUE(CheckNominationOpen(Stage::kNominating).ok());
  EXPECT_EQ(ProblemName(CheckNominationOpen(Stage::kReviewing)), "not_nominating");
  EXPECT_TRUE(CheckReviewOpen(Stage::kReviewing).ok());
  EXPECT_EQ(ProblemName(CheckReviewOpen(Stage::kVoting)), "not_reviewing");
  for (Stage stage : {Stage::kNominating, Stage::kReviewing, Stage::kVoting, Stage::kAnnounced})
    EXPECT_EQ(ParseStage(StageName(stage)), stage);
}

TEST(HonourPolicy, ChecksACampaignsFields) {
  EXPECT_TRUE(CheckCampaign(Valid()).ok());
  struct Case {
    const char* why;
    void (*change)(CampaignInput&);
    const char* problem;
  };
  const Case cases[] = {
      {"empty title", [](CampaignInput& c) { c.title = "  "; }, "bad_title"},
      {"title too long", [](CampaignInput& c) { c.title = std::string(61, 'a'); }, "bad_title"},
      {"voting ends before review", [](CampaignInput& c) { c.voting_until = 1500; }, "bad_dates"},
      {"no nominating end", [](CampaignInput& c) { c.nominating_until = 0; }, "bad_dates"},
      {"no winners", [](CampaignInput& c) { c.winners = 0; }, "bad_winners"},
      {"too many winners", [](CampaignInput& c) { c.winners = 51; }, "bad_winners"},
      {"no votes", [](CampaignInput& c) { c.votes_per_person = 0; }, "bad_votes_per_person"},
      {"negative prize", [](CampaignInput& c) { c.prize_points = -1; }, "bad_prize"},
      {"absurd prize", [](CampaignInput& c) { c.prize_points = 100'001; }, "bad_prize"},
  };
  for (const auto& c : cases) {
    CampaignInput input = Valid();
    c.change(input);
    EXPECT_EQ(ProblemName(CheckCampaign(input)), c.problem) << c.why;
  }
  EXPECT_TRUE(LevelHoldsCampaigns("district"));
  EXPECT_TRUE(LevelHoldsCampaigns("street"));
  EXPECT_FALSE(LevelHoldsCampaigns("community"));
  EXPECT_FALSE(LevelHoldsCampaigns("city"));
}

TEST(HonourPolicy, WhoRunsReviewsAndNominates) {
  EXPECT_TRUE(MayRunCampaigns(Role::kStreetOfficer));
  EXPECT_TRUE(MayRunCampaigns(Role::kDistrictOfficer));
  EXPECT_FALSE(MayRunCampaigns(Role::kCommunityOfficer));
  EXPECT_FALSE(MayRunCampaigns(Role::kWorker));
  EXPECT_TRUE(MayReview(Role::kGridOfficer));
  EXPECT_FALSE(MayReview(Role::kStationKeeper));
  EXPECT_TRUE(MayNominate(Role::kWorker));
  EXPECT_TRUE(MayNominate(Role::kStationKeeper));
  EXPECT_FALSE(MayNominate(Role::kMerchant));
  EXPECT_FALSE(MayNominate(Role::kSponsor));
  EXPECT_FALSE(MayNominate(Role::kGuard));
  EXPECT_TRUE(CheckCitation("雨夜送餐途中救助摔倒老人").ok());
  EXPECT_EQ(ProblemName(CheckCitation("")), "bad_citation");
  EXPECT_EQ(ProblemName(CheckCitation(std::string(301, 'a'))), "bad_citation");
  EXPECT_TRUE(CheckReviewReason(true, "").ok()) << "accepting needs no reason";
  EXPECT_EQ(ProblemName(CheckReviewReason(false, " ")), "bad_reason") << "rejecting does";
}

TEST(HonourPolicy, AVoteIsDecidedInOrderAndTheLimitHolds) {
  VoteFacts ok;
  ok.stage = Stage::kVoting;
  ok.nomination_accepted = true;
  ok.voter_eligible = true;
  ok.votes_per_person = 3;
  ok.address_limit_per_hour = 5;
  EXPECT_EQ(DecideVote(ok), VoteVerdict::kAccepted);
  struct Case {
    const char* why;
    void (*change)(VoteFacts&);
    VoteVerdict verdict;
    const char* problem;
  };
  const Case cases[] = {
      {"not voting yet", [](VoteFacts& f) { f.stage = Stage::kReviewing; }, VoteVerdict::kNotVoting, "not_voting"},
      {"announced", [](VoteFacts& f) { f.stage = Stage::kAnnounced; }, VoteVerdict::kNotVoting, "not_voting"},
      {"pending nominee", [](VoteFacts& f) { f.nomination_accepted = false; }, VoteVerdict::kNotAccepted,
       "nominee_not_accepted"},
      {"unverified worker", [](VoteFacts& f) { f.voter_eligible = false; }, VoteVerdict::kVoterNotEligible,
       "voter_not_verified"},
      {"same nominee twice", [](VoteFacts& f) { f.already_voted_for_nominee = true; }, VoteVerdict::kAlreadyVoted,
       "already_voted"},
      {"limit used", [](VoteFacts& f) { f.votes_cast = 3; }, VoteVerdict::kLimitReached, "vote_limit"},
      {"address flood", [](VoteFacts& f) { f.address_votes_last_hour = 5; }, VoteVerdict::kAddressFlood,
       "vote_flagged"},
      {"flood wins over the limit",
       [](VoteFacts& f) {
         f.address_votes_last_hour = 9;
         f.votes_cast = 3;
       },
       VoteVerdict::kAddressFlood, "vote_flagged"},
  };
  for (const auto& c : cases) {
    VoteFacts facts = ok;
    c.change(facts);
    const VoteVerdict verdict = DecideVote(facts);
    EXPECT_EQ(verdict, c.verdict) << c.why;
    EXPECT_EQ(VoteProblem(verdict, facts).name, c.problem) << c.why;
  }
  VoteFacts two_left = ok;
  two_left.votes_cast = 2;
  EXPECT_EQ(DecideVote(two_left), VoteVerdict::kAccepted) << "the last of three";
  VoteFacts limit = ok;
  limit.votes_cast = 3;
  EXPECT_EQ(VoteProblem(DecideVote(limit), limit).fields.at("limit").as_int64(), 3);
  EXPECT_EQ(VoteProblem(VoteVerdict::kAddressFlood, ok).code, core::ErrorCode::kRateLimited);
}

TEST(HonourPolicy, RanksByVotesWithTiesSharingAPlace) {
  const auto ranked = RankResults({{11, 5}, {12, 9}, {13, 5}, {14, 0}, {15, 2}}, 2);
  ASSERT_EQ(ranked.size(), 5U);
  EXPECT_EQ(ranked[0].nomination_id, 12);
  EXPECT_EQ(ranked[0].rank, 1);
  EXPECT_TRUE(ranked[0].winner);
  EXPECT_EQ(ranked[1].nomination_id, 11);
  EXPECT_EQ(ranked[2].nomination_id, 13);
  EXPECT_EQ(ranked[1].rank, 2);
  EXPECT_EQ(ranked[2].rank, 2) << "equal votes, equal place";
  EXPECT_TRUE(ranked[1].winner);
  EXPECT_TRUE(ranked[2].winner) << "a tie at the last place makes one more winner";
  EXPECT_EQ(ranked[3].rank, 4);
  EXPECT_FALSE(ranked[3].winner);
  EXPECT_FALSE(ranked[4].winner);
  const auto none = RankResults({{1, 0}, {2, 0}}, 3);
  EXPECT_FALSE(none[0].winner) << "nobody wins without a vote";
}

TEST(HonourPolicy, CountsTheMonthsAGridReporterServed) {
  EXPECT_EQ(MonthsServed("2025-03-01", "2025-08-31", "2025-12-07"), 6);
  EXPECT_EQ(MonthsServed("2025-10-15", "2026-09-30", "2025-12-07"), 3) << "a running term, months begun so far";
  EXPECT_EQ(MonthsServed("2026-01-01", "2026-06-30", "2025-12-07"), 0) << "not begun";
  EXPECT_EQ(MonthsServed("2024-11-01", "2025-01-31", "2025-12-07"), 3) << "across a year";
  EXPECT_EQ(MonthsServed("garbage", "2025-01-31", "2025-12-07"), 0);
}

TEST(HonourPolicy, SerialsAndTheSignedText) {
  const std::string serial = CertificateSerial(3, 41, "012345");
  EXPECT_EQ(serial, "YH-3-41-012345");
  EXPECT_TRUE(ValidSerial(serial));
  for (const char* bad : {"", "YH-3-41-01234", "YH-3-41-0123456", "XX-3-41-012345", "YH--41-012345", "YH-3-41",
                          "YH-3-a-012345", "YH-3-41-012345/../x"})
    EXPECT_FALSE(ValidSerial(bad)) << bad;
  const std::string text = CertificateSignedText(serial, 3, "最美快递人", 41, "张小哥", 1765000000);
  EXPECT_NE(text, CertificateSignedText(serial, 3, "最美快递人", 41, "张小哥", 1765000001));
  EXPECT_NE(text, CertificateSignedText(serial, 3, "最美快递人", 41, "李小哥", 1765000000));
  EXPECT_NE(text.find("张小哥"), std::string::npos);
}

}  // namespace
}  // namespace youhao::honours
