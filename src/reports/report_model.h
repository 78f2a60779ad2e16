#pragma once
/// What a worker's report is: its category, the statuses of the chain, which action moves it on,
/// who may take each action, and the deadline it runs against. Pure values; no storage, no HTTP.

#include <cstdint>
#include <optional>
#include <string_view>

#include "accounts/roles.h"

namespace youhao::reports {

enum class Category : std::uint8_t {
  kHazard,
  kSanitation,
  kFacility,
  kFireLane,
  kTraffic,
  kStrayAnimal,
  kFoodSafety,
  kFraud,
  kWelfare,
  kOwnDifficulty,
  kOther
};
inline constexpr int kCategoryCount = 11;
std::string_view CategoryName(Category category);     ///< "fire_lane" (the Open311 service_code)
std::string_view CategoryLabelZh(Category category);  ///< "消防通道堵塞"
std::string_view CategoryDescriptionZh(Category category);
std::optional<Category> ParseCategory(std::string_view name);
/// Hours from submission to the resolution deadline.
int DeadlineHours(Category category);
/// Welfare concerns (an elderly person living alone, a left-behind child) are seen only by the
/// reporter and community staff, never listed publicly (not in Open311 either).
inline bool IsPrivate(Category category) { return category == Category::kWelfare; }

/// The worker's own difficulty, for Category::kOwnDifficulty.
enum class Difficulty : std::uint8_t { kCannotEnter, kNoParking, kRudeTreatment };
std::string_view DifficultyName(Difficulty difficulty);
std::string_view DifficultyLabelZh(Difficulty difficulty);
std::optional<Difficulty> ParseDifficulty(std::string_view name);

enum class Status : std::uint8_t { kSubmitted, kAccepted, kDispatched, kInProgress, kResolved, kConfirmed, kClosed };
std::string_view StatusName(Status status);
std::string_view StatusLabelZh(Status status);
std::optional<Status> ParseStatus(std::string_view name);
/// Open311's two states: everything before confirmation or closing is "open".
inline bool IsOpen(Status status) { return status != Status::kConfirmed && status != Status::kClosed; }

enum class Action : std::uint8_t { kAccept, kDispatch, kStart, kResolve, kConfirm, kReopen, kClose };
inline constexpr int kActionCount = 7;
std::string_view ActionName(Action action);
std::optional<Action> ParseAction(std::string_view name);

/// The status `action` leads to from `from`, or nullopt when the chain does not allow it:
/// submitted →accept→ accepted →dispatch→ dispatched →start→ in_progress →resolve→ resolved
/// →confirm→ confirmed; reopen from resolved, confirmed or closed goes back to in_progress;
/// accept, dispatch and start may skip steps (a station that handles it itself starts at once);
/// close from any open status.
std::optional<Status> Next(Status from, Action action);

/// How far an unfinished report has climbed: 0 on time (or resolved, awaiting confirmation),
/// 1 past its deadline (the street is told), 2 past twice its allowed time (the district).
enum class Escalation : std::uint8_t { kNone, kStreet, kDistrict };
Escalation EscalationOf(Status status, long long created_at, long long due_at, long long now);

/// Who may take an action (before scope, assignment and ownership are checked).
enum class Actor : std::uint8_t { kReporter, kHandler, kStaff };
Actor ActorFor(Action action);

/// Reasons to close without resolving.
enum class CloseReason : std::uint8_t { kDuplicate, kNotOurs, kReferred, kAutoConfirmed };
std::string_view CloseReasonName(CloseReason reason);
std::optional<CloseReason> ParseCloseReason(std::string_view name);

/// Staff who take reports up: station keepers, property managers, grid and community officers
/// and above.
bool IsHandlerRole(accounts::Role role);
/// Who sees welfare reports: community officers and above, and grid officers.
bool SeesPrivate(accounts::Role role);

}  // namespace youhao::reports
