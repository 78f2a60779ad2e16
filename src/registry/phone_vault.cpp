#include "registry/phone_vault.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string_view>

#include "core/random.h"
#include "core/text.h"

namespace youhao::registry {

namespace {

DigestMatch MatchAny(std::string_view column, std::vector<std::string> digests) {
  DigestMatch match;
  match.condition = std::string(column) + " IN (";
  for (std::size_t i = 0; i < digests.size(); ++i) {
    match.condition += i == 0 ? "?" : ", ?";
    match.params.emplace_back(std::move(digests[i]));
  }
  match.condition += ")";
  return match;
}

std::string CodeValue(std::string_view phone, std::string_view code) {
  return std::string(phone) + ":" + std::string(code);
}

/// Columns that record who acted by login, where a rider's login can appear. Constants, never
/// input: the statements below name them.
struct LoginColumn {
  std::string_view table;
  std::string_view column;
};
constexpr LoginColumn kLoginColumns[] = {
    {"audit_log", "actor_login"},    {"worker_status_history", "actor_login"},
    {"report_steps", "actor_login"}, {"notifications", "login"},
    {"places", "pending_by"},        {"place_media", "uploaded_by"},
};

/// Rows kept before phones were sealed: no phone_sealed, and phone_digest holding the phone itself
/// (at most 20 characters: neither a digest nor the marker an erased record keeps there).
constexpr std::string_view kPlainPhoneRows = "phone_sealed IS NULL AND LENGTH(phone_digest) <= 20";

struct PhoneLogin {
  long long account_id = 0;
  std::string login;
};

/// Accounts whose login is the phone of their own worker record.
std::vector<PhoneLogin> PhoneLogins(storage::Connection& connection, const PhoneVault& vault) {
  std::vector<PhoneLogin> found;
  for (const auto& row :
       connection.Query("SELECT a.id, a.login, w.phone_digest FROM accounts a JOIN workers w ON w.account_id = a.id "
                        "WHERE LENGTH(a.login) = 11 ORDER BY a.id")) {
    const std::string login = row.Text(1);
    if (!IsMobilePhone(login)) continue;
    const auto digests = vault.Digests(login);
    if (std::find(digests.begin(), digests.end(), row.Text(2)) != digests.end()) found.push_back({row.Int(0), login});
  }
  return found;
}

}  // namespace

bool IsMobilePhone(std::string_view phone) {
  if (phone.size() != 11 || phone[0] != '1' || phone[1] < '3') return false;
  return std::all_of(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; });
}

PhoneVault::Stored PhoneVault::Store(std::string_view phone) const {
  return Stored{Digest(phone), keyring_.Seal(kPhonePurpose, phone)};
}

std::string PhoneVault::Digest(std::string_view phone) const { return keyring_.Digest(kPhonePurpose, phone); }

std::vector<std::string> PhoneVault::Digests(std::string_view phone) const {
  return keyring_.DigestsUnderEveryKey(kPhonePurpose, phone);
}

DigestMatch PhoneVault::Match(std::string_view column, std::string_view phone) const {
  return MatchAny(column, Digests(phone));
}

std::optional<std::string> PhoneVault::Open(std::string_view sealed) const {
  return keyring_.Open(kPhonePurpose, sealed);
}

std::string PhoneVault::Masked(std::string_view sealed) const {
  auto phone = Open(sealed);
  return phone ? core::MaskPhone(*phone) : std::string();
}

std::string PhoneVault::CodePhoneDigest(std::string_view phone) const { return keyring_.Digest(kCodePurpose, phone); }

DigestMatch PhoneVault::MatchCodePhone(std::string_view column, std::string_view phone) const {
  return MatchAny(column, keyring_.DigestsUnderEveryKey(kCodePurpose, phone));
}

std::string PhoneVault::CodeDigest(std::string_view phone, std::string_view code) const {
  return keyring_.Digest(kCodePurpose, CodeValue(phone, code));
}

bool PhoneVault::CodeMatches(std::string_view stored, std::string_view phone, std::string_view code) const {
  bool matches = false;
  for (const auto& digest : keyring_.DigestsUnderEveryKey(kCodePurpose, CodeValue(phone, code))) {
    matches = core::ConstantTimeEquals(stored, digest) || matches;
  }
  return matches;
}

std::optional<PhoneVault::WorkerRef> PhoneVault::FindWorker(storage::Connection& connection,
                                                            std::string_view phone) const {
  const DigestMatch match = Match("phone_digest", phone);
  const auto rows = connection.Query(
      "SELECT id, account_id FROM workers WHERE " + match.condition + " ORDER BY id LIMIT 1", match.params);
  if (rows.empty()) return std::nullopt;
  WorkerRef ref{rows.front().Int(0), std::nullopt};
  if (!rows.front().IsNull(1)) ref.account_id = rows.front().Int(1);
  return ref;
}

