#pragma once
/// Roaming grid reporters (流动网格员): workers a community appoints, for a term, to report what
/// they meet on the road in its area. Their reports skip the station and go straight to the
/// community's grid officer; each month the community sees what every reporter sent and what
/// became of it.

#include <optional>
#include <string>
#include <vector>

#include "accounts/access.h"
#include "areas/area_service.h"
#include "core/error.h"
#include "core/event_bus.h"
#include "registry/phone_vault.h"
#include "storage/database.h"

namespace youhao::reports {

struct GridReporter {
  long long id = 0;
  long long worker_id = 0;
  long long account_id = 0;
  std::string worker_name;
  std::string worker_phone_masked;  ///< 138****5678 (registry::PhoneVault)
  std::string platform;
  std::string area_code, area_name, area_path;
  std::string term_start, term_end;  ///< "YYYY-MM-DD", Beijing calendar, both inclusive
  std::string appointed_by;
  long long appointed_at = 0;
  std::optional<long long> ended_at;
  /// Appointed, not ended, and `today` lies within the term.
  bool ActiveOn(const std::string& today) const { return !ended_at && term_start <= today && today <= term_end; }
};

/// Where a grid reporter's report goes: the grid officer of the community, or the community
/// itself when it has no grid officer account.
struct GridRoute {
  long long appointment_id = 0;
  std::optional<std::string> grid_officer_login;
};

/// One month of a community's grid reporters.
struct GridReporterMonth {
  std::string month;  ///< "2026-11"
  struct ReporterRow {
    GridReporter reporter;
    long long reports = 0, resolved = 0, confirmed = 0, open = 0;
    std::vector<std::pair<std::string, long long>> by_category;
  };
  std::vector<ReporterRow> reporters;
  struct CommunityRow {
    std::string code, name;
    long long reporters = 0, reports = 0, resolved = 0, open = 0;
  };
  std::vector<CommunityRow> communities;
  long long reports = 0;
};

/// The longest term a community may appoint for, in days.
inline constexpr int kMaxTermDays = 2 * 366;

class GridReporterService {
 public:
  GridReporterService(storage::Database& database, areas::AreaService& areas, const registry::PhoneVault& phones)
      : database_(database), areas_(areas), phones_(phones) {}

  /// Where the appointed worker's inbox is woken (the appointment notifies them).
  void SetEventBus(core::EventBus* bus) { bus_ = bus; }

  /// Community officers and above appoint a verified worker for a community inside their area; the
  /// worker is notified (notification::kGridAppointed).
  /// Dates are "YYYY-MM-DD"; the term may not have ended already nor run longer than
  /// kMaxTermDays. A worker holds one running appointment per community (conflict otherwise).
  core::Result<GridReporter> Appoint(const accounts::Principal& officer, long long worker_id,
                                     const std::string& area_code, const std::string& term_start,
                                     const std::string& term_end, long long now);
  /// Ends an appointment early.
  core::Status End(const accounts::Principal& officer, long long id, long long now);
  /// Appointments inside the caller's area (officers), or the worker's own.
  std::vector<GridReporter> List(const accounts::Principal& caller, bool running_only, long long now) const;
  /// The appointment under which a report at `report_area_path` by `account_id` goes straight to
  /// the grid, if any is running on `today`.
  std::optional<GridRoute> RouteFor(storage::Connection& connection, long long account_id,
                                    const std::string& report_area_path, const std::string& today) const;
  /// The month's record for communities inside `area` (officers in scope only).
  core::Result<GridReporterMonth> MonthRecord(const accounts::Principal& officer, const areas::Area& area,
                                              const std::string& month) const;

 private:
  std::vector<GridReporter> Select(storage::Connection& connection, const std::string& where,
                                   std::vector<storage::Value> params) const;

  storage::Database& database_;
  areas::AreaService& areas_;
  const registry::PhoneVault& phones_;
  core::EventBus* bus_ = nullptr;
};

}  // namespace youhao::reports
