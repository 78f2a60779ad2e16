#include "storage/batch_insert.h"

#include <stdexcept>

namespace youhao::storage {

BatchInsert::BatchInsert(Connection& connection, std::string table, std::vector<std::string> columns,
                         std::size_t batch_rows)
    : connection_(connection), table_(std::move(table)), columns_(std::move(columns)), batch_rows_(batch_rows) {
  full_batch_sql_ = SqlFor(batch_rows_);
  pending_.reserve(batch_rows_ * columns_.size());
}

std::string BatchInsert::SqlFor(std::size_t rows) const {
  std::string sql = "INSERT INTO " + table_ + " (";
  for (std::size_t i = 0; i < columns_.size(); ++i) sql += (i ? ", " : "") + columns_[i];
  sql += ") VALUES ";
  std::string row = "(";
  for (std::size_t i = 0; i < columns_.size(); ++i) row += i ? ", ?" : "?";
  row += ")";
  for (std::size_t r = 0; r < rows; ++r) sql += (r ? ", " : "") + row;
  return sql;
}

void BatchInsert::Add(std::vector<Value> values) {
  if (values.size() != columns_.size()) throw std::invalid_argument("BatchInsert: wrong number of values");
  for (auto& value : values) pending_.push_back(std::move(value));
  if (pending_.size() == batch_rows_ * columns_.size()) Flush();
}

void BatchInsert::Flush() {
  if (pending_.empty()) return;
  const std::size_t rows = pending_.size() / columns_.size();
  const std::string sql = rows == batch_rows_ ? full_batch_sql_ : SqlFor(rows);
  connection_.Execute(sql, std::span<const Value>(pending_));
  rows_written_ += static_cast<long long>(rows);
  pending_.clear();
}

}  // namespace youhao::storage
