#pragma once
/// Open311 API keys per organisation: issued once by an administrator, stored hashed, revoked.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accounts/access.h"
#include "storage/database.h"

namespace youhao::reports {

class Open311Keys {
 public:
  explicit Open311Keys(storage::Database& database) : database_(database) {}

  /// The organisation holding an active Open311 API key, or nullopt.
  std::optional<std::string> OrganisationForKey(std::string_view api_key) const;
  /// Issues a key for an organisation; the key is returned once and stored hashed.
  std::pair<long long, std::string> Issue(const accounts::Principal& admin, const std::string& organisation,
                                          long long now);
  struct KeyInfo {
    long long id;
    std::string organisation;
    long long created_at;
    std::string created_by;
    bool revoked;
  };
  std::vector<KeyInfo> List() const;
  core::Status Revoke(const accounts::Principal& admin, long long id, long long now);

 private:
  storage::Database& database_;
};

}  // namespace youhao::reports
