// Where a whitelist search looks: an officer's own area, and for the compound's property staff
// (whose area is the compound, which holds no workers) the compound's community.
#include "entry/whitelist_search.h"

#include <gtest/gtest.h>

namespace youhao::entry {
namespace {

areas::Area Compound() {
  return areas::Area{.code = "110108011001001",
                     .parent_code = "110108011001",
                     .level = areas::Level::kCompound,
                     .name_zh = "华清嘉园小区",
                     .path = "110108/110108011/110108011001/110108011001001/"};
}

TEST(WhitelistSearchArea, PropertyStaffSearchTheCompoundsCommunity) {
  const accounts::Principal property{
      .role = accounts::Role::kPropertyManager, .area_code = "110108011001001", .area_path = Compound().path};
  EXPECT_EQ(WhitelistSearchArea(property, Compound()), "110108011001");
  areas::Area orphan = Compound();
  orphan.parent_code.reset();
  EXPECT_EQ(WhitelistSearchArea(property, orphan), orphan.code) << "a compound without a community: itself";
}

TEST(WhitelistSearchArea, OfficersSearchTheirOwnArea) {
  const struct {
    accounts::Role role;
    const char* area;
  } officers[] = {{accounts::Role::kGridOfficer, "110108011001"},
                  {accounts::Role::kCommunityOfficer, "110108011001"},
                  {accounts::Role::kStreetOfficer, "110108011"},
                  {accounts::Role::kDistrictOfficer, "110108"},
                  {accounts::Role::kAdmin, "110000"}};
  for (const auto& officer : officers) {
    const accounts::Principal principal{.role = officer.role, .area_code = officer.area};
    EXPECT_EQ(WhitelistSearchArea(principal, Compound()), officer.area) << accounts::RoleName(officer.role);
  }
}

}  // namespace
}  // namespace youhao::entry
