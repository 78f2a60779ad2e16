#pragma once
/// For tests on a database: the areas they act in. Header-only, so a module's test binary needs
/// no extra source; see also storage/test_databases.h and accounts/test_accounts.h.

#include <string>

#include "storage/database.h"

namespace youhao::areas {

/// The area `code` at `level` ("street", "community", …) named `name` (its English name is its
/// code), at materialised `path` ("T-S/T-C/"), below `parent_code` unless that is empty; an area
/// that exists already is left as it is.
inline void TestArea(storage::Connection& c, const std::string& code, const std::string& parent_code,
                     const std::string& level, const std::string& name, const std::string& path) {
  c.Execute(
      "INSERT INTO areas (code, parent_code, level, name_zh, name_en, path) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO "
      "NOTHING",
      {code, parent_code.empty() ? storage::Value(nullptr) : storage::Value(parent_code), level, name, code, path});
}

}  // namespace youhao::areas
