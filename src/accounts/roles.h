#pragma once
/// Roles of Youhao accounts and what each may do. Every account is scoped to one area.

#include <optional>
#include <string_view>

namespace youhao::accounts {

enum class Role {
  kWorker,
  kGuard,
  kPropertyManager,
  kStationKeeper,
  kMerchant,
  kSponsor,
  /// Union and legal-aid staff (工会 · 法律援助): organise events and trainings, later handle rights cases.
  kUnionStaff,
  kGridOfficer,
  kCommunityOfficer,
  kStreetOfficer,
  kDistrictOfficer,
  kCityOfficer,
  kAdmin,
};

/// API name, e.g. "property_manager".
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
/// UI label in Chinese, e.g. "物业".
std::string_view RoleLabelZh(Role role);

/// Officers and admins: they see the registry of workers and the audit log of their area.
bool IsOfficer(Role role);
/// Roles that may create accounts in their area (for roles ranked below their own).
bool CanManageAccounts(Role role);
/// Orders roles by authority; an account may only create accounts of a lower rank.
int Rank(Role role);
/// Staff who may list workers (masked phones) in their area.
bool CanListWorkers(Role role);

}  // namespace youhao::accounts
