#include "maps/compound_map.h"
#include "core/json_output.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "maps/geometry.h"

namespace youhao::maps {
namespace {

TEST(CompoundMapGeoJson, RoundTripsEveryProperty) {
  Feature gate;
  gate.id = 7;
  gate.kind = FeatureKind::kGate;
  gate.geometry = Geometry::Point({116.3301234567, 39.9901234567});
  gate.label = "北门";
  gate.gate_kind = "vehicle";
  gate.green_lane = true;
  gate.opening_hours = "Mo-Su 06:00-23:00";
  gate.media = {"/media/gate-7.jpg"};
  const auto json = FeatureToGeoJson(gate);
  const auto text = core::SerializeJson(json);
  EXPECT_NE(text.find("[116.330123,39.990123]"), std::string::npos) << text;
  EXPECT_EQ(core::SerializeJson(boost::json::parse(R"({"a":"1E2 \" 3E1","b":[1.5E-3,-2E2,7]})")),
            R"({"a":"1E2 \" 3E1","b":[0.0015,-200,7]})");
  auto back = FeatureFromGeoJson(boost::json::parse(text), "feature 1");
  ASSERT_TRUE(back.ok()) << back.error().detail;
  EXPECT_EQ(back->id, 7);
  EXPECT_EQ(back->label, "北门");
  EXPECT_EQ(back->gate_kind, "vehicle");
  EXPECT_TRUE(back->green_lane);
  EXPECT_EQ(back->opening_hours, "Mo-Su 06:00-23:00");
  EXPECT_EQ(back->media.size(), 1u);
}

struct BadCase {
  const char* name;
  const char* geojson;
  const char* expected_in_detail;
};

class CompoundMapRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(CompoundMapRejects, NamesTheProblem) {
  const BadCase& bad = GetParam();
  auto result = FeaturesFromGeoJsonText(bad.geojson);
  ASSERT_FALSE(result.ok()) << bad.name;
  EXPECT_NE(result.error().detail.find(bad.expected_in_detail), std::string::npos) << result.error().detail;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CompoundMapRejects,
    ::testing::Values(
        BadCase{"not json", "{", "not valid JSON"},
        BadCase{"wrong root", R"({"type":"Topology"})", "FeatureCollection"},
        BadCase{"unknown kind",
                R"({"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"kind":"castle"}})",
                "unknown kind"},
        BadCase{"no label",
                R"({"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"kind":"gate"}})",
                "needs a label"},
        BadCase{
            "latitude",
            R"({"type":"Feature","geometry":{"type":"Point","coordinates":[116,95]},"properties":{"kind":"landmark"}})",
            "latitude 95"},
        BadCase{
            "unclosed",
            R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]},"properties":{"kind":"building","label":"3号楼"}}]})",
            "feature 1 (3号楼): polygon ring is not closed"},
        BadCase{
            "bow tie",
            R"({"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]},"properties":{"kind":"boundary"}})",
            "intersects itself"},
        BadCase{
            "gate as line",
            R"({"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]},"properties":{"kind":"gate","label":"北门"}})",
            "cannot have this geometry"},
        BadCase{
            "bad flag",
            R"({"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]},"properties":{"kind":"path","ride":"yes"}})",
            "ride must be true or false"},
        BadCase{
            "bad gate kind",
            R"({"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]},"properties":{"kind":"gate","label":"g","gate_kind":"drawbridge"}})",
            "gate_kind"},
        BadCase{
            "bad media",
            R"j({"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]},"properties":{"kind":"landmark","media":["javascript:alert(1)"]}})j",
            "media"},
        BadCase{
            "second feature",
            R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]},"properties":{"kind":"landmark"}},{"type":"Feature","geometry":null,"properties":{"kind":"landmark"}}]})",
            "feature 2: geometry is required"}),
    [](const auto& test_info) {
      std::string name = test_info.param.name;
      for (char& c : name) c = (c == ' ') ? '_' : c;
      return name;
    });

TEST(CompoundMapGeoJson, NumbersAndSectionsComeFromLabels) {
  auto features = FeaturesFromGeoJsonText(R"({"type":"FeatureCollection","features":[
    {"type":"Feature","geometry":{"type":"Point","coordinates":[116.33,39.99]},"properties":{"kind":"building","label":"东区3号楼"}},
    {"type":"Feature","geometry":{"type":"Point","coordinates":[116.33,39.99]},"properties":{"kind":"building","label":"B座"}},
    {"type":"Feature","geometry":{"type":"Point","coordinates":[116.33,39.99]},"properties":{"kind":"entrance","label":"二单元"}},
    {"type":"Feature","geometry":{"type":"Point","coordinates":[116.33,39.99]},"properties":{"kind":"building","label":"3栋","number":"3A"}}]})");
  ASSERT_TRUE(features.ok()) << features.error().detail;
  EXPECT_EQ((*features)[0].section, "东区");
  EXPECT_EQ((*features)[0].number, "3");
  EXPECT_EQ((*features)[1].number, "B");
  EXPECT_EQ((*features)[2].number, "2");
  EXPECT_EQ((*features)[3].number, "3A");  // given numbers are kept
}

TEST(CompoundMapGeoJson, RefusesHugeInputBeforeParsing) {
  std::string huge(kMaxGeoJsonBytes + 1, ' ');
  auto result = FeaturesFromGeoJsonText(huge);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, core::ErrorCode::kBodyTooLarge);
}

TEST(Geometry, ContainmentCentroidAndDistance) {
  const std::vector<LonLat> square{{0, 0}, {0.001, 0}, {0.001, 0.001}, {0, 0.001}, {0, 0}};
  EXPECT_TRUE(RingContains(square, {0.0005, 0.0005}));
  EXPECT_FALSE(RingContains(square, {0.002, 0.0005}));
  const LonLat centroid = RingCentroid(square);
  EXPECT_NEAR(centroid.lon, 0.0005, 1e-9);
  EXPECT_NEAR(centroid.lat, 0.0005, 1e-9);
  // One thousandth of a degree of latitude is about 111 m.
  EXPECT_NEAR(DistanceMetres({116.33, 39.99}, {116.33, 39.991}), 111.2, 0.2);
  const LocalProjection projection({116.33, 39.99});
  const Xy east = projection.ToXy({116.331, 39.99});
  EXPECT_NEAR(east.x, DistanceMetres({116.33, 39.99}, {116.331, 39.99}), 0.05);
  EXPECT_NEAR(BearingDegrees({0, 0}, east), 90, 1e-6);
}

}  // namespace
}  // namespace youhao::maps
