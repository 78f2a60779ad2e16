#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include "roads/road_import.h"
#include "roads/road_network.h"

namespace youhao::roads {
namespace {

constexpr double kOriginLat = 39.96;
constexpr double kOriginLon = 116.35;
constexpr double kStepMetres = 100;  // one character column or row of a drawing
constexpr double kMetresPerDegreeLat = 111195.0;

geo::LonLat At(double column, double row) {
  const double metres_per_degree_lon = kMetresPerDegreeLat * std::cos(kOriginLat * 3.141592653589793 / 180);
  return {kOriginLon + column * kStepMetres / 4 / metres_per_degree_lon,
          kOriginLat - row * kStepMetres / 2 / kMetresPerDegreeLat};
}

/// A road graph from an ASCII drawing, Valhalla-style. Letters are junctions; between letters on
/// a row, "-" is a two-way road, ">" or "<" a one-way; in a column "|" two-way, "v" or "^" one-way.
/// Columns are 25 m apart and rows 50 m, so "A---B" is 100 m and "A\n|\nB" is 100 m. All roads are
/// ridden at 18 km/h.
struct Drawing {
  RoadGraph graph;
  std::map<char, std::uint32_t> nodes;
};

Drawing Draw(const std::vector<std::string>& rows, double kmh = 18) {
  Drawing drawing;
  std::vector<geo::LonLat> positions;
  std::vector<long long> ids;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const char ch = rows[r][c];
      if (ch >= 'A' && ch <= 'Z') {
        drawing.nodes[ch] = static_cast<std::uint32_t>(positions.size());
        positions.push_back(At(static_cast<double>(c), static_cast<double>(r)));
        ids.push_back(ch);
      }
    }
  }
  std::vector<RoadGraph::Edge> edges;
  const auto connect = [&](char from, char to, bool forward, bool backward) {
    const std::uint32_t a = drawing.nodes.at(from), b = drawing.nodes.at(to);
    const double metres = geo::DistanceMetres(positions[a], positions[b]);
    const auto time = static_cast<Deciseconds>(std::lround(metres / (kmh / 3.6) * 10));
    if (forward) edges.push_back({a, Arc{b, time, static_cast<float>(metres)}});
    if (backward) edges.push_back({b, Arc{a, time, static_cast<float>(metres)}});
  };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const char ch = rows[r][c];
      if (ch < 'A' || ch > 'Z') continue;
      // to the right
      std::size_t k = c + 1;
      bool right_only = false, left_only = false;
      while (k < rows[r].size() && (rows[r][k] == '-' || rows[r][k] == '>' || rows[r][k] == '<')) {
        right_only |= rows[r][k] == '>';
        left_only |= rows[r][k] == '<';
        ++k;
      }
      if (k > c + 1 && k < rows[r].size() && rows[r][k] >= 'A' && rows[r][k] <= 'Z') {
        connect(ch, rows[r][k], !left_only, !right_only);
      }
      // downwards
      std::size_t d = r + 1;
      bool down_only = false, up_only = false;
      while (d < rows.size() && c < rows[d].size() && (rows[d][c] == '|' || rows[d][c] == 'v' || rows[d][c] == '^')) {
        down_only |= rows[d][c] == 'v';
        up_only |= rows[d][c] == '^';
        ++d;
      }
      if (d > r + 1 && d < rows.size() && c < rows[d].size() && rows[d][c] >= 'A' && rows[d][c] <= 'Z') {
        connect(ch, rows[d][c], !up_only, !down_only);
      }
    }
  }
  drawing.graph.profile = Profile::kRide;
  drawing.graph.Assign(std::move(positions), std::move(ids), std::move(edges), 1);
  return drawing;
}

/// Reference answer: plain Dijkstra on the base graph.
Deciseconds PlainTime(const RoadRouter& router, std::uint32_t source, std::uint32_t target) {
  Deciseconds found = kUnreachable;
  const Seed seeds[] = {{source, 0}};
  router.Explore(seeds, kUnreachable - 1, false, [&](std::uint32_t node, Deciseconds time) {
    if (node != target) return true;
    found = time;
    return false;
  });
  return found;
}

