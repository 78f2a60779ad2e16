#pragma once
/// The points ledger's storage: ledger accounts with their balances, and the append-only list of
/// transfers between them. A transfer's debit, credit and record are written in the caller's
/// transaction, so they commit together or not at all; a debit is a conditional UPDATE
/// (balance >= amount), so no balance goes below zero however many writers race, on SQLite and
/// PostgreSQL alike (and a CHECK constraint backs it). Only the issuer's balance is negative:
/// minus what it issued.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "points/ledger_policy.h"
#include "storage/database.h"

namespace youhao::points {

/// The owner_ref of a worker's points account: their sign-in account, "account:12".
std::string WorkerOwnerRef(long long account_id);

struct LedgerAccount {
  long long id = 0;
  AccountKind kind = AccountKind::kWorker;
  /// "account:12" (a worker's sign-in account), "city", "expired", "place:7" (a merchant or
  /// station), "redemption:40" (a hold)
  std::string owner_ref;
  std::string name;
  long long balance = 0;
};

struct TransferRequest {
  long long source_id = 0;
  long long target_id = 0;
  long long amount = 0;
  TransferKind kind = TransferKind::kAward;
  std::string reason;
  std::string client_id;
  std::string actor_login;
  std::optional<long long> reverses;
  long long at = 0;
};

struct Transfer {
  long long id = 0;
  long long source_id = 0;
  long long target_id = 0;
  long long amount = 0;
  TransferKind kind = TransferKind::kAward;
  std::string reason;
  std::string client_id;
  std::string actor_login;
  std::optional<long long> reverses;
  long long at = 0;
  /// The request was a retry of a transfer already made (nothing moved this time).
  bool replayed = false;
};

/// One line of an account's history: a transfer seen from that account.
struct HistoryLine {
  Transfer transfer;
  long long delta = 0;  ///< + in, − out
  std::string counterparty;
  AccountKind counterparty_kind = AccountKind::kPool;
};

class Ledger {
 public:
  /// The account of `kind` owned by `owner_ref`, created (balance 0) on first use.
  static LedgerAccount Ensure(storage::Connection& connection, AccountKind kind, std::string_view owner_ref,
                              std::string_view name, long long now);
  static std::optional<LedgerAccount> Find(storage::Connection& connection, AccountKind kind,
                                           std::string_view owner_ref);
  static std::optional<LedgerAccount> ById(storage::Connection& connection, long long id);
  static std::optional<Transfer> TransferById(storage::Connection& connection, long long id);

  /// Moves points inside the caller's transaction: both accounts read, the transfer recorded, the
  /// debit (only when the points are there), the credit. A request whose (source, client_id) was
  /// seen before is a replay: the same transfer comes back with `replayed` and nothing moves, or
  /// points.client_id_reused (409) when it asked for something else; a twin racing on another
  /// connection waits for the first to commit and replays it. Errors, each leaving nothing of the
  /// transfer behind: points.insufficient (409, fields balance and amount) when the source lacks
  /// the points, points.already_reversed (409), kNotFound for an unknown account, kValidationFailed
  /// when the kind does not run between these accounts.
  static core::Result<Transfer> Move(storage::Connection& connection, const TransferRequest& request);

  /// Newest first.
  static std::vector<HistoryLine> History(storage::Connection& connection, long long account_id, int limit);
  static std::vector<LedgerAccount> Accounts(storage::Connection& connection, AccountKind kind, int limit);

  /// The conservation law from the balances.
  static Conservation Check(storage::Connection& connection);
  /// Accounts whose balance differs from what their transfers add up to (none in a sound ledger).
  static long long BalancesOffTheirTransfers(storage::Connection& connection);
};

}  // namespace youhao::points
