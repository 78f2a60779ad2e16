#include "attendance/attendance_repository.h"

namespace youhao::attendance {

namespace {

storage::Value IdOrNull(const std::optional<long long>& id) {
  return id ? storage::Value(*id) : storage::Value(nullptr);
}

std::optional<long long> OptionalInt(const storage::Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column);
}

}  // namespace

std::optional<DoorEvent> AttendanceRepository::FindEvent(storage::Connection& connection, long long event_id) {
  auto row = connection.QueryOne(attendance_sql::kEvent, {event_id});
  if (!row) return std::nullopt;
  return DoorEvent{.id = row->Int(0),
                   .created_by = row->Int(1),
                   .area_code = row->Text(2),
                   .area_path = row->Text(3),
                   .starts_at = row->Int(4),
                   .ends_at = row->Int(5),
                   .walk_ins = row->Int(6) != 0,
                   .team_id = OptionalInt(*row, 7),
                   .status = row->Text(8)};
}

std::map<long long, long long> AttendanceRepository::SeatHolders(storage::Connection& connection, long long event_id) {
  std::map<long long, long long> holders;
  for (const auto& row : connection.Query(attendance_sql::kSeatHolders, {event_id})) {
    holders[row.Int(0)] = row.Int(1);
  }
  return holders;
}

std::optional<long long> AttendanceRepository::WorkerAccount(storage::Connection& connection, long long worker_id) {
  auto row = connection.QueryOne(attendance_sql::kWorkerAccount, {worker_id});
  if (!row) return std::nullopt;
  return OptionalInt(*row, 0);
}

std::optional<long long> AttendanceRepository::FirstVerifiedIn(storage::Connection& connection, long long event_id,
                                                               long long worker_id, long long until) {
  auto row = connection.QueryOne(attendance_sql::kFirstVerifiedIn, {event_id, worker_id, until});
  if (!row) return std::nullopt;
  return OptionalInt(*row, 0);
}

bool AttendanceRepository::Insert(storage::Connection& connection, const NewCheckin& checkin) {
  return connection.Execute(
             attendance_sql::kInsert,
             {checkin.event_id, IdOrNull(checkin.account_id), checkin.worker_id, IdOrNull(checkin.registration_id),
              checkin.direction, checkin.nonce, checkin.scanned_at, checkin.received_at, checkin.scanner_account_id,
              checkin.method, static_cast<long long>(checkin.walk_in),
              std::string(checkin.verified ? "verified" : "unverified"),
              checkin.reason.empty() ? storage::Value(nullptr) : storage::Value(checkin.reason)}) > 0;
}

std::vector<CheckinRow> AttendanceRepository::Checkins(storage::Connection& connection, long long event_id) {
  std::vector<CheckinRow> rows;
  for (const auto& row : connection.Query(attendance_sql::kCheckins, {event_id})) {
    rows.push_back({.worker_id = row.Int(0),
                    .account_id = OptionalInt(row, 1),
                    .direction = row.Text(2),
                    .scanned_at = row.Int(3),
                    .walk_in = row.Int(4) != 0,
                    .verified = row.Text(5) == "verified",
                    .method = row.Text(6)});
  }
  return rows;
}

std::vector<AttendeeWorker> AttendanceRepository::Workers(storage::Connection& connection, long long event_id) {
  std::vector<AttendeeWorker> workers;
  for (const auto& row : connection.Query(attendance_sql::kWorkers, {event_id, event_id})) {
    workers.push_back({.id = row.Int(0),
                       .account_id = OptionalInt(row, 1),
                       .name = row.Text(2),
                       .kind = row.Text(3),
                       .platform = row.Text(4),
                       .phone_sealed = row.IsNull(5) ? std::string() : row.Text(5)});
  }
  return workers;
}

}  // namespace youhao::attendance
