#include "registry/registration_service.h"

#include <algorithm>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fmt/format.h>

#include "accounts/password.h"
#include "areas/area_service.h"
#include "audit/audit_log.h"
#include "core/base64.h"
#include "core/platforms.h"
#include "core/random.h"
#include "core/text.h"
#include "registry/directory_service.h"
#include "registry/plate_policy.h"
#include "registry/roster_header.h"
#include "registry/verification_repository.h"

namespace youhao::registry {

namespace {

constexpr std::string_view kProfileSelect =
    "SELECT w.id, w.account_id, w.name, w.kind, w.platform, COALESCE(d.name, ''), w.phone_sealed, "
    "COALESCE(w.plate, ''), w.status, w.area_code, w.area_path, w.convention_signed_at, "
    "(SELECT COUNT(*) FROM worker_photos p WHERE p.worker_id = w.id) "
    "FROM workers w LEFT JOIN depots d ON d.id = w.depot_id ";

WorkerProfile ProfileFromRow(const storage::Row& row, const PhoneVault& phones) {
  WorkerProfile profile;
  profile.id = row.Int(0);
  if (!row.IsNull(1)) profile.account_id = row.Int(1);
  profile.name = row.Text(2);
  profile.kind = row.Text(3);
  profile.platform = row.Text(4);
  profile.depot = row.Text(5);
  profile.phone_masked = row.IsNull(6) ? std::string() : phones.Masked(row.Text(6));
  profile.plate = row.Text(7);
  profile.status = row.Text(8);
  profile.area_code = row.Text(9);
  profile.area_path = row.Text(10);
  if (!row.IsNull(11)) profile.convention_signed_at = row.Int(11);
  profile.has_photo = row.Int(12) > 0;
  return profile;
}

bool IsKnownKind(std::string_view kind) {
  return std::find(core::kWorkerKinds.begin(), core::kWorkerKinds.end(), kind) != core::kWorkerKinds.end();
}

core::Error Invalid(std::string detail) {
  return core::MakeError(core::ErrorCode::kValidationFailed, std::move(detail));
}

std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  for (auto& field : fields) field = std::string(core::Trim(field));
  return fields;
}

core::Error RosterHeaderRefused() {
  return core::MakeProblem(core::ErrorCode::kValidationFailed, "", "registry.roster_header",
                           "the first line must be the header phone,name,platform,depot (English or Chinese)");
}

/// Returns the login of the worker told of the change (NotifyStatusChange), if any.
std::optional<std::string> RecordStatus(storage::Connection& connection, long long worker_id, std::string_view from,
                                        std::string_view to, std::string_view reason, std::string_view actor_login,
                                        long long now) {
  connection.Execute(
      "INSERT INTO worker_status_history (worker_id, at, from_status, to_status, reason, actor_login) VALUES (?, ?, ?, "
      "?, ?, ?)",
      {worker_id, now, std::string(from), std::string(to), std::string(reason), std::string(actor_login)});
  connection.Execute("UPDATE workers SET status = ? WHERE id = ?", {std::string(to), worker_id});
  const bool now_barred = to == "suspended" || to == "revoked";
  const bool was_barred = from == "suspended" || from == "revoked";
  if (now_barred && !was_barred) {
    connection.Execute("INSERT INTO revocations (kind, ref_id, at) VALUES ('worker', ?, ?)", {worker_id, now});
  } else if (!now_barred && was_barred) {
    connection.Execute("INSERT INTO revocations (kind, ref_id, at) VALUES ('worker_restore', ?, ?)", {worker_id, now});
  }
  return NotifyStatusChange(connection, worker_id, from, to, reason, now);
}

core::Error UnknownCommunity() {
  return core::MakeProblem(core::ErrorCode::kValidationFailed, "community_unknown", "registry.community_unknown",
                           "community_code: no community with this code");
}

/// The community a rider registering at `depot` works in: the one chosen, else the suggestion
/// (RankCommunities); none when the depot's district holds no community.
core::Result<std::optional<CommunityCandidate>> CommunityFor(storage::Connection& connection, const DepotSpot& depot,
                                                             std::string_view chosen) {
  if (!chosen.empty()) {
    auto community = FindCommunity(connection, chosen);
    if (!community) return UnknownCommunity();
    return std::optional<CommunityCandidate>(std::move(*community));
  }
  auto ranked = RankCommunities(depot, CommunityCandidates(connection, depot, ""), 1);
  if (ranked.empty()) return std::optional<CommunityCandidate>();
  return std::optional<CommunityCandidate>(std::move(ranked.front().community));
}

}  // namespace

