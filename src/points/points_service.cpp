#include "points/points_service.h"

#include <fmt/format.h>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "audit/audit_log.h"
#include "core/text.h"
#include "points/earning_rules.h"

namespace youhao::points {

namespace {

using core::ErrorCode;

constexpr std::string_view kWorkerForAward =
    "SELECT w.account_id, w.area_path, w.area_code, COALESCE(a.display_name, w.name) FROM workers w "
    "LEFT JOIN accounts a ON a.id = w.account_id WHERE w.id = ?";
constexpr std::string_view kEarned = "SELECT COALESCE(SUM(amount), 0) FROM points_transfers WHERE target_id = ?";
// The award as paid: a rule may pay more or, capped, less than the points recorded.
constexpr std::string_view kMarkAwardPaid =
    "UPDATE point_awards SET paid_at = ?, points = ? WHERE report_id = ? AND reason = 'confirmed' AND paid_at IS NULL";
constexpr std::string_view kLegacyAward =
    "SELECT id FROM points_transfers WHERE target_id = ? AND kind = 'award' AND client_id = ?";
constexpr std::string_view kReportArea = "SELECT area_code FROM reports WHERE id = ?";

core::Error NotYours(std::string detail) {
  return core::MakeProblem(ErrorCode::kForbidden, "", "points.not_yours", std::move(detail));
}

}  // namespace

MyPoints PointsService::Mine(const accounts::Principal& worker, int limit) const {
  auto connection = database_.Acquire();
  MyPoints mine;
  const auto account = Ledger::Find(*connection, AccountKind::kWorker, WorkerOwnerRef(worker.account_id));
  if (!account) return mine;
  mine.balance = account->balance;
  mine.earned = connection->QueryInt(kEarned, {account->id});
  mine.history = Ledger::History(*connection, account->id, limit);
  const Expiring soon = PointsExpiry::DueSoon(*connection, account->id, account->balance, storage::NowSeconds());
  if (soon.points > 0) {
    mine.expiring = soon.points;
    mine.expiring_before = soon.before;
  }
  return mine;
}

LedgerOverview PointsService::Overview() const {
  auto connection = database_.Acquire();
  LedgerOverview overview;
  overview.sums = Ledger::Check(*connection);
  overview.balances_off = Ledger::BalancesOffTheirTransfers(*connection);
  overview.pools = Ledger::Accounts(*connection, AccountKind::kPool, 200);
  return overview;
}

core::Result<Transfer> PointsService::Order(const accounts::Principal& caller, const TransferOrder& order) {
  try {
    return OrderOnce(caller, order);
  } catch (const storage::DatabaseError& error) {
    // Two servers raced with one client id: the other one's transfer stands; this is its replay.
    if (!error.unique_violation()) throw;
    return OrderOnce(caller, order);
  }
}

core::Result<Transfer> PointsService::OrderOnce(const accounts::Principal& caller, const TransferOrder& order) {
  if (!RoleMayOrder(caller.role, order.kind))
    return NotYours(
        fmt::format("{} may not order a {}", accounts::RoleName(caller.role), TransferKindName(order.kind)));
  const std::string reason(core::Trim(order.reason));
  if (reason.empty() || core::CountCodePoints(reason) > 200 || core::HasControlCharacters(reason)) {
    return core::MakeProblem(ErrorCode::kValidationFailed, "bad_reason", "points.bad_reason",
                             "reason: say why, in 1 to 200 characters", boost::json::object{{"field", "reason"}});
  }
  const long long now = storage::NowSeconds();
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  TransferRequest request;
  request.kind = order.kind;
  request.amount = order.amount;
  request.client_id = order.client_id;
  request.reason = reason;
  request.actor_login = caller.login;
  request.at = now;
  std::string area_code;
  std::string entity = "points_transfer";
  switch (order.kind) {
    case TransferKind::kFund: {
      const auto pool = order.pool_id ? Ledger::ById(*connection, *order.pool_id) : std::nullopt;
      if (!pool || pool->kind != AccountKind::kPool) return core::MakeError(ErrorCode::kNotFound, "no such pool");
      request.source_id = Ledger::Ensure(*connection, AccountKind::kIssuer, "city", "", now).id;
      request.target_id = pool->id;
      break;
    }
    case TransferKind::kAward: {
      const auto pool = Ledger::ById(*connection, order.pool_id.value_or(0));
      const auto city = Ledger::Find(*connection, AccountKind::kPool, "city");
      const auto paying = order.pool_id ? pool : city;
      if (!paying || paying->kind != AccountKind::kPool) return core::MakeError(ErrorCode::kNotFound, "no such pool");
      auto worker = order.worker_id ? connection->QueryOne(kWorkerForAward, {*order.worker_id}) : std::nullopt;
      if (!worker) return core::MakeError(ErrorCode::kNotFound, "no such worker");
      if (!worker->Text(1).starts_with(caller.area_path)) return NotYours("this worker is outside your area");
      if (worker->IsNull(0)) {
        return core::MakeProblem(ErrorCode::kValidationFailed, "worker_not_signed_up", "points.worker_not_signed_up",
                                 "this worker has no sign-in account to hold points");
      }
      area_code = worker->Text(2);
      request.source_id = paying->id;
      request.target_id = Ledger::Ensure(*connection, AccountKind::kWorker, WorkerOwnerRef(worker->Int(0)), "", now).id;
      break;
    }
    case TransferKind::kReversal: {
      const auto undone = order.transfer_id ? Ledger::TransferById(*connection, *order.transfer_id) : std::nullopt;
      if (!undone) return core::MakeError(ErrorCode::kNotFound, "no such transfer");
      if (undone->reverses) {
        return core::MakeError(ErrorCode::kValidationFailed, "a reversal is not reversed: make a new transfer");
      }
      if (undone->kind == TransferKind::kHold || undone->kind == TransferKind::kSpend ||
          undone->kind == TransferKind::kRelease) {
        // A redemption settles through its own states (confirmed, released), never by a reversal.
        return core::MakeError(ErrorCode::kValidationFailed, "a redemption's transfer is not reversed");
      }
      request.source_id = undone->target_id;
      request.target_id = undone->source_id;
      request.amount = undone->amount;
      request.reverses = undone->id;
      break;
    }
    case TransferKind::kSpend:
    case TransferKind::kExpire:
    case TransferKind::kHold:
    case TransferKind::kRelease:
      return NotYours("redemptions and expiry are not ordered here");
  }
  auto moved = Ledger::Move(*connection, request);
  if (!moved.ok()) return moved.error();
  if (!moved->replayed) {
    // Funding and reversals belong to no rider's area: they are filed under the caller's, so
    // the officers of that area see them in the log.
    if (area_code.empty()) area_code = caller.area_code;
    audit::Entry entry = accounts::AuditEntryBy(caller, fmt::format("points.{}", TransferKindName(order.kind)), entity,
                                                std::to_string(moved->id), area_code);
    entry.after_json = boost::json::serialize(boost::json::object{{"amount", moved->amount},
                                                                  {"source_id", moved->source_id},
                                                                  {"target_id", moved->target_id},
                                                                  {"reason", reason}});
    audit::AuditLog::Record(*connection, entry);
  }
  transaction.Commit();
  return moved;
}

bool PointsService::PayReportAward(storage::Connection& connection, long long account_id, long long report_id,
                                   long long points, long long now) {
  // Paid before the earning rules existed (or by the ledger's migration): a replay.
  if (const auto worker = Ledger::Find(connection, AccountKind::kWorker, WorkerOwnerRef(account_id))) {
    if (connection.QueryOne(kLegacyAward, {worker->id, fmt::format("award:report:{}", report_id)})) return true;
  }
  std::string area_code;
  if (auto report = connection.QueryOne(kReportArea, {report_id})) area_code = report->Text(0);
  std::optional<EarningRule> fallback;
  if (const auto city = Ledger::Find(connection, AccountKind::kPool, "city")) {
    fallback = EarningRule{};
    fallback->area_code = std::string(kCityScope);
    fallback->trigger = EarningTrigger::kReportConfirmed;
    fallback->points = points;
    fallback->pool_account_id = city->id;
  }
  const EarnResult earned = EarningRuleRepository::EarnByRule(connection, EarningTrigger::kReportConfirmed, account_id,
                                                              area_code, std::to_string(report_id), now, fallback);
  if (earned.paid <= 0) return false;
  if (!earned.replayed) connection.Execute(kMarkAwardPaid, {now, earned.paid, report_id});
  return true;
}

}  // namespace youhao::points
