// The gate repository's statements on SQLite, and on PostgreSQL when YOUHAO_TEST_PG_URL is set
// (ctest's unit_entry_postgres runs them there), including inserts through group commit.
#include "entry/gate_repository.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "storage/group_commit.h"
#include "storage/test_databases.h"

namespace youhao::entry {
namespace {

std::vector<std::string> DatabaseUrls() { return storage::TestDatabaseUrls("youhao_gate_test"); }

constexpr long long kNow = 1'800'000'000;

class GateRepositoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = storage::Database::Open(GetParam(), 4);
    auto c = database_->Acquire();
    storage::Migrate(*c);
    for (const char* table : {"gate_events", "passes", "workers", "gates", "signing_keys"}) {
      c->Execute(std::string("DELETE FROM ") + table);
    }
    c->Execute("DELETE FROM areas WHERE code IN ('T-A', 'T-B')");
    c->Execute(
        "INSERT INTO areas (code, level, name_zh, name_en, path, lat, lon) VALUES "
        "('T-A', 'compound', '甲小区', 'A', 'T-A/', 39.96, 116.35), ('T-B', 'compound', '乙小区', 'B', 'T-B/', NULL, "
        "NULL)");
    c->Execute("INSERT INTO signing_keys (key_id, public_key, secret_key, created_at) VALUES (1, 'pk', 'sk', 0)");
    c->Execute(
        "INSERT INTO workers (id, name, phone_digest, kind, platform, area_code, area_path, status, created_at) VALUES "
        "(7, '张小哥', '13800000007', 'food', 'meituan', 'T-A', 'T-A/', 'verified', 0), "
        "(8, '李师傅', '13800000008', 'parcel', 'sf', 'T-A', 'T-A/', 'suspended', 0)");
    c->Execute(
        "INSERT INTO passes (id, worker_id, key_id, device_public_key, issued_at, expires_at, revoked_at) VALUES "
        "(70, 7, 1, 'device-7', 0, 9999999999, NULL), (80, 8, 1, 'device-8', 0, 9999999999, 5)");
    c->Execute("INSERT INTO gates (id, compound_code, name, kind) VALUES (11, 'T-A', '南门', 'pedestrian')");
  }
  void TearDown() override {
    auto c = database_->Acquire();
    for (const char* table : {"gate_events", "passes", "workers", "gates", "signing_keys"}) {
      c->Execute(std::string("DELETE FROM ") + table);
    }
    c->Execute("DELETE FROM areas WHERE code IN ('T-A', 'T-B')");
  }
  NewGateEvent Event(long long worker, long long at, const std::string& direction, bool allowed = true) {
    return NewGateEvent{.compound_code = "T-A",
                        .gate_id = 11,
                        .worker_id = worker,
                        .pass_id = worker * 10,
                        .direction = direction,
                        .at = at,
                        .allowed = allowed,
                        .code = allowed ? "pass_ok" : "pass_revoked",
                        .source = "online",
                        .evidence = {.verified = true}};
  }
  std::unique_ptr<storage::Database> database_;
};

TEST_P(GateRepositoryTest, ReadsThePassAndWorkerLive) {
  auto c = database_->Acquire();
  PassRecord seven = GateRepository::ReadPass(*c, 7, 70);
  ASSERT_TRUE(seven.worker);
  EXPECT_EQ(seven.worker->name, "张小哥");
  EXPECT_EQ(seven.worker->status, "verified");
  EXPECT_FALSE(seven.worker->has_photo);
  EXPECT_TRUE(seven.pass_found);
  EXPECT_FALSE(seven.pass_revoked);
  EXPECT_EQ(seven.device_public_key, "device-7");

  PassRecord revoked = GateRepository::ReadPass(*c, 8, 80);
  EXPECT_TRUE(revoked.pass_revoked);
  EXPECT_EQ(revoked.worker->status, "suspended");

  PassRecord someone_elses = GateRepository::ReadPass(*c, 7, 80);  // pass 80 is worker 8's
  ASSERT_TRUE(someone_elses.worker);
  EXPECT_FALSE(someone_elses.pass_found);
  EXPECT_FALSE(GateRepository::ReadPass(*c, 999, 70).worker);
}