std::vector<DepotOption> RegistrationService::Depots() const {
  auto connection = database_.Acquire();
  std::vector<DepotOption> depots;
  for (const auto& row :
       connection->Query("SELECT id, name, platform FROM depots ORDER BY platform, name LIMIT 2000")) {
    depots.push_back({row.Int(0), row.Text(1), row.Text(2)});
  }
  return depots;
}

core::Result<CodeSent> RegistrationService::RequestCode(std::string_view phone, std::string_view address,
                                                        long long now) {
  if (!IsMobilePhone(phone)) return Invalid("phone must be an 11-digit mainland mobile number");
  const std::string code = core::RandomDigits(6);
  {
    auto connection = database_.Acquire();
    storage::Transaction transaction(*connection);
    CodeHistory history;
    DigestMatch match = phones_.MatchCodePhone("phone_digest", phone);
    match.params.emplace_back(now - 3600);
    const auto counted = connection->Query("SELECT COALESCE(MAX(created_at), 0), COUNT(*) FROM phone_codes WHERE " +
                                               match.condition + " AND created_at > ?",
                                           match.params);
    if (!counted.empty()) {
      history.newest_for_phone_at = counted.front().Int(0);
      history.for_phone_last_hour = static_cast<int>(counted.front().Int(1));
    }
    history.for_address_last_hour = static_cast<int>(connection->QueryInt(
        "SELECT COUNT(*) FROM phone_codes WHERE address = ? AND created_at > ?", {std::string(address), now - 3600}));
    history.everyone_last_minute =
        static_cast<int>(connection->QueryInt("SELECT COUNT(*) FROM phone_codes WHERE created_at > ?", {now - 60}));
    if (auto allowed = MaySendCode(history, code_limits_, now); !allowed.ok()) return allowed.error();
    connection->Execute(
        "INSERT INTO phone_codes (phone_digest, code_digest, address, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        {phones_.CodePhoneDigest(phone), phones_.CodeDigest(phone, code), std::string(address), now,
         now + code_limits_.valid_seconds});
    // Codes older than a day are of no use to anyone.
    connection->Execute("DELETE FROM phone_codes WHERE created_at < ?", {now - 86400});
    transaction.Commit();
  }
  if (send_code_) send_code_(phone, code);
  CodeSent sent{code_limits_.valid_seconds, code_limits_.resend_seconds, std::nullopt};
  if (show_codes_) sent.demo_code = code;
  return sent;
}

core::Result<long long> RegistrationService::ProveCode(storage::Connection& connection, std::string_view phone,
                                                       std::string_view code, long long now) {
  // The phone's proof: its newest code, live, unspent, and the one sent. A wrong guess is counted
  // before anything else is said, so a code cannot be guessed faster than max_attempts per code.
  const DigestMatch match = phones_.MatchCodePhone("phone_digest", phone);
  const auto rows = connection.Query("SELECT id, code_digest, expires_at, attempts, used_at FROM phone_codes WHERE " +
                                         match.condition + " ORDER BY created_at DESC, id DESC LIMIT 1",
                                     match.params);
  const storage::Row* stored_row = rows.empty() ? nullptr : &rows.front();
  std::optional<StoredCode> stored;
  if (stored_row) stored = StoredCode{stored_row->Int(2), static_cast<int>(stored_row->Int(3)), !stored_row->IsNull(4)};
  const bool digest_matches = stored_row && IsCodeShaped(code) && phones_.CodeMatches(stored_row->Text(1), phone, code);
  const CodeCheck check = CheckCode(stored ? &*stored : nullptr, digest_matches, code_limits_, now);
  if (check == CodeCheck::kMatches) return stored_row->Int(0);
  if (check == CodeCheck::kWrong) {
    connection.Execute("UPDATE phone_codes SET attempts = attempts + 1 WHERE id = ?", {stored_row->Int(0)});
  }
  return CodeProblem(check, stored ? code_limits_.max_attempts - stored->attempts - 1 : 0);
}

