#pragma once
/// Multi-row INSERT for bulk loads: rows are buffered and written `batch_rows` at a time with
/// one prepared statement per batch size, so a load of 10^5 rows costs 10^3 round trips.

#include <string>
#include <vector>

#include "storage/database.h"

namespace youhao::storage {

class BatchInsert {
 public:
  BatchInsert(Connection& connection, std::string table, std::vector<std::string> columns,
              std::size_t batch_rows = 200);
  BatchInsert(const BatchInsert&) = delete;
  BatchInsert& operator=(const BatchInsert&) = delete;
  /// Call Flush() before destruction; pending rows are not written by the destructor.
  ~BatchInsert() = default;

  /// Buffers one row; `values` must have one entry per column.
  void Add(std::vector<Value> values);
  /// Writes every buffered row.
  void Flush();
  long long rows_written() const { return rows_written_; }

 private:
  std::string SqlFor(std::size_t rows) const;

  Connection& connection_;
  std::string table_;
  std::vector<std::string> columns_;
  std::size_t batch_rows_;
  std::vector<Value> pending_;
  std::string full_batch_sql_;
  long long rows_written_ = 0;
};

}  // namespace youhao::storage
