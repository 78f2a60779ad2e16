#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "storage/database.h"
#include "storage/group_commit.h"
#include "storage/test_databases.h"

namespace youhao::storage {
namespace {

/// Runs on SQLite always, and on PostgreSQL too when YOUHAO_TEST_PG_URL is set.
std::vector<std::string> DatabaseUrls() { return storage::TestDatabaseUrls("youhao_storage_test"); }

class StorageTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = Database::Open(GetParam(), 4);
    auto connection = database_->Acquire();
    connection->ExecuteScript("DROP TABLE IF EXISTS storage_probe");
    connection->ExecuteScript(
        "CREATE TABLE storage_probe (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score DOUBLE PRECISION)");
  }
  std::unique_ptr<Database> database_;
};

TEST_P(StorageTest, BindsEveryValueKindAndReadsItBack) {
  auto connection = database_->Acquire();
  connection->Execute("INSERT INTO storage_probe (id, name, score) VALUES (?, ?, ?)",
                      {1LL, std::string("O'Brien 友好"), 2.5});
  connection->Execute("INSERT INTO storage_probe (id, name, score) VALUES (?, ?, ?)", {2LL, nullptr, nullptr});
  auto rows = connection->Query("SELECT id, name, score FROM storage_probe ORDER BY id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].Int(0), 1);
  EXPECT_EQ(rows[0].Text(1), "O'Brien 友好");
  EXPECT_DOUBLE_EQ(rows[0].Double(2), 2.5);
  EXPECT_TRUE(rows[1].IsNull(1));
}

TEST_P(StorageTest, BindsBytesAsABlob) {
  auto connection = database_->Acquire();
  const bool sqlite = GetParam().starts_with("sqlite:");
  connection->ExecuteScript(sqlite ? "CREATE TEMP TABLE blob_probe (data BLOB)"
                                   : "CREATE TEMP TABLE blob_probe (data bytea)");
  const std::string bytes("\x1f\x8b\x00\xff\x00zz", 7);
  connection->Execute("INSERT INTO blob_probe (data) VALUES (?)", {Blob{bytes}});
  const std::string read = connection->QueryOne("SELECT data FROM blob_probe")->Text(0);
  // SQLite gives the bytes back, NULs and all; PostgreSQL its hex text form.
  EXPECT_EQ(read, sqlite ? bytes : "\\x1f8b00ff007a7a");
  EXPECT_EQ(connection->QueryInt("SELECT COUNT(*) FROM blob_probe WHERE length(data) = 7"), 1);
}

TEST_P(StorageTest, SqlMetacharactersStayData) {
  auto connection = database_->Acquire();
  const std::string hostile = "x'); DROP TABLE storage_probe; --";
  connection->Execute("INSERT INTO storage_probe (id, name) VALUES (?, ?)", {7LL, hostile});
  EXPECT_EQ(connection->QueryOne("SELECT name FROM storage_probe WHERE id = ?", {7LL})->Text(0), hostile);
}

TEST_P(StorageTest, UniqueViolationIsFlagged) {
  auto connection = database_->Acquire();
  connection->Execute("INSERT INTO storage_probe (id, name) VALUES (?, ?)", {1LL, std::string("a")});
  try {
    connection->Execute("INSERT INTO storage_probe (id, name) VALUES (?, ?)", {2LL, std::string("a")});
    FAIL() << "expected a unique violation";
  } catch (const DatabaseError& error) {
    EXPECT_TRUE(error.unique_violation()) << error.what();
  }
}

TEST_P(StorageTest, TransactionRollsBackWhenNotCommitted) {
  auto connection = database_->Acquire();
  {
    Transaction transaction(*connection);
    connection->Execute("INSERT INTO storage_probe (id, name) VALUES (?, ?)", {1LL, std::string("a")});
  }
  EXPECT_EQ(connection->QueryInt("SELECT COUNT(*) FROM storage_probe"), 0);
}

TEST_P(StorageTest, PoolHandsOutDistinctConnectionsAndCountsUse) {
  {
    auto first = database_->Acquire();
    auto second = database_->Acquire();
    EXPECT_NE(&*first, &*second);
    EXPECT_EQ(database_->Stats().in_use, 2);
  }
  EXPECT_EQ(database_->Stats().in_use, 0);
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < 20; ++i) {
        auto connection = database_->Acquire();
        connection->Execute("INSERT INTO storage_probe (id, name) VALUES (?, ?)",
                            {static_cast<long long>(t * 100 + i), std::to_string(t * 100 + i)});
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(database_->Acquire()->QueryInt("SELECT COUNT(*) FROM storage_probe"), 160);
  EXPECT_LE(database_->Stats().open, 4);
}

TEST_P(StorageTest, MigrationsApplyOnceAndAreIdempotent) {
  auto connection = database_->Acquire();
  for (const char* table : {"compound_feedback",
                            "gate_events",
                            "whitelist_changes",
                            "whitelist",
                            "access_plan_history",
                            "access_plans",
                            "gates",
                            "revocations",
                            "passes",
                            "signing_keys",
                            "worker_photos",
                            "worker_status_history",
                            "places",
                            "workers",
                            "depots",
                            "audit_log",
                            "sessions",
                            "accounts",
                            "areas",
                            "schema_migrations"}) {
    connection->ExecuteScript(std::string("DROP TABLE IF EXISTS ") + table);
  }
  EXPECT_EQ(Migrate(*connection), LatestSchemaVersion());
  EXPECT_EQ(Migrate(*connection), 0);
  EXPECT_EQ(connection->QueryInt("SELECT MAX(version) FROM schema_migrations"), LatestSchemaVersion());
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageTest, ::testing::ValuesIn(DatabaseUrls()),
                         [](const auto& backend) { return storage::BackendName(backend.param); });

TEST(DatabaseOpen, RejectsUnknownUrl) { EXPECT_THROW(Database::Open("mysql://x", 1), DatabaseError); }

TEST(DatabaseOpen, IsDurableByDefaultAndTakesOnlyTheSynchronousOption) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("youhao_sync_" + std::to_string(::getpid()) + ".db")).string();
  EXPECT_EQ(Database::Open("sqlite:" + path, 1)->Acquire()->QueryInt("PRAGMA synchronous"), 2);  // FULL
  auto full = Database::Open("sqlite:" + path + "?synchronous=full", 1);
  EXPECT_EQ(full->Acquire()->QueryInt("PRAGMA synchronous"), 2);
  auto normal = Database::Open("sqlite:" + path + "?synchronous=normal", 1);
  EXPECT_EQ(normal->Acquire()->QueryInt("PRAGMA synchronous"), 1);  // NORMAL, asked for
  EXPECT_THROW(Database::Open("sqlite:" + path + "?synchronous=off", 1), DatabaseError);
}

