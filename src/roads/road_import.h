#pragma once
/// Road graphs from OpenStreetMap ways, with the rules of riding an e-bike and of walking.

#include <span>

#include "osm/osm_data.h"
#include "roads/road_graph.h"

namespace youhao::roads {

/// Speeds a way allows in each direction of its node order; 0 means not allowed.
struct WaySpeeds {
  double forward_kmh = 0;
  double backward_kmh = 0;
};

/// The e-bike rules: roads and cycleways at 12–20 km/h (never above `maxspeed`); motorways,
/// `bicycle=no`, `access=no/private` (unless `bicycle` allows it), footways and pedestrian
/// streets without `bicycle=yes/designated`, and steps are excluded; `bicycle=dismount` is
/// walking pace. One-ways (`oneway=yes/1/true/-1`, roundabouts) bind unless `oneway:bicycle=no`
/// or an opposite cycleway lane says otherwise.
WaySpeeds RideSpeeds(const std::vector<osm::Tag>& tags);
/// The walking rules: 5 km/h, steps 3 km/h, both directions; motorways, `foot=no` and
/// `access=no/private` (unless `foot` allows it) excluded, as are ways under construction.
WaySpeeds WalkSpeeds(const std::vector<osm::Tag>& tags);

/// The graph of one profile from one or more OSM files (the same node in two overlapping
/// extracts is one node). Only nodes on usable ways are kept; every way becomes arcs between
/// consecutive nodes, timed from the haversine length and the profile's speed.
RoadGraph BuildRoadGraph(std::span<const osm::OsmData* const> files, Profile profile);

}  // namespace youhao::roads
