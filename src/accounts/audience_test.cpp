// Each audience names the same roles as the predicate the services check, so the door a route
// declares is never narrower than the rule behind it.
#include "accounts/audience.h"

#include <gtest/gtest.h>

#include <set>

namespace youhao::accounts {
namespace {

std::vector<Role> EveryRole() {
  std::vector<Role> roles;
  for (unsigned bit = 0; bit <= static_cast<unsigned>(Role::kAdmin); ++bit) roles.push_back(static_cast<Role>(bit));
  return roles;
}

TEST(Audience, OfficersAreTheRolesIsOfficerNames) {
  for (Role role : EveryRole()) {
    EXPECT_EQ(audience::kOfficers.Admits(role), IsOfficer(role)) << RoleName(role);
    EXPECT_EQ(audience::kCommunityOfficers.Admits(role), CanManageAccounts(role)) << RoleName(role);
    EXPECT_EQ(audience::kWorkerListers.Admits(role), CanListWorkers(role)) << RoleName(role);
    EXPECT_TRUE(audience::kSignedIn.Admits(role));
    EXPECT_EQ(audience::kWorkers.Admits(role), role == Role::kWorker);
    EXPECT_EQ(audience::kNotWorkers.Admits(role), role != Role::kWorker);
    EXPECT_EQ(audience::kAdmins.Admits(role), role == Role::kAdmin);
  }
}

TEST(Audience, PublicAudiencesAdmitEveryone) {
  for (Role role : EveryRole()) {
    EXPECT_TRUE(audience::kAnyone.Admits(role));
    EXPECT_TRUE(audience::kAnyoneSignedInSeesMore.Admits(role));
  }
}

TEST(Audience, NamesAreUniqueAndFound) {
  std::set<std::string_view> names;
  for (const Audience* audience : audience::All()) {
    EXPECT_TRUE(names.insert(audience->name).second) << audience->name;
    EXPECT_EQ(audience::Find(audience->name), audience);
    if (audience->sign_in == SignIn::kRequired) {
      EXPECT_FALSE(audience->AdmittedRoles().empty()) << audience->name;
    }
  }
  EXPECT_EQ(audience::Find("nobody"), nullptr);
}

TEST(Audience, GateStaffAreGuardsPropertyStaffAndOfficers) {
  const std::vector<Role> expected = {
      Role::kGuard,         Role::kPropertyManager, Role::kGridOfficer, Role::kCommunityOfficer,
      Role::kStreetOfficer, Role::kDistrictOfficer, Role::kCityOfficer, Role::kAdmin};
  EXPECT_EQ(audience::kGateStaff.AdmittedRoles(), expected);
}

}  // namespace
}  // namespace youhao::accounts
