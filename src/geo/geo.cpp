#include "geo/geo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace youhao::geo {
namespace {

constexpr double kEarthRadiusMetres = 6371008.8;
constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;
constexpr double kMetresPerDegreeLat = kEarthRadiusMetres * kRadiansPerDegree;

double Cross(Xy o, Xy a, Xy b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

int Sign(double value) { return (value > 0) - (value < 0); }

bool OnSegment(Xy a, Xy b, Xy p) {
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}

bool SegmentsIntersect(Xy a, Xy b, Xy c, Xy d) {
  const int d1 = Sign(Cross(c, d, a));
  const int d2 = Sign(Cross(c, d, b));
  const int d3 = Sign(Cross(a, b, c));
  const int d4 = Sign(Cross(a, b, d));
  if (d1 != d2 && d3 != d4 && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0) return true;
  if (d1 == 0 && OnSegment(c, d, a)) return true;
  if (d2 == 0 && OnSegment(c, d, b)) return true;
  if (d3 == 0 && OnSegment(a, b, c)) return true;
  if (d4 == 0 && OnSegment(a, b, d)) return true;
  return false;
}

}  // namespace

LocalProjection::LocalProjection(LonLat origin)
    : origin_(origin), metres_per_degree_lon_(kMetresPerDegreeLat * std::cos(origin.lat * kRadiansPerDegree)) {}

Xy LocalProjection::ToXy(LonLat point) const {
  return {(point.lon - origin_.lon) * metres_per_degree_lon_, (point.lat - origin_.lat) * kMetresPerDegreeLat};
}

LonLat LocalProjection::ToLonLat(Xy point) const {
  return {origin_.lon + point.x / metres_per_degree_lon_, origin_.lat + point.y / kMetresPerDegreeLat};
}

void BoundingBox::Add(LonLat p) {
  min_lon = std::min(min_lon, p.lon);
  min_lat = std::min(min_lat, p.lat);
  max_lon = std::max(max_lon, p.lon);
  max_lat = std::max(max_lat, p.lat);
}

bool BoundingBox::Contains(LonLat p, double margin) const {
  return p.lon >= min_lon - margin && p.lon <= max_lon + margin && p.lat >= min_lat - margin &&
         p.lat <= max_lat + margin;
}

BoundingBox BoxAround(LonLat centre, double metres) {
  constexpr double kMetresPerDegreeLat = 111195.0;
  const double d_lat = metres / kMetresPerDegreeLat;
  const double d_lon = d_lat / std::max(0.1, std::cos(centre.lat * kRadiansPerDegree));
  return {centre.lon - d_lon, centre.lat - d_lat, centre.lon + d_lon, centre.lat + d_lat};
}

double DistanceMetres(LonLat a, LonLat b) {
  const double d_lat = (b.lat - a.lat) * kRadiansPerDegree;
  const double d_lon = (b.lon - a.lon) * kRadiansPerDegree;
  const double h = std::sin(d_lat / 2) * std::sin(d_lat / 2) + std::cos(a.lat * kRadiansPerDegree) *
                                                                   std::cos(b.lat * kRadiansPerDegree) *
                                                                   std::sin(d_lon / 2) * std::sin(d_lon / 2);
  return 2 * kEarthRadiusMetres * std::asin(std::min(1.0, std::sqrt(h)));
}

double Distance(Xy a, Xy b) { return std::hypot(a.x - b.x, a.y - b.y); }

double BearingDegrees(Xy a, Xy b) {
  const double degrees = std::atan2(b.x - a.x, b.y - a.y) / kRadiansPerDegree;
  return degrees < 0 ? degrees + 360 : degrees;
}

bool RingContains(const std::vector<LonLat>& ring, LonLat point) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const LonLat& a = ring[i];
    const LonLat& b = ring[j];
    if ((a.lat > point.lat) != (b.lat > point.lat) &&
        point.lon < (b.lon - a.lon) * (point.lat - a.lat) / (b.lat - a.lat) + a.lon) {
      inside = !inside;
    }
  }
  return inside;
}

bool PolygonContains(const std::vector<std::vector<LonLat>>& rings, LonLat point) {
  if (rings.empty() || !RingContains(rings[0], point)) return false;
  for (std::size_t i = 1; i < rings.size(); ++i) {
    if (RingContains(rings[i], point)) return false;
  }
  return true;
}

LonLat RingCentroid(const std::vector<LonLat>& ring) {
  if (ring.empty()) return {};
  const LocalProjection projection(ring[0]);
  double area2 = 0, cx = 0, cy = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    const Xy a = projection.ToXy(ring[i]);
    const Xy b = projection.ToXy(ring[i + 1]);
    const double cross = a.x * b.y - b.x * a.y;
    area2 += cross;
    cx += (a.x + b.x) * cross;
    cy += (a.y + b.y) * cross;
  }
  if (std::abs(area2) < 1e-9) {
    LonLat mean;
    for (const LonLat& p : ring) {
      mean.lon += p.lon;
      mean.lat += p.lat;
    }
    return {mean.lon / static_cast<double>(ring.size()), mean.lat / static_cast<double>(ring.size())};
  }
  return projection.ToLonLat({cx / (3 * area2), cy / (3 * area2)});
}

bool RingSelfIntersects(const std::vector<LonLat>& ring) {
  if (ring.size() < 4) return false;
  const LocalProjection projection(ring[0]);
  std::vector<Xy> points;
  points.reserve(ring.size());
  for (const LonLat& p : ring) points.push_back(projection.ToXy(p));
  const std::size_t edges = points.size() - 1;
  for (std::size_t i = 0; i < edges; ++i) {
    for (std::size_t j = i + 1; j < edges; ++j) {
      const bool neighbours = j == i + 1 || (i == 0 && j == edges - 1);
      if (neighbours) continue;
      if (SegmentsIntersect(points[i], points[i + 1], points[j], points[j + 1])) return true;
    }
  }
  return false;
}

Projected ProjectOnSegment(Xy p, Xy a, Xy b) {
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  const double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const Xy point{a.x + t * dx, a.y + t * dy};
  return {point, t, Distance(p, point)};
}

}  // namespace youhao::geo
