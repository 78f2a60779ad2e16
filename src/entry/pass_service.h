#pragma once
/// Issuing and revoking entry passes, and the revocation feed that gates sync.

#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "core/error.h"
#include "entry/key_store.h"
#include "entry/short_code_service.h"
#include "registry/registration_service.h"
#include "storage/database.h"

namespace youhao::entry {

struct IssuedPass {
  long long pass_id = 0;
  int key_id = 0;
  long long expires_at = 0;
  std::string credential_base64url;
  /// The secret of the pass's digit code (short_code.h), base64url; empty without digit codes.
  std::string short_code_secret;
};

struct PassSummary {
  long long pass_id = 0;
  int key_id = 0;
  long long expires_at = 0;
};

struct RevocationFeed {
  long long cursor = 0;
  /// True when the lists are the complete current state (first sync), not a delta.
  bool full = false;
  std::vector<long long> revoked_passes;
  std::vector<long long> revoked_workers;
  std::vector<long long> restored_workers;
};

class PassService {
 public:
  PassService(storage::Database& database, IssuerKeyStore& keys, registry::RegistrationService& registry)
      : database_(database), keys_(keys), registry_(registry) {}

  /// Passes issued from here on carry the secret of their digit code.
  void UseShortCodes(const ShortCodeService* short_codes) { short_codes_ = short_codes; }

  /// Issues a pass bound to `device_public_key` for the calling worker, who must be verified.
  /// The worker's previous passes are revoked. Errors: forbidden, validation_failed.
  core::Result<IssuedPass> Issue(const accounts::Principal& worker, std::string_view device_public_key_base64url);

  /// The worker's current pass, if any.
  std::optional<PassSummary> CurrentPass(long long worker_id) const;

  /// Revokes one pass (officers in the worker's area). Errors: not_found, forbidden.
  core::Status Revoke(const accounts::Principal& actor, long long pass_id, std::string_view reason);

  /// Revocations after `since` (0: the full current state).
  RevocationFeed Revocations(long long since) const;

 private:
  storage::Database& database_;
  IssuerKeyStore& keys_;
  registry::RegistrationService& registry_;
  const ShortCodeService* short_codes_ = nullptr;
};

}  // namespace youhao::entry
