#include "bench/bench_places.h"

#include <atomic>
#include <cmath>
#include <iostream>
#include <random>
#include <set>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "bench/bench_places_pg.h"
#include "bench/bench_util.h"
#include "coverage/coverage_analyzer.h"
#include "places/place_directory.h"
#include "roads/road_network.h"

namespace youhao::app {
namespace {

constexpr double kMetresPerDegree = 111195.0;

/// A side × side grid, 100 m apart, around Haidian; random speeds of 15–20 km/h, one street in
/// seven one-way. Both profiles get the same graph (the bench rides).
roads::RoadGraph SyntheticGrid(int side, roads::Profile profile) {
  std::mt19937 random(2026);
  std::uniform_real_distribution<double> kmh(15, 20);
  const double lat0 = 39.90, lon0 = 116.20;
  const double degree_lon = kMetresPerDegree * std::cos(lat0 * 3.141592653589793 / 180);
  std::vector<geo::LonLat> positions;
  std::vector<long long> ids;
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) {
      positions.push_back({lon0 + c * 100 / degree_lon, lat0 + r * 100 / kMetresPerDegree});
      ids.push_back(r * side + c);
    }
  }
  std::vector<roads::RoadGraph::Edge> edges;
  const auto add = [&](std::uint32_t a, std::uint32_t b, bool one_way) {
    const auto time = static_cast<roads::Deciseconds>(std::lround(100 / (kmh(random) / 3.6) * 10));
    edges.push_back({a, roads::Arc{b, time, 100}});
    if (!one_way) edges.push_back({b, roads::Arc{a, time, 100}});
  };
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) {
      const auto node = static_cast<std::uint32_t>(r * side + c);
      if (c + 1 < side) add(node, node + 1, r % 7 == 3);
      if (r + 1 < side) add(node, node + static_cast<std::uint32_t>(side), c % 7 == 3);
    }
  }
  roads::RoadGraph graph;
  graph.profile = profile;
  graph.Assign(std::move(positions), std::move(ids), std::move(edges));
  return graph;
}

/// The graph's arcs as pgRouting rows: a two-way street with equal times in both directions is
/// one row with a reverse_cost; everything else one row per direction. Costs in seconds.
std::vector<PeerEdge> PeerEdges(const roads::RoadGraph& graph) {
  std::vector<PeerEdge> edges;
  long long id = 1;
  for (std::uint32_t tail = 0; tail < graph.NodeCount(); ++tail) {
    for (std::uint32_t i = graph.out_begin[tail]; i < graph.out_begin[tail + 1]; ++i) {
      const roads::Arc& arc = graph.out_arcs[i];
      const roads::Arc* back = graph.FindArc(arc.node, tail);
      const bool paired = back != nullptr && back->time == arc.time && graph.FindArc(tail, arc.node) == &arc;
      if (paired && arc.node < tail) continue;
      const geo::LonLat a = graph.positions[tail], b = graph.positions[arc.node];
      edges.push_back(
          {id++, tail, arc.node, arc.time / 10.0, paired ? back->time / 10.0 : -1, a.lon, a.lat, b.lon, b.lat});
    }
  }
  return edges;
}

struct Sample {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> routes;
  std::vector<std::uint32_t> isochrones;
};

Sample PickNodes(const roads::RoadGraph& graph, int routes, int isochrones) {
  std::mt19937 random(7);
  std::vector<std::uint32_t> routable;
  for (std::uint32_t n = 0; n < graph.NodeCount(); ++n) {
    if (graph.routable[n]) routable.push_back(n);
  }
  std::uniform_int_distribution<std::size_t> pick(0, routable.size() - 1);
  Sample sample;
  for (int i = 0; i < routes; ++i) sample.routes.push_back({routable[pick(random)], routable[pick(random)]});
  for (int i = 0; i < isochrones; ++i) sample.isochrones.push_back(routable[pick(random)]);
  return sample;
}

void BoxAround(const std::vector<geo::LonLat>& points, double margin_metres, double& min_lon, double& min_lat,
               double& max_lon, double& max_lat) {
  geo::BoundingBox box;
  for (const auto& p : points) box.Add(p);
  const double degree_lon = kMetresPerDegree * std::cos(box.Centre().lat * 3.141592653589793 / 180);
  min_lon = box.min_lon - margin_metres / degree_lon;
  max_lon = box.max_lon + margin_metres / degree_lon;
  min_lat = box.min_lat - margin_metres / kMetresPerDegree;
  max_lat = box.max_lat + margin_metres / kMetresPerDegree;
}

