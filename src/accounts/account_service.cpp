#include "accounts/account_service.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fmt/format.h>

#include "accounts/password.h"
#include "audit/audit_log.h"
#include "core/random.h"
#include "core/text.h"

namespace youhao::accounts {

namespace {

constexpr std::string_view kAccountSelect =
    "SELECT a.id, a.login, a.display_name, a.role, a.area_code, a.disabled, a.created_at, a.password_hash "
    "FROM accounts a ";

Account AccountFromRow(const storage::Row& row, const areas::AreaService& areas, storage::Connection& connection) {
  Account account;
  account.id = row.Int(0);
  account.login = row.Text(1);
  account.display_name = row.Text(2);
  account.role = ParseRole(row.Text(3)).value_or(Role::kWorker);
  account.area = areas.Find(connection, row.Text(4)).value_or(areas::Area{});
  account.disabled = row.Int(5) != 0;
  account.created_at = row.Int(6);
  return account;
}

std::string AccountJson(const Account& account) {
  boost::json::object object{{"id", account.id},
                             {"login", account.login},
                             {"display_name", account.display_name},
                             {"role", RoleName(account.role)},
                             {"area_code", account.area.code},
                             {"disabled", account.disabled}};
  return boost::json::serialize(object);
}

}  // namespace

bool IsValidLogin(std::string_view login) {
  if (login.size() < 3 || login.size() > 64) return false;
  bool digits_only = true;
  for (char c : login) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
    digits_only = digits_only && c >= '0' && c <= '9';
  }
  return !(digits_only && login.size() == 11);
}

AccountService::AccountService(storage::Database& database, const areas::AreaService& areas, LoginThrottle& throttle)
    : database_(database), areas_(areas), throttle_(throttle), decoy_hash_(HashPassword(core::RandomToken(16))) {}

core::Result<LoginResult> AccountService::Login(std::string_view login, std::string_view password,
                                                std::string_view address) {
  static const std::string find_sql = std::string(kAccountSelect) + "WHERE a.login = ?";
  return PasswordLogin(login, find_sql, std::string(login), password, address);
}

core::Result<LoginResult> AccountService::LoginAccount(std::string_view identifier, long long account_id,
                                                       std::string_view password, std::string_view address) {
  static const std::string find_sql = std::string(kAccountSelect) + "WHERE a.id = ?";
  return PasswordLogin(identifier, find_sql, account_id, password, address);
}

core::Result<LoginResult> AccountService::PasswordLogin(std::string_view identifier, const std::string& find_sql,
                                                        const storage::Value& key, std::string_view password,
                                                        std::string_view address) {
  const auto now = LoginThrottle::Clock::now();
  if (int wait = throttle_.RetryAfterSeconds(identifier, address, now); wait > 0) {
    core::Error error = core::MakeError(core::ErrorCode::kLoginRateLimited,
                                        fmt::format("too many failed logins; try again in {} seconds", wait));
    error.retry_after_seconds = wait;
    return error;
  }
  auto connection = database_.Acquire();
  auto row = connection->QueryOne(find_sql, {key});
  const std::string hash = row ? row->Text(7) : decoy_hash_;
  const bool matches = VerifyPassword(hash, password);
  if (!row || !matches || row->Int(5) != 0) {
    throttle_.RecordFailure(identifier, address, now);
    return core::MakeError(core::ErrorCode::kInvalidCredentials, "the login or the password is wrong");
  }
  throttle_.RecordSuccess(identifier);
  if (row->Text(1) != identifier) throttle_.RecordSuccess(row->Text(1));
  return StartSession(*connection, *row);
}

core::Result<LoginResult> AccountService::SessionForProvenAccount(long long account_id, std::string_view identifier) {
  auto connection = database_.Acquire();
  static const std::string find_sql = std::string(kAccountSelect) + "WHERE a.id = ?";
  auto row = connection->QueryOne(find_sql, {account_id});
  if (!row || row->Int(5) != 0) {
    return core::MakeError(core::ErrorCode::kInvalidCredentials, "no active account with this login");
  }
  throttle_.RecordSuccess(identifier);
  if (row->Text(1) != identifier) throttle_.RecordSuccess(row->Text(1));
  return StartSession(*connection, *row);
}

