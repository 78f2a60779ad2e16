#pragma once
/// The SQL of door check-ins, one named statement each, for SQLite and PostgreSQL alike. Every
/// function runs on the connection it is given, inside whatever transaction the caller holds.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace youhao::attendance {

/// What the door needs to know of an event.
struct DoorEvent {
  long long id = 0;
  long long created_by = 0;
  std::string area_code;
  std::string area_path;
  long long starts_at = 0;
  long long ends_at = 0;
  bool walk_ins = false;
  std::optional<long long> team_id;
  std::string status;
};

/// A check-in to store.
struct NewCheckin {
  long long event_id = 0;
  std::optional<long long> account_id;
  long long worker_id = 0;
  std::optional<long long> registration_id;
  std::string direction;
  std::string nonce;
  long long scanned_at = 0;
  long long received_at = 0;
  long long scanner_account_id = 0;
  std::string method;
  bool walk_in = false;
  bool verified = false;
  std::string reason;
};

/// A stored check-in with its worker, for the attendance list.
struct CheckinRow {
  long long worker_id = 0;
  std::optional<long long> account_id;
  std::string direction;
  long long scanned_at = 0;
  bool walk_in = false;
  bool verified = false;
  std::string method;
};

/// A worker as the attendance list shows them.
struct AttendeeWorker {
  long long id = 0;
  std::optional<long long> account_id;
  std::string name;
  std::string kind;
  std::string platform;
  std::string phone_sealed;
};

namespace attendance_sql {
inline constexpr std::string_view kEvent =
    "SELECT id, created_by, area_code, area_path, starts_at, ends_at, walk_ins, team_id, status FROM events WHERE id "
    "= ?";
/// Accounts holding a place (confirmed or offered) at the event, with their registration.
inline constexpr std::string_view kSeatHolders =
    "SELECT account_id, id FROM event_registrations WHERE event_id = ? AND status IN ('confirmed','offered')";
inline constexpr std::string_view kWorkerAccount = "SELECT account_id FROM workers WHERE id = ?";
inline constexpr std::string_view kFirstVerifiedIn =
    "SELECT MIN(scanned_at) FROM event_checkins WHERE event_id = ? AND worker_id = ? AND direction = 'in' AND "
    "evidence = 'verified' AND scanned_at <= ?";
inline constexpr std::string_view kInsert =
    "INSERT INTO event_checkins (event_id, account_id, worker_id, registration_id, direction, nonce, scanned_at, "
    "received_at, scanner_account_id, method, walk_in, evidence, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?) ON CONFLICT (event_id, nonce) DO NOTHING";
inline constexpr std::string_view kCheckins =
    "SELECT worker_id, account_id, direction, scanned_at, walk_in, evidence, method FROM event_checkins "
    "WHERE event_id = ? ORDER BY scanned_at, id";
/// The workers of the event: those holding a place and those scanned at its door.
inline constexpr std::string_view kWorkers =
    "SELECT w.id, w.account_id, w.name, w.kind, w.platform, w.phone_sealed FROM workers w WHERE w.account_id IN "
    "(SELECT account_id FROM event_registrations WHERE event_id = ? AND status IN ('confirmed','offered')) "
    "OR w.id IN (SELECT worker_id FROM event_checkins WHERE event_id = ?) ORDER BY w.name, w.id";
}  // namespace attendance_sql

class AttendanceRepository {
 public:
  static std::optional<DoorEvent> FindEvent(storage::Connection& connection, long long event_id);
  /// account id -> registration id of those holding a place.
  static std::map<long long, long long> SeatHolders(storage::Connection& connection, long long event_id);
  /// The worker's sign-in account (nullopt: none, or no such worker).
  static std::optional<long long> WorkerAccount(storage::Connection& connection, long long worker_id);
  /// The worker's earliest verified 'in' at the event up to `until`.
  static std::optional<long long> FirstVerifiedIn(storage::Connection& connection, long long event_id,
                                                  long long worker_id, long long until);
  /// False when the event already holds the nonce (a duplicate: nothing stored).
  static bool Insert(storage::Connection& connection, const NewCheckin& checkin);
  static std::vector<CheckinRow> Checkins(storage::Connection& connection, long long event_id);
  static std::vector<AttendeeWorker> Workers(storage::Connection& connection, long long event_id);
};

}  // namespace youhao::attendance
