#include "volunteers/volunteer_repository.h"

#include <fmt/format.h>

namespace youhao::volunteers {

namespace volunteer_repository {

namespace {

constexpr std::string_view kTeamSelect =
    "SELECT t.id, t.name, t.scope, t.area_code, t.area_path, COALESCE(a.name_zh, ''), t.platform, t.intro, "
    "t.created_by, t.created_at, (SELECT COUNT(*) FROM volunteer_members m WHERE m.team_id = t.id AND m.left_at IS "
    "NULL) FROM volunteer_teams t LEFT JOIN areas a ON a.code = t.area_code";
constexpr std::string_view kInsertTeam =
    "INSERT INTO volunteer_teams (name, scope, area_code, area_path, platform, intro, created_by, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kMemberSelect =
    "SELECT m.account_id, COALESCE(w.name, ac.display_name, ''), m.role, m.joined_at FROM volunteer_members m "
    "LEFT JOIN accounts ac ON ac.id = m.account_id LEFT JOIN workers w ON w.account_id = m.account_id";
constexpr std::string_view kRejoin =
    "UPDATE volunteer_members SET left_at = NULL, role = 'member', joined_at = ? WHERE team_id = ? AND account_id = ?";
constexpr std::string_view kInsertMember =
    "INSERT INTO volunteer_members (team_id, account_id, role, joined_at) VALUES (?, ?, 'member', ?)";
constexpr std::string_view kLeave =
    "UPDATE volunteer_members SET left_at = ?, role = 'member' WHERE team_id = ? AND account_id = ? AND left_at IS "
    "NULL";
constexpr std::string_view kSetRole =
    "UPDATE volunteer_members SET role = ? WHERE team_id = ? AND account_id = ? AND left_at IS NULL";
constexpr std::string_view kPersonSelect =
    "SELECT ac.id, ac.login, COALESCE(w.name, ac.display_name), w.id, COALESCE(w.area_path, ar.path, ''), "
    "COALESCE(w.platform, '') FROM accounts ac LEFT JOIN workers w ON w.account_id = ac.id "
    "LEFT JOIN areas ar ON ar.code = ac.area_code";
constexpr std::string_view kEntrySelect =
    "SELECT h.id, h.team_id, t.name, t.area_code, h.account_id, COALESCE(w.name, ac.display_name, ''), h.event_id, "
    "h.day, h.minutes, h.source, h.status, h.note, h.recorded_by, COALESCE(h.decided_by, ''), h.decided_at, "
    "h.created_at FROM volunteer_hours h JOIN volunteer_teams t ON t.id = h.team_id "
    "LEFT JOIN accounts ac ON ac.id = h.account_id LEFT JOIN workers w ON w.account_id = h.account_id";
constexpr std::string_view kInsertEntry =
    "INSERT INTO volunteer_hours (team_id, account_id, event_id, day, minutes, source, status, note, recorded_by, "
    "decided_by, decided_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kDecide =
    "UPDATE volunteer_hours SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'";
constexpr std::string_view kAppointmentSelect =
    "SELECT p.id, p.account_id, COALESCE(w.name, ac.display_name, ''), p.kind, p.title, p.area_code, p.area_path, "
    "COALESCE(a.name_zh, ''), p.term_from, p.term_until, p.certificate_id, p.certificate_serial, p.issued_by, "
    "p.created_at, p.revoked_at FROM appointments p LEFT JOIN accounts ac ON ac.id = p.account_id "
    "LEFT JOIN workers w ON w.account_id = p.account_id LEFT JOIN areas a ON a.code = p.area_code";
constexpr std::string_view kInsertAppointment =
    "INSERT INTO appointments (account_id, kind, title, area_code, area_path, term_from, term_until, issued_by, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
// The certificates table is D's (src/certificates); an appointment letter's certificate is revoked
// with the letter, in the same transaction.
constexpr std::string_view kRevokeCertificate =
    "UPDATE certificates SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL";

std::optional<long long> OptionalInt(const storage::Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column);
}

storage::Value OrNull(const std::optional<long long>& value) {
  return value ? storage::Value(*value) : storage::Value(nullptr);
}

Team TeamFrom(const storage::Row& row) {
  Team team;
  team.id = row.Int(0);
  team.name = row.Text(1);
  team.scope = ParseTeamScope(row.Text(2)).value_or(TeamScope::kStreet);
  team.area_code = row.Text(3);
  team.area_path = row.Text(4);
  team.area_name = row.Text(5);
  team.platform = row.Text(6);
  team.intro = row.Text(7);
  team.created_by = row.Int(8);
  team.created_at = row.Int(9);
  team.members = row.Int(10);
  return team;
}

Member MemberFrom(const storage::Row& row) { return {row.Int(0), row.Text(1), row.Text(2) == "leader", row.Int(3)}; }

Person PersonFrom(const storage::Row& row) {
  return {row.Int(0), row.Text(1), row.Text(2), OptionalInt(row, 3), row.Text(4), row.Text(5)};
}

HoursEntry EntryFrom(const storage::Row& row) {
  HoursEntry entry;
  entry.id = row.Int(0);
  entry.team_id = row.Int(1);
  entry.team_name = row.Text(2);
  entry.team_area_code = row.Text(3);
  entry.account_id = row.Int(4);
  entry.name = row.Text(5);
  entry.event_id = OptionalInt(row, 6);
  entry.day = row.Text(7);
  entry.minutes = static_cast<int>(row.Int(8));
  entry.source = row.Text(9) == "scan" ? HoursSource::kScan : HoursSource::kManual;
  entry.status = ParseHoursStatus(row.Text(10)).value_or(HoursStatus::kPending);
  entry.note = row.Text(11);
  entry.recorded_by = row.Text(12);
  entry.decided_by = row.Text(13);
  entry.decided_at = OptionalInt(row, 14);
  entry.created_at = row.Int(15);
  return entry;
}

Appointment AppointmentFrom(const storage::Row& row) {
  Appointment appointment;
  appointment.id = row.Int(0);
  appointment.account_id = row.Int(1);
  appointment.holder_name = row.Text(2);
  appointment.kind = row.Text(3);
  appointment.title = row.Text(4);
  appointment.area_code = row.Text(5);
  appointment.area_path = row.Text(6);
  appointment.area_name = row.Text(7);
  appointment.term_from = row.Text(8);
  appointment.term_until = row.Text(9);
  appointment.certificate_id = OptionalInt(row, 10);
  appointment.certificate_serial = row.Text(11);
  appointment.issued_by = row.Int(12);
  appointment.created_at = row.Int(13);
  appointment.revoked_at = OptionalInt(row, 14);
  return appointment;
}

template <typename T, typename From>
std::vector<T> All(const std::vector<storage::Row>& rows, From from) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const storage::Row& row : rows) out.push_back(from(row));
  return out;
}

