// The SQL behind explaining verification, on SQLite, and on PostgreSQL when YOUHAO_TEST_PG_URL is
// set: communities of a depot's district, recent verification waits, stations to contact, the
// latest decision, and the notice written to a worker's bell.
#include "registry/verification_repository.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "storage/database.h"
#include "storage/test_databases.h"

namespace youhao::registry {
namespace {

// A small tree of its own: city TVRC, district TVRD, streets TVRS1 (communities TVRA, TVRB) and
// TVRS2 (community TVRX).
constexpr std::string_view kCity = "TVRC/";
constexpr std::string_view kStreet = "TVRC/TVRD/TVRS1/";
constexpr std::string_view kCommunityA = "TVRC/TVRD/TVRS1/TVRA/";

class VerificationRepositoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::Database::Open(GetParam(), 2);
    auto c = database_->Acquire();
    storage::Migrate(*c);
    Clean(*c);
    const auto area = [&](const char* code, const char* parent, const char* level, const char* name, const char* path,
                          storage::Value lat, storage::Value lon) {
      c->Execute(
          "INSERT INTO areas (code, parent_code, level, name_zh, name_en, path, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?, "
          "?)",
          {std::string(code), parent ? storage::Value{std::string(parent)} : storage::Value{nullptr},
           std::string(level), std::string(name), std::string(code), std::string(path), std::move(lat),
           std::move(lon)});
    };
    area("TVRC", nullptr, "city", "测试市", "TVRC/", nullptr, nullptr);
    area("TVRD", "TVRC", "district", "测试区", "TVRC/TVRD/", nullptr, nullptr);
    area("TVRS1", "TVRD", "street", "一街道", "TVRC/TVRD/TVRS1/", nullptr, nullptr);
    area("TVRS2", "TVRD", "street", "二街道", "TVRC/TVRD/TVRS2/", nullptr, nullptr);
    area("TVRA", "TVRS1", "community", "甲社区", "TVRC/TVRD/TVRS1/TVRA/", 40.0, 116.3);
    area("TVRB", "TVRS1", "community", "乙社区", "TVRC/TVRD/TVRS1/TVRB/", 40.01, 116.3);
    area("TVRX", "TVRS2", "community", "丙社区", "TVRC/TVRD/TVRS2/TVRX/", 40.02, 116.3);
  }
  void TearDown() override {
    auto c = database_->Acquire();
    Clean(*c);
  }
  static void Clean(storage::Connection& c) {
    const std::string like = std::string(kCity) + "%";
    c.Execute("DELETE FROM notifications WHERE login LIKE 'tvr-%'");
    c.Execute("DELETE FROM worker_status_history WHERE worker_id IN (SELECT id FROM workers WHERE area_path LIKE ?)",
              {like});
    c.Execute("DELETE FROM workers WHERE area_path LIKE ?", {like});
    c.Execute("DELETE FROM accounts WHERE login LIKE 'tvr-%'");
    c.Execute("DELETE FROM depots WHERE area_path LIKE ?", {like});
    c.Execute("DELETE FROM places WHERE area_path LIKE ?", {like});
    for (const char* code : {"TVRA", "TVRB", "TVRX", "TVRS1", "TVRS2", "TVRD", "TVRC"})
      c.Execute("DELETE FROM areas WHERE code = ?", {std::string(code)});
  }
  long long Worker(storage::Connection& c, std::optional<long long> account, const std::string& status,
                   long long created_at, std::string_view code = "TVRA", std::string_view path = kCommunityA) {
    static int next = 0;
    return c
        .QueryOne(
            "INSERT INTO workers (account_id, name, phone_digest, kind, platform, area_code, area_path, status, "
            "created_at) VALUES (?, '测试', ?, 'food', '美团', ?, ?, ?, ?) RETURNING id",
            {account ? storage::Value{*account} : storage::Value{nullptr}, "tvr-digest-" + std::to_string(++next),
             std::string(code), std::string(path), status, created_at})
        ->Int(0);
  }
  void History(storage::Connection& c, long long worker, const char* from, const char* to, long long at,
               const char* reason = "r") {
    c.Execute(
        "INSERT INTO worker_status_history (worker_id, at, from_status, to_status, reason, actor_login) VALUES (?, ?, "
        "?, ?, ?, 'tvr-officer')",
        {worker, at, std::string(from), std::string(to), std::string(reason)});
  }

