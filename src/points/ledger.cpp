#include "points/ledger.h"

#include <fmt/format.h>
#include <boost/json/object.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace youhao::points {

namespace {

using core::ErrorCode;

/// A statement joined at compile time from its parts, so that the columns a row reader reads
/// (AccountFrom, TransferFrom) are written once for every statement that feeds it.
template <std::size_t N>
struct JoinedSql {
  std::array<char, N> text{};
  constexpr operator std::string_view() const { return {text.data(), N - 1}; }
};

template <std::size_t... N>
constexpr JoinedSql<(N + ...) - sizeof...(N) + 1> Sql(const char (&... parts)[N]) {
  JoinedSql<(N + ...) - sizeof...(N) + 1> joined;
  std::size_t at = 0;
  for (std::string_view part : {std::string_view(parts, N - 1)...})
    for (char c : part) joined.text[at++] = c;
  return joined;
}

// Named statements. The columns of AccountFrom and of TransferFrom, in their order.
constexpr char kAccountColumns[] = "id, kind, owner_ref, name, balance";
constexpr char kTransferColumns[] =
    "id, source_id, target_id, amount, kind, reason, client_id, actor_login, reverses, at";
constexpr auto kFindAccount = Sql("SELECT ", kAccountColumns, " FROM points_accounts WHERE kind = ? AND owner_ref = ?");
constexpr auto kAccountById = Sql("SELECT ", kAccountColumns, " FROM points_accounts WHERE id = ?");
constexpr std::string_view kInsertAccount =
    "INSERT INTO points_accounts (kind, owner_ref, name, balance, may_go_negative, created_at) VALUES (?, ?, ?, 0, ?, "
    "?) ON CONFLICT DO NOTHING";
constexpr auto kFindByClientId =
    Sql("SELECT ", kTransferColumns, " FROM points_transfers WHERE source_id = ? AND client_id = ?");
constexpr auto kTransferById = Sql("SELECT ", kTransferColumns, " FROM points_transfers WHERE id = ?");
constexpr auto kTwoAccounts = Sql("SELECT ", kAccountColumns, " FROM points_accounts WHERE id IN (?, ?)");
constexpr std::string_view kDeleteTransfer = "DELETE FROM points_transfers WHERE id = ?";
// The debit: only when the points are there (the issuer alone may go below zero).
constexpr std::string_view kDebit =
    "UPDATE points_accounts SET balance = balance - ? WHERE id = ? AND (balance >= ? OR may_go_negative = 1)";
constexpr std::string_view kCredit = "UPDATE points_accounts SET balance = balance + ? WHERE id = ?";
// The record, unless its client id (or, for a reversal, its transfer) is taken already.
constexpr auto kInsertTransfer =
    Sql("INSERT INTO points_transfers (source_id, target_id, amount, kind, reason, client_id, actor_login, reverses, "
        "at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING ",
        kTransferColumns);
constexpr std::string_view kHistory =
    "SELECT t.id, t.source_id, t.target_id, t.amount, t.kind, t.reason, t.client_id, t.actor_login, t.reverses, t.at, "
    "c.kind, c.name FROM points_transfers t JOIN points_accounts c ON c.id = CASE WHEN t.source_id = ? THEN "
    "t.target_id ELSE t.source_id END WHERE t.source_id = ? OR t.target_id = ? ORDER BY t.id DESC LIMIT ?";
constexpr auto kAccountsOfKind =
    Sql("SELECT ", kAccountColumns, " FROM points_accounts WHERE kind = ? ORDER BY id LIMIT ?");
constexpr std::string_view kBalancesByKind = "SELECT kind, SUM(balance) FROM points_accounts GROUP BY kind";
constexpr std::string_view kBalancesOff =
    "SELECT COUNT(*) FROM points_accounts a WHERE a.balance <> "
    "COALESCE((SELECT SUM(amount) FROM points_transfers WHERE target_id = a.id), 0) - "
    "COALESCE((SELECT SUM(amount) FROM points_transfers WHERE source_id = a.id), 0)";

LedgerAccount AccountFrom(const storage::Row& row) {
  return {row.Int(0), ParseAccountKind(row.Text(1)).value_or(AccountKind::kWorker), row.Text(2), row.Text(3),
          row.Int(4)};
}

Transfer TransferFrom(const storage::Row& row) {
  Transfer transfer;
  transfer.id = row.Int(0);
  transfer.source_id = row.Int(1);
  transfer.target_id = row.Int(2);
  transfer.amount = row.Int(3);
  transfer.kind = ParseTransferKind(row.Text(4)).value_or(TransferKind::kAward);
  transfer.reason = row.Text(5);
  transfer.client_id = row.Text(6);
  transfer.actor_login = row.Text(7);
  if (!row.IsNull(8)) transfer.reverses = row.Int(8);
  transfer.at = row.Int(9);
  return transfer;
}

}  // namespace

std::string WorkerOwnerRef(long long account_id) { return fmt::format("account:{}", account_id); }

LedgerAccount Ledger::Ensure(storage::Connection& connection, AccountKind kind, std::string_view owner_ref,
                             std::string_view name, long long now) {
  if (auto found = Find(connection, kind, owner_ref)) return *found;
  connection.Execute(kInsertAccount, {std::string(AccountKindName(kind)), std::string(owner_ref), std::string(name),
                                      kind == AccountKind::kIssuer ? 1LL : 0LL, now});
  return *Find(connection, kind, owner_ref);
}

