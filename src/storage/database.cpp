#include "storage/database.h"

#include <fmt/format.h>

#include <atomic>

#include "core/text.h"

namespace youhao::storage {

bool Row::IsNull(std::size_t column) const { return std::holds_alternative<std::nullptr_t>(values_.at(column)); }

long long Row::Int(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* integer = std::get_if<long long>(&value)) return *integer;
  if (const auto* real = std::get_if<double>(&value)) return static_cast<long long>(*real);
  if (const auto* text = std::get_if<std::string>(&value)) return std::stoll(*text);
  return 0;
}

double Row::Double(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* integer = std::get_if<long long>(&value)) return static_cast<double>(*integer);
  if (const auto* text = std::get_if<std::string>(&value)) return std::stod(*text);
  return 0.0;
}

std::string Row::Text(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* integer = std::get_if<long long>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) return fmt::format("{}", *real);
  if (const auto* blob = std::get_if<Blob>(&value)) return blob->bytes;
  return {};
}

std::optional<std::string> Row::OptionalText(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

std::optional<double> Row::OptionalDouble(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Double(column);
}

std::optional<Row> Connection::QueryOne(std::string_view sql, Params params) {
  auto rows = Query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

long long Connection::QueryInt(std::string_view sql, Params params) {
  auto row = QueryOne(sql, params);
  if (!row || row->IsNull(0)) return 0;
  return row->Int(0);
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      connection_.Rollback();
    } catch (...) {  // NOLINT(bugprone-empty-catch): the original failure is already propagating
    }
  }
}

void Transaction::Commit() {
  connection_.Commit();
  done_ = true;
}

Database::Database(Dialect dialect, std::string description, Factory factory, int pool_size)
    : dialect_(dialect), description_(std::move(description)), factory_(std::move(factory)), pool_size_(pool_size) {
  // Open one connection now so that a bad URL fails at start, not on the first request.
  idle_.push_back(factory_());
  open_ = 1;
}

Database::~Database() { Close(); }

std::unique_ptr<Database> Database::Open(std::string_view url, int pool_size) {
  if (pool_size < 1) pool_size = 1;
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.starts_with("//")) path = path.substr(2);
    // FULL by default: an acknowledged commit survives a power cut (group commit keeps it fast).
    bool full_sync = true;
    if (const auto query = path.find('?'); query != std::string::npos) {
      const std::string option = path.substr(query + 1);
      if (option != "synchronous=full" && option != "synchronous=normal") {
        throw DatabaseError("sqlite URL option: only ?synchronous=full or ?synchronous=normal");
      }
      full_sync = option == "synchronous=full";
      path.resize(query);
    }
    if (path.empty()) throw DatabaseError("sqlite URL needs a path: sqlite:PATH");
    auto write_mutex = std::make_shared<std::mutex>();
    auto database = std::make_unique<Database>(
        Dialect::kSqlite, "sqlite:" + path + (full_sync ? "" : "?synchronous=normal"),
        [path, write_mutex, full_sync] { return OpenSqlite(path, write_mutex, full_sync); }, pool_size);
    database->KeepAlive(StartSqliteCheckpointer(path));
    return database;
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    std::string conninfo(url);
    std::string shown(url);
    // Hide a password in logs: postgresql://user:secret@host -> postgresql://user:***@host
    const auto scheme_end = shown.find("://") + 3;
    const auto at = shown.find('@', scheme_end);
    const auto colon = shown.find(':', scheme_end);
    if (at != std::string::npos && colon != std::string::npos && colon < at) {
      shown.replace(colon + 1, at - colon - 1, "***");
    }
    return std::make_unique<Database>(
        Dialect::kPostgres, shown, [conninfo] { return OpenPostgres(conninfo); }, pool_size);
  }
  throw DatabaseError(fmt::format("unsupported database URL (use sqlite:PATH or postgresql://...)"));
}

Database::Lease Database::Acquire() {
  std::unique_lock lock(mutex_);
  ++acquisitions_;
  bool waited = false;
  while (true) {
    if (closed_) throw DatabaseError("database is closed");
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      ++in_use_;
      return Lease(*this, std::move(connection));
    }
    if (open_ < pool_size_) {
      ++open_;
      ++in_use_;
      lock.unlock();
      try {
        return Lease(*this, factory_());
      } catch (...) {
        lock.lock();
        --open_;
        --in_use_;
        throw;
      }
    }
    if (!waited) {
      waited = true;
      ++waits_;
    }
    if (!available_.wait_for(lock, std::chrono::seconds(10),
                             [this] { return closed_ || !idle_.empty() || open_ < pool_size_; })) {
      throw DatabaseError("timed out waiting for a database connection");
    }
  }
}

void Database::Release(std::unique_ptr<Connection> connection) {
  std::unique_lock lock(mutex_);
  --in_use_;
  if (closed_) {
    --open_;
    lock.unlock();
    connection.reset();
  } else {
    idle_.push_back(std::move(connection));
    lock.unlock();
  }
  available_.notify_one();
}

Database::Lease::~Lease() {
  if (connection_) database_->Release(std::move(connection_));
}

PoolStats Database::Stats() const {
  std::lock_guard lock(mutex_);
  return PoolStats{pool_size_, open_, in_use_, waits_, acquisitions_};
}

void Database::Close() {
  std::vector<std::unique_ptr<Connection>> closing;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    open_ -= static_cast<int>(idle_.size());
    closing.swap(idle_);
  }
  available_.notify_all();
  closing.clear();
  background_.reset();
}

namespace {
std::atomic<long long> clock_offset{0};
}  // namespace

long long NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count() +
         clock_offset.load(std::memory_order_relaxed);
}

void SetClockOffset(long long seconds) { clock_offset.store(seconds, std::memory_order_relaxed); }

}  // namespace youhao::storage
