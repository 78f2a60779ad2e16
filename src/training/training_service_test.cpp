// Training on SQLite and PostgreSQL: a session's trainer records completions for its registered
// workers (others are refused), a pass issues one certificate (a replay changes nothing, a failed
// one can pass later), the demo's missing certificates are signed at start, and a closed skills
// contest passes its top places on to a nominating 技术能手 campaign.
#include "training/training_service.h"

#include <gtest/gtest.h>

#include "accounts/test_accounts.h"
#include "areas/test_areas.h"
#include "core/keyring.h"
#include "honours/honour_repository.h"
#include "points/ledger.h"
#include "points/test_points.h"
#include "storage/test_databases.h"

namespace youhao::training {
namespace {

constexpr long long kNow = 1765000000;

const core::Keyring& TestKeyring() {
  static const core::Keyring keyring = core::Keyring::Ephemeral();
  return keyring;
}

Wording TestWording() {
  Wording wording;
  wording.certificate_detail = [](const std::string& date, long long hours) {
    return date + " / " + std::to_string(hours) + " h";
  };
  wording.citation = [](int rank, const std::string& contest) { return contest + " #" + std::to_string(rank); };
  return wording;
}

class TrainingServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    auto c = database_->Acquire();
    Clear(*c);
    areas::TestArea(*c, "T-TR", "", "street", "培训街道", "T-TR/");
    trainer_ = Person(*c, "tr-union", accounts::Role::kUnionStaff);
    keeper_ = Person(*c, "tr-keeper", accounts::Role::kStationKeeper);
    for (int i = 0; i < 3; ++i) workers_.push_back(Worker(*c, "tr-worker-" + std::to_string(i), i));
  }
  void TearDown() override {
    auto c = database_->Acquire();
    Clear(*c);
  }

  static void Clear(storage::Connection& c) {
    c.Execute(
        "DELETE FROM contest_scores WHERE contest_id IN (SELECT id FROM skills_contests WHERE area_code = 'T-TR')");
    c.Execute("DELETE FROM skills_contests WHERE area_code = 'T-TR'");
    c.Execute(
        "DELETE FROM training_completions WHERE course_id IN (SELECT id FROM training_courses WHERE area_code = "
        "'T-TR')");
    c.Execute("DELETE FROM certificates WHERE area_code = 'T-TR'");
    c.Execute("DELETE FROM training_courses WHERE area_code = 'T-TR'");
    c.Execute(
        "DELETE FROM event_registrations WHERE event_id IN (SELECT id FROM events WHERE area_code IN ('T-TR', "
        "'T-TR2', 'T-TX'))");
    c.Execute("DELETE FROM events WHERE area_code IN ('T-TR', 'T-TR2', 'T-TX')");
    c.Execute(
        "DELETE FROM honour_nominations WHERE campaign_id IN (SELECT id FROM honour_campaigns WHERE area_code = "
        "'T-TR')");
    c.Execute("DELETE FROM honour_campaigns WHERE area_code = 'T-TR'");
  }

  static accounts::Principal Person(storage::Connection& c, const std::string& login, accounts::Role role) {
    return accounts::TestAccount(c, login, role, "T-TR", "T-TR/");
  }

  static accounts::Principal Worker(storage::Connection& c, const std::string& login, int i) {
    accounts::Principal who = Person(c, login, accounts::Role::kWorker);
    c.Execute(
        "INSERT INTO workers (account_id, name, phone_digest, kind, platform, area_code, area_path, status, "
        "created_at) VALUES (?, ?, ?, 'food', '美团', 'T-TR', 'T-TR/', 'verified', ?) ON CONFLICT DO NOTHING",
        {who.account_id, "培训骑手" + std::to_string(i), "tr-digest-" + std::to_string(who.account_id), kNow});
    return who;
  }

  long long Event(const std::string& kind, std::optional<long long> course_id) {
    return EventAt(kind, course_id, kNow - 3600, "T-TR", "T-TR/");
  }

  /// An event of `kind` starting at `starts_at` (an hour long) in the area `area_code` at `area_path`.
  long long EventAt(const std::string& kind, std::optional<long long> course_id, long long starts_at,
                    const std::string& area_code, const std::string& area_path) {
    auto c = database_->Acquire();
    return c
        ->QueryOne(
            "INSERT INTO events (uid, kind, title, organiser_kind, organiser_name, created_by, area_code, area_path, "
            "address, lat, lon, starts_at, ends_at, capacity, course_id, created_at, updated_at) VALUES (?, ?, "
            "'session', 'union', 'union', ?, ?, ?, 'hall', 39.9, 116.3, ?, ?, 30, ?, ?, ?) RETURNING id",
            {"tr-" + std::to_string(++events_) + "-" + GetParam().substr(0, 6) + "@youhao", kind, trainer_.account_id,
             area_code, area_path, starts_at, starts_at + 3600,
             course_id ? storage::Value(*course_id) : storage::Value(nullptr), kNow, kNow})
        ->Int(0);
  }

