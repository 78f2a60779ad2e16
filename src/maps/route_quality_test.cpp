// Routes a rider trusts, checked on the real maps of the demo: every building of every compound
// imported from the OpenStreetMap extracts (© OpenStreetMap contributors, ODbL 1.0) is reached
// by a route at most kMaxDetour times as long as walking in from the best open gate, unless the
// route states the rule that forbids the shorter way.

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "maps/compound_router.h"
#include "maps/osm_import.h"
#include "osm/osm_data.h"

namespace youhao::maps {
namespace {

// Monday 2026-11-23 10:00 Beijing time.
constexpr long long kMorning = 1763863200;

std::vector<CompoundRouter> DemoCompounds() {
  std::vector<CompoundRouter> routers;
  for (const char* file : {"beijing-bupt.osm", "beijing-haidian-cau.osm", "beijing-tsinghua-wudaokou.osm"}) {
    auto data = osm::ReadOsmFile(std::string(YOUHAO_OSM_DIR) + "/" + file);
    EXPECT_TRUE(data.ok()) << file << ": " << (data.ok() ? "" : data.error().detail);
    if (!data.ok()) continue;
    data->BuildIndex();
    for (ImportedCompound& compound : ExtractCompounds(*data).compounds) {
      CompoundMap map;
      map.compound_code = compound.osm_ref;
      map.compound_name = compound.name;
      map.source = "osm";
      map.features = std::move(compound.features);
      routers.emplace_back(std::move(map));
    }
  }
  return routers;
}

const Feature* Building(const CompoundMap& map, std::string_view label) {
  for (const Feature& feature : map.features) {
    if (feature.kind == FeatureKind::kBuilding && feature.label == label) return &feature;
  }
  return nullptr;
}

TEST(RouteQuality, EveryBuildingIsReachedWithoutADetourUnlessARuleSaysWhy) {
  const std::vector<CompoundRouter> routers = DemoCompounds();
  ASSERT_GE(routers.size(), 20u);
  int buildings = 0;
  int routed = 0;
  int unreachable = 0;
  int ruled = 0;
  int ridden = 0;
  double worst = 0;
  std::string worst_where;
  for (const CompoundRouter& router : routers) {
    for (const Feature& feature : router.map().features) {
      if (feature.kind != FeatureKind::kBuilding) continue;
      ++buildings;
      const std::string where = router.map().compound_name + " " + DisplayLabel(router.map(), feature);
      auto route = router.FindRoute({}, feature.id, kMorning);
      // The yardstick: on foot from the best open gate.
      auto walk = router.FindRoute(RouteStart{std::nullopt, std::nullopt, true}, feature.id, kMorning);
      EXPECT_EQ(route.ok(), walk.ok()) << where;
      if (!route.ok() || !walk.ok()) {
        ++unreachable;  // a compound without gates in OpenStreetMap: staff add them
        continue;
      }
      ++routed;
      ridden += route->ride_metres > 0;
      EXPECT_NEAR(route->walk_in_metres, walk->metres, 0.5) << where;
      if (route->rule != RouteRule::kNone) {
        ++ruled;
        EXPECT_NE(route->rule_feature, nullptr) << where;
        continue;
      }
      EXPECT_LE(route->metres, kMaxDetour * walk->metres + 0.5)
          << where << ": " << route->metres << " m, walking from the gate " << walk->metres << " m";
      EXPECT_LE(route->seconds, walk->seconds + 40 + 1e-6) << where << ": never slower than walking in";
      const double ratio = walk->metres > 1 ? route->metres / walk->metres : 1;
      if (ratio > worst) {
        worst = ratio;
        worst_where = where;
      }
    }
  }
  std::printf(
      "route quality: %d buildings in %zu compounds; %d routed (%d riding in), %d with a stated rule, %d without "
      "gates; worst route / walk from the best gate: %.2f (%s)\n",
      buildings, routers.size(), routed, ridden, ruled, unreachable, worst, worst_where.c_str());
  EXPECT_GE(routed, 400);
  EXPECT_LE(worst, kMaxDetour + 1e-6);
}

TEST(RouteQuality, BuptBuilding10IsWalkedToFromTheSouthGate) {
  for (const CompoundRouter& router : DemoCompounds()) {
    if (router.map().compound_name != "北京邮电大学") continue;
    const Feature* building = Building(router.map(), "10号楼");
    ASSERT_NE(building, nullptr);
    auto route = router.FindRoute({}, building->id, kMorning);
    ASSERT_TRUE(route.ok()) << route.error().detail;
    // It was 392 m: 170 m east to a car park and 221 m back. Now the walk from the gate round
    // the building to its north side (about 110 m; 54 m as the crow flies).
    EXPECT_LT(route->metres, 120);
    EXPECT_NEAR(route->metres, route->walk_in_metres, 0.5);
    EXPECT_EQ(route->ride_metres, 0);
    ASSERT_NE(route->gate, nullptr);
    EXPECT_EQ(route->gate->label, "南门");
    EXPECT_EQ(route->steps.front().move, Move::kParkOutsideAndEnter);
    return;
  }
  FAIL() << "北京邮电大学 is not in beijing-bupt.osm";
}

}  // namespace
}  // namespace youhao::maps
