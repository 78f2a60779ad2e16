#include <sqlite3.h>

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>
#include <unordered_map>

#include "storage/database.h"

namespace youhao::storage {

namespace {

class SqliteConnection final : public Connection {
 public:
  /// `write_mutex` is shared by every connection to the same file: writers queue on it instead
  /// of meeting SQLITE_BUSY, whose busy handler sleeps for milliseconds at a time.
  SqliteConnection(const std::string& path, std::shared_ptr<std::mutex> write_mutex, bool full_sync)
      : write_mutex_(std::move(write_mutex)) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DatabaseError(fmt::format("cannot open sqlite database {}: {}", path, message));
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    try {
      ExecuteScript(full_sync ? "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"
                              : "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
      // StartSqliteCheckpointer's thread checkpoints; a committing writer never does. When the
      // last connection closes, SQLite checkpoints what is left.
      ExecuteScript("PRAGMA wal_autocheckpoint=0;");
    } catch (...) {
      sqlite3_close(db_);  // no destructor runs for a constructor that throws
      throw;
    }
  }

  ~SqliteConnection() override {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }

  std::vector<Row> Query(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* statement = Prepare(sql, params);
    std::unique_lock<std::mutex> write_lock = LockIfWriting(statement);
    std::vector<Row> rows;
    const int columns = sqlite3_column_count(statement);
    int status;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(columns));
      for (int i = 0; i < columns; ++i) {
        switch (sqlite3_column_type(statement, i)) {
          case SQLITE_INTEGER:
            values.emplace_back(static_cast<long long>(sqlite3_column_int64(statement, i)));
            break;
          case SQLITE_FLOAT:
            values.emplace_back(sqlite3_column_double(statement, i));
            break;
          case SQLITE_NULL:
            values.emplace_back(nullptr);
            break;
          case SQLITE_BLOB: {
            const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, i));
            values.emplace_back(Blob{std::string(bytes == nullptr ? "" : bytes,
                                                 static_cast<std::size_t>(sqlite3_column_bytes(statement, i)))});
            break;
          }
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
            values.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, i))));
          }
        }
      }
      rows.emplace_back(std::move(values));
    }
    Finish(statement, status);
    return rows;
  }

  long long Execute(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* statement = Prepare(sql, params);
    std::unique_lock<std::mutex> write_lock = LockIfWriting(statement);
    int status;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    }
    Finish(statement, status);
    return sqlite3_changes64(db_);
  }

  void ExecuteScript(std::string_view sql) override {
    std::string script(sql);
    char* message = nullptr;
    if (sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      throw DatabaseError("sqlite: " + text);
    }
  }

  void Begin() override {
    std::unique_lock<std::mutex> lock(*write_mutex_);
    ExecuteScript("BEGIN IMMEDIATE");
    transaction_lock_ = std::move(lock);
  }
  void Commit() override {
    ExecuteScript("COMMIT");
    if (transaction_lock_.owns_lock()) transaction_lock_.unlock();
  }
  void Rollback() override {
    // The write lock goes even when ROLLBACK throws: kept, it would stop every writer for good.
    // A COMMIT that failed on an I/O error has rolled back already; ROLLBACK would then fail.
    const std::unique_lock<std::mutex> lock = std::move(transaction_lock_);
    if (sqlite3_get_autocommit(db_) == 0) ExecuteScript("ROLLBACK");
  }
  Dialect dialect() const override { return Dialect::kSqlite; }

 private:
  /// Holds the write mutex for a writing statement outside a transaction.
  std::unique_lock<std::mutex> LockIfWriting(sqlite3_stmt* statement) {
    if (transaction_lock_.owns_lock() || sqlite3_stmt_readonly(statement)) return {};
    return std::unique_lock<std::mutex>(*write_mutex_);
  }

  sqlite3_stmt* Prepare(std::string_view sql, std::span<const Value> params) {
    sqlite3_stmt*& statement = statements_[std::string(sql)];
    if (statement == nullptr) {
      if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement,
                             nullptr) != SQLITE_OK) {
        statements_.erase(std::string(sql));
        throw DatabaseError(fmt::format("sqlite prepare failed: {} in: {}", sqlite3_errmsg(db_), sql));
      }
    }
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(statement)) {
      throw DatabaseError(fmt::format("statement expects {} parameters, got {}",
                                      sqlite3_bind_parameter_count(statement), params.size()));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      const Value& value = params[i];
      int status = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(value)) {
        status = sqlite3_bind_null(statement, index);
      } else if (const auto* integer = std::get_if<long long>(&value)) {
        status = sqlite3_bind_int64(statement, index, *integer);
      } else if (const auto* real = std::get_if<double>(&value)) {
        status = sqlite3_bind_double(statement, index, *real);
      } else if (const auto* blob = std::get_if<Blob>(&value)) {
        status = sqlite3_bind_blob64(statement, index, blob->bytes.data(), blob->bytes.size(), SQLITE_TRANSIENT);
      } else {
        const auto& text = std::get<std::string>(value);
        status = sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (status != SQLITE_OK) throw DatabaseError(fmt::format("sqlite bind failed: {}", sqlite3_errmsg(db_)));
    }
    return statement;
  }

  void Finish(sqlite3_stmt* statement, int status) {
    if (status == SQLITE_DONE) {
      sqlite3_reset(statement);
      return;
    }
    const int extended = sqlite3_extended_errcode(db_);
    std::string message = sqlite3_errmsg(db_);
    sqlite3_reset(statement);
    const bool unique = extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY;
    throw DatabaseError("sqlite: " + message, unique);
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
  std::shared_ptr<std::mutex> write_mutex_;
  std::unique_lock<std::mutex> transaction_lock_;
};

}  // namespace

namespace {

class SqliteCheckpointer {
 public:
  explicit SqliteCheckpointer(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      sqlite3_close(db_);
      db_ = nullptr;
      return;
    }
    thread_ = std::jthread([this](const std::stop_token& stop) { Loop(stop); });
  }
  ~SqliteCheckpointer() {
    thread_.request_stop();
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    sqlite3_close(db_);
  }
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

 private:
  void Loop(const std::stop_token& stop) {
    std::mutex mutex;
    std::unique_lock lock(mutex);
    while (!stop.stop_requested()) {
      wake_.wait_for(lock, stop, std::chrono::milliseconds(250), [] { return false; });
      if (stop.stop_requested()) break;
      int log_frames = 0;
      int checkpointed = 0;
      // PASSIVE copies what no reader still needs and never blocks a writer or a reader.
      sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_frames, &checkpointed);
    }
  }

  sqlite3* db_ = nullptr;
  std::condition_variable_any wake_;
  std::jthread thread_;
};

}  // namespace

std::shared_ptr<void> StartSqliteCheckpointer(const std::string& path) {
  return std::make_shared<SqliteCheckpointer>(path);
}

std::unique_ptr<Connection> OpenSqlite(const std::string& path, std::shared_ptr<std::mutex> write_mutex,
                                       bool full_sync) {
  return std::make_unique<SqliteConnection>(path, std::move(write_mutex), full_sync);
}

}  // namespace youhao::storage
