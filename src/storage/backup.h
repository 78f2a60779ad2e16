#pragma once
/// Backups of a live database, and their restore. SQLite: the online backup API copies one
/// consistent snapshot while the server keeps writing (WAL lets writers go on). PostgreSQL:
/// pg_dump's custom format, restored by pg_restore. Failures throw DatabaseError.

#include <string>
#include <string_view>

namespace youhao::storage {

struct BackupSummary {
  std::string kind;     ///< "sqlite" or "postgres"
  long long bytes = 0;  ///< size of the backup file
  double seconds = 0;
};

/// Writes a backup of the database at `url` to `file` (replaced if present).
BackupSummary BackupDatabase(std::string_view url, const std::string& file);

/// Restores `file` (written by BackupDatabase for the same kind of database) into the database at
/// `url`, which must not hold data yet: for SQLite a path that does not exist or is empty, for
/// PostgreSQL a freshly created database.
void RestoreDatabase(std::string_view url, const std::string& file);

}  // namespace youhao::storage
