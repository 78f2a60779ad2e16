#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "coverage/coverage_analyzer.h"
#include "schedule/clock.h"
#include "schedule/holiday_calendar.h"

namespace youhao::coverage {
namespace {

/// A straight two-way road along a parallel, ten junctions 500 m apart, ridden at 18 km/h
/// (100 s between junctions), for both profiles.
std::unique_ptr<roads::RoadNetwork> StraightRoad() {
  const auto make = [](roads::Profile profile) {
    std::vector<geo::LonLat> positions;
    std::vector<long long> ids;
    std::vector<roads::RoadGraph::Edge> edges;
    for (int i = 0; i < 10; ++i) {
      positions.push_back({116.30 + i * 500 / (111195.0 * std::cos(40.0 * 3.141592653589793 / 180)), 40.0});
      ids.push_back(i);
      if (i > 0) {
        const auto a = static_cast<std::uint32_t>(i - 1), b = static_cast<std::uint32_t>(i);
        edges.push_back({a, roads::Arc{b, 1000, 500}});
        edges.push_back({b, roads::Arc{a, 1000, 500}});
      }
    }
    roads::RoadGraph graph;
    graph.profile = profile;
    graph.Assign(std::move(positions), std::move(ids), std::move(edges), 1);
    return graph;
  };
  return roads::RoadNetwork::FromGraphs(make(roads::Profile::kRide), make(roads::Profile::kWalk));
}

geo::LonLat Junction(const roads::RoadNetwork& network, int i) {
  return network.Graph(roads::Profile::kRide).positions[i];
}

TEST(Coverage, ByHourGapsAndGreedyPlan) {
  auto network = StraightRoad();
  const CoverageAnalyzer analyzer(*network);
  std::vector<DemandPoint> demand = {{"compound", "A", 0, "近", Junction(*network, 2)},
                                     {"compound", "B", 0, "远", Junction(*network, 8)},
                                     {"depot", "", 7, "站点", Junction(*network, 4)},
                                     {"compound", "C", 0, "海上", {116.30, 40.2}}};
  std::vector<Station> stations = {
      {1, "日间驿站", Junction(*network, 0), *schedule::OpeningHours::Parse("Mo-Su 08:00-20:00")}};
  const Analysis noon = analyzer.Analyze(demand, stations, 5, schedule::LocalTime{.weekday = 2}, 12);
  EXPECT_EQ(noon.by_hour[12].total, 3);    // the point at sea is not on the network
  EXPECT_EQ(noon.by_hour[12].covered, 1);  // 200 s to the station; the depot is 400 s away
  EXPECT_EQ(noon.by_hour[23].covered, 0);  // closed at night: covers nothing
  EXPECT_EQ(noon.by_hour[23].open_stations, 0);
  ASSERT_TRUE(noon.minutes[0]);
  EXPECT_NEAR(*noon.minutes[0], 200.0 / 60, 0.05);
  EXPECT_FALSE(noon.minutes[1]);
  EXPECT_EQ(noon.status[3], PointStatus::kNoRoadData);
  EXPECT_EQ(noon.counts.no_road_data, 1);
  EXPECT_FALSE(noon.cells.empty());
  EXPECT_TRUE(std::any_of(noon.cells.begin(), noon.cells.end(), [](const Cell& c) { return c.covered; }));
  EXPECT_TRUE(std::any_of(noon.cells.begin(), noon.cells.end(), [](const Cell& c) { return !c.covered; }));

  const std::vector<Candidate> candidates = {{"商户甲", "merchants", Junction(*network, 5)},
                                             {"物业乙", "compounds", Junction(*network, 9)},
                                             {"社区丙", "custom", Junction(*network, 7)}};
  const Plan plan = analyzer.PlanSites(demand, stations, candidates, 5, schedule::LocalTime{.weekday = 2}, 12, 3);
  EXPECT_EQ(plan.covered_before, 1);
  ASSERT_GE(plan.picks.size(), 1u);
  // Junction 5 reaches the depot at 4; 7 and 9 reach 8: two picks close both gaps.
  int gained = 0;
  for (const Pick& pick : plan.picks) gained += pick.gained;
  EXPECT_EQ(plan.covered_before + gained, 3);
  EXPECT_LE(plan.picks.size(), 2u);  // stops when nothing more can be gained
}

/// The point `metres` north of junction `i`.
geo::LonLat NorthOf(const roads::RoadNetwork& network, int i, double metres) {
  geo::LonLat p = Junction(network, i);
  p.lat += metres / 111195.0;
  return p;
}

TEST(Coverage, PointsWithoutRoadDataAreCountedApartNeverAsGaps) {
  //            D (700 m off: no road data)       C (300 m off: snaps, 700 s away)
  //            .                                 .
  //   S---A----+----+----+----+----+----+----C'--B      one road, 500 m = 100 s per link
  //   0   1    2    3    4    5    6    7    8    9      S = station, 5-minute limit
  //
  //                                          E: a depot 20 km off, no road data
  auto network = StraightRoad();
  const CoverageAnalyzer analyzer(*network);
  const std::vector<DemandPoint> demand = {{"compound", "A", 0, "路边", Junction(*network, 1)},
                                           {"compound", "B", 0, "路尽头", Junction(*network, 9)},
                                           {"compound", "C", 0, "路北", NorthOf(*network, 8, 300)},
                                           {"compound", "D", 0, "田里", NorthOf(*network, 1, 700)},
                                           {"depot", "", 9, "远站", NorthOf(*network, 4, 20000)}};
  const std::vector<Station> stations = {
      {1, "全天驿站", Junction(*network, 0), *schedule::OpeningHours::Parse("24/7")}};
  const Analysis analysis = analyzer.Analyze(demand, stations, 5, schedule::LocalTime{.weekday = 2}, 12);
  ASSERT_EQ(analysis.status.size(), demand.size());
  EXPECT_EQ(analysis.status[0], PointStatus::kCovered);
  EXPECT_EQ(analysis.status[1], PointStatus::kNotCovered);
  EXPECT_EQ(analysis.status[2], PointStatus::kNotCovered) << "300 m from the road still has road data";
  EXPECT_EQ(analysis.status[3], PointStatus::kNoRoadData) << "near the station, but 700 m from any road";
  EXPECT_EQ(analysis.status[4], PointStatus::kNoRoadData);
  EXPECT_FALSE(analysis.minutes[3]);
  const PointCounts& counts = analysis.counts;
  EXPECT_EQ(counts.total, 5);
  EXPECT_EQ(counts.with_road_data, 3);
  EXPECT_EQ(counts.covered, 1);
  EXPECT_EQ(counts.not_covered, 2);
  EXPECT_EQ(counts.no_road_data, 2);
  EXPECT_EQ(counts.with_road_data + counts.no_road_data, counts.total);
  EXPECT_EQ(counts.covered + counts.not_covered, counts.with_road_data);
  // The share's denominator is the points with road data, at every hour.
  for (const HourCoverage& hour : analysis.by_hour) {
    EXPECT_EQ(hour.total, 3);
    EXPECT_EQ(hour.covered, 1);
  }
  // Planning never counts a point without road data as a gap to close.
  const Plan plan = analyzer.PlanSites(demand, stations, {{"田边", "custom", NorthOf(*network, 1, 650)}}, 5,
                                       schedule::LocalTime{.weekday = 2}, 12, 1);
  EXPECT_EQ(plan.total, 3);
  EXPECT_TRUE(plan.picks.empty());
}

TEST(Coverage, StationsFollowPublicHolidaysAndAdjustedWorkingDays) {
  auto network = StraightRoad();
  const CoverageAnalyzer analyzer(*network);
  const std::vector<DemandPoint> demand = {{"compound", "A", 0, "近", Junction(*network, 2)}};
  const std::vector<Station> stations = {
      {1, "工作日驿站", Junction(*network, 0), *schedule::OpeningHours::Parse("Mo-Fr 08:00-20:00; PH off")}};
  schedule::HolidayCalendar calendar;
  ASSERT_TRUE(calendar.AddSchedule(2026, "2026-09-20\tworkday\n2026-10-01\tholiday\n").ok());
  const auto day = [&calendar](std::string_view date) { return calendar.At(*schedule::BeijingMidnight(date)); };
  // Thursday 1 October, a public holiday: closed all day.
  const Analysis holiday = analyzer.Analyze(demand, stations, 5, day("2026-10-01"), 12);
  EXPECT_EQ(holiday.by_hour[12].open_stations, 0);
  EXPECT_EQ(holiday.by_hour[12].covered, 0);
  // Sunday 20 September, a working day: open as on a Monday.
  const Analysis workday = analyzer.Analyze(demand, stations, 5, day("2026-09-20"), 12);
  EXPECT_EQ(workday.by_hour[12].open_stations, 1);
  EXPECT_EQ(workday.by_hour[12].covered, 1);
  EXPECT_EQ(workday.by_hour[21].open_stations, 0);
  EXPECT_EQ(analyzer.Analyze(demand, stations, 5, day("2026-09-13"), 12).by_hour[12].open_stations, 0)
      << "an ordinary Sunday";
  EXPECT_EQ(analyzer.PlanSites(demand, stations, {}, 5, day("2026-10-01"), 12, 1).covered_before, 0);
  EXPECT_EQ(analyzer.PlanSites(demand, stations, {}, 5, day("2026-09-20"), 12, 1).covered_before, 1);
}

}  // namespace
}  // namespace youhao::coverage
