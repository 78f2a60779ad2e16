#include "volunteers/volunteer_service.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "accounts/audience.h"
#include "audit/audit_log.h"
#include "core/text.h"
#include "reports/notifications.h"
#include "schedule/clock.h"
#include "volunteers/volunteer_hours.h"

namespace youhao::volunteers {

namespace {

using core::ErrorCode;
namespace json = boost::json;
namespace repo = volunteer_repository;

core::Error NoSuchTeam() { return core::MakeError(ErrorCode::kNotFound, "no such volunteer team"); }

core::Error Forbidden(std::string_view action) {
  return core::MakeProblem(ErrorCode::kForbidden, "volunteer_forbidden", "volunteers.forbidden",
                           "only the organisers of the team's area may do this", json::object{{"action", action}});
}

core::Error NotMember() {
  return core::MakeProblem(ErrorCode::kConflict, "volunteer_not_member", "volunteers.not_member",
                           "not a member of this team");
}

core::Error BadTeam(std::string_view problem) {
  const json::object fields{{"field", problem == "name"       ? "name"
                                      : problem == "intro"    ? "intro"
                                      : problem == "platform" ? "platform"
                                      : problem == "scope"    ? "scope"
                                                              : "area"}};
  if (problem == "name")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_volunteer_team", "volunteers.bad_team_name",
                             "a team's name has 1 to 40 characters", fields);
  if (problem == "scope")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_volunteer_team", "volunteers.bad_scope",
                             "scope: street or platform", fields);
  if (problem == "platform")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_volunteer_team", "volunteers.bad_platform",
                             "a platform team names its platform", fields);
  if (problem == "intro")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_volunteer_team", "volunteers.bad_intro",
                             "an introduction has at most 500 characters", fields);
  return core::MakeProblem(ErrorCode::kValidationFailed, "bad_volunteer_team", "volunteers.bad_team_area",
                           "a street team belongs to a street; a platform team to a street or an area above", fields);
}

core::Error BadHours(std::string_view problem) {
  if (problem == "minutes")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_volunteer_hours", "volunteers.bad_minutes",
                             "minutes: 1 to 720 per entry", json::object{{"field", "minutes"}});
  if (problem == "future")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_volunteer_hours", "volunteers.future_day",
                             "the day has not come yet", json::object{{"field", "day"}});
  if (problem == "too_old")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_volunteer_hours", "volunteers.too_old",
                             "hours are logged within 60 days", json::object{{"field", "day"}});
  if (problem == "note")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_volunteer_hours", "volunteers.bad_note",
                             "a note has at most 200 characters", json::object{{"field", "note"}});
  if (problem == "event")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_volunteer_hours", "volunteers.bad_event",
                             "the event is not one of this team's", json::object{{"field", "event_id"}});
  return core::MakeProblem(ErrorCode::kValidationFailed, "bad_volunteer_hours", "volunteers.bad_day", "day: YYYY-MM-DD",
                           json::object{{"field", "day"}});
}

core::Error BadAppointment(std::string_view problem) {
  if (problem == "kind")
    return core::MakeProblem(ErrorCode::kValidationFailed, "validation_failed", "volunteers.bad_appointment_kind",
                             "kind: one of the appointment kinds", json::object{{"field", "kind"}});
  if (problem == "title")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_appointment", "volunteers.bad_title",
                             "a title has 1 to 40 characters", json::object{{"field", "title"}});
  if (problem == "account")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_appointment", "volunteers.not_a_worker",
                             "appointments are for workers of the caller's area",
                             json::object{{"field", "account_id"}});
  if (problem == "term_order" || problem == "term_length")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_appointment", "volunteers.bad_term",
                             "a term starts before it ends and lasts at most five years",
                             json::object{{"field", "term_until"}});
  if (problem == "term_past")
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_appointment", "volunteers.term_past",
                             "the term has ended already", json::object{{"field", "term_until"}});
  return core::MakeProblem(ErrorCode::kValidationFailed, "bad_appointment", "volunteers.bad_term_date",
                           "term dates: YYYY-MM-DD",
                           json::object{{"field", problem == "term_from" ? "term_from" : "term_until"}});
}

void Audit(storage::Connection& connection, const accounts::Principal& caller, std::string action, std::string entity,
           long long id, std::string area_code, const json::object& after) {
  accounts::AuditBy(connection, caller, std::move(action), std::move(entity), std::to_string(id), std::move(area_code),
                    after);
}

int YearOf(long long now) { return std::stoi(schedule::BeijingDate(now).substr(0, 4)); }

