#include "roads/road_import.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

namespace youhao::roads {
namespace {

using osm::TagValue;

bool IsYes(std::string_view value) { return value == "yes" || value == "designated" || value == "permissive"; }
bool IsNo(std::string_view value) { return value == "no" || value == "private" || value == "use_sidepath"; }

double RideSpeedOf(std::string_view highway) {
  if (highway == "trunk" || highway == "trunk_link" || highway == "primary" || highway == "primary_link" ||
      highway == "secondary" || highway == "secondary_link") {
    return 20;
  }
  if (highway == "tertiary" || highway == "tertiary_link" || highway == "unclassified" || highway == "residential" ||
      highway == "cycleway" || highway == "road") {
    return 18;
  }
  if (highway == "living_street" || highway == "service") return 12;
  if (highway == "track" || highway == "path" || highway == "bridleway") return 10;
  return 0;
}

/// `maxspeed` in km/h when it is a plain number (or "N mph"); 0 when absent or unreadable.
double MaxSpeed(const std::vector<osm::Tag>& tags) {
  const std::string_view text = TagValue(tags, "maxspeed");
  double value = 0;
  std::size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') value = value * 10 + (text[i++] - '0');
  if (i == 0 || value > 200) return 0;
  if (text.substr(i).find("mph") != std::string_view::npos) value *= 1.609;
  return value;
}

bool ExcludedEverywhere(const std::vector<osm::Tag>& tags, std::string_view highway) {
  return highway.empty() || highway == "motorway" || highway == "motorway_link" || highway == "construction" ||
         highway == "proposed" || highway == "raceway" || highway == "bus_guideway" || highway == "platform" ||
         highway == "abandoned" || TagValue(tags, "area") == "yes";
}

}  // namespace

WaySpeeds RideSpeeds(const std::vector<osm::Tag>& tags) {
  const std::string_view highway = TagValue(tags, "highway");
  if (ExcludedEverywhere(tags, highway) || highway == "steps") return {};
  const std::string_view bicycle = TagValue(tags, "bicycle");
  if (bicycle == "no" || bicycle == "use_sidepath") return {};
  double speed = RideSpeedOf(highway);
  if (highway == "footway" || highway == "pedestrian" || highway == "corridor") speed = IsYes(bicycle) ? 10 : 0;
  if (highway == "path" && TagValue(tags, "foot") == "designated" && !IsYes(bicycle)) speed = 0;
  if (speed == 0) return {};
  const std::string_view access = TagValue(tags, "access");
  if (IsNo(access) && !IsYes(bicycle)) return {};
  if (IsNo(TagValue(tags, "vehicle")) && !IsYes(bicycle)) return {};
  if (bicycle == "dismount") speed = 5;
  if (const double limit = MaxSpeed(tags); limit > 0) speed = std::min(speed, limit);

  const std::string_view oneway = TagValue(tags, "oneway");
  const std::string_view oneway_bicycle = TagValue(tags, "oneway:bicycle");
  const std::string_view cycleway = TagValue(tags, "cycleway");
  const bool contraflow = oneway_bicycle == "no" || cycleway.starts_with("opposite");
  if (contraflow || oneway == "no") return {speed, speed};
  if (oneway == "-1" || oneway_bicycle == "-1") return {0, speed};
  if (oneway == "yes" || oneway == "1" || oneway == "true" || oneway_bicycle == "yes" ||
      TagValue(tags, "junction") == "roundabout" || TagValue(tags, "junction") == "circular") {
    return {speed, 0};
  }
  return {speed, speed};
}

WaySpeeds WalkSpeeds(const std::vector<osm::Tag>& tags) {
  const std::string_view highway = TagValue(tags, "highway");
  if (ExcludedEverywhere(tags, highway)) return {};
  const std::string_view foot = TagValue(tags, "foot");
  if (foot == "no" || foot == "use_sidepath") return {};
  if (IsNo(TagValue(tags, "access")) && !IsYes(foot)) return {};
  if ((highway == "trunk" || highway == "trunk_link") && !IsYes(foot) && TagValue(tags, "sidewalk").empty()) {
    return {};
  }
  const double speed = highway == "steps" ? 3 : 5;
  return {speed, speed};
}

RoadGraph BuildRoadGraph(std::span<const osm::OsmData* const> files, Profile profile) {
  std::unordered_map<long long, std::uint32_t> index_of;
  std::vector<geo::LonLat> positions;
  std::vector<long long> osm_ids;
  std::vector<RoadGraph::Edge> edges;
  const auto node_index = [&](const osm::Node& node) {
    auto [it, inserted] = index_of.try_emplace(node.id, static_cast<std::uint32_t>(positions.size()));
    if (inserted) {
      positions.push_back({node.lon, node.lat});
      osm_ids.push_back(node.id);
    }
    return it->second;
  };
  // A way present in two overlapping extracts is added once.
  std::unordered_map<long long, bool> seen_ways;
  for (const osm::OsmData* file : files) {
    for (const osm::Way& way : file->ways) {
      const WaySpeeds speeds = profile == Profile::kRide ? RideSpeeds(way.tags) : WalkSpeeds(way.tags);
      if (speeds.forward_kmh <= 0 && speeds.backward_kmh <= 0) continue;
      if (!seen_ways.try_emplace(way.id, true).second) continue;
      const osm::Node* previous = nullptr;
      for (long long id : way.node_ids) {
        const osm::Node* node = file->FindNode(id);
        if (node == nullptr) {
          previous = nullptr;  // the way leaves the extract: cut it there
          continue;
        }
        if (previous != nullptr && previous->id != node->id) {
          const std::uint32_t a = node_index(*previous);
          const std::uint32_t b = node_index(*node);
          const double metres = geo::DistanceMetres({previous->lon, previous->lat}, {node->lon, node->lat});
          const auto time_of = [metres](double kmh) {
            return static_cast<Deciseconds>(std::max(1.0, std::round(metres / (kmh / 3.6) * 10)));
          };
          if (speeds.forward_kmh > 0) {
            edges.push_back({a, Arc{b, time_of(speeds.forward_kmh), static_cast<float>(metres)}});
          }
          if (speeds.backward_kmh > 0) {
            edges.push_back({b, Arc{a, time_of(speeds.backward_kmh), static_cast<float>(metres)}});
          }
        }
        previous = node;
      }
    }
  }
  RoadGraph graph;
  graph.profile = profile;
  graph.Assign(std::move(positions), std::move(osm_ids), std::move(edges));
  return graph;
}

}  // namespace youhao::roads
