#include "registry/directory_service.h"

namespace youhao::registry {

namespace {

/// LIKE pattern for a free-text search, with LIKE's own wildcards escaped.
std::string LikePattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

constexpr std::string_view kWorkerSelect =
    "SELECT w.id, w.name, w.kind, w.platform, COALESCE(d.name, ''), w.phone_sealed, w.status "
    "FROM workers w LEFT JOIN depots d ON d.id = w.depot_id ";

WorkerSummary WorkerFromRow(const storage::Row& row, const PhoneVault& phones) {
  WorkerSummary worker{row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), "", row.Text(6)};
  if (!row.IsNull(5)) worker.phone_masked = phones.Masked(row.Text(5));
  return worker;
}

}  // namespace

bool IsWorkerStatus(std::string_view status) {
  return status == "pending" || status == "verified" || status == "suspended" || status == "revoked";
}

AreaStats DirectoryService::Stats(const areas::Area& area) const {
  if (auto cached = stats_cache_.Get(area.path)) return *cached;
  AreaStats stats = CountStats(area);
  stats_cache_.Put(area.path, stats);
  return stats;
}

AreaStats DirectoryService::CountStats(const areas::Area& area) const {
  auto connection = database_.Acquire();
  auto [low, high] = areas::PathRange(area.path);
  AreaStats stats;
  // Each count is a range scan of one index on the area path.
  stats.communities = connection->QueryInt(
      "SELECT COUNT(*) FROM areas WHERE level = 'community' AND path >= ? AND path < ?", {low, high});
  stats.compounds = connection->QueryInt(
      "SELECT COUNT(*) FROM areas WHERE level = 'compound' AND path >= ? AND path < ?", {low, high});
  stats.workers =
      connection->QueryInt("SELECT COUNT(*) FROM workers WHERE area_path >= ? AND area_path < ?", {low, high});
  stats.verified_workers = connection->QueryInt(
      "SELECT COUNT(*) FROM workers WHERE area_path >= ? AND area_path < ? AND status = 'verified'", {low, high});
  stats.depots =
      connection->QueryInt("SELECT COUNT(*) FROM depots WHERE area_path >= ? AND area_path < ?", {low, high});
  stats.accounts = connection->QueryInt(
      "SELECT COUNT(*) FROM accounts x JOIN areas a ON a.code = x.area_code WHERE a.path >= ? AND a.path < ?",
      {low, high});
  stats.places =
      connection->QueryInt("SELECT COUNT(*) FROM places WHERE area_path >= ? AND area_path < ?", {low, high});
  return stats;
}

Page<CompoundSummary> DirectoryService::Compounds(const areas::Area& area, const ListQuery& query) const {
  auto connection = database_.Acquire();
  auto [low, high] = areas::PathRange(area.path);
  const std::string pattern = LikePattern(query.text);
  Page<CompoundSummary> page;
  page.total = connection->QueryInt(
      "SELECT COUNT(*) FROM areas c WHERE c.level = 'compound' AND c.path >= ? AND c.path < ? "
      "AND c.name_zh LIKE ? ESCAPE '\\'",
      {low, high, pattern});
  auto rows = connection->Query(
      "SELECT c.code, c.name_zh, m.code, m.name_zh, s.name_zh, c.lat, c.lon, c.source "
      "FROM areas c JOIN areas m ON m.code = c.parent_code JOIN areas s ON s.code = m.parent_code "
      "WHERE c.level = 'compound' AND c.path >= ? AND c.path < ? AND c.name_zh LIKE ? ESCAPE '\\' "
      "ORDER BY c.source DESC, c.code LIMIT ? OFFSET ?",
      {low, high, pattern, query.limit, query.offset});
  for (const auto& row : rows) {
    page.items.push_back(CompoundSummary{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4),
                                         row.OptionalDouble(5), row.OptionalDouble(6), row.Text(7)});
  }
  return page;
}

Page<WorkerSummary> DirectoryService::Workers(const areas::Area& area, const ListQuery& query) const {
  auto connection = database_.Acquire();
  auto [low, high] = areas::PathRange(area.path);
  // Filters are added only when asked for, so the common unfiltered page walks the
  // (area_path, id) index and stops after `limit` rows.
  std::string where = "WHERE w.area_path >= ? AND w.area_path < ?";
  std::vector<storage::Value> params = {low, high};
  if (!query.text.empty()) {
    where += " AND w.name LIKE ? ESCAPE '\\'";
    params.emplace_back(LikePattern(query.text));
  }
  if (!query.status.empty()) {
    where += " AND w.status = ?";
    params.emplace_back(query.status);
  }
  Page<WorkerSummary> page;
  auto count = connection->Query("SELECT COUNT(*) FROM workers w " + where, params);
  page.total = count.empty() ? 0 : count.front().Int(0);
  params.emplace_back(query.limit);
  params.emplace_back(query.offset);
  const std::string sql = std::string(kWorkerSelect) + where + " ORDER BY w.area_path, w.id LIMIT ? OFFSET ?";
  for (const auto& row : connection->Query(sql, params)) page.items.push_back(WorkerFromRow(row, phones_));
  return page;
}

std::optional<WorkerSummary> DirectoryService::WorkerForAccount(long long account_id) const {
  auto connection = database_.Acquire();
  static const std::string sql = std::string(kWorkerSelect) + "WHERE w.account_id = ?";
  auto row = connection->QueryOne(sql, {account_id});
  if (!row) return std::nullopt;
  return WorkerFromRow(*row, phones_);
}

}  // namespace youhao::registry
