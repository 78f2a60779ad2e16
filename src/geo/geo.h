#pragma once
/// Small-area geometry on WGS-84 coordinates. A compound is a few hundred metres across, so a
/// local equirectangular projection around a reference point is accurate to centimetres.

#include <vector>

namespace youhao::geo {

/// A WGS-84 position in degrees.
struct LonLat {
  double lon = 0;
  double lat = 0;
  friend bool operator==(const LonLat&, const LonLat&) = default;
};

/// Metres east (x) and north (y) of a reference point.
struct Xy {
  double x = 0;
  double y = 0;
};

class LocalProjection {
 public:
  explicit LocalProjection(LonLat origin);
  Xy ToXy(LonLat point) const;
  LonLat ToLonLat(Xy point) const;

 private:
  LonLat origin_;
  double metres_per_degree_lon_;
};

/// The smallest lon/lat box holding some points; empty until the first Add.
struct BoundingBox {
  double min_lon = 1e9, min_lat = 1e9, max_lon = -1e9, max_lat = -1e9;

  void Add(LonLat p);
  bool Empty() const { return min_lon > max_lon; }
  /// Inside, or within `margin` degrees of it.
  bool Contains(LonLat p, double margin = 0) const;
  LonLat Centre() const { return {(min_lon + max_lon) / 2, (min_lat + max_lat) / 2}; }
};

/// The lon/lat box holding every point within `metres` of `centre` (for an index range scan
/// before the exact distance test).
BoundingBox BoxAround(LonLat centre, double metres);

/// Great-circle distance in metres (haversine).
double DistanceMetres(LonLat a, LonLat b);

double Distance(Xy a, Xy b);
/// Compass bearing in degrees (0 = north, 90 = east) from a to b.
double BearingDegrees(Xy a, Xy b);

/// True when `point` lies inside the closed ring (even-odd rule; points on an edge count either way).
bool RingContains(const std::vector<LonLat>& ring, LonLat point);
/// Inside the outer ring and outside every hole.
bool PolygonContains(const std::vector<std::vector<LonLat>>& rings, LonLat point);
/// The area-weighted centroid of a closed ring (the vertex mean for degenerate rings).
LonLat RingCentroid(const std::vector<LonLat>& ring);
/// True when two edges of the closed ring cross (touching neighbours excepted).
bool RingSelfIntersects(const std::vector<LonLat>& ring);

/// The closest point to `p` on segment a-b, with its parameter t in [0, 1].
struct Projected {
  Xy point;
  double t = 0;
  double distance = 0;
};
Projected ProjectOnSegment(Xy p, Xy a, Xy b);

}  // namespace youhao::geo
