#include "entry/pass_service.h"
#include "core/base64.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstring>
#include <map>

#include "audit/audit_log.h"
#include "passes/pass_codec.h"

namespace youhao::entry {

core::Result<IssuedPass> PassService::Issue(const accounts::Principal& worker_principal,
                                            std::string_view device_public_key_base64url) {
  auto worker = registry_.FindByAccount(worker_principal.account_id);
  if (!worker) return core::MakeError(core::ErrorCode::kForbidden, "only registered workers hold entry passes");
  if (worker->status != "verified") {
    return core::MakeError(core::ErrorCode::kForbidden,
                           "the worker must be verified before a pass is issued (status: " + worker->status + ")");
  }
  auto device_key = core::Base64Decode(device_public_key_base64url);
  if (!device_key || device_key->size() != passes::kPublicKeyBytes) {
    return core::MakeError(core::ErrorCode::kValidationFailed, "device_public_key must be 32 bytes, base64url");
  }
  const long long now = storage::NowSeconds();
  passes::Credential credential;
  credential.worker_id = static_cast<std::uint32_t>(worker->id);
  credential.issued_at = static_cast<std::uint32_t>(now);
  credential.expires_at = static_cast<std::uint32_t>(now + kPassLifetimeSeconds);
  std::memcpy(credential.device_public_key.data(), device_key->data(), passes::kPublicKeyBytes);
  credential.platform = passes::PlatformIndex(worker->platform);
  credential.kind = passes::KindIndex(worker->kind);
  credential.name = worker->name;

  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  for (const auto& row : connection->Query(
           "SELECT id FROM passes WHERE worker_id = ? AND revoked_at IS NULL AND expires_at > ?", {worker->id, now})) {
    connection->Execute("UPDATE passes SET revoked_at = ?, revoke_reason = 'replaced by a new pass' WHERE id = ?",
                        {now, row.Int(0)});
    connection->Execute("INSERT INTO revocations (kind, ref_id, at) VALUES ('pass', ?, ?)", {row.Int(0), now});
  }
  // The pass id comes from the insert; the credential is signed once, after it.
  credential.key_id = keys_.ActiveKeyId();
  auto inserted = connection->QueryOne(
      "INSERT INTO passes (worker_id, key_id, device_public_key, issued_at, expires_at) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      {worker->id, static_cast<long long>(credential.key_id), std::string(device_public_key_base64url), now,
       static_cast<long long>(credential.expires_at)});
  credential.pass_id = static_cast<std::uint32_t>(inserted->Int(0));
  keys_.SignCredential(credential);
  transaction.Commit();
  return IssuedPass{inserted->Int(0), credential.key_id, credential.expires_at,
                    core::Base64Encode(passes::SerializeCredential(credential)),
                    short_codes_ != nullptr ? short_codes_->SecretFor(inserted->Int(0)) : std::string()};
}

std::optional<PassSummary> PassService::CurrentPass(long long worker_id) const {
  auto connection = database_.Acquire();
  auto row = connection->QueryOne(
      "SELECT id, key_id, expires_at FROM passes WHERE worker_id = ? AND revoked_at IS NULL AND expires_at > ? "
      "ORDER BY id DESC LIMIT 1",
      {worker_id, storage::NowSeconds()});
  if (!row) return std::nullopt;
  return PassSummary{row->Int(0), static_cast<int>(row->Int(1)), row->Int(2)};
}

core::Status PassService::Revoke(const accounts::Principal& actor, long long pass_id, std::string_view reason) {
  auto connection = database_.Acquire();
  auto row = connection->QueryOne("SELECT worker_id, revoked_at FROM passes WHERE id = ?", {pass_id});
  if (!row) return core::MakeError(core::ErrorCode::kNotFound, "no pass with this id");
  auto worker = registry_.Find(row->Int(0));
  if (!worker || !registry::RegistrationService::CanManage(actor, *worker) || !accounts::IsOfficer(actor.role)) {
    return core::MakeError(core::ErrorCode::kForbidden, "this pass belongs to a worker outside your area");
  }
  if (!row->IsNull(1)) return core::Ok{};
  const long long now = storage::NowSeconds();
  storage::Transaction transaction(*connection);
  connection->Execute("UPDATE passes SET revoked_at = ?, revoke_reason = ? WHERE id = ?",
                      {now, std::string(reason), pass_id});
  connection->Execute("INSERT INTO revocations (kind, ref_id, at) VALUES ('pass', ?, ?)", {pass_id, now});
  audit::Entry entry = accounts::AuditEntryBy(actor, "pass.revoke", "pass", std::to_string(pass_id), worker->area_code);
  entry.after_json = boost::json::serialize(boost::json::object{{"revoked_at", now}, {"reason", reason}});
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  return core::Ok{};
}

RevocationFeed PassService::Revocations(long long since) const {
  auto connection = database_.Acquire();
  RevocationFeed feed;
  feed.cursor = connection->QueryInt("SELECT COALESCE(MAX(seq), 0) FROM revocations");
  const long long now = storage::NowSeconds();
  if (since <= 0 || since > feed.cursor) {
    feed.full = true;
    for (const auto& row : connection->Query(
             "SELECT id FROM passes WHERE revoked_at IS NOT NULL AND expires_at > ? ORDER BY id", {now})) {
      feed.revoked_passes.push_back(row.Int(0));
    }
    for (const auto& row :
         connection->Query("SELECT id FROM workers WHERE status IN ('suspended','revoked') ORDER BY id")) {
      feed.revoked_workers.push_back(row.Int(0));
    }
    return feed;
  }
  // The last change to each worker within the delta decides its state.
  std::map<long long, bool> worker_barred;
  for (const auto& row : connection->Query(
           "SELECT kind, ref_id FROM revocations WHERE seq > ? AND seq <= ? ORDER BY seq", {since, feed.cursor})) {
    const std::string kind = row.Text(0);
    if (kind == "pass") {
      feed.revoked_passes.push_back(row.Int(1));
    } else {
      worker_barred[row.Int(1)] = kind == "worker";
    }
  }
  for (const auto& [worker_id, barred] : worker_barred) {
    (barred ? feed.revoked_workers : feed.restored_workers).push_back(worker_id);
  }
  return feed;
}

}  // namespace youhao::entry
