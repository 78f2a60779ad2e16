#include "bench/bench_places_pg.h"

#include <libpq-fe.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <iterator>
#include <latch>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace youhao::app {

namespace {

using Clock = std::chrono::steady_clock;

// Type OIDs from the PostgreSQL catalog (pg_type.dat); stable across versions.
constexpr Oid kInt4Oid = 23;
constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;
constexpr Oid kFloat8Oid = 701;

/// COPY data is sent in chunks of about this many bytes.
constexpr std::size_t kCopyChunkBytes = 1 << 20;

constexpr const char* kKnnStatement = "youhao_places_knn";
// $1 lon, $2 lat, $3 kind (< 0: any), $4 amenities (every bit required), $5 k.
constexpr const char* kKnnSql =
    "SELECT id FROM places WHERE ($3 < 0 OR kind = $3) AND (amenities & $4) = $4 "
    "ORDER BY geom <-> ST_SetSRID(ST_MakePoint($1, $2), 4326) LIMIT $5";
constexpr std::array<Oid, 5> kKnnTypes = {kFloat8Oid, kFloat8Oid, kInt4Oid, kInt8Oid, kInt4Oid};

// The last row of a path (edge = -1) carries the total cost.
constexpr const char* kDijkstraSql = "SELECT agg_cost FROM pgr_dijkstra($1, $2, $3, directed := true) WHERE edge = -1";
constexpr std::array<Oid, 3> kDijkstraTypes = {kTextOid, kInt8Oid, kInt8Oid};
// pgRouting 3.4: pgr_drivingDistance(edges_sql, start_vid bigint, distance float, directed boolean).
constexpr const char* kDrivingDistanceSql = "SELECT count(*) FROM pgr_drivingDistance($1, $2, $3, directed := true)";
constexpr std::array<Oid, 3> kDrivingDistanceTypes = {kTextOid, kInt8Oid, kFloat8Oid};
// One Dijkstra from the source to every target, then the k cheapest.
constexpr const char* kNearestByCostSql =
    "SELECT end_vid FROM pgr_dijkstraCost($1, $2, $3::bigint[], directed := true) ORDER BY agg_cost, end_vid LIMIT $4";
constexpr std::array<Oid, 4> kNearestByCostTypes = {kTextOid, kInt8Oid, kTextOid, kInt4Oid};

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

struct ConnectionDeleter {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using ConnectionPtr = std::unique_ptr<PGconn, ConnectionDeleter>;

/// libpq's messages end with a newline.
std::string Trimmed(const char* message) {
  std::string text = message == nullptr ? "" : message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

core::Error ConnectionError(std::string_view what, PGconn* connection) {
  return core::MakeError(core::ErrorCode::kInternal, fmt::format("{}: {}", what, Trimmed(PQerrorMessage(connection))));
}

/// The error of a failed result; libpq returns no result at all when out of memory or disconnected.
core::Error ResultError(std::string_view what, const PGresult* result, PGconn* connection) {
  if (result == nullptr) return ConnectionError(what, connection);
  std::string message = Trimmed(PQresultErrorMessage(result));
  if (message.empty()) message = fmt::format("unexpected status {}", PQresStatus(PQresultStatus(result)));
  return core::MakeError(core::ErrorCode::kInternal, fmt::format("{}: {}", what, message));
}

bool Succeeded(const PGresult* result) {
  const ExecStatusType status = PQresultStatus(result);  // PGRES_FATAL_ERROR for a null result
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

core::Result<ConnectionPtr> Open(const std::string& url) {
  ConnectionPtr connection(PQconnectdb(url.c_str()));
  if (connection == nullptr) return core::MakeError(core::ErrorCode::kInternal, "cannot connect to PostgreSQL");
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    return ConnectionError("cannot connect to PostgreSQL", connection.get());
  }
  // NOTICEs ("extension already exists, skipping", pgRouting's own) would otherwise go to stderr.
  PQsetNoticeProcessor(
      connection.get(), [](void* /*arg*/, const char* /*message*/) {}, nullptr);
  return connection;
}

/// Runs one or more commands without parameters.
core::Status Exec(PGconn* connection, const std::string& sql, std::string_view what) {
  ResultPtr result(PQexec(connection, sql.c_str()));
  if (!Succeeded(result.get())) return ResultError(what, result.get(), connection);
  return core::Ok{};
}

/// Runs `sql` with text parameters of the given types.
core::Result<ResultPtr> Run(PGconn* connection, const char* sql, std::span<const Oid> types,
                            std::span<const std::string> params, std::string_view what) {
  std::vector<const char*> values(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) values[i] = params[i].c_str();
  ResultPtr result(
      PQexecParams(connection, sql, static_cast<int>(params.size()), types.data(), values.data(), nullptr, nullptr, 0));
  if (!Succeeded(result.get())) return ResultError(what, result.get(), connection);
  return result;
}

/// Runs the prepared statement `name` with text parameters.
core::Result<ResultPtr> RunPrepared(PGconn* connection, const char* name, std::span<const std::string> params,
                                    std::string_view what) {
  std::vector<const char*> values(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) values[i] = params[i].c_str();
  ResultPtr result(
      PQexecPrepared(connection, name, static_cast<int>(params.size()), values.data(), nullptr, nullptr, 0));
  if (!Succeeded(result.get())) return ResultError(what, result.get(), connection);
  return result;
}

core::Status PrepareKnn(PGconn* connection) {
  ResultPtr result(PQprepare(connection, kKnnStatement, kKnnSql, static_cast<int>(kKnnTypes.size()), kKnnTypes.data()));
  if (!Succeeded(result.get())) return ResultError("preparing the KNN query", result.get(), connection);
  return core::Ok{};
}

template <typename Number>
Number ParseNumber(const PGresult* result, int row, int column) {
  const char* text = PQgetvalue(result, row, column);
  Number number{};
  std::from_chars(text, text + PQgetlength(result, row, column), number);
  return number;
}

/// Table names go into SQL text (pgRouting takes the edges as a query), so only plain lower-case
/// identifiers are accepted.
bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 63 || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

core::Error BadTableName(const std::string& name) {
  return core::MakeError(core::ErrorCode::kValidationFailed,
                         fmt::format("table name '{}' must be a lower-case identifier ([a-z_][a-z0-9_]*)", name));
}

/// Shortest text that reads back as the same double (for parameters and COPY).
std::string Number(double value) { return fmt::format("{}", value); }

/// Sends `count` rows, written by `append_row(i, buffer)` in COPY's text format, through `copy_sql`
/// (a `COPY ... FROM STDIN`).
template <typename AppendRow>
core::Status CopyRows(PGconn* connection, const std::string& copy_sql, std::size_t count, AppendRow&& append_row) {
  ResultPtr started(PQexec(connection, copy_sql.c_str()));
  if (PQresultStatus(started.get()) != PGRES_COPY_IN) return ResultError("starting COPY", started.get(), connection);
  started.reset();

  std::string buffer;
  buffer.reserve(kCopyChunkBytes + 4096);
  bool sent = true;
  for (std::size_t i = 0; i < count && sent; ++i) {
    append_row(i, buffer);
    if (buffer.size() >= kCopyChunkBytes || i + 1 == count) {
      sent = PQputCopyData(connection, buffer.data(), static_cast<int>(buffer.size())) == 1;
      buffer.clear();
    }
  }
  std::string failure = sent ? "" : Trimmed(PQerrorMessage(connection));
  if (PQputCopyEnd(connection, sent ? nullptr : "the client could not send the rows") != 1 && failure.empty()) {
    failure = Trimmed(PQerrorMessage(connection));
  }
  // The server answers the end of COPY with its result; read until libpq has no more.
  while (ResultPtr result{PQgetResult(connection)}) {
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK && failure.empty()) {
      failure = Trimmed(PQresultErrorMessage(result.get()));
    }
  }
  if (!failure.empty()) return core::MakeError(core::ErrorCode::kInternal, "COPY failed: " + failure);
  return core::Ok{};
}

/// Runs `setup`, the COPY and `finish` in one transaction, rolling back on any failure.
template <typename AppendRow>
core::Status LoadTable(PGconn* connection, const std::string& setup, const std::string& copy_sql, std::size_t count,
                       AppendRow&& append_row, const std::string& finish) {
  core::Status status = Exec(connection, "BEGIN; " + setup, "creating the table");
  if (status.ok()) status = CopyRows(connection, copy_sql, count, std::forward<AppendRow>(append_row));
  if (status.ok()) status = Exec(connection, finish + "; COMMIT", "indexing the table");
  if (!status.ok()) Exec(connection, "ROLLBACK", "rolling back");
  return status;
}

/// The query pgRouting runs for the edges: the whole table, or the edges whose bounding box meets
/// the query's box (found with the GiST index).
std::string EdgesSql(const std::string& table, bool bounding_box, double min_lon, double min_lat, double max_lon,
                     double max_lat) {
  std::string sql = fmt::format("SELECT id, source, target, cost, reverse_cost FROM {}", table);
  if (bounding_box) {
    sql += fmt::format(" WHERE geom && ST_MakeEnvelope({:.9f}, {:.9f}, {:.9f}, {:.9f}, 4326)", min_lon, min_lat,
                       max_lon, max_lat);
  }
  return sql;
}

/// Median and 99th percentile of the timings, as the other benches compute them.
void Summarize(std::vector<double> millis, PeerTimedResult& result) {
  if (millis.empty()) return;
  std::sort(millis.begin(), millis.end());
  result.median_ms = millis[millis.size() / 2];
  result.p99_ms = millis[millis.size() * 99 / 100];
}

}  // namespace

struct PostgisPeer::State {
  std::string url;
  ConnectionPtr connection;
  std::string versions;
  bool knn_prepared = false;
};

PostgisPeer::PostgisPeer(State* state) : state_(state) {}

PostgisPeer::PostgisPeer(PostgisPeer&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}

PostgisPeer& PostgisPeer::operator=(PostgisPeer&& other) noexcept {
  if (this != &other) {
    delete state_;
    state_ = std::exchange(other.state_, nullptr);
  }
  return *this;
}

PostgisPeer::~PostgisPeer() { delete state_; }

core::Result<PostgisPeer> PostgisPeer::Connect(const std::string& url) {
  auto state = std::make_unique<State>();
  state->url = url;
  auto connection = Open(url);
  if (!connection.ok()) return connection.error();
  state->connection = std::move(connection).value();
  PGconn* pg = state->connection.get();

  for (const char* extension : {"postgis", "pgrouting"}) {
    core::Status created = Exec(pg, fmt::format("CREATE EXTENSION IF NOT EXISTS {} CASCADE", extension),
                                fmt::format("creating the extension {}", extension));
    if (!created.ok()) {
      return core::MakeError(core::ErrorCode::kInternal,
                             fmt::format("{} (is it installed on the server? apt-get install postgresql-15-postgis-3 "
                                         "postgresql-15-pgrouting)",
                                         created.error().detail));
    }
  }

  auto versions = Run(pg, "SELECT split_part(version(), ' ', 2), postgis_lib_version(), pgr_version()", {}, {},
                      "reading the versions");
  if (!versions.ok()) return versions.error();
  const PGresult* row = versions.value().get();
  state->versions = fmt::format("PostgreSQL {}, PostGIS {}, pgRouting {}", PQgetvalue(row, 0, 0), PQgetvalue(row, 0, 1),
                                PQgetvalue(row, 0, 2));
  return PostgisPeer(state.release());
}

std::string PostgisPeer::Versions() const { return state_ == nullptr ? "" : state_->versions; }

core::Status PostgisPeer::LoadEdges(const std::string& name, const std::vector<PeerEdge>& edges) {
  if (state_ == nullptr) return core::MakeError(core::ErrorCode::kInternal, "PostgisPeer was moved from");
  if (!IsPlainIdentifier(name)) return BadTableName(name);
  const std::string setup = fmt::format(
      "DROP TABLE IF EXISTS {0}; CREATE TABLE {0} (id bigint NOT NULL, source bigint NOT NULL, target bigint NOT NULL, "
      "cost double precision NOT NULL, reverse_cost double precision NOT NULL, geom geometry(LineString, 4326) NOT "
      "NULL)",
      name);
  const std::string copy = fmt::format("COPY {} (id, source, target, cost, reverse_cost, geom) FROM STDIN", name);
  const std::string finish =
      fmt::format("CREATE INDEX ON {0} USING gist (geom); CREATE INDEX ON {0} (id); ANALYZE {0}", name);
  return LoadTable(
      state_->connection.get(), setup, copy, edges.size(),
      [&edges](std::size_t i, std::string& buffer) {
        const PeerEdge& edge = edges[i];
        fmt::format_to(std::back_inserter(buffer),
                       "{}\t{}\t{}\t{}\t{}\tSRID=4326;LINESTRING({:.9f} {:.9f},{:.9f} {:.9f})\n", edge.id, edge.source,
                       edge.target, Number(edge.cost), Number(edge.reverse_cost), edge.source_lon, edge.source_lat,
                       edge.target_lon, edge.target_lat);
      },
      finish);
}

core::Status PostgisPeer::LoadPlaces(const std::vector<PeerPlace>& places) {
  if (state_ == nullptr) return core::MakeError(core::ErrorCode::kInternal, "PostgisPeer was moved from");
  const std::string setup =
      "DROP TABLE IF EXISTS places; CREATE TABLE places (id bigint NOT NULL, kind integer NOT NULL, amenities bigint "
      "NOT NULL, geom geometry(Point, 4326) NOT NULL)";
  const std::string copy = "COPY places (id, kind, amenities, geom) FROM STDIN";
  const std::string finish = "CREATE INDEX ON places USING gist (geom); CREATE INDEX ON places (id); ANALYZE places";
  return LoadTable(
      state_->connection.get(), setup, copy, places.size(),
      [&places](std::size_t i, std::string& buffer) {
        const PeerPlace& place = places[i];
        fmt::format_to(std::back_inserter(buffer), "{}\t{}\t{}\tSRID=4326;POINT({:.9f} {:.9f})\n", place.id, place.kind,
                       place.amenities, place.lon, place.lat);
      },
      finish);
}

core::Result<PeerKnnResult> PostgisPeer::Knn(const std::vector<PeerKnnQuery>& queries, int clients, double seconds) {
  if (state_ == nullptr) return core::MakeError(core::ErrorCode::kInternal, "PostgisPeer was moved from");
  PeerKnnResult out;
  if (queries.empty()) return out;
  clients = std::max(clients, 1);

  std::vector<std::array<std::string, 5>> params;
  params.reserve(queries.size());
  for (const PeerKnnQuery& query : queries) {
    params.push_back({Number(query.lon), Number(query.lat), std::to_string(query.kind), std::to_string(query.amenities),
                      std::to_string(query.k)});
  }

  // First pass, one connection: the answers (and a warm cache).
  PGconn* first = state_->connection.get();
  if (!state_->knn_prepared) {
    core::Status prepared = PrepareKnn(first);
    if (!prepared.ok()) return prepared.error();
    state_->knn_prepared = true;
  }
  out.answers.reserve(queries.size());
  for (const auto& query_params : params) {
    auto result = RunPrepared(first, kKnnStatement, query_params, "KNN query");
    if (!result.ok()) return result.error();
    const PGresult* rows = result.value().get();
    std::vector<long long> ids(static_cast<std::size_t>(PQntuples(rows)));
    for (std::size_t r = 0; r < ids.size(); ++r) ids[r] = ParseNumber<long long>(rows, static_cast<int>(r), 0);
    out.answers.push_back(std::move(ids));
  }

  // Timed phase: `clients` connections take the next query in turn until the time is up.
  std::atomic<std::size_t> next{0};
  std::atomic<long long> completed{0};
  std::atomic<bool> stop{false};
  std::mutex error_mutex;
  std::string first_error;
  auto fail = [&](const core::Error& error) {
    const std::lock_guard lock(error_mutex);
    if (first_error.empty()) first_error = error.detail;
    stop = true;
  };
  std::latch ready(clients);
  std::latch go(1);
  Clock::time_point deadline;
  auto client = [&]() {
    auto connection = Open(state_->url);
    core::Status prepared = connection.ok() ? PrepareKnn(connection.value().get()) : core::Status(connection.error());
    if (!prepared.ok()) fail(prepared.error());
    ready.count_down();
    go.wait();
    if (!prepared.ok()) return;
    PGconn* pg = connection.value().get();
    long long done = 0;
    while (!stop && Clock::now() < deadline) {
      const std::size_t index = next.fetch_add(1) % params.size();
      auto result = RunPrepared(pg, kKnnStatement, params[index], "KNN query");
      if (!result.ok()) {
        fail(result.error());
        break;
      }
      ++done;
    }
    completed += done;
  };
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(clients));
  for (int i = 0; i < clients; ++i) threads.emplace_back(client);
  ready.wait();
  const Clock::time_point start = Clock::now();
  deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(seconds, 0.0)));
  go.count_down();
  for (std::thread& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  if (!first_error.empty()) return core::MakeError(core::ErrorCode::kInternal, first_error);
  out.queries_per_second = elapsed > 0 ? static_cast<double>(completed.load()) / elapsed : 0;
  return out;
}

