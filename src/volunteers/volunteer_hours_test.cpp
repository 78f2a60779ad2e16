// The volunteers' SQL on SQLite and on PostgreSQL: a check-out at a team's event records the
// minutes once and pays the whole hours once, however often the door reports it; who sees a team
// (its street's people, its area's organisers, nobody of another street); joining, leading, leaving.
#include "volunteers/volunteer_hours.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "accounts/test_accounts.h"
#include "areas/test_areas.h"
#include "points/ledger.h"
#include "points/test_points.h"
#include "schedule/clock.h"
#include "storage/test_databases.h"
#include "volunteers/volunteer_repository.h"

namespace youhao::volunteers {
namespace {

constexpr long long kNow = 1'765'000'000;

class ScanHoursTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::OpenMigratedTestDatabase(GetParam());
    auto c = database_->Acquire();
    c->Execute("DELETE FROM volunteer_hours");
    c->Execute("DELETE FROM volunteer_members");
    c->Execute("DELETE FROM volunteer_teams WHERE name LIKE 'VT-%'");
    areas::TestArea(*c, "VT-S", "", "street", "志愿街道", "VT/VT-S/");
    account_ = accounts::TestAccount(*c, "vt-worker", accounts::Role::kWorker, "VT-S", "VT/VT-S/").account_id;
    // The city's volunteer_hour rule, paying from a funded pool without caps that could stop it.
    ASSERT_TRUE(points::PayingCityRule(*c, "volunteer_hour", 10));
    Team team;
    team.name = "VT-街道志愿队";
    team.area_code = "VT-S";
    team.area_path = "VT/VT-S/";
    team.created_by = account_;
    team_ = volunteer_repository::InsertTeam(*c, team, kNow);
    volunteer_repository::Join(*c, team_, account_, kNow - 20'000);
    team_event_ = Event(team_);
    plain_event_ = Event(std::nullopt);
  }

  long long Event(std::optional<long long> team) {
    auto c = database_->Acquire();
    static int counter = 0;
    const std::string uid = "vt" + std::to_string(kNow) + "-" + std::to_string(++counter) + "@youhao";
    c->Execute("DELETE FROM events WHERE uid = ?", {uid});
    return c->QueryInt(
        "INSERT INTO events (uid, kind, title, organiser_kind, organiser_name, created_by, area_code, area_path, lat, "
        "lon, starts_at, ends_at, capacity, team_id, created_at, updated_at) VALUES (?, 'volunteer', 'shift', "
        "'union', 'u', ?, 'VT-S', 'VT/VT-S/', 39.9, 116.3, ?, ?, 10, ?, 0, 0) RETURNING id",
        {uid, account_, kNow - 10'000, kNow, team ? storage::Value(*team) : storage::Value(nullptr)});
  }

  long long Count(const std::string& sql) {
    auto c = database_->Acquire();
    return c->QueryInt(sql, {account_});
  }
  long long Entries() { return Count("SELECT COUNT(*) FROM volunteer_hours WHERE account_id = ?"); }

  std::unique_ptr<storage::Database> database_;
  long long account_ = 0;
  long long team_ = 0;
  long long team_event_ = 0;
  long long plain_event_ = 0;
};

TEST_P(ScanHoursTest, RecordsOnceAndPaysWholeHoursOnce) {
  {
    auto c = database_->Acquire();
    storage::Transaction transaction(*c);
    RecordScanHours(*c, team_event_, account_, kNow - 9000, kNow, kNow);
    transaction.Commit();
  }
  auto c = database_->Acquire();
  const auto entry = volunteer_repository::FindScanEntry(*c, team_event_, account_);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->minutes, 150);
  EXPECT_EQ(entry->status, HoursStatus::kApproved);
  EXPECT_EQ(entry->source, HoursSource::kScan);
  EXPECT_EQ(entry->day, schedule::BeijingDate(kNow - 9000));
  const long long paid = c->QueryInt("SELECT COUNT(*) FROM points_transfers WHERE client_id LIKE ?",
                                     {"volunteer_hour:hours:" + std::to_string(entry->id) + ":%"});
  EXPECT_EQ(paid, 2) << "two whole hours";

  // The door reports the check-out again, later: nothing changes, nothing is paid twice.
  RecordScanHours(*c, team_event_, account_, kNow - 9000, kNow + 3600, kNow + 3600);
  EXPECT_EQ(Entries(), 1);
  EXPECT_EQ(volunteer_repository::FindScanEntry(*c, team_event_, account_)->minutes, 150);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM points_transfers WHERE client_id LIKE ?",
                        {"volunteer_hour:hours:" + std::to_string(entry->id) + ":%"}),
            2);
}

