#pragma once
/// The points ledger's rules, without a database: what a transfer may carry, who may make which
/// kind, and the conservation law every ledger obeys. Points are whole numbers; they move only by
/// transfers between ledger accounts, so none is lost and none is made except by the issuer,
/// whose balance is minus everything it ever issued.
///
///   issuer ──fund──▶ pool ──award──▶ worker ──hold──▶ hold ──spend──▶ merchant   (spent)
///                                      │    ◀─release──┘   (a redemption's points, held until
///                                      │                    the merchant confirms or it times out)
///                                      └──────expire──▶ expired sink                (expired)
///   a correction is a reversing transfer (target back to source), never an edit.

#include <optional>
#include <string>
#include <string_view>

#include "accounts/roles.h"
#include "core/error.h"

namespace youhao::points {

enum class AccountKind {
  kIssuer,
  kPool,
  kWorker,
  kMerchant,
  kSink,
  kHold,  ///< one redemption's points while the merchant has not confirmed it ("redemption:ID")
};
std::string_view AccountKindName(AccountKind kind);
std::optional<AccountKind> ParseAccountKind(std::string_view name);

enum class TransferKind {
  kFund,      ///< issuer → pool: points come into being (a budget, a sponsor's gift)
  kAward,     ///< pool → worker: a confirmed report, an event, an honour
  kSpend,     ///< hold → merchant: a redemption the merchant confirmed
  kExpire,    ///< worker → sink: points past their life
  kReversal,  ///< a transfer undone: its target back to its source, with a reason
  kHold,      ///< worker → hold: a redemption asked for, its price held
  kRelease,   ///< hold → worker: a redemption cancelled or timed out, its price given back
};
std::string_view TransferKindName(TransferKind kind);
std::optional<TransferKind> ParseTransferKind(std::string_view name);

/// The largest single transfer (a sanity bound, far above any award or budget line).
inline constexpr long long kMaxTransferPoints = 100'000'000;
/// A client's id for a transfer: 1–64 of [A-Za-z0-9._:-], unique per source account, so that a
/// retried request never pays twice.
inline constexpr std::size_t kMaxClientIdLength = 64;

/// Checks the amount (1..kMaxTransferPoints) and the client id; catalogued problems
/// (points.bad_amount, points.bad_client_id) naming the field.
core::Status CheckTransferInput(long long amount, std::string_view client_id);

/// Which account kinds a transfer of `kind` runs between (a reversal: any, checked against the
/// transfer it reverses).
bool KindsFit(TransferKind kind, AccountKind source, AccountKind target);

/// Which roles may order a transfer of `kind` through the API (the server itself awards for
/// confirmed reports, expires old points, and holds, spends and releases redemptions): funding a pool and reversing a
/// transfer are for city officers and administrators; awarding from a pool, for officers from community up.
bool RoleMayOrder(accounts::Role role, TransferKind kind);

/// The conservation law, read from the balances by account kind: what the issuer issued equals
/// what workers and pools hold (a worker's points held for a redemption still theirs), plus what
/// was spent, plus what expired.
struct Conservation {
  long long issued = 0;  ///< minus the issuer's balance
  long long pools = 0;
  long long workers = 0;
  long long spent = 0;  ///< merchants' balances
  long long expired = 0;
  long long held = 0;  ///< hold accounts' balances: redemptions not yet confirmed or released
  bool Holds() const { return issued == pools + workers + held + spent + expired; }
};

}  // namespace youhao::points
