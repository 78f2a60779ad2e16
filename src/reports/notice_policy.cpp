#include "reports/notice_policy.h"

#include <algorithm>

#include "reports/notifications.h"

namespace youhao::reports {

std::string_view ClosedKind(CloseReason reason) {
  switch (reason) {
    case CloseReason::kDuplicate:
      return notification::kClosedDuplicate;
    case CloseReason::kNotOurs:
      return notification::kClosedNotOurs;
    case CloseReason::kReferred:
      return notification::kClosedReferred;
    case CloseReason::kAutoConfirmed:
      return notification::kClosedAutoConfirmed;
  }
  return notification::kClosedReferred;
}

std::vector<Notice> NoticesFor(const Report& report, Action action, std::optional<CloseReason> reason,
                               std::string_view note) {
  std::vector<Notice> notices;
  const bool reporter = report.reporter_account_id.has_value();
  const bool officer_assignee = report.assignee_kind == "officer" && report.assignee && !report.assignee->empty();
  switch (action) {
    case Action::kAccept:
      if (reporter) notices.push_back({Party::kReporter, notification::kAccepted});
      break;
    case Action::kDispatch:
      if (officer_assignee) notices.push_back({Party::kAssignee, notification::kAssigned});
      if (reporter) notices.push_back({Party::kReporter, notification::kDispatched});
      break;
    case Action::kStart:
      if (reporter) notices.push_back({Party::kReporter, notification::kStarted});
      break;
    case Action::kResolve:
      if (reporter) notices.push_back({Party::kReporter, notification::kResolved});
      break;
    case Action::kConfirm:
      break;
    case Action::kReopen: {
      const std::string_view kind = note.empty() ? notification::kReopenedNoNote : notification::kReopened;
      const bool handler = report.handler_login && !report.handler_login->empty();
      if (handler) notices.push_back({Party::kHandler, kind});
      if (officer_assignee) notices.push_back({Party::kAssignee, kind});
      if (!handler && !officer_assignee) notices.push_back({Party::kAcceptor, kind});
      break;
    }
    case Action::kClose:
      if (reporter && reason) notices.push_back({Party::kReporter, ClosedKind(*reason)});
      break;
  }
  return notices;
}

std::vector<Addressee> Addressees(const std::vector<Addressee>& candidates, std::string_view actor) {
  std::vector<Addressee> out;
  for (const Addressee& candidate : candidates) {
    if (candidate.login.empty() || candidate.login == actor) continue;
    const bool told =
        std::any_of(out.begin(), out.end(), [&](const Addressee& a) { return a.login == candidate.login; });
    if (!told) out.push_back(candidate);
  }
  return out;
}

}  // namespace youhao::reports