core::Result<accounts::LoginResult> RegistrationService::LoginWithCode(std::string_view phone, std::string_view code) {
  if (!IsMobilePhone(phone)) return Invalid("login: a phone number, to sign in with a code");
  const long long now = storage::NowSeconds();
  std::optional<long long> account_id;
  {
    auto connection = database_.Acquire();
    auto proven = ProveCode(*connection, phone, code, now);
    if (!proven.ok()) return proven.error();
    if (connection->Execute("UPDATE phone_codes SET used_at = ? WHERE id = ? AND used_at IS NULL", {now, *proven}) !=
        1) {
      return CodeProblem(CodeCheck::kSpent, 0);
    }
    // The account of the worker with this phone, else an account whose login is the number itself
    // (one created by hand before logins could not be phones).
    if (auto worker = phones_.FindWorker(*connection, phone); worker && worker->account_id) {
      account_id = worker->account_id;
    } else if (auto row = connection->QueryOne("SELECT id FROM accounts WHERE login = ?", {std::string(phone)})) {
      account_id = row->Int(0);
    }
  }
  if (!account_id) return core::MakeError(core::ErrorCode::kInvalidCredentials, "no account with this phone");
  return accounts_.SessionForProvenAccount(*account_id, phone);
}

core::Result<accounts::LoginResult> RegistrationService::LoginWithPassword(std::string_view login,
                                                                           std::string_view password,
                                                                           std::string_view address) {
  if (!IsMobilePhone(login)) return accounts_.Login(login, password, address);
  std::optional<PhoneVault::WorkerRef> worker;
  {
    auto connection = database_.Acquire();
    worker = phones_.FindWorker(*connection, login);
  }
  // Not a worker's phone: perhaps an account whose login is the number itself; else the decoy.
  if (!worker || !worker->account_id) return accounts_.Login(login, password, address);
  return accounts_.LoginAccount(login, *worker->account_id, password, address);
}

core::Result<accounts::LoginResult> RegistrationService::Register(const Registration& registration) {
  if (!IsMobilePhone(registration.phone)) return Invalid("phone must be an 11-digit mainland mobile number");
  const std::string_view name = core::Trim(registration.name);
  if (name.empty() || core::CountCodePoints(name) > 20) return Invalid("name must have 1-20 characters");
  if (!IsKnownKind(registration.kind)) return Invalid("kind must be food, parcel, ride or truck");
  if (core::CountCodePoints(registration.plate) > 16) return Invalid("plate must have at most 16 characters");
  auto plate = NormalizePlate(registration.plate);
  if (!plate.ok()) return plate.error();
  if (!registration.convention_accepted)
    return Invalid("the rider convention must be accepted (convention_accepted: true)");
  if (auto problem = accounts::PasswordProblem(registration.password); !problem.empty())
    return Invalid(std::string(problem));

  long long account_id = 0;
  {
    auto connection = database_.Acquire();
    const long long now = storage::NowSeconds();
    auto proven = ProveCode(*connection, registration.phone, registration.code, now);
    if (!proven.ok()) return proven.error();
    const long long code_id = *proven;
    auto depot =
        connection->QueryOne("SELECT d.platform, d.area_code, d.area_path, d.lat, d.lon FROM depots d WHERE d.id = ?",
                             {registration.depot_id});
    if (!depot) return core::MakeError(core::ErrorCode::kNotFound, "no depot with this id");
    if (depot->Text(0) != registration.platform) return Invalid("the depot belongs to another platform");
    const DepotSpot spot{depot->Text(2), depot->OptionalDouble(3), depot->OptionalDouble(4)};
    auto community = CommunityFor(*connection, spot, core::Trim(registration.community_code));
    if (!community.ok()) return community.error();
    // Where the rider is registered decides whose officers see and verify them.
    const std::string area_code = *community ? (*community)->code : depot->Text(1);
    const std::string area_path = *community ? (*community)->path : depot->Text(2);
    const std::string hash = accounts::HashPassword(registration.password);
    const PhoneVault::Stored phone = phones_.Store(registration.phone);
    try {
      storage::Transaction transaction(*connection);
      // Spent with the account's creation, in the same transaction: one code, one registration.
      if (connection->Execute("UPDATE phone_codes SET used_at = ? WHERE id = ? AND used_at IS NULL", {now, code_id}) !=
          1) {
        return CodeProblem(CodeCheck::kSpent, 0);
      }
      // Under any key of the ring: during a rotation an older row's digest is not the current one.
      if (phones_.FindWorker(*connection, registration.phone))
        return core::MakeError(core::ErrorCode::kConflict, "this phone number is already registered");
      // The rider signs in with the phone; lists, the audit log and histories show this login.
      const std::string login = NewRiderLogin(*connection);
      auto account = connection->QueryOne(
          "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) "
          "VALUES (?, ?, 'worker', ?, ?, 0, ?) RETURNING id",
          {login, std::string(name), area_code, hash, now});
      auto worker = connection->QueryOne(
          "INSERT INTO workers (account_id, name, phone_digest, phone_sealed, kind, platform, depot_id, area_code, "
          "area_path, status, created_at, plate, convention_signed_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) RETURNING id",
          {account->Int(0), std::string(name), phone.digest, phone.sealed, registration.kind, registration.platform,
           registration.depot_id, area_code, area_path, now, *plate, now});
      RecordStatus(*connection, worker->Int(0), "pending", "pending", "registered in the worker app", login, now);
      transaction.Commit();
      account_id = account->Int(0);
    } catch (const storage::DatabaseError& error) {
      if (error.unique_violation())
        return core::MakeError(core::ErrorCode::kConflict, "this phone number is already registered");
      throw;
    }
  }
  // The password was just hashed: no second Argon2id to check it.
  return accounts_.SessionForProvenAccount(account_id, registration.phone);
}

