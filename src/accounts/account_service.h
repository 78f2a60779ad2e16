#pragma once
/// Accounts and sessions: create accounts, log in (Argon2id, rate limited), authenticate
/// bearer tokens and session cookies, log out.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/access.h"
#include "accounts/login_throttle.h"
#include "areas/area_service.h"
#include "core/ttl_cache.h"
#include "storage/database.h"

namespace youhao::accounts {

struct Account {
  long long id = 0;
  std::string login;
  std::string display_name;
  Role role = Role::kWorker;
  areas::Area area;
  bool disabled = false;
  long long created_at = 0;
};

struct NewAccount {
  std::string login;
  std::string password;
  std::string display_name;
  Role role = Role::kWorker;
  std::string area_code;
};

struct LoginResult {
  /// The bearer token; only its hash is stored.
  std::string token;
  std::string csrf_token;
  long long expires_at = 0;
  Account account;
};

struct AccountPage {
  std::vector<Account> items;
  long long total = 0;
};

class AccountService {
 public:
  static constexpr long long kSessionSeconds = 12 * 3600;

  AccountService(storage::Database& database, const areas::AreaService& areas, LoginThrottle& throttle);

  /// Errors: login_rate_limited (with retry_after_seconds), invalid_credentials.
  core::Result<LoginResult> Login(std::string_view login, std::string_view password, std::string_view address);

  /// As Login, for the account `account_id` that `identifier` named (a worker's phone number):
  /// failures are throttled under `identifier`, as typed. Errors: as Login.
  core::Result<LoginResult> LoginAccount(std::string_view identifier, long long account_id, std::string_view password,
                                         std::string_view address);

  /// A session for the account `account_id` without its password, for a caller who proved
  /// otherwise that the account is theirs (a one-time code to the worker's phone, `identifier`).
  /// Not throttled, and it clears the failed attempts under `identifier` and under the account's
  /// login. Errors: invalid_credentials (no such active account).
  core::Result<LoginResult> SessionForProvenAccount(long long account_id, std::string_view identifier);

  /// The principal of a live session for `token`; auth_required otherwise.
  core::Result<Principal> Authenticate(std::string_view token) const;

  void Logout(const Principal& principal);

  /// Creates an account. `actor` is null for the command line (trusted operator).
  /// Errors: validation_failed, forbidden, not_found (area), conflict (login taken).
  core::Result<Account> Create(const Principal* actor, const NewAccount& account);

  std::optional<Account> Find(long long id) const;

  /// Accounts inside `area` (which must be in the principal's scope).
  AccountPage List(const areas::Area& area, long long limit, long long offset) const;

 private:
  LoginResult StartSession(storage::Connection& connection, const storage::Row& row);
  /// Login and LoginAccount: the account found by `find_sql` with `key`, its password checked.
  core::Result<LoginResult> PasswordLogin(std::string_view identifier, const std::string& find_sql,
                                          const storage::Value& key, std::string_view password,
                                          std::string_view address);

  storage::Database& database_;
  const areas::AreaService& areas_;
  LoginThrottle& throttle_;
  /// A hash verified for unknown logins so that timing does not reveal which logins exist.
  std::string decoy_hash_;
  /// Recently authenticated sessions by token hash. Entries live a few seconds, so a session
  /// deleted elsewhere (another server) stops working within that time; logout here is
  /// immediate.
  mutable core::TtlCache<Principal> sessions_{std::chrono::seconds(5), 50'000};
};

/// Login names: 3–64 characters of a–z, 0–9, '.', '_', '-', and not a phone number (eleven
/// digits): a phone signs a worker in by their phone, and lists show logins.
bool IsValidLogin(std::string_view login);

}  // namespace youhao::accounts
