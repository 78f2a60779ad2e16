#include "events/event_repository.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "areas/area_service.h"
#include "core/random.h"

namespace youhao::events {

namespace {

constexpr std::string_view kEventSelect =
    "SELECT e.id, e.uid, e.series_id, e.kind, e.title, e.description, e.organiser_kind, e.organiser_name, "
    "e.created_by, e.area_code, e.area_path, COALESCE(a.name_zh, ''), e.place_id, COALESCE(p.name, ''), "
    "e.compound_code, COALESCE(c.name_zh, ''), e.address, e.lat, e.lon, e.starts_at, e.ends_at, e.capacity, "
    "e.hold_minutes, e.walk_ins, e.family, e.eligibility, e.course_id, e.team_id, e.status, e.cancel_reason, "
    "e.sequence, e.created_at, e.updated_at, "
    "(SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status IN ('confirmed', 'offered')), "
    "(SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waiting') "
    "FROM events e LEFT JOIN areas a ON a.code = e.area_code LEFT JOIN places p ON p.id = e.place_id "
    "LEFT JOIN areas c ON c.code = e.compound_code";

/// The columns RegistrationFrom reads, in its order, of `event_registrations r LEFT JOIN accounts ac`.
constexpr std::string_view kRegistrationColumns =
    "r.id, r.event_id, r.account_id, r.status, r.seat, r.offered_until, r.family_count, r.registered_at, "
    "r.cancelled_at, r.cancelled_by, r.cancel_reason, COALESCE(ac.login, '')";
constexpr std::string_view kRegistrationsJoined = "event_registrations r LEFT JOIN accounts ac ON ac.id = r.account_id";

constexpr std::string_view kActive = "('confirmed', 'offered', 'waiting')";

std::optional<long long> OptionalInt(const storage::Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column);
}

storage::Value ValueOf(const std::optional<long long>& value) {
  return value ? storage::Value(*value) : storage::Value(nullptr);
}

storage::Value ValueOf(const std::optional<std::string>& value) {
  return value ? storage::Value(*value) : storage::Value(nullptr);
}

Event EventFrom(const storage::Row& row) {
  Event event;
  event.id = row.Int(0);
  event.uid = row.Text(1);
  event.series_id = OptionalInt(row, 2);
  event.kind = row.Text(3);
  event.title = row.Text(4);
  event.description = row.Text(5);
  event.organiser_kind = row.Text(6);
  event.organiser_name = row.Text(7);
  event.created_by = row.Int(8);
  event.area_code = row.Text(9);
  event.area_path = row.Text(10);
  event.area_name = row.Text(11);
  event.place_id = OptionalInt(row, 12);
  event.place_name = row.Text(13);
  event.compound_code = row.OptionalText(14);
  event.compound_name = row.Text(15);
  event.address = row.Text(16);
  event.lat = row.Double(17);
  event.lon = row.Double(18);
  event.starts_at = row.Int(19);
  event.ends_at = row.Int(20);
  event.capacity = static_cast<int>(row.Int(21));
  event.hold_minutes = static_cast<int>(row.Int(22));
  event.walk_ins = row.Int(23) != 0;
  event.family = row.Int(24) != 0;
  event.eligibility = ParseEligibility(row.Text(25));
  event.course_id = OptionalInt(row, 26);
  event.team_id = OptionalInt(row, 27);
  event.cancelled = row.Text(28) == "cancelled";
  event.cancel_reason = row.Text(29);
  event.sequence = static_cast<int>(row.Int(30));
  event.created_at = row.Int(31);
  event.updated_at = row.Int(32);
  event.taken = row.Int(33);
  event.waiting = row.Int(34);
  return event;
}

Registration RegistrationFrom(const storage::Row& row) {
  Registration registration;
  registration.id = row.Int(0);
  registration.event_id = row.Int(1);
  registration.account_id = row.Int(2);
  registration.status = ParseRegistrationStatus(row.Text(3)).value_or(RegistrationStatus::kCancelled);
  if (!row.IsNull(4)) registration.seat = static_cast<int>(row.Int(4));
  registration.offered_until = OptionalInt(row, 5);
  registration.family_count = static_cast<int>(row.Int(6));
  registration.registered_at = row.Int(7);
  registration.cancelled_at = OptionalInt(row, 8);
  registration.cancelled_by = row.Text(9);
  registration.cancel_reason = row.Text(10);
  registration.login = row.Text(11);
  return registration;
}

std::vector<Registration> RegistrationsWhere(storage::Connection& connection, std::string_view where,
                                             storage::Params params) {
  std::vector<Registration> out;
  for (const auto& row : connection.Query(
           fmt::format("SELECT {} FROM {} WHERE {}", kRegistrationColumns, kRegistrationsJoined, where), params))
    out.push_back(RegistrationFrom(row));
  return out;
}

std::vector<int> HeldSeats(storage::Connection& connection, long long event_id) {
  std::vector<int> seats;
  for (const auto& row : connection.Query(
           "SELECT seat FROM event_registrations WHERE event_id = ? AND seat IS NOT NULL ORDER BY seat", {event_id}))
    seats.push_back(static_cast<int>(row.Int(0)));
  return seats;
}

/// 32 random hex digits and "@youhao".
std::string NewUid() { return core::HashToken(core::RandomToken(16)).substr(0, 32) + "@youhao"; }

}  // namespace

