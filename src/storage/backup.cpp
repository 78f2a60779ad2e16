#include "storage/backup.h"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <vector>

#include "storage/database.h"

extern char** environ;

namespace youhao::storage {

namespace {

/// The path of an `sqlite:PATH[?options]` URL.
std::string SqlitePath(std::string_view url) {
  std::string path(url.substr(7));
  if (path.starts_with("//")) path = path.substr(2);
  if (const auto query = path.find('?'); query != std::string::npos) path.resize(query);
  if (path.empty()) throw DatabaseError("sqlite URL needs a path: sqlite:PATH");
  return path;
}

/// Copies every page of `from` into `to` in one step: one consistent snapshot of the source.
void CopyPages(const std::string& from_path, int from_flags, const std::string& to_path) {
  sqlite3* from = nullptr;
  sqlite3* to = nullptr;
  const auto close = [&] {
    sqlite3_close(from);
    sqlite3_close(to);
  };
  if (sqlite3_open_v2(from_path.c_str(), &from, from_flags, nullptr) != SQLITE_OK ||
      sqlite3_open_v2(to_path.c_str(), &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string why = from != nullptr ? sqlite3_errmsg(from) : "out of memory";
    close();
    throw DatabaseError("cannot open " + from_path + " or " + to_path + ": " + why);
  }
  sqlite3_busy_timeout(from, 10'000);
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) {
    const std::string why = sqlite3_errmsg(to);
    close();
    throw DatabaseError("backup: " + why);
  }
  int step = SQLITE_OK;
  for (int tries = 0; tries < 200; ++tries) {
    step = sqlite3_backup_step(backup, -1);
    if (step != SQLITE_BUSY && step != SQLITE_LOCKED) break;
    sqlite3_sleep(50);
  }
  sqlite3_backup_finish(backup);
  const int result = sqlite3_errcode(to);
  close();
  if (step != SQLITE_DONE || result != SQLITE_OK) {
    throw DatabaseError("backup of " + from_path + " did not finish: " + sqlite3_errstr(step));
  }
}

/// Runs a PostgreSQL client tool without a shell; throws unless it exits 0.
void Run(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    throw DatabaseError(args[0] + " could not be started (is the PostgreSQL client installed?)");
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw DatabaseError(args[0] + " failed");
  }
}

}  // namespace

BackupSummary BackupDatabase(std::string_view url, const std::string& file) {
  const auto started = std::chrono::steady_clock::now();
  BackupSummary summary;
  std::filesystem::remove(file);
  if (url.starts_with("sqlite:")) {
    summary.kind = "sqlite";
    const std::string partial = file + ".partial";
    std::filesystem::remove(partial);
    CopyPages(SqlitePath(url), SQLITE_OPEN_READONLY, partial);
    std::filesystem::rename(partial, file);  // a backup file is whole or absent
  } else if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    summary.kind = "postgres";
    Run({"pg_dump", "--format=custom", "--no-owner", "--file=" + file, std::string(url)});
  } else {
    throw DatabaseError("backup: unknown database URL");
  }
  summary.bytes = static_cast<long long>(std::filesystem::file_size(file));
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

void RestoreDatabase(std::string_view url, const std::string& file) {
  if (!std::filesystem::is_regular_file(file)) throw DatabaseError("restore: no backup file " + file);
  if (url.starts_with("sqlite:")) {
    const std::string path = SqlitePath(url);
    std::error_code error;
    if (std::filesystem::exists(path, error) && std::filesystem::file_size(path, error) > 0) {
      throw DatabaseError("restore: " + path + " already exists; restore into a new path");
    }
    CopyPages(file, SQLITE_OPEN_READONLY, path);
  } else if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    Run({"pg_restore", "--no-owner", "--exit-on-error", "--dbname=" + std::string(url), file});
  } else {
    throw DatabaseError("restore: unknown database URL");
  }
}

}  // namespace youhao::storage
