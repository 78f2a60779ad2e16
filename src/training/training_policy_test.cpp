// Training decisions: course checks, who may record a completion, replays, the contest ranking.
#include "training/training_policy.h"

#include <gtest/gtest.h>

namespace youhao::training {
namespace {

TEST(TrainingPolicy, TopicsRoundTrip) {
  for (Topic topic : {Topic::kTrafficSafety, Topic::kFoodSafety, Topic::kFirstAid, Topic::kSkills})
    EXPECT_EQ(ParseTopic(TopicName(topic)), topic);
  EXPECT_FALSE(ParseTopic("cooking").has_value());
}

TEST(TrainingPolicy, ChecksACourse) {
  CourseInput input{.topic = "first_aid", .title = "心肺复苏与急救", .description = "", .hours = 8};
  EXPECT_TRUE(CheckCourse(input).ok());
  input.topic = "dancing";
  EXPECT_EQ(CheckCourse(input).error().name, "bad_topic");
  input.topic = "first_aid";
  input.title = "   ";
  EXPECT_EQ(CheckCourse(input).error().name, "bad_title");
  input.title = "急救";
  input.hours = 0;
  EXPECT_EQ(CheckCourse(input).error().name, "bad_hours");
  input.hours = kMaxHours + 1;
  EXPECT_EQ(CheckCourse(input).error().name, "bad_hours");
  EXPECT_TRUE(CheckScore(std::nullopt).ok());
  EXPECT_TRUE(CheckScore(100).ok());
  EXPECT_FALSE(CheckScore(-1).ok());
  EXPECT_FALSE(CheckScore(kMaxScore + 1).ok());
}

TEST(TrainingPolicy, CompletionsWaitForTheSessionToStart) {
  EXPECT_FALSE(SessionStarted(1000, 999));
  EXPECT_TRUE(SessionStarted(1000, 1000));
  EXPECT_TRUE(SessionStarted(1000, 5000));
}

TEST(TrainingPolicy, OnlyTrainersRecordRegisteredWorkers) {
  EXPECT_EQ(JudgeCompletion(true, true, true), CompletionRefusal::kNone);
  EXPECT_EQ(JudgeCompletion(false, true, true), CompletionRefusal::kNotTrainingSession);
  EXPECT_EQ(JudgeCompletion(true, false, true), CompletionRefusal::kNotTrainer);
  EXPECT_EQ(JudgeCompletion(true, true, false), CompletionRefusal::kNotRegistered);
  EXPECT_EQ(JudgeCompletion(true, false, false), CompletionRefusal::kNotTrainer);
}

TEST(TrainingPolicy, APassedCompletionIsKept) {
  EXPECT_EQ(StepFor(std::nullopt, true), CompletionStep::kInsert);
  EXPECT_EQ(StepFor(std::nullopt, false), CompletionStep::kInsert);
  EXPECT_EQ(StepFor(false, true), CompletionStep::kUpdate);
  EXPECT_EQ(StepFor(true, true), CompletionStep::kKeep);
  EXPECT_EQ(StepFor(true, false), CompletionStep::kKeep);
}

TEST(TrainingPolicy, RanksHighestFirstWithSharedRanks) {
  const auto ranked = Rank({{1, 80, 10}, {2, 95, 30}, {3, 95, 20}, {4, 70, 5}, {5, 80, 40}});
  ASSERT_EQ(ranked.size(), 5U);
  EXPECT_EQ(ranked[0].account_id, 3);  // 95, recorded first
  EXPECT_EQ(ranked[0].rank, 1);
  EXPECT_EQ(ranked[1].account_id, 2);
  EXPECT_EQ(ranked[1].rank, 1);
  EXPECT_EQ(ranked[2].account_id, 1);
  EXPECT_EQ(ranked[2].rank, 3);
  EXPECT_EQ(ranked[3].rank, 3);
  EXPECT_EQ(ranked[4].account_id, 4);
  EXPECT_EQ(ranked[4].rank, 5);
  EXPECT_EQ(TopN(ranked, 1).size(), 2U);  // a tie at the edge passes on both
  EXPECT_EQ(TopN(ranked, 2).size(), 2U);
  EXPECT_EQ(TopN(ranked, 3).size(), 4U);
  EXPECT_TRUE(TopN(Rank({}), 3).empty());
}

}  // namespace
}  // namespace youhao::training