std::optional<LedgerAccount> Ledger::Find(storage::Connection& connection, AccountKind kind,
                                          std::string_view owner_ref) {
  auto row = connection.QueryOne(kFindAccount, {std::string(AccountKindName(kind)), std::string(owner_ref)});
  if (!row) return std::nullopt;
  return AccountFrom(*row);
}

std::optional<LedgerAccount> Ledger::ById(storage::Connection& connection, long long id) {
  auto row = connection.QueryOne(kAccountById, {id});
  if (!row) return std::nullopt;
  return AccountFrom(*row);
}

std::optional<Transfer> Ledger::TransferById(storage::Connection& connection, long long id) {
  auto row = connection.QueryOne(kTransferById, {id});
  if (!row) return std::nullopt;
  return TransferFrom(*row);
}

core::Result<Transfer> Ledger::Move(storage::Connection& connection, const TransferRequest& request) {
  if (auto checked = CheckTransferInput(request.amount, request.client_id); !checked.ok()) return checked.error();
  // Four statements: both accounts, the record, the debit, the credit. The record goes first, so a
  // retry (or a racing twin, which waits for the first to commit) finds its client id taken.
  std::optional<LedgerAccount> source, target;
  for (const auto& row : connection.Query(kTwoAccounts, {request.source_id, request.target_id})) {
    const LedgerAccount account = AccountFrom(row);
    if (account.id == request.source_id) source = account;
    if (account.id == request.target_id) target = account;
  }
  if (!source || !target) return core::MakeError(ErrorCode::kNotFound, "no such points account");
  if (!KindsFit(request.kind, source->kind, target->kind)) {
    return core::MakeError(
        ErrorCode::kValidationFailed,
        fmt::format("a {} runs between other accounts than {} and {}", TransferKindName(request.kind),
                    AccountKindName(source->kind), AccountKindName(target->kind)));
  }
  auto made = connection.QueryOne(
      kInsertTransfer,
      {request.source_id, request.target_id, request.amount, std::string(TransferKindName(request.kind)),
       request.reason, request.client_id, request.actor_login,
       request.reverses ? storage::Value(*request.reverses) : storage::Value(nullptr), request.at});
  if (!made) {
    if (auto seen = connection.QueryOne(kFindByClientId, {request.source_id, request.client_id})) {
      Transfer earlier = TransferFrom(*seen);
      if (earlier.target_id != request.target_id || earlier.amount != request.amount || earlier.kind != request.kind) {
        return core::MakeProblem(ErrorCode::kConflict, "client_id_reused", "points.client_id_reused",
                                 "this client_id was used for another transfer from this account",
                                 boost::json::object{{"transfer_id", earlier.id}});
      }
      earlier.replayed = true;
      return earlier;
    }
    // The other unique key: one reversal per transfer.
    return core::MakeProblem(ErrorCode::kConflict, "already_reversed", "points.already_reversed",
                             "this transfer was reversed already",
                             boost::json::object{{"transfer_id", request.reverses.value_or(0)}});
  }
  if (connection.Execute(kDebit, {request.amount, request.source_id, request.amount}) != 1) {
    // Refused: the record goes too, so the caller's transaction holds nothing of this transfer.
    connection.Execute(kDeleteTransfer, {made->Int(0)});
    const long long balance = ById(connection, request.source_id)->balance;
    return core::MakeProblem(ErrorCode::kConflict, "insufficient_points", "points.insufficient",
                             "the account does not hold that many points",
                             boost::json::object{{"balance", balance}, {"amount", request.amount}});
  }
  connection.Execute(kCredit, {request.amount, request.target_id});
  return TransferFrom(*made);
}

std::vector<HistoryLine> Ledger::History(storage::Connection& connection, long long account_id, int limit) {
  std::vector<HistoryLine> lines;
  for (const auto& row :
       connection.Query(kHistory, {account_id, account_id, account_id, static_cast<long long>(limit)})) {
    HistoryLine line;
    line.transfer = TransferFrom(row);
    line.delta = line.transfer.target_id == account_id ? line.transfer.amount : -line.transfer.amount;
    line.counterparty_kind = ParseAccountKind(row.Text(10)).value_or(AccountKind::kPool);
    line.counterparty = row.Text(11);
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<LedgerAccount> Ledger::Accounts(storage::Connection& connection, AccountKind kind, int limit) {
  std::vector<LedgerAccount> accounts;
  for (const auto& row :
       connection.Query(kAccountsOfKind, {std::string(AccountKindName(kind)), static_cast<long long>(limit)}))
    accounts.push_back(AccountFrom(row));
  return accounts;
}

Conservation Ledger::Check(storage::Connection& connection) {
  Conservation sums;
  for (const auto& row : connection.Query(kBalancesByKind)) {
    const long long total = row.IsNull(1) ? 0 : row.Int(1);
    switch (ParseAccountKind(row.Text(0)).value_or(AccountKind::kSink)) {
      case AccountKind::kIssuer:
        sums.issued = -total;
        break;
      case AccountKind::kPool:
        sums.pools = total;
        break;
      case AccountKind::kWorker:
        sums.workers = total;
        break;
      case AccountKind::kMerchant:
        sums.spent = total;
        break;
      case AccountKind::kSink:
        sums.expired = total;
        break;
      case AccountKind::kHold:
        sums.held = total;
        break;
    }
  }
  return sums;
}

long long Ledger::BalancesOffTheirTransfers(storage::Connection& connection) {
  return connection.QueryInt(kBalancesOff);
}

}  // namespace youhao::points