  std::unique_ptr<storage::Database> database_;
};

TEST_P(VerificationRepositoryTest, OffersTheCommunitiesOfTheDepotsDistrictOrFindsThemByName) {
  auto c = database_->Acquire();
  const long long depot =
      c->QueryOne(
           "INSERT INTO depots (name, platform, area_code, area_path, lat, lon) VALUES ('测试站', '美团', 'TVRS1', ?, "
           "40.0, 116.3) RETURNING id",
           {std::string(kStreet)})
          ->Int(0);
  const auto spot = FindDepotSpot(*c, depot);
  ASSERT_TRUE(spot.has_value());
  EXPECT_EQ(spot->area_path, kStreet);
  EXPECT_EQ(spot->lat, 40.0);
  EXPECT_FALSE(FindDepotSpot(*c, depot + 100000).has_value());

  const auto codes = [](const std::vector<CommunityCandidate>& candidates) {
    std::vector<std::string> out;
    out.reserve(candidates.size());
    for (const auto& candidate : candidates) out.push_back(candidate.code);
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto all = CommunityCandidates(*c, *spot, "");
  EXPECT_EQ(codes(all), (std::vector<std::string>{"TVRA", "TVRB", "TVRX"})) << "the district's communities only";
  const auto a = std::find_if(all.begin(), all.end(), [](const auto& x) { return x.code == "TVRA"; });
  ASSERT_NE(a, all.end());
  EXPECT_EQ(a->name_zh, "甲社区");
  EXPECT_EQ(a->street_name, "一街道");
  EXPECT_EQ(a->path, kCommunityA);
  EXPECT_EQ(codes(CommunityCandidates(*c, *spot, "丙")), (std::vector<std::string>{"TVRX"}));
  EXPECT_TRUE(CommunityCandidates(*c, *spot, "%").empty()) << "LIKE's wildcards are text";

  ASSERT_TRUE(FindCommunity(*c, "TVRB").has_value());
  EXPECT_EQ(FindCommunity(*c, "TVRB")->path, "TVRC/TVRD/TVRS1/TVRB/");
  EXPECT_FALSE(FindCommunity(*c, "TVRS1").has_value()) << "a street is no community";
  EXPECT_FALSE(FindCommunity(*c, "NOPE").has_value());
}

TEST_P(VerificationRepositoryTest, ReadsWaitsStationsAndTheLatestDecision) {
  auto c = database_->Acquire();
  const long long quick = Worker(*c, std::nullopt, "verified", 1000);
  History(*c, quick, "pending", "pending", 1000);
  History(*c, quick, "pending", "verified", 1000 + 7200);
  const long long old = Worker(*c, std::nullopt, "verified", 10);
  History(*c, old, "pending", "verified", 500);
  const long long restored = Worker(*c, std::nullopt, "verified", 1000);
  History(*c, restored, "suspended", "verified", 9000);
  const long long elsewhere = Worker(*c, std::nullopt, "verified", 1000, "TVRX", "TVRC/TVRD/TVRS2/TVRX/");
  History(*c, elsewhere, "pending", "verified", 1100);
  EXPECT_EQ(RecentVerificationWaits(*c, kCommunityA, 600), (std::vector<long long>{7200}))
      << "verifications from pending, in the community, since the window opened";

  c->Execute(
      "INSERT INTO places (kind, name, area_code, area_path, lat, lon, created_at, status, address, details_json) "
      "VALUES ('station', '甲驿站', 'TVRA', ?, 40.0, 116.3, 0, 'approved', '甲路1号', '{\"phone\":\"010-1\"}'), "
      "('station', '待审驿站', 'TVRA', ?, 40.0, 116.3, 0, 'pending', '', '{}'), "
      "('merchant', '甲商户', 'TVRA', ?, 40.0, 116.3, 0, 'approved', '', '{}'), "
      "('station', '乙驿站', 'TVRB', ?, 40.01, 116.3, 0, 'approved', '', '{}')",
      {std::string(kCommunityA), std::string(kCommunityA), std::string(kCommunityA), "TVRC/TVRD/TVRS1/TVRB/"});
  auto stations = StationsWithin(*c, kStreet);
  std::sort(stations.begin(), stations.end(), [](const auto& x, const auto& y) { return x.name < y.name; });
  ASSERT_EQ(stations.size(), 2u) << "approved stations of the street only";
  const auto& own = stations[0].name == "甲驿站" ? stations[0] : stations[1];
  EXPECT_EQ(own.name, "甲驿站");
  EXPECT_EQ(own.phone, "010-1");
  EXPECT_EQ(own.address, "甲路1号");
  EXPECT_EQ(own.area_path, kCommunityA);

  EXPECT_FALSE(LatestDecision(*c, old + 100000).has_value());
  History(*c, quick, "verified", "suspended", 20000, "逆行");
  const auto decision = LatestDecision(*c, quick);
  ASSERT_TRUE(decision.has_value());
  EXPECT_EQ(decision->from, "verified");
  EXPECT_EQ(decision->to, "suspended");
  EXPECT_EQ(decision->reason, "逆行");
  EXPECT_EQ(decision->at, 20000);
  const long long fresh = Worker(*c, std::nullopt, "pending", 1000);
  History(*c, fresh, "pending", "pending", 1000);
  EXPECT_FALSE(LatestDecision(*c, fresh).has_value()) << "registering decides nothing";
}

TEST_P(VerificationRepositoryTest, WritesTheDecisionToTheWorkersBell) {
  auto c = database_->Acquire();
  const long long account =
      c->QueryOne(
           "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) "
           "VALUES ('tvr-rider', 'x', 'worker', 'TVRA', 'x', 0, 0) RETURNING id")
          ->Int(0);
  const long long worker = Worker(*c, account, "pending", 1000);
  const auto bell = [&] {
    return c->Query("SELECT kind, fields, report_id FROM notifications WHERE login = 'tvr-rider' ORDER BY id");
  };
  EXPECT_EQ(NotifyStatusChange(*c, worker, "pending", "pending", "registered", 1000), std::nullopt);
  EXPECT_TRUE(bell().empty());
  EXPECT_EQ(NotifyStatusChange(*c, worker, "pending", "revoked", "照片不是本人", 2000),
            std::optional<std::string>("tvr-rider"));
  const auto rows = bell();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(0), "worker_refused");
  EXPECT_NE(rows[0].Text(1).find("甲社区"), std::string::npos) << rows[0].Text(1);
  EXPECT_NE(rows[0].Text(1).find("照片不是本人"), std::string::npos) << rows[0].Text(1);
  EXPECT_TRUE(rows[0].IsNull(2)) << "about no report";

  const long long no_account = Worker(*c, std::nullopt, "pending", 1000);
  EXPECT_EQ(NotifyStatusChange(*c, no_account, "pending", "verified", "ok", 3000), std::nullopt);
  EXPECT_EQ(bell().size(), 1u);
}

TEST(PathPrefix, KeepsTheFirstSegments) {
  EXPECT_EQ(PathPrefix("110000/110108/110108011/110108011001/", 2), "110000/110108/");
  EXPECT_EQ(PathPrefix("110000/110108/110108011/110108011001/", 3), "110000/110108/110108011/");
  EXPECT_EQ(PathPrefix("110000/", 3), "110000/");
  EXPECT_EQ(PathPrefix("", 2), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, VerificationRepositoryTest,
                         ::testing::ValuesIn(storage::TestDatabaseUrls("youhao_verification_repository_test")),
                         [](const auto& backend) { return storage::BackendName(backend.param); });

}  // namespace
}  // namespace youhao::registry
