#include "reports/report_policy.h"

namespace youhao::reports {

bool RoutedToThem(const Report& report, const accounts::Principal& caller) {
  if (!report.acceptor) return false;
  switch (report.acceptor->kind) {
    case AcceptorKind::kNearestStation:
      return caller.role == accounts::Role::kStationKeeper && report.acceptor->account_id == caller.account_id;
    case AcceptorKind::kProperty:
      return caller.role == accounts::Role::kPropertyManager && report.acceptor->code == caller.area_code;
    case AcceptorKind::kCommunity:
      return false;
  }
  return false;
}

bool InScope(const Report& report, const accounts::Principal& caller) {
  return areas::PathWithin(report.area_path, caller.area_path);
}

bool Concerns(const Report& report, const accounts::Principal& caller) {
  if (report.assignee_kind == "officer" && report.assignee == caller.login) return true;
  if (!IsHandlerRole(caller.role)) return false;
  return InScope(report, caller) || report.handler_login == caller.login || RoutedToThem(report, caller);
}

bool MayAccept(const Report& report, const accounts::Principal& caller) {
  if (!IsHandlerRole(caller.role)) return false;
  if (IsPrivate(report.category) && !SeesPrivate(caller.role)) return false;
  const bool in_scope = InScope(report, caller);
  if (accounts::Rank(caller.role) >= accounts::Rank(accounts::Role::kCommunityOfficer) || !report.acceptor)
    return in_scope;
  if (report.acceptor->kind == AcceptorKind::kCommunity) return caller.role == accounts::Role::kGridOfficer && in_scope;
  return RoutedToThem(report, caller);
}

std::vector<Action> Allowed(const Report& report, const accounts::Principal& caller) {
  std::vector<Action> allowed;
  const bool reporter = report.reporter_account_id && *report.reporter_account_id == caller.account_id;
  // Whoever took it up last stays responsible for it, whatever the routing would choose now.
  const bool took_it_up = IsHandlerRole(caller.role) && report.handler_login == caller.login &&
                          (!IsPrivate(report.category) || SeesPrivate(caller.role));
  const bool staff = MayAccept(report, caller) || took_it_up;
  const bool assignee = report.assignee_kind == "officer" && report.assignee == caller.login;
  for (int a = 0; a < kActionCount; ++a) {
    const auto action = static_cast<Action>(a);
    if (!Next(report.status, action)) continue;
    const Actor actor = ActorFor(action);
    const bool may = (actor == Actor::kReporter && reporter) || (actor == Actor::kStaff && staff) ||
                     (actor == Actor::kHandler && (assignee || staff));
    if (may) allowed.push_back(action);
  }
  return allowed;
}

Sight SightOf(const Report& report, const accounts::Principal* caller) {
  if (caller == nullptr) return IsPrivate(report.category) ? Sight::kHidden : Sight::kVisible;
  const bool reporter = report.reporter_account_id && *report.reporter_account_id == caller->account_id;
  const bool concerned = Concerns(report, *caller);
  if (reporter || (concerned && (!IsPrivate(report.category) || SeesPrivate(caller->role)))) return Sight::kVisible;
  if (IsPrivate(report.category) && concerned) return Sight::kPrivate;
  return Sight::kHidden;
}

core::Error SightError(Sight sight) {
  if (sight == Sight::kPrivate) {
    return core::MakeError(core::ErrorCode::kForbidden, "welfare reports are seen only by community staff");
  }
  return core::MakeError(core::ErrorCode::kNotFound, "no such report");
}

PhotoSight PhotoSightOf(const Report* report, std::optional<long long> uploader, const accounts::Principal* caller) {
  if (report == nullptr) {
    const bool own = caller != nullptr && uploader && *uploader == caller->account_id;
    return own ? PhotoSight::kPrivate : PhotoSight::kHidden;
  }
  if (SightOf(*report, nullptr) == Sight::kVisible) return PhotoSight::kPublic;
  if (caller != nullptr && SightOf(*report, caller) == Sight::kVisible) return PhotoSight::kPrivate;
  return PhotoSight::kHidden;
}

core::Result<Queue> QueueFor(const accounts::Principal& caller, bool mine) {
  Queue queue;
  if (mine || caller.role == accounts::Role::kWorker) {
    queue.reporter_account_id = caller.account_id;
    queue.include_private = true;
    return queue;
  }
  if (!IsHandlerRole(caller.role)) {
    return core::MakeError(core::ErrorCode::kForbidden, "the list of reports is for the staff who handle them");
  }
  queue.include_private = SeesPrivate(caller.role);
  if (caller.role == accounts::Role::kStationKeeper) {
    queue.routed_to_account = caller.account_id;
    queue.taken_up_by = caller.login;
  } else if (caller.role == accounts::Role::kPropertyManager) {
    queue.routed_to_compound = caller.area_code;
    queue.taken_up_by = caller.login;
  } else {
    queue.by_area = true;
  }
  return queue;
}

}  // namespace youhao::reports
