#include "maps/sample_compound.h"

#include <fmt/format.h>

#include "maps/geometry.h"

namespace youhao::maps {

CompoundMap SampleCompound(int buildings) {
  constexpr int kColumns = 8;
  constexpr double kPitchX = 60;  // metres between building columns
  constexpr double kPitchY = 45;  // metres between building rows
  const int rows = (buildings + kColumns - 1) / kColumns;
  const double width = kColumns * kPitchX + 20;
  const double height = rows * kPitchY + 30;
  const LocalProjection projection({116.3380, 39.9930});
  CompoundMap map;
  map.compound_code = "sample";
  map.compound_name = "样例家园";
  map.version = 1;
  map.source = "drawn";
  long long next_id = 1;
  auto add = [&](Feature feature) {
    feature.id = next_id++;
    map.features.push_back(std::move(feature));
    return map.features.back().id;
  };
  auto at = [&](double x, double y) { return projection.ToLonLat({x, y}); };
  auto line = [&](double x1, double y1, double x2, double y2, bool ride) {
    Feature path;
    path.kind = FeatureKind::kPath;
    path.ride = ride;
    path.geometry = {GeometryType::kLineString, {{at(x1, y1), at(x2, y2)}}};
    add(std::move(path));
  };
  Feature boundary;
  boundary.kind = FeatureKind::kBoundary;
  boundary.label = map.compound_name;
  boundary.geometry = {GeometryType::kPolygon,
                       {{at(-10, 10), at(width, 10), at(width, -height), at(-10, -height), at(-10, 10)}}};
  add(std::move(boundary));

  // Lanes run east-west south of each row; a ring road joins their ends.
  for (int row = 0; row <= rows; ++row) {
    const double y = -row * kPitchY - 5;
    for (int c = 0; c < kColumns; ++c) line(c * kPitchX, y, (c + 1) * kPitchX, y, true);
  }
  for (int row = 0; row < rows; ++row) {
    const double y1 = -row * kPitchY - 5;
    line(0, y1, 0, y1 - kPitchY, true);
    line(kColumns * kPitchX, y1, kColumns * kPitchX, y1 - kPitchY, true);
  }
  for (int b = 0; b < buildings; ++b) {
    const int row = b / kColumns;
    const int column = b % kColumns;
    const double x0 = column * kPitchX + 10;
    const double y0 = -row * kPitchY - 12;  // north face
    Feature building;
    building.kind = FeatureKind::kBuilding;
    building.label = fmt::format("{}号楼", b + 1);
    building.number = std::to_string(b + 1);
    building.floors = 6 + (b % 4) * 6;
    building.geometry = {GeometryType::kPolygon,
                         {{at(x0, y0), at(x0 + 20, y0), at(x0 + 20, y0 - 2), at(x0 + 40, y0 - 2), at(x0 + 40, y0 - 14),
                           at(x0, y0 - 14), at(x0, y0)}}};
    const long long building_id = add(std::move(building));
    const int entrances = 2 + b % 2;
    for (int e = 0; e < entrances; ++e) {
      const double x = x0 + 8 + e * 12;
      const double door_y = y0 - 14;
      Feature entrance;
      entrance.kind = FeatureKind::kEntrance;
      entrance.label = fmt::format("{}单元", e + 1);
      entrance.number = std::to_string(e + 1);
      entrance.building_id = building_id;
      entrance.geometry = Geometry::Point(at(x, door_y));
      add(std::move(entrance));
      // A footpath from the door to the lane south of the row.
      line(x, door_y, x, -(row + 1) * kPitchY - 5, false);
    }
  }
  struct GateSpec {
    const char* label;
    double x, y;
    const char* kind;
    const char* hours;
  };
  const GateSpec gates[] = {{"北门", width / 2 - 10, -5, "vehicle", ""},
                            {"南门", width / 2 - 10, -rows * kPitchY - 5, "pedestrian", ""},
                            {"东门", kColumns * kPitchX, -kPitchY - 5, "vehicle", "Mo-Su 06:00-23:00"},
                            {"西门", 0, -5, "pedestrian", "Mo-Su 06:00-22:00"}};
  for (const GateSpec& spec : gates) {
    Feature gate;
    gate.kind = FeatureKind::kGate;
    gate.label = spec.label;
    gate.gate_kind = spec.kind;
    gate.ride = std::string_view(spec.kind) == "vehicle";
    gate.opening_hours = spec.hours;
    gate.geometry = Geometry::Point(at(spec.x, spec.y));
    add(std::move(gate));
  }
  for (int row = 0; row <= rows; row += 2) {
    for (const double x : {0.0, kColumns * kPitchX / 2, kColumns * kPitchX}) {
      Feature parking;
      parking.kind = FeatureKind::kParking;
      parking.label = "临停区";
      parking.capacity = 20;
      parking.geometry = Geometry::Point(at(x, -row * kPitchY - 5));
      add(std::move(parking));
    }
  }
  Feature cabinet;
  cabinet.kind = FeatureKind::kSwapCabinet;
  cabinet.label = "换电柜";
  cabinet.geometry = Geometry::Point(at(width / 2 + 5, -5));
  add(std::move(cabinet));
  Feature drop_off;
  drop_off.kind = FeatureKind::kDropOff;
  drop_off.label = "外卖柜";
  drop_off.opening_hours = "24/7";
  drop_off.geometry = Geometry::Point(at(width / 2 - 20, -5));
  add(std::move(drop_off));
  return map;
}

}  // namespace youhao::maps
