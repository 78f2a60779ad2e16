#pragma once
/// Who is told of a step on a report, and what: pure decisions of the report and the step (no
/// database, no clock), unit-tested in notice_policy_test.cpp. The service finds each party's
/// logins and writes the notifications in the step's transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reports/report.h"

namespace youhao::reports {

/// Someone a report concerns.
enum class Party : std::uint8_t {
  kReporter,  ///< the worker who sent it (an organisation's report has none)
  kAssignee,  ///< the officer it is dispatched to
  kHandler,   ///< whoever took it up last (accepted, started or resolved it)
  /// Whom the rules sent it to: the station keeper, the compound's property managers, or (routed
  /// to the community, or before the rules) the community's officers.
  kAcceptor,
};

struct Notice {
  Party party = Party::kReporter;
  std::string_view kind;  ///< a notification:: kind
  bool operator==(const Notice&) const = default;
};

/// The notices of `action` on `report`, the report as the step leaves it but for the handler (a
/// dispatch's new assignee is set; the handler is who it was before the step). `reason` is a
/// close's, `note` the step's note as typed. The reporter hears of every step on their report but
/// their own (accepted, dispatched, started, resolved, closed); the officer a report is dispatched
/// to hears of it; a reopened report goes back to whoever handled it and its assignee, or to the
/// acceptor when nobody did.
std::vector<Notice> NoticesFor(const Report& report, Action action, std::optional<CloseReason> reason,
                               std::string_view note);

/// What the reporter is told when their report is closed for `reason`.
std::string_view ClosedKind(CloseReason reason);

/// A login and what it is told.
struct Addressee {
  std::string login;
  std::string_view kind;
  bool operator==(const Addressee&) const = default;
};
/// One notification per login, from `candidates` in order (the first notice for a login wins), and
/// none to `actor`: nobody is told of their own step.
std::vector<Addressee> Addressees(const std::vector<Addressee>& candidates, std::string_view actor);

}  // namespace youhao::reports