  void Register(long long event_id, const accounts::Principal& worker, int seat) {
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO event_registrations (event_id, account_id, status, seat, registered_at, updated_at) VALUES (?, ?, "
        "'confirmed', ?, ?, ?)",
        {event_id, worker.account_id, static_cast<long long>(seat), kNow - 100, kNow - 100});
  }

  std::unique_ptr<storage::Database> database_;
  accounts::Principal trainer_;
  accounts::Principal keeper_;
  std::vector<accounts::Principal> workers_;
  int events_ = 0;
};

TEST_P(TrainingServiceTest, ATrainerRecordsARegisteredWorkersPassOnceWithOneCertificate) {
  certificates::CertificateService certificates(*database_, TestKeyring());
  TrainingService service(*database_, certificates.issuer());
  const auto course = service.CreateCourse(trainer_, {"first_aid", "急救培训", "", 4}, "", kNow);
  ASSERT_TRUE(course.ok()) << course.error().detail;
  EXPECT_EQ(service.CreateCourse(workers_[0], {"first_aid", "x", "", 4}, "", kNow).error().code,
            core::ErrorCode::kForbidden);
  const long long session = Event("training", course->id);
  Register(session, workers_[0], 1);
  Register(session, workers_[2], 2);

  EXPECT_EQ(service.Record(keeper_, session, workers_[0].account_id, true, 90, TestWording(), kNow).error().code,
            core::ErrorCode::kForbidden);
  EXPECT_EQ(service.Record(trainer_, session, workers_[1].account_id, true, 90, TestWording(), kNow).error().name,
            "not_registered");
  EXPECT_EQ(service.Record(trainer_, session, workers_[0].account_id, true, 5000, TestWording(), kNow).error().name,
            "bad_score");
  const long long not_training = Event("public_class", std::nullopt);
  EXPECT_EQ(service.Record(trainer_, not_training, workers_[0].account_id, true, 90, TestWording(), kNow).error().name,
            "not_session");

  const auto first = service.Record(trainer_, session, workers_[0].account_id, true, 92, TestWording(), kNow);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  ASSERT_TRUE(first->certificate.has_value());
  EXPECT_FALSE(first->replayed);
  EXPECT_EQ(first->certificate->title, "急救培训");
  EXPECT_EQ(first->certificate->holder_name, "培训骑手0");
  EXPECT_NE(first->certificate->detail.find("4 h"), std::string::npos);
  const auto again = service.Record(trainer_, session, workers_[0].account_id, false, 10, TestWording(), kNow + 5);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_TRUE(again->passed) << "a pass is kept";
  EXPECT_EQ(again->certificate->serial, first->certificate->serial);
  EXPECT_EQ(certificates.Verify(first->certificate->serial, kNow).status, certificates::Status::kValid);

  // Failed first, passed later: the certificate comes with the pass.
  const auto failed = service.Record(trainer_, session, workers_[2].account_id, false, 40, TestWording(), kNow);
  ASSERT_TRUE(failed.ok());
  EXPECT_FALSE(failed->certificate.has_value());
  const auto passed = service.Record(trainer_, session, workers_[2].account_id, true, 80, TestWording(), kNow + 60);
  ASSERT_TRUE(passed.ok());
  EXPECT_TRUE(passed->certificate.has_value());

  const auto mine = service.Mine(workers_[0].account_id);
  ASSERT_EQ(mine.size(), 1U);
  EXPECT_EQ(mine[0].course_title, "急救培训");
  ASSERT_TRUE(mine[0].completion.certificate.has_value());
  const auto attendees = service.Attendees(trainer_, session);
  ASSERT_TRUE(attendees.ok());
  EXPECT_EQ(attendees->size(), 2U);
  EXPECT_FALSE(service.Attendees(keeper_, session).ok());
}

