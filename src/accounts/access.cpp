#include "accounts/access.h"

#include <boost/json/serialize.hpp>

#include <fmt/format.h>

namespace youhao::accounts {

using areas::Level;

bool InScope(const Principal& principal, const areas::Area& area) {
  return areas::PathWithin(area.path, principal.area_path);
}

core::Status RequireInScope(const Principal& principal, const areas::Area& area) {
  if (InScope(principal, area)) return core::Ok{};
  return core::MakeError(core::ErrorCode::kForbidden, "this area is outside your account's area");
}

audit::Entry AuditEntryBy(const Principal& actor, std::string action, std::string entity, std::string entity_id,
                          std::string area_code) {
  audit::Entry entry;
  entry.actor_account_id = actor.account_id;
  entry.actor_login = actor.login;
  entry.action = std::move(action);
  entry.entity = std::move(entity);
  entry.entity_id = std::move(entity_id);
  entry.area_code = std::move(area_code);
  return entry;
}

void AuditBy(storage::Connection& connection, const Principal& actor, std::string action, std::string entity,
             std::string entity_id, std::string area_code, const boost::json::object& after) {
  audit::Entry entry =
      AuditEntryBy(actor, std::move(action), std::move(entity), std::move(entity_id), std::move(area_code));
  entry.after_json = boost::json::serialize(after);
  audit::AuditLog::Record(connection, entry);
}

bool LevelSuitsRole(Role role, Level level) {
  switch (role) {
    case Role::kAdmin:
    case Role::kCityOfficer:
      return level == Level::kCity;
    case Role::kDistrictOfficer:
      return level == Level::kDistrict;
    case Role::kStreetOfficer:
      return level == Level::kStreet;
    case Role::kCommunityOfficer:
    case Role::kGridOfficer:
      return level == Level::kCommunity;
    case Role::kGuard:
    case Role::kPropertyManager:
      return level == Level::kCompound;
    case Role::kStationKeeper:
    case Role::kMerchant:
      return level == Level::kCommunity || level == Level::kStreet;
    case Role::kSponsor:
    case Role::kUnionStaff:
      return level == Level::kStreet || level == Level::kDistrict || level == Level::kCity;
    case Role::kWorker:
      return level == Level::kCommunity || level == Level::kStreet || level == Level::kCompound;
  }
  return false;
}

core::Status CanCreateAccount(const Principal& actor, Role role, const areas::Area& area) {
  if (!CanManageAccounts(actor.role)) {
    return core::MakeError(core::ErrorCode::kForbidden, "your role cannot create accounts");
  }
  if (actor.role != Role::kAdmin && Rank(role) >= Rank(actor.role)) {
    return core::MakeError(core::ErrorCode::kForbidden, "you can only create accounts of roles below your own");
  }
  if (auto in_scope = RequireInScope(actor, area); !in_scope.ok()) return in_scope;
  if (!LevelSuitsRole(role, area.level)) {
    return core::MakeError(
        core::ErrorCode::kValidationFailed,
        fmt::format("a {} account cannot belong to a {} area", RoleName(role), areas::LevelName(area.level)));
  }
  return core::Ok{};
}

}  // namespace youhao::accounts
