// Training: courses, completions with points and certificates, the worker's record and skills
// contests (see training_service.h).

#include "training/training_service.h"

#include <fmt/format.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "areas/area_service.h"
#include "audit/audit_log.h"
#include "core/text.h"
#include "events/event_policy.h"
#include "honours/honour_policy.h"
#include "honours/honour_repository.h"
#include "honours/honour_service.h"
#include "points/earning_policy.h"
#include "points/earning_rules.h"
#include "schedule/clock.h"

namespace youhao::training {

namespace {

using core::ErrorCode;
using storage::Row;
namespace json = boost::json;

constexpr std::string_view kCourseColumns =
    "c.id, c.topic, c.title, c.description, c.hours, c.area_code, c.area_path, c.created_by, c.created_at, "
    "(SELECT COUNT(*) FROM events e WHERE e.course_id = c.id AND e.kind = 'training'), "
    "(SELECT COUNT(*) FROM training_completions t WHERE t.course_id = c.id AND t.passed = 1)";
constexpr std::string_view kCompletionColumns =
    "id, course_id, event_id, account_id, passed, score, recorded_at, certificate_id";
constexpr std::string_view kContestColumns = "id, event_id, title, area_code, status, campaign_id, created_at";

core::Error NotYours(std::string detail) {
  return core::MakeProblem(ErrorCode::kForbidden, "", "training.not_yours", std::move(detail));
}

Course CourseOf(const Row& row) {
  return {.id = row.Int(0),
          .topic = row.Text(1),
          .title = row.Text(2),
          .description = row.Text(3),
          .hours = row.Int(4),
          .area_code = row.Text(5),
          .area_path = row.Text(6),
          .created_by = row.Int(7),
          .created_at = row.Int(8),
          .sessions = row.Int(9),
          .passed = row.Int(10)};
}

std::optional<Course> CourseById(storage::Connection& connection, long long id) {
  const auto row =
      connection.QueryOne("SELECT " + std::string(kCourseColumns) + " FROM training_courses c WHERE c.id = ?", {id});
  if (!row) return std::nullopt;
  return CourseOf(*row);
}

std::string Reference(long long course_id, long long account_id) {
  return fmt::format("training:{}:{}", course_id, account_id);
}

/// The points a completion's pass was paid (EarnByRule's award under the completion's reference).
long long PaidFor(storage::Connection& connection, long long course_id, long long account_id) {
  const std::string client_id = fmt::format(
      "{}:{}", points::EarningTriggerName(points::EarningTrigger::kTrainingFinished), Reference(course_id, account_id));
  return connection.QueryInt(
      "SELECT COALESCE(SUM(amount), 0) FROM points_transfers WHERE kind = 'award' AND client_id = ?", {client_id});
}

Completion CompletionOf(storage::Connection& connection, const Row& row) {
  Completion completion{.id = row.Int(0),
                        .course_id = row.Int(1),
                        .event_id = row.Int(2),
                        .account_id = row.Int(3),
                        .passed = row.Int(4) != 0,
                        .score = row.IsNull(5) ? std::nullopt : std::optional<long long>(row.Int(5)),
                        .recorded_at = row.Int(6)};
  if (completion.passed) completion.points_paid = PaidFor(connection, completion.course_id, completion.account_id);
  if (!row.IsNull(7)) {
    const auto serial = connection.QueryOne("SELECT serial FROM certificates WHERE id = ?", {row.Int(7)});
    if (serial) completion.certificate = certificates::CertificateBySerial(connection, serial->Text(0));
  }
  return completion;
}

std::optional<Completion> StoredCompletion(storage::Connection& connection, long long course_id, long long account) {
  const auto row = connection.QueryOne(
      "SELECT " + std::string(kCompletionColumns) + " FROM training_completions WHERE course_id = ? AND account_id = ?",
      {course_id, account});
  if (!row) return std::nullopt;
  return CompletionOf(connection, *row);
}

/// An event as training needs it.
struct EventFacts {
  long long id = 0;
  std::string kind;
  std::string title;
  std::optional<long long> course_id;
  long long created_by = 0;
  std::string area_code;
  std::string area_path;
  long long starts_at = 0;
  long long ends_at = 0;
  std::string status;
};

std::optional<EventFacts> EventById(storage::Connection& connection, long long id) {
  const auto row = connection.QueryOne(
      "SELECT id, kind, title, course_id, created_by, area_code, area_path, starts_at, ends_at, status FROM events "
      "WHERE id = ?",
      {id});
  if (!row) return std::nullopt;
  return EventFacts{.id = row->Int(0),
                    .kind = row->Text(1),
                    .title = row->Text(2),
                    .course_id = row->IsNull(3) ? std::nullopt : std::optional<long long>(row->Int(3)),
                    .created_by = row->Int(4),
                    .area_code = row->Text(5),
                    .area_path = row->Text(6),
                    .starts_at = row->Int(7),
                    .ends_at = row->Int(8),
                    .status = row->Text(9)};
}

bool Organises(const accounts::Principal& caller, const EventFacts& event) {
  return events::Organises(caller.role, caller.account_id, caller.area_path, event.created_by, event.area_path);
}

bool Registered(storage::Connection& connection, long long event_id, long long account_id) {
  return connection
      .QueryOne(
          "SELECT 1 FROM event_registrations WHERE event_id = ? AND account_id = ? AND status IN "
          "('confirmed','offered')",
          {event_id, account_id})
      .has_value();
}

/// The holder's name: their register entry's, else their account's display name.
std::string HolderName(storage::Connection& connection, long long account_id) {
  const auto row = connection.QueryOne(
      "SELECT COALESCE((SELECT w.name FROM workers w WHERE w.account_id = a.id), a.display_name) FROM accounts a "
      "WHERE a.id = ?",
      {account_id});
  return row ? row->Text(0) : std::string();
}

std::string AreaPath(storage::Connection& connection, const std::string& code) {
  const auto row = connection.QueryOne("SELECT path FROM areas WHERE code = ?", {code});
  return row ? row->Text(0) : std::string();
}

Contest ContestOf(const Row& row) {
  return {.id = row.Int(0),
          .event_id = row.Int(1),
          .title = row.Text(2),
          .area_code = row.Text(3),
          .status = row.Text(4),
          .campaign_id = row.IsNull(5) ? std::nullopt : std::optional<long long>(row.Int(5)),
          .created_at = row.Int(6)};
}

std::optional<Contest> ContestById(storage::Connection& connection, long long id) {
  const auto row =
      connection.QueryOne("SELECT " + std::string(kContestColumns) + " FROM skills_contests WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return ContestOf(*row);
}

core::Error NoContest() { return core::MakeError(ErrorCode::kNotFound, "no such contest"); }

ContestView BuildView(storage::Connection& connection, const Contest& contest, bool organiser) {
  ContestView view{.contest = contest, .ranking = {}, .organiser = organiser};
  std::vector<ScoreLine> lines;
  for (const auto& row :
       connection.Query("SELECT account_id, score, at FROM contest_scores WHERE contest_id = ?", {contest.id}))
    lines.push_back({row.Int(0), row.Int(1), row.Int(2)});
  for (const RankedLine& ranked : Rank(std::move(lines))) {
    const std::string name = HolderName(connection, ranked.account_id);
    view.ranking.push_back({ranked, organiser ? name : core::MaskName(name)});
  }
  return view;
}

/// The contest with its event and whether the caller organises it.
struct ContestAndEvent {
  Contest contest;
  EventFacts event;
};
core::Result<ContestAndEvent> OrganisedContest(storage::Connection& connection, const accounts::Principal& caller,
                                               long long contest_id) {
  auto contest = ContestById(connection, contest_id);
  if (!contest) return NoContest();
  auto event = EventById(connection, contest->event_id);
  if (!event) return NoContest();
  if (!Organises(caller, *event)) return NotYours("the contest's organisers record its scores");
  return ContestAndEvent{*contest, *event};
}

/// Issues the completion's certificate and links it.
certificates::Certificate Certify(storage::Connection& connection, const certificates::CertificateIssuer& issuer,
                                  const Course& course, long long completion_id, long long account_id,
                                  long long session_starts_at, const Wording& wording, long long now) {
  certificates::Request request{
      .kind = certificates::Kind::kTraining,
      .holder_account_id = account_id,
      .holder_name = HolderName(connection, account_id),
      .title = course.title,
      .detail = wording.certificate_detail(schedule::BeijingDate(session_starts_at), course.hours),
      .area_code = course.area_code,
      .reference = Reference(course.id, account_id),
      .valid_until = 0};
  auto certificate = issuer.Issue(connection, request, now);
  connection.Execute("UPDATE training_completions SET certificate_id = ? WHERE id = ?",
                     {certificate.id, completion_id});
  return certificate;
}

core::Error Closed() {
  return core::MakeProblem(ErrorCode::kConflict, "contest_closed", "training.contest_closed", "this contest is closed");
}

core::Error OutsideCourse(const Course& course) {
  return core::MakeProblem(ErrorCode::kValidationFailed, "session_outside_course", "training.session_outside_course",
                           "a course's sessions are held within its area",
                           json::object{{"field", "course_id"}, {"course_area", course.area_code}});
}

}  // namespace

core::Status MayScheduleSession(storage::Connection& connection, const accounts::Principal& caller, long long course_id,
                                std::string_view event_area_path) {
  const auto course = CourseById(connection, course_id);
  if (!course)
    return core::MakeProblem(ErrorCode::kNotFound, "course_not_found", "training.course_not_found", "no such course",
                             json::object{{"field", "course_id"}});
  if (!events::MayCreateIn(caller.role, caller.area_path, course->area_path))
    return core::MakeProblem(ErrorCode::kForbidden, "not_course_organiser", "training.not_course_organiser",
                             "sessions of a course are scheduled by organisers of the course's area",
                             json::object{{"course_area", course->area_code}});
  if (!areas::PathWithin(event_area_path, course->area_path)) return OutsideCourse(*course);
  return core::Ok{};
}

std::vector<Course> TrainingService::Courses(const accounts::Principal& caller, int limit) const {
  auto connection = database_.Acquire();
  std::vector<Course> courses;
  // In the caller's area, or in an area above it (a city course is everyone's).
  for (const auto& row :
       connection->Query("SELECT " + std::string(kCourseColumns) +
                             " FROM training_courses c WHERE c.area_path LIKE ? OR ? LIKE c.area_path || '%' "
                             "ORDER BY c.id DESC LIMIT ?",
                         {caller.area_path + "%", caller.area_path, static_cast<long long>(limit)}))
    courses.push_back(CourseOf(row));
  return courses;
}

core::Result<Course> TrainingService::CreateCourse(const accounts::Principal& caller, const CourseInput& input,
                                                   const std::string& area_code, long long now) {
  if (auto checked = CheckCourse(input); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const std::string code = area_code.empty() ? caller.area_code : area_code;
  const std::string path = AreaPath(*connection, code);
  if (path.empty()) return core::MakeError(ErrorCode::kNotFound, "no such area");
  if (!events::MayCreateIn(caller.role, caller.area_path, path))
    return NotYours("organisers create courses in their own area");
  const long long id =
      connection
          ->QueryOne(
              "INSERT INTO training_courses (topic, title, description, hours, area_code, area_path, created_by, "
              "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {input.topic, std::string(core::Trim(input.title)), std::string(core::Trim(input.description)),
               input.hours, code, path, caller.account_id, now})
          ->Int(0);
  accounts::AuditBy(
      *connection, caller, "training.course_create", "training_course", std::to_string(id), code,
      json::object{{"topic", input.topic}, {"title", std::string(core::Trim(input.title))}, {"hours", input.hours}});
  auto course = CourseById(*connection, id);
  transaction.Commit();
  return *course;
}

core::Result<std::vector<Session>> TrainingService::Sessions(const accounts::Principal& caller,
                                                             long long course_id) const {
  auto connection = database_.Acquire();
  if (!CourseById(*connection, course_id)) return core::MakeError(ErrorCode::kNotFound, "no such course");
  std::vector<Session> sessions;
  for (const auto& row : connection->Query(
           "SELECT id FROM events WHERE course_id = ? AND kind = 'training' ORDER BY starts_at DESC LIMIT 200",
           {course_id})) {
    const auto event = EventById(*connection, row.Int(0));
    if (!event) continue;
    sessions.push_back({.event_id = event->id,
                        .course_id = course_id,
                        .title = event->title,
                        .starts_at = event->starts_at,
                        .ends_at = event->ends_at,
                        .status = event->status,
                        .trainer = Organises(caller, *event)});
  }
  return sessions;
}

core::Result<std::vector<Attendee>> TrainingService::Attendees(const accounts::Principal& caller,
                                                               long long event_id) const {
  auto connection = database_.Acquire();
  const auto event = EventById(*connection, event_id);
  if (!event) return core::MakeError(ErrorCode::kNotFound, "no such event");
  if (event->kind != "training" || !event->course_id)
    return core::MakeProblem(ErrorCode::kValidationFailed, "not_session", "training.not_session",
                             "this event is not a training session");
  if (!Organises(caller, *event)) return NotYours("a session's trainers see its attendees");
  std::vector<Attendee> attendees;
  for (const auto& row :
       connection->Query("SELECT account_id, status FROM event_registrations WHERE event_id = ? AND status IN "
                         "('confirmed','offered') ORDER BY seat, id",
                         {event_id})) {
    Attendee attendee{.account_id = row.Int(0),
                      .name = HolderName(*connection, row.Int(0)),
                      .registration_status = row.Text(1),
                      .completion = StoredCompletion(*connection, *event->course_id, row.Int(0))};
    attendees.push_back(std::move(attendee));
  }
  return attendees;
}

core::Result<Completion> TrainingService::Record(const accounts::Principal& caller, long long event_id,
                                                 long long account_id, bool passed, std::optional<long long> score,
                                                 const Wording& wording, long long now) {
  if (auto checked = CheckScore(score); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto event = EventById(*connection, event_id);
  if (!event) return core::MakeError(ErrorCode::kNotFound, "no such event");
  const bool session = event->kind == "training" && event->course_id.has_value();
  switch (JudgeCompletion(session, session && Organises(caller, *event),
                          session && Registered(*connection, event_id, account_id))) {
    case CompletionRefusal::kNone:
      break;
    case CompletionRefusal::kNotTrainingSession:
      return core::MakeProblem(ErrorCode::kValidationFailed, "not_session", "training.not_session",
                               "this event is not a training session");
    case CompletionRefusal::kNotTrainer:
      return NotYours("a session's trainers record its completions");
    case CompletionRefusal::kNotRegistered:
      return core::MakeProblem(ErrorCode::kValidationFailed, "not_registered", "training.not_registered",
                               "this worker is not registered for the session", json::object{{"field", "account_id"}});
  }
  const auto course = CourseById(*connection, *event->course_id);
  if (!course) return core::MakeError(ErrorCode::kNotFound, "no such course");
  // An event placed outside its course's area (made before events asked MayScheduleSession) certifies nothing.
  if (!areas::PathWithin(event->area_path, course->area_path)) return OutsideCourse(*course);
  if (!SessionStarted(event->starts_at, now))
    return core::MakeProblem(ErrorCode::kConflict, "session_not_started", "training.session_not_started",
                             "completions are recorded once the session has started",
                             json::object{{"starts_at", event->starts_at}});
  auto stored = StoredCompletion(*connection, course->id, account_id);
  const CompletionStep step = StepFor(stored ? std::optional<bool>(stored->passed) : std::nullopt, passed);
  if (step == CompletionStep::kKeep && stored && stored->passed) {
    stored->replayed = true;
    stored->points_paid = 0;  // nothing paid by this call
    return *stored;
  }
  // A failed one recorded again (still failed) has its score updated.
  const storage::Value score_value = score ? storage::Value(*score) : storage::Value(nullptr);
  long long id = 0;
  if (step == CompletionStep::kInsert) {
    try {
      id = connection
               ->QueryOne(
                   "INSERT INTO training_completions (course_id, event_id, account_id, passed, score, recorded_by, "
                   "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   {course->id, event_id, account_id, passed ? 1LL : 0LL, score_value, caller.account_id, now})
               ->Int(0);
    } catch (const storage::DatabaseError& error) {
      // Another trainer recorded this worker's completion of the course at the same moment.
      if (!error.unique_violation()) throw;
      return core::MakeError(ErrorCode::kConflict, "this completion was recorded at the same moment; look again");
    }
  } else {
    id = stored->id;
    connection->Execute(
        "UPDATE training_completions SET event_id = ?, passed = ?, score = ?, recorded_by = ?, recorded_at = ? "
        "WHERE id = ?",
        {event_id, passed ? 1LL : 0LL, score_value, caller.account_id, now, id});
  }
  Completion completion{.id = id,
                        .course_id = course->id,
                        .event_id = event_id,
                        .account_id = account_id,
                        .passed = passed,
                        .score = score,
                        .recorded_at = now};
  if (passed) {
    const auto earned =
        points::EarningRuleRepository::EarnByRule(*connection, points::EarningTrigger::kTrainingFinished, account_id,
                                                  event->area_code, Reference(course->id, account_id), now);
    completion.points_paid = earned.replayed ? 0 : earned.paid;
    completion.certificate = Certify(*connection, issuer_, *course, id, account_id, event->starts_at, wording, now);
  }
  accounts::AuditBy(*connection, caller, "training.completion", "training_completion", std::to_string(id),
                    event->area_code,
                    json::object{{"course_id", course->id},
                                 {"event_id", event_id},
                                 {"account_id", account_id},
                                 {"passed", passed},
                                 {"points", completion.points_paid}});
  transaction.Commit();
  return completion;
}

std::vector<RecordLine> TrainingService::Mine(long long account_id) const {
  auto connection = database_.Acquire();
  std::vector<RecordLine> lines;
  for (const auto& row : connection->Query(
           "SELECT t.id, t.course_id, t.event_id, t.account_id, t.passed, t.score, t.recorded_at, t.certificate_id, "
           "c.title, c.topic, c.hours, COALESCE(e.starts_at, t.recorded_at) FROM training_completions t "
           "JOIN training_courses c ON c.id = t.course_id LEFT JOIN events e ON e.id = t.event_id "
           "WHERE t.account_id = ? ORDER BY t.recorded_at DESC, t.id DESC",
           {account_id})) {
    RecordLine line{.completion = CompletionOf(*connection, row),
                    .course_title = row.Text(8),
                    .topic = row.Text(9),
                    .hours = row.Int(10),
                    .session_starts_at = row.Int(11)};
    lines.push_back(std::move(line));
  }
  return lines;
}

int TrainingService::IssueMissingCertificates(const Wording& wording, long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  int signed_now = 0;
  for (const auto& row : connection->Query(
           "SELECT t.id, t.course_id, t.account_id, COALESCE(e.starts_at, t.recorded_at) FROM training_completions t "
           "LEFT JOIN events e ON e.id = t.event_id WHERE t.passed = 1 AND t.certificate_id IS NULL ORDER BY t.id")) {
    const auto course = CourseById(*connection, row.Int(1));
    if (!course) continue;
    Certify(*connection, issuer_, *course, row.Int(0), row.Int(2), row.Int(3), wording, now);
    ++signed_now;
  }
  transaction.Commit();
  return signed_now;
}

core::Result<Contest> TrainingService::CreateContest(const accounts::Principal& caller, long long event_id,
                                                     const std::string& title, long long now) {
  const auto trimmed = std::string(core::Trim(title));
  if (trimmed.empty() || trimmed.size() > kMaxTitle)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_title", "training.bad_title", "title: 1 to 80 bytes",
                             json::object{{"field", "title"}});
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const auto event = EventById(*connection, event_id);
  if (!event) return core::MakeError(ErrorCode::kNotFound, "no such event");
  if (event->kind != "skills_contest")
    return core::MakeProblem(ErrorCode::kValidationFailed, "not_contest", "training.not_contest",
                             "a contest is held at an event of kind skills_contest",
                             json::object{{"field", "event_id"}});
  if (!Organises(caller, *event)) return NotYours("the event's organisers hold its contest");
  const long long id = connection
                           ->QueryOne(
                               "INSERT INTO skills_contests (event_id, title, area_code, status, created_at) "
                               "VALUES (?, ?, ?, 'open', ?) RETURNING id",
                               {event_id, trimmed, event->area_code, now})
                           ->Int(0);
  accounts::AuditBy(*connection, caller, "training.contest_create", "skills_contest", std::to_string(id),
                    event->area_code, json::object{{"event_id", event_id}, {"title", trimmed}});
  auto contest = ContestById(*connection, id);
  transaction.Commit();
  return *contest;
}

std::vector<Contest> TrainingService::Contests(const accounts::Principal& caller, int limit) const {
  auto connection = database_.Acquire();
  std::vector<Contest> contests;
  for (const auto& row :
       connection->Query("SELECT s.id, s.event_id, s.title, s.area_code, s.status, s.campaign_id, s.created_at FROM "
                         "skills_contests s "
                         "JOIN areas a ON a.code = s.area_code WHERE a.path LIKE ? ORDER BY s.id DESC LIMIT ?",
                         {caller.area_path + "%", static_cast<long long>(limit)}))
    contests.push_back(ContestOf(row));
  return contests;
}

core::Result<ContestView> TrainingService::ViewContest(const accounts::Principal& caller, long long contest_id) const {
  auto connection = database_.Acquire();
  const auto contest = ContestById(*connection, contest_id);
  if (!contest) return NoContest();
  const auto event = EventById(*connection, contest->event_id);
  return BuildView(*connection, *contest, event && Organises(caller, *event));
}

core::Result<ContestView> TrainingService::RecordScore(const accounts::Principal& caller, long long contest_id,
                                                       long long account_id, long long score, long long now) {
  if (auto checked = CheckScore(score); !checked.ok()) return checked.error();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto found = OrganisedContest(*connection, caller, contest_id);
  if (!found.ok()) return found.error();
  if (found->contest.status != "open") return Closed();
  if (!Registered(*connection, found->event.id, account_id))
    return core::MakeProblem(ErrorCode::kValidationFailed, "not_registered", "training.not_registered",
                             "this worker is not registered for the contest", json::object{{"field", "account_id"}});
  connection->Execute("DELETE FROM contest_scores WHERE contest_id = ? AND account_id = ?", {contest_id, account_id});
  connection->Execute(
      "INSERT INTO contest_scores (contest_id, account_id, score, recorded_by, at) VALUES (?, ?, ?, ?, ?)",
      {contest_id, account_id, score, caller.account_id, now});
  accounts::AuditBy(*connection, caller, "training.contest_score", "skills_contest", std::to_string(contest_id),
                    found->contest.area_code, json::object{{"account_id", account_id}, {"score", score}});
  auto view = BuildView(*connection, found->contest, true);
  transaction.Commit();
  return view;
}

core::Result<ClosedContest> TrainingService::CloseContest(const accounts::Principal& caller, long long contest_id,
                                                          int top_n, const Wording& wording, long long now) {
  if (top_n < 1 || top_n > kMaxTopN)
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_top", "training.bad_top", "top: 1 to 20",
                             json::object{{"field", "top"}});
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto found = OrganisedContest(*connection, caller, contest_id);
  if (!found.ok()) return found.error();
  if (found->contest.status != "open") return Closed();
  const std::string contest_path = AreaPath(*connection, found->contest.area_code);
  // The nearest 技术能手 campaign still taking nominations whose area holds the contest's.
  const auto campaign_row = connection->QueryOne(
      "SELECT id FROM honour_campaigns WHERE kind = ? AND stage = ? AND ? LIKE area_path || '%' "
      "ORDER BY LENGTH(area_path) DESC, id DESC LIMIT 1",
      {std::string(honours::CampaignKindName(honours::CampaignKind::kSkillsChampion)),
       std::string(honours::StageName(honours::Stage::kNominating)), contest_path});
  ClosedContest closed;
  std::optional<long long> campaign_id;
  if (campaign_row) {
    campaign_id = campaign_row->Int(0);
    const ContestView ranked = BuildView(*connection, found->contest, true);
    std::vector<RankedLine> lines;
    for (const ContestLine& line : ranked.ranking) lines.push_back(line.ranked);
    for (const RankedLine& line : TopN(lines, top_n)) {
      const auto worker =
          connection->QueryOne("SELECT id, name, kind FROM workers WHERE account_id = ?", {line.account_id});
      if (!worker) continue;  // only workers of the register are nominated
      honours::Nomination nomination;
      nomination.campaign_id = *campaign_id;
      nomination.worker_id = worker->Int(0);
      nomination.account_id = line.account_id;
      nomination.nominee_ref = fmt::format("worker:{}", worker->Int(0));
      if (honours::repository::NomineeTaken(*connection, *campaign_id, nomination.nominee_ref)) continue;
      nomination.nominee_name = worker->Text(1);
      nomination.nominee_kind = worker->Text(2);
      nomination.citation = wording.citation(line.rank, found->contest.title);
      nomination.evidence_json =
          honours::EvidenceJson(honours::CountEvidence(*connection, nomination.worker_id, line.account_id, now));
      nomination.status = honours::NominationStatus::kPending;
      nomination.nominated_by = caller.login;
      nomination.nominated_at = now;
      honours::repository::InsertNomination(*connection, nomination);
      ++closed.nominated;
    }
  }
  connection->Execute("UPDATE skills_contests SET status = 'closed', campaign_id = ? WHERE id = ?",
                      {campaign_id ? storage::Value(*campaign_id) : storage::Value(nullptr), contest_id});
  accounts::AuditBy(*connection, caller, "training.contest_close", "skills_contest", std::to_string(contest_id),
                    found->contest.area_code,
                    json::object{{"campaign_id", campaign_id ? json::value(*campaign_id) : json::value(nullptr)},
                                 {"nominated", closed.nominated}});
  auto contest = ContestById(*connection, contest_id);
  closed.view = BuildView(*connection, *contest, true);
  transaction.Commit();
  return closed;
}

}  // namespace youhao::training
