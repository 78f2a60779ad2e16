#include "maps/compound_router.h"
#include "core/json_output.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "core/compress.h"
#include "maps/sample_compound.h"

namespace youhao::maps {
namespace {

/// Builds a compound from an ASCII drawing, one character per 10 m, north up:
///   '-' '|' '+'  a path that may be ridden and walked;  '='  a walk-only path;
///   '~'  a path closed to delivery workers
///   'G'  vehicle gate 北门 (others: 'S' vehicle gate 南门, 'H' pedestrian gate 西门)
///   'P'  rider parking 临停区;  '1'..'9'  entrance N单元 of 3号楼
/// Neighbouring drawn cells (left/right, up/down) are joined by a path.
CompoundMap Draw(const std::vector<std::string>& rows, std::map<char, std::string> hours = {}) {
  constexpr double kCell = 10;
  const LocalProjection projection({116.33, 39.99});
  CompoundMap map;
  map.compound_code = "110108011001001";
  long long next_id = 1;
  Feature building;
  building.id = next_id++;
  building.kind = FeatureKind::kBuilding;
  building.label = "3号楼";
  building.number = "3";
  building.geometry = Geometry::Point(projection.ToLonLat({-1000, -1000}));
  map.features.push_back(building);
  auto at = [&](std::size_t row, std::size_t column) {
    return projection.ToLonLat({static_cast<double>(column) * kCell, -static_cast<double>(row) * kCell});
  };
  auto drawn = [&](std::size_t row, std::size_t column) {
    return row < rows.size() && column < rows[row].size() && rows[row][column] != ' ';
  };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const char cell = rows[r][c];
      if (cell == ' ') continue;
      Feature feature;
      feature.geometry = Geometry::Point(at(r, c));
      if (cell == 'G' || cell == 'S' || cell == 'H') {
        feature.kind = FeatureKind::kGate;
        feature.label = cell == 'G' ? "北门" : cell == 'S' ? "南门" : "西门";
        feature.gate_kind = cell == 'H' ? "pedestrian" : "vehicle";
      } else if (cell == 'P') {
        feature.kind = FeatureKind::kParking;
        feature.label = "临停区";
      } else if (cell >= '1' && cell <= '9') {
        feature.kind = FeatureKind::kEntrance;
        feature.label = std::string(1, cell) + "单元";
        feature.number = std::string(1, cell);
        feature.building_id = building.id;
      } else {
        feature.kind = FeatureKind::kPath;
      }
      if (auto it = hours.find(cell); it != hours.end()) feature.opening_hours = it->second;
      if (feature.kind != FeatureKind::kPath) {
        feature.id = next_id++;
        map.features.push_back(feature);
      }
      for (const auto& [dr, dc] : {std::pair<std::size_t, std::size_t>{0, 1}, {1, 0}}) {
        if (!drawn(r + dr, c + dc)) continue;
        Feature path;
        path.id = next_id++;
        path.kind = FeatureKind::kPath;
        path.ride = cell != '=' && rows[r + dr][c + dc] != '=';
        path.workers_allowed = cell != '~' && rows[r + dr][c + dc] != '~';
        path.geometry = {GeometryType::kLineString, {{at(r, c), at(r + dr, c + dc)}}};
        map.features.push_back(path);
      }
    }
  }
  return map;
}

long long IdOf(const CompoundMap& map, std::string_view label) {
  for (const Feature& feature : map.features) {
    if (feature.label == label) return feature.id;
  }
  return 0;
}

// Monday 2026-11-23 10:00 and 23:30 Beijing time.
constexpr long long kMorning = 1763863200;
constexpr long long kLateNight = kMorning + 13LL * 3600 + 1800;

/// The route's steps as codes ("enter:北门, straight:80>to_park_at:临停区, …"); the edge words them.
std::string Codes(const Route& route) {
  std::string out;
  for (const RouteStep& step : route.steps) out += (out.empty() ? "" : ", ") + StepCode(step);
  return out;
}

