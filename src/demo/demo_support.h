#pragma once
/// What the demo's seeders share.

#include <optional>
#include <string>
#include <string_view>

#include "storage/database.h"

namespace youhao::demo {

/// The id of the account `login`, when the demo city has it.
inline std::optional<long long> AccountId(storage::Connection& connection, std::string_view login) {
  auto row = connection.QueryOne("SELECT id FROM accounts WHERE login = ?", {std::string(login)});
  if (!row) return std::nullopt;
  return row->Int(0);
}

}  // namespace youhao::demo
