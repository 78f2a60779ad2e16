#include "coverage/coverage_analyzer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace youhao::coverage {
namespace {

constexpr roads::Profile kRide = roads::Profile::kRide;

}  // namespace

void CoverageAnalyzer::TimesToSites(const std::vector<geo::LonLat>& sites, roads::Deciseconds limit,
                                    std::vector<roads::Deciseconds>& times) const {
  const roads::RoadRouter& router = network_.Router(kRide);
  std::vector<roads::Seed> seeds;
  for (const geo::LonLat& site : sites) {
    if (auto snapped = network_.Snapper(kRide).Snap(site, roads::kMaxSnapMetres)) {
      // Seeds that *reach* the site; searching against the arcs gives times from every node to it.
      for (const roads::Seed& seed : router.SeedsFor(*snapped, false)) seeds.push_back(seed);
    }
  }
  router.TimesWithin(seeds, limit, true, times);
}

std::vector<std::vector<roads::Seed>> CoverageAnalyzer::DemandSeeds(const std::vector<DemandPoint>& demand) const {
  std::vector<std::vector<roads::Seed>> seeds(demand.size());
  for (std::size_t i = 0; i < demand.size(); ++i) {
    if (auto snapped = network_.Snapper(kRide).Snap(demand[i].position, roads::kMaxSnapMetres)) {
      seeds[i] = network_.Router(kRide).SeedsFor(*snapped, true);
    }
  }
  return seeds;
}

roads::Deciseconds CoverageAnalyzer::TimeOf(const std::vector<roads::Seed>& seeds,
                                            const std::vector<roads::Deciseconds>& times) {
  roads::Deciseconds best = roads::kUnreachable;
  for (const roads::Seed& seed : seeds) {
    if (times[seed.node] != roads::kUnreachable) best = std::min(best, seed.time + times[seed.node]);
  }
  return best;
}

Analysis CoverageAnalyzer::Analyze(const std::vector<DemandPoint>& demand, const std::vector<Station>& stations,
                                   int minutes, const schedule::LocalTime& day, int hour, double cell_metres) const {
  Analysis analysis;
  const auto limit = static_cast<roads::Deciseconds>(minutes * 600);
  const auto seeds = DemandSeeds(demand);
  int total = 0;
  for (const auto& point_seeds : seeds) total += point_seeds.empty() ? 0 : 1;
  // Hours with the same open stations share one search.
  std::map<std::vector<bool>, std::vector<int>> hours_by_open_set;
  for (int h = 0; h < 24; ++h) {
    std::vector<bool> open(stations.size());
    schedule::LocalTime at = day;
    at.minute_of_day = h * 60 + 30;
    for (std::size_t s = 0; s < stations.size(); ++s) open[s] = stations[s].hours.IsOpen(at);
    hours_by_open_set[open].push_back(h);
  }
  std::vector<roads::Deciseconds> times;
  for (const auto& [open, hours] : hours_by_open_set) {
    std::vector<geo::LonLat> sites;
    for (std::size_t s = 0; s < stations.size(); ++s) {
      if (open[s]) sites.push_back(stations[s].position);
    }
    TimesToSites(sites, limit, times);
    int covered = 0;
    std::vector<std::optional<double>> point_minutes(demand.size());
    for (std::size_t i = 0; i < demand.size(); ++i) {
      const roads::Deciseconds time = TimeOf(seeds[i], times);
      if (time <= limit) {
        ++covered;
        point_minutes[i] = time / 600.0;
      }
    }
    for (int h : hours)
      analysis.by_hour[static_cast<std::size_t>(h)] = {h, covered, total, static_cast<int>(sites.size())};
    if (std::find(hours.begin(), hours.end(), hour) == hours.end()) continue;
    analysis.minutes = std::move(point_minutes);
    analysis.open_at_hour = open;
    analysis.status.assign(demand.size(), PointStatus::kNoRoadData);
    analysis.counts = {.total = static_cast<int>(demand.size()), .with_road_data = total};
    for (std::size_t i = 0; i < demand.size(); ++i) {
      if (seeds[i].empty()) {
        ++analysis.counts.no_road_data;
      } else if (analysis.minutes[i]) {
        analysis.status[i] = PointStatus::kCovered;
        ++analysis.counts.covered;
      } else {
        analysis.status[i] = PointStatus::kNotCovered;
        ++analysis.counts.not_covered;
      }
    }

    // Cells over the demand points' box: covered when a road node in it reaches a station in time.
    // Stations outside the area still cover it, but the map is of the area: its demand points.
    geo::BoundingBox box;
    for (const DemandPoint& point : demand) box.Add(point.position);
    if (box.Empty()) continue;
    const double metres_per_degree_lat = 111195.0;
    const double metres_per_degree_lon = metres_per_degree_lat * std::cos(box.Centre().lat * std::numbers::pi / 180);
    const double margin = 500;
    box.min_lon -= margin / metres_per_degree_lon;
    box.max_lon += margin / metres_per_degree_lon;
    box.min_lat -= margin / metres_per_degree_lat;
    box.max_lat += margin / metres_per_degree_lat;
    const double width = (box.max_lon - box.min_lon) * metres_per_degree_lon;
    const double height = (box.max_lat - box.min_lat) * metres_per_degree_lat;
    double size = cell_metres;
    while ((width / size + 1) * (height / size + 1) > 3000) size *= 1.25;
    const int columns = static_cast<int>(width / size) + 1;
    const int rows = static_cast<int>(height / size) + 1;
    std::vector<std::uint8_t> state(static_cast<std::size_t>(columns) * rows, 0);  // 1 = roads, 2 = covered
    const roads::RoadGraph& graph = network_.Graph(kRide);
    for (std::uint32_t node = 0; node < graph.NodeCount(); ++node) {
      const geo::LonLat p = graph.positions[node];
      if (!graph.routable[node] || !box.Contains(p)) continue;
      const int column = std::min(columns - 1, static_cast<int>((p.lon - box.min_lon) * metres_per_degree_lon / size));
      const int row = std::min(rows - 1, static_cast<int>((p.lat - box.min_lat) * metres_per_degree_lat / size));
      auto& cell = state[static_cast<std::size_t>(row) * columns + column];
      cell = std::max<std::uint8_t>(cell, times[node] <= limit ? 2 : 1);
    }
    for (int row = 0; row < rows; ++row) {
      for (int column = 0; column < columns; ++column) {
        const std::uint8_t cell = state[static_cast<std::size_t>(row) * columns + column];
        if (cell == 0) continue;
        const geo::LonLat south_west{box.min_lon + column * size / metres_per_degree_lon,
                                     box.min_lat + row * size / metres_per_degree_lat};
        const geo::LonLat north_east{south_west.lon + size / metres_per_degree_lon,
                                     south_west.lat + size / metres_per_degree_lat};
        analysis.cells.push_back({{south_west, north_east}, cell == 2});
      }
    }
  }
  return analysis;
}