TEST_P(TrainingServiceTest, MissingCertificatesAreSignedAtStart) {
  certificates::CertificateService certificates(*database_, TestKeyring());
  TrainingService service(*database_, certificates.issuer());
  const auto course = service.CreateCourse(trainer_, {"traffic_safety", "交通安全", "", 2}, "", kNow);
  ASSERT_TRUE(course.ok());
  const long long session = Event("training", course->id);
  {
    auto c = database_->Acquire();
    c->Execute(
        "INSERT INTO training_completions (course_id, event_id, account_id, passed, score, recorded_by, recorded_at) "
        "VALUES (?, ?, ?, 1, 88, ?, ?)",
        {course->id, session, workers_[1].account_id, trainer_.account_id, kNow});
  }
  // At least this one (other tests on a shared PostgreSQL database may leave theirs).
  EXPECT_GE(service.IssueMissingCertificates(TestWording(), kNow), 1);
  const auto mine = service.Mine(workers_[1].account_id);
  ASSERT_EQ(mine.size(), 1U);
  ASSERT_TRUE(mine[0].completion.certificate.has_value());
  EXPECT_FALSE(mine[0].completion.certificate->qr_text.empty());
  // Signed once: a second start changes nothing.
  (void)service.IssueMissingCertificates(TestWording(), kNow + 60);
  const auto later = service.Mine(workers_[1].account_id);
  ASSERT_TRUE(later[0].completion.certificate.has_value());
  EXPECT_EQ(later[0].completion.certificate->serial, mine[0].completion.certificate->serial);
}

TEST_P(TrainingServiceTest, AClosedContestNominatesItsTopPlacesInANominatingCampaign) {
  certificates::CertificateService certificates(*database_, TestKeyring());
  TrainingService service(*database_, certificates.issuer());
  honours::Campaign campaign;
  campaign.title = "技术能手";
  campaign.kind = honours::CampaignKind::kSkillsChampion;
  campaign.area_code = "T-TR";
  campaign.area_path = "T-TR/";
  campaign.stage = honours::Stage::kNominating;
  campaign.nominating_until = kNow + 100;
  campaign.reviewing_until = kNow + 200;
  campaign.voting_until = kNow + 300;
  campaign.winners = 1;
  campaign.votes_per_person = 1;
  campaign.created_by = trainer_.login;
  campaign.created_at = kNow;
  long long campaign_id = 0;
  {
    auto c = database_->Acquire();
    campaign_id = honours::repository::InsertCampaign(*c, campaign);
  }
  const long long event_id = Event("skills_contest", std::nullopt);
  EXPECT_EQ(service.CreateContest(trainer_, Event("training", std::nullopt), "x", kNow).error().name, "not_contest");
  const auto contest = service.CreateContest(trainer_, event_id, "驾驶比武", kNow);
  ASSERT_TRUE(contest.ok()) << contest.error().detail;
  for (int i = 0; i < 3; ++i) Register(event_id, workers_[i], i + 1);
  EXPECT_EQ(service.RecordScore(keeper_, contest->id, workers_[0].account_id, 90, kNow).error().code,
            core::ErrorCode::kForbidden);
  ASSERT_TRUE(service.RecordScore(trainer_, contest->id, workers_[0].account_id, 80, kNow).ok());
  ASSERT_TRUE(service.RecordScore(trainer_, contest->id, workers_[1].account_id, 95, kNow + 1).ok());
  const auto view = service.RecordScore(trainer_, contest->id, workers_[2].account_id, 70, kNow + 2);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->ranking.size(), 3U);
  EXPECT_EQ(view->ranking[0].ranked.account_id, workers_[1].account_id);

  const auto closed = service.CloseContest(trainer_, contest->id, 2, TestWording(), kNow + 10);
  ASSERT_TRUE(closed.ok()) << closed.error().detail;
  EXPECT_EQ(closed->nominated, 2);
  EXPECT_EQ(closed->view.contest.campaign_id, std::optional<long long>(campaign_id));
  EXPECT_EQ(closed->view.contest.status, "closed");
  EXPECT_EQ(service.RecordScore(trainer_, contest->id, workers_[2].account_id, 99, kNow + 20).error().name,
            "contest_closed");
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM honour_nominations WHERE campaign_id = ? AND status = 'pending' AND "
                        "citation = '驾驶比武 #1'",
                        {campaign_id}),
            1);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM honour_nominations WHERE campaign_id = ?", {campaign_id}), 2);
}

