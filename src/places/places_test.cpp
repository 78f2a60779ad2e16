#include <gtest/gtest.h>

#include <random>

#include <boost/json/parse.hpp>

#include "places/place_directory.h"
#include "places/place_model.h"

namespace youhao::places {
namespace {

schedule::OpeningHours Hours(std::string_view text) { return *schedule::OpeningHours::Parse(text); }

TEST(Grade, FollowsTheChecklistAndHours) {
  AmenitySet full = 0;
  for (const GradeRule& rule : GradeRules()) full |= rule.required;
  EXPECT_EQ(GradeStation(full, Hours("24/7")).grade, 'A');
  // The full set but closed at night: B, and the way to A is 24/7.
  const Grade day = GradeStation(full, Hours("Mo-Su 07:00-22:00"));
  EXPECT_EQ(day.grade, 'B');
  EXPECT_EQ(day.next, 'A');
  EXPECT_EQ(day.missing, std::vector<std::string>{"24/7"});
  // Weekdays only: not 12 hours every day, so C at best.
  EXPECT_EQ(GradeStation(full, Hours("Mo-Fr 07:00-22:00")).grade, 'C');
  const Grade none = GradeStation(Bit(Amenity::kWater), Hours("24/7"));
  EXPECT_EQ(none.grade, 0);
  EXPECT_EQ(none.next, 'C');
  EXPECT_EQ(none.missing, (std::vector<std::string>{"phone_charging", "seats"}));
}

core::Result<PlaceInput> Parse(std::string_view text) {
  const auto object = core::ParseJsonObject(text, PlaceFields());
  if (!object) return object.error();
  return ParsePlaceInput(*object);
}

TEST(PlaceInput, ChecksEveryField) {
  auto ok = Parse(R"({"kind":"station","name":" 学院路驿站 ","lat":39.96,"lon":116.35,"amenities":["water","microwave"],
      "opening_hours":"Mo-Fr 08:00-20:00; PH off","capacity":20,"offers":{"rider_price_yuan":8,"late_meal":"21:00-02:00"},
      "supplies":["姜茶","口罩","姜茶"],"scan_entry":true})");
  ASSERT_TRUE(ok) << ok.error().detail;
  EXPECT_EQ(ok->name, "学院路驿站");
  EXPECT_EQ(ok->amenities, Bit(Amenity::kWater) | Bit(Amenity::kMicrowave));
  EXPECT_EQ(ok->supplies.size(), 2u);
  EXPECT_EQ(*ok->offers.rider_price_yuan, 8);
  // Round trip through the stored form.
  PlaceInput back;
  ReadDetails(DetailsJson(*ok), back);
  EXPECT_EQ(back.supplies, ok->supplies);
  EXPECT_EQ(back.offers.late_meal, "21:00-02:00");

  const auto error_of = [](std::string_view text) {
    auto result = Parse(text);
    return result ? std::string("accepted") : result.error().detail;
  };
  EXPECT_NE(error_of(R"({"kind":"station","name":"x","lat":39.9,"lon":116.3,"opening_hours":"Jan-Mar 08:00-20:00"})")
                .find("opening_hours"),
            std::string::npos);
  // Closed means closed: hours that do not parse are refused, worded from the catalogue.
  const auto bad_hours = Parse(R"({"kind":"station","name":"x","lat":39.9,"lon":116.3,"opening_hours":"Mo-Fr 8-20"})");
  ASSERT_FALSE(bad_hours.ok());
  EXPECT_EQ(bad_hours.error().message, "hours.time_format");
  EXPECT_EQ(bad_hours.error().fields.at("field").as_string(), "opening_hours");
  EXPECT_EQ(bad_hours.error().fields.at("position").as_int64(), 6);
  EXPECT_NE(error_of(R"({"kind":"station","name":"x","lat":39.9,"lon":116.3,"capacity":-1})").find("capacity"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"spa","name":"x","lat":39.9,"lon":116.3})").find("kind"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"station","name":"x","lat":99,"lon":116.3})").find("lat"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"station","name":"x","lat":39.9,"lon":116.3,"amenities":["jacuzzi"]})").find("amenit"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"merchant","name":"x","lat":39.9,"lon":116.3,"scan_entry":true})").find("scan_entry"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"station","name":"x","lat":39.9,"lon":116.3,"offers":{"late_meal":"late"}})")
                .find("late_meal"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"station","name":"x","lat":39.9,"lon":116.3,"phone":"<script>"})").find("phone"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"station","name":"   ","lat":39.9,"lon":116.3})").find("name"), std::string::npos);
}

