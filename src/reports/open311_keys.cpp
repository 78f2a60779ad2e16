#include "reports/open311_keys.h"

#include <boost/json/object.hpp>

#include "audit/audit_log.h"
#include "core/json_output.h"
#include "core/random.h"

namespace youhao::reports {

using core::ErrorCode;
using core::MakeError;

std::optional<Open311Keys::Holder> Open311Keys::HolderOfKey(std::string_view api_key) const {
  if (api_key.empty() || api_key.size() > 128) return std::nullopt;
  auto connection = database_.Acquire();
  auto row = connection->QueryOne("SELECT id, organisation FROM open311_keys WHERE key_hash = ? AND revoked_at IS NULL",
                                  {core::HashToken(api_key)});
  if (!row) return std::nullopt;
  return Holder{row->Int(0), row->Text(1)};
}

long long Open311Keys::Admit(long long key_id, long long now_ms) {
  std::lock_guard lock(buckets_mutex_);
  return TakeToken(buckets_[key_id], limit_, now_ms);
}

std::pair<long long, std::string> Open311Keys::Issue(const accounts::Principal& admin, const std::string& organisation,
                                                     long long now) {
  const std::string key = core::RandomToken(24);
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  const long long id = connection
                           ->QueryOne(
                               "INSERT INTO open311_keys (organisation, key_hash, created_at, created_by) VALUES (?, "
                               "?, ?, ?) RETURNING id",
                               {organisation, core::HashToken(key), now, admin.login})
                           ->Int(0);
  audit::Entry entry =
      accounts::AuditEntryBy(admin, "open311.key.issue", "open311_keys", std::to_string(id), admin.area_code);
  entry.after_json = core::SerializeJson(boost::json::object{{"organisation", organisation}});
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  return {id, key};
}

std::vector<Open311Keys::KeyInfo> Open311Keys::List() const {
  auto connection = database_.Acquire();
  std::vector<KeyInfo> keys;
  for (const storage::Row& row :
       connection->Query("SELECT id, organisation, created_at, created_by, revoked_at FROM open311_keys ORDER BY id")) {
    keys.push_back({row.Int(0), row.Text(1), row.Int(2), row.Text(3), !row.IsNull(4)});
  }
  return keys;
}

core::Status Open311Keys::Revoke(const accounts::Principal& admin, long long id, long long now) {
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  if (connection->Execute("UPDATE open311_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {now, id}) !=
      1) {
    return MakeError(ErrorCode::kNotFound, "no such active key");
  }
  audit::AuditLog::Record(*connection, accounts::AuditEntryBy(admin, "open311.key.revoke", "open311_keys",
                                                              std::to_string(id), admin.area_code));
  transaction.Commit();
  return core::Ok{};
}

}  // namespace youhao::reports
