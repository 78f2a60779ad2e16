// Who hears of each step on a report, without a database. The report: sent by worker #1 in 科源,
// routed to station keeper #70; the officers are named by login.
#include "reports/notice_policy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>

#include "reports/notifications.h"

namespace youhao::reports {
namespace {

Report Routed() {
  Report report;
  report.id = 5;
  report.category = Category::kHazard;
  report.area_code = "110108011001";
  report.area_path = "110000/110108/110108011/110108011001/";
  report.reporter_account_id = 1;
  report.acceptor = Acceptor{.kind = AcceptorKind::kNearestStation, .code = "7", .name = "驿站", .account_id = 70};
  return report;
}

Report DispatchedTo(const std::string& officer, const std::optional<std::string>& handler = std::nullopt) {
  Report report = Routed();
  report.assignee_kind = "officer";
  report.assignee = officer;
  report.handler_login = handler;
  return report;
}

std::string Describe(const std::vector<Notice>& notices) {
  static constexpr const char* kParties[] = {"reporter", "assignee", "handler", "acceptor"};
  std::string out;
  for (const Notice& notice : notices) {
    if (!out.empty()) out += ",";
    out += std::string(kParties[static_cast<int>(notice.party)]) + ":" + std::string(notice.kind);
  }
  return out;
}

TEST(NoticePolicy, EachStepTellsItsReceiversAndNobodyElse) {
  Report department = Routed();
  department.assignee_kind = "department";
  department.assignee = "市政管理所";
  Report organisation = Routed();
  organisation.reporter_account_id.reset();  // an Open311 client's report has no reporter to tell
  Report handled = DispatchedTo("grid", "grid");
  Report kept_by_keeper = Routed();
  kept_by_keeper.handler_login = "keeper";
  Report handled_elsewhere = DispatchedTo("grid", "community");
  Report property = Routed();
  property.acceptor = Acceptor{.kind = AcceptorKind::kProperty, .code = "110108011001001", .name = "华清嘉园物业"};
  struct Row {
    const char* what;
    Report report;
    Action action;
    std::optional<CloseReason> reason;
    const char* note;
    const char* expected;
  };
  const Row rows[] = {
      {"accept", Routed(), Action::kAccept, std::nullopt, "", "reporter:report_accepted"},
      {"dispatch to an officer", DispatchedTo("grid"), Action::kDispatch, std::nullopt, "",
       "assignee:report_assigned,reporter:report_dispatched"},
      {"dispatch to a department", department, Action::kDispatch, std::nullopt, "", "reporter:report_dispatched"},
      {"start", handled, Action::kStart, std::nullopt, "", "reporter:report_started"},
      {"resolve", handled, Action::kResolve, std::nullopt, "", "reporter:report_resolved"},
      {"confirm: the reporter's own step", handled, Action::kConfirm, std::nullopt, "", ""},
      {"reopen with a note", handled, Action::kReopen, std::nullopt, "又堵上了", "handler:reopened,assignee:reopened"},
      {"reopen without a note", kept_by_keeper, Action::kReopen, std::nullopt, "", "handler:reopened_no_note"},
      {"reopen: handler and assignee differ", handled_elsewhere, Action::kReopen, std::nullopt, "x",
       "handler:reopened,assignee:reopened"},
      {"reopen: nobody handled it, back to the station", Routed(), Action::kReopen, std::nullopt, "",
       "acceptor:reopened_no_note"},
      {"reopen: nobody handled it, back to the property company", property, Action::kReopen, std::nullopt, "x",
       "acceptor:reopened"},
      {"close as a duplicate", Routed(), Action::kClose, CloseReason::kDuplicate, "",
       "reporter:report_closed_duplicate"},
      {"close: not ours", Routed(), Action::kClose, CloseReason::kNotOurs, "", "reporter:report_closed_not_ours"},
      {"close: referred", Routed(), Action::kClose, CloseReason::kReferred, "", "reporter:report_closed_referred"},
      {"closed unconfirmed after 72 h", handled, Action::kClose, CloseReason::kAutoConfirmed, "",
       "reporter:report_closed_auto_confirmed"},
      {"an organisation's report: accepted", organisation, Action::kAccept, std::nullopt, "", ""},
      {"an organisation's report: closed", organisation, Action::kClose, CloseReason::kReferred, "", ""},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Describe(NoticesFor(row.report, row.action, row.reason, row.note)), row.expected) << row.what;
  }
}

TEST(NoticePolicy, EveryKindItNamesIsAKnownNotification) {
  for (int r = 0; r < 4; ++r) {
    const std::string_view kind = ClosedKind(static_cast<CloseReason>(r));
    EXPECT_NE(std::find(std::begin(notification::kKinds), std::end(notification::kKinds), kind),
              std::end(notification::kKinds))
        << kind;
  }
  for (int a = 0; a < kActionCount; ++a) {
    for (const Notice& notice :
         NoticesFor(DispatchedTo("grid", "keeper"), static_cast<Action>(a), CloseReason::kDuplicate, "n")) {
      EXPECT_NE(std::find(std::begin(notification::kKinds), std::end(notification::kKinds), notice.kind),
                std::end(notification::kKinds))
          << notice.kind;
    }
  }
}

TEST(NoticePolicy, OneNotificationPerLoginAndNoneToWhoeverActed) {
  // The officer who dispatches to themselves is not told; a login named twice is told once, first kind first.
  EXPECT_EQ(Addressees({{"community", "report_assigned"}, {"rider", "report_dispatched"}}, "community"),
            (std::vector<Addressee>{{"rider", "report_dispatched"}}));
  EXPECT_EQ(Addressees({{"grid", "reopened"}, {"grid", "reopened"}, {"keeper", "reopened"}}, "rider"),
            (std::vector<Addressee>{{"grid", "reopened"}, {"keeper", "reopened"}}));
  EXPECT_EQ(Addressees({{"", "report_accepted"}}, "keeper"), std::vector<Addressee>{});
  EXPECT_EQ(Addressees({}, "keeper"), std::vector<Addressee>{});
}

}  // namespace
}  // namespace youhao::reports