std::optional<WorkerProfile> RegistrationService::Find(long long worker_id) const {
  auto connection = database_.Acquire();
  static const std::string sql = std::string(kProfileSelect) + "WHERE w.id = ?";
  auto row = connection->QueryOne(sql, {worker_id});
  if (!row) return std::nullopt;
  return ProfileFromRow(*row, phones_);
}

std::optional<WorkerProfile> RegistrationService::FindByAccount(long long account_id) const {
  auto connection = database_.Acquire();
  static const std::string sql = std::string(kProfileSelect) + "WHERE w.account_id = ?";
  auto row = connection->QueryOne(sql, {account_id});
  if (!row) return std::nullopt;
  return ProfileFromRow(*row, phones_);
}

core::Result<std::string> RegistrationService::ReadPhone(const accounts::Principal& reader, long long worker_id) {
  auto worker = Find(worker_id);
  if (!worker) return core::MakeError(core::ErrorCode::kNotFound, "no worker with this id");
  const bool self = worker->account_id && *worker->account_id == reader.account_id;
  // Officers in scope call a rider; station keepers, who verify riders, see the masked phone only.
  if (!self && !(accounts::IsOfficer(reader.role) && CanManage(reader, *worker)))
    return core::MakeError(core::ErrorCode::kForbidden, "only the worker and officers in scope read the full phone");
  auto connection = database_.Acquire();
  auto row = connection->QueryOne("SELECT phone_sealed FROM workers WHERE id = ?", {worker_id});
  std::optional<std::string> phone;
  if (row && !row->IsNull(0)) phone = phones_.Open(row->Text(0));
  // An erased record keeps no phone; one sealed under a key no longer in the key file cannot be read.
  if (!phone) return core::MakeError(core::ErrorCode::kNotFound, "this worker's record keeps no readable phone");
  if (!self) {
    storage::Transaction transaction(*connection);
    audit::AuditLog::Record(*connection, accounts::AuditEntryBy(reader, "worker.phone_read", "worker",
                                                                std::to_string(worker_id), worker->area_code));
    transaction.Commit();
  }
  return std::move(*phone);
}

bool RegistrationService::CanManage(const accounts::Principal& actor, const WorkerProfile& worker) {
  return accounts::CanListWorkers(actor.role) && areas::PathWithin(worker.area_path, actor.area_path);
}

