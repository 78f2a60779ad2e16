#include <libpq-fe.h>

#include <fmt/format.h>

#include <charconv>
#include <unordered_map>

#include "storage/database.h"

namespace youhao::storage {

namespace {

// Type OIDs from the PostgreSQL catalog (pg_type.dat); stable across versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

/// Rewrites `?` placeholders as `$1, $2, ...`, leaving quoted text alone.
std::string ToPostgresPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int index = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += fmt::format("${}", ++index);
    } else {
      out += c;
    }
  }
  return out;
}

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& conninfo) {
    connection_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(connection_) != CONNECTION_OK) {
      std::string message = PQerrorMessage(connection_);
      PQfinish(connection_);
      throw DatabaseError("cannot connect to postgresql: " + message);
    }
    ResultPtr result(PQexec(connection_, "SET client_encoding TO 'UTF8'; SET TIME ZONE 'UTC'"));
    Check(result.get(), "session setup");
  }

  ~PostgresConnection() override { PQfinish(connection_); }

  std::vector<Row> Query(std::string_view sql, std::span<const Value> params) override {
    ResultPtr result = Run(sql, params);
    const int rows = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    std::vector<Row> out;
    out.reserve(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result.get(), r, c)) {
          values.emplace_back(nullptr);
          continue;
        }
        const char* text = PQgetvalue(result.get(), r, c);
        const int length = PQgetlength(result.get(), r, c);
        switch (PQftype(result.get(), c)) {
          case kInt2Oid:
          case kInt4Oid:
          case kInt8Oid: {
            long long integer = 0;
            std::from_chars(text, text + length, integer);
            values.emplace_back(integer);
            break;
          }
          case kBoolOid:
            values.emplace_back(static_cast<long long>(text[0] == 't'));
            break;
          case kFloat4Oid:
          case kFloat8Oid:
          case kNumericOid:
            values.emplace_back(std::stod(std::string(text, static_cast<std::size_t>(length))));
            break;
          default:
            values.emplace_back(std::string(text, static_cast<std::size_t>(length)));
        }
      }
      out.emplace_back(std::move(values));
    }
    return out;
  }

  long long Execute(std::string_view sql, std::span<const Value> params) override {
    ResultPtr result = Run(sql, params);
    const char* affected = PQcmdTuples(result.get());
    return affected[0] == '\0' ? 0 : std::stoll(affected);
  }

  void ExecuteScript(std::string_view sql) override {
    ResultPtr result(PQexec(connection_, std::string(sql).c_str()));
    Check(result.get(), sql);
  }

  void Begin() override { ExecuteScript("BEGIN"); }
  void Commit() override { ExecuteScript("COMMIT"); }
  void Rollback() override { ExecuteScript("ROLLBACK"); }
  Dialect dialect() const override { return Dialect::kPostgres; }

 private:
  ResultPtr Run(std::string_view sql, std::span<const Value> params) {
    auto found = statement_names_.find(std::string(sql));
    if (found == statement_names_.end()) {
      std::string name = fmt::format("s{}", statement_names_.size() + 1);
      std::string rewritten = ToPostgresPlaceholders(sql);
      ResultPtr prepared(PQprepare(connection_, name.c_str(), rewritten.c_str(), 0, nullptr));
      Check(prepared.get(), sql);
      found = statement_names_.emplace(std::string(sql), std::move(name)).first;
    }
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& value = params[i];
      if (std::holds_alternative<std::nullptr_t>(value)) {
        values[i] = nullptr;
        continue;
      }
      if (const auto* integer = std::get_if<long long>(&value)) {
        storage[i] = std::to_string(*integer);
      } else if (const auto* real = std::get_if<double>(&value)) {
        storage[i] = fmt::format("{}", *real);
      } else if (const auto* blob = std::get_if<Blob>(&value)) {
        storage[i] = "\\x";
        for (unsigned char byte : blob->bytes) storage[i] += fmt::format("{:02x}", byte);
      } else {
        storage[i] = std::get<std::string>(value);
      }
      values[i] = storage[i].c_str();
    }
    ResultPtr result(PQexecPrepared(connection_, found->second.c_str(), static_cast<int>(params.size()), values.data(),
                                    nullptr, nullptr, 0));
    Check(result.get(), sql);
    return result;
  }

  void Check(PGresult* result, std::string_view context) {
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const bool unique = state != nullptr && std::string_view(state) == "23505";
    std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(connection_);
    if (PQstatus(connection_) == CONNECTION_BAD) {
      PQreset(connection_);
      statement_names_.clear();
    }
    throw DatabaseError(fmt::format("postgresql: {} in: {}", message, context.substr(0, 200)), unique);
  }

  PGconn* connection_ = nullptr;
  std::unordered_map<std::string, std::string> statement_names_;
};

}  // namespace

std::unique_ptr<Connection> OpenPostgres(const std::string& conninfo) {
  return std::make_unique<PostgresConnection>(conninfo);
}

}  // namespace youhao::storage
