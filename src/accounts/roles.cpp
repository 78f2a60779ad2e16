#include "accounts/roles.h"

#include <array>

namespace youhao::accounts {

namespace {
struct RoleInfo {
  Role role;
  std::string_view name;
  std::string_view label_zh;
  int rank;
};

constexpr std::array<RoleInfo, 13> kRoles = {{
    {Role::kWorker, "worker", "骑手", 10},
    {Role::kGuard, "guard", "门岗保安", 10},
    {Role::kPropertyManager, "property_manager", "物业", 20},
    {Role::kStationKeeper, "station_keeper", "驿站站长", 20},
    {Role::kMerchant, "merchant", "友好商户", 10},
    {Role::kSponsor, "sponsor", "爱心单位", 10},
    {Role::kUnionStaff, "union_staff", "工会法援", 30},
    {Role::kGridOfficer, "grid_officer", "网格员", 40},
    {Role::kCommunityOfficer, "community_officer", "社区工作人员", 50},
    {Role::kStreetOfficer, "street_officer", "街道干部", 60},
    {Role::kDistrictOfficer, "district_officer", "区级干部", 70},
    {Role::kCityOfficer, "city_officer", "市级干部", 80},
    {Role::kAdmin, "admin", "系统管理员", 100},
}};

const RoleInfo& Info(Role role) { return kRoles[static_cast<std::size_t>(role)]; }
}  // namespace

std::string_view RoleName(Role role) { return Info(role).name; }
std::string_view RoleLabelZh(Role role) { return Info(role).label_zh; }
int Rank(Role role) { return Info(role).rank; }

std::optional<Role> ParseRole(std::string_view name) {
  for (const RoleInfo& info : kRoles) {
    if (info.name == name) return info.role;
  }
  return std::nullopt;
}

bool IsOfficer(Role role) { return Rank(role) >= Rank(Role::kGridOfficer); }

bool CanManageAccounts(Role role) { return Rank(role) >= Rank(Role::kCommunityOfficer); }

bool CanListWorkers(Role role) { return IsOfficer(role) || role == Role::kStationKeeper; }

}  // namespace youhao::accounts
