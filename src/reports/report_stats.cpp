#include "reports/report_stats.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "schedule/clock.h"

namespace youhao::reports {

namespace {
std::string MonthOf(long long unix_seconds) { return schedule::BeijingDate(unix_seconds).substr(0, 7); }
}  // namespace

namespace {
std::optional<double> MedianHours(std::vector<long long>& seconds) {
  if (seconds.empty()) return std::nullopt;
  std::nth_element(seconds.begin(), seconds.begin() + static_cast<long>(seconds.size() / 2), seconds.end());
  return std::round(static_cast<double>(seconds[seconds.size() / 2]) / 360.0) / 10;
}
}  // namespace

ReportStatistics::Stats ReportStatistics::For(const areas::Area& area, long long from, long long to,
                                              long long now) const {
  Stats stats;
  auto connection = database_.Acquire();
  const std::string like = area.path + "%";
  std::map<std::string, long long> categories, statuses, months;
  // The area's direct children by path prefix: a report's area_path continues with the child's code.
  std::map<std::string, Stats::AreaRow> children;
  std::map<std::string, std::vector<long long>> child_durations;
  std::vector<long long> durations;
  for (const storage::Row& row :
       connection->Query("SELECT category, status, area_path, created_at, due_at, resolved_at FROM reports "
                         "WHERE area_path LIKE ? AND created_at >= ? AND created_at <= ?",
                         {like, from, to})) {
    const std::string status = row.Text(1);
    const bool open = status != "confirmed" && status != "closed";
    const bool overdue = open && status != "resolved" && now > row.Int(4);
    ++categories[row.Text(0)];
    ++statuses[status];
    ++months[MonthOf(row.Int(3))];
    ++stats.total;
    stats.open += open ? 1 : 0;
    stats.overdue += overdue ? 1 : 0;
    const std::string path = row.Text(2);
    const std::size_t end = path.find('/', area.path.size());
    const std::string child_path = end == std::string::npos ? path : path.substr(0, end + 1);
    Stats::AreaRow& child = children[child_path];
    child.path = child_path;
    ++child.total;
    child.open += open ? 1 : 0;
    child.overdue += overdue ? 1 : 0;
    if (!row.IsNull(5)) {
      const long long seconds = row.Int(5) - row.Int(3);
      durations.push_back(seconds);
      child_durations[child_path].push_back(seconds);
      ++child.resolved;
    }
  }
  for (const auto& [name, count] : categories) stats.by_category.push_back({name, count});
  for (const auto& [name, count] : statuses) stats.by_status.push_back({name, count});
  for (const auto& [name, count] : months) stats.by_month.push_back({name, count});
  stats.median_hours_to_resolve = MedianHours(durations);
  for (auto& [path, child] : children) {
    std::string code = path;
    if (!code.empty() && code.back() == '/') code.pop_back();
    child.code = code.substr(code.rfind('/') + 1);
    // One quick fix must not top the league: areas are ranked only with enough resolved reports.
    if (child.resolved >= kMinResolvedToRank) child.median_hours_to_resolve = MedianHours(child_durations[path]);
    stats.by_area.push_back(child);
  }
  return stats;
}

}  // namespace youhao::reports