TEST(CompoundRouter, RidesToParkingThenWalksToTheDoor) {
  const CompoundRouter router(Draw({
      "G-------P===1",
      "            =",
      "            2",
  }));
  auto route = router.FindRoute({}, IdOf(router.map(), "1单元"), kMorning);
  ASSERT_TRUE(route.ok()) << route.error().detail;
  EXPECT_EQ(Codes(*route), "enter:北门, straight:80>to_park_at:临停区, head:e:walk:40>to:3号楼1单元");
  ASSERT_EQ(route->legs.size(), 2u);
  EXPECT_EQ(route->legs[0].mode, Mode::kRide);
  EXPECT_NEAR(route->ride_metres, 80, 0.5);
  EXPECT_NEAR(route->walk_metres, 40, 0.5);
  EXPECT_NEAR(route->seconds, 80 / 3.0 + 20 + 40 / 1.25, 0.1);
  ASSERT_NE(route->parking, nullptr);
  EXPECT_EQ(route->parking->label, "临停区");
}

TEST(CompoundRouter, TurnsAreAnnounced) {
  const CompoundRouter router(Draw({
      "G----P==",
      "       =",
      "       =",
      "       2",
  }));
  auto route = router.FindRoute({}, IdOf(router.map(), "2单元"), kMorning);
  ASSERT_TRUE(route.ok()) << route.error().detail;
  EXPECT_EQ(Codes(*route),
            "enter:北门, straight:50>to_park_at:临停区, head:e:walk:20, turn_right:s:walk:30>to:3号楼2单元");
}

TEST(CompoundRouter, ClosedGateIsAvoidedAndListed) {
  const std::vector<std::string> drawing{
      "G----P==1", "     |", "     |", "     |", "     |", "     |", "     |", "     S",
  };
  const CompoundRouter router(Draw(drawing, {{'G', "Mo-Su 06:00-22:00"}}));
  auto day = router.FindRoute({}, IdOf(router.map(), "1单元"), kMorning);
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(day->gate->label, "北门");
  auto night = router.FindRoute({}, IdOf(router.map(), "1单元"), kLateNight);
  ASSERT_TRUE(night.ok()) << night.error().detail;
  EXPECT_EQ(night->gate->label, "南门");
  ASSERT_EQ(night->closed_gates.size(), 1u);
  EXPECT_EQ(night->closed_gates[0]->label, "北门");
  auto from_closed =
      router.FindRoute({IdOf(router.map(), "北门"), std::nullopt, false}, IdOf(router.map(), "1单元"), kLateNight);
  ASSERT_FALSE(from_closed.ok());
  EXPECT_NE(from_closed.error().detail.find("北门 is closed"), std::string::npos) << from_closed.error().detail;
}

TEST(CompoundRouter, EveryGateClosedIsNoRoute) {
  const CompoundRouter router(Draw({"G--P=1"}, {{'G', "Mo-Su 06:00-22:00"}}));
  auto route = router.FindRoute({}, IdOf(router.map(), "1单元"), kLateNight);
  ASSERT_FALSE(route.ok());
  EXPECT_NE(route.error().detail.find("every gate is closed"), std::string::npos);
}

TEST(CompoundRouter, PedestrianGateMeansParkingOutside) {
  const CompoundRouter router(Draw({"H====1"}));
  auto route = router.FindRoute({}, IdOf(router.map(), "1单元"), kMorning);
  ASSERT_TRUE(route.ok()) << route.error().detail;
  EXPECT_EQ(Codes(*route), "park_outside_and_enter:西门, head:e:walk:50>to:3号楼1单元");
  EXPECT_EQ(route->ride_metres, 0);
}

TEST(CompoundRouter, WalkOnlyPathsAreNotRidden) {
  // The short way to the parking is walk-only; the rider rides round it (40 m instead of 20):
  // 110 m in all, within 1.3 × the 90 m walk from the gate, and faster.
  const CompoundRouter router(Draw({
      "G=P======1",
      "+-+",
  }));
  auto route = router.FindRoute({}, IdOf(router.map(), "1单元"), kMorning);
  ASSERT_TRUE(route.ok()) << route.error().detail;
  EXPECT_NEAR(route->ride_metres, 40, 0.5);
  EXPECT_NEAR(route->walk_metres, 70, 0.5);
  EXPECT_NEAR(route->walk_in_metres, 90, 0.5);
  EXPECT_EQ(route->rule, RouteRule::kNone);
}

