#pragma once
/// Training decisions without a database: course topics and input checks, who may record a
/// completion, and the ranking of a skills contest (docs/training.md).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace youhao::training {

enum class Topic { kTrafficSafety, kFoodSafety, kFirstAid, kSkills };
std::string_view TopicName(Topic topic);
std::optional<Topic> ParseTopic(std::string_view name);

constexpr std::size_t kMaxTitle = 80;
constexpr std::size_t kMaxDescription = 2000;
constexpr long long kMaxHours = 200;
constexpr long long kMaxScore = 1000;
constexpr int kMaxTopN = 20;

struct CourseInput {
  std::string topic;
  std::string title;
  std::string description;
  long long hours = 0;
};
/// Errors: training.bad_topic, training.bad_title, training.bad_hours (validation_failed, with the field).
core::Status CheckCourse(const CourseInput& input);
/// A score is optional; when given 0..kMaxScore (training.bad_score).
core::Status CheckScore(std::optional<long long> score);

/// Why a trainer's completion record is refused, in the order checked.
enum class CompletionRefusal { kNone, kNotTrainingSession, kNotTrainer, kNotRegistered };
CompletionRefusal JudgeCompletion(bool training_session, bool trainer, bool registered);

/// Completions are recorded once the session has started (now ≥ starts_at), never ahead of it.
bool SessionStarted(long long starts_at, long long now);

/// What a completion record does to the stored one: insert it, upgrade a failed one to passed
/// (paying and certifying then), or keep a passed one as it is (a replay pays nothing twice).
enum class CompletionStep { kInsert, kUpdate, kKeep };
CompletionStep StepFor(std::optional<bool> stored_passed, bool passed);

struct ScoreLine {
  long long account_id = 0;
  long long score = 0;
  long long at = 0;  ///< when recorded: an earlier score ranks first among equals
};
struct RankedLine {
  long long account_id = 0;
  long long score = 0;
  int rank = 0;  ///< 1-based; equal scores share a rank (1, 1, 3)
};
/// Highest score first; ties share a rank and keep the earlier record first.
std::vector<RankedLine> Rank(std::vector<ScoreLine> lines);
/// Those ranked within the first `n` places (ties at the edge all pass on).
std::vector<RankedLine> TopN(const std::vector<RankedLine>& ranked, int n);

}  // namespace youhao::training
