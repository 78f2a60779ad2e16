#include "calendar/calendar_repository.h"

#include <fmt/format.h>

#include "areas/area_service.h"

namespace youhao::calendar {

namespace calendar_sql {

constexpr std::string_view kEventColumns =
    "e.id, e.uid, e.kind, e.title, e.description, e.organiser_name, e.address, COALESCE(p.name, ''), "
    "COALESCE(c.name_zh, ''), e.lat, e.lon, e.starts_at, e.ends_at, e.status, e.sequence, e.created_at, e.updated_at";
constexpr std::string_view kEventJoins =
    "LEFT JOIN places p ON p.id = e.place_id LEFT JOIN areas c ON c.code = e.compound_code";
// The ancestors are bound into six slots (kMaxAncestors), the unused ones repeating the last.
constexpr std::string_view kInArea =
    "e.starts_at >= ? AND e.starts_at < ? AND ((e.area_path >= ? AND e.area_path < ?) OR "
    "e.area_code IN (?, ?, ?, ?, ?, ?))";
constexpr std::string_view kRegistered =
    "r.account_id = ? AND (r.status IN ('confirmed', 'offered', 'waiting') OR r.cancelled_by = 'event') AND "
    "e.starts_at >= ? AND e.starts_at < ?";

constexpr std::string_view kLiveToken =
    "SELECT id, account_id, created_at FROM calendar_tokens WHERE account_id = ? AND revoked_at IS NULL "
    "ORDER BY id DESC LIMIT 1";
constexpr std::string_view kTokenByHash =
    "SELECT t.id, t.account_id, t.created_at FROM calendar_tokens t JOIN accounts a ON a.id = t.account_id "
    "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND a.disabled = 0";
constexpr std::string_view kRevokeTokens =
    "UPDATE calendar_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL";
constexpr std::string_view kInsertToken =
    "INSERT INTO calendar_tokens (account_id, token_hash, created_at) VALUES (?, ?, ?)";

}  // namespace calendar_sql

namespace {

FeedEvent EventFrom(const storage::Row& row) {
  FeedEvent event;
  event.id = row.Int(0);
  event.uid = row.Text(1);
  event.kind = row.Text(2);
  event.title = row.Text(3);
  event.description = row.Text(4);
  event.organiser_name = row.Text(5);
  event.address = row.Text(6);
  event.place_name = row.Text(7);
  event.compound_name = row.Text(8);
  event.lat = row.Double(9);
  event.lon = row.Double(10);
  event.starts_at = row.Int(11);
  event.ends_at = row.Int(12);
  event.status = row.Text(13);
  event.sequence = static_cast<int>(row.Int(14));
  event.created_at = row.Int(15);
  event.updated_at = row.Int(16);
  if (row.size() > 17) event.registration_status = row.Text(17);
  return event;
}

std::vector<storage::Value> AreaParams(std::string_view area_path, const std::vector<std::string>& ancestors,
                                       const FeedWindow& window) {
  const auto [low, high] = areas::PathRange(area_path);
  std::vector<storage::Value> params{window.from, window.to, low, high};
  // No code is empty, so an empty slot matches nothing.
  for (std::size_t slot = 0; slot < kMaxAncestors; ++slot)
    params.emplace_back(slot < ancestors.size() ? ancestors[slot] : std::string());
  return params;
}

}  // namespace

std::vector<FeedEvent> AreaEvents(storage::Connection& connection, std::string_view area_path,
                                  const std::vector<std::string>& ancestors, const FeedWindow& window) {
  const std::string sql = fmt::format("SELECT {} FROM events e {} WHERE {} ORDER BY e.starts_at, e.id",
                                      calendar_sql::kEventColumns, calendar_sql::kEventJoins, calendar_sql::kInArea);
  const auto params = AreaParams(area_path, ancestors, window);
  std::vector<FeedEvent> events;
  for (const auto& row : connection.Query(sql, params)) events.push_back(EventFrom(row));
  return events;
}

FeedStamp AreaStamp(storage::Connection& connection, std::string_view area_path,
                    const std::vector<std::string>& ancestors, const FeedWindow& window) {
  // The same events as kInArea, as two index-only range scans (events_feed_stamp for the areas
  // inside, events_area_code_start for those above): the OR of kInArea would read every row of
  // the window, and a 304 must stay cheap.
  constexpr std::string_view kStamp =
      "SELECT COUNT(*), COALESCE(MAX(updated_at), 0), COALESCE(SUM(sequence), 0) FROM ("
      "SELECT updated_at, sequence FROM events WHERE area_path >= ? AND area_path < ? AND starts_at >= ? AND "
      "starts_at < ? UNION ALL "
      "SELECT updated_at, sequence FROM events WHERE area_code IN (?, ?, ?, ?, ?, ?) AND starts_at >= ? AND "
      "starts_at < ? AND NOT (area_path >= ? AND area_path < ?)) stamped";
  const auto [low, high] = areas::PathRange(area_path);
  std::vector<storage::Value> params{low, high, window.from, window.to};
  for (std::size_t slot = 0; slot < kMaxAncestors; ++slot)
    params.emplace_back(slot < ancestors.size() ? ancestors[slot] : std::string());
  params.insert(params.end(), {window.from, window.to, low, high});
  const auto rows = connection.Query(kStamp, params);
  return {.count = rows.at(0).Int(0), .max_updated_at = rows.at(0).Int(1), .sequence_sum = rows.at(0).Int(2)};
}

std::vector<FeedEvent> RegisteredEvents(storage::Connection& connection, long long account_id,
                                        const FeedWindow& window) {
  const std::string sql = fmt::format(
      "SELECT {}, r.status FROM event_registrations r JOIN events e ON e.id = r.event_id {} WHERE {} "
      "ORDER BY e.starts_at, e.id, r.id",
      calendar_sql::kEventColumns, calendar_sql::kEventJoins, calendar_sql::kRegistered);
  std::vector<FeedEvent> events;
  for (const auto& row : connection.Query(sql, {account_id, window.from, window.to})) {
    FeedEvent event = EventFrom(row);
    // A worker may hold one live registration and earlier cancelled ones of the same event: the live one wins.
    if (!events.empty() && events.back().id == event.id) {
      if (event.registration_status != "cancelled") events.back() = std::move(event);
      continue;
    }
    events.push_back(std::move(event));
  }
  return events;
}

FeedStamp RegisteredStamp(storage::Connection& connection, long long account_id, const FeedWindow& window) {
  const std::string sql = fmt::format(
      "SELECT COUNT(*), COALESCE(MAX(e.updated_at), 0), COALESCE(SUM(e.sequence), 0), COALESCE(MAX(r.updated_at), 0) "
      "FROM event_registrations r JOIN events e ON e.id = r.event_id WHERE {}",
      calendar_sql::kRegistered);
  const auto rows = connection.Query(sql, {account_id, window.from, window.to});
  // Never 0, so that a personal tag is never mistaken for a public one.
  return {.count = rows.at(0).Int(0),
          .max_updated_at = rows.at(0).Int(1),
          .sequence_sum = rows.at(0).Int(2),
          .max_registration_updated_at = std::max<long long>(rows.at(0).Int(3), 1)};
}

std::optional<FeedEvent> EventById(storage::Connection& connection, long long event_id) {
  const std::string sql =
      fmt::format("SELECT {} FROM events e {} WHERE e.id = ?", calendar_sql::kEventColumns, calendar_sql::kEventJoins);
  const auto row = connection.QueryOne(sql, {event_id});
  if (!row) return std::nullopt;
  return EventFrom(*row);
}

std::optional<StoredToken> LiveToken(storage::Connection& connection, long long account_id) {
  const auto row = connection.QueryOne(calendar_sql::kLiveToken, {account_id});
  if (!row) return std::nullopt;
  return StoredToken{.id = row->Int(0), .account_id = row->Int(1), .created_at = row->Int(2)};
}

std::optional<StoredToken> TokenByHash(storage::Connection& connection, const std::vector<std::string>& hashes) {
  for (const std::string& hash : hashes) {
    const auto row = connection.QueryOne(calendar_sql::kTokenByHash, {hash});
    if (row) return StoredToken{.id = row->Int(0), .account_id = row->Int(1), .created_at = row->Int(2)};
  }
  return std::nullopt;
}

long long RevokeTokens(storage::Connection& connection, long long account_id, long long now) {
  return connection.Execute(calendar_sql::kRevokeTokens, {now, account_id});
}

void InsertToken(storage::Connection& connection, long long account_id, std::string_view token_hash, long long now) {
  connection.Execute(calendar_sql::kInsertToken, {account_id, std::string(token_hash), now});
}

}  // namespace youhao::calendar
