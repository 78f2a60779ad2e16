// Childcare's SQL and use cases on SQLite and on PostgreSQL: who sees the children (the organiser's
// read audited), every child taking a place (3 per registration, never over capacity, also when two
// parents race for the last place), removal, and attendance marks by day.
#include "childcare/childcare_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "accounts/test_accounts.h"
#include "areas/test_areas.h"
#include "core/random.h"
#include "schedule/clock.h"
#include "storage/test_databases.h"

namespace youhao::childcare {
namespace {

using accounts::Role;

constexpr long long kNow = 1'797'000'000;  // 2026-12-10, Beijing
constexpr std::string_view kCommunityPath = "CT/CT-D/CT-S/CT-C/";

class ChildcareServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    service_ = std::make_unique<ChildcareService>(*database_);
    auto c = database_->Acquire();
    c->Execute(
        "DELETE FROM child_attendance WHERE child_id IN (SELECT k.id FROM event_children k JOIN events e ON "
        "e.id = k.event_id WHERE e.area_code LIKE 'CT%')");
    c->Execute("DELETE FROM event_children WHERE event_id IN (SELECT id FROM events WHERE area_code LIKE 'CT%')");
    c->Execute("DELETE FROM event_registrations WHERE event_id IN (SELECT id FROM events WHERE area_code LIKE 'CT%')");
    c->Execute("DELETE FROM events WHERE area_code LIKE 'CT%'");
    areas::TestArea(*c, "CT", "", "city", "托管市", "CT/");
    areas::TestArea(*c, "CT-D", "CT", "district", "托管区", "CT/CT-D/");
    areas::TestArea(*c, "CT-S", "CT-D", "street", "托管街道", "CT/CT-D/CT-S/");
    areas::TestArea(*c, "CT-T", "CT-D", "street", "别的街道", "CT/CT-D/CT-T/");
    areas::TestArea(*c, "CT-C", "CT-S", "community", "托管社区", std::string(kCommunityPath));
    parent_ = Person("ct-parent", Role::kWorker, "CT-C", std::string(kCommunityPath));
    other_parent_ = Person("ct-other-parent", Role::kWorker, "CT-C", std::string(kCommunityPath));
    stranger_ = Person("ct-stranger", Role::kWorker, "CT-C", std::string(kCommunityPath));
    keeper_ = Person("ct-keeper", Role::kStationKeeper, "CT-C", std::string(kCommunityPath));
    street_ = Person("ct-street", Role::kStreetOfficer, "CT-S", "CT/CT-D/CT-S/");
    other_street_ = Person("ct-other-street", Role::kStreetOfficer, "CT-T", "CT/CT-D/CT-T/");
  }

  accounts::Principal Person(const std::string& login, Role role, const std::string& area, const std::string& path) {
    return accounts::TestAccount(*database_->Acquire(), login, role, area, path);
  }

  /// A five-day class of the keeper's, 2027-01-18 08:00 to 2027-01-22 17:00 Beijing.
  long long Class(long long capacity, std::string kind = "childcare") {
    auto c = database_->Acquire();
    const long long starts_at = *schedule::BeijingMidnight("2027-01-18") + 8LL * 3600;
    const long long ends_at = *schedule::BeijingMidnight("2027-01-22") + 17LL * 3600;
    return c
        ->QueryOne(
            "INSERT INTO events (uid, kind, title, organiser_kind, organiser_name, created_by, area_code, area_path, "
            "lat, lon, starts_at, ends_at, capacity, family, created_at, updated_at) VALUES (?, ?, '寒假托管班', "
            "'station', '驿站', ?, 'CT-C', ?, 39.99, 116.33, ?, ?, ?, 1, ?, ?) RETURNING id",
            {core::RandomToken(16) + "@youhao", kind, keeper_.account_id, std::string(kCommunityPath), starts_at,
             ends_at, capacity, kNow, kNow})
        ->Int(0);
  }

