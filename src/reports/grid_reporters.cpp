#include "reports/grid_reporters.h"

#include <map>

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "reports/notifications.h"
#include "schedule/clock.h"

namespace youhao::reports {
namespace {

using core::ErrorCode;
using core::MakeError;

constexpr std::string_view kColumns =
    "g.id, g.worker_id, g.account_id, w.name, w.phone_sealed, w.platform, g.area_code, a.name_zh, g.area_path, "
    "g.term_start, g.term_end, g.appointed_by, g.appointed_at, g.ended_at";

}  // namespace

std::vector<GridReporter> GridReporterService::Select(storage::Connection& connection, const std::string& where,
                                                      std::vector<storage::Value> params) const {
  std::vector<GridReporter> out;
  for (const storage::Row& row : connection.Query(fmt::format("SELECT {} FROM grid_reporters g JOIN workers w ON w.id "
                                                              "= g.worker_id JOIN areas a ON a.code = g.area_code "
                                                              "WHERE {} ORDER BY g.id DESC LIMIT 500",
                                                              kColumns, where),
                                                  params)) {
    GridReporter r;
    r.id = row.Int(0);
    r.worker_id = row.Int(1);
    r.account_id = row.Int(2);
    r.worker_name = row.Text(3);
    r.worker_phone_masked = row.IsNull(4) ? std::string() : phones_.Masked(row.Text(4));
    r.platform = row.Text(5);
    r.area_code = row.Text(6);
    r.area_name = row.Text(7);
    r.area_path = row.Text(8);
    r.term_start = row.Text(9);
    r.term_end = row.Text(10);
    r.appointed_by = row.Text(11);
    r.appointed_at = row.Int(12);
    if (!row.IsNull(13)) r.ended_at = row.Int(13);
    out.push_back(std::move(r));
  }
  return out;
}

core::Result<GridReporter> GridReporterService::Appoint(const accounts::Principal& officer, long long worker_id,
                                                        const std::string& area_code, const std::string& term_start,
                                                        const std::string& term_end, long long now) {
  if (accounts::Rank(officer.role) < accounts::Rank(accounts::Role::kCommunityOfficer)) {
    return MakeError(ErrorCode::kForbidden, "grid reporters are appointed by community officers and above");
  }
  auto start = schedule::BeijingMidnight(term_start);
  auto end = schedule::BeijingMidnight(term_end);
  if (!start || !end) return MakeError(ErrorCode::kValidationFailed, "term_start/term_end: dates as YYYY-MM-DD");
  if (*end < *start) return MakeError(ErrorCode::kValidationFailed, "term_end: before term_start");
  if (term_end < schedule::BeijingDate(now))
    return MakeError(ErrorCode::kValidationFailed, "term_end: the term has already ended");
  if ((*end - *start) / 86400 > kMaxTermDays) {
    return MakeError(ErrorCode::kValidationFailed, fmt::format("term: at most {} days", kMaxTermDays));
  }
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto area = areas_.Find(*connection, area_code);
  if (!area || area->level != areas::Level::kCommunity) {
    return MakeError(ErrorCode::kValidationFailed, "area_code: not a community");
  }
  if (auto scoped = accounts::RequireInScope(officer, *area); !scoped.ok()) return scoped.error();
  auto worker = connection->QueryOne("SELECT account_id, status FROM workers WHERE id = ?", {worker_id});
  if (!worker) return MakeError(ErrorCode::kNotFound, "no such worker");
  if (worker->IsNull(0) || worker->Text(1) != "verified") {
    return MakeError(ErrorCode::kValidationFailed,
                     "worker_id: only a verified worker with an account can be appointed");
  }
  const long long running = connection->QueryInt(
      "SELECT COUNT(*) FROM grid_reporters WHERE worker_id = ? AND area_code = ? AND ended_at IS NULL AND term_end >= "
      "?",
      {worker_id, area_code, schedule::BeijingDate(now)});
  if (running > 0) return MakeError(ErrorCode::kConflict, "this worker is already a grid reporter of this community");
  const long long id =
      connection
          ->QueryOne(
              "INSERT INTO grid_reporters (worker_id, account_id, area_code, area_path, term_start, term_end, "
              "appointed_by, "
              "appointed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {worker_id, worker->Int(0), area_code, area->path, term_start, term_end, officer.login, now})
          ->Int(0);
  audit::Entry entry =
      accounts::AuditEntryBy(officer, "grid_reporter.appoint", "grid_reporters", std::to_string(id), area_code);
  entry.after_json =
      fmt::format(R"({{"worker_id":{},"term_start":"{}","term_end":"{}"}})", worker_id, term_start, term_end);
  audit::AuditLog::Record(*connection, entry);
  Told told;
  if (auto login = connection->QueryOne("SELECT login FROM accounts WHERE id = ? AND disabled = 0", {worker->Int(0)})) {
    Notify(*connection, told, login->Text(0), std::nullopt, notification::kGridAppointed,
           {{"area", area->name_zh}, {"term_start", term_start}, {"term_end", term_end}}, now);
  }
  auto created = Select(*connection, "g.id = ?", {id});
  transaction.Commit();
  told.Wake(bus_);
  return std::move(created.front());
}

core::Status GridReporterService::End(const accounts::Principal& officer, long long id, long long now) {
  if (accounts::Rank(officer.role) < accounts::Rank(accounts::Role::kCommunityOfficer)) {
    return MakeError(ErrorCode::kForbidden, "appointments are ended by community officers and above");
  }
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto found = Select(*connection, "g.id = ?", {id});
  if (found.empty() || !areas::PathWithin(found.front().area_path, officer.area_path)) {
    return MakeError(ErrorCode::kNotFound, "no such appointment");
  }
  if (found.front().ended_at) return MakeError(ErrorCode::kConflict, "this appointment has already ended");
  connection->Execute("UPDATE grid_reporters SET ended_at = ?, ended_by = ? WHERE id = ?", {now, officer.login, id});
  audit::AuditLog::Record(*connection, accounts::AuditEntryBy(officer, "grid_reporter.end", "grid_reporters",
                                                              std::to_string(id), found.front().area_code));
  transaction.Commit();
  return core::Ok{};
}

std::vector<GridReporter> GridReporterService::List(const accounts::Principal& caller, bool running_only,
                                                    long long now) const {
  auto connection = database_.Acquire();
  std::string where;
  std::vector<storage::Value> params;
  if (caller.role == accounts::Role::kWorker) {
    where = "g.account_id = ?";
    params.emplace_back(caller.account_id);
  } else if (accounts::IsOfficer(caller.role)) {
    auto [low, high] = areas::PathRange(caller.area_path);
    where = "g.area_path >= ? AND g.area_path < ?";
    params.emplace_back(low);
    params.emplace_back(high);
  } else {
    return {};
  }
  if (running_only) {
    where += " AND g.ended_at IS NULL AND g.term_end >= ?";
    params.emplace_back(schedule::BeijingDate(now));
  }
  return Select(*connection, where, std::move(params));
}

std::optional<GridRoute> GridReporterService::RouteFor(storage::Connection& connection, long long account_id,
                                                       const std::string& report_area_path,
                                                       const std::string& today) const {
  for (const storage::Row& row : connection.Query("SELECT id, area_code, area_path FROM grid_reporters WHERE "
                                                  "account_id = ? AND ended_at IS NULL AND term_start <= ? "
                                                  "AND term_end >= ? ORDER BY id",
                                                  {account_id, today, today})) {
    if (!areas::PathWithin(report_area_path, row.Text(2))) continue;
    GridRoute route{row.Int(0), std::nullopt};
    if (auto officer = connection.QueryOne("SELECT login FROM accounts WHERE role = 'grid_officer' AND area_code = ? "
                                           "AND disabled = 0 ORDER BY id LIMIT 1",
                                           {row.Text(1)})) {
      route.grid_officer_login = officer->Text(0);
    }
    return route;
  }
  return std::nullopt;
}

core::Result<GridReporterMonth> GridReporterService::MonthRecord(const accounts::Principal& officer,
                                                                 const areas::Area& area,
                                                                 const std::string& month) const {
  if (!accounts::IsOfficer(officer.role)) return MakeError(ErrorCode::kForbidden, "the monthly record is for officers");
  if (auto scoped = accounts::RequireInScope(officer, area); !scoped.ok()) return scoped.error();
  auto range = schedule::BeijingMonthRange(month);
  if (!range) return MakeError(ErrorCode::kValidationFailed, "month: as YYYY-MM");
  const std::string first_day = month + "-01";
  const std::string last_day = schedule::BeijingDate(range->second - 1);
  auto connection = database_.Acquire();
  auto [low, high] = areas::PathRange(area.path);
  GridReporterMonth record;
  record.month = month;
  // Appointments whose term overlaps the month.
  auto appointments =
      Select(*connection, "g.area_path >= ? AND g.area_path < ? AND g.term_start <= ? AND g.term_end >= ?",
             {low, high, last_day, first_day});
  std::map<std::string, GridReporterMonth::CommunityRow> communities;
  std::map<long long, std::size_t> row_of_account;
  for (GridReporter& appointment : appointments) {
    GridReporterMonth::CommunityRow& community = communities[appointment.area_code];
    community.code = appointment.area_code;
    community.name = appointment.area_name;
    ++community.reporters;
    if (!row_of_account.contains(appointment.account_id)) {
      row_of_account[appointment.account_id] = record.reporters.size();
      record.reporters.push_back({std::move(appointment)});
    }
  }
  std::map<long long, std::map<std::string, long long>> categories;
  for (const storage::Row& row : connection->Query("SELECT reporter_account_id, category, status, area_path FROM "
                                                   "reports WHERE grid_reporter = 1 AND area_path >= ? "
                                                   "AND area_path < ? AND created_at >= ? AND created_at < ?",
                                                   {low, high, range->first, range->second})) {
    const std::string status = row.Text(2);
    const bool done = status == "resolved" || status == "confirmed";
    const bool open = status != "confirmed" && status != "closed";
    ++record.reports;
    if (!row.IsNull(0)) {
      if (auto it = row_of_account.find(row.Int(0)); it != row_of_account.end()) {
        GridReporterMonth::ReporterRow& reporter = record.reporters[it->second];
        ++reporter.reports;
        reporter.resolved += done ? 1 : 0;
        reporter.confirmed += status == "confirmed" ? 1 : 0;
        reporter.open += open ? 1 : 0;
        ++categories[row.Int(0)][row.Text(1)];
      }
    }
    const std::string path = row.Text(3);
    if (auto it = communities.find(std::string(areas::PathCodeAt(path, areas::Level::kCommunity)));
        it != communities.end()) {
      ++it->second.reports;
      it->second.resolved += done ? 1 : 0;
      it->second.open += open ? 1 : 0;
    }
  }
  for (GridReporterMonth::ReporterRow& reporter : record.reporters) {
    for (const auto& [category, count] : categories[reporter.reporter.account_id])
      reporter.by_category.push_back({category, count});
  }
  for (auto& [code, community] : communities) record.communities.push_back(std::move(community));
  return record;
}

}  // namespace youhao::reports
