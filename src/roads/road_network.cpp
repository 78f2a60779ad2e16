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
    return core::MakeProblem(core::ErrorCode::kValidationFailed, "", "roads.invalid_point", "invalid coordinates");
  }
  if (auto snapped = Snapper(profile).Snap(point, kMaxSnapMetres)) return *snapped;
  const std::string detail = fmt::format("no road to {} within {} m of {:.6f},{:.6f}", ProfileName(profile),
                                         static_cast<int>(kMaxSnapMetres), point.lat, point.lon);
  boost::json::object fields{{"profile", ProfileName(profile)},
                             {"within_m", static_cast<int>(kMaxSnapMetres)},
                             {"lat", point.lat},
                             {"lon", point.lon}};
  if (profile == Profile::kRide)
    return core::MakeProblem(core::ErrorCode::kValidationFailed, "", "roads.no_road_to_ride", detail, fields);
  return core::MakeProblem(core::ErrorCode::kValidationFailed, "", "roads.no_road_to_walk", detail, fields);
}

}  // namespace youhao::roads