TEST(CompoundRouter, ARideRoundThatIsFasterButTooLongIsNotTaken) {
  // Riding round to the parking (70 m) and walking 20 m is faster than walking the 50 m from
  // the gate, but 90 m is more than 1.3 × 50 m: the rider walks in.
  const CompoundRouter router(Draw({
      "G==P=1",
      "|  |",
      "+--+",
  }));
  auto route = router.FindRoute({}, IdOf(router.map(), "1单元"), kMorning);
  ASSERT_TRUE(route.ok()) << route.error().detail;
  EXPECT_EQ(Codes(*route), "park_outside_and_enter:北门, head:e:walk:50>to:3号楼1单元");
  EXPECT_EQ(route->ride_metres, 0);
  EXPECT_NEAR(route->seconds, 40 + 50 / 1.25, 0.1);
  EXPECT_EQ(route->rule, RouteRule::kNone);
}

TEST(CompoundRouter, WalksInWhenTheOnlyParkingIsPastTheDoor) {
  // 北京邮电大学's 10号楼 was 54 m from 南门 and routed 392 m: ride past it to a car park,
  // walk back. Walking in from the gate is both shorter and faster.
  const CompoundRouter router(Draw({"G--1------P"}));
  auto route = router.FindRoute({}, IdOf(router.map(), "1单元"), kMorning);
  ASSERT_TRUE(route.ok()) << route.error().detail;
  EXPECT_EQ(Codes(*route), "park_outside_and_enter:北门, head:e:walk:30>to:3号楼1单元");
  EXPECT_NEAR(route->metres, 30, 0.5);
  EXPECT_NEAR(route->walk_in_metres, 30, 0.5);
  ASSERT_NE(route->parking, nullptr);
  EXPECT_EQ(route->parking->label, "北门");  // the bike stays outside the gate
}

TEST(CompoundRouter, ParksAtTheParkingNearestTheDoorAmongTheFastOnes) {
  // The first parking is 2 s faster (50 m ride, 20 m walk); the second one is next to the door
  // (80 m ride, 10 m walk): within the slack, the rider carries the parcel 10 m, not 20.
  const CompoundRouter router(Draw({
      "G----P=1",
      "     +-P",
  }));
  auto route = router.FindRoute({}, IdOf(router.map(), "1单元"), kMorning);
  ASSERT_TRUE(route.ok()) << route.error().detail;
  EXPECT_NEAR(route->ride_metres, 80, 0.5);
  EXPECT_NEAR(route->walk_metres, 10, 0.5);
  ASSERT_NE(route->parking, nullptr);
  EXPECT_EQ(route->parking->kind, FeatureKind::kParking);
  EXPECT_NE(route->parking->id, IdOf(router.map(), "临停区"));  // not the first one drawn
  EXPECT_NEAR(route->seconds, 80 / 3.0 + 20 + 10 / 1.25, 0.1);
}

TEST(CompoundRouter, ARuleThatForcesALongerWayIsStated) {
  // 北门 is 20 m from the door but closed to delivery workers: the rider goes round by 南门
  // (100 m), and the route says why.
  CompoundMap map = Draw({"S---------1-G"});
  for (Feature& feature : map.features) {
    if (feature.label == "北门") feature.workers_allowed = false;
  }
  const CompoundRouter router(std::move(map));
  auto route = router.FindRoute({}, IdOf(router.map(), "1单元"), kMorning);
  ASSERT_TRUE(route.ok()) << route.error().detail;
  EXPECT_EQ(route->gate->label, "南门");
  EXPECT_NEAR(route->metres, 100, 0.5);
  EXPECT_NEAR(route->walk_in_metres, 100, 0.5);
  EXPECT_EQ(route->rule, RouteRule::kGateClosedToWorkers);
  ASSERT_NE(route->rule_feature, nullptr);
  EXPECT_EQ(route->rule_feature->label, "北门");
  EXPECT_EQ(RuleName(route->rule), "gate_closed_to_workers");
}

TEST(CompoundRouter, AGateClosedAtNightIsTheStatedRule) {
  const CompoundRouter router(Draw({"S---------1-G"}, {{'G', "Mo-Su 06:00-22:00"}}));
  auto day = router.FindRoute({}, IdOf(router.map(), "1单元"), kMorning);
  ASSERT_TRUE(day.ok()) << day.error().detail;
  EXPECT_EQ(day->gate->label, "北门");
  EXPECT_NEAR(day->metres, 20, 0.5);
  EXPECT_EQ(day->rule, RouteRule::kNone);
  auto night = router.FindRoute({}, IdOf(router.map(), "1单元"), kLateNight);
  ASSERT_TRUE(night.ok()) << night.error().detail;
  EXPECT_EQ(night->gate->label, "南门");
  EXPECT_EQ(night->rule, RouteRule::kGateClosedNow);
  ASSERT_NE(night->rule_feature, nullptr);
  EXPECT_EQ(night->rule_feature->label, "北门");
}

