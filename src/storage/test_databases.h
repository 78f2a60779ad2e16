#pragma once
/// For tests that run on both databases: a throw-away SQLite file always, and PostgreSQL too when
/// YOUHAO_TEST_PG_URL is set (ctest's *_postgres tests set it through scripts/with-postgres.sh).

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/random.h"
#include "storage/database.h"

namespace youhao::storage {

/// The database URLs a parameterised test runs on; `name` makes the SQLite file its own.
inline std::vector<std::string> TestDatabaseUrls(const std::string& name) {
  const std::string sqlite_path =
      (std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()) + ".db")).string();
  std::vector<std::string> urls = {"sqlite:" + sqlite_path};
  if (const char* pg = std::getenv("YOUHAO_TEST_PG_URL"); pg != nullptr && *pg != '\0') urls.emplace_back(pg);
  return urls;
}

/// The test name suffix for a URL: "sqlite" or "postgres".
inline std::string BackendName(const std::string& url) { return url.starts_with("sqlite") ? "sqlite" : "postgres"; }

/// A test's database at `url` (one of TestDatabaseUrls), with two connections, migrated to the newest
/// schema. Initialises libsodium first (`core::InitCrypto`), which sealing, signing and random ids need.
inline std::unique_ptr<Database> OpenMigratedTestDatabase(const std::string& url) {
  core::InitCrypto();
  auto database = Database::Open(url, 2);
  Migrate(*database->Acquire());
  return database;
}

}  // namespace youhao::storage