YearTotals Totals(const std::vector<HoursEntry>& entries, int year) {
  std::vector<HoursFact> facts;
  facts.reserve(entries.size());
  for (const HoursEntry& entry : entries) facts.push_back(entry.Fact());
  return TotalsForYear(facts, year);
}

bool Reaches(const Person& person, const volunteers::Team& team) {
  if (!person.worker_id || !areas::PathWithin(person.area_path, team.area_path)) return false;
  return team.scope == TeamScope::kStreet || person.platform == team.platform;
}

/// The facts MayManageTeam reads: an organiser role whose area holds the team's.
TeamActor ManagerFacts(const accounts::Principal& caller, const volunteers::Team& team) {
  TeamActor actor;
  actor.role = caller.role;
  actor.organiser = accounts::audience::kEventOrganisers.Admits(caller.role);
  actor.in_scope = areas::PathWithin(team.area_path, caller.area_path);
  return actor;
}

}  // namespace

core::Status MayScheduleShift(storage::Connection& connection, const accounts::Principal& caller, long long team_id,
                              std::string_view event_area_path) {
  const auto team = repo::FindTeam(connection, team_id);
  if (!team)
    return core::MakeProblem(ErrorCode::kNotFound, "volunteer_team_not_found", "volunteers.team_not_found",
                             "no such volunteer team", json::object{{"field", "team_id"}});
  if (!MayManageTeam(ManagerFacts(caller, *team))) return Forbidden("schedule");
  if (!areas::PathWithin(event_area_path, team->area_path))
    return core::MakeProblem(ErrorCode::kValidationFailed, "shift_outside_team", "volunteers.shift_outside_team",
                             "a team's events are held within its area",
                             json::object{{"field", "team_id"}, {"team_area", team->area_code}});
  return core::Ok{};
}

TeamActor VolunteerService::ActorOf(storage::Connection& connection, const accounts::Principal& caller,
                                    const volunteers::Team& team, const std::optional<Member>& membership) const {
  TeamActor actor = ManagerFacts(caller, team);
  actor.member = membership.has_value();
  actor.leader = membership && membership->leader;
  if (caller.role == accounts::Role::kWorker) {
    const auto person = repo::FindPerson(connection, caller.account_id);
    actor.reaches_team = person && Reaches(*person, team);
  }
  return actor;
}

TeamView VolunteerService::ViewOf(storage::Connection& connection, const accounts::Principal& caller,
                                  const volunteers::Team& team, int year) const {
  TeamView view;
  view.team = team;
  view.mine = repo::Membership(connection, team.id, caller.account_id);
  const TeamActor actor = ActorOf(connection, caller, team, view.mine);
  view.can_join = MayJoin(actor);
  view.can_manage = MayManageTeam(actor);
  view.totals = Totals(repo::TeamEntries(connection, team.id, std::nullopt, year), year);
  return view;
}

std::vector<TeamView> VolunteerService::Teams(const accounts::Principal& caller, long long now) {
  auto connection = database_.Acquire();
  const auto person = repo::FindPerson(*connection, caller.account_id);
  const std::string person_path = person ? person->area_path : caller.area_path;
  std::vector<TeamView> views;
  const int year = YearOf(now);
  for (const volunteers::Team& team : repo::TeamsAround(*connection, caller.area_path, person_path)) {
    TeamView view = ViewOf(*connection, caller, team, year);
    // A worker sees the platform teams of their own platform only (and any team they belong to).
    if (caller.role == accounts::Role::kWorker && team.scope == TeamScope::kPlatform && !view.mine &&
        (!person || person->platform != team.platform))
      continue;
    views.push_back(std::move(view));
  }
  return views;
}

