#pragma once
/// One storage interface, two backends (SQLite, PostgreSQL). Every statement is prepared with
/// bound parameters, written with `?` placeholders in a SQL subset both backends accept.
/// Database failures are failures of the machine and are thrown as DatabaseError; a unique
/// constraint violation is flagged so that services can turn it into a `conflict`.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace youhao::storage {

enum class Dialect { kSqlite, kPostgres };

/// Bytes bound as a BLOB (SQLite) or bytea (PostgreSQL, sent in hex) rather than text. SQLite
/// reads a BLOB back as its bytes (Row::Text); PostgreSQL reads a bytea as its hex text.
struct Blob {
  std::string bytes;
};

using Value = std::variant<std::nullptr_t, long long, double, std::string, Blob>;

class DatabaseError : public std::runtime_error {
 public:
  DatabaseError(const std::string& message, bool unique_violation = false)
      : std::runtime_error(message), unique_violation_(unique_violation) {}
  bool unique_violation() const { return unique_violation_; }

 private:
  bool unique_violation_;
};

/// One result row; columns by position, converted on read.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool IsNull(std::size_t column) const;
  long long Int(std::size_t column) const;
  double Double(std::size_t column) const;
  std::string Text(std::size_t column) const;
  std::optional<std::string> OptionalText(std::size_t column) const;
  std::optional<double> OptionalDouble(std::size_t column) const;

 private:
  std::vector<Value> values_;
};

using Params = std::initializer_list<Value>;

class Connection {
 public:
  virtual ~Connection() = default;
  /// Runs a query and returns all its rows.
  virtual std::vector<Row> Query(std::string_view sql, std::span<const Value> params) = 0;
  /// Runs a statement and returns the number of rows it changed.
  virtual long long Execute(std::string_view sql, std::span<const Value> params) = 0;
  /// Runs several `;`-separated statements without parameters (migrations, savepoints).
  virtual void ExecuteScript(std::string_view sql) = 0;
  /// Starts a write transaction (SQLite: BEGIN IMMEDIATE, so writers queue instead of deadlocking).
  virtual void Begin() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  virtual Dialect dialect() const = 0;

  std::vector<Row> Query(std::string_view sql, Params params = {}) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  long long Execute(std::string_view sql, Params params = {}) {
    return Execute(sql, std::span<const Value>(params.begin(), params.size()));
  }
  /// The first row, or nullopt.
  std::optional<Row> QueryOne(std::string_view sql, Params params = {});
  /// A single integer (e.g. COUNT(*)).
  long long QueryInt(std::string_view sql, Params params = {});
};

/// Commits on Commit(), rolls back when destroyed without it.
class Transaction {
 public:
  explicit Transaction(Connection& connection) : connection_(connection) { connection_.Begin(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void Commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

struct PoolStats {
  int size = 0;
  int open = 0;
  int in_use = 0;
  long long waits = 0;
  long long acquisitions = 0;
};

/// A pool of connections to one database.
class Database {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  /// Opens `url`: `sqlite:PATH[?synchronous=full]` or `postgresql://user@host:port/db`. Throws DatabaseError.
  static std::unique_ptr<Database> Open(std::string_view url, int pool_size);

  Database(Dialect dialect, std::string description, Factory factory, int pool_size);
  ~Database();

  class Lease {
   public:
    Lease(Database& database, std::unique_ptr<Connection> connection)
        : database_(&database), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

   private:
    Database* database_;
    std::unique_ptr<Connection> connection_;
  };

  /// A connection for the caller's exclusive use; waits up to 10 s when all are busy.
  Lease Acquire();
  PoolStats Stats() const;
  Dialect dialect() const { return dialect_; }
  /// The URL without credentials, for logs.
  const std::string& description() const { return description_; }
  /// Closes idle connections; connections still leased close when returned.
  void Close();
  /// Keeps `work` (e.g. a checkpointer) alive as long as the pool is open.
  void KeepAlive(std::shared_ptr<void> work) { background_ = std::move(work); }

 private:
  void Release(std::unique_ptr<Connection> connection);

  Dialect dialect_;
  std::string description_;
  Factory factory_;
  int pool_size_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  int in_use_ = 0;
  long long waits_ = 0;
  long long acquisitions_ = 0;
  bool closed_ = false;
  std::shared_ptr<void> background_;
};

/// A connection to the SQLite file `path`; connections of one Database share `write_mutex`.
/// WAL with synchronous=NORMAL (safe against a crash of the process), or with `full_sync`
/// synchronous=FULL (every commit also survives a power loss: `sqlite:PATH?synchronous=full`).
/// Checkpoints the SQLite WAL at `path` from a thread of its own (PASSIVE, a few times a second),
/// so that no committing writer stalls on copying pages back and syncing the database file;
/// connections opened by OpenSqlite leave checkpoints to it. Stops when the handle is destroyed.
std::shared_ptr<void> StartSqliteCheckpointer(const std::string& path);
std::unique_ptr<Connection> OpenSqlite(const std::string& path, std::shared_ptr<std::mutex> write_mutex,
                                       bool full_sync = false);
std::unique_ptr<Connection> OpenPostgres(const std::string& conninfo);

/// Applies every migration not yet applied; returns how many were applied.
int Migrate(Connection& connection);
/// The newest migration version this build knows.
int LatestSchemaVersion();

/// Current time as Unix seconds: the system clock, moved by SetClockOffset.
long long NowSeconds();
/// Moves NowSeconds() by `seconds` for the rest of the process: `youhao serve --clock MOMENT`, for
/// tests and demonstrations of a chosen date. Never set in production.
void SetClockOffset(long long seconds);

}  // namespace youhao::storage
