#include "storage/group_commit.h"

#include <algorithm>
#include <vector>

namespace youhao::storage {

GroupCommit::GroupCommit(Database& database, int max_batch)
    : database_(database), max_batch_(std::max(1, max_batch)), writer_([this](std::stop_token stop) { Loop(stop); }) {}

GroupCommit::~GroupCommit() {
  writer_.request_stop();
  work_.notify_all();
}

bool GroupCommit::Run(const std::function<bool(Connection&)>& unit) {
  Pending pending{&unit};
  std::unique_lock lock(mutex_);
  queue_.push_back(&pending);
  work_.notify_one();
  finished_.wait(lock, [&pending] { return pending.done; });
  if (pending.error) std::rethrow_exception(pending.error);
  return pending.kept;
}

GroupCommitStats GroupCommit::Stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void GroupCommit::Loop(std::stop_token stop) {
  std::vector<Pending*> batch;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      work_.wait(lock, stop, [this] { return !queue_.empty(); });
      if (queue_.empty()) return;  // stopping with nothing left to do
      while (!queue_.empty() && static_cast<int>(batch.size()) < max_batch_) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    std::exception_ptr batch_error;
    try {
      auto connection = database_.Acquire();
      Transaction transaction(*connection);
      for (Pending* pending : batch) {
        connection->ExecuteScript("SAVEPOINT unit");
        try {
          pending->kept = (*pending->unit)(*connection);
        } catch (...) {
          pending->error = std::current_exception();
          pending->kept = false;
        }
        if (!pending->kept) connection->ExecuteScript("ROLLBACK TO SAVEPOINT unit");
        connection->ExecuteScript("RELEASE SAVEPOINT unit");
      }
      transaction.Commit();
    } catch (...) {
      batch_error = std::current_exception();
    }
    {
      std::lock_guard lock(mutex_);
      for (Pending* pending : batch) {
        if (batch_error) {
          pending->error = batch_error;
          pending->kept = false;
        }
        pending->done = true;
      }
      ++stats_.batches;
      stats_.units += static_cast<long long>(batch.size());
      stats_.largest_batch = std::max<long long>(stats_.largest_batch, static_cast<long long>(batch.size()));
    }
    finished_.notify_all();
    batch.clear();
  }
}

}  // namespace youhao::storage