core::Result<TeamView> VolunteerService::CreateTeam(const accounts::Principal& caller, TeamInput input, long long now) {
  input.name = std::string(core::Trim(input.name));
  input.intro = std::string(core::Trim(input.intro));
  input.platform = std::string(core::Trim(input.platform));
  const auto scope = ParseTeamScope(input.scope);
  if (!scope) return BadTeam("scope");
  if (input.name.empty() || core::CountCodePoints(input.name) > kMaxTeamName) return BadTeam("name");
  if (core::CountCodePoints(input.intro) > kMaxIntro) return BadTeam("intro");
  if (*scope == TeamScope::kPlatform && (input.platform.empty() || core::CountCodePoints(input.platform) > 20))
    return BadTeam("platform");
  if (*scope == TeamScope::kStreet) input.platform.clear();
  auto connection = database_.Acquire();
  const auto area = areas_.Find(*connection, input.area_code.value_or(caller.area_code));
  if (!area) return core::MakeError(ErrorCode::kNotFound, "no such area");
  if (!accounts::InScope(caller, *area)) return Forbidden("create");
  if (*scope == TeamScope::kStreet
          ? area->level != areas::Level::kStreet
          : (area->level == areas::Level::kCommunity || area->level == areas::Level::kCompound))
    return BadTeam("area");
  volunteers::Team team;
  team.name = input.name;
  team.scope = *scope;
  team.area_code = area->code;
  team.area_path = area->path;
  team.platform = input.platform;
  team.intro = input.intro;
  team.created_by = caller.account_id;
  storage::Transaction transaction(*connection);
  const long long id = repo::InsertTeam(*connection, team, now);
  Audit(*connection, caller, "volunteers.team_create", "volunteer_team", id, area->code,
        {{"name", team.name}, {"scope", TeamScopeName(team.scope)}, {"platform", team.platform}});
  transaction.Commit();
  return ViewOf(*connection, caller, *repo::FindTeam(*connection, id), YearOf(now));
}

core::Result<TeamPage> VolunteerService::Page(const accounts::Principal& caller, long long id, long long now) {
  auto connection = database_.Acquire();
  const auto team = repo::FindTeam(*connection, id);
  if (!team) return NoSuchTeam();
  const int year = YearOf(now);
  TeamPage page;
  page.view = ViewOf(*connection, caller, *team, year);
  const TeamActor actor = ActorOf(*connection, caller, *team, page.view.mine);
  const bool visible = actor.in_scope || actor.member || actor.reaches_team ||
                       (caller.role != accounts::Role::kWorker && areas::PathWithin(caller.area_path, team->area_path));
  if (!visible) return NoSuchTeam();
  page.members = repo::Members(*connection, id);
  page.activities = repo::Activities(*connection, id);
  page.sees_totals = SeesTeamTotals(actor);
  if (page.sees_totals) {
    const auto entries = repo::TeamEntries(*connection, id, std::nullopt, year);
    std::map<long long, std::vector<HoursEntry>> by_account;
    for (const HoursEntry& entry : entries) {
      by_account[entry.account_id].push_back(entry);
      if (entry.status == HoursStatus::kPending) ++page.pending;
    }
    for (const Member& member : page.members)
      page.member_totals.push_back({member, Totals(by_account[member.account_id], year)});
  }
  return page;
}

core::Result<TeamView> VolunteerService::Join(const accounts::Principal& caller, long long id, long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto team = repo::FindTeam(*connection, id);
  if (!team) return NoSuchTeam();
  const auto membership = repo::Membership(*connection, id, caller.account_id);
  const TeamActor actor = ActorOf(*connection, caller, *team, membership);
  if (!actor.member) {
    if (!MayJoin(actor))
      return core::MakeProblem(ErrorCode::kForbidden, "volunteer_forbidden", "volunteers.cannot_join",
                               "a worker joins the teams of their own street or platform",
                               json::object{{"action", "join"}});
    repo::Join(*connection, id, caller.account_id, now);
    Audit(*connection, caller, "volunteers.join", "volunteer_team", id, team->area_code, {});
  }
  transaction.Commit();
  return ViewOf(*connection, caller, *team, YearOf(now));
}

core::Result<TeamView> VolunteerService::Leave(const accounts::Principal& caller, long long id, long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto team = repo::FindTeam(*connection, id);
  if (!team) return NoSuchTeam();
  if (!repo::Leave(*connection, id, caller.account_id, now)) return NotMember();
  Audit(*connection, caller, "volunteers.leave", "volunteer_team", id, team->area_code, {});
  transaction.Commit();
  return ViewOf(*connection, caller, *team, YearOf(now));
}

core::Result<TeamPage> VolunteerService::SetLeader(const accounts::Principal& caller, long long id,
                                                   long long account_id, bool leader, long long now) {
  {
    auto connection = database_.Acquire();
    storage::Transaction transaction(*connection);
    const auto team = repo::FindTeam(*connection, id);
    if (!team) return NoSuchTeam();
    if (!MayManageTeam(ActorOf(*connection, caller, *team, std::nullopt)))
      return Forbidden(leader ? "add_leader" : "remove_leader");
    if (!repo::SetLeader(*connection, id, account_id, leader)) return NotMember();
    Audit(*connection, caller, leader ? "volunteers.leader_add" : "volunteers.leader_remove", "volunteer_team", id,
          team->area_code, {{"account_id", account_id}});
    transaction.Commit();
  }
  return Page(caller, id, now);
}