  long long Register(long long event_id, const accounts::Principal& who, std::string status = "confirmed") {
    auto c = database_->Acquire();
    const long long seat = c->QueryInt("SELECT COUNT(*) FROM event_registrations WHERE event_id = ?", {event_id}) + 1;
    return c
        ->QueryOne(
            "INSERT INTO event_registrations (event_id, account_id, status, seat, registered_at, updated_at) VALUES "
            "(?, ?, ?, ?, ?, ?) RETURNING id",
            {event_id, who.account_id, status, status == "waiting" ? storage::Value(nullptr) : storage::Value(seat),
             kNow, kNow})
        ->Int(0);
  }

  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<ChildcareService> service_;
  accounts::Principal parent_, other_parent_, stranger_, keeper_, street_, other_street_;
};

TEST_P(ChildcareServiceTest, OnlyTheParentAndTheOrganisersSeeTheChildren) {
  const long long id = Class(10);
  Register(id, parent_);
  Register(id, other_parent_);
  auto added = service_->Add(parent_, id, {" 小雨 ", 7, "花生过敏"}, kNow);
  ASSERT_TRUE(added.ok()) << added.error().detail;
  EXPECT_EQ(added->given_name, "小雨");
  EXPECT_EQ(added->parent_account_id, parent_.account_id);

  auto own = service_->Children(parent_, id, kNow);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->view, View::kOwn);
  ASSERT_EQ(own->children.size(), 1U);
  auto others = service_->Children(other_parent_, id, kNow);
  ASSERT_TRUE(others.ok());
  EXPECT_TRUE(others->children.empty());
  EXPECT_EQ(service_->Children(stranger_, id, kNow).error().Name(), "childcare_no_place");
  EXPECT_EQ(service_->Children(other_street_, id, kNow).error().Name(), "childcare_forbidden");

  auto c = database_->Acquire();
  const auto reads = [&] {
    return c->QueryInt(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'childcare.children_read' AND entity = 'event' "
        "AND entity_id = ?",
        {std::to_string(id)});
  };
  EXPECT_EQ(reads(), 0);
  for (const auto* organiser : {&keeper_, &street_}) {
    auto all = service_->Children(*organiser, id, kNow);
    ASSERT_TRUE(all.ok()) << organiser->login;
    EXPECT_EQ(all->view, View::kAll);
    ASSERT_EQ(all->children.size(), 1U);
    EXPECT_EQ(all->children[0].parent_name, "ct-parent");
  }
  EXPECT_EQ(reads(), 2);

  // Not a childcare event: as if there were none.
  const long long family_day = Class(10, "family");
  EXPECT_EQ(service_->Children(keeper_, family_day, kNow).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(service_->Children(keeper_, 999'999'999, kNow).error().code, core::ErrorCode::kNotFound);
}

