// Volunteer use cases on SQLite and PostgreSQL: who may hold a team's shifts and where
// (MayScheduleShift), a member's day holding at most 720 minutes across teams, an appointment
// letter answering with its signed QR text, and the words of a refused revocation.
#include "volunteers/volunteer_service.h"

#include <gtest/gtest.h>

#include "accounts/test_accounts.h"
#include "areas/test_areas.h"
#include "core/keyring.h"
#include "schedule/clock.h"
#include "storage/test_databases.h"

namespace youhao::volunteers {
namespace {

constexpr long long kNow = 1'765'000'000;  // 2025-12-06, Beijing

const core::Keyring& TestKeyring() {
  static const core::Keyring keyring = core::Keyring::Ephemeral();
  return keyring;
}

class VolunteerServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    areas_ = std::make_unique<areas::AreaService>(*database_);
    certificates_ = std::make_unique<certificates::CertificateService>(*database_, TestKeyring());
    service_ = std::make_unique<VolunteerService>(*database_, *areas_, certificates_->issuer(), CertificateWording{});
    auto c = database_->Acquire();
    Clear(*c);
    areas::TestArea(*c, "VS-D", "", "district", "志愿区", "VS/");
    areas::TestArea(*c, "VS-S", "VS-D", "street", "志愿街道", "VS/VS-S/");
    areas::TestArea(*c, "VS-C", "VS-S", "community", "志愿社区", "VS/VS-S/VS-C/");
    areas::TestArea(*c, "VS-T", "VS-D", "street", "别的街道", "VS/VS-T/");
    union_ = accounts::TestAccount(*c, "vs-union", accounts::Role::kUnionStaff, "VS-S", "VS/VS-S/");
    district_ = accounts::TestAccount(*c, "vs-district", accounts::Role::kDistrictOfficer, "VS-D", "VS/");
    outsider_ = accounts::TestAccount(*c, "vs-keeper-t", accounts::Role::kStationKeeper, "VS-T", "VS/VS-T/");
    worker_ = Worker(*c, "vs-worker");
    street_team_ = MakeTeam(*c, "VS-街道志愿队", TeamScope::kStreet, "VS-S", "VS/VS-S/", "");
    other_team_ = MakeTeam(*c, "VS-第二志愿队", TeamScope::kStreet, "VS-S", "VS/VS-S/", "");
    platform_team_ = MakeTeam(*c, "VS-平台志愿队", TeamScope::kPlatform, "VS-D", "VS/", "美团");
  }
  void TearDown() override {
    auto c = database_->Acquire();
    Clear(*c);
  }

  static void Clear(storage::Connection& c) {
    c.Execute(
        "DELETE FROM volunteer_hours WHERE team_id IN (SELECT id FROM volunteer_teams WHERE area_code IN ('VS-S', "
        "'VS-D'))");
    c.Execute(
        "DELETE FROM volunteer_members WHERE team_id IN (SELECT id FROM volunteer_teams WHERE area_code IN ('VS-S', "
        "'VS-D'))");
    c.Execute("DELETE FROM volunteer_teams WHERE area_code IN ('VS-S', 'VS-D')");
    c.Execute("DELETE FROM appointments WHERE area_code = 'VS-S'");
    c.Execute("DELETE FROM certificates WHERE area_code = 'VS-S'");
  }

  static accounts::Principal Worker(storage::Connection& c, const std::string& login) {
    accounts::Principal who = accounts::TestAccount(c, login, accounts::Role::kWorker, "VS-C", "VS/VS-S/VS-C/");
    c.Execute(
        "INSERT INTO workers (account_id, name, phone_digest, kind, platform, area_code, area_path, status, "
        "created_at) VALUES (?, '志愿骑手', ?, 'food', '美团', 'VS-C', 'VS/VS-S/VS-C/', 'verified', ?) ON CONFLICT DO "
        "NOTHING",
        {who.account_id, "vs-digest-" + std::to_string(who.account_id), kNow});
    return who;
  }

  long long MakeTeam(storage::Connection& c, const std::string& name, TeamScope scope, const std::string& area_code,
                     const std::string& area_path, const std::string& platform) const {
    volunteers::Team team;
    team.name = name;
    team.scope = scope;
    team.area_code = area_code;
    team.area_path = area_path;
    team.platform = platform;
    team.created_by = union_.account_id;
    return volunteer_repository::InsertTeam(c, team, kNow);
  }

  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<areas::AreaService> areas_;
  std::unique_ptr<certificates::CertificateService> certificates_;
  std::unique_ptr<VolunteerService> service_;
  accounts::Principal union_;
  accounts::Principal district_;
  accounts::Principal outsider_;
  accounts::Principal worker_;
  long long street_team_ = 0;
  long long other_team_ = 0;
  long long platform_team_ = 0;
};

