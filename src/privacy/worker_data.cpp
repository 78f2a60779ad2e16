#include "privacy/worker_data.h"

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "core/random.h"
#include "registry/phone_vault.h"

namespace youhao::privacy {

namespace {

/// Which key a section's statement takes.
enum class Key : std::uint8_t { kAccount, kWorker, kLogin, kWorkerText };

struct SectionQuery {
  std::string_view name;
  Key key;
  std::string_view sql;
  std::vector<Column> columns;
};

using T = ColumnType;

/// The phone is kept sealed; the export opens it for its owner.
constexpr std::string_view kSealedPhoneColumn = "phone";

// Every table that holds something about a worker, as named statements. A new table with personal
// data gets a line here, in docs/privacy.md, and in the erasure below.
const std::vector<SectionQuery>& SectionQueries() {
  static const std::vector<SectionQuery> queries = {
      {"account",
       Key::kAccount,
       "SELECT id, login, display_name, role, area_code, created_at FROM accounts WHERE id = ?",
       {{"id", T::kInteger},
        {"login", T::kText},
        {"display_name", T::kText},
        {"role", T::kText},
        {"area_code", T::kText},
        {"created_at", T::kTime}}},
      {"worker",
       Key::kWorker,
       "SELECT id, name, phone_sealed, kind, platform, depot_id, area_code, status, plate, convention_signed_at, "
       "created_at FROM workers WHERE id = ?",
       {{"id", T::kInteger},
        {"name", T::kText},
        {kSealedPhoneColumn, T::kText},
        {"kind", T::kText},
        {"platform", T::kText},
        {"depot_id", T::kInteger},
        {"area_code", T::kText},
        {"status", T::kText},
        {"plate", T::kText},
        {"convention_signed_at", T::kTime},
        {"created_at", T::kTime}}},
      {"worker_photo",
       Key::kWorker,
       "SELECT content_type, data_base64, updated_at FROM worker_photos WHERE worker_id = ?",
       {{"content_type", T::kText}, {"data_base64", T::kPhotoBase64}, {"updated_at", T::kTime}}},
      {"status_history",
       Key::kWorker,
       "SELECT at, from_status, to_status, reason FROM worker_status_history WHERE worker_id = ? ORDER BY id",
       {{"at", T::kTime}, {"from_status", T::kText}, {"to_status", T::kText}, {"reason", T::kText}}},
      {"passes",
       Key::kWorker,
       "SELECT id, issued_at, expires_at, revoked_at, revoke_reason FROM passes WHERE worker_id = ? ORDER BY id",
       {{"id", T::kInteger},
        {"issued_at", T::kTime},
        {"expires_at", T::kTime},
        {"revoked_at", T::kTime},
        {"revoke_reason", T::kText}}},
      {"gate_passages",
       Key::kWorker,
       "SELECT compound_code, gate_id, direction, at, allowed, code, source FROM gate_events WHERE worker_id = ? "
       "ORDER BY at",
       {{"compound_code", T::kText},
        {"gate_id", T::kInteger},
        {"direction", T::kText},
        {"at", T::kTime},
        {"allowed", T::kInteger},
        {"code", T::kText},
        {"source", T::kText}}},
      {"compound_ratings",
       Key::kWorker,
       "SELECT compound_code, at, rating, unfair, comment FROM compound_feedback WHERE worker_id = ? ORDER BY at",
       {{"compound_code", T::kText},
        {"at", T::kTime},
        {"rating", T::kInteger},
        {"unfair", T::kInteger},
        {"comment", T::kText}}},
      {"place_checkins",
       Key::kWorker,
       "SELECT place_id, at, door FROM place_checkins WHERE worker_id = ? ORDER BY at",
       {{"place_id", T::kInteger}, {"at", T::kTime}, {"door", T::kText}}},
      {"whitelists",
       Key::kWorker,
       "SELECT compound_code, added_at FROM whitelist WHERE worker_id = ?",
       {{"compound_code", T::kText}, {"added_at", T::kTime}}},
      {"grid_reporter_terms",
       Key::kWorker,
       "SELECT area_code, term_start, term_end, appointed_at, ended_at FROM grid_reporters WHERE worker_id = ? "
       "ORDER BY id",
       {{"area_code", T::kText},
        {"term_start", T::kText},
        {"term_end", T::kText},
        {"appointed_at", T::kTime},
        {"ended_at", T::kTime}}},
      {"reports",
       Key::kAccount,
       "SELECT id, category, status, description, lat, lon, address, area_code, created_at, closed_at FROM reports "
       "WHERE reporter_account_id = ? ORDER BY id",
       {{"id", T::kInteger},
        {"category", T::kText},
        {"status", T::kText},
        {"description", T::kText},
        {"lat", T::kNumber},
        {"lon", T::kNumber},
        {"address", T::kText},
        {"area_code", T::kText},
        {"created_at", T::kTime},
        {"closed_at", T::kTime}}},
      {"report_photos",
       Key::kAccount,
       "SELECT report_id, content_type, data_base64, uploaded_at FROM report_media WHERE uploader_account_id = ? "
       "ORDER BY id",
       {{"report_id", T::kInteger},
        {"content_type", T::kText},
        {"data_base64", T::kPhotoBase64},
        {"uploaded_at", T::kTime}}},
      {"point_awards",
       Key::kAccount,
       "SELECT report_id, points, reason, at FROM point_awards WHERE account_id = ? ORDER BY id",
       {{"report_id", T::kInteger}, {"points", T::kInteger}, {"reason", T::kText}, {"at", T::kTime}}},
      {"points",
       Key::kAccount,
       "SELECT t.at, CASE WHEN t.target_id = w.id THEN t.amount ELSE -t.amount END, t.kind, t.reason "
       "FROM points_transfers t JOIN points_accounts w ON t.source_id = w.id OR t.target_id = w.id "
       "WHERE w.kind = 'worker' AND w.owner_ref = 'account:' || CAST(? AS TEXT) ORDER BY t.id",
       {{"at", T::kTime}, {"points", T::kInteger}, {"kind", T::kText}, {"reason", T::kText}}},
      {"redemptions",
       Key::kAccount,
       "SELECT r.created_at, p.name, r.title, r.price, r.status, r.settled_at FROM points_redemptions r "
       "JOIN places p ON p.id = r.place_id WHERE r.worker_account_id = ? ORDER BY r.id",
       {{"created_at", T::kTime},
        {"place", T::kText},
        {"offer", T::kText},
        {"price", T::kInteger},
        {"status", T::kText},
        {"settled_at", T::kTime}}},
      {"notifications",
       Key::kLogin,
       "SELECT report_id, message, at, read_at FROM notifications WHERE login = ? ORDER BY id",
       {{"report_id", T::kInteger}, {"message", T::kText}, {"at", T::kTime}, {"read_at", T::kTime}}},
      {"sessions",
       Key::kAccount,
       "SELECT created_at, expires_at FROM sessions WHERE account_id = ? ORDER BY created_at",
       {{"created_at", T::kTime}, {"expires_at", T::kTime}}},
      // Who did what to the worker's record, reads of the full phone included.
      {"record_log",
       Key::kWorkerText,
       "SELECT at, action FROM audit_log WHERE entity = 'worker' AND entity_id = ? ORDER BY id",
       {{"at", T::kTime}, {"action", T::kText}}},
  };
  return queries;
}

storage::Value Read(const storage::Row& row, std::size_t column, ColumnType type) {
  if (row.IsNull(column)) return nullptr;
  switch (type) {
    case T::kInteger:
    case T::kTime:
      return row.Int(column);
    case T::kNumber:
      return row.Double(column);
    case T::kText:
    case T::kPhotoBase64:
      return row.Text(column);
  }
  return nullptr;
}

}  // namespace

core::Result<WorkerData> WorkerDataService::Export(const accounts::Principal& principal) const {
  WorkerData data;
  data.account_id = principal.account_id;
  data.exported_at = storage::NowSeconds();
  auto connection = database_.Acquire();
  if (auto worker = connection->QueryOne("SELECT id FROM workers WHERE account_id = ?", {principal.account_id})) {
    data.worker_id = worker->Int(0);
  }
  for (const SectionQuery& query : SectionQueries()) {
    storage::Value key;
    switch (query.key) {
      case Key::kAccount:
        key = principal.account_id;
        break;
      case Key::kLogin:
        key = principal.login;
        break;
      case Key::kWorker:
        if (!data.worker_id) continue;
        key = *data.worker_id;
        break;
      case Key::kWorkerText:
        if (!data.worker_id) continue;
        key = std::to_string(*data.worker_id);
        break;
    }
    Section section{query.name, query.columns, {}};
    for (const storage::Row& row : connection->Query(query.sql, std::span<const storage::Value>(&key, 1))) {
      std::vector<storage::Value> values;
      values.reserve(query.columns.size());
      for (std::size_t i = 0; i < query.columns.size(); ++i) {
        storage::Value value = Read(row, i, query.columns[i].type);
        if (query.columns[i].name == kSealedPhoneColumn && std::holds_alternative<std::string>(value)) {
          auto phone = registry::PhoneVault(keyring_).Open(std::get<std::string>(value));
          value = phone ? storage::Value(*phone) : storage::Value(nullptr);
        }
        values.push_back(std::move(value));
      }
      section.rows.push_back(std::move(values));
    }
    data.sections.push_back(std::move(section));
  }
  return data;
}

core::Result<ErasureSummary> WorkerDataService::Erase(const accounts::Principal& principal,
                                                      std::string_view confirmation) {
  if (confirmation != kErasureConfirmation) {
    return core::MakeProblem(core::ErrorCode::kValidationFailed, "", "privacy.erase_confirm",
                             fmt::format("confirm: type {} to erase the account", kErasureConfirmation),
                             {{"confirm", kErasureConfirmation}});
  }
  ErasureSummary summary;
  summary.account_id = principal.account_id;
  const long long now = storage::NowSeconds();
  const std::string erased_login = fmt::format("erased-{}", principal.account_id);
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto account =
      connection->QueryOne("SELECT login FROM accounts WHERE id = ? AND disabled = 0", {principal.account_id});
  if (!account) return core::MakeError(core::ErrorCode::kNotFound, "the account no longer exists");
  const std::string old_login = account->Text(0);

  if (auto worker = connection->QueryOne("SELECT id FROM workers WHERE account_id = ?", {principal.account_id})) {
    const long long worker_id = worker->Int(0);
    summary.worker_id = worker_id;
    // A random digest keeps the column unique and matches no phone ever again.
    connection->Execute(
        "UPDATE workers SET name = '', phone_digest = ?, phone_sealed = NULL, plate = NULL, id_number_hash = NULL, "
        "convention_signed_at = NULL, status = 'revoked' WHERE id = ?",
        {"erased:" + core::RandomToken(16), worker_id});
    summary.photos_deleted += connection->Execute("DELETE FROM worker_photos WHERE worker_id = ?", {worker_id});
    summary.passes_revoked = connection->Execute(
        "UPDATE passes SET revoked_at = ?, revoke_reason = 'erased' WHERE worker_id = ? AND revoked_at IS NULL",
        {now, worker_id});
    // Gates learn of it with their next sync, as of any revoked worker.
    connection->Execute("INSERT INTO revocations (kind, ref_id, at) VALUES ('worker', ?, ?)", {worker_id, now});
    for (const auto& row : connection->Query("SELECT compound_code FROM whitelist WHERE worker_id = ?", {worker_id})) {
      connection->Execute(
          "INSERT INTO whitelist_changes (compound_code, worker_id, action, at) VALUES (?, ?, 'remove', ?)",
          {row.Text(0), worker_id, now});
    }
    connection->Execute("DELETE FROM whitelist WHERE worker_id = ?", {worker_id});
    connection->Execute("UPDATE compound_feedback SET comment = '' WHERE worker_id = ?", {worker_id});
    connection->Execute("UPDATE grid_reporters SET ended_at = ?, ended_by = ? WHERE worker_id = ? AND ended_at IS NULL",
                        {now, erased_login, worker_id});
    connection->Execute(
        "UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'worker' AND entity_id = ?",
        {std::to_string(worker_id)});
  }
  summary.photos_deleted +=
      connection->Execute("DELETE FROM report_media WHERE uploader_account_id = ?", {principal.account_id});
  connection->Execute("UPDATE reports SET reporter_name = '' WHERE reporter_account_id = ?", {principal.account_id});
  connection->Execute("UPDATE report_steps SET actor_login = ? WHERE actor_login = ?", {erased_login, old_login});
  connection->Execute("DELETE FROM notifications WHERE login = ?", {old_login});
  summary.sessions_ended = connection->Execute("DELETE FROM sessions WHERE account_id = ?", {principal.account_id});
  connection->Execute("UPDATE audit_log SET actor_login = ? WHERE actor_account_id = ?",
                      {erased_login, principal.account_id});
  connection->Execute(
      "UPDATE accounts SET login = ?, display_name = '', password_hash = '!', disabled = 1 WHERE id = ?",
      {erased_login, principal.account_id});

  audit::Entry entry;
  entry.at = now;
  entry.actor_account_id = principal.account_id;
  entry.actor_login = erased_login;
  entry.action = "account.erase";
  entry.entity = summary.worker_id ? "worker" : "account";
  entry.entity_id = std::to_string(summary.worker_id.value_or(principal.account_id));
  entry.area_code = principal.area_code;
  entry.after_json = fmt::format(R"({{"photos_deleted":{},"passes_revoked":{},"sessions_ended":{}}})",
                                 summary.photos_deleted, summary.passes_revoked, summary.sessions_ended);
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  return summary;
}

}  // namespace youhao::privacy