TEST_P(ChildcareServiceTest, EveryChildTakesAPlaceAtMostThreePerRegistration) {
  const long long id = Class(4);
  const long long registration = Register(id, parent_);
  Register(id, other_parent_);
  EXPECT_EQ(service_->Add(stranger_, id, {"小明", 5, ""}, kNow).error().Name(), "childcare_no_place");
  for (const char* name : {"小雨", "小风", "小雪"}) ASSERT_TRUE(service_->Add(parent_, id, {name, 5, ""}, kNow).ok());
  EXPECT_EQ(service_->Add(parent_, id, {"小雷", 5, ""}, kNow).error().Name(), "too_many_children");
  ASSERT_TRUE(service_->Add(other_parent_, id, {"朵朵", 2, ""}, kNow).ok());
  EXPECT_EQ(service_->Add(other_parent_, id, {"豆豆", 2, ""}, kNow).error().Name(), "childcare_full");
  EXPECT_EQ(service_->Add(parent_, id, {"", 5, ""}, kNow).error().Name(), "bad_child");

  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT family_count FROM event_registrations WHERE id = ?", {registration}), 3);
  const auto mine = service_->Children(parent_, id, kNow)->children;
  EXPECT_EQ(service_->Remove(other_parent_, id, mine[1].id, kNow).error().code, core::ErrorCode::kNotFound);
  ASSERT_TRUE(service_->Remove(parent_, id, mine[1].id, kNow).ok());
  EXPECT_EQ(service_->Remove(parent_, id, mine[1].id, kNow).error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(c->QueryInt("SELECT family_count FROM event_registrations WHERE id = ?", {registration}), 2);
  ASSERT_TRUE(service_->Add(other_parent_, id, {"豆豆", 2, ""}, kNow).ok());
  EXPECT_EQ(service_->Children(keeper_, id, kNow)->children.size(), 4U);

  // A cancelled registration's children no longer count nor show.
  c->Execute("UPDATE event_registrations SET status = 'cancelled', seat = NULL WHERE id = ?", {registration});
  EXPECT_EQ(service_->Children(keeper_, id, kNow)->children.size(), 2U);
}

TEST_P(ChildcareServiceTest, TwoParentsRacingForTheLastPlaceNeverOverfillTheClass) {
  const long long id = Class(1);
  Register(id, parent_);
  Register(id, other_parent_);
  std::atomic<int> added = 0;
  std::atomic<int> full = 0;
  std::vector<std::thread> threads;
  for (const auto* who : {&parent_, &other_parent_}) {
    threads.emplace_back([&, who] {
      auto child = service_->Add(*who, id, {"小雨", 6, ""}, kNow);
      if (child.ok())
        ++added;
      else if (child.error().Name() == "childcare_full")
        ++full;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(added.load(), 1);
  EXPECT_EQ(full.load(), 1);
}

TEST_P(ChildcareServiceTest, AttendanceIsMarkedByOrganisersOnTheClassDays) {
  const long long id = Class(10);
  Register(id, parent_);
  const auto child = service_->Add(parent_, id, {"小雨", 7, ""}, kNow);
  ASSERT_TRUE(child.ok());
  ASSERT_TRUE(service_->RecordAttendance(keeper_, id, child->id, "2027-01-18", true, kNow).ok());
  ASSERT_TRUE(service_->RecordAttendance(keeper_, id, child->id, "2027-01-18", false, kNow + 60).ok());
  ASSERT_TRUE(service_->RecordAttendance(street_, id, child->id, "2027-01-22", true, kNow).ok());
  EXPECT_EQ(service_->RecordAttendance(keeper_, id, child->id, "2027-01-23", true, kNow).error().Name(),
            "bad_attendance_day");
  EXPECT_EQ(service_->RecordAttendance(other_street_, id, child->id, "2027-01-18", true, kNow).error().Name(),
            "childcare_forbidden");
  EXPECT_EQ(service_->RecordAttendance(keeper_, id, 999'999'999, "2027-01-18", true, kNow).error().code,
            core::ErrorCode::kNotFound);

  auto sheet = service_->AttendanceSheet(keeper_, id, kNow);
  ASSERT_TRUE(sheet.ok());
  EXPECT_EQ(sheet->days,
            (std::vector<std::string>{"2027-01-18", "2027-01-19", "2027-01-20", "2027-01-21", "2027-01-22"}));
  ASSERT_EQ(sheet->marks.size(), 2U);
  EXPECT_EQ(sheet->marks[0].day, "2027-01-18");
  EXPECT_FALSE(sheet->marks[0].present);
  EXPECT_EQ(sheet->marks[1].day, "2027-01-22");
  EXPECT_TRUE(sheet->marks[1].present);
  EXPECT_EQ(service_->AttendanceSheet(parent_, id, kNow).error().Name(), "childcare_forbidden");
}

INSTANTIATE_TEST_SUITE_P(Backends, ChildcareServiceTest, ::testing::ValuesIn(storage::TestDatabaseUrls("childcare")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::childcare
