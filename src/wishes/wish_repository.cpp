#include "wishes/wish_repository.h"

#include <fmt/format.h>

#include "areas/area_service.h"

namespace youhao::wishes {

namespace {

// One row per wish: its current claim (active or fulfilled; a wish never holds both) joined in.
constexpr std::string_view kSelect =
    "SELECT w.id, w.worker_id, w.worker_account_id, COALESCE(wk.name, ''), w.worker_kind, w.area_code, w.area_path, "
    "COALESCE(a.name_zh, ''), w.title, w.reason, w.category, w.value_yuan, w.status, w.posted_by_account_id, "
    "w.posted_by, COALESCE(w.reviewed_by, ''), w.reviewed_at, COALESCE(w.reject_reason, ''), w.created_at, "
    "w.updated_at, c.id, c.sponsor_id, COALESCE(s.name, ''), c.account_id, c.status, c.claimed_at, c.due_at, "
    "c.fulfilled_at, COALESCE(c.note, ''), COALESCE(c.photo_public_id, ''), c.confirmed_at, COALESCE(c.thanks, '') "
    "FROM wishes w LEFT JOIN workers wk ON wk.id = w.worker_id LEFT JOIN areas a ON a.code = w.area_code "
    "LEFT JOIN wish_claims c ON c.wish_id = w.id AND c.status IN ('active', 'fulfilled') "
    "LEFT JOIN sponsors s ON s.id = c.sponsor_id";

constexpr std::string_view kInsert =
    "INSERT INTO wishes (worker_id, worker_account_id, worker_kind, area_code, area_path, title, reason, category, "
    "value_yuan, status, posted_by_account_id, posted_by, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kMove = "UPDATE wishes SET status = ?, updated_at = ? WHERE id = ? AND status = ?";
constexpr std::string_view kReview =
    "UPDATE wishes SET reviewed_by = ?, reviewed_at = ?, reject_reason = ?, updated_at = ? WHERE id = ?";
constexpr std::string_view kInsertClaim =
    "INSERT INTO wish_claims (wish_id, sponsor_id, account_id, status, claimed_at, due_at) "
    "VALUES (?, ?, ?, 'active', ?, ?) RETURNING id";
constexpr std::string_view kFulfil =
    "UPDATE wish_claims SET status = 'fulfilled', fulfilled_at = ?, note = ?, photo_type = ?, photo_base64 = ?, "
    "thumb_base64 = ?, photo_public_id = ? WHERE id = ? AND status = 'active' AND due_at > ?";
constexpr std::string_view kConfirm = "UPDATE wish_claims SET confirmed_at = ?, thanks = ? WHERE id = ?";
constexpr std::string_view kCountDue = "SELECT COUNT(*) FROM wish_claims WHERE status = 'active' AND due_at <= ?";
// The wish first, while its claim still reads active.
constexpr std::string_view kLapseWishes =
    "UPDATE wishes SET status = 'verified', updated_at = ? WHERE status = 'claimed' AND id IN "
    "(SELECT wish_id FROM wish_claims WHERE status = 'active' AND due_at <= ?)";
constexpr std::string_view kLapseClaims =
    "UPDATE wish_claims SET status = 'lapsed' WHERE status = 'active' AND due_at <= ?";
constexpr std::string_view kWorkerColumns = "SELECT id, account_id, name, kind, area_path FROM workers";

std::optional<long long> OptionalInt(const storage::Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column);
}

Wish WishFrom(const storage::Row& row) {
  Wish wish;
  wish.id = row.Int(0);
  wish.worker_id = row.Int(1);
  wish.worker_account_id = OptionalInt(row, 2).value_or(0);
  wish.worker_name = row.Text(3);
  wish.worker_kind = row.Text(4);
  wish.area_code = row.Text(5);
  wish.area_path = row.Text(6);
  wish.community_name = row.Text(7);
  wish.title = row.Text(8);
  wish.reason = row.Text(9);
  wish.category = row.Text(10);
  wish.value_yuan = row.Int(11);
  wish.status = ParseWishStatus(row.Text(12)).value_or(WishStatus::kSubmitted);
  wish.posted_by_account_id = row.Int(13);
  wish.posted_by = row.Text(14);
  wish.reviewed_by = row.Text(15);
  wish.reviewed_at = OptionalInt(row, 16);
  wish.reject_reason = row.Text(17);
  wish.created_at = row.Int(18);
  wish.updated_at = row.Int(19);
  if (!row.IsNull(20)) {
    Claim claim;
    claim.id = row.Int(20);
    claim.wish_id = wish.id;
    claim.sponsor_id = row.Int(21);
    claim.sponsor_name = row.Text(22);
    claim.account_id = row.Int(23);
    claim.status = row.Text(24);
    claim.claimed_at = row.Int(25);
    claim.due_at = row.Int(26);
    claim.fulfilled_at = OptionalInt(row, 27);
    claim.note = row.Text(28);
    claim.photo_public_id = row.Text(29);
    claim.confirmed_at = OptionalInt(row, 30);
    claim.thanks = row.Text(31);
    wish.claim = std::move(claim);
  }
  return wish;
}

WishWorker WorkerFrom(const storage::Row& row) {
  return {row.Int(0), OptionalInt(row, 1), row.Text(2), row.Text(3), row.Text(4)};
}

}  // namespace