core::Result<HoursEntry> VolunteerService::LogHours(const accounts::Principal& caller, long long team_id,
                                                    HoursInput input, long long now) {
  input.note = std::string(core::Trim(input.note));
  if (const auto problem = CheckEntry(input.minutes, input.day, schedule::BeijingDayNumber(now)); !problem.empty())
    return BadHours(problem);
  if (core::CountCodePoints(input.note) > kMaxNote) return BadHours("note");
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto team = repo::FindTeam(*connection, team_id);
  if (!team) return NoSuchTeam();
  if (!repo::Membership(*connection, team_id, caller.account_id)) return NotMember();
  if (input.event_id && repo::TeamOfEvent(*connection, *input.event_id) != team_id) return BadHours("event");
  if (const long long logged = repo::DayMinutes(*connection, caller.account_id, input.day);
      !FitsDay(logged, input.minutes))
    return core::MakeProblem(ErrorCode::kConflict, "volunteer_day_full", "volunteers.day_full",
                             "a day holds at most 720 minutes of pending and approved hours",
                             json::object{{"field", "minutes"},
                                          {"day", input.day},
                                          {"logged_minutes", logged},
                                          {"left_minutes", std::max<long long>(0, kMaxDayMinutes - logged)}});
  HoursEntry entry;
  entry.team_id = team_id;
  entry.account_id = caller.account_id;
  entry.event_id = input.event_id;
  entry.day = input.day;
  entry.minutes = input.minutes;
  entry.source = HoursSource::kManual;
  entry.status = HoursStatus::kPending;
  entry.note = input.note;
  entry.recorded_by = caller.login;
  const long long id = repo::InsertEntry(*connection, entry, now);
  Audit(*connection, caller, "volunteers.hours_log", "volunteer_hours", id, team->area_code,
        {{"team_id", team_id}, {"day", input.day}, {"minutes", input.minutes}});
  transaction.Commit();
  return *repo::FindEntry(*connection, id);
}

core::Result<std::vector<HoursEntry>> VolunteerService::TeamHours(const accounts::Principal& caller, long long team_id,
                                                                  std::optional<HoursStatus> status, long long now) {
  auto connection = database_.Acquire();
  const auto team = repo::FindTeam(*connection, team_id);
  if (!team) return NoSuchTeam();
  const auto membership = repo::Membership(*connection, team_id, caller.account_id);
  if (!SeesTeamTotals(ActorOf(*connection, caller, *team, membership)))
    return core::MakeProblem(ErrorCode::kForbidden, "volunteer_forbidden", "volunteers.not_leader",
                             "only the team's leaders and the organisers of its area see its entries",
                             json::object{{"action", "list_hours"}});
  return repo::TeamEntries(*connection, team_id, status, status == HoursStatus::kPending ? 0 : YearOf(now));
}

core::Result<HoursEntry> VolunteerService::Decide(const accounts::Principal& caller, long long entry_id, bool approve,
                                                  std::string note, long long now) {
  note = std::string(core::Trim(note));
  if (core::CountCodePoints(note) > kMaxNote) return BadHours("note");
  auto connection = database_.Acquire();
  reports::Told told;
  {
    storage::Transaction transaction(*connection);
    const auto entry = repo::FindEntry(*connection, entry_id);
    if (!entry) return core::MakeError(ErrorCode::kNotFound, "no such hours entry");
    const auto membership = repo::Membership(*connection, entry->team_id, caller.account_id);
    const auto problem =
        CheckDecision(membership && membership->leader, caller.account_id, entry->account_id, entry->status);
    if (problem == "not_leader")
      return core::MakeProblem(ErrorCode::kForbidden, "volunteer_forbidden", "volunteers.leaders_decide",
                               "only the team's leaders approve or reject its hours",
                               json::object{{"action", approve ? "approve" : "reject"}});
    if (problem == "own_entry")
      return core::MakeProblem(ErrorCode::kForbidden, "volunteer_own_entry", "volunteers.own_entry",
                               "a leader never decides their own hours: another leader does");
    if (problem == "decided" ||
        !repo::Decide(*connection, entry_id, approve ? HoursStatus::kApproved : HoursStatus::kRejected, caller.login,
                      now))
      return core::MakeProblem(ErrorCode::kConflict, "volunteer_hours_decided", "volunteers.already_decided",
                               "this entry was decided already",
                               json::object{{"status", HoursStatusName(entry->status)}});
    long long paid = 0;
    if (approve) paid = PayHours(*connection, entry_id, entry->account_id, entry->team_area_code, entry->minutes, now);
    Audit(*connection, caller, approve ? "volunteers.hours_approve" : "volunteers.hours_reject", "volunteer_hours",
          entry_id, entry->team_area_code, {{"minutes", entry->minutes}, {"points", paid}, {"note", note}});
    if (const auto person = repo::FindPerson(*connection, entry->account_id); person && !person->login.empty()) {
      reports::Notify(*connection, told, person->login, std::nullopt,
                      approve ? notice::kHoursApproved : notice::kHoursRejected,
                      {{"team", entry->team_name}, {"day", entry->day}, {"minutes", entry->minutes}}, now);
    }
    transaction.Commit();
  }
  told.Wake(bus_);
  return *repo::FindEntry(*connection, entry_id);
}

