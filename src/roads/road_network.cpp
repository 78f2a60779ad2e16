#include "roads/road_network.h"

#include <cmath>
#include <thread>

#include <fmt/format.h>

#include "roads/road_import.h"

namespace youhao::roads {

std::unique_ptr<RoadNetwork> RoadNetwork::Build(std::span<const osm::OsmData* const> files) {
  return FromGraphs(BuildRoadGraph(files, Profile::kRide), BuildRoadGraph(files, Profile::kWalk));
}

std::unique_ptr<RoadNetwork> RoadNetwork::FromGraphs(RoadGraph ride, RoadGraph walk) {
  auto network = std::unique_ptr<RoadNetwork>(new RoadNetwork());
  for (RoadGraph* graph : {&ride, &walk}) {
    auto part = std::make_unique<Part>();
    part->graph = std::move(*graph);
    network->parts_[Index(part->graph.profile)] = std::move(part);
  }
  // The two hierarchies are independent: contract them side by side.
  std::thread walk_thread([&network] {
    Part& part = *network->parts_[Index(Profile::kWalk)];
    part.hierarchy = Contract(part.graph);
  });
  Part& ride_part = *network->parts_[Index(Profile::kRide)];
  ride_part.hierarchy = Contract(ride_part.graph);
  walk_thread.join();
  network->Finish();
  return network;
}

void RoadNetwork::Finish() {
  for (auto& part : parts_) {
    part->snapper = std::make_unique<RoadSnapper>(part->graph);
    part->router = std::make_unique<RoadRouter>(part->graph, part->hierarchy);
    for (const geo::LonLat& p : part->graph.positions) bounds_.Add(p);
  }
}

core::Result<SnappedPoint> RoadNetwork::Snap(Profile profile, geo::LonLat point) const {
  if (!std::isfinite(point.lat) || !std::isfinite(point.lon)) {
    return core::Error{core::ErrorCode::kValidationFailed, "坐标无效 / invalid coordinates"};
  }
  if (auto snapped = Snapper(profile).Snap(point, kMaxSnapMetres)) return *snapped;
  return core::Error{
      core::ErrorCode::kValidationFailed,
      fmt::format("{:.6f},{:.6f} 附近 {} 米内没有可{}的道路 / no road to {} within {} m of this point", point.lat,
                  point.lon, static_cast<int>(kMaxSnapMetres), profile == Profile::kRide ? "骑行" : "步行",
                  ProfileName(profile), static_cast<int>(kMaxSnapMetres))};
}

}  // namespace youhao::roads
