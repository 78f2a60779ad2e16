#include "demo/demo_attendance.h"

#include <fmt/format.h>

#include "attendance/attendance_repository.h"
#include "points/earning_rules.h"

namespace youhao::demo {

void SeedDemoAttendance(storage::Connection& connection, long long now) {
  storage::Transaction transaction(connection);
  const auto rows = connection.Query(
      "SELECT e.id, e.area_code, e.starts_at, e.ends_at, e.created_by, r.id, r.account_id, w.id "
      "FROM events e JOIN event_registrations r ON r.event_id = e.id AND r.status = 'confirmed' "
      "JOIN workers w ON w.account_id = r.account_id "
      "WHERE e.status = 'scheduled' AND e.ends_at < ? ORDER BY e.id, r.id",
      {now});
  long long position = 0;
  for (const auto& row : rows) {
    const long long event_id = row.Int(0);
    const std::string area_code = row.Text(1);
    const long long account_id = row.Int(6);
    const long long worker_id = row.Int(7);
    // A few minutes apart at the door, as a queue forms.
    const long long in_at = row.Int(2) - 600 + (position++ % 10) * 40;
    const long long out_at = row.Int(3);
    for (const auto& [direction, at] : {std::pair<const char*, long long>{"in", in_at}, {"out", out_at}}) {
      attendance::AttendanceRepository::Insert(connection,
                                               {.event_id = event_id,
                                                .account_id = account_id,
                                                .worker_id = worker_id,
                                                .registration_id = row.Int(5),
                                                .direction = direction,
                                                .nonce = fmt::format("demo-{}-{}-{}", event_id, account_id, direction),
                                                .scanned_at = at,
                                                .received_at = out_at + 300,
                                                .scanner_account_id = row.Int(4),
                                                .method = "camera",
                                                .walk_in = false,
                                                .verified = true,
                                                .reason = ""});
    }
    points::EarningRuleRepository::EarnByRule(connection, points::EarningTrigger::kEventAttended, account_id, area_code,
                                              fmt::format("event:{}:{}", event_id, account_id), out_at + 300);
  }
  transaction.Commit();
}

}  // namespace youhao::demo
