#pragma once
/// Volunteer teams, hours and appointment letters (聘书), the use cases. Teams belong to a street
/// (or a platform within an area) and are run by the organisers of that area; workers join them,
/// log manual hours that a leader of the team approves (paying the volunteer_hour rule for whole
/// hours), and get hours certificates; organisers issue appointment letters as signed certificates
/// and revoke them. Every change is one transaction with its audit entry. Decisions are
/// volunteer_policy.h's.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "certificates/certificates.h"
#include "core/error.h"
#include "core/event_bus.h"
#include "storage/database.h"
#include "volunteers/volunteer_policy.h"
#include "volunteers/volunteer_repository.h"

namespace youhao::volunteers {

/// The notifications an hours entry sends its worker, worded from "notifications.<kind>" with {team, day, minutes}.
namespace notice {
inline constexpr std::string_view kHoursApproved = "volunteer_hours_approved";
inline constexpr std::string_view kHoursRejected = "volunteer_hours_rejected";
inline constexpr std::string_view kKinds[] = {kHoursApproved, kHoursRejected};
}  // namespace notice

/// The words printed on certificates (the edge words them; certificates are in Chinese).
struct CertificateWording {
  std::function<std::string(std::string_view team, int year)> hours_title;
  std::function<std::string(std::string_view hours)> hours_detail;
  std::function<std::string(std::string_view from, std::string_view until)> term;
};

struct TeamInput {
  std::string name;
  std::string scope;
  std::optional<std::string> area_code;  ///< default: the caller's area
  std::string platform;
  std::string intro;
};

struct HoursInput {
  std::string day;
  int minutes = 0;
  std::string note;
  std::optional<long long> event_id;
};

struct AppointmentInput {
  long long account_id = 0;
  std::string kind;
  std::string title;
  std::string term_from;
  std::string term_until;
};

/// A team as a caller sees it.
struct TeamView {
  Team team;
  std::optional<Member> mine;  ///< the caller's membership
  bool can_join = false;
  bool can_manage = false;
  YearTotals totals;  ///< the team's, this year
};

struct MemberTotals {
  Member member;
  YearTotals totals;
};

struct TeamPage {
  TeamView view;
  std::vector<Member> members;
  std::vector<Activity> activities;
  bool sees_totals = false;                 ///< leaders and managers
  std::vector<MemberTotals> member_totals;  ///< when sees_totals
  long long pending = 0;                    ///< entries awaiting a decision, when sees_totals
};

struct TeamTotals {
  Team team;
  bool leader = false;
  YearTotals totals;
};

struct Volunteering {
  int year = 0;
  std::vector<TeamTotals> teams;
  YearTotals totals;
  std::vector<HoursEntry> entries;
  std::vector<Appointment> appointments;
};

/// Whether `caller` may hold a shift or activity of team `team_id` at an event in the area `event_area_path`
/// (called by event creation and update for an event with a team_id): the team exists, the caller
/// manages it (MayManageTeam, as for its leaders), and the event's area lies within the team's (a
/// platform team's area holds its events). Errors: volunteer_team_not_found (404), volunteer_forbidden
/// (403), shift_outside_team (400, field team_id).
core::Status MayScheduleShift(storage::Connection& connection, const accounts::Principal& caller, long long team_id,
                              std::string_view event_area_path);

class VolunteerService {
 public:
  VolunteerService(storage::Database& database, const areas::AreaService& areas,
                   const certificates::CertificateIssuer& issuer, CertificateWording wording)
      : database_(database), areas_(areas), issuer_(issuer), wording_(std::move(wording)) {}

  /// Wakes the bells of those told (after the commit); null: they poll.
  void SetEventBus(core::EventBus* bus) { bus_ = bus; }

  /// Teams of the caller's area and below, and those of the areas holding it (a worker's street).
  std::vector<TeamView> Teams(const accounts::Principal& caller, long long now);
  /// Errors: bad_volunteer_team, volunteer_forbidden (an area outside the caller's), not_found (area).
  core::Result<TeamView> CreateTeam(const accounts::Principal& caller, TeamInput input, long long now);
  /// not_found for a team the caller cannot see.
  core::Result<TeamPage> Page(const accounts::Principal& caller, long long id, long long now);
  core::Result<TeamView> Join(const accounts::Principal& caller, long long id, long long now);
  core::Result<TeamView> Leave(const accounts::Principal& caller, long long id, long long now);
  /// Organisers of the team's area make a current member leader, or member again.
  core::Result<TeamPage> SetLeader(const accounts::Principal& caller, long long id, long long account_id, bool leader,
                                   long long now);

  /// A member logs manual hours: pending until a leader of the team decides. Errors: the entry's
  /// bounds (bad_volunteer_hours), volunteer_not_member, volunteer_day_full (409: the day's pending and
  /// approved entries would pass kMaxDayMinutes).
  core::Result<HoursEntry> LogHours(const accounts::Principal& caller, long long team_id, HoursInput input,
                                    long long now);
  /// A team's entries (of one status when given) this year, for its leaders and managers.
  core::Result<std::vector<HoursEntry>> TeamHours(const accounts::Principal& caller, long long team_id,
                                                  std::optional<HoursStatus> status, long long now);
  /// A leader of the entry's team approves (paying its whole hours) or rejects, never their own.
  core::Result<HoursEntry> Decide(const accounts::Principal& caller, long long entry_id, bool approve, std::string note,
                                  long long now);

  /// The caller's teams, totals, entries of `year` and appointment letters.
  Volunteering Mine(const accounts::Principal& caller, int year);
  /// One hours certificate per team with approved hours in `year` (see docs/volunteers.md for re-issue).
  core::Result<std::vector<certificates::Certificate>> HoursCertificates(const accounts::Principal& caller, int year,
                                                                         long long now);

  core::Result<Appointment> Appoint(const accounts::Principal& caller, AppointmentInput input, long long now);
  std::vector<Appointment> AppointmentsIssued(const accounts::Principal& caller);
  core::Result<Appointment> RevokeAppointment(const accounts::Principal& caller, long long id, long long now);
  /// A worker's letters, for officers of the worker's area.
  core::Result<std::vector<Appointment>> WorkerAppointments(const accounts::Principal& caller, long long worker_id);
  /// Signs the certificates of letters stored without one (the demo city's); returns how many.
  int IssueMissingCertificates(long long now);

 private:
  TeamActor ActorOf(storage::Connection& connection, const accounts::Principal& caller, const volunteers::Team& team,
                    const std::optional<Member>& membership) const;
  TeamView ViewOf(storage::Connection& connection, const accounts::Principal& caller, const volunteers::Team& team,
                  int year) const;
  certificates::Certificate IssueAppointmentCertificate(storage::Connection& connection, const Appointment& appointment,
                                                        long long now) const;

  storage::Database& database_;
  const areas::AreaService& areas_;
  const certificates::CertificateIssuer& issuer_;
  CertificateWording wording_;
  core::EventBus* bus_ = nullptr;
};

}  // namespace youhao::volunteers
