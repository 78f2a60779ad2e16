#pragma once
/// In-process publish/subscribe of topic names ("report:42"). A publisher says that something
/// under a topic changed; subscribers are woken and read what changed themselves. Nothing is
/// queued: a wake is a hint, so a subscriber that was busy reads once for many publications.
/// Later, several servers can feed the same bus from PostgreSQL LISTEN/NOTIFY.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace youhao::core {

class EventBus {
 public:
  using Wake = std::function<void()>;

  /// Calls `wake` (on the publisher's thread, so it must be quick and must not block) whenever
  /// `topic` is published, until the returned handle is destroyed. Once the handle's destructor
  /// has returned, `wake` is never called again.
  [[nodiscard]] std::shared_ptr<void> Subscribe(std::string topic, Wake wake);

  void Publish(std::string_view topic);

  /// Subscribers of `topic` now (for tests and metrics).
  std::size_t Subscribers(std::string_view topic) const;

 private:
  mutable std::mutex mutex_;
  long long next_id_ = 0;
  std::multimap<std::string, std::pair<long long, Wake>, std::less<>> subscribers_;
};

}  // namespace youhao::core