RoadGraph RandomGrid(int side, unsigned seed, Profile profile = Profile::kRide) {
  std::mt19937 random(seed);
  std::vector<geo::LonLat> positions;
  std::vector<long long> ids;
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) {
      positions.push_back(At(c * 4.0, r * 2.0));
      ids.push_back(r * side + c);
    }
  }
  std::vector<RoadGraph::Edge> edges;
  std::uniform_int_distribution<int> time(300, 600);
  std::uniform_int_distribution<int> kind(0, 9);
  const auto add = [&](std::uint32_t a, std::uint32_t b) {
    const int k = kind(random);
    if (k == 0) return;  // missing road
    const auto t = static_cast<Deciseconds>(time(random));
    if (k != 1) edges.push_back({a, Arc{b, t, 100}});
    if (k != 2) edges.push_back({b, Arc{a, t, 100}});
  };
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) {
      const auto node = static_cast<std::uint32_t>(r * side + c);
      if (c + 1 < side) add(node, node + 1);
      if (r + 1 < side) add(node, node + static_cast<std::uint32_t>(side));
    }
  }
  RoadGraph graph;
  graph.profile = profile;
  graph.Assign(std::move(positions), std::move(ids), std::move(edges), 1);
  return graph;
}

TEST(RoadRouter, FollowsOneWaysInADrawing) {
  Drawing d = Draw({
      "A>>>B",
      "|   |",
      "C---D",
  });
  const ContractionHierarchy ch = Contract(d.graph);
  const RoadRouter router(d.graph, ch);
  // A to B directly (100 m at 18 km/h = 20 s); B to A must go round by D and C (300 m).
  const auto ab = router.RouteNodes(d.nodes['A'], d.nodes['B'], true);
  ASSERT_TRUE(ab);
  EXPECT_EQ(ab->time, 200u);
  EXPECT_EQ(ab->nodes, (std::vector<std::uint32_t>{d.nodes['A'], d.nodes['B']}));
  const auto ba = router.RouteNodes(d.nodes['B'], d.nodes['A'], true);
  ASSERT_TRUE(ba);
  EXPECT_EQ(ba->time, 600u);
  EXPECT_EQ(ba->nodes, (std::vector<std::uint32_t>{d.nodes['B'], d.nodes['D'], d.nodes['C'], d.nodes['A']}));
  EXPECT_NEAR(ba->metres, 300, 1);
}

TEST(RoadRouter, NoRouteIntoADeadEndOneWay) {
  Drawing d = Draw({
      "A---B<<<C",
  });
  const ContractionHierarchy ch = Contract(d.graph);
  const RoadRouter router(d.graph, ch);
  EXPECT_FALSE(router.RouteNodes(d.nodes['A'], d.nodes['C'], false));
  EXPECT_TRUE(router.RouteNodes(d.nodes['C'], d.nodes['A'], false));
}

TEST(RoadRouter, HierarchyAgreesWithPlainDijkstraOnRandomGrids) {
  for (unsigned seed = 1; seed <= 4; ++seed) {
    const RoadGraph graph = RandomGrid(30, seed);
    const ContractionHierarchy ch = Contract(graph);
    const RoadRouter router(graph, ch);
    std::mt19937 random(seed * 7);
    std::uniform_int_distribution<std::uint32_t> pick(0, graph.NodeCount() - 1);
    for (int i = 0; i < 200; ++i) {
      const std::uint32_t s = pick(random), t = pick(random);
      const Deciseconds expected = PlainTime(router, s, t);
      const auto route = router.RouteNodes(s, t, true);
      if (expected == kUnreachable) {
        EXPECT_FALSE(route) << s << "->" << t;
        continue;
      }
      ASSERT_TRUE(route) << s << "->" << t;
      EXPECT_EQ(route->time, expected) << s << "->" << t;
      // The unpacked path is made of real arcs that add up to the time.
      ASSERT_EQ(route->nodes.front(), s);
      ASSERT_EQ(route->nodes.back(), t);
      Deciseconds sum = 0;
      for (std::size_t k = 1; k < route->nodes.size(); ++k) {
        const Arc* arc = graph.FindArc(route->nodes[k - 1], route->nodes[k]);
        ASSERT_NE(arc, nullptr);
        sum += arc->time;
      }
      EXPECT_EQ(sum, expected);
    }
  }
}