TEST(CompoundRouter, PublicHolidaysAndAdjustedWorkingDaysDecideAGatesHours) {
  // 北门 opens on working days only, and not on public holidays.
  const auto drawing = Draw({"S---------1-G"}, {{'G', "Mo-Fr 06:00-22:00; PH off"}});
  schedule::HolidayCalendar calendar;
  ASSERT_TRUE(calendar.AddSchedule(2026, "2026-09-20\tworkday\n2026-10-01\tholiday\tnational_day\n").ok());
  const CompoundRouter router(drawing, TravelModel{}, &calendar);
  const long long national_day = 1790820000;    // Thursday 2026-10-01 10:00 Beijing time
  const long long working_sunday = 1789869600;  // Sunday 2026-09-20 10:00, an adjusted working day
  auto holiday = router.FindRoute({}, IdOf(router.map(), "1单元"), national_day);
  ASSERT_TRUE(holiday.ok()) << holiday.error().detail;
  EXPECT_EQ(holiday->gate->label, "南门");
  EXPECT_EQ(holiday->rule, RouteRule::kGateClosedNow);
  auto sunday = router.FindRoute({}, IdOf(router.map(), "1单元"), working_sunday);
  ASSERT_TRUE(sunday.ok()) << sunday.error().detail;
  EXPECT_EQ(sunday->gate->label, "北门");
  // Without the year's schedule 1 October is still a statutory holiday, and 20 September a Sunday.
  const CompoundRouter statutory(drawing);
  EXPECT_EQ(statutory.FindRoute({}, IdOf(router.map(), "1单元"), national_day)->gate->label, "南门");
  EXPECT_EQ(statutory.FindRoute({}, IdOf(router.map(), "1单元"), working_sunday)->gate->label, "南门");
}

TEST(CompoundRouter, APathClosedToWorkersIsTheStatedRule) {
  // The 30 m way from the gate is closed to workers; round the block it is 70 m (no rider
  // parking here: the bike goes to the door).
  const CompoundRouter router(Draw({
      "G~~1",
      "|  |",
      "+--+",
  }));
  auto route = router.FindRoute({}, IdOf(router.map(), "1单元"), kMorning);
  ASSERT_TRUE(route.ok()) << route.error().detail;
  EXPECT_NEAR(route->ride_metres, 70, 0.5);
  EXPECT_EQ(route->rule, RouteRule::kPathClosedToWorkers);
  ASSERT_NE(route->rule_feature, nullptr);
  EXPECT_EQ(route->rule_feature->kind, FeatureKind::kPath);
}

TEST(CompoundRouter, WithoutParkingTheBikeGoesToTheDoor) {
  const CompoundRouter router(Draw({"G-----1"}));
  auto route = router.FindRoute({}, IdOf(router.map(), "1单元"), kMorning);
  ASSERT_TRUE(route.ok());
  EXPECT_EQ(Codes(*route), "enter:北门, straight:60>to:3号楼1单元");
}

TEST(CompoundRouter, GpsPointOutsideRidesToTheNearestUsefulGate) {
  const CompoundRouter router(Draw({"G---P=1"}));
  const LocalProjection projection({116.33, 39.99});
  RouteStart start;
  start.point = projection.ToLonLat({0, 30});  // 30 m north of the gate
  auto route = router.FindRoute(start, IdOf(router.map(), "1单元"), kMorning);
  ASSERT_TRUE(route.ok()) << route.error().detail;
  EXPECT_EQ(Codes(*route),
            "head:s:ride:30>to:北门, enter:北门, head:e:ride:40>to_park_at:临停区, head:e:walk:20>to:3号楼1单元");
  EXPECT_NEAR(route->approach_metres, 30 * 1.3, 0.5);  // open ground: straight line × the detour factor
  EXPECT_NEAR(route->walk_in_metres, 60, 0.5);
}

TEST(CompoundRouter, UnknownTargetIsNotFound) {
  const CompoundRouter router(Draw({"G-1"}));
  auto route = router.FindRoute({}, 9999, kMorning);
  ASSERT_FALSE(route.ok());
  EXPECT_EQ(route.error().code, core::ErrorCode::kNotFound);
}

