#pragma once
/// A small thread-safe map whose entries expire a fixed time after they were stored: for data
/// read on every request that may lag its source by a few seconds (sessions, plans, areas,
/// area counts). Writers of that data call Erase() so their own process sees changes at once.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace youhao::core {

template <typename Value>
class TtlCache {
 public:
  using Clock = std::chrono::steady_clock;

  /// Entries live `lifetime`; past `max_entries` the cache is cleared rather than grown.
  explicit TtlCache(Clock::duration lifetime, std::size_t max_entries = 100'000)
      : lifetime_(lifetime), max_entries_(max_entries) {}

  std::optional<Value> Get(const std::string& key) const {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(key);
    if (found == entries_.end() || Clock::now() - found->second.second >= lifetime_) return std::nullopt;
    return found->second.first;
  }

  void Put(const std::string& key, Value value) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_entries_) entries_.clear();
    entries_[key] = {std::move(value), Clock::now()};
  }

  void Erase(const std::string& key) {
    std::lock_guard lock(mutex_);
    entries_.erase(key);
  }

 private:
  Clock::duration lifetime_;
  std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::pair<Value, Clock::time_point>> entries_;
};

}  // namespace youhao::core