Volunteering VolunteerService::Mine(const accounts::Principal& caller, int year) {
  auto connection = database_.Acquire();
  Volunteering out;
  out.year = year;
  out.entries = repo::AccountEntries(*connection, caller.account_id, year);
  out.totals = Totals(out.entries, year);
  for (const volunteers::Team& team : repo::TeamsOf(*connection, caller.account_id)) {
    std::vector<HoursEntry> of_team;
    std::copy_if(out.entries.begin(), out.entries.end(), std::back_inserter(of_team),
                 [&team](const HoursEntry& entry) { return entry.team_id == team.id; });
    const auto membership = repo::Membership(*connection, team.id, caller.account_id);
    out.teams.push_back({team, membership && membership->leader, Totals(of_team, year)});
  }
  out.appointments = repo::AppointmentsOf(*connection, caller.account_id);
  for (Appointment& appointment : out.appointments) {
    if (appointment.certificate_serial.empty()) continue;
    if (auto certificate = certificates::CertificateBySerial(*connection, appointment.certificate_serial))
      appointment.qr_text = certificate->qr_text;
  }
  return out;
}

core::Result<std::vector<certificates::Certificate>> VolunteerService::HoursCertificates(
    const accounts::Principal& caller, int year, long long now) {
  auto connection = database_.Acquire();
  const auto person = repo::FindPerson(*connection, caller.account_id);
  const auto entries = repo::AccountEntries(*connection, caller.account_id, year);
  std::map<long long, std::vector<HoursEntry>> by_team;
  for (const HoursEntry& entry : entries) by_team[entry.team_id].push_back(entry);
  std::vector<certificates::Certificate> issued;
  storage::Transaction transaction(*connection);
  for (const auto& [team_id, of_team] : by_team) {
    const long long minutes = Totals(of_team, year).approved_minutes();
    if (minutes == 0) continue;
    certificates::Request request;
    request.kind = certificates::Kind::kVolunteerHours;
    request.holder_account_id = caller.account_id;
    request.holder_name = person ? person->name : caller.display_name;
    const std::string hours = HoursText(minutes);
    request.title = wording_.hours_title ? wording_.hours_title(of_team.front().team_name, year)
                                         : fmt::format("Volunteer hours {} · {}", year, of_team.front().team_name);
    request.detail = wording_.hours_detail ? wording_.hours_detail(hours) : fmt::format("{} hours", hours);
    request.area_code = of_team.front().team_area_code;
    // One certificate per total: asked again with the same hours it is the same one; after more
    // hours were approved, a new one certifies the new total (the earlier one stays true of its day).
    request.reference = fmt::format("hours:{}:{}:{}:{}", team_id, caller.account_id, year, minutes);
    issued.push_back(issuer_.Issue(*connection, request, now));
  }
  transaction.Commit();
  if (issued.empty())
    return core::MakeProblem(ErrorCode::kConflict, "no_volunteer_hours", "volunteers.no_hours",
                             "no approved hours that year", json::object{{"year", year}});
  return issued;
}

certificates::Certificate VolunteerService::IssueAppointmentCertificate(storage::Connection& connection,
                                                                        const Appointment& appointment,
                                                                        long long now) const {
  certificates::Request request;
  request.kind = certificates::Kind::kAppointment;
  request.holder_account_id = appointment.account_id;
  request.holder_name = appointment.holder_name;
  request.title = appointment.title;
  request.detail = wording_.term ? wording_.term(appointment.term_from, appointment.term_until)
                                 : fmt::format("{} – {}", appointment.term_from, appointment.term_until);
  request.area_code = appointment.area_code;
  request.reference = fmt::format("appointment:{}", appointment.id);
  request.valid_until = schedule::BeijingMidnight(appointment.term_until).value_or(0) + 86400;
  auto certificate = issuer_.Issue(connection, request, now);
  repo::SetAppointmentCertificate(connection, appointment.id, certificate.id, certificate.serial);
  return certificate;
}