TEST(CompoundRouter, MultiDropOrderIsTheBestOfAllOrders) {
  const CompoundRouter router(Draw({
      "G---P==1=====2",
      "    |  =     =",
      "    |  3==4  =",
      "    |        5",
      "    +====6===7",
  }));
  std::vector<long long> stops;
  for (const char* label : {"7单元", "1单元", "5单元", "3单元", "6单元", "2单元", "4单元"})
    stops.push_back(IdOf(router.map(), label));
  auto plan = router.PlanDrops({}, stops, kMorning);
  ASSERT_TRUE(plan.ok()) << plan.error().detail;
  ASSERT_EQ(plan->order.size(), stops.size());
  // Brute force every order with the same travel times.
  const auto first = router.TravelTimes({}, stops, kMorning);
  std::vector<std::vector<double>> between;
  between.reserve(stops.size());
  for (const long long id : stops) between.push_back(router.TravelTimes({id, std::nullopt, true}, stops, kMorning));
  std::vector<std::size_t> order(stops.size());
  std::iota(order.begin(), order.end(), 0);
  double best = std::numeric_limits<double>::infinity();
  do {
    double total = first[order[0]];
    for (std::size_t i = 1; i < order.size(); ++i) total += between[order[i - 1]][order[i]];
    best = std::min(best, total);
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_NEAR(plan->seconds, best, 1e-6);
}

TEST(CompoundRouter, DropsInANeighbouringCompoundAreOrderedToo) {
  const CompoundRouter home(Draw({"G---P==1==2"}));
  // The neighbour lies 300 m east: shift its drawing by moving every coordinate.
  CompoundMap next_door = Draw({"G---P==1==2"});
  for (Feature& feature : next_door.features) {
    for (auto& ring : feature.geometry.rings) {
      for (LonLat& p : ring) p.lon += 0.0035;
    }
  }
  const CompoundRouter neighbour(std::move(next_door));
  const std::vector<DropStop> stops{{&neighbour, IdOf(neighbour.map(), "2单元")},
                                    {&home, IdOf(home.map(), "2单元")},
                                    {&neighbour, IdOf(neighbour.map(), "1单元")},
                                    {&home, IdOf(home.map(), "1单元")}};
  auto plan = PlanDropsAcross(home, stops, {}, home.map().features.back().geometry.Anchor(), kMorning);
  ASSERT_TRUE(plan.ok()) << plan.error().detail;
  // Both drops at home first (nearest), then both next door: never back and forth.
  ASSERT_EQ(plan->order.size(), 4u);
  EXPECT_EQ(stops[plan->order[0]].router, &home);
  EXPECT_EQ(stops[plan->order[1]].router, &home);
  EXPECT_EQ(stops[plan->order[2]].router, &neighbour);
  EXPECT_EQ(stops[plan->order[3]].router, &neighbour);
  auto exit = home.ExitToGate(IdOf(home.map(), "2单元"), kMorning);
  ASSERT_TRUE(exit.has_value());
  EXPECT_NEAR(exit->seconds, 100 / 1.25, 0.5);  // 2单元 back to 北门 on foot, 100 m
}

TEST(CompoundRouter, TooManyStopsIsRefused) {
  const CompoundRouter router(Draw({"G-1"}));
  std::vector<long long> stops(11, IdOf(router.map(), "1单元"));
  EXPECT_FALSE(router.PlanDrops({}, stops, kMorning).ok());
}

TEST(SampleCompound, FortyBuildingsFitTheWeakNetworkBudgetAndEveryDoorIsReachable) {
  const CompoundRouter router(SampleCompound(40));
  const std::string geojson = core::SerializeJson(MapToGeoJson(router.map()));
  const std::size_t gzipped = core::Gzip(geojson).size();
  std::printf("40-building map: %zu bytes, %zu gzipped\n", geojson.size(), gzipped);
  EXPECT_LE(gzipped, 50u * 1024);
  int doors = 0;
  for (const Feature& feature : router.map().features) {
    if (feature.kind != FeatureKind::kEntrance) continue;
    ++doors;
    auto route = router.FindRoute({}, feature.id, kMorning);
    ASSERT_TRUE(route.ok()) << DisplayLabel(router.map(), feature) << ": " << route.error().detail;
    EXPECT_NE(route->steps.front().place.find("门"), std::string::npos) << Codes(*route);
    EXPECT_NE(route->parking, nullptr);
    EXPECT_GT(route->walk_metres, 0);
  }
  EXPECT_GE(doors, 80);
}

}  // namespace
}  // namespace youhao::maps
