#include "audit/audit_log.h"

#include <map>
#include <optional>
#include <utility>

#include "core/text.h"

namespace youhao::audit {

void AuditLog::Record(storage::Connection& connection, const Entry& entry) {
  connection.Execute(
      "INSERT INTO audit_log (at, actor_account_id, actor_login, action, entity, entity_id, area_code, before_json, "
      "after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {entry.at != 0 ? entry.at : storage::NowSeconds(),
       entry.actor_account_id ? storage::Value(*entry.actor_account_id) : storage::Value(nullptr), entry.actor_login,
       entry.action, entry.entity, entry.entity_id,
       entry.area_code ? storage::Value(*entry.area_code) : storage::Value(nullptr),
       entry.before_json.empty() ? storage::Value(nullptr) : storage::Value(entry.before_json),
       entry.after_json.empty() ? storage::Value(nullptr) : storage::Value(entry.after_json)});
}

namespace {

// Named statements: an entity's present name, by the kind of entity the log calls it.
constexpr std::string_view kAccountName = "SELECT COALESCE(NULLIF(display_name, ''), login) FROM accounts WHERE id = ?";
constexpr std::string_view kWorkerName = "SELECT name FROM workers WHERE id = ?";
constexpr std::string_view kAreaName = "SELECT name_zh FROM areas WHERE code = ?";
constexpr std::string_view kPlaceName = "SELECT name FROM places WHERE id = ?";
constexpr std::string_view kEventName = "SELECT title FROM events WHERE id = ?";
constexpr std::string_view kContestName = "SELECT title FROM skills_contests WHERE id = ?";
constexpr std::string_view kCourseName = "SELECT title FROM training_courses WHERE id = ?";
constexpr std::string_view kTeamName = "SELECT name FROM volunteer_teams WHERE id = ?";
constexpr std::string_view kAppointmentName = "SELECT title FROM appointments WHERE id = ?";

std::string EntityName(storage::Connection& connection, const std::string& entity, const std::string& id) {
  const auto number = core::ParseNonNegativeInteger(id);
  std::optional<storage::Row> row;
  if (entity == "account" && number) {
    row = connection.QueryOne(kAccountName, {*number});
  } else if (entity == "worker" && number) {
    row = connection.QueryOne(kWorkerName, {*number});
  } else if (entity == "compound" || entity == "map_feature") {
    row = connection.QueryOne(kAreaName, {id});
  } else if (entity == "places" && number) {
    row = connection.QueryOne(kPlaceName, {*number});
  } else if (entity == "event" && number) {
    row = connection.QueryOne(kEventName, {*number});
  } else if (entity == "skills_contest" && number) {
    row = connection.QueryOne(kContestName, {*number});
  } else if (entity == "training_course" && number) {
    row = connection.QueryOne(kCourseName, {*number});
  } else if (entity == "volunteer_team" && number) {
    row = connection.QueryOne(kTeamName, {*number});
  } else if (entity == "appointment" && number) {
    row = connection.QueryOne(kAppointmentName, {*number});
  } else if (entity == "ranking") {
    // A published monthly list, "KIND:YYYY-MM:AREA": named by its month and area, as a person reads it.
    const auto first = id.find(':');
    const auto second = first == std::string::npos ? std::string::npos : id.find(':', first + 1);
    if (second == std::string::npos) return std::string();
    row = connection.QueryOne(kAreaName, {id.substr(second + 1)});
    return row && !row->IsNull(0) ? id.substr(first + 1, second - first - 1) + " " + row->Text(0) : std::string();
  }
  return row && !row->IsNull(0) ? row->Text(0) : std::string();
}

}  // namespace

std::vector<Entry> AuditLog::Recent(std::string_view scope_path, int limit) const {
  auto connection = database_.Acquire();
  const std::string low(scope_path);
  const std::string high = low + "~";
  auto rows = connection->Query(
      "SELECT l.id, l.at, l.actor_account_id, l.actor_login, l.action, l.entity, l.entity_id, l.area_code, "
      "l.before_json, l.after_json FROM audit_log l LEFT JOIN areas a ON a.code = l.area_code "
      "WHERE (a.path >= ? AND a.path < ?) OR ? = '' ORDER BY l.id DESC LIMIT ?",
      {low, high, low, static_cast<long long>(limit)});
  std::vector<Entry> entries;
  for (const auto& row : rows) {
    Entry entry;
    entry.id = row.Int(0);
    entry.at = row.Int(1);
    if (!row.IsNull(2)) entry.actor_account_id = row.Int(2);
    entry.actor_login = row.Text(3);
    entry.action = row.Text(4);
    entry.entity = row.Text(5);
    entry.entity_id = row.Text(6);
    entry.area_code = row.OptionalText(7);
    entry.before_json = row.Text(8);
    entry.after_json = row.Text(9);
    entries.push_back(std::move(entry));
  }
  // Names, one lookup per distinct entity (an officer's page shows 50 entries).
  std::map<std::pair<std::string, std::string>, std::string> names;
  for (auto& entry : entries) {
    const auto key = std::make_pair(entry.entity, entry.entity_id);
    if (auto found = names.find(key); found != names.end()) {
      entry.entity_name = found->second;
      continue;
    }
    entry.entity_name = EntityName(*connection, entry.entity, entry.entity_id);
    names.emplace(key, entry.entity_name);
  }
  return entries;
}

}  // namespace youhao::audit
