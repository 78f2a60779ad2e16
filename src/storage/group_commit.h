#pragma once
/// Group commit: many threads' small writes share one transaction, so one fsync makes a whole
/// batch durable. A single writer thread takes every unit of work waiting, runs each inside its
/// own SAVEPOINT of one transaction, commits once, then wakes each caller. A unit that declines
/// (returns false) or throws is rolled back to its savepoint alone; the others still commit.

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "storage/database.h"

namespace youhao::storage {

struct GroupCommitStats {
  long long batches = 0;
  long long units = 0;
  long long largest_batch = 0;
};

class GroupCommit {
 public:
  /// `max_batch` bounds how many units one transaction holds.
  explicit GroupCommit(Database& database, int max_batch = 512);
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  /// Runs `unit` on the writer's connection inside the shared transaction and returns once the
  /// batch holding it has committed (true) or once it was rolled back because it declined
  /// (false). Rethrows what the unit threw, or the commit's DatabaseError.
  bool Run(const std::function<bool(Connection&)>& unit);

  GroupCommitStats Stats() const;

 private:
  struct Pending {
    const std::function<bool(Connection&)>* unit;
    bool done = false;
    bool kept = false;
    std::exception_ptr error;
  };
  void Loop(std::stop_token stop);

  Database& database_;
  const int max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable_any work_;
  std::condition_variable finished_;
  std::deque<Pending*> queue_;
  GroupCommitStats stats_;
  std::jthread writer_;
};

}  // namespace youhao::storage