core::Result<WorkerProfile> RegistrationService::SetStatus(const accounts::Principal& actor, long long worker_id,
                                                           std::string_view status, std::string_view reason) {
  if (!IsWorkerStatus(status)) return Invalid("status must be pending, verified, suspended or revoked");
  reason = core::Trim(reason);
  if (reason.empty() || core::CountCodePoints(reason) > 200) return Invalid("reason must have 1-200 characters");
  auto worker = Find(worker_id);
  if (!worker) return core::MakeError(core::ErrorCode::kNotFound, "no worker with this id");
  if (!CanManage(actor, *worker) || !accounts::IsOfficer(actor.role)) {
    // Station keepers may verify, not suspend or revoke.
    const bool keeper_verifying = actor.role == accounts::Role::kStationKeeper && status == "verified" &&
                                  areas::PathWithin(worker->area_path, actor.area_path);
    if (!keeper_verifying)
      return core::MakeError(core::ErrorCode::kForbidden, "this worker is outside your area or role");
  }
  if (worker->status == status)
    return core::MakeError(core::ErrorCode::kConflict, "the worker already has this status");
  auto connection = database_.Acquire();
  const long long now = storage::NowSeconds();
  storage::Transaction transaction(*connection);
  RecordStatus(*connection, worker_id, worker->status, status, reason, actor.login, now);
  audit::Entry entry =
      accounts::AuditEntryBy(actor, "worker.status", "worker", std::to_string(worker_id), worker->area_code);
  entry.before_json = boost::json::serialize(boost::json::object{{"status", worker->status}});
  entry.after_json = boost::json::serialize(boost::json::object{{"status", status}, {"reason", reason}});
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  worker->status = std::string(status);
  return std::move(*worker);
}

core::Result<std::vector<StatusChange>> RegistrationService::History(const accounts::Principal& actor,
                                                                     long long worker_id) const {
  auto worker = Find(worker_id);
  if (!worker) return core::MakeError(core::ErrorCode::kNotFound, "no worker with this id");
  const bool self = worker->account_id && *worker->account_id == actor.account_id;
  if (!self && !CanManage(actor, *worker))
    return core::MakeError(core::ErrorCode::kForbidden, "this worker is outside your area");
  auto connection = database_.Acquire();
  std::vector<StatusChange> changes;
  for (const auto& row : connection->Query("SELECT at, from_status, to_status, reason, actor_login FROM "
                                           "worker_status_history WHERE worker_id = ? ORDER BY id",
                                           {worker_id})) {
    changes.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)});
  }
  return changes;
}

