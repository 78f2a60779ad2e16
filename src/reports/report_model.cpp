#include "reports/report_model.h"

#include <array>

namespace youhao::reports {
namespace {

struct CategoryInfo {
  std::string_view name, label, description;
  int hours;
};

constexpr std::array<CategoryInfo, kCategoryCount> kCategories = {{
    {"hazard", "安全隐患", "井盖缺失、电线裸露、坑洼塌陷等危及安全的隐患", 24},
    {"sanitation", "环境卫生", "垃圾堆积、污水外溢等环境卫生问题", 72},
    {"facility", "公共设施损坏", "路灯、护栏、标识、充电桩等公共设施损坏", 72},
    {"fire_lane", "消防通道堵塞", "消防通道被车辆或杂物堵塞", 4},
    {"traffic", "交通隐患", "信号灯故障、视线遮挡、违停占道等交通隐患", 24},
    {"stray_animal", "流浪动物", "流浪犬只等可能伤人的动物", 48},
    {"food_safety", "食品安全", "无证后厨、卫生不达标等食品安全问题", 48},
    {"fraud", "诈骗风险", "可疑的诈骗、传销或非法招聘信息", 72},
    {"welfare", "困难群众关怀", "独居老人、留守儿童等需要关怀的群众（仅社区工作人员可见）", 24},
    {"own_difficulty", "骑手自身困难", "进不了门、无处停车、被刁难等骑手自身困难", 48},
    {"other", "其他", "其他需要社区关注的问题", 120},
}};

constexpr std::array<std::string_view, 3> kDifficultyNames = {"cannot_enter", "no_parking", "rude_treatment"};
constexpr std::array<std::string_view, 3> kDifficultyLabels = {"进不了门", "无处停车", "被刁难"};

constexpr std::array<std::string_view, 7> kStatusNames = {"submitted", "accepted",  "dispatched", "in_progress",
                                                          "resolved",  "confirmed", "closed"};
constexpr std::array<std::string_view, 7> kStatusLabels = {"已提交", "已受理", "已派单", "处理中",
                                                           "已办结", "已确认", "已关闭"};

constexpr std::array<std::string_view, kActionCount> kActionNames = {"accept",  "dispatch", "start", "resolve",
                                                                     "confirm", "reopen",   "close"};

constexpr std::array<std::string_view, 4> kCloseNames = {"duplicate", "not_ours", "referred", "auto_confirmed"};
template <typename Enum, std::size_t N>
std::optional<Enum> Find(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view CategoryName(Category category) { return kCategories[static_cast<std::size_t>(category)].name; }
std::string_view CategoryLabelZh(Category category) { return kCategories[static_cast<std::size_t>(category)].label; }
std::string_view CategoryDescriptionZh(Category category) {
  return kCategories[static_cast<std::size_t>(category)].description;
}
std::optional<Category> ParseCategory(std::string_view name) {
  for (std::size_t i = 0; i < kCategories.size(); ++i) {
    if (kCategories[i].name == name) return static_cast<Category>(i);
  }
  return std::nullopt;
}
int DeadlineHours(Category category) { return kCategories[static_cast<std::size_t>(category)].hours; }

std::string_view DifficultyName(Difficulty d) { return kDifficultyNames[static_cast<std::size_t>(d)]; }
std::string_view DifficultyLabelZh(Difficulty d) { return kDifficultyLabels[static_cast<std::size_t>(d)]; }
std::optional<Difficulty> ParseDifficulty(std::string_view name) { return Find<Difficulty>(kDifficultyNames, name); }

std::string_view StatusName(Status status) { return kStatusNames[static_cast<std::size_t>(status)]; }
std::string_view StatusLabelZh(Status status) { return kStatusLabels[static_cast<std::size_t>(status)]; }
std::optional<Status> ParseStatus(std::string_view name) { return Find<Status>(kStatusNames, name); }

std::string_view ActionName(Action action) { return kActionNames[static_cast<std::size_t>(action)]; }
std::optional<Action> ParseAction(std::string_view name) { return Find<Action>(kActionNames, name); }

std::optional<Status> Next(Status from, Action action) {
  switch (action) {
    case Action::kAccept:
      if (from == Status::kSubmitted) return Status::kAccepted;
      break;
    case Action::kDispatch:
      if (from == Status::kSubmitted || from == Status::kAccepted || from == Status::kDispatched)
        return Status::kDispatched;
      break;
    case Action::kStart:
      if (from == Status::kSubmitted || from == Status::kAccepted || from == Status::kDispatched)
        return Status::kInProgress;
      break;
    case Action::kResolve:
      if (from == Status::kInProgress) return Status::kResolved;
      break;
    case Action::kConfirm:
      if (from == Status::kResolved) return Status::kConfirmed;
      break;
    case Action::kReopen:
      if (from == Status::kResolved || from == Status::kConfirmed || from == Status::kClosed)
        return Status::kInProgress;
      break;
    case Action::kClose:
      if (IsOpen(from)) return Status::kClosed;
      break;
  }
  return std::nullopt;
}

Actor ActorFor(Action action) {
  switch (action) {
    case Action::kConfirm:
    case Action::kReopen:
      return Actor::kReporter;
    case Action::kStart:
    case Action::kResolve:
      return Actor::kHandler;
    default:
      return Actor::kStaff;
  }
}

std::string_view CloseReasonName(CloseReason reason) { return kCloseNames[static_cast<std::size_t>(reason)]; }
std::optional<CloseReason> ParseCloseReason(std::string_view name) {
  auto reason = Find<CloseReason>(kCloseNames, name);
  if (reason == CloseReason::kAutoConfirmed) return std::nullopt;  // only the server closes this way
  return reason;
}

bool IsHandlerRole(accounts::Role role) {
  return role == accounts::Role::kStationKeeper || role == accounts::Role::kPropertyManager ||
         accounts::IsOfficer(role);
}

bool SeesPrivate(accounts::Role role) {
  return role == accounts::Role::kGridOfficer ||
         accounts::Rank(role) >= accounts::Rank(accounts::Role::kCommunityOfficer);
}

Escalation EscalationOf(Status status, long long created_at, long long due_at, long long now) {
  if (!IsOpen(status) || status == Status::kResolved || now <= due_at) return Escalation::kNone;
  return now > due_at + (due_at - created_at) ? Escalation::kDistrict : Escalation::kStreet;
}

}  // namespace youhao::reports
