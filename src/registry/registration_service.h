#pragma once
/// The worker register (统一备案): one-tap registration by workers, verification one by one or
/// by a platform's roster, state changes with reason and actor, and the worker's photo.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "accounts/account_service.h"
#include "core/error.h"
#include "registry/phone_code_policy.h"
#include "registry/phone_vault.h"
#include "storage/database.h"

namespace youhao::registry {

struct Registration {
  std::string phone;
  std::string password;
  std::string name;
  std::string kind;
  std::string platform;
  long long depot_id = 0;
  /// The community the rider works in, whose officers verify them (DirectoryService::
  /// CommunityChoices); empty: the one suggested from the depot.
  std::string community_code;
  /// As typed; checked and spelt canonically by NormalizePlate. Empty: no plate.
  std::string plate;
  bool convention_accepted = false;
  /// The one-time code sent to `phone` (RequestCode): registering proves the phone.
  std::string code;
};

/// What asking for a code answers, the same whether or not the phone is registered.
struct CodeSent {
  long long expires_in = 0;
  long long resend_in = 0;
  /// Only on a demo server (no SMS gateway): the code itself, so the demo can be tried.
  std::optional<std::string> demo_code;
};

/// Sends a one-time code to a phone: an SMS gateway in production; by default the log.
using CodeSender = std::function<void(std::string_view phone, std::string_view code)>;

struct WorkerProfile {
  long long id = 0;
  std::optional<long long> account_id;
  std::string name;
  std::string kind;
  std::string platform;
  std::string depot;
  /// Masked (138****5678); the full phone only through RegistrationService::ReadPhone.
  std::string phone_masked;
  std::string plate;
  std::string status;
  std::string area_code;
  std::string area_path;
  std::optional<long long> convention_signed_at;
  bool has_photo = false;
};

struct StatusChange {
  long long at = 0;
  std::string from;
  std::string to;
  std::string reason;
  std::string actor_login;
};

struct RosterResult {
  long long rows = 0;
  long long verified = 0;
  long long already_verified = 0;
  struct Unmatched {
    long long line = 0;
    std::string phone_masked;
    std::string reason;
  };
  std::vector<Unmatched> unmatched;
  /// The logins of the riders verified, whose bells were written to (wake them after the commit).
  std::vector<std::string> told;
};

struct DepotOption {
  long long id = 0;
  std::string name;
  std::string platform;
};

class RegistrationService {
 public:
  RegistrationService(storage::Database& database, accounts::AccountService& accounts, const PhoneVault& phones)
      : database_(database), accounts_(accounts), phones_(phones) {}

  /// How codes leave the server, and whether a demo server shows them in the answer.
  void SetCodeSender(CodeSender sender, bool show_codes) {
    send_code_ = std::move(sender);
    show_codes_ = show_codes;
  }

  /// Sends a one-time code to `phone` (rules: registry/phone_code_policy.h). The answer does not
  /// say whether the phone is registered. Errors: validation_failed (not a mobile number),
  /// rate_limited with Retry-After.
  core::Result<CodeSent> RequestCode(std::string_view phone, std::string_view address, long long now);

  /// Depots workers can pick at registration.
  std::vector<DepotOption> Depots() const;

  /// Creates the worker's account (its login a rider login such as "r4821730", never the phone:
  /// lists and audit entries show the login) and a pending worker record in the community the
  /// rider chose, else the one suggested from the depot (RankCommunities), so that its officers
  /// see and verify them (the phone sealed, PhoneVault), then signs in; only with the phone's live
  /// one-time code. Errors: validation_failed (code_invalid, code_expired, plate_invalid,
  /// community_unknown among them), not_found (depot), conflict (a registered phone, said only to
  /// whoever proved they hold it).
  core::Result<accounts::LoginResult> Register(const Registration& registration);

  /// Signs in with a password: a mobile number names the account of the worker who registered it
  /// (throttled per the number typed, as any login is); any other login is an account's own.
  /// Errors: as AccountService::Login.
  core::Result<accounts::LoginResult> LoginWithPassword(std::string_view login, std::string_view password,
                                                        std::string_view address);

  /// Signs in the worker account of `phone` (or an account whose login is that number) with the
  /// phone's live one-time code: how a rider whose password attempts are slowed by a stranger
  /// still gets in. Errors: code_invalid, code_expired, invalid_credentials (no account with this
  /// phone).
  core::Result<accounts::LoginResult> LoginWithCode(std::string_view phone, std::string_view code);

  std::optional<WorkerProfile> Find(long long worker_id) const;
  std::optional<WorkerProfile> FindByAccount(long long account_id) const;

  /// The worker's full phone number: for the worker themself, and for officers in scope who must
  /// call them; an officer's read is written to the audit log (worker.phone_read, the worker's id,
  /// never the phone). Errors: not_found (no such worker, or no readable phone), forbidden.
  core::Result<std::string> ReadPhone(const accounts::Principal& reader, long long worker_id);

  /// Changes a worker's status with a reason. Officers only, within their area. Suspension and
  /// revocation enter the revocation feed that gates sync; re-verification restores. The worker's
  /// bell is told of the decision in the same transaction (NotifyStatusChange).
  core::Result<WorkerProfile> SetStatus(const accounts::Principal& actor, long long worker_id, std::string_view status,
                                        std::string_view reason);
  core::Result<std::vector<StatusChange>> History(const accounts::Principal& actor, long long worker_id) const;

  /// Verifies the pending workers that a platform's roster (CSV: phone,name,platform,depot)
  /// lists, within the actor's area, in one transaction.
  core::Result<RosterResult> ImportRoster(const accounts::Principal& actor, std::string_view csv);

  /// Stores the worker's photo (already sanitised).
  void SetPhoto(long long worker_id, std::string_view content_type, std::string_view bytes);
  /// The photo, if the viewer may see it: the worker, staff whose area holds the worker, or
  /// the guards of a compound the worker scanned at within the last day.
  core::Result<std::pair<std::string, std::string>> Photo(const accounts::Principal& viewer, long long worker_id) const;

  /// Whether `actor` may see and manage `worker` (officers and station keepers in scope).
  static bool CanManage(const accounts::Principal& actor, const WorkerProfile& worker);

 private:
  /// The id of `phone`'s newest code when `code` proves it (not yet spent: the caller spends it);
  /// a wrong guess is counted first.
  core::Result<long long> ProveCode(storage::Connection& connection, std::string_view phone, std::string_view code,
                                    long long now);

  storage::Database& database_;
  accounts::AccountService& accounts_;
  const PhoneVault& phones_;
  CodeSender send_code_;
  bool show_codes_ = false;
  CodeLimits code_limits_;
};

}  // namespace youhao::registry
