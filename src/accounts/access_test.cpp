#include "accounts/access.h"

#include <gtest/gtest.h>

namespace youhao::accounts {
namespace {

areas::Area MakeArea(std::string code, areas::Level level, std::string path) {
  areas::Area area;
  area.code = std::move(code);
  area.level = level;
  area.path = std::move(path);
  return area;
}

const areas::Area kStreetA = MakeArea("110108001", areas::Level::kStreet, "110000/110108/110108001/");
const areas::Area kStreetB = MakeArea("110108002", areas::Level::kStreet, "110000/110108/110108002/");
const areas::Area kCommunityA =
    MakeArea("110108001001", areas::Level::kCommunity, "110000/110108/110108001/110108001001/");
const areas::Area kDistrict = MakeArea("110108", areas::Level::kDistrict, "110000/110108/");

Principal Officer(Role role, const areas::Area& area) {
  Principal principal;
  principal.role = role;
  principal.area_code = area.code;
  principal.area_path = area.path;
  return principal;
}

TEST(Access, ScopeIsTheSubtreeOfTheAccountsArea) {
  const Principal street = Officer(Role::kStreetOfficer, kStreetA);
  EXPECT_TRUE(InScope(street, kStreetA));
  EXPECT_TRUE(InScope(street, kCommunityA));
  EXPECT_FALSE(InScope(street, kStreetB));
  EXPECT_FALSE(InScope(street, kDistrict));
}

TEST(Access, SimilarCodePrefixesAreNotConfused) {
  const areas::Area street_10 = MakeArea("1101080010", areas::Level::kStreet, "110000/110108/1101080010/");
  EXPECT_FALSE(InScope(Officer(Role::kStreetOfficer, kStreetA), street_10));
}

TEST(Access, AccountCreationRespectsRankScopeAndLevel) {
  const Principal street = Officer(Role::kStreetOfficer, kStreetA);
  EXPECT_TRUE(CanCreateAccount(street, Role::kGridOfficer, kCommunityA).ok());
  EXPECT_EQ(CanCreateAccount(street, Role::kAdmin, kStreetA).error().code, core::ErrorCode::kForbidden);
  EXPECT_EQ(CanCreateAccount(street, Role::kStreetOfficer, kStreetA).error().code, core::ErrorCode::kForbidden);
  EXPECT_EQ(CanCreateAccount(street, Role::kGridOfficer, kStreetB).error().code, core::ErrorCode::kForbidden);
  EXPECT_EQ(CanCreateAccount(street, Role::kGridOfficer, kStreetA).error().code, core::ErrorCode::kValidationFailed);
  EXPECT_EQ(CanCreateAccount(Officer(Role::kGuard, kCommunityA), Role::kWorker, kCommunityA).error().code,
            core::ErrorCode::kForbidden);
}

}  // namespace
}  // namespace youhao::accounts
