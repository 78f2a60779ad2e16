#include "conduct/conduct_service.h"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "audit/audit_log.h"
#include "core/platforms.h"
#include "core/text.h"
#include "schedule/clock.h"

namespace youhao::conduct {
namespace {

using core::ErrorCode;
using core::MakeError;

struct MisconductInfo {
  Misconduct kind;
  std::string_view name, label_zh;
};
constexpr std::array<MisconductInfo, kMisconductCount> kKinds{{
    {Misconduct::kSpeeding, "speeding", "小区内超速"},
    {Misconduct::kBannedRiding, "banned_riding", "禁行区域骑行"},
    {Misconduct::kBlockingEntrance, "blocking_entrance", "堵塞出入口"},
    {Misconduct::kWrongWay, "wrong_way", "逆行"},
    {Misconduct::kConflictWithStaff, "conflict_with_staff", "与门岗或物业冲突"},
    {Misconduct::kOther, "other", "其他"},
}};

constexpr long long kLongestBackdateSeconds = 7LL * 86400;

bool KnownPlatform(std::string_view platform) {
  return platform == core::kOtherPlatform ||
         std::find(core::kPlatformNames.begin(), core::kPlatformNames.end(), platform) != core::kPlatformNames.end();
}

bool RecordsConduct(accounts::Role role) {
  return role == accounts::Role::kGuard || role == accounts::Role::kPropertyManager;
}

/// Beijing-time bounds of the months [from, to]; an error names the bad parameter.
core::Result<std::pair<long long, long long>> MonthSpan(const std::string& from_month, const std::string& to_month) {
  auto from = schedule::BeijingMonthRange(from_month);
  auto to = schedule::BeijingMonthRange(to_month);
  if (!from) return MakeError(ErrorCode::kValidationFailed, "from: a month as YYYY-MM");
  if (!to) return MakeError(ErrorCode::kValidationFailed, "to: a month as YYYY-MM");
  if (to->second <= from->first) return MakeError(ErrorCode::kValidationFailed, "to: before from");
  const auto month_number = [](const std::string& month) {
    return std::stoi(month.substr(0, 4)) * 12 + std::stoi(month.substr(5, 2));
  };
  if (month_number(to_month) - month_number(from_month) >= 24) {
    return MakeError(ErrorCode::kValidationFailed, "from/to: at most 24 months");
  }
  return std::make_pair(from->first, to->second);
}

std::vector<std::pair<std::string, long long>> Sorted(const std::map<std::string, long long>& counts) {
  std::vector<std::pair<std::string, long long>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace

std::string_view MisconductName(Misconduct kind) { return kKinds[static_cast<std::size_t>(kind)].name; }
std::string_view MisconductLabelZh(Misconduct kind) { return kKinds[static_cast<std::size_t>(kind)].label_zh; }
std::optional<Misconduct> ParseMisconduct(std::string_view name) {
  for (const MisconductInfo& info : kKinds) {
    if (info.name == name) return info.kind;
  }
  return std::nullopt;
}

std::string MaskDigitRuns(std::string_view text) {
  std::string out(text);
  std::size_t i = 0;
  while (i < out.size()) {
    if (out[i] < '0' || out[i] > '9') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < out.size() && out[end] >= '0' && out[end] <= '9') ++end;
    if (end - i >= 7) std::fill(out.begin() + static_cast<long>(i), out.begin() + static_cast<long>(end - 4), '*');
    i = end;
  }
  return out;
}

core::Result<ConductRecord> ConductService::Record(const accounts::Principal& recorder, const ConductInput& input,
                                                   long long now) {
  if (!RecordsConduct(recorder.role))
    return MakeError(ErrorCode::kForbidden, "conduct is recorded by guards and property staff");
  if (!KnownPlatform(input.platform)) {
    std::string known;
    for (std::string_view name : core::kPlatformNames) known += std::string(name) + ", ";
    return MakeError(ErrorCode::kValidationFailed, "platform: " + known + "or " + std::string(core::kOtherPlatform));
  }
  if (core::CountCodePoints(input.note) > 200)
    return MakeError(ErrorCode::kValidationFailed, "note: at most 200 characters");
  if (core::CountCodePoints(input.rider_hint) > 40)
    return MakeError(ErrorCode::kValidationFailed, "rider_hint: at most 40 characters");
  const long long at = input.at.value_or(now);
  if (at > now + 300 || at < now - kLongestBackdateSeconds) {
    return MakeError(ErrorCode::kValidationFailed, "at: within the last 7 days");
  }
  const std::string compound_code = input.compound_code.value_or(recorder.area_code);
  auto connection = database_.Acquire();
  storage::Transaction transaction(*connection);
  auto compound = areas_.Find(*connection, compound_code);
  if (!compound || compound->level != areas::Level::kCompound) {
    return MakeError(ErrorCode::kValidationFailed, "compound_code: not a compound");
  }
  if (!accounts::InScope(recorder, *compound))
    return MakeError(ErrorCode::kForbidden, "you record conduct in your own compound only");
  const long long recent = connection->QueryInt(
      "SELECT COUNT(*) FROM conduct_records WHERE recorded_by = ? AND created_at > ?", {recorder.login, now - 3600});
  if (recent >= kRecordsPerHour) {
    core::Error error = MakeError(ErrorCode::kRateLimited, fmt::format("at most {} records an hour", kRecordsPerHour));
    error.retry_after_seconds = 600;
    return error;
  }
  ConductRecord record;
  record.compound_code = compound->code;
  record.compound_name = compound->name_zh;
  record.area_path = compound->path;
  record.platform = input.platform;
  record.kind = input.kind;
  record.note = input.note;
  record.rider_hint = MaskDigitRuns(input.rider_hint);
  record.at = at;
  record.month = schedule::BeijingDate(at).substr(0, 7);
  record.recorded_by = recorder.login;
  record.recorder_role = std::string(accounts::RoleName(recorder.role));
  record.id =
      connection
          ->QueryOne(
              "INSERT INTO conduct_records (compound_code, area_path, platform, kind, note, rider_hint, at, month, "
              "recorded_by, recorder_role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {record.compound_code, record.area_path, record.platform, std::string(MisconductName(record.kind)),
               record.note, record.rider_hint, record.at, record.month, record.recorded_by, record.recorder_role, now})
          ->Int(0);
  audit::AuditLog::Record(*connection, accounts::AuditEntryBy(recorder, "conduct.record", "conduct_records",
                                                              std::to_string(record.id), record.compound_code));
  transaction.Commit();
  return record;
}

core::Status ConductService::MayRead(const accounts::Principal& caller, const areas::Area& area) const {
  if (!accounts::IsOfficer(caller.role) && !RecordsConduct(caller.role)) {
    return MakeError(ErrorCode::kForbidden, "conduct records are for officers, guards and property staff");
  }
  return accounts::RequireInScope(caller, area);
}

core::Result<std::vector<ConductRecord>> ConductService::List(const accounts::Principal& caller,
                                                              const areas::Area& area, const std::string& from_month,
                                                              const std::string& to_month, int limit) const {
  if (auto may = MayRead(caller, area); !may.ok()) return may.error();
  auto span = MonthSpan(from_month, to_month);
  if (!span.ok()) return span.error();
  auto [low, high] = areas::PathRange(area.path);
  auto connection = database_.Acquire();
  std::vector<ConductRecord> out;
  for (const storage::Row& row : connection->Query(
           "SELECT c.id, c.compound_code, a.name_zh, c.area_path, c.platform, c.kind, c.note, c.rider_hint, c.at, "
           "c.month, "
           "c.recorded_by, c.recorder_role FROM conduct_records c JOIN areas a ON a.code = c.compound_code "
           "WHERE c.area_path >= ? AND c.area_path < ? AND c.at >= ? AND c.at < ? ORDER BY c.at DESC, c.id DESC LIMIT "
           "?",
           {low, high, span->first, span->second, static_cast<long long>(limit)})) {
    out.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4),
                   ParseMisconduct(row.Text(5)).value_or(Misconduct::kOther), row.Text(6), row.Text(7), row.Int(8),
                   row.Text(9), row.Text(10), row.Text(11)});
  }
  return out;
}