core::Result<RosterResult> RegistrationService::ImportRoster(const accounts::Principal& actor, std::string_view csv) {
  if (!accounts::CanListWorkers(actor.role))
    return core::MakeError(core::ErrorCode::kForbidden, "only officers import rosters");
  if (!core::IsValidUtf8(csv)) {
    return core::MakeProblem(core::ErrorCode::kInvalidUtf8, "", "registry.roster_not_utf8",
                             "the roster is not valid UTF-8 (save it from Excel as CSV UTF-8)");
  }
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);  // Excel's UTF-8 byte order mark
  RosterResult result;
  auto connection = database_.Acquire();
  const long long now = storage::NowSeconds();
  storage::Transaction transaction(*connection);
  long long line_number = 0;
  bool header_seen = false;
  RosterColumns columns;
  while (!csv.empty()) {
    const auto end = csv.find('\n');
    std::string_view line = csv.substr(0, end);
    csv = end == std::string_view::npos ? std::string_view{} : csv.substr(end + 1);
    ++line_number;
    if (core::Trim(line).empty()) continue;
    auto fields = SplitCsvLine(line);
    if (!header_seen) {
      header_seen = true;
      columns = ReadRosterHeader(fields);
      if (!columns.Complete()) return RosterHeaderRefused();
      continue;
    }
    if (++result.rows > 20000) {
      return core::MakeProblem(core::ErrorCode::kValidationFailed, "", "registry.roster_too_long",
                               "a roster may hold at most 20,000 rows");
    }
    auto field = [&fields](int index) {
      return index >= 0 && static_cast<std::size_t>(index) < fields.size() ? fields[index] : std::string();
    };
    const std::string phone = field(columns.phone);
    const std::string name = field(columns.name);
    const std::string platform = field(columns.platform);
    const std::string depot = field(columns.depot);
    // Reasons are codes (the web words them in the reader's language).
    auto unmatched = [&](std::string reason) {
      result.unmatched.push_back({line_number, core::MaskPhone(phone), std::move(reason)});
    };
    if (name.empty() || platform.empty() || !IsMobilePhone(phone)) {
      unmatched("malformed_row");
      continue;
    }
    const DigestMatch match = phones_.Match("w.phone_digest", phone);
    const auto rows = connection->Query(
        "SELECT w.id, w.name, w.platform, w.status, w.area_path, COALESCE(d.name, '') FROM workers w "
        "LEFT JOIN depots d ON d.id = w.depot_id WHERE " +
            match.condition,
        match.params);
    const storage::Row* row = rows.empty() ? nullptr : &rows.front();
    if (!row || !areas::PathWithin(row->Text(4), actor.area_path)) {
      unmatched("not_in_area");
      continue;
    }
    if (row->Text(1) != name) {
      unmatched("name_differs");
      continue;
    }
    if (row->Text(2) != platform) {
      unmatched("platform_differs");
      continue;
    }
    if (!depot.empty() && depot != row->Text(5)) {
      unmatched("depot_differs");
      continue;
    }
    const std::string status = row->Text(3);
    if (status == "verified") {
      ++result.already_verified;
    } else if (status == "pending") {
      if (auto told = RecordStatus(*connection, row->Int(0), status, "verified",
                                   fmt::format("{} roster import", platform), actor.login, now)) {
        result.told.push_back(std::move(*told));
      }
      ++result.verified;
    } else {
      unmatched("worker_" + status);  // suspended or revoked: review one by one
    }
  }
  if (!header_seen) {
    return core::MakeProblem(core::ErrorCode::kValidationFailed, "", "registry.roster_empty", "the roster is empty");
  }
  audit::Entry entry =
      accounts::AuditEntryBy(actor, "worker.roster_import", "roster", std::to_string(now), actor.area_code);
  entry.after_json = boost::json::serialize(boost::json::object{
      {"rows", result.rows}, {"verified", result.verified}, {"unmatched", result.unmatched.size()}});
  audit::AuditLog::Record(*connection, entry);
  transaction.Commit();
  return result;
}

void RegistrationService::SetPhoto(long long worker_id, std::string_view content_type, std::string_view bytes) {
  std::string encoded = core::Base64Encode(bytes, core::Base64Variant::kStandard);
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  connection->Execute("DELETE FROM worker_photos WHERE worker_id = ?", {worker_id});
  connection->Execute(
      "INSERT INTO worker_photos (worker_id, content_type, data_base64, updated_at) VALUES (?, ?, ?, ?)",
      {worker_id, std::string(content_type), std::move(encoded), storage::NowSeconds()});
  transaction.Commit();
}

core::Result<std::pair<std::string, std::string>> RegistrationService::Photo(const accounts::Principal& viewer,
                                                                             long long worker_id) const {
  auto worker = Find(worker_id);
  if (!worker) return core::MakeError(core::ErrorCode::kNotFound, "no worker with this id");
  bool allowed = (worker->account_id && *worker->account_id == viewer.account_id) || CanManage(viewer, *worker);
  auto connection = database_.Acquire();
  if (!allowed && (viewer.role == accounts::Role::kGuard || viewer.role == accounts::Role::kPropertyManager)) {
    allowed = connection->QueryInt(
                  "SELECT COUNT(*) FROM gate_events WHERE worker_id = ? AND compound_code = ? AND at > ? AND evidence "
                  "= 'verified'",
                  {worker_id, viewer.area_code, storage::NowSeconds() - 86400}) > 0;
  }
  if (!allowed) return core::MakeError(core::ErrorCode::kForbidden, "you may not see this worker's photo");
  auto row =
      connection->QueryOne("SELECT content_type, data_base64 FROM worker_photos WHERE worker_id = ?", {worker_id});
  if (!row) return core::MakeError(core::ErrorCode::kNotFound, "this worker has no photo");
  auto bytes = core::Base64Decode(row->Text(1), core::Base64Variant::kStandard);
  if (!bytes) throw storage::DatabaseError("stored photo of worker " + std::to_string(worker_id) + " is not base64");
  return std::make_pair(row->Text(0), std::string(bytes->begin(), bytes->end()));
}

}  // namespace youhao::registry