core::Result<PeerTimedResult> PostgisPeer::Dijkstra(const std::string& table,
                                                    const std::vector<PeerRouteQuery>& queries, bool bounding_box) {
  if (state_ == nullptr) return core::MakeError(core::ErrorCode::kInternal, "PostgisPeer was moved from");
  if (!IsPlainIdentifier(table)) return BadTableName(table);
  PGconn* pg = state_->connection.get();
  PeerTimedResult out;
  std::vector<double> millis;
  millis.reserve(queries.size());
  out.values.reserve(queries.size());
  for (const PeerRouteQuery& query : queries) {
    const std::array<std::string, 3> params = {
        EdgesSql(table, bounding_box, query.min_lon, query.min_lat, query.max_lon, query.max_lat),
        std::to_string(query.source), std::to_string(query.target)};
    const Clock::time_point start = Clock::now();
    auto result = Run(pg, kDijkstraSql, kDijkstraTypes, params, "pgr_dijkstra");
    if (!result.ok()) return result.error();
    const PGresult* rows = result.value().get();
    // pgRouting answers a route from a vertex to itself with no rows.
    double value = query.source == query.target ? 0 : -1;
    if (PQntuples(rows) > 0) value = ParseNumber<double>(rows, 0, 0);
    millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    out.values.push_back(value);
  }
  Summarize(std::move(millis), out);
  return out;
}

