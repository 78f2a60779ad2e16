#pragma once
/// Use cases of the points ledger: a worker's own points, the officers' overview (the
/// conservation law and the pools), transfers ordered by officers (fund a pool, award a worker,
/// reverse a transfer), and the award the server pays when a worker's report is confirmed.

#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "core/error.h"
#include "points/ledger.h"
#include "storage/database.h"

namespace youhao::points {

/// Points for a confirmed report (paid from the city pool).
inline constexpr long long kReportConfirmedPoints = 10;

struct MyPoints {
  long long balance = 0;
  long long earned = 0;  ///< everything ever received
  std::vector<HistoryLine> history;
  long long expiring = 0;       ///< points that expire within 30 days
  std::string expiring_before;  ///< the Beijing date they expire before ("" when none)
};

struct LedgerOverview {
  Conservation sums;
  long long balances_off = 0;  ///< accounts whose balance is not their transfers' sum (0)
  std::vector<LedgerAccount> pools;
};

struct TransferOrder {
  TransferKind kind = TransferKind::kAward;
  long long amount = 0;
  std::string client_id;
  std::string reason;
  std::optional<long long> pool_id;      ///< fund: the pool funded; award: the pool paying (default the city's)
  std::optional<long long> worker_id;    ///< award: the worker (the register's id)
  std::optional<long long> transfer_id;  ///< reversal: the transfer undone
};

class PointsService {
 public:
  explicit PointsService(storage::Database& database) : database_(database) {}

  /// The caller's own points (a worker with no ledger account yet has none).
  MyPoints Mine(const accounts::Principal& worker, int limit) const;
  LedgerOverview Overview() const;
  /// Errors: forbidden (the role may not order this kind, or the worker is outside the caller's
  /// area), kNotFound, catalogued validation problems, and the ledger's (insufficient points,
  /// a client id reused, a transfer reversed already). A retried order replays.
  core::Result<Transfer> Order(const accounts::Principal& caller, const TransferOrder& order);

  /// In the caller's transaction: pays a confirmed report's award to its reporter's sign-in
  /// account by the earning rule in force for the report's area (client id report_confirmed:ID, so
  /// paying twice is a replay, as is a report paid before the rules as award:report:ID); without a
  /// rule, `points` from the city pool. False, with nothing moved, when the pool lacks the points
  /// or a cap leaves nothing to pay (the award stays recorded, unpaid).
  static bool PayReportAward(storage::Connection& connection, long long account_id, long long report_id,
                             long long points, long long now);

 private:
  core::Result<Transfer> OrderOnce(const accounts::Principal& caller, const TransferOrder& order);
  storage::Database& database_;
};

}  // namespace youhao::points
