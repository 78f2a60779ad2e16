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
    "SELECT w.id, w.name, w.kind, w.platform, COALESCE(d.name, ''), w.phone_sealed, w.status, COALESCE(w.plate, ''), "
    "(SELECT COUNT(*) FROM worker_photos p WHERE p.worker_id = w.id), w.created_at "
    "FROM workers w LEFT JOIN depots d ON d.id = w.depot_id ";

WorkerSummary WorkerFromRow(const storage::Row& row, const PhoneVault& phones) {
  WorkerSummary worker{row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), "", row.Text(6)};
  if (!row.IsNull(5)) worker.phone_masked = phones.Masked(row.Text(5));
  worker.plate = row.Text(7);
  worker.has_photo = row.Int(8) > 0;
  worker.registered_at = row.Int(9);
  return worker;
}

constexpr std::size_t kCommunityChoices = 20;
constexpr long long kWaitWindowSeconds = 90LL * 24 * 3600;

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
  const std::string sql = std::string(kWorkerSelect) + where +
                          (query.oldest_first ? " ORDER BY w.created_at, w.id LIMIT ? OFFSET ?"
                                              : " ORDER BY w.area_path, w.id LIMIT ? OFFSET ?");
  for (const auto& row : connection->Query(sql, params)) page.items.push_back(WorkerFromRow(row, phones_));
  return page;
}

core::Result<std::vector<WorkerSummary>> DirectoryService::FindWorkers(const areas::Area& area, std::string_view text,
                                                                       std::string_view status, long long limit) const {
  std::string typed;
  bool only_digits = true;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c < '0' || c > '9') only_digits = false;
    typed += c;
  }
  if (typed.empty()) return core::MakeError(core::ErrorCode::kValidationFailed, "q: type a name or a mobile number");
  auto [low, high] = areas::PathRange(area.path);
  std::string where = "WHERE w.area_path >= ? AND w.area_path < ?";
  std::vector<storage::Value> params = {low, high};
  if (only_digits) {
    if (!IsMobilePhone(typed)) {
      return core::MakeProblem(core::ErrorCode::kValidationFailed, "", "registry.search_phone_whole",
                               "q: a phone number is searched whole: type all 11 digits");
    }
    DigestMatch match = phones_.Match("w.phone_digest", typed);
    where += " AND " + match.condition;
    for (auto& param : match.params) params.push_back(std::move(param));
  } else {
    where += " AND w.name LIKE ? ESCAPE '\\'";
    const auto first = text.find_first_not_of(" \t");
    params.emplace_back(LikePattern(text.substr(first, text.find_last_not_of(" \t") - first + 1)));
  }
  if (!status.empty()) {
    where += " AND w.status = ?";
    params.emplace_back(std::string(status));
  }
  params.emplace_back(limit);
  auto connection = database_.Acquire();
  std::vector<WorkerSummary> found;
  for (const auto& row :
       connection->Query(std::string(kWorkerSelect) + where + " ORDER BY w.name, w.id LIMIT ?", params))
    found.push_back(WorkerFromRow(row, phones_));
  return found;
}

std::optional<WorkerSummary> DirectoryService::WorkerForAccount(long long account_id) const {
  auto connection = database_.Acquire();
  static const std::string sql = std::string(kWorkerSelect) + "WHERE w.account_id = ?";
  auto row = connection->QueryOne(sql, {account_id});
  if (!row) return std::nullopt;
  return WorkerFromRow(*row, phones_);
}

core::Result<std::vector<CommunityChoice>> DirectoryService::CommunityChoices(long long depot_id,
                                                                              std::string_view text) const {
  auto connection = database_.Acquire();
  const auto depot = FindDepotSpot(*connection, depot_id);
  if (!depot) return core::MakeError(core::ErrorCode::kNotFound, "no depot with this id");
  auto ranked = RankCommunities(*depot, CommunityCandidates(*connection, *depot, text), kCommunityChoices);
  std::vector<CommunityChoice> choices;
  choices.reserve(ranked.size());
  for (auto& entry : ranked) {
    choices.push_back({std::move(entry.community.code), std::move(entry.community.name_zh),
                       std::move(entry.community.street_name), entry.distance_m, choices.empty() && text.empty()});
  }
  return choices;
}

VerificationOutlook DirectoryService::Outlook(long long worker_id, std::string_view area_code,
                                              std::string_view area_path, long long now) const {
  auto connection = database_.Acquire();
  VerificationOutlook outlook;
  const std::string_view community_code = areas::PathCodeAt(area_path, areas::Level::kCommunity);
  outlook.area_code = std::string(community_code.empty() ? area_code : community_code);
  std::string verifier_path(area_path);
  std::optional<double> lat;
  std::optional<double> lon;
  if (auto area = connection->QueryOne("SELECT name_zh, level, path, lat, lon FROM areas WHERE code = ?",
                                       {outlook.area_code})) {
    outlook.area_name = area->Text(0);
    outlook.area_level = area->Text(1);
    verifier_path = area->Text(2);
    lat = area->OptionalDouble(3);
    lon = area->OptionalDouble(4);
  }
  outlook.wait = EstimateWait(RecentVerificationWaits(*connection, verifier_path, now - kWaitWindowSeconds));
  // A station of the community or of its street: three segments of the path reach the street.
  outlook.contact = PickContact(verifier_path, lat, lon, StationsWithin(*connection, PathPrefix(verifier_path, 3)));
  outlook.decision = LatestDecision(*connection, worker_id);
  return outlook;
}

}  // namespace youhao::registry