std::string NewRiderLogin(storage::Connection& connection) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::string login = "r" + core::RandomDigits(7);
    if (!connection.QueryOne("SELECT id FROM accounts WHERE login = ?", {login})) return login;
  }
  throw std::runtime_error("no free rider login after 20 draws");
}

PhoneConversion SealPlaintextPhones(storage::Database& database, const core::Keyring& keyring) {
  const PhoneVault vault(keyring);
  auto connection = database.Acquire();
  // The newest sealed phone was sealed under the current key of the right key file.
  if (auto newest = connection->QueryOne(
          "SELECT phone_sealed FROM workers WHERE phone_sealed IS NOT NULL ORDER BY id DESC LIMIT 1");
      newest && !vault.Open(newest->Text(0))) {
    throw PhonesUnreadable("the key file does not open the phones in this database");
  }
  // Every start but the first finds nothing: look before taking the write lock.
  if (connection->QueryInt("SELECT COUNT(*) FROM workers WHERE " + std::string(kPlainPhoneRows)) == 0 &&
      PhoneLogins(*connection, vault).empty()) {
    return {};
  }
  PhoneConversion done;
  storage::Transaction transaction(*connection);
  for (const auto& row :
       connection->Query("SELECT id, phone_digest FROM workers WHERE " + std::string(kPlainPhoneRows))) {
    const PhoneVault::Stored stored = vault.Store(row.Text(1));
    connection->Execute("UPDATE workers SET phone_digest = ?, phone_sealed = ? WHERE id = ?",
                        {stored.digest, stored.sealed, row.Int(0)});
    ++done.sealed;
  }
  std::map<std::string, std::string> new_logins;                          // phone → rider login
  std::map<std::string, std::pair<std::string, std::string>> by_account;  // account id → (phone, rider login)
  for (const PhoneLogin& old : PhoneLogins(*connection, vault)) {
    const std::string login = NewRiderLogin(*connection);
    connection->Execute("UPDATE accounts SET login = ? WHERE id = ?", {login, old.account_id});
    new_logins[old.login] = login;
    by_account[std::to_string(old.account_id)] = {old.login, login};
    ++done.renamed;
  }
  if (!new_logins.empty()) {
    // What was recorded under the phone is recorded under the rider login instead. Only values of
    // a phone's length can be one, so each table is read once.
    for (const LoginColumn& where : kLoginColumns) {
      const std::string select =
          fmt::format("SELECT id, {1} FROM {0} WHERE LENGTH({1}) = 11", where.table, where.column);
      const std::string update = fmt::format("UPDATE {} SET {} = ? WHERE id = ?", where.table, where.column);
      for (const auto& row : connection->Query(select)) {
        if (auto found = new_logins.find(row.Text(1)); found != new_logins.end()) {
          connection->Execute(update, {found->second, row.Int(0)});
        }
      }
    }
    // The audit entries about those accounts name their login in the before/after JSON.
    for (const auto& row :
         connection->Query("SELECT id, entity_id, before_json, after_json FROM audit_log WHERE entity = 'account'")) {
      const auto found = by_account.find(row.Text(1));
      if (found == by_account.end()) continue;
      const std::string& phone = found->second.first;
      const std::string& login = found->second.second;
      const auto rewrite = [&](std::string json) {
        const std::string from = "\"" + phone + "\"";
        const std::string to = "\"" + login + "\"";
        for (auto at = json.find(from); at != std::string::npos; at = json.find(from, at + to.size())) {
          json.replace(at, from.size(), to);
        }
        return json;
      };
      connection->Execute("UPDATE audit_log SET before_json = ?, after_json = ? WHERE id = ?",
                          {row.IsNull(2) ? storage::Value{nullptr} : storage::Value{rewrite(row.Text(2))},
                           row.IsNull(3) ? storage::Value{nullptr} : storage::Value{rewrite(row.Text(3))}, row.Int(0)});
    }
  }
  transaction.Commit();
  return done;
}

long long ResealPhones(storage::Database& database, const core::Keyring& keyring) {
  const PhoneVault vault(keyring);
  auto connection = database.Acquire();
  storage::Transaction transaction(*connection);
  long long changed = 0;
  const std::string current = "s1." + keyring.CurrentKeyId() + ".%";
  for (const auto& row : connection->Query(
           "SELECT id, phone_sealed FROM workers WHERE phone_sealed IS NOT NULL AND phone_sealed NOT LIKE ?",
           {current})) {
    const std::string sealed = row.Text(1);
    if (!keyring.IsSealedUnderOldKey(sealed)) continue;
    // A phone sealed under a key no longer in the ring cannot be opened by anyone: left as it is.
    auto phone = vault.Open(sealed);
    if (!phone) continue;
    const PhoneVault::Stored stored = vault.Store(*phone);
    connection->Execute("UPDATE workers SET phone_digest = ?, phone_sealed = ? WHERE id = ?",
                        {stored.digest, stored.sealed, row.Int(0)});
    ++changed;
  }
  transaction.Commit();
  return changed;
}

}  // namespace youhao::registry
