#include "places/place_directory.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <queue>

namespace youhao::places {

PlaceDirectory::PlaceDirectory(std::vector<PlacePoint> places, const roads::RoadNetwork* network)
    : places_(std::move(places)), network_(network) {
  const auto n = static_cast<std::uint32_t>(places_.size());
  by_id_.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) by_id_.push_back({places_[i].id, i});
  std::sort(by_id_.begin(), by_id_.end());

  geo::BoundingBox box;
  for (const PlacePoint& place : places_) box.Add(place.position);
  origin_ = box.Empty() ? geo::LonLat{116.4, 39.9} : box.Centre();
  metres_per_degree_lat_ = 111195.0;
  metres_per_degree_lon_ = 111195.0 * std::cos(origin_.lat * std::numbers::pi / 180);
  projected_.reserve(n);
  for (const PlacePoint& place : places_) projected_.push_back(Project(place.position));
  if (n > 0) {
    min_x_ = Project({box.min_lon, box.min_lat}).x;
    min_y_ = Project({box.min_lon, box.min_lat}).y;
    const geo::Xy max = Project({box.max_lon, box.max_lat});
    // About 4 places per cell on average, but never finer than 100 m.
    const double area = std::max(1.0, (max.x - min_x_) * (max.y - min_y_));
    cell_metres_ = std::max(100.0, std::sqrt(area * 4 / n));
    columns_ = static_cast<int>((max.x - min_x_) / cell_metres_) + 1;
    rows_ = static_cast<int>((max.y - min_y_) / cell_metres_) + 1;
  }
  cell_begin_.assign(static_cast<std::size_t>(columns_) * rows_ + 1, 0);
  std::vector<std::uint32_t> cell_of(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const int column = std::clamp(static_cast<int>((projected_[i].x - min_x_) / cell_metres_), 0, columns_ - 1);
    const int row = std::clamp(static_cast<int>((projected_[i].y - min_y_) / cell_metres_), 0, rows_ - 1);
    cell_of[i] = static_cast<std::uint32_t>(row * columns_ + column);
    ++cell_begin_[cell_of[i] + 1];
  }
  for (std::size_t i = 1; i < cell_begin_.size(); ++i) cell_begin_[i] += cell_begin_[i - 1];
  cell_places_.resize(n);
  std::vector<std::uint32_t> fill(cell_begin_.begin(), cell_begin_.end() - 1);
  for (std::uint32_t i = 0; i < n; ++i) cell_places_[fill[cell_of[i]]++] = i;

  if (network_ == nullptr) return;
  for (int p = 0; p < roads::kProfileCount; ++p) {
    const auto profile = static_cast<roads::Profile>(p);
    const roads::RoadRouter& router = network_->Router(profile);
    auto& points = road_points_[static_cast<std::size_t>(p)];
    points.assign(n, std::nullopt);
    std::vector<std::pair<std::uint32_t, Attachment>> pairs;
    for (std::uint32_t i = 0; i < n; ++i) {
      points[i] = network_->Snapper(profile).Snap(places_[i].position, roads::kMaxSnapMetres);
      if (!points[i]) continue;
      for (const roads::Seed& seed : router.SeedsFor(*points[i], false)) pairs.push_back({seed.node, {i, seed.time}});
    }
    auto& begin = attach_begin_[static_cast<std::size_t>(p)];
    auto& attached = attachments_[static_cast<std::size_t>(p)];
    begin.assign(network_->Graph(profile).NodeCount() + 1, 0);
    for (const auto& [node, attachment] : pairs) ++begin[node + 1];
    for (std::size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
    attached.resize(pairs.size());
    std::vector<std::uint32_t> next(begin.begin(), begin.end() - 1);
    for (const auto& [node, attachment] : pairs) attached[next[node]++] = attachment;
  }
}

geo::Xy PlaceDirectory::Project(geo::LonLat point) const {
  return {(point.lon - origin_.lon) * metres_per_degree_lon_, (point.lat - origin_.lat) * metres_per_degree_lat_};
}

std::optional<std::uint32_t> PlaceDirectory::Find(long long id) const {
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), std::make_pair(id, std::uint32_t{0}));
  if (it == by_id_.end() || it->first != id) return std::nullopt;
  return it->second;
}

