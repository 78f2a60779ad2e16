#include "points/ledger_policy.h"

#include <array>
#include <utility>

#include <boost/json/object.hpp>

namespace youhao::points {

namespace {

constexpr std::array<std::pair<AccountKind, std::string_view>, 6> kAccountKinds = {{
    {AccountKind::kIssuer, "issuer"},
    {AccountKind::kPool, "pool"},
    {AccountKind::kWorker, "worker"},
    {AccountKind::kMerchant, "merchant"},
    {AccountKind::kSink, "sink"},
    {AccountKind::kHold, "hold"},
}};

constexpr std::array<std::pair<TransferKind, std::string_view>, 7> kTransferKinds = {{
    {TransferKind::kFund, "fund"},
    {TransferKind::kAward, "award"},
    {TransferKind::kSpend, "spend"},
    {TransferKind::kExpire, "expire"},
    {TransferKind::kReversal, "reversal"},
    {TransferKind::kHold, "hold"},
    {TransferKind::kRelease, "release"},
}};

bool ClientIdCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == ':' || c == '-';
}

}  // namespace

std::string_view AccountKindName(AccountKind kind) {
  for (const auto& [k, name] : kAccountKinds)
    if (k == kind) return name;
  return "";
}

std::optional<AccountKind> ParseAccountKind(std::string_view name) {
  for (const auto& [k, n] : kAccountKinds)
    if (n == name) return k;
  return std::nullopt;
}

std::string_view TransferKindName(TransferKind kind) {
  for (const auto& [k, name] : kTransferKinds)
    if (k == kind) return name;
  return "";
}

std::optional<TransferKind> ParseTransferKind(std::string_view name) {
  for (const auto& [k, n] : kTransferKinds)
    if (n == name) return k;
  return std::nullopt;
}

core::Status CheckTransferInput(long long amount, std::string_view client_id) {
  if (amount < 1 || amount > kMaxTransferPoints) {
    return core::MakeProblem(core::ErrorCode::kValidationFailed, "bad_amount", "points.bad_amount",
                             "amount: a whole number of points from 1 to 100000000",
                             boost::json::object{{"field", "amount"}, {"max", kMaxTransferPoints}});
  }
  bool fits = !client_id.empty() && client_id.size() <= kMaxClientIdLength;
  for (char c : client_id) fits = fits && ClientIdCharacter(c);
  if (!fits) {
    return core::MakeProblem(core::ErrorCode::kValidationFailed, "bad_client_id", "points.bad_client_id",
                             "client_id: 1 to 64 letters, digits or . _ : -",
                             boost::json::object{{"field", "client_id"}});
  }
  return core::Ok{};
}

bool KindsFit(TransferKind kind, AccountKind source, AccountKind target) {
  switch (kind) {
    case TransferKind::kFund:
      return source == AccountKind::kIssuer && target == AccountKind::kPool;
    case TransferKind::kAward:
      return source == AccountKind::kPool && target == AccountKind::kWorker;
    case TransferKind::kSpend:
      return source == AccountKind::kHold && target == AccountKind::kMerchant;
    case TransferKind::kExpire:
      return source == AccountKind::kWorker && target == AccountKind::kSink;
    case TransferKind::kReversal:
      return source != target;
    case TransferKind::kHold:
      return source == AccountKind::kWorker && target == AccountKind::kHold;
    case TransferKind::kRelease:
      return source == AccountKind::kHold && target == AccountKind::kWorker;
  }
  return false;
}

bool RoleMayOrder(accounts::Role role, TransferKind kind) {
  using accounts::Role;
  const bool city = role == Role::kCityOfficer || role == Role::kAdmin;
  switch (kind) {
    case TransferKind::kFund:
    case TransferKind::kReversal:
      return city;
    case TransferKind::kAward:
      return city || role == Role::kDistrictOfficer || role == Role::kStreetOfficer || role == Role::kCommunityOfficer;
    case TransferKind::kSpend:
    case TransferKind::kExpire:
    case TransferKind::kHold:
    case TransferKind::kRelease:
      return false;  // redemptions and expiry have their own paths
  }
  return false;
}

}  // namespace youhao::points
