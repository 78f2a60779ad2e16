#include "sponsors/sponsor_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace youhao::sponsors {
namespace {

using accounts::Role;

std::string FieldOf(const core::Status& status) {
  if (status.ok()) return "ok";
  const auto* field = status.error().fields.if_contains("field");
  return field == nullptr ? status.error().name : std::string(field->as_string());
}

TEST(SponsorPolicy, KindsStatusesAndRecipientsRoundTrip) {
  for (SponsorKind kind : {SponsorKind::kCompany, SponsorKind::kAlliance, SponsorKind::kMerchant, SponsorKind::kOther})
    EXPECT_EQ(ParseSponsorKind(SponsorKindName(kind)), kind);
  EXPECT_EQ(ParseSponsorKind("charity"), std::nullopt);
  for (PledgeStatus status : {PledgeStatus::kPledged, PledgeStatus::kFunded, PledgeStatus::kDeclined})
    EXPECT_EQ(ParsePledgeStatus(PledgeStatusName(status)), status);
  for (RecipientKind kind : {RecipientKind::kWorkerChild, RecipientKind::kWorkerFamily, RecipientKind::kReadingCorner,
                             RecipientKind::kOther})
    EXPECT_EQ(ParseRecipientKind(RecipientKindName(kind)), kind);
  EXPECT_EQ(ParseRecipientKind("张小哥"), std::nullopt) << "a name is never a recipient kind";
  EXPECT_EQ(ParseDirection("in"), Direction::kIn);
  EXPECT_EQ(ParseDirection("out"), Direction::kOut);
  EXPECT_EQ(ParseDirection("IN"), std::nullopt);
}

TEST(SponsorPolicy, ASponsorHasANameAKnownKindAndAShortIntro) {
  struct Case {
    SponsorInput input;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{"中关村爱心企业联盟", "alliance", "110108", "党建联盟"}, "ok"},
      {{"", "company", "110108", ""}, "name"},
      {{std::string(61, 'a'), "company", "110108", ""}, "name"},
      {{"A\nB", "company", "110108", ""}, "name"},
      {{"羊肉粉店", "shop", "110108", ""}, "kind"},
      {{"羊肉粉店", "merchant", "110108", std::string(501, 'x')}, "intro"},
      {{"羊肉粉店", "merchant", "110108", "两行\n介绍"}, "ok"},
  };
  for (const auto& each : cases) EXPECT_EQ(FieldOf(CheckSponsorInput(each.input)), each.field) << each.input.name;
}

TEST(SponsorPolicy, APledgeIsAPositiveBoundedAmount) {
  EXPECT_TRUE(CheckPledgeInput(1, "").ok());
  EXPECT_TRUE(CheckPledgeInput(kMaxPledgePoints, "年度预算").ok());
  EXPECT_EQ(FieldOf(CheckPledgeInput(0, "")), "amount");
  EXPECT_EQ(FieldOf(CheckPledgeInput(-5, "")), "amount");
  EXPECT_EQ(FieldOf(CheckPledgeInput(kMaxPledgePoints + 1, "")), "amount");
  EXPECT_EQ(FieldOf(CheckPledgeInput(10, std::string(201, 'n'))), "note");
  EXPECT_EQ(CheckPledgeInput(0, "").error().name, "bad_pledge");
}

TEST(SponsorPolicy, WhoMayDoWhat) {
  const std::vector<Role> all = {
      Role::kWorker,        Role::kGuard,           Role::kPropertyManager, Role::kStationKeeper,
      Role::kMerchant,      Role::kSponsor,         Role::kGridOfficer,     Role::kCommunityOfficer,
      Role::kStreetOfficer, Role::kDistrictOfficer, Role::kCityOfficer,     Role::kAdmin};
  for (Role role : all) {
    const bool street_up = role == Role::kStreetOfficer || role == Role::kDistrictOfficer ||
                           role == Role::kCityOfficer || role == Role::kAdmin;
    EXPECT_EQ(MayCreateSponsors(role), street_up) << accounts::RoleName(role);
    EXPECT_EQ(MayLinkMembers(role), street_up || role == Role::kCommunityOfficer) << accounts::RoleName(role);
    EXPECT_EQ(MayDecidePledges(role), role == Role::kCityOfficer || role == Role::kAdmin) << accounts::RoleName(role);
  }
}

TEST(SponsorPolicy, OnlyItsOwnMemberPledgesAndNoSponsorFundsItself) {
  EXPECT_TRUE(MayPledge(Role::kSponsor, 7, 7).ok());
  EXPECT_EQ(MayPledge(Role::kSponsor, 8, 7).error().name, "not_sponsor_member");
  EXPECT_EQ(MayPledge(Role::kSponsor, std::nullopt, 7).error().name, "not_sponsor_member");
  EXPECT_EQ(MayPledge(Role::kCityOfficer, std::nullopt, 7).error().code, core::ErrorCode::kForbidden)
      << "an officer decides pledges, it does not make them";
  EXPECT_FALSE(MayDecidePledges(Role::kSponsor)) << "a sponsor never funds its own pool";
}

