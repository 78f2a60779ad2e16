#pragma once
/// The worker register (统一备案): one-tap registration by workers, verification one by one or
/// by a platform's roster, state changes with reason and actor, and the worker's photo.

#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "accounts/account_service.h"
#include "core/error.h"
#include "storage/database.h"

namespace youhao::registry {

struct Registration {
  std::string phone;
  std::string password;
  std::string name;
  std::string kind;
  std::string platform;
  long long depot_id = 0;
  std::string plate;
  bool convention_accepted = false;
};

struct WorkerProfile {
  long long id = 0;
  std::optional<long long> account_id;
  std::string name;
  std::string kind;
  std::string platform;
  std::string depot;
  std::string phone;
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
};

struct DepotOption {
  long long id = 0;
  std::string name;
  std::string platform;
};

class RegistrationService {
 public:
  RegistrationService(storage::Database& database, accounts::AccountService& accounts)
      : database_(database), accounts_(accounts) {}

  /// Depots workers can pick at registration.
  std::vector<DepotOption> Depots() const;

  /// Creates the worker's account (login = phone) and a pending worker record in the depot's
  /// community, then logs in. Errors: validation_failed, not_found (depot), conflict.
  core::Result<accounts::LoginResult> Register(const Registration& registration, std::string_view address);

  std::optional<WorkerProfile> Find(long long worker_id) const;
  std::optional<WorkerProfile> FindByAccount(long long account_id) const;

  /// Changes a worker's status with a reason. Officers only, within their area. Suspension and
  /// revocation enter the revocation feed that gates sync; re-verification restores.
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
  storage::Database& database_;
  accounts::AccountService& accounts_;
};

/// Mainland mobile numbers: 11 digits starting 13–19.
bool IsMobilePhone(std::string_view phone);

}  // namespace youhao::registry