core::Result<PeerTimedResult> PostgisPeer::NearestByCost(const std::string& table,
                                                         const std::vector<PeerNearestQuery>& queries,
                                                         const std::vector<long long>& targets, int k) {
  if (state_ == nullptr) return core::MakeError(core::ErrorCode::kInternal, "PostgisPeer was moved from");
  if (!IsPlainIdentifier(table)) return BadTableName(table);
  PGconn* pg = state_->connection.get();
  std::string array = "{";
  for (long long target : targets) array += (array.size() > 1 ? "," : "") + std::to_string(target);
  array += "}";
  PeerTimedResult out;
  std::vector<double> millis;
  for (const PeerNearestQuery& query : queries) {
    const std::array<std::string, 4> params = {
        EdgesSql(table, true, query.min_lon, query.min_lat, query.max_lon, query.max_lat), std::to_string(query.source),
        array, std::to_string(k)};
    const Clock::time_point start = Clock::now();
    auto result = Run(pg, kNearestByCostSql, kNearestByCostTypes, params, "pgr_dijkstraCost");
    if (!result.ok()) return result.error();
    std::vector<long long> found;
    found.reserve(static_cast<std::size_t>(PQntuples(result.value().get())));
    for (int row = 0; row < PQntuples(result.value().get()); ++row)
      found.push_back(ParseNumber<long long>(result.value().get(), row, 0));
    millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    out.values.push_back(static_cast<double>(found.size()));
    out.vertices.push_back(std::move(found));
  }
  Summarize(std::move(millis), out);
  return out;
}

core::Result<PeerTimedResult> PostgisPeer::DrivingDistance(const std::string& table,
                                                           const std::vector<PeerIsochroneQuery>& queries,
                                                           bool bounding_box) {
  if (state_ == nullptr) return core::MakeError(core::ErrorCode::kInternal, "PostgisPeer was moved from");
  if (!IsPlainIdentifier(table)) return BadTableName(table);
  PGconn* pg = state_->connection.get();
  PeerTimedResult out;
  std::vector<double> millis;
  millis.reserve(queries.size());
  out.values.reserve(queries.size());
  for (const PeerIsochroneQuery& query : queries) {
    const std::array<std::string, 3> params = {
        EdgesSql(table, bounding_box, query.min_lon, query.min_lat, query.max_lon, query.max_lat),
        std::to_string(query.source), Number(query.max_cost)};
    const Clock::time_point start = Clock::now();
    auto result = Run(pg, kDrivingDistanceSql, kDrivingDistanceTypes, params, "pgr_drivingDistance");
    if (!result.ok()) return result.error();
    const double value = static_cast<double>(ParseNumber<long long>(result.value().get(), 0, 0));
    millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    out.values.push_back(value);
  }
  Summarize(std::move(millis), out);
  return out;
}

}  // namespace youhao::app
