// The feeds' rules: the window, the ETag, the areas an area's feed carries, the status shown and
// the location.
#include "calendar/feed_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace youhao::calendar {
namespace {

TEST(FeedPolicy, WindowIsThirtyDaysBackToAYearAhead) {
  const FeedWindow window = WindowAround(1'000'000'000);
  EXPECT_EQ(window.from, 1'000'000'000 - 30 * 86'400);
  EXPECT_EQ(window.to, 1'000'000'000 + 366 * 86'400);
}

TEST(FeedPolicy, TagChangesWithEveryPartOfTheStamp) {
  const FeedStamp stamp{.count = 3, .max_updated_at = 100, .sequence_sum = 4};
  const std::string tag = FeedTag("a110108-zh", stamp);
  EXPECT_EQ(tag, "\"ics-a110108-zh-3-100-4\"");
  EXPECT_NE(FeedTag("a110108-en", stamp), tag);
  EXPECT_NE(FeedTag("a110108-zh", {.count = 4, .max_updated_at = 100, .sequence_sum = 4}), tag) << "an event came";
  EXPECT_NE(FeedTag("a110108-zh", {.count = 3, .max_updated_at = 101, .sequence_sum = 4}), tag) << "an event changed";
  EXPECT_NE(FeedTag("a110108-zh", {.count = 3, .max_updated_at = 100, .sequence_sum = 5}), tag)
      << "a second change within the same second";
  EXPECT_EQ(FeedTag("t7", {.count = 1, .max_updated_at = 5, .sequence_sum = 2, .max_registration_updated_at = 9}),
            "\"ics-t7-1-5-2-9\"");
}

TEST(FeedPolicy, AncestorsAreThePathWithoutTheAreaItself) {
  EXPECT_EQ(AncestorCodes("110000/110108/110108001/"), (std::vector<std::string>{"110000", "110108"}));
  EXPECT_EQ(AncestorCodes("110000/"), std::vector<std::string>{});
  EXPECT_EQ(AncestorCodes(""), std::vector<std::string>{});
  EXPECT_EQ(AncestorCodes("a/b/c/d/e/"), (std::vector<std::string>{"a", "b", "c", "d"}));
}

TEST(FeedPolicy, StatusShown) {
  struct Case {
    std::string_view event;
    std::string_view registration;
    EventStatus shown;
  };
  const Case cases[] = {
      {"scheduled", "", EventStatus::kConfirmed},          {"cancelled", "", EventStatus::kCancelled},
      {"scheduled", "confirmed", EventStatus::kConfirmed}, {"scheduled", "offered", EventStatus::kTentative},
      {"scheduled", "waiting", EventStatus::kTentative},   {"cancelled", "confirmed", EventStatus::kCancelled},
      {"cancelled", "waiting", EventStatus::kCancelled},   {"cancelled", "cancelled", EventStatus::kCancelled},
      {"scheduled", "cancelled", EventStatus::kCancelled},
  };
  for (const Case& c : cases)
    EXPECT_EQ(StatusFor(c.event, c.registration), c.shown) << c.event << " / " << c.registration;
}

TEST(FeedPolicy, LocationPrefersTheAddressThenThePlaceThenTheCompound) {
  EXPECT_EQ(LocationOf("中关村大街1号", "骑手驿站", "华清嘉园"), "中关村大街1号");
  EXPECT_EQ(LocationOf("", "骑手驿站", "华清嘉园"), "骑手驿站");
  EXPECT_EQ(LocationOf("", "", "华清嘉园"), "华清嘉园");
  EXPECT_EQ(LocationOf("", "", ""), "");
}

}  // namespace
}  // namespace youhao::calendar