TEST(RoadRouter, IsochroneHoldsExactlyTheNodesWithinTheLimit) {
  const RoadGraph graph = RandomGrid(25, 11);
  const ContractionHierarchy ch = Contract(graph);
  const RoadRouter router(graph, ch);
  const Seed seeds[] = {{312, 0}};
  const auto reached = router.Isochrone(seeds, 3000);
  std::size_t expected = 0;
  for (std::uint32_t node = 0; node < graph.NodeCount(); ++node) {
    if (PlainTime(router, 312, node) <= 3000) ++expected;
  }
  EXPECT_EQ(reached.size(), expected);
  for (const Reached& r : reached) EXPECT_LE(r.time, 3000u);
  // Reverse: times *to* the seed are those of routes ending there.
  std::vector<Deciseconds> to_seed;
  router.TimesWithin(seeds, 3000, true, to_seed);
  for (std::uint32_t node = 0; node < graph.NodeCount(); node += 17) {
    const Deciseconds plain = PlainTime(router, node, 312);
    EXPECT_EQ(to_seed[node], plain <= 3000 ? plain : kUnreachable) << node;
  }
}

TEST(RoadNetwork, SnapsWithin500MetresAndRefusesFurther) {
  Drawing ride = Draw({"A-------B", "|       |", "C-------D"});
  Drawing walk = Draw({"A-------B", "|       |", "C-------D"}, 5);
  walk.graph.profile = Profile::kWalk;
  auto network = RoadNetwork::FromGraphs(std::move(ride.graph), std::move(walk.graph));
  // 10 m north of the middle of A-B.
  geo::LonLat near = At(4, 0);
  near.lat += 10 / kMetresPerDegreeLat;
  const auto snapped = network->Snap(Profile::kRide, near);
  ASSERT_TRUE(snapped) << snapped.error().detail;
  EXPECT_NEAR(snapped->distance_metres, 10, 0.5);
  EXPECT_NEAR(snapped->t, 0.5, 0.01);
  geo::LonLat far = At(4, 0);
  far.lat += 800 / kMetresPerDegreeLat;
  const auto refused = network->Snap(Profile::kRide, far);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().detail.find("500"), std::string::npos);
}

TEST(RoadNetwork, RoutesBetweenPointsOnSegments) {
  Drawing ride = Draw({"A-------B", "|       |", "C-------D"});
  Drawing walk = Draw({"A-------B", "|       |", "C-------D"}, 5);
  walk.graph.profile = Profile::kWalk;
  auto network = RoadNetwork::FromGraphs(std::move(ride.graph), std::move(walk.graph));
  // From the middle of A-B (200 m long) to the middle of C-D: 100 + 100 + 100 m.
  const auto from = network->Snap(Profile::kRide, At(4, 0));
  const auto to = network->Snap(Profile::kRide, At(4, 2));
  ASSERT_TRUE(from && to);
  const auto route = network->Router(Profile::kRide).Route(*from, *to);
  ASSERT_TRUE(route);
  EXPECT_NEAR(route->metres, 300, 2);
  EXPECT_NEAR(route->time, 600, 2);
  // Along the same segment.
  const auto along = network->Router(Profile::kRide).Route(*from, *network->Snap(Profile::kRide, At(6, 0)));
  ASSERT_TRUE(along);
  EXPECT_NEAR(along->metres, 50, 1);
}

