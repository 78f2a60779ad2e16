#pragma once
/// The approved places held in memory for search: a grid for the k nearest by straight-line
/// distance (with kind, amenity and open-now filters), and each place attached to its road so
/// that "nearby" ranks by real riding time. Rebuilt as a whole when places change (a city's
/// 25,000 places take milliseconds); readers hold a shared_ptr to the version they started with.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/geo.h"
#include "places/place_model.h"
#include "roads/road_network.h"
#include "schedule/opening_hours.h"

namespace youhao::places {

/// What search needs to know about a place.
struct PlacePoint {
  long long id = 0;
  PlaceKind kind = PlaceKind::kStation;
  AmenitySet amenities = 0;
  geo::LonLat position;
  schedule::OpeningHours hours;
  std::string name;
};

/// A query's filters. `kinds` is a bit set of PlaceKind (0 = any); a place must have every
/// amenity in `amenities`; with `open_at`, only places open at that Beijing time; with `only_ids`
/// (sorted), only those places (e.g. the ones with offers to redeem).
struct PlaceFilter {
  std::uint32_t kinds = 0;
  AmenitySet amenities = 0;
  std::optional<schedule::LocalTime> open_at;
  std::shared_ptr<const std::vector<long long>> only_ids;
  bool Matches(const PlacePoint& place) const {
    return (kinds == 0 || ((kinds >> static_cast<int>(place.kind)) & 1u)) &&
           (place.amenities & amenities) == amenities && (!open_at || place.hours.IsOpen(*open_at)) &&
           (!only_ids || std::binary_search(only_ids->begin(), only_ids->end(), place.id));
  }
};

struct NearPlace {
  std::uint32_t index = 0;  ///< into PlaceDirectory::places()
  double straight_metres = 0;
  roads::Deciseconds road_time = roads::kUnreachable;
  double road_metres = 0;  ///< filled by NearestByRoad
};

class PlaceDirectory {
 public:
  /// `network` may be null (no road data: only straight-line search works).
  PlaceDirectory(std::vector<PlacePoint> places, const roads::RoadNetwork* network);

  const std::vector<PlacePoint>& places() const { return places_; }
  /// Index of the place with this id, or nullopt.
  std::optional<std::uint32_t> Find(long long id) const;

  /// The k nearest matching places by straight-line distance, nearest first (ties by id).
  std::vector<NearPlace> NearestStraight(geo::LonLat from, int k, const PlaceFilter& filter) const;

  /// The k matching places with the shortest riding (or walking) time from `from`, searching
  /// the road graph outwards until k are certain or `limit` is passed. Places more than 500 m
  /// from a road are not found. Fills road_metres by routing to each result.
  std::vector<NearPlace> NearestByRoad(const roads::SnappedPoint& from, roads::Profile profile, int k,
                                       const PlaceFilter& filter, roads::Deciseconds limit) const;

  /// Where place `index` joins the road of `profile`, or nullopt when it is too far from any.
  const std::optional<roads::SnappedPoint>& RoadPoint(std::uint32_t index, roads::Profile profile) const {
    return road_points_[static_cast<std::size_t>(profile)][index];
  }

  /// The metric used for straight-line distances: metres east and north of the directory's
  /// reference point (an equirectangular projection, fine for a city).
  geo::Xy Project(geo::LonLat point) const;

 private:
  struct Attachment {
    std::uint32_t place;
    roads::Deciseconds extra;  ///< from the node along the road to the place
  };

  std::vector<PlacePoint> places_;
  const roads::RoadNetwork* network_;
  std::vector<std::pair<long long, std::uint32_t>> by_id_;  // sorted by id
  // Straight-line grid over projected positions.
  double metres_per_degree_lon_ = 1, metres_per_degree_lat_ = 1;
  geo::LonLat origin_;
  double cell_metres_ = 400;
  int columns_ = 1, rows_ = 1;
  double min_x_ = 0, min_y_ = 0;
  std::vector<std::uint32_t> cell_begin_;
  std::vector<std::uint32_t> cell_places_;
  std::vector<geo::Xy> projected_;
  // Road attachments per profile: CSR over graph nodes.
  std::array<std::vector<std::optional<roads::SnappedPoint>>, roads::kProfileCount> road_points_;
  std::array<std::vector<std::uint32_t>, roads::kProfileCount> attach_begin_;
  std::array<std::vector<Attachment>, roads::kProfileCount> attachments_;
};

}  // namespace youhao::places