namespace wish_repository {

long long LapseDue(storage::Connection& connection, long long now) {
  if (connection.QueryInt(kCountDue, {now}) == 0) return 0;
  storage::Transaction transaction(connection);
  connection.Execute(kLapseWishes, {now, now});
  const long long lapsed = connection.Execute(kLapseClaims, {now});
  transaction.Commit();
  return lapsed;
}

std::optional<Wish> Find(storage::Connection& connection, long long id) {
  auto row = connection.QueryOne(fmt::format("{} WHERE w.id = ?", kSelect), {id});
  if (!row) return std::nullopt;
  return WishFrom(*row);
}

std::vector<Wish> List(storage::Connection& connection, const WishQuery& query) {
  std::string sql(kSelect);
  std::vector<storage::Value> params;
  std::string where;
  const auto add = [&](std::string_view condition) {
    where += where.empty() ? " WHERE " : " AND ";
    where += condition;
  };
  if (!query.statuses.empty()) {
    std::string in = "w.status IN (";
    for (std::size_t i = 0; i < query.statuses.size(); ++i) {
      in += i == 0 ? "?" : ", ?";
      params.emplace_back(std::string(WishStatusName(query.statuses[i])));
    }
    add(in + ")");
  }
  if (query.worker_account_id) {
    add("w.worker_account_id = ?");
    params.emplace_back(*query.worker_account_id);
  }
  if (query.posted_by_account_id) {
    add("w.posted_by_account_id = ?");
    params.emplace_back(*query.posted_by_account_id);
  }
  if (query.area_path) {
    // A prefix range, so the index on area_path serves it.
    add("w.area_path >= ? AND w.area_path < ?");
    params.emplace_back(*query.area_path);
    params.emplace_back(*query.area_path + "\xF4\x8F\xBF\xBF");
  }
  if (query.sponsor_id) {
    add("c.sponsor_id = ?");
    params.emplace_back(*query.sponsor_id);
  }
  if (query.before) {
    add("w.id < ?");
    params.emplace_back(*query.before);
  }
  sql += where;
  sql += " ORDER BY w.id DESC LIMIT ?";
  params.emplace_back(static_cast<long long>(query.limit));
  std::vector<Wish> wishes;
  for (const auto& row : connection.Query(sql, params)) wishes.push_back(WishFrom(row));
  return wishes;
}

long long Insert(storage::Connection& connection, const NewWish& wish, long long now) {
  return connection
      .QueryOne(
          kInsert,
          {wish.worker.id, wish.worker.account_id ? storage::Value(*wish.worker.account_id) : storage::Value(nullptr),
           wish.worker.kind, wish.community.code, wish.community.path, wish.input.title, wish.input.reason,
           wish.input.category, wish.input.value_yuan, wish.posted_by_account_id, wish.posted_by, now, now})
      ->Int(0);
}

bool Move(storage::Connection& connection, long long id, WishStatus from, WishStatus to, long long now) {
  return connection.Execute(kMove, {std::string(WishStatusName(to)), now, id, std::string(WishStatusName(from))}) == 1;
}

void SetReview(storage::Connection& connection, long long id, std::string_view by, std::string_view reject_reason,
               long long now) {
  connection.Execute(
      kReview, {std::string(by), now,
                reject_reason.empty() ? storage::Value(nullptr) : storage::Value(std::string(reject_reason)), now, id});
}

long long InsertClaim(storage::Connection& connection, long long wish_id, long long sponsor_id, long long account_id,
                      long long now, long long due_at) {
  return connection.QueryOne(kInsertClaim, {wish_id, sponsor_id, account_id, now, due_at})->Int(0);
}

bool FulfilClaim(storage::Connection& connection, long long claim_id, std::string_view note,
                 std::string_view photo_type, std::string_view photo_base64, std::string_view thumb_base64,
                 std::string_view photo_public_id, long long now) {
  return connection.Execute(kFulfil, {now, std::string(note), std::string(photo_type), std::string(photo_base64),
                                      std::string(thumb_base64), std::string(photo_public_id), claim_id, now}) == 1;
}

void ConfirmClaim(storage::Connection& connection, long long claim_id, std::string_view thanks, long long now) {
  connection.Execute(kConfirm, {now, std::string(thanks), claim_id});
}

std::optional<WishWorker> FindWorker(storage::Connection& connection, long long worker_id) {
  auto row = connection.QueryOne(fmt::format("{} WHERE id = ?", kWorkerColumns), {worker_id});
  if (!row) return std::nullopt;
  return WorkerFrom(*row);
}

std::optional<WishWorker> FindWorkerOfAccount(storage::Connection& connection, long long account_id) {
  auto row = connection.QueryOne(fmt::format("{} WHERE account_id = ?", kWorkerColumns), {account_id});
  if (!row) return std::nullopt;
  return WorkerFrom(*row);
}

std::optional<Community> CommunityOf(storage::Connection& connection, std::string_view area_path) {
  const std::string_view code = areas::PathCodeAt(area_path, areas::Level::kCommunity);
  if (code.empty()) return std::nullopt;
  auto row = connection.QueryOne("SELECT code, name_zh, path FROM areas WHERE code = ? AND level = 'community'",
                                 {std::string(code)});
  if (!row) return std::nullopt;
  return Community{row->Text(0), row->Text(1), row->Text(2)};
}

std::string LoginOf(storage::Connection& connection, long long account_id) {
  auto row = connection.QueryOne("SELECT login FROM accounts WHERE id = ?", {account_id});
  return row ? row->Text(0) : std::string();
}

std::optional<StoredPhoto> FindPhoto(storage::Connection& connection, std::string_view public_id, bool thumbnail) {
  auto row = connection.QueryOne(
      thumbnail ? "SELECT 'image/jpeg', thumb_base64, wish_id FROM wish_claims WHERE photo_public_id = ?"
                : "SELECT photo_type, photo_base64, wish_id FROM wish_claims WHERE photo_public_id = ?",
      {std::string(public_id)});
  if (!row || row->IsNull(1)) return std::nullopt;
  return StoredPhoto{row->Text(0), row->Text(1), row->Int(2)};
}

}  // namespace wish_repository
}  // namespace youhao::wishes
