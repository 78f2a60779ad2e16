#pragma once
/// 15-minute coverage: which compounds and depots can reach an open station within N minutes'
/// ride, hour by hour, where the gaps are, and where the next K stations would cover the most
/// (greedy maximum coverage). Pure computation on the road network; no storage, no HTTP.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "roads/road_network.h"
#include "schedule/opening_hours.h"

namespace youhao::coverage {

/// A compound or depot that should have a station within reach.
struct DemandPoint {
  std::string kind;  ///< "compound" or "depot"
  std::string code;  ///< area code of a compound; empty for depots
  long long id = 0;  ///< depot id; 0 for compounds
  std::string name;
  geo::LonLat position;
};

struct Station {
  long long id = 0;
  std::string name;
  geo::LonLat position;
  schedule::OpeningHours hours;
};

/// A site where a station could be built.
struct Candidate {
  std::string label;
  std::string source;  ///< "merchants", "compounds", "custom"
  geo::LonLat position;
};

struct HourCoverage {
  int hour = 0;
  int covered = 0;
  int total = 0;  ///< demand points with road data (the share's denominator)
  int open_stations = 0;
};

/// Where a demand point stands at the chosen hour. A point with no road of the imported network
/// within roads::kMaxSnapMetres has no road data: it is neither covered nor a gap, and is left out
/// of the share (and counted, so the share can say what it leaves out).
enum class PointStatus { kCovered, kNotCovered, kNoRoadData };

/// Every demand point counted once: total = with_road_data + no_road_data and
/// with_road_data = covered + not_covered.
struct PointCounts {
  int total = 0;
  int with_road_data = 0;
  int covered = 0;
  int not_covered = 0;  ///< with road data, but no open station within the limit
  int no_road_data = 0;
};

struct Cell {
  std::array<geo::LonLat, 2> corners;  ///< south-west, north-east
  bool covered = false;
};

struct Analysis {
  std::array<HourCoverage, 24> by_hour{};
  /// At the chosen hour: minutes to the nearest open station per demand point (nullopt when
  /// beyond the limit or without road data), each point's status, and the counts.
  std::vector<std::optional<double>> minutes;
  std::vector<PointStatus> status;
  PointCounts counts;
  std::vector<bool> open_at_hour;  ///< per station
  std::vector<Cell> cells;         ///< cells with roads, covered or not
};

struct Pick {
  std::size_t candidate = 0;
  int gained = 0;
  int covered_after = 0;
};

struct Plan {
  int covered_before = 0;
  int total = 0;
  std::vector<Pick> picks;
};

class CoverageAnalyzer {
 public:
  explicit CoverageAnalyzer(const roads::RoadNetwork& network) : network_(network) {}

  /// Coverage for every hour of `day`, stations counted open at HH:30; cells and minutes for
  /// `hour`. `day` is how the stations' hours read the day (its weekday, PH rules on a public
  /// holiday, the day before for hours past midnight: schedule::HolidayCalendar::At of any moment
  /// of it); its minute is not used. Cells are about `cell_metres` square, coarsened to at most 3,000.
  Analysis Analyze(const std::vector<DemandPoint>& demand, const std::vector<Station>& stations, int minutes,
                   const schedule::LocalTime& day, int hour, double cell_metres = 300) const;

  /// Greedy maximum coverage at `hour` of `day` (as for Analyze): up to k candidates, each the one
  /// covering the most demand points not yet covered; stops early when no candidate adds any.
  Plan PlanSites(const std::vector<DemandPoint>& demand, const std::vector<Station>& stations,
                 const std::vector<Candidate>& candidates, int minutes, const schedule::LocalTime& day, int hour,
                 int k) const;

 private:
  /// Times (deciseconds) from every node to the nearest of `sites`, within `limit`.
  void TimesToSites(const std::vector<geo::LonLat>& sites, roads::Deciseconds limit,
                    std::vector<roads::Deciseconds>& times) const;
  /// Per demand point: its leaving seeds (empty when off the network).
  std::vector<std::vector<roads::Seed>> DemandSeeds(const std::vector<DemandPoint>& demand) const;
  static roads::Deciseconds TimeOf(const std::vector<roads::Seed>& seeds, const std::vector<roads::Deciseconds>& times);

  const roads::RoadNetwork& network_;
};

}  // namespace youhao::coverage
