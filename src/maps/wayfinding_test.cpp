#include "maps/wayfinding.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace youhao::maps {
namespace {

/// A campus with named and numbered buildings, as OpenStreetMap has them: 教三楼 but no 3号楼
/// would read "教三楼" as building 3; here there is a 3号楼 too, so a wrong reading shows.
CompoundMap Campus() {
  CompoundMap map;
  map.compound_code = "110108008001001";
  long long next_id = 1;
  double lon = 116.35;
  auto add = [&](FeatureKind kind, std::string label, std::string section = "", long long building_id = 0) {
    Feature feature;
    feature.id = next_id++;
    feature.kind = kind;
    feature.label = std::move(label);
    feature.section = std::move(section);
    feature.building_id = building_id;
    feature.geometry = Geometry::Point({lon += 0.0005, 39.96});
    DeriveNumbers(feature);
    map.features.push_back(std::move(feature));
    return map.features.back().id;
  };
  add(FeatureKind::kBuilding, "教三楼");
  add(FeatureKind::kBuilding, "3号楼");
  add(FeatureKind::kBuilding, "学生5号公寓");
  add(FeatureKind::kBuilding, "5号楼");
  const long long ten = add(FeatureKind::kBuilding, "10号楼");
  add(FeatureKind::kEntrance, "1单元", "", ten);
  add(FeatureKind::kBuilding, "23号楼");
  add(FeatureKind::kBuilding, "7号楼", "东区");
  add(FeatureKind::kBuilding, "7号楼", "西区");
  add(FeatureKind::kBuilding, "食堂");
  add(FeatureKind::kBuilding, "未编号楼栋");
  add(FeatureKind::kLandmark, "菜鸟驿站");
  return map;
}

struct TargetCase {
  std::string_view text;
  std::string_view label;   ///< DisplayLabel of the target; "" when none
  std::string_view wanted;  ///< when none: what the address names
  bool compound_named = false;
};

void PrintTo(const TargetCase& c, std::ostream* out) { *out << c.text; }

constexpr TargetCase kTargetCases[] = {
    {"教三楼", "教三楼", ""},
    {"北邮教三楼201", "教三楼", ""},
    {"3号楼", "3号楼", ""},
    {"学生5号公寓302", "学生5号公寓", ""},
    {"5号楼2单元", "5号楼", ""},
    {"食堂对面5号楼", "5号楼", ""},
    {"食堂", "食堂", ""},
    // The building's first door when the unit is not given; the building when the unit is unknown.
    {"10号楼", "10号楼1单元", ""},
    {"10号楼2单元", "10号楼", ""},
    {"东区7号楼", "东区7号楼", ""},
    {"西区7号楼", "西区7号楼", ""},
    {"送到菜鸟驿站", "菜鸟驿站", ""},
    // Not on the map: what the address names, for the message.
    {"教五楼", "", "教五楼"},
    {"99号楼", "", "99号楼"},
    {"科学楼", "", "科学楼"},
    {"放门口", "", ""},
    {"未编号楼栋", "", ""},
    // "23楼" after the compound's own name is building 23; after another word it is that word's.
    {"农大小区23楼", "23号楼", "", true},
    {"农大小区23楼", "", "农大小区23楼", false},
};

class FindTargetTest : public testing::TestWithParam<TargetCase> {};

TEST_P(FindTargetTest, FindsTheBuildingTheAddressNames) {
  const TargetCase& c = GetParam();
  const CompoundMap map = Campus();
  const AddressTarget target = FindTarget(map, address::ParseAddress(c.text), c.text, c.compound_named);
  if (c.label.empty()) {
    EXPECT_EQ(target.feature, nullptr) << target.label;
    EXPECT_EQ(target.wanted, c.wanted);
    return;
  }
  ASSERT_NE(target.feature, nullptr) << "wanted " << target.wanted;
  EXPECT_EQ(DisplayLabel(map, *target.feature), c.label);
  EXPECT_EQ(target.label, c.label);
}

INSTANTIATE_TEST_SUITE_P(Table, FindTargetTest, testing::ValuesIn(kTargetCases));

TEST(FindTarget, TwoBuildingsOfOneNameAreOfferedAsAlternatives) {
  const CompoundMap map = Campus();
  const AddressTarget target = FindTarget(map, address::ParseAddress("7号楼"), "7号楼", false);
  ASSERT_NE(target.feature, nullptr);
  EXPECT_EQ(target.label, "东区7号楼");
  EXPECT_EQ(target.alternatives, std::vector<std::string>{"西区7号楼"});
}

TEST(TargetNotFound, IsACataloguedNotFound) {
  AddressTarget named;
  named.wanted = "教五楼";
  const core::Error error = TargetNotFound(named);
  EXPECT_EQ(error.code, core::ErrorCode::kNotFound);
  EXPECT_EQ(error.Name(), "not_found");
  EXPECT_EQ(error.message, "maps.building_not_found");
  EXPECT_EQ(error.fields.at("building").as_string(), "教五楼");
  const core::Error none = TargetNotFound(AddressTarget{});
  EXPECT_EQ(none.message, "maps.no_building_named");
  EXPECT_TRUE(none.fields.empty());
}

}  // namespace
}  // namespace youhao::maps
