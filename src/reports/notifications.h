#pragma once
/// Notifications (the bell in the header): what happened to a report, for one login, stored as a
/// kind and its fields and worded when read, in the reader's language.

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/event_bus.h"
#include "storage/database.h"

namespace youhao::reports {

/// What a notification can say; each is worded at the edge from "notifications.<kind>". Those about a report
/// carry its `id` and {category, category_zh}.
namespace notification {
inline constexpr std::string_view kReportRouted = "report_routed";  ///< {category, acceptor}: to accept
inline constexpr std::string_view kGridReport = "grid_report";      ///< {category}: a roaming reporter's
inline constexpr std::string_view kReopened = "reopened";           ///< {note}
inline constexpr std::string_view kReopenedNoNote = "reopened_no_note";
inline constexpr std::string_view kOverdueStreet = "overdue_street";  ///< {category}
inline constexpr std::string_view kOverdueDistrict = "overdue_district";
/// To the officer a report was dispatched to.
inline constexpr std::string_view kAssigned = "report_assigned";
/// To the reporter, at each step of their report.
inline constexpr std::string_view kAccepted = "report_accepted";
inline constexpr std::string_view kDispatched = "report_dispatched";
inline constexpr std::string_view kStarted = "report_started";
inline constexpr std::string_view kResolved = "report_resolved";
inline constexpr std::string_view kClosedDuplicate = "report_closed_duplicate";
inline constexpr std::string_view kClosedNotOurs = "report_closed_not_ours";
inline constexpr std::string_view kClosedReferred = "report_closed_referred";
inline constexpr std::string_view kClosedAutoConfirmed = "report_closed_auto_confirmed";
/// To a worker appointed a roaming grid reporter (no report): {area, term_start, term_end}.
inline constexpr std::string_view kGridAppointed = "grid_appointed";
inline constexpr std::string_view kKinds[] = {
    kReportRouted,    kGridReport,      kReopened,      kReopenedNoNote, kOverdueStreet,
    kOverdueDistrict, kAssigned,        kAccepted,      kDispatched,     kStarted,
    kResolved,        kClosedDuplicate, kClosedNotOurs, kClosedReferred, kClosedAutoConfirmed,
    kGridAppointed};
}  // namespace notification

struct Notification {
  long long id = 0;
  std::optional<long long> report_id;
  /// Notifications stored before kinds existed keep their sentence here.
  std::string message;
  long long at = 0;
  bool read = false;
  /// What happened ("report_routed"); the edge words it from "notifications.<kind>".
  std::string kind;
  boost::json::object fields;
};

/// Tells `login` of `kind` about report `id`, in the caller's transaction; the edge words it from
/// the catalogue's "notifications.<kind>" with `fields` (the report's `id` is added).
void Notify(storage::Connection& connection, const std::string& login, long long id, std::string_view kind,
            boost::json::object fields, long long now);

/// The event-bus topic that wakes `login`'s open inbox streams (GET /notifications/events).
inline std::string InboxTopic(std::string_view login) { return "inbox:" + std::string(login); }

/// The logins told inside one transaction: wake them once it has committed, never before (a stream
/// woken early would read nothing new).
class Told {
 public:
  void Add(const std::string& login);
  const std::vector<std::string>& logins() const { return logins_; }
  /// Publishes InboxTopic of each login on `bus` (nothing when null).
  void Wake(core::EventBus* bus) const;

 private:
  std::vector<std::string> logins_;
};

/// Notify(), remembering `login` in `told`; without a report when `id` is nullopt.
void Notify(storage::Connection& connection, Told& told, const std::string& login, std::optional<long long> id,
            std::string_view kind, boost::json::object fields, long long now);

/// What an inbox holds now: the unread count and the newest notification's id (0 when none).
struct InboxState {
  long long unread = 0;
  long long latest = 0;
  bool operator==(const InboxState&) const = default;
};

class NotificationInbox {
 public:
  explicit NotificationInbox(storage::Database& database) : database_(database) {}

  /// The latest 50 notifications of `login`, newest first, and how many are unread.
  std::pair<std::vector<Notification>, long long> List(const std::string& login, bool unread_only) const;
  /// Marks notifications of `login` read up to `up_to` (all when nullopt); returns how many.
  long long MarkRead(const std::string& login, std::optional<long long> up_to, long long now);
  /// The unread count and newest id of `login`'s inbox (what its event stream sends).
  InboxState State(const std::string& login) const;

  /// Where MarkRead announces a change of `login`'s inbox (InboxTopic), so that the caller's other
  /// devices clear their bells.
  void SetEventBus(core::EventBus* bus) { bus_ = bus; }
  /// Wakes `login`'s inbox streams: for a notification written outside reports, after its commit.
  void Wake(const std::string& login) const;

 private:
  storage::Database& database_;
  core::EventBus* bus_ = nullptr;
};

}  // namespace youhao::reports