std::string YearStart(int year) { return fmt::format("{:04}-01-01", year); }
std::string YearEnd(int year) { return fmt::format("{:04}-12-31", year); }

}  // namespace

std::optional<Team> FindTeam(storage::Connection& connection, long long id) {
  auto row = connection.QueryOne(std::string(kTeamSelect) + " WHERE t.id = ?", {id});
  if (!row) return std::nullopt;
  return TeamFrom(*row);
}

std::vector<Team> TeamsAround(storage::Connection& connection, std::string_view scope_path,
                              std::string_view person_path) {
  // Below the caller's area (a prefix range), or a team of an area holding the caller's (its street, its district).
  const std::string sql =
      std::string(kTeamSelect) +
      " WHERE (t.area_path >= ? AND t.area_path < ?) OR "
      "(length(t.area_path) <= length(CAST(? AS TEXT)) AND substr(CAST(? AS TEXT), 1, length(t.area_path)) = "
      "t.area_path) "
      "ORDER BY t.id DESC";
  const std::string scope(scope_path);
  const std::string person(person_path);
  return All<Team>(connection.Query(sql, {scope, scope + "\xF4\x8F\xBF\xBF", person, person}), TeamFrom);
}

long long InsertTeam(storage::Connection& connection, const Team& team, long long now) {
  return connection.QueryInt(kInsertTeam, {team.name, std::string(TeamScopeName(team.scope)), team.area_code,
                                           team.area_path, team.platform, team.intro, team.created_by, now});
}

std::vector<Member> Members(storage::Connection& connection, long long team_id) {
  return All<Member>(connection.Query(std::string(kMemberSelect) +
                                          " WHERE m.team_id = ? AND m.left_at IS NULL ORDER BY m.role, m.joined_at",
                                      {team_id}),
                     MemberFrom);
}