TEST(RoadNetwork, NeverSnapsToAOneWayStubThatCannotBeLeft) {
  // C is reached from B but nothing leaves it: a route could arrive there and never get out.
  const std::vector<std::string> rows = {"A-------B>>>C", "|       |", "D-------E"};
  Drawing ride = Draw(rows);
  Drawing walk = Draw(rows, 5);
  walk.graph.profile = Profile::kWalk;
  ride.graph.Assign(
      ride.graph.positions, ride.graph.osm_ids,
      [&] {
        std::vector<RoadGraph::Edge> edges;
        for (std::uint32_t tail = 0; tail < ride.graph.NodeCount(); ++tail) {
          for (std::uint32_t i = ride.graph.out_begin[tail]; i < ride.graph.out_begin[tail + 1]; ++i) {
            edges.push_back({tail, ride.graph.out_arcs[i]});
          }
        }
        return edges;
      }(),
      2);
  EXPECT_FALSE(ride.graph.routable[ride.nodes['C']]);
  EXPECT_TRUE(ride.graph.routable[ride.nodes['B']]);
  auto network = RoadNetwork::FromGraphs(std::move(ride.graph), std::move(walk.graph));
  // Beside C, the nearest segment is B>C; the snap goes to the ring instead.
  const auto snapped = network->Snap(Profile::kRide, At(12, 0.2));
  ASSERT_TRUE(snapped);
  EXPECT_NE(snapped->b, snapped->a);
  const auto& graph = network->Graph(Profile::kRide);
  EXPECT_TRUE(graph.routable[snapped->a] && graph.routable[snapped->b]);
}

TEST(RoadNetwork, SavesAndLoadsAndRejectsCorruptFiles) {
  auto network = RoadNetwork::FromGraphs(RandomGrid(12, 3, Profile::kRide), RandomGrid(12, 4, Profile::kWalk));
  const std::string path = ::testing::TempDir() + "/roads_test.yrn";
  ASSERT_TRUE(network->Save(path));
  auto loaded = RoadNetwork::Load(path);
  ASSERT_TRUE(loaded) << loaded.error().detail;
  for (Profile profile : {Profile::kRide, Profile::kWalk}) {
    EXPECT_EQ((*loaded)->Graph(profile).NodeCount(), network->Graph(profile).NodeCount());
    for (std::uint32_t t = 0; t < 144; t += 13) {
      const auto a = network->Router(profile).RouteNodes(0, t, false);
      const auto b = (*loaded)->Router(profile).RouteNodes(0, t, false);
      ASSERT_EQ(a.has_value(), b.has_value());
      if (a) {
        EXPECT_EQ(a->time, b->time);
      }
    }
  }
  // Flip one byte in the middle: the checksum catches it.
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  bytes[bytes.size() / 2] ^= 0x5A;
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  auto corrupt = RoadNetwork::Load(path);
  ASSERT_FALSE(corrupt);
  EXPECT_NE(corrupt.error().detail.find("checksum"), std::string::npos);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "not a road file";
  }
  EXPECT_FALSE(RoadNetwork::Load(path));
  std::remove(path.c_str());
}

std::vector<osm::Tag> Tags(std::initializer_list<std::pair<const char*, const char*>> pairs) {
  std::vector<osm::Tag> tags;
  for (const auto& [k, v] : pairs) tags.push_back({k, v});
  return tags;
}

