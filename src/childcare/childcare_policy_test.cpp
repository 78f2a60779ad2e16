#include "childcare/childcare_policy.h"

#include <gtest/gtest.h>

#include <string>

#include "schedule/clock.h"

namespace youhao::childcare {
namespace {

using accounts::Role;

// A ten-day winter class in Haidian's 华清嘉园 community (path /110000/110108/110108011/110108011001/).
constexpr std::string_view kCommunityPath = "/11/1101/110108/110108011/110108011001/";

EventFacts WinterClass() {
  EventFacts event;
  event.kind = "childcare";
  event.family = true;
  event.created_by = 50;
  event.area_path = std::string(kCommunityPath);
  event.starts_at = *schedule::BeijingMidnight("2027-01-18") + 8LL * 3600;
  event.ends_at = *schedule::BeijingMidnight("2027-01-27") + 17LL * 3600;
  event.capacity = 4;
  return event;
}

Viewer Of(long long account_id, Role role, std::string path) { return {account_id, role, std::move(path)}; }

TEST(ChildcarePolicy, AChildcareEventIsAFamilyEventOfKindChildcare) {
  EventFacts event = WinterClass();
  EXPECT_TRUE(IsChildcareEvent(event));
  event.family = false;
  EXPECT_FALSE(IsChildcareEvent(event));
  event = WinterClass();
  event.kind = "family";
  EXPECT_FALSE(IsChildcareEvent(event));
}

TEST(ChildcarePolicy, WhoOrganises) {
  const EventFacts event = WinterClass();
  const std::string street = "/11/1101/110108/110108011/";
  const std::string other_street = "/11/1101/110108/110108012/";
  struct Case {
    Viewer viewer;
    bool organiser;
  };
  const Case cases[] = {
      {Of(50, Role::kStationKeeper, std::string(kCommunityPath)), true},   // its creator
      {Of(51, Role::kStationKeeper, std::string(kCommunityPath)), false},  // another keeper of the same community
      {Of(52, Role::kSponsor, street), false},
      {Of(53, Role::kCommunityOfficer, std::string(kCommunityPath)), true},
      {Of(54, Role::kStreetOfficer, street), true},
      {Of(55, Role::kStreetOfficer, other_street), false},  // an officer of another street
      {Of(56, Role::kUnionStaff, "/11/1101/110108/"), true},
      {Of(57, Role::kUnionStaff, "/11/1101/110105/"), false},
      {Of(58, Role::kGridOfficer, std::string(kCommunityPath)), false},
      {Of(59, Role::kGuard, std::string(kCommunityPath)), false},
      {Of(50, Role::kWorker, std::string(kCommunityPath)), false},  // a worker never organises
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsOrganiser(event, c.viewer), c.organiser)
        << accounts::RoleName(c.viewer.role) << " " << c.viewer.area_path;
  }
}

TEST(ChildcarePolicy, ParentsSeeTheirOwnOrganisersSeeAllOthersNothing) {
  const EventFacts event = WinterClass();
  const auto parent = ChildrenView(event, Of(7, Role::kWorker, std::string(kCommunityPath)), true);
  ASSERT_TRUE(parent.ok());
  EXPECT_EQ(*parent, View::kOwn);
  const auto stranger = ChildrenView(event, Of(8, Role::kWorker, std::string(kCommunityPath)), false);
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.error().Name(), "childcare_no_place");
  EXPECT_EQ(stranger.error().code, core::ErrorCode::kForbidden);
  const auto officer = ChildrenView(event, Of(9, Role::kStreetOfficer, "/11/1101/110108/110108011/"), false);
  ASSERT_TRUE(officer.ok());
  EXPECT_EQ(*officer, View::kAll);
  const auto elsewhere = ChildrenView(event, Of(10, Role::kStreetOfficer, "/11/1101/110108/110108012/"), false);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().Name(), "childcare_forbidden");
}