std::optional<Member> Membership(storage::Connection& connection, long long team_id, long long account_id) {
  auto row = connection.QueryOne(
      std::string(kMemberSelect) + " WHERE m.team_id = ? AND m.account_id = ? AND m.left_at IS NULL",
      {team_id, account_id});
  if (!row) return std::nullopt;
  return MemberFrom(*row);
}

void Join(storage::Connection& connection, long long team_id, long long account_id, long long now) {
  if (connection.Execute(kRejoin, {now, team_id, account_id}) == 0)
    connection.Execute(kInsertMember, {team_id, account_id, now});
}

bool Leave(storage::Connection& connection, long long team_id, long long account_id, long long now) {
  return connection.Execute(kLeave, {now, team_id, account_id}) > 0;
}

bool SetLeader(storage::Connection& connection, long long team_id, long long account_id, bool leader) {
  return connection.Execute(kSetRole, {std::string(leader ? "leader" : "member"), team_id, account_id}) > 0;
}

std::vector<Team> TeamsOf(storage::Connection& connection, long long account_id) {
  return All<Team>(connection.Query(std::string(kTeamSelect) +
                                        " WHERE t.id IN (SELECT team_id FROM volunteer_members WHERE account_id = ? "
                                        "AND left_at IS NULL) ORDER BY t.id",
                                    {account_id}),
                   TeamFrom);
}

std::optional<Person> FindPerson(storage::Connection& connection, long long account_id) {
  auto row = connection.QueryOne(std::string(kPersonSelect) + " WHERE ac.id = ?", {account_id});
  if (!row) return std::nullopt;
  return PersonFrom(*row);
}

std::optional<Person> FindWorker(storage::Connection& connection, long long worker_id) {
  auto row = connection.QueryOne(
      "SELECT COALESCE(w.account_id, 0), COALESCE(ac.login, ''), w.name, w.id, w.area_path, w.platform FROM workers "
      "w LEFT JOIN accounts ac ON ac.id = w.account_id WHERE w.id = ?",
      {worker_id});
  if (!row) return std::nullopt;
  return PersonFrom(*row);
}

std::vector<Activity> Activities(storage::Connection& connection, long long team_id) {
  auto rows = connection.Query(
      "SELECT id, title, starts_at, ends_at, status FROM events WHERE team_id = ? ORDER BY starts_at DESC LIMIT 50",
      {team_id});
  return All<Activity>(rows, [](const storage::Row& row) {
    return Activity{row.Int(0), row.Text(1), row.Int(2), row.Int(3), row.Text(4)};
  });
}

std::optional<long long> TeamOfEvent(storage::Connection& connection, long long event_id) {
  auto row = connection.QueryOne("SELECT team_id FROM events WHERE id = ?", {event_id});
  if (!row || row->IsNull(0)) return std::nullopt;
  return row->Int(0);
}

std::optional<TeamEvent> FindTeamEvent(storage::Connection& connection, long long event_id) {
  auto row = connection.QueryOne("SELECT team_id, starts_at, ends_at FROM events WHERE id = ?", {event_id});
  if (!row || row->IsNull(0)) return std::nullopt;
  return TeamEvent{.team_id = row->Int(0), .starts_at = row->Int(1), .ends_at = row->Int(2)};
}

long long DayMinutes(storage::Connection& connection, long long account_id, std::string_view day) {
  return connection.QueryInt(
      "SELECT COALESCE(SUM(minutes), 0) FROM volunteer_hours WHERE account_id = ? AND day = ? AND status IN "
      "('pending', 'approved')",
      {account_id, std::string(day)});
}

std::optional<HoursEntry> FindEntry(storage::Connection& connection, long long id) {
  auto row = connection.QueryOne(std::string(kEntrySelect) + " WHERE h.id = ?", {id});
  if (!row) return std::nullopt;
  return EntryFrom(*row);
}

std::optional<HoursEntry> FindScanEntry(storage::Connection& connection, long long event_id, long long account_id) {
  auto row = connection.QueryOne(
      std::string(kEntrySelect) + " WHERE h.event_id = ? AND h.account_id = ? AND h.source = 'scan'",
      {event_id, account_id});
  if (!row) return std::nullopt;
  return EntryFrom(*row);
}

