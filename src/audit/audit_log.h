#pragma once
/// The audit log: every change made by staff, with who, what, when, and before/after.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace youhao::audit {

struct Entry {
  long long id = 0;
  long long at = 0;
  std::optional<long long> actor_account_id;
  std::string actor_login;
  std::string action;
  std::string entity;
  std::string entity_id;
  /// What the entity is called now (an account's name, a rider's name, a compound's or a
  /// place's), read with the entry; empty when it has none or no longer exists.
  std::string entity_name;
  std::optional<std::string> area_code;
  /// JSON text of the entity before and after the change; empty when it did not exist.
  std::string before_json;
  std::string after_json;
};

class AuditLog {
 public:
  explicit AuditLog(storage::Database& database) : database_(database) {}

  /// Appends `entry` on `connection`, inside the caller's transaction so that the change and
  /// its record commit together.
  static void Record(storage::Connection& connection, const Entry& entry);

  /// Newest first: entries whose area lies within `scope_path` (all when it is empty), each with
  /// its entity's present name.
  std::vector<Entry> Recent(std::string_view scope_path, int limit) const;

 private:
  storage::Database& database_;
};

}  // namespace youhao::audit