TEST(PlaceDirectory, StraightLineNearestMatchesBruteForce) {
  std::mt19937 random(3);
  std::uniform_real_distribution<double> lat(39.90, 40.05), lon(116.20, 116.45);
  std::vector<PlacePoint> points;
  points.reserve(3000);
  for (int i = 0; i < 3000; ++i) {
    points.push_back({i + 1,
                      static_cast<PlaceKind>(i % kPlaceKindCount),
                      static_cast<AmenitySet>(random() & 0x7fff),
                      {lon(random), lat(random)},
                      Hours(i % 3 == 0 ? "24/7" : "Mo-Su 08:00-20:00")});
  }
  const PlaceDirectory directory(points, nullptr);
  for (int q = 0; q < 200; ++q) {
    PlaceFilter filter;
    filter.kinds = q % 2 ? 1u : 0u;
    filter.amenities = q % 3 ? Bit(Amenity::kMicrowave) : 0;
    if (q % 5 == 0) filter.open_at = schedule::LocalTime{2, 23 * 60};
    const geo::LonLat from{lon(random), lat(random)};
    const auto got = directory.NearestStraight(from, 10, filter);
    std::vector<std::pair<double, long long>> all;
    for (std::uint32_t i = 0; i < points.size(); ++i) {
      if (!filter.Matches(points[i])) continue;
      const geo::Xy a = directory.Project(from), b = directory.Project(points[i].position);
      all.push_back({std::hypot(a.x - b.x, a.y - b.y), points[i].id});
    }
    std::sort(all.begin(), all.end());
    ASSERT_EQ(got.size(), std::min<std::size_t>(10, all.size()));
    for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(directory.places()[got[i].index].id, all[i].second) << q;
  }
}

TEST(PlaceDirectory, NearestByRoadMatchesRoutingToEveryPlace) {
  // A 20 × 20 grid of streets 100 m apart with random times and one street in five one-way.
  std::mt19937 random(9);
  const auto make = [&random](roads::Profile profile) {
    std::vector<geo::LonLat> positions;
    std::vector<long long> ids;
    std::vector<roads::RoadGraph::Edge> edges;
    const int side = 20;
    for (int r = 0; r < side; ++r) {
      for (int c = 0; c < side; ++c) {
        positions.push_back({116.30 + c * 0.00117, 39.95 + r * 0.0009});
        ids.push_back(r * side + c);
      }
    }
    std::uniform_int_distribution<int> time(150, 300);
    for (int r = 0; r < side; ++r) {
      for (int c = 0; c < side; ++c) {
        const auto node = static_cast<std::uint32_t>(r * side + c);
        const auto link = [&](std::uint32_t other, bool one_way) {
          const auto t = static_cast<roads::Deciseconds>(time(random));
          edges.push_back({node, roads::Arc{other, t, 100}});
          if (!one_way) edges.push_back({other, roads::Arc{node, t, 100}});
        };
        if (c + 1 < side) link(node + 1, r % 5 == 2);
        if (r + 1 < side) link(node + side, c % 5 == 2);
      }
    }
    roads::RoadGraph graph;
    graph.profile = profile;
    graph.Assign(std::move(positions), std::move(ids), std::move(edges), 1);
    return graph;
  };
  auto network = roads::RoadNetwork::FromGraphs(make(roads::Profile::kRide), make(roads::Profile::kWalk));
  std::uniform_real_distribution<double> lat(39.95, 39.967), lon(116.30, 116.322);
  std::vector<PlacePoint> points;
  points.reserve(300);
  for (int i = 0; i < 300; ++i) {
    points.push_back({i + 1, static_cast<PlaceKind>(i % 3), 0, {lon(random), lat(random)}, Hours("24/7")});
  }
  const PlaceDirectory directory(points, network.get());
  const roads::RoadRouter& router = network->Router(roads::Profile::kRide);
  PlaceFilter stations;
  stations.kinds = 1u;
  for (int q = 0; q < 40; ++q) {
    auto from = network->Snap(roads::Profile::kRide, {lon(random), lat(random)});
    ASSERT_TRUE(from);
    const auto got = directory.NearestByRoad(*from, roads::Profile::kRide, 5, stations, 100000);
    std::vector<roads::Deciseconds> all;
    for (std::uint32_t i = 0; i < points.size(); ++i) {
      const auto& target = directory.RoadPoint(i, roads::Profile::kRide);
      if (!stations.Matches(points[i]) || !target) continue;
      if (auto route = router.Route(*from, *target)) all.push_back(route->time);
    }
    std::sort(all.begin(), all.end());
    ASSERT_EQ(got.size(), std::min<std::size_t>(5, all.size()));
    for (std::size_t i = 0; i < got.size(); ++i)
      EXPECT_NEAR(got[i].road_time, all[i], 1) << "query " << q << " rank " << i;
  }
}

}  // namespace
}  // namespace youhao::places
