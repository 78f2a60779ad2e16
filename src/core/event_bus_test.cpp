#include "core/event_bus.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace youhao::core {
namespace {

TEST(EventBus, WakesSubscribersOfTheTopicOnly) {
  EventBus bus;
  int a = 0, b = 0;
  auto first = bus.Subscribe("report:1", [&] { ++a; });
  auto second = bus.Subscribe("report:2", [&] { ++b; });
  bus.Publish("report:1");
  bus.Publish("report:1");
  bus.Publish("report:3");
  EXPECT_EQ(a, 2);
  EXPECT_EQ(b, 0);
  EXPECT_EQ(bus.Subscribers("report:1"), 1U);
}

TEST(EventBus, NoWakeAfterTheHandleIsGone) {
  EventBus bus;
  int woken = 0;
  auto handle = bus.Subscribe("t", [&] { ++woken; });
  auto other = bus.Subscribe("t", [&] { woken += 10; });
  handle.reset();
  bus.Publish("t");
  EXPECT_EQ(woken, 10);
  other.reset();
  bus.Publish("t");
  EXPECT_EQ(woken, 10);
  EXPECT_EQ(bus.Subscribers("t"), 0U);
}

TEST(EventBus, PublishersAndSubscribersOnManyThreads) {
  EventBus bus;
  std::atomic<long long> woken{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        auto handle = bus.Subscribe("hot", [&] { woken.fetch_add(1); });
        bus.Publish("hot");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_GE(woken.load(), 2000);  // each publisher at least wakes its own subscription
  EXPECT_EQ(bus.Subscribers("hot"), 0U);
}

}  // namespace
}  // namespace youhao::core
