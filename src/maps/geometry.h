#pragma once
/// The plane geometry of src/geo, in the maps namespace, plus the bounds of a compound map.

#include "geo/geo.h"
#include "maps/compound_map.h"

namespace youhao::maps {

using geo::BearingDegrees;
using geo::BoundingBox;
using geo::Distance;
using geo::DistanceMetres;
using geo::LocalProjection;
using geo::PolygonContains;
using geo::Projected;
using geo::ProjectOnSegment;
using geo::RingCentroid;
using geo::RingContains;
using geo::RingSelfIntersects;
using geo::Xy;

/// The box around every vertex of every feature of `map`.
BoundingBox MapBounds(const CompoundMap& map);

}  // namespace youhao::maps