core::Result<Appointment> VolunteerService::Appoint(const accounts::Principal& caller, AppointmentInput input,
                                                    long long now) {
  input.title = std::string(core::Trim(input.title));
  if (!IsAppointmentKind(input.kind)) return BadAppointment("kind");
  if (input.title.empty() || core::CountCodePoints(input.title) > kMaxTitle) return BadAppointment("title");
  if (const auto problem = CheckTerm(input.term_from, input.term_until, schedule::BeijingDayNumber(now));
      !problem.empty())
    return BadAppointment(problem);
  auto connection = database_.Acquire();
  const auto person = repo::FindPerson(*connection, input.account_id);
  if (!person || !person->worker_id || !areas::PathWithin(person->area_path, caller.area_path))
    return BadAppointment("account");
  const auto area = areas_.Find(*connection, caller.area_code);
  if (!area) return core::MakeError(ErrorCode::kNotFound, "no such area");
  Appointment appointment;
  appointment.account_id = input.account_id;
  appointment.holder_name = person->name;
  appointment.kind = input.kind;
  appointment.title = input.title;
  appointment.area_code = area->code;
  appointment.area_path = area->path;
  appointment.term_from = input.term_from;
  appointment.term_until = input.term_until;
  appointment.issued_by = caller.account_id;
  storage::Transaction transaction(*connection);
  appointment.id = repo::InsertAppointment(*connection, appointment, now);
  const auto certificate = IssueAppointmentCertificate(*connection, appointment, now);
  Audit(*connection, caller, "volunteers.appoint", "appointment", appointment.id, area->code,
        {{"account_id", input.account_id}, {"kind", input.kind}, {"term_until", input.term_until}});
  transaction.Commit();
  auto stored = *repo::FindAppointment(*connection, appointment.id);
  stored.qr_text = certificate.qr_text;
  return stored;
}

std::vector<Appointment> VolunteerService::AppointmentsIssued(const accounts::Principal& caller) {
  auto connection = database_.Acquire();
  return repo::AppointmentsWithin(*connection, caller.area_path, 200);
}

core::Result<Appointment> VolunteerService::RevokeAppointment(const accounts::Principal& caller, long long id,
                                                              long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto appointment = repo::FindAppointment(*connection, id);
  if (!appointment) return core::MakeError(ErrorCode::kNotFound, "no such appointment");
  if (!areas::PathWithin(appointment->area_path, caller.area_path))
    return core::MakeProblem(ErrorCode::kForbidden, "volunteer_forbidden", "volunteers.not_your_appointment",
                             "only the organisers of the area that issued a letter revoke it",
                             json::object{{"action", "revoke"}});
  if (!repo::RevokeAppointment(*connection, id, now))
    return core::MakeProblem(ErrorCode::kConflict, "appointment_revoked", "volunteers.already_revoked",
                             "this appointment was revoked already");
  if (appointment->certificate_id)
    repo::RevokeCertificate(*connection, *appointment->certificate_id, caller.login, "appointment revoked", now);
  Audit(*connection, caller, "volunteers.appointment_revoke", "appointment", id, appointment->area_code,
        {{"certificate", appointment->certificate_serial}});
  transaction.Commit();
  return *repo::FindAppointment(*connection, id);
}

core::Result<std::vector<Appointment>> VolunteerService::WorkerAppointments(const accounts::Principal& caller,
                                                                            long long worker_id) {
  auto connection = database_.Acquire();
  const auto person = repo::FindWorker(*connection, worker_id);
  if (!person || !areas::PathWithin(person->area_path, caller.area_path))
    return core::MakeError(ErrorCode::kNotFound, "no such worker");
  if (person->account_id == 0) return std::vector<Appointment>{};
  return repo::AppointmentsOf(*connection, person->account_id);
}

int VolunteerService::IssueMissingCertificates(long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  int issued = 0;
  for (const Appointment& appointment : repo::AppointmentsWithoutCertificate(*connection)) {
    IssueAppointmentCertificate(*connection, appointment, now);
    ++issued;
  }
  transaction.Commit();
  return issued;
}

}  // namespace youhao::volunteers
