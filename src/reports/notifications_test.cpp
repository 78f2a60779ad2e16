// The inbox on SQLite (and on PostgreSQL when YOUHAO_TEST_PG_URL is set): notifications written in
// a transaction wake their logins' streams only when told to after the commit, each login once; the
// state a stream sends (unread, newest id); marking read wakes the reader's other streams.
#include "reports/notifications.h"

#include <gtest/gtest.h>

#include <atomic>

#include "storage/test_databases.h"

namespace youhao::reports {
namespace {

constexpr const char* kRider = "t-inbox-rider";
constexpr const char* kOfficer = "t-inbox-officer";

class InboxTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::Database::Open(GetParam(), 2);
    auto c = database_->Acquire();
    storage::Migrate(*c);
    Clean(*c);
  }
  void TearDown() override {
    auto c = database_->Acquire();
    Clean(*c);
  }
  static void Clean(storage::Connection& c) {
    c.Execute("DELETE FROM notifications WHERE login IN (?, ?)", {std::string(kRider), std::string(kOfficer)});
  }

  std::unique_ptr<storage::Database> database_;
};

TEST_P(InboxTest, ToldLoginsAreWokenOnceAfterTheCommit) {
  core::EventBus bus;
  std::atomic<int> rider_wakes{0}, officer_wakes{0};
  auto rider_subscription = bus.Subscribe(InboxTopic(kRider), [&] { ++rider_wakes; });
  auto officer_subscription = bus.Subscribe(InboxTopic(kOfficer), [&] { ++officer_wakes; });
  NotificationInbox inbox(*database_);
  EXPECT_EQ(inbox.State(kRider), (InboxState{0, 0}));

  Told told;
  {
    auto c = database_->Acquire();
    storage::Transaction transaction(*c);
    Notify(*c, told, kRider, std::nullopt, notification::kGridAppointed, {{"area", "T"}}, 100);
    Notify(*c, told, kRider, std::nullopt, notification::kGridAppointed, {{"area", "U"}}, 101);
    Notify(*c, told, kOfficer, std::nullopt, notification::kGridAppointed, {{"area", "T"}}, 101);
    EXPECT_EQ(rider_wakes, 0) << "nobody is woken inside the transaction";
    transaction.Commit();
  }
  EXPECT_EQ(told.logins(), (std::vector<std::string>{kRider, kOfficer})) << "each login once, in order";
  told.Wake(&bus);
  EXPECT_EQ(rider_wakes, 1);
  EXPECT_EQ(officer_wakes, 1);
  told.Wake(nullptr);  // without a bus: nothing to wake, nothing fails

  const InboxState rider = inbox.State(kRider);
  EXPECT_EQ(rider.unread, 2);
  auto [items, unread] = inbox.List(kRider, false);
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(unread, 2);
  EXPECT_EQ(rider.latest, items.front().id) << "the newest notification";
  EXPECT_FALSE(items.front().report_id) << "a notification about no report";
  EXPECT_EQ(items.front().kind, notification::kGridAppointed);
  EXPECT_EQ(items.front().fields.at("area").as_string(), "U");
  EXPECT_FALSE(items.front().fields.contains("id"));

  // Marking read changes the state and wakes the reader's streams, only theirs, only when something changed.
  inbox.SetEventBus(&bus);
  EXPECT_EQ(inbox.MarkRead(kRider, items.back().id, 200), 1);
  EXPECT_EQ(inbox.State(kRider), (InboxState{1, rider.latest}));
  EXPECT_EQ(rider_wakes, 2);
  EXPECT_EQ(inbox.MarkRead(kRider, std::nullopt, 201), 1);
  EXPECT_EQ(inbox.MarkRead(kRider, std::nullopt, 202), 0);
  EXPECT_EQ(rider_wakes, 3) << "nothing left to mark: no wake";
  EXPECT_EQ(officer_wakes, 1);
  EXPECT_EQ(inbox.State(kRider), (InboxState{0, rider.latest}));
  EXPECT_EQ(inbox.State(kOfficer).unread, 1);
}

TEST_P(InboxTest, ANotificationAboutAReportCarriesItsId) {
  auto c = database_->Acquire();
  c->Execute("DELETE FROM areas WHERE code = 'T-IN'");
  c->Execute(
      "INSERT INTO areas (code, level, name_zh, name_en, path) VALUES ('T-IN', 'community', '甲社区', 'T', 'T-IN/')");
  const long long report =
      c->QueryOne(
           "INSERT INTO reports (category, status, description, lat, lon, address, area_code, area_path, "
           "reporter_name, source, created_at, updated_at, due_at) VALUES ('hazard', 'submitted', '', 39.9, 116.3, "
           "'', 'T-IN', 'T-IN/', 'x', 'app', 0, 0, 0) RETURNING id")
          ->Int(0);
  Told told;
  Notify(*c, told, kOfficer, report, notification::kAssigned, {{"category", "hazard"}}, 5);
  NotificationInbox inbox(*database_);
  auto [items, unread] = inbox.List(kOfficer, true);
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items.front().report_id, report);
  EXPECT_EQ(items.front().fields.at("id").as_int64(), report) << "worded with the report's id";
  EXPECT_EQ(items.front().message, "") << "words come from the catalogue, not the row";
  c->Execute("DELETE FROM notifications WHERE report_id = ?", {report});
  c->Execute("DELETE FROM reports WHERE id = ?", {report});
  c->Execute("DELETE FROM areas WHERE code = 'T-IN'");
}

INSTANTIATE_TEST_SUITE_P(Backends, InboxTest, ::testing::ValuesIn(storage::TestDatabaseUrls("youhao_inbox_test")),
                         [](const auto& backend) { return storage::BackendName(backend.param); });

}  // namespace
}  // namespace youhao::reports
