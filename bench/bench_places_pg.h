#pragma once
/// The GIS team's peer for `youhao-bench places`: the same places and road graph loaded into
/// PostgreSQL with PostGIS and pgRouting, queried the way a GIS engineer would (KNN with a GiST
/// index, `pgr_dijkstra` and `pgr_drivingDistance` on the bounding box the answer needs, and on
/// the whole graph). Knows nothing of Youhao's engine: it gets plain arrays and returns answers
/// and timings, so the bench can put both side by side and check that they agree.

#include <string>
#include <vector>

#include "core/error.h"

namespace youhao::app {

/// One directed-or-two-way road edge, as pgRouting wants it. Costs are seconds of travel; a
/// negative cost or reverse_cost means "not allowed in that direction" (pgRouting's convention).
struct PeerEdge {
  long long id = 0;
  long long source = 0;  ///< vertex id (the bench uses its own node index, 0-based)
  long long target = 0;
  double cost = 0;
  double reverse_cost = -1;
  double source_lon = 0, source_lat = 0, target_lon = 0, target_lat = 0;  ///< WGS-84
};

struct PeerPlace {
  long long id = 0;
  int kind = 0;            ///< small integer
  unsigned amenities = 0;  ///< bit set
  double lat = 0, lon = 0;
};

/// k nearest by straight-line distance among places of `kind` (or any kind when kind < 0) that
/// have every bit of `amenities`.
struct PeerKnnQuery {
  double lat = 0, lon = 0;
  int kind = -1;
  unsigned amenities = 0;
  int k = 10;
};

struct PeerRouteQuery {
  long long source = 0, target = 0;
  /// Bounding box the answer needs (WGS-84); the whole-graph variant ignores it.
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
};

struct PeerIsochroneQuery {
  long long source = 0;
  double max_cost = 0;  ///< seconds
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
};

/// The k places nearest by riding time from one vertex: pgRouting's one-to-many cost from
/// `source` to every candidate vertex, cheapest first.
struct PeerNearestQuery {
  long long source = 0;
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
};

struct PeerKnnResult {
  double queries_per_second = 0;                ///< over all clients
  std::vector<std::vector<long long>> answers;  ///< place ids per query, nearest first (first pass)
};

struct PeerTimedResult {
  double median_ms = 0, p99_ms = 0;
  std::vector<double> values;  ///< per query: agg_cost of the route (-1 when unreachable), or the
                               ///< number of vertices reached within max_cost for an isochrone
  /// NearestByCost only: per query, the reached target vertices, cheapest first (at most k).
  std::vector<std::vector<long long>> vertices;
};

class PostgisPeer {
 public:
  /// Connects to `url` (a database the bench may write to), creates the extensions postgis and
  /// pgrouting, and reports their versions. An error when the extensions are not installed.
  static core::Result<PostgisPeer> Connect(const std::string& url);
  PostgisPeer(PostgisPeer&&) noexcept;
  PostgisPeer& operator=(PostgisPeer&&) noexcept;
  ~PostgisPeer();

  std::string Versions() const;  ///< e.g. "PostgreSQL 15.x, PostGIS 3.3.2, pgRouting 3.4.2"

  /// (Re)creates table `name` (id, source, target, cost, reverse_cost, geom LINESTRING 4326 with a
  /// GiST index) with COPY, then ANALYZE.
  core::Status LoadEdges(const std::string& name, const std::vector<PeerEdge>& edges);
  /// (Re)creates `places` (id, kind, amenities, geom POINT 4326 with a GiST index) with COPY.
  core::Status LoadPlaces(const std::vector<PeerPlace>& places);

  /// Runs the queries round-robin on `clients` connections (threads) for about `seconds`, each
  /// `SELECT id FROM places WHERE (kind = $ OR $ < 0) AND amenities & $ = $ ORDER BY geom <-> point
  /// LIMIT k` as a prepared statement.
  core::Result<PeerKnnResult> Knn(const std::vector<PeerKnnQuery>& queries, int clients, double seconds);
  /// pgr_dijkstra per query (directed), on the edges inside the query's box when `bounding_box`,
  /// else on the whole table.
  /// For each query, the `k` cheapest of `targets` from the source (pgr_dijkstraCost, one to
  /// many, on the edges in the query's box): what a GIS team would run for "the nearest stations
  /// by riding time".
  core::Result<PeerTimedResult> NearestByCost(const std::string& table, const std::vector<PeerNearestQuery>& queries,
                                              const std::vector<long long>& targets, int k);
  core::Result<PeerTimedResult> Dijkstra(const std::string& table, const std::vector<PeerRouteQuery>& queries,
                                         bool bounding_box);
  /// pgr_drivingDistance per query (directed), likewise.
  core::Result<PeerTimedResult> DrivingDistance(const std::string& table,
                                                const std::vector<PeerIsochroneQuery>& queries, bool bounding_box);

 private:
  struct State;
  explicit PostgisPeer(State* state);
  State* state_ = nullptr;
};

}  // namespace youhao::app