TEST(Profiles, RideAndWalkRules) {
  EXPECT_EQ(RideSpeeds(Tags({{"highway", "motorway"}})).forward_kmh, 0);
  EXPECT_EQ(WalkSpeeds(Tags({{"highway", "motorway"}})).forward_kmh, 0);
  EXPECT_EQ(RideSpeeds(Tags({{"highway", "footway"}})).forward_kmh, 0);
  EXPECT_GT(RideSpeeds(Tags({{"highway", "footway"}, {"bicycle", "yes"}})).forward_kmh, 0);
  EXPECT_EQ(RideSpeeds(Tags({{"highway", "steps"}})).forward_kmh, 0);
  EXPECT_EQ(WalkSpeeds(Tags({{"highway", "steps"}})).forward_kmh, 3);
  const WaySpeeds oneway = RideSpeeds(Tags({{"highway", "residential"}, {"oneway", "yes"}}));
  EXPECT_GT(oneway.forward_kmh, 0);
  EXPECT_EQ(oneway.backward_kmh, 0);
  const WaySpeeds reversed = RideSpeeds(Tags({{"highway", "residential"}, {"oneway", "-1"}}));
  EXPECT_EQ(reversed.forward_kmh, 0);
  EXPECT_GT(reversed.backward_kmh, 0);
  const WaySpeeds contraflow =
      RideSpeeds(Tags({{"highway", "residential"}, {"oneway", "yes"}, {"oneway:bicycle", "no"}}));
  EXPECT_GT(contraflow.backward_kmh, 0);
  EXPECT_GT(RideSpeeds(Tags({{"highway", "primary"}, {"junction", "roundabout"}})).forward_kmh, 0);
  EXPECT_EQ(RideSpeeds(Tags({{"highway", "primary"}, {"junction", "roundabout"}})).backward_kmh, 0);
  // Walkers ignore one-ways; private roads are closed to both unless a tag allows.
  EXPECT_GT(WalkSpeeds(Tags({{"highway", "residential"}, {"oneway", "yes"}})).backward_kmh, 0);
  EXPECT_EQ(RideSpeeds(Tags({{"highway", "service"}, {"access", "private"}})).forward_kmh, 0);
  EXPECT_GT(RideSpeeds(Tags({{"highway", "service"}, {"access", "private"}, {"bicycle", "yes"}})).forward_kmh, 0);
  EXPECT_EQ(WalkSpeeds(Tags({{"highway", "primary"}, {"foot", "no"}})).forward_kmh, 0);
  EXPECT_EQ(RideSpeeds(Tags({{"highway", "residential"}, {"maxspeed", "10"}})).forward_kmh, 10);
  EXPECT_EQ(RideSpeeds(Tags({{"highway", "residential"}, {"bicycle", "dismount"}})).forward_kmh, 5);
  EXPECT_EQ(RideSpeeds(Tags({{"building", "yes"}})).forward_kmh, 0);
}

TEST(RoadNetwork, MonacoFromOpenStreetMap) {
  const std::string path = std::string(YOUHAO_OSM_DIR) + "/monaco.osm.pbf";
  auto data = osm::ReadOsmFile(path);
  if (!data) GTEST_SKIP() << "no Monaco extract: " << data.error().detail;
  const osm::OsmData* files[] = {&*data};
  auto network = RoadNetwork::Build(files);
  const RoadGraph& ride = network->Graph(Profile::kRide);
  const RoadGraph& walk = network->Graph(Profile::kWalk);
  EXPECT_GT(ride.NodeCount(), 3000u);
  EXPECT_GT(walk.NodeCount(), ride.NodeCount() / 2);
  // Casino square to the Oceanographic Museum (about 2 km apart).
  const auto from = network->Snap(Profile::kRide, {7.4281, 43.7396});
  const auto to = network->Snap(Profile::kRide, {7.4253, 43.7308});
  ASSERT_TRUE(from && to);
  const auto route = network->Router(Profile::kRide).Route(*from, *to);
  ASSERT_TRUE(route);
  EXPECT_GT(route->metres, 900);
  EXPECT_LT(route->metres, 4000);
  // The hierarchy agrees with plain Dijkstra on real one-ways.
  const RoadRouter& router = network->Router(Profile::kRide);
  std::mt19937 random(5);
  std::uniform_int_distribution<std::uint32_t> pick(0, ride.NodeCount() - 1);
  int compared = 0;
  for (int i = 0; i < 300; ++i) {
    const std::uint32_t s = pick(random), t = pick(random);
    if (!ride.routable[s] || !ride.routable[t]) continue;
    const Deciseconds expected = PlainTime(router, s, t);
    const auto got = router.RouteNodes(s, t, false);
    ASSERT_EQ(got.has_value(), expected != kUnreachable);
    if (got) {
      EXPECT_EQ(got->time, expected);
    }
    ++compared;
  }
  EXPECT_GT(compared, 100);
  // Points in the sea are refused.
  EXPECT_FALSE(network->Snap(Profile::kRide, {7.45, 43.70}));
}

}  // namespace
}  // namespace youhao::roads