namespace event_repository {

long long InsertSeries(storage::Connection& connection, long long until_at, long long created_by, long long now) {
  return connection
      .QueryOne(
          "INSERT INTO event_series (rule, until_at, created_by, created_at) VALUES ('weekly', ?, ?, ?) "
          "RETURNING id",
          {until_at, created_by, now})
      ->Int(0);
}

long long InsertEvent(storage::Connection& connection, const NewEvent& event, long long now) {
  const EventInput& in = event.input;
  const storage::Value values[] = {NewUid(),
                                   ValueOf(event.series_id),
                                   in.kind,
                                   in.title,
                                   in.description,
                                   in.organiser_kind,
                                   in.organiser_name,
                                   event.created_by,
                                   event.area_code,
                                   event.area_path,
                                   ValueOf(event.location.place_id),
                                   ValueOf(event.location.compound_code),
                                   event.location.address,
                                   event.location.lat,
                                   event.location.lon,
                                   in.starts_at,
                                   in.ends_at,
                                   static_cast<long long>(in.capacity),
                                   static_cast<long long>(in.hold_minutes),
                                   static_cast<long long>(in.walk_ins ? 1 : 0),
                                   static_cast<long long>(in.family ? 1 : 0),
                                   EligibilityText(in.eligibility),
                                   ValueOf(event.course_id),
                                   ValueOf(event.team_id),
                                   now,
                                   now};
  const auto rows = connection.Query(
      "INSERT INTO events (uid, series_id, kind, title, description, organiser_kind, organiser_name, created_by, "
      "area_code, area_path, place_id, compound_code, address, lat, lon, starts_at, ends_at, capacity, hold_minutes, "
      "walk_ins, family, eligibility, course_id, team_id, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      values);
  return rows.at(0).Int(0);
}

std::optional<Event> FindEvent(storage::Connection& connection, long long id) {
  auto row = connection.QueryOne(fmt::format("{} WHERE e.id = ?", kEventSelect), {id});
  if (!row) return std::nullopt;
  return EventFrom(*row);
}

std::vector<Event> ListEvents(storage::Connection& connection, const EventQuery& query) {
  std::string sql = fmt::format("{} WHERE e.starts_at < ? AND e.ends_at >= ?", kEventSelect);
  std::vector<storage::Value> params{query.to, query.from};
  if (query.area_path) {
    const auto [low, high] = areas::PathRange(*query.area_path);
    sql += " AND e.area_path >= ? AND e.area_path < ?";
    params.emplace_back(low);
    params.emplace_back(high);
  }
  if (query.kind) {
    sql += " AND e.kind = ?";
    params.emplace_back(*query.kind);
  }
  sql += fmt::format(" ORDER BY e.starts_at, e.id LIMIT {}", std::clamp(query.limit, 1, 500));
  std::vector<Event> out;
  for (const auto& row : connection.Query(sql, params)) out.push_back(EventFrom(row));
  return out;
}

void UpdateEvent(storage::Connection& connection, long long id, const EventInput& in, const Location& location,
                 long long now) {
  const storage::Value values[] = {in.kind,
                                   in.title,
                                   in.description,
                                   in.organiser_kind,
                                   in.organiser_name,
                                   ValueOf(location.place_id),
                                   ValueOf(location.compound_code),
                                   location.address,
                                   location.lat,
                                   location.lon,
                                   in.starts_at,
                                   in.ends_at,
                                   static_cast<long long>(in.capacity),
                                   static_cast<long long>(in.hold_minutes),
                                   static_cast<long long>(in.walk_ins ? 1 : 0),
                                   static_cast<long long>(in.family ? 1 : 0),
                                   EligibilityText(in.eligibility),
                                   now,
                                   id};
  connection.Execute(
      "UPDATE events SET kind = ?, title = ?, description = ?, organiser_kind = ?, organiser_name = ?, place_id = ?, "
      "compound_code = ?, address = ?, lat = ?, lon = ?, starts_at = ?, ends_at = ?, capacity = ?, hold_minutes = ?, "
      "walk_ins = ?, family = ?, eligibility = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?",
      values);
}

bool CancelEvent(storage::Connection& connection, long long id, std::string_view reason, long long now) {
  return connection.Execute(
             "UPDATE events SET status = 'cancelled', cancel_reason = ?, sequence = sequence + 1, updated_at = ? "
             "WHERE id = ? AND status = 'scheduled'",
             {std::string(reason), now, id}) == 1;
}

std::optional<Registration> FindRegistration(storage::Connection& connection, long long id) {
  auto found = RegistrationsWhere(connection, "r.id = ?", {id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<Registration> FindActive(storage::Connection& connection, long long event_id, long long account_id) {
  auto found =
      RegistrationsWhere(connection, fmt::format("r.event_id = ? AND r.account_id = ? AND r.status IN {}", kActive),
                         {event_id, account_id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<Registration> FindLatest(storage::Connection& connection, long long event_id, long long account_id) {
  auto found = RegistrationsWhere(connection, "r.event_id = ? AND r.account_id = ? ORDER BY r.id DESC LIMIT 1",
                                  {event_id, account_id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Registration> OfAccount(storage::Connection& connection, long long account_id) {
  // The newest per event: an active one, or else the last that ended.
  std::map<long long, Registration> latest;
  for (auto& registration : RegistrationsWhere(connection, "r.account_id = ? ORDER BY r.id", {account_id}))
    latest[registration.event_id] = std::move(registration);
  std::vector<Registration> out;
  out.reserve(latest.size());
  for (auto& [event_id, registration] : latest) out.push_back(std::move(registration));
  if (out.size() > 200) out.erase(out.begin(), out.end() - 200);
  return out;
}

std::vector<RosterEntry> Roster(storage::Connection& connection, long long event_id) {
  std::vector<RosterEntry> out;
  const auto rows = connection.Query(
      fmt::format("SELECT {}, w.id, COALESCE(w.name, ''), COALESCE(w.phone_sealed, ''), COALESCE(w.kind, ''), "
                  "COALESCE(w.platform, '') FROM {} LEFT JOIN workers w ON w.account_id = r.account_id "
                  "WHERE r.event_id = ? ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'offered' THEN 0 "
                  "WHEN 'waiting' THEN 1 ELSE 2 END, r.seat, r.registered_at, r.id",
                  kRegistrationColumns, kRegistrationsJoined),
      {event_id});
  for (const auto& row : rows) {
    RosterEntry entry;
    entry.registration = RegistrationFrom(row);
    entry.worker_id = OptionalInt(row, 12);
    entry.name = row.Text(13);
    entry.phone_sealed = row.Text(14);
    entry.kind = row.Text(15);
    entry.platform = row.Text(16);
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<std::string> ActiveLogins(storage::Connection& connection, long long event_id) {
  std::vector<std::string> logins;
  for (const auto& row : connection.Query(
           fmt::format("SELECT ac.login FROM event_registrations r JOIN accounts ac ON ac.id = r.account_id "
                       "WHERE r.event_id = ? AND r.status IN {} ORDER BY r.id",
                       kActive),
           {event_id}))
    logins.push_back(row.Text(0));
  return logins;
}

void LockEvent(storage::Connection& connection, long long event_id) {
  // A write to the event's row: PostgreSQL holds its row lock, SQLite its write lock, until the
  // transaction ends, so registrations and changes of one event's capacity take turns.
  connection.Execute("UPDATE events SET updated_at = updated_at WHERE id = ?", {event_id});
}

std::optional<Registration> Register(storage::Connection& connection, long long event_id, long long account_id,
                                     int family_count, long long now) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::optional<long long> id;
    try {
      storage::Transaction transaction(connection);
      LockEvent(connection, event_id);
      // The capacity as it is now, under the lock: a change made meanwhile counts.
      const int capacity =
          static_cast<int>(connection.QueryInt("SELECT capacity FROM events WHERE id = ?", {event_id}));
      const long long waiting = connection.QueryInt(
          "SELECT COUNT(*) FROM event_registrations WHERE event_id = ? AND status = 'waiting'", {event_id});
      // Nobody jumps the waiting list: a free seat while some wait is theirs to be offered.
      const std::optional<int> seat =
          waiting == 0 ? LowestFreeSeat(HeldSeats(connection, event_id), capacity) : std::nullopt;
      const storage::Value values[] = {event_id,
                                       account_id,
                                       std::string(seat ? "confirmed" : "waiting"),
                                       seat ? storage::Value(static_cast<long long>(*seat)) : storage::Value(nullptr),
                                       static_cast<long long>(family_count),
                                       now,
                                       now};
      id = connection
               .Query(
                   "INSERT INTO event_registrations (event_id, account_id, status, seat, family_count, registered_at, "
                   "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   values)
               .at(0)
               .Int(0);
      transaction.Commit();
    } catch (const storage::DatabaseError& error) {
      if (!error.unique_violation()) throw;
      // Either this account registered meanwhile, or another registration took the seat: retry.
      if (FindActive(connection, event_id, account_id)) return std::nullopt;
      continue;
    }
    return FindRegistration(connection, *id);
  }
  throw storage::DatabaseError("event registration: seats kept being taken");
}

Released Release(storage::Connection& connection, const Registration& registration, RegistrationStatus status,
                 std::string_view by, std::string_view reason, long long now) {
  Released released;
  const auto current = FindRegistration(connection, registration.id);
  if (!current || !IsActive(current->status)) return released;
  const long long changed = connection.Execute(
      fmt::format("UPDATE event_registrations SET status = ?, seat = NULL, offered_until = NULL, cancelled_at = ?, "
                  "cancelled_by = ?, cancel_reason = ?, updated_at = ? WHERE id = ? AND status IN {}",
                  kActive),
      {std::string(RegistrationStatusName(status)), now, std::string(by), std::string(reason), now, registration.id});
  released.changed = changed == 1;
  if (released.changed) released.seat = current->seat;
  return released;
}

std::optional<Registration> OfferNext(storage::Connection& connection, long long event_id, int seat,
                                      long long offered_until, long long now) {
  for (;;) {
    auto next = connection.QueryOne(
        "SELECT id FROM event_registrations WHERE event_id = ? AND status = 'waiting' "
        "ORDER BY registered_at, id LIMIT 1",
        {event_id});
    if (!next) return std::nullopt;
    const long long id = next->Int(0);
    const long long changed = connection.Execute(
        "UPDATE event_registrations SET status = 'offered', seat = ?, offered_until = ?, updated_at = ? "
        "WHERE id = ? AND status = 'waiting'",
        {static_cast<long long>(seat), offered_until, now, id});
    if (changed == 1) return FindRegistration(connection, id);
  }
}

bool Accept(storage::Connection& connection, long long registration_id, long long now) {
  return connection.Execute(
             "UPDATE event_registrations SET status = 'confirmed', offered_until = NULL, updated_at = ? "
             "WHERE id = ? AND status = 'offered' AND offered_until > ?",
             {now, registration_id, now}) == 1;
}

std::vector<Registration> DueOffers(storage::Connection& connection, std::optional<long long> event_id, long long now) {
  if (event_id) {
    return RegistrationsWhere(
        connection, "r.event_id = ? AND r.status = 'offered' AND r.offered_until <= ? ORDER BY r.id", {*event_id, now});
  }
  return RegistrationsWhere(connection, "r.status = 'offered' AND r.offered_until <= ? ORDER BY r.id", {now});
}

std::vector<int> FreeSeats(storage::Connection& connection, long long event_id, int capacity) {
  const std::vector<int> held = HeldSeats(connection, event_id);
  std::vector<int> free;
  for (int seat = 1; seat <= capacity; ++seat) {
    if (!std::binary_search(held.begin(), held.end(), seat)) free.push_back(seat);
  }
  return free;
}

std::vector<std::string> CancelAll(storage::Connection& connection, long long event_id, std::string_view reason,
                                   long long now) {
  std::vector<std::string> logins = ActiveLogins(connection, event_id);
  connection.Execute(
      fmt::format("UPDATE event_registrations SET status = 'cancelled', seat = NULL, offered_until = NULL, "
                  "cancelled_at = ?, cancelled_by = 'event', cancel_reason = ?, updated_at = ? "
                  "WHERE event_id = ? AND status IN {}",
                  kActive),
      {now, std::string(reason), now, event_id});
  return logins;
}

std::vector<ReminderDue> DueReminders(storage::Connection& connection, long long now) {
  std::vector<ReminderDue> out;
  const auto rows = connection.Query(
      "SELECT r.id, r.event_id, ac.login, e.title, e.starts_at, r.reminded_day, r.reminded_hour "
      "FROM events e JOIN event_registrations r ON r.event_id = e.id JOIN accounts ac ON ac.id = r.account_id "
      "WHERE e.status = 'scheduled' AND e.starts_at > ? AND e.starts_at <= ? AND r.status = 'confirmed' "
      "AND (r.reminded_day = 0 OR (r.reminded_hour = 0 AND e.starts_at <= ?)) ORDER BY e.starts_at, r.id",
      {now, now + 24LL * 3600, now + 3600});
  out.reserve(rows.size());
  for (const auto& row : rows) {
    out.push_back({row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Int(4), row.Int(5) != 0, row.Int(6) != 0});
  }
  return out;
}

bool MarkReminded(storage::Connection& connection, long long registration_id, Reminder reminder) {
  if (reminder == Reminder::kHour) {
    // The hour's reminder stands for the day's too when it came first.
    return connection.Execute(
               "UPDATE event_registrations SET reminded_hour = 1, reminded_day = 1 WHERE id = ? AND reminded_hour = 0",
               {registration_id}) == 1;
  }
  if (reminder == Reminder::kDay) {
    return connection.Execute("UPDATE event_registrations SET reminded_day = 1 WHERE id = ? AND reminded_day = 0",
                              {registration_id}) == 1;
  }
  return false;
}

void ResetReminders(storage::Connection& connection, long long event_id) {
  connection.Execute("UPDATE event_registrations SET reminded_day = 0, reminded_hour = 0 WHERE event_id = ?",
                     {event_id});
}

std::optional<AccountWorker> WorkerOfAccount(storage::Connection& connection, long long account_id) {
  auto row = connection.QueryOne("SELECT id, kind, platform, area_path, status FROM workers WHERE account_id = ?",
                                 {account_id});
  if (!row) return std::nullopt;
  return AccountWorker{row->Int(0), {row->Text(1), row->Text(2), row->Text(3), row->Text(4)}};
}

std::optional<PlaceFacts> FindPlace(storage::Connection& connection, long long place_id) {
  auto row = connection.QueryOne("SELECT name, area_path, lat, lon FROM places WHERE id = ?", {place_id});
  if (!row) return std::nullopt;
  return PlaceFacts{row->Text(0), row->Text(1), row->Double(2), row->Double(3)};
}

}  // namespace event_repository
}  // namespace youhao::events
