#include "registry/verification_repository.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "areas/area_service.h"
#include "core/json_output.h"

namespace youhao::registry {

namespace {

constexpr std::string_view kCommunitySelect =
    "SELECT c.code, c.name_zh, COALESCE(s.name_zh, ''), c.path, c.lat, c.lon FROM areas c "
    "LEFT JOIN areas s ON s.code = c.parent_code WHERE c.level = 'community' ";

CommunityCandidate CommunityFromRow(const storage::Row& row) {
  return {row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.OptionalDouble(4), row.OptionalDouble(5)};
}

/// LIKE pattern for a free-text search, with LIKE's own wildcards escaped.
std::string ContainsPattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

std::string PhoneIn(const std::string& details_json) {
  boost::system::error_code error;
  const boost::json::value details = boost::json::parse(details_json, error);
  if (error || !details.is_object()) return {};
  const auto* phone = details.as_object().if_contains("phone");
  return phone != nullptr && phone->is_string() ? std::string(phone->as_string()) : std::string();
}

}  // namespace

std::string PathPrefix(std::string_view path, int segments) {
  std::size_t end = 0;
  for (int i = 0; i < segments; ++i) {
    const std::size_t slash = path.find('/', end);
    if (slash == std::string_view::npos) return std::string(path);
    end = slash + 1;
  }
  return std::string(path.substr(0, end));
}

std::optional<DepotSpot> FindDepotSpot(storage::Connection& connection, long long depot_id) {
  auto row = connection.QueryOne("SELECT area_path, lat, lon FROM depots WHERE id = ?", {depot_id});
  if (!row) return std::nullopt;
  return DepotSpot{row->Text(0), row->OptionalDouble(1), row->OptionalDouble(2)};
}

std::vector<CommunityCandidate> CommunityCandidates(storage::Connection& connection, const DepotSpot& depot,
                                                    std::string_view text) {
  // A district holds a few hundred communities; a search by name looks through the whole city.
  const std::string scope = PathPrefix(depot.area_path, text.empty() ? 2 : 1);
  auto [low, high] = areas::PathRange(scope);
  std::vector<storage::Value> params = {low, high};
  std::string sql = std::string(kCommunitySelect) + "AND c.path >= ? AND c.path < ?";
  if (!text.empty()) {
    sql += " AND c.name_zh LIKE ? ESCAPE '\\'";
    params.emplace_back(ContainsPattern(text));
  }
  sql += " ORDER BY c.code LIMIT 5000";
  std::vector<CommunityCandidate> candidates;
  for (const auto& row : connection.Query(sql, params)) candidates.push_back(CommunityFromRow(row));
  return candidates;
}

std::optional<CommunityCandidate> FindCommunity(storage::Connection& connection, std::string_view code) {
  static const std::string sql = std::string(kCommunitySelect) + "AND c.code = ?";
  auto row = connection.QueryOne(sql, {std::string(code)});
  if (!row) return std::nullopt;
  return CommunityFromRow(*row);
}

std::vector<long long> RecentVerificationWaits(storage::Connection& connection, std::string_view area_path,
                                               long long since) {
  auto [low, high] = areas::PathRange(area_path);
  std::vector<long long> waits;
  for (const auto& row : connection.Query(
           "SELECT h.at - w.created_at FROM workers w JOIN worker_status_history h ON h.worker_id = w.id "
           "WHERE w.area_path >= ? AND w.area_path < ? AND h.from_status = 'pending' AND h.to_status = 'verified' "
           "AND h.at > ? ORDER BY h.at DESC LIMIT 200",
           {low, high, since})) {
    waits.push_back(row.Int(0));
  }
  return waits;
}

std::vector<ContactCandidate> StationsWithin(storage::Connection& connection, std::string_view area_path) {
  auto [low, high] = areas::PathRange(area_path);
  std::vector<ContactCandidate> stations;
  for (const auto& row : connection.Query(
           "SELECT name, COALESCE(address, ''), COALESCE(details_json, '{}'), area_path, lat, lon FROM places "
           "WHERE kind = 'station' AND status = 'approved' AND area_path >= ? AND area_path < ? "
           "ORDER BY id LIMIT 200",
           {low, high})) {
    stations.push_back(
        {row.Text(0), PhoneIn(row.Text(2)), row.Text(1), row.Text(3), row.OptionalDouble(4), row.OptionalDouble(5)});
  }
  return stations;
}

std::optional<Decision> LatestDecision(storage::Connection& connection, long long worker_id) {
  auto row = connection.QueryOne(
      "SELECT from_status, to_status, reason, at FROM worker_status_history "
      "WHERE worker_id = ? AND from_status <> to_status ORDER BY id DESC LIMIT 1",
      {worker_id});
  if (!row) return std::nullopt;
  return Decision{row->Text(0), row->Text(1), row->Text(2), row->Int(3)};
}

std::optional<std::string> NotifyStatusChange(storage::Connection& connection, long long worker_id,
                                              std::string_view from, std::string_view to, std::string_view reason,
                                              long long now) {
  const auto kind = NoticeFor(from, to);
  if (!kind) return std::nullopt;
  auto worker = connection.QueryOne(
      "SELECT a.login, COALESCE(r.name_zh, '') FROM workers w JOIN accounts a ON a.id = w.account_id "
      "LEFT JOIN areas r ON r.code = w.area_code WHERE w.id = ?",
      {worker_id});
  if (!worker) return std::nullopt;
  const boost::json::object fields{
      {"worker_id", worker_id}, {"community", worker->Text(1)}, {"reason", std::string(reason)}};
  connection.Execute(
      "INSERT INTO notifications (login, report_id, message, kind, fields, at) VALUES (?, NULL, '', ?, ?, ?)",
      {worker->Text(0), std::string(*kind), core::SerializeJson(fields), now});
  return worker->Text(0);
}

}  // namespace youhao::registry