TEST_P(TrainingServiceTest, OnlyOrganisersOfTheCoursesAreaScheduleItsSessionsWithinIt) {
  certificates::CertificateService certificates(*database_, TestKeyring());
  TrainingService service(*database_, certificates.issuer());
  auto c = database_->Acquire();
  areas::TestArea(*c, "T-TR2", "T-TR", "community", "培训社区", "T-TR/T-TR2/");
  areas::TestArea(*c, "T-TX", "", "street", "别的街道", "T-TX/");
  const auto outsider = accounts::TestAccount(*c, "tr-keeper-x", accounts::Role::kStationKeeper, "T-TX", "T-TX/");
  const auto below =
      accounts::TestAccount(*c, "tr-keeper-below", accounts::Role::kStationKeeper, "T-TR2", "T-TR/T-TR2/");
  const auto course = service.CreateCourse(trainer_, {"first_aid", "急救培训", "", 4}, "", kNow);
  ASSERT_TRUE(course.ok());

  EXPECT_TRUE(MayScheduleSession(*c, trainer_, course->id, "T-TR/").ok());
  EXPECT_TRUE(MayScheduleSession(*c, trainer_, course->id, "T-TR/T-TR2/").ok()) << "a community of the course's area";
  EXPECT_TRUE(MayScheduleSession(*c, keeper_, course->id, "T-TR/").ok()) << "a keeper of the course's own area";
  // The reviewer's case: a keeper elsewhere puts another area's course on their own event.
  const auto stolen = MayScheduleSession(*c, outsider, course->id, "T-TX/");
  ASSERT_FALSE(stolen.ok());
  EXPECT_EQ(stolen.error().name, "not_course_organiser");
  EXPECT_EQ(stolen.error().code, core::ErrorCode::kForbidden);
  // A keeper below the course's area may not create courses in it, so schedules none of its sessions.
  EXPECT_EQ(MayScheduleSession(*c, below, course->id, "T-TR/T-TR2/").error().name, "not_course_organiser");
  EXPECT_EQ(MayScheduleSession(*c, workers_[0], course->id, "T-TR/").error().name, "not_course_organiser");
  const auto elsewhere = MayScheduleSession(*c, trainer_, course->id, "T-TX/");
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().name, "session_outside_course");
  EXPECT_EQ(MayScheduleSession(*c, trainer_, course->id, "T-TRX/").error().name, "session_outside_course")
      << "a prefix of the code is not the area";
  const auto missing = MayScheduleSession(*c, trainer_, course->id + 100000, "T-TR/");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().name, "course_not_found");
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);

  // An event stored outside the course's area before the check existed certifies nothing.
  const long long stray = EventAt("training", course->id, kNow - 3600, "T-TX", "T-TX/");
  Register(stray, workers_[0], 1);
  const auto refused = service.Record(trainer_, stray, workers_[0].account_id, true, 90, TestWording(), kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().name, "session_outside_course");
  EXPECT_TRUE(service.Mine(workers_[0].account_id).empty());
}

TEST_P(TrainingServiceTest, CompletionsWaitUntilTheSessionStarts) {
  certificates::CertificateService certificates(*database_, TestKeyring());
  TrainingService service(*database_, certificates.issuer());
  const auto course = service.CreateCourse(trainer_, {"skills", "技能培训", "", 2}, "", kNow);
  ASSERT_TRUE(course.ok());
  const long long later = EventAt("training", course->id, kNow + 600, "T-TR", "T-TR/");
  Register(later, workers_[0], 1);
  const auto early = service.Record(trainer_, later, workers_[0].account_id, true, 90, TestWording(), kNow);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().name, "session_not_started");
  EXPECT_EQ(early.error().code, core::ErrorCode::kConflict);
  EXPECT_TRUE(service.Mine(workers_[0].account_id).empty());
  const auto on_time = service.Record(trainer_, later, workers_[0].account_id, true, 90, TestWording(), kNow + 600);
  ASSERT_TRUE(on_time.ok()) << on_time.error().detail;
  EXPECT_TRUE(on_time->certificate.has_value());
}

TEST_P(TrainingServiceTest, TheRecordShowsThePointsThePassWasPaid) {
  {
    auto c = database_->Acquire();
    // The city's training_finished rule, paying from a funded pool without caps that could stop it.
    ASSERT_TRUE(points::PayingCityRule(*c, "training_finished", 30));
  }
  certificates::CertificateService certificates(*database_, TestKeyring());
  TrainingService service(*database_, certificates.issuer());
  const auto course = service.CreateCourse(trainer_, {"food_safety", "食品安全", "", 2}, "", kNow);
  ASSERT_TRUE(course.ok());
  const long long session = Event("training", course->id);
  Register(session, workers_[1], 1);
  const auto first = service.Record(trainer_, session, workers_[1].account_id, true, 90, TestWording(), kNow);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  ASSERT_GT(first->points_paid, 0);
  const auto again = service.Record(trainer_, session, workers_[1].account_id, true, 90, TestWording(), kNow + 1);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->points_paid, 0) << "nothing paid by a replay";
  const auto mine = service.Mine(workers_[1].account_id);
  ASSERT_EQ(mine.size(), 1U);
  EXPECT_EQ(mine[0].completion.points_paid, first->points_paid) << "the record shows what the pass was paid";
  const auto attendees = service.Attendees(trainer_, session);
  ASSERT_TRUE(attendees.ok());
  ASSERT_EQ(attendees->size(), 1U);
  ASSERT_TRUE((*attendees)[0].completion.has_value());
  EXPECT_EQ((*attendees)[0].completion->points_paid, first->points_paid);
}

INSTANTIATE_TEST_SUITE_P(Backends, TrainingServiceTest, ::testing::ValuesIn(storage::TestDatabaseUrls("training")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::training
