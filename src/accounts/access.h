#pragma once
/// Who is asking, and what lies within their reach. Every permission is checked on the server
/// against the caller's Principal.

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "accounts/roles.h"
#include "areas/area_service.h"
#include "audit/audit_log.h"
#include "core/error.h"

namespace youhao::accounts {

struct Principal {
  long long account_id = 0;
  std::string login;
  std::string display_name;
  Role role = Role::kWorker;
  std::string area_code;
  /// Materialised path of the account's area; everything below it is in scope.
  std::string area_path;
  std::string csrf_token;
  /// Hash of the session's bearer token (identifies the session to log out).
  std::string token_hash;
};

/// True when `area` lies inside (or is) the principal's own area.
bool InScope(const Principal& principal, const areas::Area& area);

/// forbidden unless `area` is within the principal's scope.
core::Status RequireInScope(const Principal& principal, const areas::Area& area);

/// Whether `actor` may create an account with `role` in `area` (checks rank, management right
/// and scope; the area level must suit the role).
core::Status CanCreateAccount(const Principal& actor, Role role, const areas::Area& area);

/// An audit entry for a change `actor` makes; fill in before/after and record it.
audit::Entry AuditEntryBy(const Principal& actor, std::string action, std::string entity, std::string entity_id,
                          std::string area_code);

/// Records on `connection` (inside its transaction, if any) the change `actor` made, with the state
/// it left (`after`).
void AuditBy(storage::Connection& connection, const Principal& actor, std::string action, std::string entity,
             std::string entity_id, std::string area_code, const boost::json::object& after);

/// The area levels an account of `role` may be attached to.
bool LevelSuitsRole(Role role, areas::Level level);

}  // namespace youhao::accounts
