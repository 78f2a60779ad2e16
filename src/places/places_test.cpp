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
  EXPECT_NE(error_of(R"({"kind":"station","name":"x","lat":39.9,"lon":116.3,"capacity":-1})").find("capacity"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"spa","name":"x","lat":39.9,"lon":116.3})").find("kind"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"station","name":"x","lat":99,"lon":116.3})").find("lat"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"station","name":"x","lat":39.9,"lon":116.3,"amenities":["jacuzzi"]})").find("amenit"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"merchant","name":"x","lat":39.9,"lon":116.3,"scan_entry":true})").find("scan_entry"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"station","name":"x","lat":39.9,"lon":116.3,"offers":{"late_meal":"late"}})").find("late_meal"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"station","name":"x","lat":39.9,"lon":116.3,"phone":"<script>"})").find("phone"), std::string::npos);
  EXPECT_NE(error_of(R"({"kind":"station","name":"   ","lat":39.9,"lon":116.3})").find("name"), std::string::npos);
}

TEST(PlaceDirectory, StraightLineNearestMatchesBruteForce) {
  std::mt19937 random(3);
  std::uniform_real_distribution<double> lat(39.90, 40.05), lon(116.20, 116.45);
  std::vector<PlacePoint> points;
  for (int i = 0; i < 3000; ++i) {
    points.push_back({i + 1, static_cast<PlaceKind>(i % kPlaceKindCount), static_cast<AmenitySet>(random() & 0x7fff),
                      {lon(random), lat(random)}, Hours(i % 3 == 0 ? "24/7" : "Mo-Su 08:00-20:00")});
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

}  // namespace
}  // namespace youhao::places
