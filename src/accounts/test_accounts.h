#pragma once
/// For tests on a database: the people who act. Header-only, so a module's test binary needs no
/// extra source; see also storage/test_databases.h.

#include <string>

#include "accounts/access.h"
#include "accounts/roles.h"
#include "storage/database.h"

namespace youhao::accounts {

/// The account `login` (its display name the login too) with `role` in area `area_code`, inserted
/// unless it exists, and the principal it signs in as, whose scope is `area_path` (the area's
/// materialised path, e.g. "T-S/T-C/").
inline Principal TestAccount(storage::Connection& c, const std::string& login, Role role, const std::string& area_code,
                             const std::string& area_path) {
  c.Execute(
      "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) VALUES (?, ?, "
      "?, ?, 'x', 0, 0) ON CONFLICT DO NOTHING",
      {login, login, std::string(RoleName(role)), area_code});
  Principal who;
  who.account_id = c.QueryInt("SELECT id FROM accounts WHERE login = ?", {login});
  who.login = login;
  who.display_name = login;
  who.role = role;
  who.area_code = area_code;
  who.area_path = area_path;
  return who;
}

}  // namespace youhao::accounts