TEST_P(GateRepositoryTest, StoresScansAndAnswersWhoIsInside) {
  auto c = database_->Acquire();
  const long long first = GateRepository::InsertOnline(*c, Event(7, kNow - 600, "in"));
  GateRepository::InsertOnline(*c, Event(8, kNow - 500, "in", false));
  GateRepository::InsertOnline(*c, Event(7, kNow - 100, "out"));
  EXPECT_GT(first, 0);

  auto passages = GateRepository::PassagesSince(*c, "T-A", kNow - 3600);
  ASSERT_EQ(passages.size(), 2U);  // refusals are not passages
  EXPECT_EQ(passages[0].direction, "in");
  EXPECT_EQ(passages[1].direction, "out");

  auto last = GateRepository::LastAllowedScan(*c, 7, kNow - 3600);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->at, kNow - 100);
  EXPECT_EQ(last->compound_code, "T-A");
  ASSERT_TRUE(last->lat);
  EXPECT_NEAR(*last->lat, 39.96, 1e-9);
  EXPECT_FALSE(GateRepository::LastAllowedScan(*c, 8, kNow - 3600));

  auto recent = GateRepository::Recent(*c, "T-A", 2);
  ASSERT_EQ(recent.size(), 2U);
  EXPECT_EQ(recent[0].at, kNow - 100);
  EXPECT_EQ(recent[1].worker_name, "李师傅");
  EXPECT_EQ(recent[1].code, "pass_revoked");
  EXPECT_EQ(GateRepository::WorkerNameAndPlatform(*c, 7),
            std::make_pair(std::string("张小哥"), std::string("meituan")));

  EXPECT_EQ(GateRepository::PurgeBefore(*c, kNow - 550), 1);
  EXPECT_EQ(GateRepository::Recent(*c, "T-A", 10).size(), 2U);
}

TEST_P(GateRepositoryTest, AnOfflineScanUploadedTwiceCountsOnce) {
  auto c = database_->Acquire();
  NewGateEvent offline = Event(7, kNow - 60, "in");
  offline.client_event_id = "guard-phone-1:42";
  offline.source = "offline";
  EXPECT_TRUE(GateRepository::InsertOffline(*c, offline));
  EXPECT_FALSE(GateRepository::InsertOffline(*c, offline));
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM gate_events WHERE source = 'offline'"), 1);
}

TEST_P(GateRepositoryTest, UnverifiedScansAreKeptFlaggedButAreNeitherPassagesNorPositions) {
  auto c = database_->Acquire();
  NewGateEvent claim = Event(7, kNow - 60, "in");
  claim.client_event_id = "old-gate:1";
  claim.source = "offline";
  claim.evidence = {.verified = false, .reason = "no_code"};
  ASSERT_TRUE(GateRepository::InsertOffline(*c, claim));
  NewGateEvent verified = Event(8, kNow - 30, "in");
  verified.client_event_id = "new-gate:1";
  verified.source = "offline";
  ASSERT_TRUE(GateRepository::InsertOffline(*c, verified));

  auto passages = GateRepository::PassagesSince(*c, "T-A", kNow - 3600);
  ASSERT_EQ(passages.size(), 1U);
  EXPECT_EQ(passages[0].worker_id, 8);
  EXPECT_FALSE(GateRepository::LastAllowedScan(*c, 7, kNow - 3600));
  EXPECT_TRUE(GateRepository::LastAllowedScan(*c, 8, kNow - 3600));

  auto recent = GateRepository::Recent(*c, "T-A", 10);
  ASSERT_EQ(recent.size(), 2U);
  EXPECT_TRUE(recent[0].evidence.verified);
  EXPECT_EQ(recent[0].evidence.reason, "");
  EXPECT_FALSE(recent[1].evidence.verified);
  EXPECT_EQ(recent[1].evidence.reason, "no_code");
  EXPECT_EQ(recent[1].source, "offline");
}

TEST_P(GateRepositoryTest, ScansFromManyThreadsShareGroupCommits) {
  storage::GroupCommit writer(*database_);
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        writer.Run([&](storage::Connection& connection) {
          return GateRepository::InsertOnline(connection, Event(7, kNow + t * 1000LL + i, "in")) > 0;
        });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto c = database_->Acquire();
  EXPECT_EQ(c->QueryInt("SELECT COUNT(*) FROM gate_events"), kThreads * kEach);
  EXPECT_EQ(c->QueryInt("SELECT COUNT(DISTINCT id) FROM gate_events"), kThreads * kEach);
  EXPECT_LE(writer.Stats().batches, kThreads * kEach);
}

INSTANTIATE_TEST_SUITE_P(Backends, GateRepositoryTest, ::testing::ValuesIn(DatabaseUrls()),
                         [](const auto& backend) { return storage::BackendName(backend.param); });

}  // namespace
}  // namespace youhao::entry