std::string Ratio(double ours, double theirs) {
  if (ours <= 0 || theirs <= 0) return "–";
  return fmt::format("{:.0f}×", theirs / ours);
}

/// One graph's routes and isochrones, ours beside pgRouting's.
void BenchGraph(const std::string& name, const roads::RoadNetwork& network, PostgisPeer* peer, bool quick,
                std::vector<std::string>& rows, std::vector<std::string>& notes) {
  const roads::RoadGraph& graph = network.Graph(roads::Profile::kRide);
  const roads::RoadRouter& router = network.Router(roads::Profile::kRide);
  const Sample sample = PickNodes(graph, quick ? 50 : 200, quick ? 20 : 60);
  // Just under 15 minutes on both sides: our times are whole deciseconds, pgRouting sums doubles,
  // and a node exactly at 900 s would be in or out depending on rounding (about one per query).
  constexpr roads::Deciseconds kFifteenMinutes = 15 * 600 - 1;
  constexpr double kPeerFifteenMinutes = (15 * 600 - 0.5) / 10.0;

  // Ours: route with the node path unpacked (pgr_dijkstra returns the path too).
  std::size_t next = 0;
  std::vector<double> our_costs;
  for (const auto& [s, t] : sample.routes) {
    auto route = router.RouteNodes(s, t, false);
    our_costs.push_back(route ? route->time / 10.0 : -1);
  }
  const Latency route = Measure(quick ? 0.3 : 1.5, [&] {
    const auto& [s, t] = sample.routes[next++ % sample.routes.size()];
    auto found = router.RouteNodes(s, t, true);
    (void)found;
  });
  next = 0;
  std::vector<double> our_counts;
  for (std::uint32_t s : sample.isochrones) {
    const roads::Seed seeds[] = {{s, 0}};
    our_counts.push_back(static_cast<double>(router.Isochrone(seeds, kFifteenMinutes).size()));
  }
  const Latency isochrone = Measure(quick ? 0.3 : 1.5, [&] {
    const roads::Seed seeds[] = {{sample.isochrones[next++ % sample.isochrones.size()], 0}};
    auto reached = router.Isochrone(seeds, kFifteenMinutes);
    (void)reached;
  });

  std::string pg_box_route = "–", pg_whole_route = "–", pg_box_iso = "–", pg_whole_iso = "–";
  std::string route_ratio = "–", iso_ratio = "–";
  if (peer != nullptr) {
    const std::string table = "edges_" + name;
    if (auto loaded = peer->LoadEdges(table, PeerEdges(graph)); !loaded.ok()) {
      notes.push_back("pgRouting load failed: " + loaded.error().detail);
    } else {
      std::vector<PeerRouteQuery> routes;
      for (const auto& [s, t] : sample.routes) {
        PeerRouteQuery q{s, t};
        const double apart = geo::DistanceMetres(graph.positions[s], graph.positions[t]);
        BoxAround({graph.positions[s], graph.positions[t]}, std::max(500.0, apart * 0.3), q.min_lon, q.min_lat,
                  q.max_lon, q.max_lat);
        routes.push_back(q);
      }
      std::vector<PeerIsochroneQuery> isochrones;
      for (std::uint32_t s : sample.isochrones) {
        PeerIsochroneQuery q{s, kPeerFifteenMinutes};
        // The farthest a 15-minute ride at the top speed (20 km/h) can get.
        BoxAround({graph.positions[s]}, 5000, q.min_lon, q.min_lat, q.max_lon, q.max_lat);
        isochrones.push_back(q);
      }
      const std::size_t whole_count = quick ? 5 : 20;
      auto box_routes = peer->Dijkstra(table, routes, true);
      auto whole_routes =
          peer->Dijkstra(table,
                         std::vector<PeerRouteQuery>(
                             routes.begin(), routes.begin() + static_cast<long>(std::min(whole_count, routes.size()))),
                         false);
      auto box_iso = peer->DrivingDistance(table, isochrones, true);
      auto whole_iso = peer->DrivingDistance(
          table,
          std::vector<PeerIsochroneQuery>(
              isochrones.begin(), isochrones.begin() + static_cast<long>(std::min(whole_count, isochrones.size()))),
          false);
      if (box_routes.ok() && whole_routes.ok()) {
        pg_box_route = fmt::format("{:.2f} / {:.2f}", box_routes->median_ms, box_routes->p99_ms);
        pg_whole_route = fmt::format("{:.1f} / {:.1f}", whole_routes->median_ms, whole_routes->p99_ms);
        route_ratio = Ratio(route.median_us / 1000, box_routes->median_ms);
        std::size_t agree = 0, box_longer = 0;
        for (std::size_t i = 0; i < routes.size(); ++i) {
          const double theirs = box_routes->values[i], ours = our_costs[i];
          if ((theirs < 0 && ours < 0) ||
              (theirs >= 0 && ours >= 0 && std::abs(theirs - ours) <= 0.01 * std::max(1.0, ours))) {
            ++agree;
          } else if (theirs > ours || theirs < 0) {
            ++box_longer;  // the box cut off the best route
          }
        }
        std::size_t whole_agree = 0;
        for (std::size_t i = 0; i < whole_routes->values.size(); ++i) {
          const double theirs = whole_routes->values[i], ours = our_costs[i];
          if ((theirs < 0 && ours < 0) ||
              (theirs >= 0 && ours >= 0 && std::abs(theirs - ours) <= 0.01 * std::max(1.0, ours)))
            ++whole_agree;
        }
        notes.push_back(
            fmt::format("{}: route times agree within 1% on {}/{} bounding-box queries ({} where the box cut off the "
                        "best route) and {}/{} whole-graph queries",
                        name, agree, routes.size(), box_longer, whole_agree, whole_routes->values.size()));
      } else {
        notes.push_back("pgr_dijkstra failed: " +
                        (box_routes.ok() ? whole_routes.error().detail : box_routes.error().detail));
      }
      if (box_iso.ok() && whole_iso.ok()) {
        pg_box_iso = fmt::format("{:.2f} / {:.2f}", box_iso->median_ms, box_iso->p99_ms);
        pg_whole_iso = fmt::format("{:.1f} / {:.1f}", whole_iso->median_ms, whole_iso->p99_ms);
        iso_ratio = Ratio(isochrone.median_us / 1000, box_iso->median_ms);
        std::size_t agree = 0;
        for (std::size_t i = 0; i < isochrones.size(); ++i) agree += box_iso->values[i] == our_counts[i] ? 1 : 0;
        notes.push_back(fmt::format(
            "{}: 15-minute isochrones reach the same number of nodes in {}/{} queries (median {:.0f} nodes)", name,
            agree, isochrones.size(), our_counts[our_counts.size() / 2]));
      } else {
        notes.push_back("pgr_drivingDistance failed: " +
                        (box_iso.ok() ? whole_iso.error().detail : box_iso.error().detail));
      }
    }
  }
  rows.push_back(
      fmt::format("| {} point-to-point route (CH, path unpacked) | {:.1f} / {:.1f} µs | pgr_dijkstra, bounding box: {} "
                  "ms; whole graph: {} ms | {} (goal ≥ 20×) |",
                  name, route.median_us, route.p99_us, pg_box_route, pg_whole_route, route_ratio));
  rows.push_back(
      fmt::format("| {} 15-minute isochrone (bounded Dijkstra) | {:.0f} / {:.0f} µs | pgr_drivingDistance, bounding "
                  "box: {} ms; whole graph: {} ms | {} (goal ≥ 10×) |",
                  name, isochrone.median_us, isochrone.p99_us, pg_box_iso, pg_whole_iso, iso_ratio));
}

}  // namespace