Plan CoverageAnalyzer::PlanSites(const std::vector<DemandPoint>& demand, const std::vector<Station>& stations,
                                 const std::vector<Candidate>& candidates, int minutes, const schedule::LocalTime& day,
                                 int hour, int k) const {
  Plan plan;
  const auto limit = static_cast<roads::Deciseconds>(minutes * 600);
  const auto seeds = DemandSeeds(demand);
  std::vector<geo::LonLat> open;
  schedule::LocalTime at = day;
  at.minute_of_day = hour * 60 + 30;
  for (const Station& station : stations) {
    if (station.hours.IsOpen(at)) open.push_back(station.position);
  }
  std::vector<roads::Deciseconds> times;
  TimesToSites(open, limit, times);
  std::vector<bool> covered(demand.size(), false);
  for (std::size_t i = 0; i < demand.size(); ++i) {
    if (seeds[i].empty()) continue;
    ++plan.total;
    covered[i] = TimeOf(seeds[i], times) <= limit;
    plan.covered_before += covered[i] ? 1 : 0;
  }
  // What each candidate would cover on its own.
  std::vector<std::vector<std::uint32_t>> covers(candidates.size());
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    TimesToSites({candidates[c].position}, limit, times);
    for (std::size_t i = 0; i < demand.size(); ++i) {
      if (!covered[i] && !seeds[i].empty() && TimeOf(seeds[i], times) <= limit)
        covers[c].push_back(static_cast<std::uint32_t>(i));
    }
  }
  int covered_now = plan.covered_before;
  std::vector<bool> chosen(candidates.size(), false);
  for (int round = 0; round < k; ++round) {
    int best_gain = 0;
    std::size_t best = 0;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      if (chosen[c] || static_cast<int>(covers[c].size()) <= best_gain) continue;
      int gain = 0;
      for (std::uint32_t i : covers[c]) gain += covered[i] ? 0 : 1;
      if (gain > best_gain) {
        best_gain = gain;
        best = c;
      }
    }
    if (best_gain == 0) break;
    chosen[best] = true;
    for (std::uint32_t i : covers[best]) covered[i] = true;
    covered_now += best_gain;
    plan.picks.push_back({best, best_gain, covered_now});
  }
  return plan;
}

}  // namespace youhao::coverage
