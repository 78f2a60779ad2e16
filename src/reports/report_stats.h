#pragma once
/// The dashboard's report numbers for an area and a period: by category, status, month and child
/// area, open, overdue, and the median time to resolve (ranked only with enough resolved reports).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "areas/area_service.h"
#include "storage/database.h"

namespace youhao::reports {

class ReportStatistics {
 public:
  explicit ReportStatistics(storage::Database& database) : database_(database) {}

  struct Stats {
    std::vector<std::pair<std::string, long long>> by_category;
    std::vector<std::pair<std::string, long long>> by_status;
    struct AreaRow {
      std::string code;
      std::string path;
      long long total = 0, open = 0, overdue = 0, resolved = 0;
      std::optional<double> median_hours_to_resolve;  ///< only with at least kMinResolvedToRank resolved
    };
    std::vector<AreaRow> by_area;                             ///< per child area of the asked one
    std::vector<std::pair<std::string, long long>> by_month;  ///< "2026-11" → created
    long long total = 0, open = 0, overdue = 0;
    std::optional<double> median_hours_to_resolve;
  };
  static constexpr long long kMinResolvedToRank = 10;
  Stats For(const areas::Area& area, long long from, long long to, long long now) const;

 private:
  storage::Database& database_;
};

}  // namespace youhao::reports
