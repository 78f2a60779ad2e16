#include "demo/demo_city.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "core/keyring.h"
#include "core/random.h"
#include "registry/phone_vault.h"

namespace youhao::demo {
namespace {

std::unique_ptr<storage::Database> FreshDatabase(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / (name + std::to_string(::getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  auto database = storage::Database::Open("sqlite:" + path.string(), 1);
  auto connection = database->Acquire();
  storage::Migrate(*connection);
  return database;
}

std::string Fingerprint(storage::Database& database) {
  auto connection = database.Acquire();
  std::string text;
  for (const auto& row : connection->Query("SELECT code, name_zh, lat FROM areas ORDER BY code")) {
    text += row.Text(0) + row.Text(1) + row.Text(2) + "\n";
  }
  for (const auto& row : connection->Query("SELECT name, phone_digest, status FROM workers ORDER BY id")) {
    text += row.Text(0) + row.Text(1) + row.Text(2) + "\n";
  }
  return text;
}

TEST(DemoCity, IsDeterministicAndRealistic) {
  core::InitCrypto();
  const auto keyring = core::Keyring::Ephemeral();
  const registry::PhoneVault phones(keyring);
  auto first = FreshDatabase("youhao_demo_a");
  auto second = FreshDatabase("youhao_demo_b");
  const DemoSummary summary = GenerateDemoCity(*first, {}, phones);
  GenerateDemoCity(*second, {}, phones);
  EXPECT_EQ(Fingerprint(*first), Fingerprint(*second));

  EXPECT_GE(summary.streets, 20);
  EXPECT_EQ(summary.communities, 40);
  EXPECT_EQ(summary.compounds, 200);
  EXPECT_EQ(summary.workers, 1000);
  EXPECT_GE(summary.osm_compounds, 5);
  EXPECT_EQ(summary.logins.size(), 14u);

  {
    auto connection = first->Acquire();
    for (const char* real : {"华清嘉园", "荷清苑", "双泉嘉苑", "富润家园", "学士居"}) {
      EXPECT_EQ(connection->QueryInt("SELECT COUNT(*) FROM areas WHERE level = 'compound' AND name_zh LIKE ?",
                                     {std::string("%") + real + "%"}),
                1)
          << real;
    }
    // Every phone distinct, every worker inside Haidian, every path consistent with its parent.
    EXPECT_EQ(connection->QueryInt("SELECT COUNT(DISTINCT phone_digest) FROM workers"), 1002);
    // Phones are sealed: none in plain text, and demo-worker's opens to the number it was given.
    EXPECT_EQ(connection->QueryInt("SELECT COUNT(*) FROM workers WHERE phone_sealed IS NULL OR phone_sealed LIKE "
                                   "'%138001380%' OR phone_digest LIKE '1%' AND LENGTH(phone_digest) = 11"),
              0);
    auto demo_worker = connection->QueryOne(
        "SELECT w.phone_sealed, w.phone_digest FROM workers w JOIN accounts a ON a.id = w.account_id "
        "WHERE a.login = 'demo-worker'");
    ASSERT_TRUE(demo_worker);
    EXPECT_EQ(phones.Open(demo_worker->Text(0)), std::optional<std::string>("13800138000"));
    EXPECT_EQ(demo_worker->Text(1), phones.Digest("13800138000"));
    EXPECT_EQ(connection->QueryInt("SELECT COUNT(*) FROM workers w JOIN areas a ON a.code = w.area_code "
                                   "WHERE a.path NOT LIKE '110000/110108/%'"),
              0);
    EXPECT_EQ(connection->QueryInt("SELECT COUNT(*) FROM areas c JOIN areas p ON p.code = c.parent_code "
                                   "WHERE c.path <> p.path || c.code || '/'"),
              0);
    EXPECT_EQ(connection->QueryInt("SELECT COUNT(*) FROM workers WHERE account_id IS NOT NULL"),
              2);  // demo-worker, demo-reporter
    // demo-reporter is a running grid reporter with reports that went straight to the grid.
    EXPECT_EQ(connection->QueryInt("SELECT COUNT(*) FROM grid_reporters g JOIN accounts a ON a.id = g.account_id WHERE "
                                   "a.login = 'demo-reporter'"),
              1);
    EXPECT_GT(connection->QueryInt("SELECT COUNT(*) FROM reports WHERE grid_reporter = 1"), 0);
    EXPECT_EQ(connection->QueryInt("SELECT COUNT(*) FROM conduct_records"), 420);
    EXPECT_GT(connection->QueryInt("SELECT COUNT(*) FROM conduct_records WHERE recorded_by = 'demo-guard'"), 40);
    EXPECT_EQ(connection->QueryInt("SELECT COUNT(*) FROM areas WHERE name_zh LIKE '%委会'"), 0);
  }
  try {
    GenerateDemoCity(*first, {}, phones);
    FAIL() << "a second generation into the same database must be refused";
  } catch (const storage::DatabaseError& error) {
    FAIL() << "refused for the wrong reason: " << error.what();
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("already holds areas"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace youhao::demo