LoginResult AccountService::StartSession(storage::Connection& connection, const storage::Row& row) {
  LoginResult result;
  result.account = AccountFromRow(row, areas_, connection);
  result.token = core::RandomToken(32);
  result.csrf_token = core::RandomToken(24);
  const long long created = storage::NowSeconds();
  result.expires_at = created + kSessionSeconds;
  storage::Transaction transaction(connection);
  connection.Execute("DELETE FROM sessions WHERE expires_at < ?", {created});
  connection.Execute(
      "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      {core::HashToken(result.token), result.account.id, result.csrf_token, created, result.expires_at});
  transaction.Commit();
  return result;
}

core::Result<Principal> AccountService::Authenticate(std::string_view token) const {
  if (token.empty() || token.size() > 128) {
    return core::MakeError(core::ErrorCode::kAuthRequired, "log in first");
  }
  const std::string token_hash = core::HashToken(token);
  if (auto cached = sessions_.Get(token_hash)) return std::move(*cached);
  auto connection = database_.Acquire();
  auto row = connection->QueryOne(
      "SELECT a.id, a.login, a.display_name, a.role, a.area_code, ar.path, s.csrf_token "
      "FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN areas ar ON ar.code = a.area_code "
      "WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled = 0",
      {token_hash, storage::NowSeconds()});
  if (!row)
    return core::MakeError(core::ErrorCode::kAuthRequired, "the session has expired or does not exist; log in again");
  Principal principal;
  principal.account_id = row->Int(0);
  principal.login = row->Text(1);
  principal.display_name = row->Text(2);
  principal.role = ParseRole(row->Text(3)).value_or(Role::kWorker);
  principal.area_code = row->Text(4);
  principal.area_path = row->Text(5);
  principal.csrf_token = row->Text(6);
  principal.token_hash = token_hash;
  sessions_.Put(token_hash, principal);
  return principal;
}

void AccountService::Logout(const Principal& principal) {
  sessions_.Erase(principal.token_hash);
  auto connection = database_.Acquire();
  connection->Execute("DELETE FROM sessions WHERE token_hash = ?", {principal.token_hash});
}

core::Result<Account> AccountService::Create(const Principal* actor, const NewAccount& account) {
  if (!IsValidLogin(account.login)) {
    return core::MakeError(core::ErrorCode::kValidationFailed,
                           "login must be 3-64 characters of a-z, 0-9, '.', '_' or '-', and not a phone number");
  }
  if (auto problem = PasswordProblem(account.password); !problem.empty()) {
    return core::MakeError(core::ErrorCode::kValidationFailed, std::string(problem));
  }
  const std::string_view display_name = core::Trim(account.display_name);
  if (display_name.empty() || core::CountCodePoints(display_name) > 64) {
    return core::MakeError(core::ErrorCode::kValidationFailed, "display_name must have 1-64 characters");
  }
  auto area = areas_.Find(account.area_code);
  if (!area) return core::MakeError(core::ErrorCode::kNotFound, "no area with this code");
  if (actor != nullptr) {
    if (auto allowed = CanCreateAccount(*actor, account.role, *area); !allowed.ok()) return allowed.error();
  } else if (!LevelSuitsRole(account.role, area->level)) {
    return core::MakeError(
        core::ErrorCode::kValidationFailed,
        fmt::format("a {} account cannot belong to a {} area", RoleName(account.role), areas::LevelName(area->level)));
  }
  const std::string hash = HashPassword(account.password);
  auto connection = database_.Acquire();
  Account created;
  created.login = account.login;
  created.display_name = std::string(display_name);
  created.role = account.role;
  created.area = *area;
  created.created_at = storage::NowSeconds();
  try {
    storage::Transaction transaction(*connection);
    auto row = connection->QueryOne(
        "INSERT INTO accounts (login, display_name, role, area_code, password_hash, disabled, created_at) "
        "VALUES (?, ?, ?, ?, ?, 0, ?) RETURNING id",
        {created.login, created.display_name, std::string(RoleName(created.role)), area->code, hash,
         created.created_at});
    created.id = row->Int(0);
    audit::Entry entry;
    if (actor != nullptr) entry.actor_account_id = actor->account_id;
    entry.actor_login = actor != nullptr ? actor->login : "command-line";
    entry.action = "account.create";
    entry.entity = "account";
    entry.entity_id = std::to_string(created.id);
    entry.area_code = area->code;
    entry.after_json = AccountJson(created);
    audit::AuditLog::Record(*connection, entry);
    transaction.Commit();
  } catch (const storage::DatabaseError& error) {
    if (error.unique_violation()) return core::MakeError(core::ErrorCode::kConflict, "this login is already taken");
    throw;
  }
  return created;
}

std::optional<Account> AccountService::Find(long long id) const {
  auto connection = database_.Acquire();
  static const std::string sql = std::string(kAccountSelect) + "WHERE a.id = ?";
  auto row = connection->QueryOne(sql, {id});
  if (!row) return std::nullopt;
  return AccountFromRow(*row, areas_, *connection);
}

AccountPage AccountService::List(const areas::Area& area, long long limit, long long offset) const {
  auto connection = database_.Acquire();
  auto [low, high] = areas::PathRange(area.path);
  AccountPage page;
  page.total = connection->QueryInt(
      "SELECT COUNT(*) FROM accounts a JOIN areas ar ON ar.code = a.area_code WHERE ar.path >= ? AND ar.path < ?",
      {low, high});
  static const std::string sql = std::string(kAccountSelect) +
                                 "JOIN areas ar ON ar.code = a.area_code WHERE ar.path >= ? AND ar.path < ? "
                                 "ORDER BY a.id LIMIT ? OFFSET ?";
  for (const auto& row : connection->Query(sql, {low, high, limit, offset})) {
    page.items.push_back(AccountFromRow(row, areas_, *connection));
  }
  return page;
}

}  // namespace youhao::accounts
