#pragma once
/// Notifications (the bell in the header): what happened to a report, for one login, stored as a
/// kind and its fields and worded when read, in the reader's language.

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/database.h"

namespace youhao::reports {

/// What a notification can say; each is worded at the edge from "notifications.<kind>".
namespace notification {
inline constexpr std::string_view kReportRouted = "report_routed";    ///< {category, acceptor}: to accept
inline constexpr std::string_view kGridReport = "grid_report";        ///< {category}: a roaming reporter's
inline constexpr std::string_view kReopened = "reopened";             ///< {note}
inline constexpr std::string_view kOverdueStreet = "overdue_street";  ///< {category}
inline constexpr std::string_view kOverdueDistrict = "overdue_district";
inline constexpr std::string_view kKinds[] = {kReportRouted, kGridReport, kReopened, kOverdueStreet, kOverdueDistrict};
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

class NotificationInbox {
 public:
  explicit NotificationInbox(storage::Database& database) : database_(database) {}

  /// The latest 50 notifications of `login`, newest first, and how many are unread.
  std::pair<std::vector<Notification>, long long> List(const std::string& login, bool unread_only) const;
  /// Marks notifications of `login` read up to `up_to` (all when nullopt); returns how many.
  long long MarkRead(const std::string& login, std::optional<long long> up_to, long long now);

 private:
  storage::Database& database_;
};

}  // namespace youhao::reports
