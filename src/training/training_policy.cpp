// Training decisions without a database (see training_policy.h).

#include "training/training_policy.h"

#include <algorithm>
#include <boost/json/object.hpp>

#include "core/text.h"

namespace youhao::training {

namespace {

namespace json = boost::json;
using core::ErrorCode;

constexpr std::string_view kTopicNames[] = {"traffic_safety", "food_safety", "first_aid", "skills"};

json::object Field(std::string_view name) { return json::object{{"field", name}}; }

}  // namespace

std::string_view TopicName(Topic topic) { return kTopicNames[static_cast<std::size_t>(topic)]; }

std::optional<Topic> ParseTopic(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kTopicNames); ++i) {
    if (kTopicNames[i] == name) return static_cast<Topic>(i);
  }
  return std::nullopt;
}

core::Status CheckCourse(const CourseInput& input) {
  if (!ParseTopic(input.topic))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_topic", "training.bad_topic",
                             "topic: traffic_safety, food_safety, first_aid or skills", Field("topic"));
  const auto title = core::Trim(input.title);
  if (title.empty() || title.size() > kMaxTitle)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_title", "training.bad_title", "title: 1 to 80 bytes",
                             Field("title"));
  if (input.description.size() > kMaxDescription)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_title", "training.bad_title",
                             "description: at most 2000 bytes", Field("description"));
  if (input.hours < 1 || input.hours > kMaxHours)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_hours", "training.bad_hours", "hours: 1 to 200",
                             Field("hours"));
  return core::Ok{};
}

core::Status CheckScore(std::optional<long long> score) {
  if (score && (*score < 0 || *score > kMaxScore))
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_score", "training.bad_score", "score: 0 to 1000",
                             Field("score"));
  return core::Ok{};
}

CompletionRefusal JudgeCompletion(bool training_session, bool trainer, bool registered) {
  if (!training_session) return CompletionRefusal::kNotTrainingSession;
  if (!trainer) return CompletionRefusal::kNotTrainer;
  if (!registered) return CompletionRefusal::kNotRegistered;
  return CompletionRefusal::kNone;
}

bool SessionStarted(long long starts_at, long long now) { return now >= starts_at; }

CompletionStep StepFor(std::optional<bool> stored_passed, bool passed) {
  if (!stored_passed) return CompletionStep::kInsert;
  if (*stored_passed) return CompletionStep::kKeep;
  return passed ? CompletionStep::kUpdate : CompletionStep::kKeep;
}

std::vector<RankedLine> Rank(std::vector<ScoreLine> lines) {
  std::stable_sort(lines.begin(), lines.end(), [](const ScoreLine& a, const ScoreLine& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.at != b.at) return a.at < b.at;
    return a.account_id < b.account_id;
  });
  std::vector<RankedLine> ranked;
  ranked.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int rank = i > 0 && lines[i].score == lines[i - 1].score ? ranked.back().rank : static_cast<int>(i) + 1;
    ranked.push_back({lines[i].account_id, lines[i].score, rank});
  }
  return ranked;
}

std::vector<RankedLine> TopN(const std::vector<RankedLine>& ranked, int n) {
  std::vector<RankedLine> top;
  for (const RankedLine& line : ranked) {
    if (line.rank > n) break;
    top.push_back(line);
  }
  return top;
}

}  // namespace youhao::training
