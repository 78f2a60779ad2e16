#pragma once
/// Volunteer teams, their members, hours entries and appointment letters: the SQL (migration 27)
/// and small functions that run it on a given connection, in the caller's transaction.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"
#include "volunteers/volunteer_policy.h"

namespace youhao::volunteers {

struct Team {
  long long id = 0;
  std::string name;
  TeamScope scope = TeamScope::kStreet;
  std::string area_code;
  std::string area_path;
  std::string area_name;
  std::string platform;  ///< platform teams only ("" for street teams)
  std::string intro;
  long long created_by = 0;
  long long created_at = 0;
  long long members = 0;  ///< current members (leaders included)
};

struct Member {
  long long account_id = 0;
  std::string name;  ///< the worker's name (the account's display name without a worker record)
  bool leader = false;
  long long joined_at = 0;
};

struct HoursEntry {
  long long id = 0;
  long long team_id = 0;
  std::string team_name;
  std::string team_area_code;
  long long account_id = 0;
  std::string name;
  std::optional<long long> event_id;
  std::string day;
  int minutes = 0;
  HoursSource source = HoursSource::kManual;
  HoursStatus status = HoursStatus::kPending;
  std::string note;
  std::string recorded_by;
  std::string decided_by;
  std::optional<long long> decided_at;
  long long created_at = 0;

  HoursFact Fact() const { return {day, minutes, source, status}; }
};

struct Appointment {
  long long id = 0;
  long long account_id = 0;
  std::string holder_name;
  std::string kind;
  std::string title;
  std::string area_code;
  std::string area_path;
  std::string area_name;
  std::string term_from;   ///< "YYYY-MM-DD" (Beijing)
  std::string term_until;  ///< "YYYY-MM-DD", the last day of the term
  std::optional<long long> certificate_id;
  std::string certificate_serial;
  long long issued_by = 0;
  long long created_at = 0;
  std::optional<long long> revoked_at;
  std::string qr_text;  ///< the certificate's signed QR text (filled for its holder's own view and on issue)
};

/// Who an account is, for teams: its worker record's name, area and platform when it has one.
struct Person {
  long long account_id = 0;
  std::string login;
  std::string name;
  std::optional<long long> worker_id;
  std::string area_path;  ///< the worker's area (else the account's)
  std::string platform;
};

/// An event of kind volunteer tied to a team (an activity or a shift).
struct Activity {
  long long id = 0;
  std::string title;
  long long starts_at = 0;
  long long ends_at = 0;
  std::string status;
};

namespace volunteer_repository {

std::optional<Team> FindTeam(storage::Connection& connection, long long id);
/// Teams visible from `scope_path` downwards and those above `person_path` (its street's), newest first.
std::vector<Team> TeamsAround(storage::Connection& connection, std::string_view scope_path,
                              std::string_view person_path);
long long InsertTeam(storage::Connection& connection, const Team& team, long long now);

std::vector<Member> Members(storage::Connection& connection, long long team_id);
/// The current membership of `account_id` in `team_id`: nullopt when not a member.
std::optional<Member> Membership(storage::Connection& connection, long long team_id, long long account_id);
/// Joins (or rejoins after leaving) as a member.
void Join(storage::Connection& connection, long long team_id, long long account_id, long long now);
/// Leaves; false when not a member.
bool Leave(storage::Connection& connection, long long team_id, long long account_id, long long now);
/// Makes a current member leader (or member again); false when not a member.
bool SetLeader(storage::Connection& connection, long long team_id, long long account_id, bool leader);
/// The teams `account_id` belongs to now.
std::vector<Team> TeamsOf(storage::Connection& connection, long long account_id);

std::optional<Person> FindPerson(storage::Connection& connection, long long account_id);
std::optional<Person> FindWorker(storage::Connection& connection, long long worker_id);

std::vector<Activity> Activities(storage::Connection& connection, long long team_id);
/// The team of a volunteer event, or nullopt (no such event, or not a team's).
std::optional<long long> TeamOfEvent(storage::Connection& connection, long long event_id);
/// A team's event with its own times, as a door scan needs it.
struct TeamEvent {
  long long team_id = 0;
  long long starts_at = 0;
  long long ends_at = 0;
};
/// nullopt: no such event, or not a team's.
std::optional<TeamEvent> FindTeamEvent(storage::Connection& connection, long long event_id);

std::optional<HoursEntry> FindEntry(storage::Connection& connection, long long id);
/// The scan entry of (event, account), if any.
std::optional<HoursEntry> FindScanEntry(storage::Connection& connection, long long event_id, long long account_id);
long long InsertEntry(storage::Connection& connection, const HoursEntry& entry, long long now);
/// The minutes of an account's pending and approved entries (every team, every source) on `day`.
long long DayMinutes(storage::Connection& connection, long long account_id, std::string_view day);
/// Moves a pending entry to `status`; false when it was not pending any more.
bool Decide(storage::Connection& connection, long long id, HoursStatus status, std::string_view by, long long now);
/// Entries of a team, newest day first; of one status when given; of `year` when not 0.
std::vector<HoursEntry> TeamEntries(storage::Connection& connection, long long team_id,
                                    std::optional<HoursStatus> status, int year);
/// Entries of an account (all teams) in `year`, newest day first.
std::vector<HoursEntry> AccountEntries(storage::Connection& connection, long long account_id, int year);

long long InsertAppointment(storage::Connection& connection, const Appointment& appointment, long long now);
void SetAppointmentCertificate(storage::Connection& connection, long long id, long long certificate_id,
                               std::string_view serial);
std::optional<Appointment> FindAppointment(storage::Connection& connection, long long id);
/// Appointments of an account, newest first.
std::vector<Appointment> AppointmentsOf(storage::Connection& connection, long long account_id);
/// Appointments issued in areas within `scope_path`, newest first.
std::vector<Appointment> AppointmentsWithin(storage::Connection& connection, std::string_view scope_path, int limit);
/// Appointments not revoked and without a certificate yet (seeded ones).
std::vector<Appointment> AppointmentsWithoutCertificate(storage::Connection& connection);
bool RevokeAppointment(storage::Connection& connection, long long id, long long now);
/// Marks certificate `certificate_id` revoked (the appointment letter it certifies was revoked).
void RevokeCertificate(storage::Connection& connection, long long certificate_id, std::string_view by,
                       std::string_view reason, long long now);

}  // namespace volunteer_repository

}  // namespace youhao::volunteers
