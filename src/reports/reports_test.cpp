#include <gtest/gtest.h>

#include "areas/area_service.h"
#include "reports/report_model.h"

namespace youhao::reports {
namespace {

TEST(Chain, FollowsTheIssuesStepsAndRefusesTheRest) {
  // The whole chain, step by step.
  Status s = Status::kSubmitted;
  for (auto [action, expected] : std::vector<std::pair<Action, Status>>{{Action::kAccept, Status::kAccepted},
                                                                        {Action::kDispatch, Status::kDispatched},
                                                                        {Action::kStart, Status::kInProgress},
                                                                        {Action::kResolve, Status::kResolved},
                                                                        {Action::kConfirm, Status::kConfirmed},
                                                                        {Action::kReopen, Status::kInProgress}}) {
    const auto next = Next(s, action);
    ASSERT_TRUE(next) << ActionName(action) << " from " << StatusName(s);
    EXPECT_EQ(*next, expected);
    s = *next;
  }
  EXPECT_FALSE(Next(Status::kSubmitted, Action::kResolve));   // nothing is resolved before work starts
  EXPECT_FALSE(Next(Status::kInProgress, Action::kConfirm));  // only a resolved report is confirmed
  EXPECT_FALSE(Next(Status::kConfirmed, Action::kClose));     // closing is for open reports
  EXPECT_FALSE(Next(Status::kSubmitted, Action::kReopen));
  EXPECT_EQ(*Next(Status::kSubmitted, Action::kStart), Status::kInProgress);  // a station may handle it itself
  EXPECT_EQ(*Next(Status::kClosed, Action::kReopen), Status::kInProgress);
  for (Status open :
       {Status::kSubmitted, Status::kAccepted, Status::kDispatched, Status::kInProgress, Status::kResolved}) {
    EXPECT_TRUE(IsOpen(open));
    EXPECT_EQ(*Next(open, Action::kClose), Status::kClosed);
  }
  EXPECT_FALSE(IsOpen(Status::kConfirmed));
  EXPECT_FALSE(IsOpen(Status::kClosed));
}

TEST(Chain, NamesRoundTripAndDeadlinesAreSet) {
  for (int c = 0; c < kCategoryCount; ++c) {
    const auto category = static_cast<Category>(c);
    EXPECT_EQ(ParseCategory(CategoryName(category)), category);
    EXPECT_GT(DeadlineHours(category), 0);
    EXPECT_FALSE(CategoryLabelZh(category).empty());
  }
  EXPECT_EQ(DeadlineHours(Category::kFireLane), 4);
  EXPECT_TRUE(IsPrivate(Category::kWelfare));
  EXPECT_FALSE(IsPrivate(Category::kFireLane));
  for (int a = 0; a < kActionCount; ++a)
    EXPECT_EQ(ParseAction(ActionName(static_cast<Action>(a))), static_cast<Action>(a));
  EXPECT_FALSE(ParseCloseReason("auto_confirmed"));  // only the server closes this way
  EXPECT_FALSE(ParseCategory("Fire_Lane"));
  EXPECT_TRUE(SeesPrivate(accounts::Role::kCommunityOfficer));
  EXPECT_TRUE(SeesPrivate(accounts::Role::kGridOfficer));
  EXPECT_FALSE(SeesPrivate(accounts::Role::kStationKeeper));
  EXPECT_FALSE(SeesPrivate(accounts::Role::kWorker));
  EXPECT_TRUE(IsHandlerRole(accounts::Role::kStationKeeper));
  EXPECT_FALSE(IsHandlerRole(accounts::Role::kWorker));
  EXPECT_FALSE(IsHandlerRole(accounts::Role::kSponsor));
}

TEST(Chain, OverdueReportsClimbToTheStreetThenTheDistrict) {
  const long long created = 1'000'000, due = created + 24 * 3600;
  EXPECT_EQ(EscalationOf(Status::kAccepted, created, due, due), Escalation::kNone);  // on the deadline itself
  EXPECT_EQ(EscalationOf(Status::kAccepted, created, due, due + 1), Escalation::kStreet);
  EXPECT_EQ(EscalationOf(Status::kInProgress, created, due, due + 24 * 3600), Escalation::kStreet);
  EXPECT_EQ(EscalationOf(Status::kInProgress, created, due, due + 24 * 3600 + 1), Escalation::kDistrict);
  // A resolved report waits for its reporter, not for the officers; finished ones never climb.
  EXPECT_EQ(EscalationOf(Status::kResolved, created, due, due * 2), Escalation::kNone);
  EXPECT_EQ(EscalationOf(Status::kConfirmed, created, due, due * 2), Escalation::kNone);
  EXPECT_EQ(EscalationOf(Status::kClosed, created, due, due * 2), Escalation::kNone);
}

TEST(AreaPaths, CodeAtEachLevel) {
  const std::string path = "110000/110108/110108011/110108011001/";
  EXPECT_EQ(areas::PathCodeAt(path, areas::Level::kCity), "110000");
  EXPECT_EQ(areas::PathCodeAt(path, areas::Level::kStreet), "110108011");
  EXPECT_EQ(areas::PathCodeAt(path, areas::Level::kCommunity), "110108011001");
  EXPECT_EQ(areas::PathCodeAt(path, areas::Level::kCompound), "");             // not that deep
  EXPECT_EQ(areas::PathCodeAt("110000/110108", areas::Level::kDistrict), "");  // no closing '/'
}

}  // namespace
}  // namespace youhao::reports
