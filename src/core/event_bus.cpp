#include "core/event_bus.h"

namespace youhao::core {

std::shared_ptr<void> EventBus::Subscribe(std::string topic, Wake wake) {
  std::lock_guard lock(mutex_);
  const long long id = ++next_id_;
  subscribers_.emplace(topic, std::make_pair(id, std::move(wake)));
  // The handle removes exactly this subscription; the bus outlives every handle (it lives in main).
  return std::shared_ptr<void>(nullptr, [this, topic = std::move(topic), id](void*) {
    std::lock_guard unsubscribe_lock(mutex_);
    auto [first, last] = subscribers_.equal_range(topic);
    for (auto it = first; it != last; ++it) {
      if (it->second.first == id) {
        subscribers_.erase(it);
        break;
      }
    }
  });
}

void EventBus::Publish(std::string_view topic) {
  // Called under the lock so that no wake runs after its handle was destroyed; wakes are quick.
  std::lock_guard lock(mutex_);
  auto [first, last] = subscribers_.equal_range(topic);
  for (auto it = first; it != last; ++it) it->second.second();
}

std::size_t EventBus::Subscribers(std::string_view topic) const {
  std::lock_guard lock(mutex_);
  auto [first, last] = subscribers_.equal_range(topic);
  return static_cast<std::size_t>(std::distance(first, last));
}

}  // namespace youhao::core
