#include "privacy/worker_data.h"

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "core/random.h"
#include "core/text.h"
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
      // Issue 16. The points expiry reminders sent to the account (one a month at most).
      {"points_expiry_reminders",
       Key::kAccount,
       "SELECT month, points, before_date, at FROM points_expiry_reminders WHERE account_id = ? ORDER BY at",
       {{"month", T::kText}, {"points", T::kInteger}, {"before_date", T::kText}, {"at", T::kTime}}},
      // A merchant's wrong redemption codes (when only; no code is kept).
      {"wrong_redemption_codes",
       Key::kAccount,
       "SELECT at FROM points_wrong_codes WHERE account_id = ? ORDER BY at",
       {{"at", T::kTime}}},
      // The organisation a sponsor account speaks for (its name only, never its other members).
      {"sponsor",
       Key::kAccount,
       "SELECT s.name, s.kind, s.area_code FROM sponsor_members m JOIN sponsors s ON s.id = m.sponsor_id "
       "WHERE m.account_id = ?",
       {{"name", T::kText}, {"kind", T::kText}, {"area_code", T::kText}}},
      {"wishes",
       Key::kWorker,
       "SELECT id, title, reason, category, value_yuan, status, reject_reason, created_at, updated_at FROM wishes "
       "WHERE worker_id = ? ORDER BY id",
       {{"id", T::kInteger},
        {"title", T::kText},
        {"reason", T::kText},
        {"category", T::kText},
        {"value_yuan", T::kInteger},
        {"status", T::kText},
        {"reject_reason", T::kText},
        {"created_at", T::kTime},
        {"updated_at", T::kTime}}},
      // The claims of the worker's wishes: the sponsor organisation, never the person who claimed.
      {"wish_claims",
       Key::kWorker,
       "SELECT c.wish_id, s.name, c.status, c.claimed_at, c.due_at, c.fulfilled_at, c.note, c.photo_type, "
       "c.photo_base64, c.confirmed_at, c.thanks FROM wish_claims c JOIN wishes w ON w.id = c.wish_id "
       "JOIN sponsors s ON s.id = c.sponsor_id WHERE w.worker_id = ? ORDER BY c.id",
       {{"wish_id", T::kInteger},
        {"sponsor", T::kText},
        {"status", T::kText},
        {"claimed_at", T::kTime},
        {"due_at", T::kTime},
        {"fulfilled_at", T::kTime},
        {"note", T::kText},
        {"content_type", T::kText},
        {"data_base64", T::kPhotoBase64},
        {"confirmed_at", T::kTime},
        {"thanks", T::kText}}},
      {"handover_ratings",
       Key::kWorker,
       "SELECT p.name, r.day, r.wait, r.place_to_wait, r.respect, r.comment, r.at FROM handover_ratings r "
       "JOIN places p ON p.id = r.place_id WHERE r.worker_id = ? ORDER BY r.at",
       {{"place", T::kText},
        {"day", T::kText},
        {"wait", T::kText},
        {"place_to_wait", T::kInteger},
        {"respect", T::kInteger},
        {"comment", T::kText},
        {"at", T::kTime}}},
      // Nominations of the worker (never who nominated them), with the certificate if one was issued.
      {"honour_nominations",
       Key::kWorker,
       "SELECT c.title, c.kind, n.nominee_name, n.nominee_kind, n.citation, n.evidence_json, n.status, "
       "n.review_reason, n.nominated_at, n.result_rank, n.winner, h.serial, h.issued_at, h.revoked_at "
       "FROM honour_nominations n JOIN honour_campaigns c ON c.id = n.campaign_id "
       "LEFT JOIN honour_certificates h ON h.nomination_id = n.id WHERE n.worker_id = ? ORDER BY n.id",
       {{"campaign", T::kText},
        {"campaign_kind", T::kText},
        {"name", T::kText},
        {"kind", T::kText},
        {"citation", T::kText},
        {"evidence", T::kText},
        {"status", T::kText},
        {"review_reason", T::kText},
        {"nominated_at", T::kTime},
        {"rank", T::kInteger},
        {"winner", T::kInteger},
        {"certificate", T::kText},
        {"certificate_issued_at", T::kTime},
        {"certificate_revoked_at", T::kTime}}},
      // Votes the account cast: the campaign and the nominee as the public sees them.
      {"honour_votes",
       Key::kAccount,
       "SELECT c.title, n.nominee_name, v.at FROM honour_votes v JOIN honour_campaigns c ON c.id = v.campaign_id "
       "JOIN honour_nominations n ON n.id = v.nomination_id WHERE v.voter_account_id = ? ORDER BY v.id",
       {{"campaign", T::kText}, {"nominee", T::kMaskedName}, {"at", T::kTime}}},
      // Votes held back by the fraud checks.
      {"honour_votes_flagged",
       Key::kAccount,
       "SELECT c.title, n.nominee_name, f.at FROM honour_vote_flags f JOIN honour_campaigns c ON c.id = "
       "f.campaign_id JOIN honour_nominations n ON n.id = f.nomination_id WHERE f.voter_account_id = ? ORDER BY f.id",
       {{"campaign", T::kText}, {"nominee", T::kMaskedName}, {"at", T::kTime}}},
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
    case T::kMaskedName:
      return core::MaskName(row.Text(column));
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
    // Issue 16. Open wishes are withdrawn with their active claims; every wish of the worker keeps
    // its row (the sponsors' counts) without its texts, the thanks or the fulfilment photo.
    connection->Execute(
        "UPDATE wish_claims SET status = 'withdrawn' WHERE status = 'active' AND wish_id IN "
        "(SELECT id FROM wishes WHERE worker_id = ?)",
        {worker_id});
    connection->Execute(
        "UPDATE wishes SET status = 'withdrawn', updated_at = ? WHERE worker_id = ? AND status IN ('submitted', "
        "'verified', 'claimed')",
        {now, worker_id});
    connection->Execute("UPDATE wishes SET title = '', reason = '', reject_reason = NULL WHERE worker_id = ?",
                        {worker_id});
    summary.photos_deleted += connection->Execute(
        "UPDATE wish_claims SET photo_type = NULL, photo_base64 = NULL, thumb_base64 = NULL, photo_public_id = NULL "
        "WHERE photo_base64 IS NOT NULL AND wish_id IN (SELECT id FROM wishes WHERE worker_id = ?)",
        {worker_id});
    connection->Execute(
        "UPDATE wish_claims SET note = NULL, thanks = CASE WHEN thanks IS NULL THEN NULL ELSE '' END WHERE wish_id IN "
        "(SELECT id FROM wishes WHERE worker_id = ?)",
        {worker_id});
    connection->Execute("UPDATE handover_ratings SET comment = '' WHERE worker_id = ?", {worker_id});
    // Nominations of the worker lose the name and the citation; in a campaign not yet announced
    // they are withdrawn (rejected, reason "erased"), announced ones keep their rank (the results
    // stand). Certificates are revoked: with the name gone, their signature no longer verifies.
    connection->Execute(
        "UPDATE honour_nominations SET status = 'rejected', review_reason = 'erased', reviewed_by = ?, "
        "reviewed_at = ? WHERE worker_id = ? AND status <> 'rejected' AND campaign_id IN (SELECT id FROM "
        "honour_campaigns WHERE stage <> 'announced')",
        {erased_login, now, worker_id});
    connection->Execute("UPDATE honour_nominations SET nominee_name = '', citation = '' WHERE worker_id = ?",
                        {worker_id});
    connection->Execute(
        "UPDATE honour_certificates SET revoked_at = ?, revoked_by = ?, revoke_reason = 'erased' WHERE revoked_at IS "
        "NULL AND nomination_id IN (SELECT id FROM honour_nominations WHERE worker_id = ?)",
        {now, erased_login, worker_id});
    connection->Execute(
        "UPDATE honour_certificates SET nominee_name = '' WHERE nomination_id IN (SELECT id FROM honour_nominations "
        "WHERE worker_id = ?)",
        {worker_id});
  }
  // The wishes the worker posted and the nominations they made record their login.
  connection->Execute("UPDATE wishes SET posted_by = ? WHERE posted_by_account_id = ? AND posted_by = ?",
                      {erased_login, principal.account_id, old_login});
  connection->Execute("UPDATE honour_nominations SET nominated_by = ? WHERE nominated_by = ?",
                      {erased_login, old_login});
  connection->Execute("DELETE FROM points_expiry_reminders WHERE account_id = ?", {principal.account_id});
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