TEST_P(ScanHoursTest, IgnoresEventsOfNoTeamAndCheckOutsWithinAMinute) {
  auto c = database_->Acquire();
  const auto awards = [&c] {
    return c->QueryInt("SELECT COUNT(*) FROM points_transfers WHERE client_id LIKE 'volunteer_hour:hours:%'");
  };
  const long long before = awards();
  RecordScanHours(*c, plain_event_, account_, kNow - 9000, kNow, kNow);
  EXPECT_EQ(Entries(), 0);
  RecordScanHours(*c, team_event_, account_, kNow - 30, kNow, kNow);
  EXPECT_EQ(Entries(), 0);
  RecordScanHours(*c, team_event_, account_, kNow - 1800, kNow, kNow);
  EXPECT_EQ(Entries(), 1);
  EXPECT_EQ(awards(), before) << "half an hour pays no whole hour";
}

TEST_P(ScanHoursTest, ANonMembersCheckOutRecordsNothing) {
  auto c = database_->Acquire();
  ASSERT_TRUE(volunteer_repository::Leave(*c, team_, account_, kNow - 15'000));
  RecordScanHours(*c, team_event_, account_, kNow - 9000, kNow, kNow);
  EXPECT_EQ(Entries(), 0) << "a worker outside the team scanned at its shift earns no hours";
  EXPECT_FALSE(volunteer_repository::FindScanEntry(*c, team_event_, account_));
}

TEST_P(ScanHoursTest, OnlyTheEventsOwnTimeCounts) {
  auto c = database_->Acquire();
  // The shift runs from kNow - 10000 to kNow (166 whole minutes); in long before, out long after.
  RecordScanHours(*c, team_event_, account_, kNow - 30'000, kNow + 20'000, kNow + 20'000);
  const auto entry = volunteer_repository::FindScanEntry(*c, team_event_, account_);
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->minutes, 10'000 / 60);
  EXPECT_EQ(entry->day, schedule::BeijingDate(kNow - 10'000));
}

TEST_P(ScanHoursTest, TeamsAreSeenFromBelowAndAbove) {
  auto c = database_->Acquire();
  const auto ids = [](const std::vector<Team>& teams) {
    std::vector<long long> out;
    out.reserve(teams.size());
    for (const Team& team : teams) out.push_back(team.id);
    return out;
  };
  const auto has = [&](const std::vector<Team>& teams) {
    const auto all = ids(teams);
    return std::find(all.begin(), all.end(), team_) != all.end();
  };
  // A worker of a community of the street, an organiser of the district above, of the street itself.
  EXPECT_TRUE(has(volunteer_repository::TeamsAround(*c, "VT/VT-S/VT-C/", "VT/VT-S/VT-C/")));
  EXPECT_TRUE(has(volunteer_repository::TeamsAround(*c, "VT/", "VT/")));
  EXPECT_TRUE(has(volunteer_repository::TeamsAround(*c, "VT/VT-S/", "VT/VT-S/")));
  // Another street's people do not see it.
  EXPECT_FALSE(has(volunteer_repository::TeamsAround(*c, "VT/VT-T/", "VT/VT-T/VT-X/")));
  EXPECT_FALSE(has(volunteer_repository::TeamsAround(*c, "VT/VT-S2/", "VT/VT-S2/")));

  volunteer_repository::Join(*c, team_, account_, kNow);
  ASSERT_TRUE(volunteer_repository::Membership(*c, team_, account_));
  EXPECT_TRUE(volunteer_repository::SetLeader(*c, team_, account_, true));
  EXPECT_TRUE(volunteer_repository::Membership(*c, team_, account_)->leader);
  EXPECT_TRUE(volunteer_repository::Leave(*c, team_, account_, kNow + 1));
  EXPECT_FALSE(volunteer_repository::Membership(*c, team_, account_));
  EXPECT_FALSE(volunteer_repository::Leave(*c, team_, account_, kNow + 2));
  volunteer_repository::Join(*c, team_, account_, kNow + 3);
  const auto again = volunteer_repository::Membership(*c, team_, account_);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->leader) << "rejoining makes a plain member";
  EXPECT_EQ(volunteer_repository::FindTeam(*c, team_)->members, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ScanHoursTest, ::testing::ValuesIn(storage::TestDatabaseUrls("volunteers")),
                         [](const auto& test) { return storage::BackendName(test.param); });

}  // namespace
}  // namespace youhao::volunteers
