#pragma once
/// For tests that run on both databases: a throw-away SQLite file always, and PostgreSQL too when
/// YOUHAO_TEST_PG_URL is set (ctest's *_postgres tests set it through scripts/with-postgres.sh).

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

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

}  // namespace youhao::storage