core::Result<ConductStats> ConductService::Stats(const accounts::Principal& officer, const areas::Area& area,
                                                 const std::string& from_month, const std::string& to_month) const {
  if (!accounts::IsOfficer(officer.role)) return MakeError(ErrorCode::kForbidden, "conduct numbers are for officers");
  if (auto may = MayRead(officer, area); !may.ok()) return may.error();
  auto span = MonthSpan(from_month, to_month);
  if (!span.ok()) return span.error();
  auto [low, high] = areas::PathRange(area.path);
  auto connection = database_.Acquire();
  ConductStats stats;
  stats.from_month = from_month;
  stats.to_month = to_month;
  std::map<std::string, long long> platforms, compounds, months;
  std::map<std::string, std::map<std::string, long long>> platform_kinds, compound_kinds, compound_platforms;
  std::map<std::string, std::string> compound_names;
  for (const storage::Row& row : connection->Query(
           "SELECT c.platform, c.kind, c.compound_code, a.name_zh, c.month, COUNT(*) FROM conduct_records c "
           "JOIN areas a ON a.code = c.compound_code WHERE c.area_path >= ? AND c.area_path < ? AND c.at >= ? AND c.at "
           "< ? "
           "GROUP BY c.platform, c.kind, c.compound_code, a.name_zh, c.month",
           {low, high, span->first, span->second})) {
    const long long count = row.Int(5);
    const std::string platform = row.Text(0), kind = row.Text(1), compound = row.Text(2);
    stats.total += count;
    platforms[platform] += count;
    platform_kinds[platform][kind] += count;
    compounds[compound] += count;
    compound_kinds[compound][kind] += count;
    compound_platforms[compound][platform] += count;
    compound_names[compound] = row.Text(3);
    months[row.Text(4)] += count;
  }
  for (const auto& [platform, count] : Sorted(platforms)) {
    stats.by_platform.push_back({platform, platform, count, Sorted(platform_kinds[platform]), {}});
  }
  for (const auto& [compound, count] : Sorted(compounds)) {
    if (stats.by_compound.size() == 50) break;
    stats.by_compound.push_back({compound, compound_names[compound], count, Sorted(compound_kinds[compound]),
                                 Sorted(compound_platforms[compound])});
  }
  stats.by_month.assign(months.begin(), months.end());
  return stats;
}

}  // namespace youhao::conduct
