#pragma once
/// A city's road network ready for queries: for each profile (ride, walk) its graph, contraction
/// hierarchy, snapper and router. Built from OpenStreetMap at import and saved to one binary
/// file, so that `serve` loads it in milliseconds instead of contracting at start-up.

#include <array>
#include <memory>
#include <span>
#include <string>

#include "core/error.h"
#include "osm/osm_data.h"
#include "roads/contraction.h"
#include "roads/road_graph.h"
#include "roads/road_router.h"
#include "roads/road_snapper.h"

namespace youhao::roads {

/// Points further than this from any road are refused rather than guessed.
inline constexpr double kMaxSnapMetres = 500;

class RoadNetwork {
 public:
  /// Builds and contracts both profiles from the given OSM files.
  static std::unique_ptr<RoadNetwork> Build(std::span<const osm::OsmData* const> files);
  /// Contracts one already-built graph for each profile (tests and synthetic benchmarks).
  static std::unique_ptr<RoadNetwork> FromGraphs(RoadGraph ride, RoadGraph walk);

  /// Writes the graphs and hierarchies to `path` (written to a temporary file, then renamed).
  core::Status Save(const std::string& path) const;
  /// Reads a file written by Save; kValidationFailed naming the problem when it is not one,
  /// is truncated, corrupt (checksum) or from another format version.
  static core::Result<std::unique_ptr<RoadNetwork>> Load(const std::string& path);

  const RoadGraph& Graph(Profile profile) const { return parts_[Index(profile)]->graph; }
  const ContractionHierarchy& Hierarchy(Profile profile) const { return parts_[Index(profile)]->hierarchy; }
  const RoadRouter& Router(Profile profile) const { return *parts_[Index(profile)]->router; }
  const RoadSnapper& Snapper(Profile profile) const { return *parts_[Index(profile)]->snapper; }

  /// The nearest routable point on a road of `profile` within kMaxSnapMetres, or
  /// kValidationFailed ("离最近的道路 N 米，超过 500 米 / no road within 500 m").
  core::Result<SnappedPoint> Snap(Profile profile, geo::LonLat point) const;

  /// The box of all nodes (for "outside the city" checks).
  const geo::BoundingBox& Bounds() const { return bounds_; }

 private:
  struct Part {
    RoadGraph graph;
    ContractionHierarchy hierarchy;
    std::unique_ptr<RoadSnapper> snapper;
    std::unique_ptr<RoadRouter> router;
  };
  static std::size_t Index(Profile profile) { return static_cast<std::size_t>(profile); }
  void Finish();

  std::array<std::unique_ptr<Part>, kProfileCount> parts_;
  geo::BoundingBox bounds_;
};

}  // namespace youhao::roads