int BenchPlaces(const CommandLine& line) {
  const bool quick = line.Has("quick");
  std::vector<std::string> rows, notes;
  std::unique_ptr<PostgisPeer> peer;
  if (auto url = line.Flag("pg")) {
    auto connected = PostgisPeer::Connect(*url);
    if (!connected.ok()) {
      std::cerr << "youhao-bench places: " << connected.error().detail << "\n";
      return 1;
    }
    peer = std::make_unique<PostgisPeer>(std::move(*connected));
    notes.push_back("Peer: " + peer->Versions() + ", on the same 2-core machine, over loopback.");
  } else {
    notes.push_back("No --pg URL: PostGIS/pgRouting columns are empty (bench/places.sh provides one).");
  }

  // Monaco, a whole small city.
  const std::string monaco_path = OsmDirectory(line) + "/monaco.osm.pbf";
  auto monaco_data = osm::ReadOsmFile(monaco_path);
  if (monaco_data.ok()) {
    const osm::OsmData* files[] = {&*monaco_data};
    const auto started = Clock::now();
    auto monaco = roads::RoadNetwork::Build(files);
    const double build_s = std::chrono::duration<double>(Clock::now() - started).count();
    const std::string file = "/tmp/youhao-bench-monaco.yrn";
    (void)monaco->Save(file);
    const auto load_started = Clock::now();
    auto reloaded = roads::RoadNetwork::Load(file);
    const double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - load_started).count();
    std::remove(file.c_str());
    notes.push_back(
        fmt::format("Monaco: ride graph {} nodes / {} arcs, walk {} nodes; import + contraction of both {:.2f} s; "
                    "loading the stored file {:.1f} ms",
                    monaco->Graph(roads::Profile::kRide).NodeCount(), monaco->Graph(roads::Profile::kRide).ArcCount(),
                    monaco->Graph(roads::Profile::kWalk).NodeCount(), build_s, load_ms));
    BenchGraph("monaco", *monaco, peer.get(), quick, rows, notes);
  } else {
    notes.push_back("Monaco skipped: " + monaco_data.error().detail);
  }

  // A synthetic grid of ~100,000 edges.
  const int side = 224;
  const auto grid_started = Clock::now();
  auto grid = roads::RoadNetwork::FromGraphs(SyntheticGrid(side, roads::Profile::kRide),
                                             SyntheticGrid(side, roads::Profile::kWalk));
  const double grid_build_s = std::chrono::duration<double>(Clock::now() - grid_started).count();
  notes.push_back(
      fmt::format("Grid: {} nodes, {} two-way street segments ({} arcs); contraction of both profiles {:.2f} s",
                  grid->Graph(roads::Profile::kRide).NodeCount(), PeerEdges(grid->Graph(roads::Profile::kRide)).size(),
                  grid->Graph(roads::Profile::kRide).ArcCount(), grid_build_s));
  BenchGraph("grid", *grid, peer.get(), quick, rows, notes);

  // 25,000 places on the grid's area; k = 10 nearest with filters.
  std::mt19937 random(11);
  const roads::RoadGraph& grid_graph = grid->Graph(roads::Profile::kRide);
  geo::BoundingBox box;
  for (const auto& p : grid_graph.positions) box.Add(p);
  std::uniform_real_distribution<double> lat(box.min_lat, box.max_lat), lon(box.min_lon, box.max_lon);
  std::vector<places::PlacePoint> points;
  points.reserve(25000);
  const auto always = *schedule::OpeningHours::Parse("24/7");
  const auto day = *schedule::OpeningHours::Parse("Mo-Su 08:00-22:00");
  for (int i = 0; i < 25000; ++i) {
    points.push_back({i + 1,
                      static_cast<places::PlaceKind>(random() % 6),
                      static_cast<places::AmenitySet>(random() & 0x7fff),
                      {lon(random), lat(random)},
                      i % 3 == 0 ? always : day});
  }
  const places::PlaceDirectory directory(points, grid.get());
  std::vector<PeerKnnQuery> knn_queries;
  std::vector<places::PlaceFilter> filters;
  for (int i = 0; i < 1000; ++i) {
    PeerKnnQuery q{lat(random), lon(random), i % 2 == 0 ? 0 : -1,
                   i % 3 == 0 ? places::Bit(places::Amenity::kMicrowave) : 0u, 10};
    knn_queries.push_back(q);
    places::PlaceFilter filter;
    filter.kinds = q.kind < 0 ? 0u : 1u << q.kind;
    filter.amenities = q.amenities;
    filters.push_back(filter);
  }
  // Two threads, as the peer gets two clients.
  const double knn_seconds = quick ? 0.5 : 3.0;
  std::atomic<long long> done{0};
  const auto knn_deadline = Clock::now() + std::chrono::duration<double>(knn_seconds);
  const auto knn_started = Clock::now();
  {
    std::vector<std::jthread> threads;
    threads.reserve(2);
    for (int t = 0; t < 2; ++t) {
      threads.emplace_back([&, t] {
        long long count = 0;
        for (std::size_t i = static_cast<std::size_t>(t); Clock::now() < knn_deadline; i += 2) {
          const auto& q = knn_queries[i % knn_queries.size()];
          auto near = directory.NearestStraight({q.lon, q.lat}, q.k, filters[i % filters.size()]);
          count += near.empty() ? 0 : 1;
        }
        done += count;
      });
    }
  }
  const double knn_qps =
      static_cast<double>(done.load()) / std::chrono::duration<double>(Clock::now() - knn_started).count();
  std::string pg_knn = "–", knn_ratio = "–";
  if (peer) {
    // PostGIS gets planar coordinates in the same metric as ours (metres / 111195 east and north of
    // the directory's origin), so that `<->` orders exactly as our equirectangular distance does.
    std::vector<PeerPlace> peer_places;
    for (const auto& p : points) {
      const geo::Xy xy = directory.Project(p.position);
      peer_places.push_back(
          {p.id, static_cast<int>(p.kind), p.amenities, xy.y / kMetresPerDegree, xy.x / kMetresPerDegree});
    }
    std::vector<PeerKnnQuery> projected = knn_queries;
    for (auto& q : projected) {
      const geo::Xy xy = directory.Project({q.lon, q.lat});
      q.lat = xy.y / kMetresPerDegree;
      q.lon = xy.x / kMetresPerDegree;
    }
    if (auto loaded = peer->LoadPlaces(peer_places); !loaded.ok()) {
      notes.push_back("PostGIS load failed: " + loaded.error().detail);
    } else if (auto knn = peer->Knn(projected, 2, knn_seconds); knn.ok()) {
      pg_knn = fmt::format("{:.0f}/s", knn->queries_per_second);
      knn_ratio = Ratio(1.0 / knn_qps, 1.0 / knn->queries_per_second);
      std::size_t same = 0;
      for (std::size_t i = 0; i < knn_queries.size(); ++i) {
        const auto ours = directory.NearestStraight({knn_queries[i].lon, knn_queries[i].lat}, 10, filters[i]);
        std::vector<long long> ids;
        ids.reserve(ours.size());
        for (const auto& n : ours) ids.push_back(directory.places()[n.index].id);
        same += ids == knn->answers[i] ? 1 : 0;
      }
      notes.push_back(
          fmt::format("k-nearest: the same 10 places in the same order in {}/{} queries", same, knn_queries.size()));
    } else {
      notes.push_back("PostGIS KNN failed: " + knn.error().detail);
    }
  }
  rows.push_back(
      fmt::format("| 10 nearest of 25,000 places by straight line (the endpoint's path only without a road network), "
                  "kind/amenity filters, 2 threads | {:.0f}/s | PostGIS KNN `<->` + "
                  "GiST, 2 clients: {} | {} (goal ≥ 50×) |",
                  knn_qps, pg_knn, knn_ratio));

  // Nearest by road (no peer: PostGIS has no road distance without pgRouting per place).
  std::size_t next = 0;
  std::vector<roads::SnappedPoint> origins;
  for (int i = 0; i < 200; ++i) {
    if (auto snapped = grid->Snapper(roads::Profile::kRide).Snap({lon(random), lat(random)}, 500))
      origins.push_back(*snapped);
  }
  places::PlaceFilter stations;
  stations.kinds = 1u;
  stations.amenities = places::Bit(places::Amenity::kMicrowave);
  const Latency by_road = Measure(quick ? 0.3 : 1.5, [&] {
    auto near = directory.NearestByRoad(origins[next++ % origins.size()], roads::Profile::kRide, 10, stations, 36000);
    (void)near;
  });
  // The peer: pgRouting's one-to-many cost from the origin's nearer node to the nearer node of
  // every such station, the 10 cheapest, on the edges within 5 km. Both sides snap to the road;
  // ours also counts the metres along the snapped segments, so answers may differ near ties.
  std::string pg_by_road = "–", by_road_ratio = "–";
  if (peer) {
    const roads::RoadGraph& ride = grid->Graph(roads::Profile::kRide);
    const auto nearer = [](const roads::SnappedPoint& at) { return at.t < 0.5 ? at.a : at.b; };
    std::vector<long long> targets;
    std::unordered_map<long long, std::vector<std::uint32_t>> places_at;
    for (std::uint32_t i = 0; i < directory.places().size(); ++i) {
      if (!stations.Matches(directory.places()[i])) continue;
      const auto& road = directory.RoadPoint(i, roads::Profile::kRide);
      if (!road) continue;
      const long long vertex = nearer(*road);
      if (places_at[vertex].empty()) targets.push_back(vertex);
      places_at[vertex].push_back(i);
    }
    std::vector<PeerNearestQuery> queries;
    const std::size_t count = std::min<std::size_t>(origins.size(), quick ? 10 : 60);
    for (std::size_t i = 0; i < count; ++i) {
      PeerNearestQuery q{nearer(origins[i])};
      BoxAround({ride.positions[static_cast<std::size_t>(q.source)]}, 5000, q.min_lon, q.min_lat, q.max_lon, q.max_lat);
      queries.push_back(q);
    }
    if (auto theirs = peer->NearestByCost("edges_grid", queries, targets, 10); theirs.ok()) {
      pg_by_road =
          fmt::format("pgr_dijkstraCost one-to-many, 5 km box: {:.1f} / {:.1f} ms", theirs->median_ms, theirs->p99_ms);
      by_road_ratio = Ratio(by_road.median_us / 1000, theirs->median_ms);
      std::size_t overlap = 0, total = 0;
      for (std::size_t i = 0; i < queries.size(); ++i) {
        std::set<std::uint32_t> ours;
        for (const auto& n : directory.NearestByRoad(origins[i], roads::Profile::kRide, 10, stations, 36000))
          ours.insert(n.index);
        for (long long vertex : theirs->vertices[i]) {
          for (std::uint32_t index : places_at[vertex]) overlap += ours.contains(index) ? 1 : 0;
        }
        total += ours.size();
      }
      notes.push_back(
          fmt::format("nearest by riding time: {} of our {} answers are among pgRouting's (which snaps to "
                      "the nearer node where we snap to the segment)",
                      overlap, total));
    } else {
      notes.push_back("pgr_dijkstraCost failed: " + theirs.error().detail);
    }
  }
  rows.push_back(fmt::format(
      "| 10 nearest stations with a microwave by riding time (grid; the endpoint's path with a road network) | "
      "{:.0f} / {:.0f} µs | {} | {} |",
      by_road.median_us, by_road.p99_us, pg_by_road, by_road_ratio));

  // A district's coverage: 500 stations, 5,000 compounds and depots, 24 hours, cells.
  std::vector<coverage::Station> coverage_stations;
  coverage_stations.reserve(500);
  for (int i = 0; i < 500; ++i) {
    coverage_stations.push_back({i + 1, "", {lon(random), lat(random)}, i % 5 < 3 ? always : day});
  }
  std::vector<coverage::DemandPoint> demand;
  demand.reserve(5000);
  for (int i = 0; i < 5000; ++i)
    demand.push_back({i % 10 ? "compound" : "depot", "", 0, "", {lon(random), lat(random)}});
  const coverage::CoverageAnalyzer analyzer(*grid);
  const auto coverage_started = Clock::now();
  const auto analysis = analyzer.Analyze(demand, coverage_stations, 15, schedule::LocalTime{.weekday = 2}, 23);
  const double coverage_s = std::chrono::duration<double>(Clock::now() - coverage_started).count();
  rows.push_back(
      fmt::format("| district coverage: 500 stations, 5,000 compounds/depots, 24 hours + cells | {:.3f} s ({} of {} "
                  "covered at 23:00, {} cells) | – | goal ≤ 2 s |",
                  coverage_s, analysis.by_hour[23].covered, analysis.by_hour[23].total, analysis.cells.size()));

  std::cout << "## youhao-bench places\n\n";
  std::cout << "| what | youhao (median / p99) | peer in the same run (median / p99) | youhao's advantage "
               "|\n|---|---|---|---|\n";
  for (const auto& row : rows) std::cout << row << "\n";
  std::cout << "\n";
  for (const auto& note : notes) std::cout << "- " << note << "\n";
  std::cout << fmt::format("- Peak RSS of the bench process: {} MB\n", PeakRssMegabytes());
  return 0;
}

}  // namespace youhao::app