TEST_P(StorageTest, GroupCommitKeepsEachUnitsOwnOutcome) {
  GroupCommit group(*database_, 8);
  std::vector<std::thread> threads;
  std::atomic<int> kept{0}, declined{0}, thrown{0};
  threads.reserve(16);
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        const int n = t * 100 + i;
        try {
          const bool ok = group.Run([n](Connection& connection) {
            connection.Execute("INSERT INTO storage_probe (id, name, score) VALUES (?, ?, ?)",
                               {static_cast<long long>(n + 1), "unit-" + std::to_string(n), 1.0});
            if (n % 7 == 0) return false;  // declines: its row must vanish
            if (n % 11 == 0) throw DatabaseError("unit failed after writing");
            return true;
          });
          (ok ? kept : declined)++;
        } catch (const DatabaseError&) {
          thrown++;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  auto connection = database_->Acquire();
  EXPECT_EQ(connection->QueryInt("SELECT COUNT(*) FROM storage_probe"), kept.load());
  EXPECT_EQ(kept + declined + thrown, 320);
  EXPECT_GT(declined.load(), 0);
  EXPECT_GT(thrown.load(), 0);
  const GroupCommitStats stats = group.Stats();
  EXPECT_EQ(stats.units, 320);
  EXPECT_LE(stats.largest_batch, 8);
  // A unique violation in one unit leaves the batch's other units committed.
  EXPECT_THROW(group.Run([](Connection& c) {
    c.Execute("INSERT INTO storage_probe (id, name, score) VALUES (99999, 'unit-1', 2.0)");
    return true;
  }),
               DatabaseError);
  EXPECT_EQ(connection->QueryInt("SELECT COUNT(*) FROM storage_probe WHERE name = 'unit-1'"), 1);
}

}  // namespace
}  // namespace youhao::storage