TEST(SponsorPolicy, APledgeIsDecidedOnce) {
  EXPECT_TRUE(CheckPledgeOpen(PledgeStatus::kPledged).ok());
  for (PledgeStatus decided : {PledgeStatus::kFunded, PledgeStatus::kDeclined}) {
    const auto status = CheckPledgeOpen(decided);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(status.error().name, "pledge_decided");
    EXPECT_EQ(status.error().fields.at("status").as_string(), PledgeStatusName(decided));
  }
}

TEST(SponsorPolicy, ADriveHasDatesAGoalAndDifferentDropPoints) {
  DriveInput good{"一本书的旅行", "为骑手的孩子募集图书", "110108", "儿童读物", 500, 100, 200, {3, 4}};
  EXPECT_TRUE(CheckDriveInput(good).ok());
  auto with = [&](auto change) {
    DriveInput input = good;
    change(input);
    return FieldOf(CheckDriveInput(input));
  };
  EXPECT_EQ(with([](DriveInput& d) { d.title = ""; }), "title");
  EXPECT_EQ(with([](DriveInput& d) { d.collects = ""; }), "collects");
  EXPECT_EQ(with([](DriveInput& d) { d.goal = 0; }), "goal");
  EXPECT_EQ(with([](DriveInput& d) { d.goal = std::nullopt; }), "ok");
  EXPECT_EQ(with([](DriveInput& d) { d.ends_at = d.starts_at; }), "ends_at");
  EXPECT_EQ(with([](DriveInput& d) { d.drop_point_ids = {}; }), "drop_point_ids");
  EXPECT_EQ(with([](DriveInput& d) { d.drop_point_ids = {3, 4, 3}; }), "drop_point_ids");
  EXPECT_EQ(with([](DriveInput& d) { d.drop_point_ids = {0}; }), "drop_point_ids");
  EXPECT_EQ(with([](DriveInput& d) { d.drop_point_ids = std::vector<long long>(21, 1); }), "drop_point_ids");
  EXPECT_EQ(with([](DriveInput& d) { d.story = std::string(1001, 's'); }), "story");
}

TEST(SponsorPolicy, ItemsComeInWhileTheDriveRunsAndGoOutOnlyAsFarAsThePointHolds) {
  const long long starts = 1000;
  const long long ends = 2000;
  ItemInput in{"in", "清华附中", std::nullopt, 30, "", ""};
  EXPECT_TRUE(CheckItemMovement(in, 1500, starts, ends, 0).ok());
  EXPECT_EQ(CheckItemMovement(in, 999, starts, ends, 0).error().name, "drive_not_running");
  EXPECT_EQ(CheckItemMovement(in, 2000, starts, ends, 0).error().name, "drive_not_running");
  in.organisation = "";
  EXPECT_EQ(FieldOf(CheckItemMovement(in, 1500, starts, ends, 0)), "organisation");

  ItemInput out{"out", "", std::nullopt, 10, "worker_child", ""};
  EXPECT_TRUE(CheckItemMovement(out, 1500, starts, ends, 10).ok());
  EXPECT_TRUE(CheckItemMovement(out, 5000, starts, ends, 10).ok()) << "handing out goes on after the drive ends";
  const auto short_of = CheckItemMovement(out, 1500, starts, ends, 9);
  ASSERT_FALSE(short_of.ok());
  EXPECT_EQ(short_of.error().name, "drive_not_enough");
  EXPECT_EQ(short_of.error().fields.at("on_hand").as_int64(), 9);
  out.recipient_kind = "王小明";
  EXPECT_EQ(FieldOf(CheckItemMovement(out, 1500, starts, ends, 10)), "recipient_kind");
  out.recipient_kind = "worker_family";
  out.count = 0;
  EXPECT_EQ(FieldOf(CheckItemMovement(out, 1500, starts, ends, 10)), "count");
  out.count = kMaxItemsAtOnce + 1;
  EXPECT_EQ(FieldOf(CheckItemMovement(out, 1500, starts, ends, kMaxItemsAtOnce + 5)), "count");
  out.count = 1;
  out.direction = "sideways";
  EXPECT_EQ(FieldOf(CheckItemMovement(out, 1500, starts, ends, 10)), "direction");
}

TEST(SponsorPolicy, ADropPointIsKeptByItsKeeperOrAnOfficerOfItsArea) {
  EXPECT_TRUE(MayKeepDropPoint(Role::kStationKeeper, 12, 12, false));
  EXPECT_FALSE(MayKeepDropPoint(Role::kStationKeeper, 12, 13, true)) << "another station's keeper";
  EXPECT_FALSE(MayKeepDropPoint(Role::kMerchant, 12, std::nullopt, true));
  EXPECT_TRUE(MayKeepDropPoint(Role::kCommunityOfficer, 5, 13, true));
  EXPECT_FALSE(MayKeepDropPoint(Role::kCommunityOfficer, 5, 13, false)) << "an officer of another area";
}

TEST(SponsorPolicy, ProgressIsAWholePercentCappedAtAHundred) {
  EXPECT_EQ(ProgressPercent(0, 500), 0);
  EXPECT_EQ(ProgressPercent(249, 500), 49);
  EXPECT_EQ(ProgressPercent(500, 500), 100);
  EXPECT_EQ(ProgressPercent(900, 500), 100);
  EXPECT_EQ(ProgressPercent(40, std::nullopt), 0);
}

}  // namespace
}  // namespace youhao::sponsors