long long InsertEntry(storage::Connection& connection, const HoursEntry& entry, long long now) {
  const storage::Value decided_by =
      entry.decided_by.empty() ? storage::Value(nullptr) : storage::Value(entry.decided_by);
  return connection.QueryInt(
      kInsertEntry,
      {entry.team_id, entry.account_id, OrNull(entry.event_id), entry.day, static_cast<long long>(entry.minutes),
       std::string(HoursSourceName(entry.source)), std::string(HoursStatusName(entry.status)), entry.note,
       entry.recorded_by, decided_by, OrNull(entry.decided_at), now});
}

bool Decide(storage::Connection& connection, long long id, HoursStatus status, std::string_view by, long long now) {
  return connection.Execute(kDecide, {std::string(HoursStatusName(status)), std::string(by), now, id}) > 0;
}

std::vector<HoursEntry> TeamEntries(storage::Connection& connection, long long team_id,
                                    std::optional<HoursStatus> status, int year) {
  std::string sql = std::string(kEntrySelect) + " WHERE h.team_id = ?";
  std::vector<storage::Value> params{team_id};
  if (status) {
    sql += " AND h.status = ?";
    params.emplace_back(std::string(HoursStatusName(*status)));
  }
  if (year != 0) {
    sql += " AND h.day >= ? AND h.day <= ?";
    params.emplace_back(YearStart(year));
    params.emplace_back(YearEnd(year));
  }
  sql += " ORDER BY h.day DESC, h.id DESC LIMIT 500";
  return All<HoursEntry>(connection.Query(sql, params), EntryFrom);
}

std::vector<HoursEntry> AccountEntries(storage::Connection& connection, long long account_id, int year) {
  return All<HoursEntry>(
      connection.Query(std::string(kEntrySelect) +
                           " WHERE h.account_id = ? AND h.day >= ? AND h.day <= ? ORDER BY h.day DESC, h.id DESC",
                       {account_id, YearStart(year), YearEnd(year)}),
      EntryFrom);
}

long long InsertAppointment(storage::Connection& connection, const Appointment& appointment, long long now) {
  return connection.QueryInt(kInsertAppointment, {appointment.account_id, appointment.kind, appointment.title,
                                                  appointment.area_code, appointment.area_path, appointment.term_from,
                                                  appointment.term_until, appointment.issued_by, now});
}

void SetAppointmentCertificate(storage::Connection& connection, long long id, long long certificate_id,
                               std::string_view serial) {
  connection.Execute("UPDATE appointments SET certificate_id = ?, certificate_serial = ? WHERE id = ?",
                     {certificate_id, std::string(serial), id});
}

std::optional<Appointment> FindAppointment(storage::Connection& connection, long long id) {
  auto row = connection.QueryOne(std::string(kAppointmentSelect) + " WHERE p.id = ?", {id});
  if (!row) return std::nullopt;
  return AppointmentFrom(*row);
}

std::vector<Appointment> AppointmentsOf(storage::Connection& connection, long long account_id) {
  return All<Appointment>(
      connection.Query(std::string(kAppointmentSelect) + " WHERE p.account_id = ? ORDER BY p.id DESC", {account_id}),
      AppointmentFrom);
}

std::vector<Appointment> AppointmentsWithin(storage::Connection& connection, std::string_view scope_path, int limit) {
  const std::string scope(scope_path);
  return All<Appointment>(connection.Query(std::string(kAppointmentSelect) +
                                               " WHERE p.area_path >= ? AND p.area_path < ? ORDER BY p.id DESC LIMIT ?",
                                           {scope, scope + "\xF4\x8F\xBF\xBF", static_cast<long long>(limit)}),
                          AppointmentFrom);
}

std::vector<Appointment> AppointmentsWithoutCertificate(storage::Connection& connection) {
  return All<Appointment>(connection.Query(std::string(kAppointmentSelect) +
                                           " WHERE p.certificate_id IS NULL AND p.revoked_at IS NULL ORDER BY p.id"),
                          AppointmentFrom);
}

bool RevokeAppointment(storage::Connection& connection, long long id, long long now) {
  return connection.Execute("UPDATE appointments SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {now, id}) >
         0;
}

void RevokeCertificate(storage::Connection& connection, long long certificate_id, std::string_view by,
                       std::string_view reason, long long now) {
  connection.Execute(kRevokeCertificate, {now, std::string(by), std::string(reason), certificate_id});
}

}  // namespace volunteer_repository

}  // namespace youhao::volunteers