TEST(ChildcarePolicy, ChildBounds) {
  struct Case {
    ChildInput child;
    std::string field;  // empty: accepted
  };
  const Case cases[] = {
      {{"小雨", 7, ""}, ""},
      {{"小雨", 0, "花生过敏"}, ""},
      {{"小雨", 15, ""}, ""},
      {{"一二三四五六七八九十", 3, ""}, ""},
      {{"一二三四五六七八九十一", 3, ""}, "given_name"},
      {{"", 3, ""}, "given_name"},
      {{"欧阳小雨欧阳小雨欧阳小雨欧阳小雨欧阳小雨欧阳小雨欧阳小雨欧", 3, ""}, "given_name"},
      {{"小\n雨", 3, ""}, "given_name"},
      {{"小雨", -1, ""}, "age"},
      {{"小雨", 16, ""}, "age"},
      {{"小雨", 40, ""}, "age"},
      {{"小雨", 7, std::string(100, 'a')}, ""},
      {{"小雨", 7, std::string(101, 'a')}, "note"},
      {{"小雨", 7, "a\x01"}, "note"},
  };
  for (const Case& c : cases) {
    const auto status = CheckChild(c.child);
    if (c.field.empty()) {
      EXPECT_TRUE(status.ok()) << c.child.given_name << " " << c.child.age;
    } else {
      ASSERT_FALSE(status.ok()) << c.child.given_name << " " << c.child.age;
      EXPECT_EQ(status.error().Name(), "bad_child");
      EXPECT_EQ(status.error().code, core::ErrorCode::kValidationFailed);
      EXPECT_EQ(status.error().fields.at("field").as_string(), c.field);
    }
  }
}

TEST(ChildcarePolicy, EveryChildNeedsAPlaceAndAtMostThreePerRegistration) {
  EventFacts event = WinterClass();
  EXPECT_TRUE(MayAddChild(event, {true, 0, 0}).ok());
  EXPECT_TRUE(MayAddChild(event, {true, 2, 3}).ok());
  EXPECT_EQ(MayAddChild(event, {false, 0, 0}).error().Name(), "childcare_no_place");
  EXPECT_EQ(MayAddChild(event, {true, 3, 3}).error().Name(), "too_many_children");
  EXPECT_EQ(MayAddChild(event, {true, 1, 4}).error().Name(), "childcare_full");
  event.cancelled = true;
  EXPECT_EQ(MayAddChild(event, {true, 0, 0}).error().Name(), "childcare_event_cancelled");
}

TEST(ChildcarePolicy, DaysAreTheEventsBeijingDays) {
  const EventFacts event = WinterClass();
  const auto days = EventDays(event);
  ASSERT_EQ(days.size(), 10U);
  EXPECT_EQ(days.front(), "2027-01-18");
  EXPECT_EQ(days.back(), "2027-01-27");
  EXPECT_EQ(*CheckDay(event, "2027-01-18"), "2027-01-18");
  EXPECT_EQ(*CheckDay(event, "2027-01-27"), "2027-01-27");
  for (std::string_view bad : {"2027-01-17", "2027-01-28", "2027-02-30", "20270118", "", "2027-1-18"}) {
    const auto day = CheckDay(event, bad);
    ASSERT_FALSE(day.ok()) << bad;
    EXPECT_EQ(day.error().Name(), "bad_attendance_day");
    EXPECT_EQ(day.error().fields.at("first").as_string(), "2027-01-18");
  }
  // An event ending at Beijing midnight does not own the next day.
  EventFacts evening = event;
  evening.starts_at = *schedule::BeijingMidnight("2027-02-01") + 18LL * 3600;
  evening.ends_at = *schedule::BeijingMidnight("2027-02-02");
  EXPECT_EQ(EventDays(evening), std::vector<std::string>{"2027-02-01"});
}

}  // namespace
}  // namespace youhao::childcare
