#pragma once
/// Training: courses, their sessions (events of kind training with course_id, made through the
/// events API), completions recorded by the session's trainers (paying the area's
/// training_finished rule once and issuing a signed certificate), the worker's training record,
/// and skills contests whose top places are passed on to a 技术能手 honours campaign.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "certificates/certificates.h"
#include "core/error.h"
#include "storage/database.h"
#include "training/training_policy.h"

namespace youhao::training {

struct Course {
  long long id = 0;
  std::string topic;
  std::string title;
  std::string description;
  long long hours = 0;
  std::string area_code;
  std::string area_path;
  long long created_by = 0;
  long long created_at = 0;
  long long sessions = 0;  ///< training events of this course
  long long passed = 0;    ///< passed completions
};

struct Session {
  long long event_id = 0;
  long long course_id = 0;
  std::string title;
  long long starts_at = 0;
  long long ends_at = 0;
  std::string status;
  bool trainer = false;  ///< the caller may record completions
};

struct Completion {
  long long id = 0;
  long long course_id = 0;
  long long event_id = 0;
  long long account_id = 0;
  bool passed = false;
  std::optional<long long> score;
  long long recorded_at = 0;
  std::optional<certificates::Certificate> certificate;
  long long points_paid = 0;  ///< Record: paid by this call (0 on a replay); Mine and Attendees: paid for the pass
  bool replayed = false;      ///< a passed completion recorded before: nothing changed
};

/// A registered worker of a session, with their completion of its course if recorded.
struct Attendee {
  long long account_id = 0;
  std::string name;
  std::string registration_status;
  std::optional<Completion> completion;
};

/// A line of the worker's own training record.
struct RecordLine {
  Completion completion;
  std::string course_title;
  std::string topic;
  long long hours = 0;
  long long session_starts_at = 0;
};

struct Contest {
  long long id = 0;
  long long event_id = 0;
  std::string title;
  std::string area_code;
  std::string status;
  std::optional<long long> campaign_id;
  long long created_at = 0;
};
struct ContestLine {
  RankedLine ranked;
  std::string name;
};
struct ContestView {
  Contest contest;
  std::vector<ContestLine> ranking;
  bool organiser = false;
};
struct ClosedContest {
  ContestView view;
  int nominated = 0;  ///< nominations made in the campaign (0 when none was open)
};

/// How a stored certificate's detail line and a nomination's citation are worded (by the edge,
/// from the catalogue).
struct Wording {
  std::function<std::string(const std::string& date, long long hours)> certificate_detail;
  std::function<std::string(int rank, const std::string& contest)> citation;
};

/// Whether `caller` may hold a session of course `course_id` at an event in the area `event_area_path`
/// (called by event creation and update for an event of kind training with a course_id): the course
/// exists, the caller may create courses in the course's area (events::MayCreateIn, as CreateCourse),
/// and the event's area lies within the course's. Errors: course_not_found (404),
/// not_course_organiser (403), session_outside_course (400, field course_id).
core::Status MayScheduleSession(storage::Connection& connection, const accounts::Principal& caller, long long course_id,
                                std::string_view event_area_path);

class TrainingService {
 public:
  TrainingService(storage::Database& database, const certificates::CertificateIssuer& issuer)
      : database_(database), issuer_(issuer) {}

  /// Courses in (or above) the caller's area, newest first.
  std::vector<Course> Courses(const accounts::Principal& caller, int limit) const;
  /// Organisers in their area. Errors: forbidden, the input's problems, not_found (area).
  core::Result<Course> CreateCourse(const accounts::Principal& caller, const CourseInput& input,
                                    const std::string& area_code, long long now);
  core::Result<std::vector<Session>> Sessions(const accounts::Principal& caller, long long course_id) const;
  /// The session's registered workers with their completions: for its trainers.
  core::Result<std::vector<Attendee>> Attendees(const accounts::Principal& caller, long long event_id) const;
  /// Errors: not_found (event), training.not_session, forbidden (training.not_trainer),
  /// training.not_registered, training.bad_score, session_outside_course (an event outside the
  /// course's area), session_not_started (409: before the session's starts_at).
  core::Result<Completion> Record(const accounts::Principal& caller, long long event_id, long long account_id,
                                  bool passed, std::optional<long long> score, const Wording& wording, long long now);
  std::vector<RecordLine> Mine(long long account_id) const;
  /// Signs the certificates of passed completions that have none (the demo city's, seeded without
  /// the key file). Call once at startup; returns how many were signed.
  int IssueMissingCertificates(const Wording& wording, long long now);

  /// On an event of kind skills_contest, by its organisers.
  core::Result<Contest> CreateContest(const accounts::Principal& caller, long long event_id, const std::string& title,
                                      long long now);
  std::vector<Contest> Contests(const accounts::Principal& caller, int limit) const;
  core::Result<ContestView> ViewContest(const accounts::Principal& caller, long long contest_id) const;
  /// A registered worker's score (replacing an earlier one) while open.
  core::Result<ContestView> RecordScore(const accounts::Principal& caller, long long contest_id, long long account_id,
                                        long long score, long long now);
  /// Closes the contest; its top `top_n` places become pending nominations in the newest
  /// skills_champion campaign that is nominating in an area holding the contest's.
  core::Result<ClosedContest> CloseContest(const accounts::Principal& caller, long long contest_id, int top_n,
                                           const Wording& wording, long long now);

 private:
  storage::Database& database_;
  const certificates::CertificateIssuer& issuer_;
};

}  // namespace youhao::training