TEST_P(VolunteerServiceTest, OnlyATeamsManagersScheduleItsShiftsAndOnlyWithinItsArea) {
  auto c = database_->Acquire();
  EXPECT_TRUE(MayScheduleShift(*c, union_, street_team_, "VS/VS-S/").ok());
  EXPECT_TRUE(MayScheduleShift(*c, union_, street_team_, "VS/VS-S/VS-C/").ok()) << "a community of the team's street";
  EXPECT_TRUE(MayScheduleShift(*c, district_, street_team_, "VS/VS-S/").ok()) << "an officer above the team";
  // A platform team of the district holds its events anywhere in the district, run by the district's organisers.
  EXPECT_TRUE(MayScheduleShift(*c, district_, platform_team_, "VS/VS-T/").ok());
  EXPECT_EQ(MayScheduleShift(*c, union_, platform_team_, "VS/VS-S/").error().name, "volunteer_forbidden")
      << "a street's organiser does not run the district's team";

  // Another street's keeper puts the team on their own event: refused.
  const auto stolen = MayScheduleShift(*c, outsider_, street_team_, "VS/VS-T/");
  ASSERT_FALSE(stolen.ok());
  EXPECT_EQ(stolen.error().name, "volunteer_forbidden");
  EXPECT_EQ(stolen.error().code, core::ErrorCode::kForbidden);
  EXPECT_EQ(MayScheduleShift(*c, worker_, street_team_, "VS/VS-S/").error().name, "volunteer_forbidden");
  // The team's own organiser, at an event outside the team's street.
  const auto elsewhere = MayScheduleShift(*c, district_, street_team_, "VS/VS-T/");
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().name, "shift_outside_team");
  EXPECT_EQ(MayScheduleShift(*c, district_, street_team_, "VS/VS-S2/").error().name, "shift_outside_team");
  const auto missing = MayScheduleShift(*c, union_, street_team_ + 100000, "VS/VS-S/");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().name, "volunteer_team_not_found");
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

TEST_P(VolunteerServiceTest, AMembersDayHoldsAtMost720MinutesAcrossTeams) {
  {
    auto c = database_->Acquire();
    volunteer_repository::Join(*c, street_team_, worker_.account_id, kNow - 86400);
    volunteer_repository::Join(*c, other_team_, worker_.account_id, kNow - 86400);
  }
  const std::string day = schedule::BeijingDate(kNow - 86400);
  const auto log = [&](long long team, int minutes, const std::string& on) {
    return service_->LogHours(worker_, team, {.day = on, .minutes = minutes, .note = "", .event_id = std::nullopt},
                              kNow);
  };
  ASSERT_TRUE(log(street_team_, 600, day).ok());
  const auto over = log(street_team_, 121, day);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().name, "volunteer_day_full");
  EXPECT_EQ(over.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(over.error().fields.at("left_minutes").as_int64(), 120);
  EXPECT_EQ(log(other_team_, 121, day).error().name, "volunteer_day_full") << "another team's entries count too";
  ASSERT_TRUE(log(other_team_, 120, day).ok()) << "up to 720 in all";
  EXPECT_EQ(log(street_team_, 1, day).error().name, "volunteer_day_full");
  EXPECT_TRUE(log(street_team_, 720, schedule::BeijingDate(kNow - 2LL * 86400)).ok()) << "another day is its own";
}

TEST_P(VolunteerServiceTest, AnAppointmentAnswersWithItsSignedQrTextAndOnlyItsAreaRevokesIt) {
  const auto appointment = service_->Appoint(union_,
                                             {.account_id = worker_.account_id,
                                              .kind = "grid_reporter",
                                              .title = "网格信息员",
                                              .term_from = "2025-12-01",
                                              .term_until = "2026-11-30"},
                                             kNow);
  ASSERT_TRUE(appointment.ok()) << appointment.error().detail;
  ASSERT_FALSE(appointment->certificate_serial.empty());
  EXPECT_EQ(appointment->qr_text.rfind("YHC1:", 0), 0U) << appointment->qr_text;
  {
    auto c = database_->Acquire();
    const auto certificate = certificates::CertificateBySerial(*c, appointment->certificate_serial);
    ASSERT_TRUE(certificate);
    EXPECT_EQ(appointment->qr_text, certificate->qr_text) << "the same text the holder's list shows";
  }
  const auto refused = service_->RevokeAppointment(outsider_, appointment->id, kNow + 60);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().name, "volunteer_forbidden");
  EXPECT_EQ(refused.error().message, "volunteers.not_your_appointment") << "its own words, not a team's";
  EXPECT_TRUE(service_->RevokeAppointment(union_, appointment->id, kNow + 60).ok());
}

TEST_P(VolunteerServiceTest, ATeamMayHaveNoIntroduction) {
  const auto created = service_->CreateTeam(
      union_, {.name = "VS-无简介队", .scope = "street", .area_code = std::nullopt, .intro = ""}, kNow);
  ASSERT_TRUE(created.ok()) << created.error().detail;
  EXPECT_EQ(created->team.intro, "");
}

INSTANTIATE_TEST_SUITE_P(Backends, VolunteerServiceTest,
                         ::testing::ValuesIn(storage::TestDatabaseUrls("volunteer_service")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::volunteers