std::vector<NearPlace> PlaceDirectory::NearestStraight(geo::LonLat from, int k, const PlaceFilter& filter) const {
  std::vector<NearPlace> result;
  if (k <= 0 || places_.empty()) return result;
  const geo::Xy origin = Project(from);
  // A max-heap of the best k so far, by (squared distance, id).
  using Candidate = std::pair<double, long long>;
  std::vector<std::pair<Candidate, std::uint32_t>> best;
  best.reserve(static_cast<std::size_t>(k) + 1);
  const auto worse = [](const auto& a, const auto& b) { return a.first < b.first; };
  const int centre_column = static_cast<int>(std::floor((origin.x - min_x_) / cell_metres_));
  const int centre_row = static_cast<int>(std::floor((origin.y - min_y_) / cell_metres_));
  // Distance from the origin to the grid's box, so rings that cannot reach it are skipped.
  const int max_ring = std::max({std::abs(centre_column), std::abs(centre_column - columns_), std::abs(centre_row),
                                 std::abs(centre_row - rows_)}) +
                       1;
  for (int ring = 0; ring <= max_ring; ++ring) {
    if (static_cast<int>(best.size()) == k) {
      const double reach = std::max(0, ring - 1) * cell_metres_;
      if (best.front().first.first < reach * reach) break;
    }
    for (int row = centre_row - ring; row <= centre_row + ring; ++row) {
      if (row < 0 || row >= rows_) continue;
      const bool edge_row = row == centre_row - ring || row == centre_row + ring;
      for (int column = centre_column - ring; column <= centre_column + ring;
           column += edge_row || ring == 0 ? 1 : 2 * ring) {
        if (column < 0 || column >= columns_) continue;
        const auto cell = static_cast<std::size_t>(row) * columns_ + column;
        for (std::uint32_t j = cell_begin_[cell]; j < cell_begin_[cell + 1]; ++j) {
          const std::uint32_t i = cell_places_[j];
          const double dx = projected_[i].x - origin.x, dy = projected_[i].y - origin.y;
          const Candidate candidate{dx * dx + dy * dy, places_[i].id};
          if (static_cast<int>(best.size()) == k && !(candidate < best.front().first)) continue;
          if (!filter.Matches(places_[i])) continue;
          best.push_back({candidate, i});
          std::push_heap(best.begin(), best.end(), worse);
          if (static_cast<int>(best.size()) > k) {
            std::pop_heap(best.begin(), best.end(), worse);
            best.pop_back();
          }
        }
      }
    }
  }
  std::sort_heap(best.begin(), best.end(), worse);
  result.reserve(best.size());
  for (const auto& [candidate, index] : best) result.push_back({index, std::sqrt(candidate.first)});
  return result;
}

std::vector<NearPlace> PlaceDirectory::NearestByRoad(const roads::SnappedPoint& from, roads::Profile profile, int k,
                                                     const PlaceFilter& filter, roads::Deciseconds limit) const {
  std::vector<NearPlace> found;
  if (network_ == nullptr || k <= 0) return found;
  const auto p = static_cast<std::size_t>(profile);
  const roads::RoadRouter& router = network_->Router(profile);
  const auto& begin = attach_begin_[p];
  const auto& attached = attachments_[p];
  // Best time per place seen so far (a place can be reached from both ends of its segment).
  std::vector<std::pair<std::uint32_t, roads::Deciseconds>> seen;
  const auto kth_best = [&]() {
    std::vector<roads::Deciseconds> times;
    times.reserve(seen.size());
    for (const auto& entry : seen) times.push_back(entry.second);
    std::nth_element(times.begin(), times.begin() + (k - 1), times.end());
    return times[static_cast<std::size_t>(k - 1)];
  };
  // Places on the worker's own road segment are reached along it, without passing either end.
  const roads::RoadGraph& graph = network_->Graph(profile);
  for (std::uint32_t end_node : {from.a, from.b}) {
    for (std::uint32_t i = begin[end_node]; i < begin[end_node + 1]; ++i) {
      const std::uint32_t index = attached[i].place;
      const auto& point = road_points_[p][index];
      if (!point || !filter.Matches(places_[index])) continue;
      double t = point->t;
      if (point->a == from.b && point->b == from.a) {
        t = 1 - t;
      } else if (point->a != from.a || point->b != from.b) {
        continue;
      }
      const roads::Arc* arc = t >= from.t ? graph.FindArc(from.a, from.b) : graph.FindArc(from.b, from.a);
      if (arc == nullptr) continue;
      const auto time = static_cast<roads::Deciseconds>(std::lround(arc->time * std::abs(t - from.t)));
      if (time > limit) continue;
      auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& e) { return e.first == index; });
      if (it == seen.end()) {
        seen.push_back({index, time});
      } else {
        it->second = std::min(it->second, time);
      }
    }
  }
  const std::vector<roads::Seed> seeds = router.SeedsFor(from, true);
  router.Explore(seeds, limit, false, [&](std::uint32_t node, roads::Deciseconds time) {
    if (static_cast<int>(seen.size()) >= k && kth_best() <= time) return false;
    for (std::uint32_t i = begin[node]; i < begin[node + 1]; ++i) {
      const Attachment& attachment = attached[i];
      if (!filter.Matches(places_[attachment.place])) continue;
      const roads::Deciseconds total = time + attachment.extra;
      if (total > limit) continue;
      auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& e) { return e.first == attachment.place; });
      if (it == seen.end()) {
        seen.push_back({attachment.place, total});
      } else {
        it->second = std::min(it->second, total);
      }
    }
    return true;
  });
  std::sort(seen.begin(), seen.end(), [this](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : places_[a.first].id < places_[b.first].id;
  });
  if (static_cast<int>(seen.size()) > k) seen.resize(static_cast<std::size_t>(k));
  for (const auto& [index, time] : seen) {
    NearPlace near{index, geo::DistanceMetres(from.on_road, places_[index].position), time, 0};
    if (const auto& target = road_points_[p][index]) {
      if (auto route = router.Route(from, *target)) {
        near.road_metres = route->metres;
        near.road_time = route->time;  // the same search, so the same time up to rounding
      }
    }
    found.push_back(near);
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const NearPlace& a, const NearPlace& b) { return a.road_time < b.road_time; });
  return found;
}

}  // namespace youhao::places
